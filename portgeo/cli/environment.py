"""The environment variables the command line reads, checked at start, before any work.

portgeo reads ``PORTGEO_DATA_DIR``, ``PORTGEO_CACHE_DIR``, ``PORTGEO_CHROMIUM`` and
``PORTGEO_LOG_LEVEL`` once, into :mod:`portgeo.settings`, when it is imported. A bad value used
to surface in the middle of a run, as a traceback (a data folder that does not exist) or not at
all (a log level that is no level fell back to WARNING). :func:`check_environment` checks every
variable that is set, and every data file a data folder must hold (the catalogue with its opening
states, the register of opened air ports, the admission rule, the speed profile, the ferries),
and raises one :class:`~portgeo.errors.InputError` naming the variable, its value, what is
wrong and the fix. :func:`portgeo.cli.main` calls it before it builds its parser (which already
reads the catalogue) and prints the message as one line, exit code 2.

The checks look at the values portgeo will use (:mod:`portgeo.settings`), for the variables that
are set: an unset variable means a default, and a default cache folder that cannot be written is
still worked around in memory with one warning (:mod:`portgeo._cache`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from portgeo import settings
from portgeo.catalogue import load_catalogue
from portgeo.cli.boundary import USER_ERRORS
from portgeo.errors import InputError, PortgeoError
from portgeo.roads.ferries import load_ferries
from portgeo.roads.speeds import load_speed_profile
from portgeo.rules.admission.register import load_register
from portgeo.rules.admission.rule import load_admission_rule

__all__ = ["LOG_LEVELS", "check_environment", "log_level"]

#: Values ``PORTGEO_LOG_LEVEL`` may take.
LOG_LEVELS: tuple[str, ...] = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

_DATA_FIX = "unset it to use the embedded data, or point it at a copy of portgeo's data/ folder"
_CACHE_FIX = (
    "unset it to use ~/.cache/portgeo, or point it at a folder you can write (it is created "
    "when missing)"
)
_CHROMIUM_FIX = "unset it to use /usr/bin/chromium, or point it at a Chromium executable"

#: What a data folder must hold, as the loaders that read it (each raises on a missing or
#: malformed file, naming it).
_DATA_LOADERS: tuple[Callable[[], object], ...] = (
    load_catalogue,  # plans, columns, regions, sites, opening states
    load_register,
    load_admission_rule,  # with the airport settings
    load_speed_profile,
    load_ferries,
)


def _fail(name: str, value: str, problem: str, fix: str) -> InputError:
    text = " ".join(str(problem).split())
    if len(text) > 300:
        text = text[:297] + "..."
    return InputError(f"{name}={value}: {text}; {fix}")


def _check_data_dir(value: str, folder: Path) -> None:
    name = "PORTGEO_DATA_DIR"
    if not folder.exists():
        raise _fail(name, value, "no such folder", _DATA_FIX)
    if not folder.is_dir():
        raise _fail(name, value, "is a file, not a folder", _DATA_FIX)
    caught: tuple[type[BaseException], ...] = (PortgeoError, KeyError, ValueError, *USER_ERRORS)
    for load in _DATA_LOADERS:
        try:
            load()
        except caught as exc:
            problem = str(exc) if isinstance(exc, PortgeoError) else f"{type(exc).__name__} {exc}"
            raise _fail(name, value, problem, _DATA_FIX) from exc


def _check_cache_dir(value: str, folder: Path) -> None:
    name = "PORTGEO_CACHE_DIR"
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is None:  # pragma: no cover - the root always exists
        raise _fail(name, value, "no part of the path exists", _CACHE_FIX)
    if not existing.is_dir():
        where = "is a file, not a folder" if existing == folder else f"{existing} is a file"
        raise _fail(name, value, where, _CACHE_FIX)
    if not os.access(existing, os.W_OK | os.X_OK):
        raise _fail(name, value, f"the folder {existing} is not writable", _CACHE_FIX)


def _check_chromium(value: str, path: Path) -> None:
    name = "PORTGEO_CHROMIUM"
    if not path.exists():
        raise _fail(name, value, "no such file", _CHROMIUM_FIX)
    if not path.is_file():
        raise _fail(name, value, "is not a file", _CHROMIUM_FIX)
    if not os.access(path, os.X_OK):
        raise _fail(name, value, "is not executable", _CHROMIUM_FIX)


def check_environment(environ: Mapping[str, str] | None = None) -> None:
    """Check every portgeo environment variable that is set, before any work.

    Parameters
    ----------
    environ : mapping, optional
        The environment (default ``os.environ``): which variables are set, and their text for
        messages. The paths checked are those of :mod:`portgeo.settings`, which portgeo read
        from these variables when it was imported.

    Raises
    ------
    portgeo.errors.InputError
        One line: ``NAME=value: what is wrong; the fix``. ``PORTGEO_DATA_DIR`` must be a
        folder whose data files are all there and parse; ``PORTGEO_CACHE_DIR`` a folder that
        can be written or created; ``PORTGEO_CHROMIUM`` an executable file;
        ``PORTGEO_LOG_LEVEL`` one of :data:`LOG_LEVELS`.
    """
    env = os.environ if environ is None else environ
    level = env.get("PORTGEO_LOG_LEVEL", "").strip()
    if level and level.upper() not in LOG_LEVELS:
        raise _fail("PORTGEO_LOG_LEVEL", level, "is not a log level",
                    f"unset it, or give one of {', '.join(LOG_LEVELS)}")  # fmt: skip
    if env.get("PORTGEO_CHROMIUM", "").strip():
        _check_chromium(env["PORTGEO_CHROMIUM"], Path(settings.chromium_path))
    if env.get("PORTGEO_CACHE_DIR", "").strip():
        _check_cache_dir(env["PORTGEO_CACHE_DIR"], Path(settings.cache_dir).expanduser())
    if env.get("PORTGEO_DATA_DIR") and settings.data_dir is not None:
        _check_data_dir(env["PORTGEO_DATA_DIR"], Path(settings.data_dir))


def log_level() -> int:
    """Return the logging level named by ``settings.log_level``.

    Returns
    -------
    int

    Raises
    ------
    portgeo.errors.InputError
        The name is not one of :data:`LOG_LEVELS` (never a silent WARNING).
    """
    name = str(settings.log_level).strip().upper()
    if name not in LOG_LEVELS:
        raise InputError(f"settings.log_level must be one of {', '.join(LOG_LEVELS)}, got "
                         f"{settings.log_level!r}")  # fmt: skip
    return int(getattr(logging, name))
