r"""What the command line prints: text a terminal shows as written, whatever a name holds.

Names reach the terminal from users' files (candidate lists, opened-port lists, volume tables).
Every line goes through :func:`echo`, which writes control characters (newlines, ANSI escapes,
bidi overrides) as visible escapes (:func:`portgeo._output.printable`), so a name cannot start
a new record, recolour the screen or hide text. JSON goes through
:func:`portgeo._output.json_text`, which escapes the same characters as ``\uXXXX``.

A terminal that cannot show Chinese (``LANG=C``, ``PYTHONIOENCODING=ascii``) is not an error in
the user's files: :func:`prepare_streams` switches the streams to ``\uXXXX`` escapes for what
they cannot encode and says so in one line on stderr.
"""

from __future__ import annotations

import codecs
import io
import sys
from typing import TextIO

from portgeo._output import printable

__all__ = ["echo", "prepare_streams"]

#: A sample of what portgeo prints; a stream that cannot encode it cannot show the output.
_SAMPLE = "口岸 ≥ 200 km ²→"


def _cannot_encode(stream: TextIO) -> str | None:
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return None
    try:
        _SAMPLE.encode(encoding)
    except UnicodeEncodeError:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding
    return None


def _u_escape(exc: UnicodeError) -> tuple[str, int]:
    r"""Codec error handler: what a stream cannot encode becomes ``\\uXXXX`` (JSON's escapes)."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        cp = ord(ch)
        if cp > 0xFFFF:  # a surrogate pair, as JSON spells it
            cp -= 0x10000
            out.append(f"\\u{0xD800 + (cp >> 10):04x}\\u{0xDC00 + (cp & 0x3FF):04x}")
        else:
            out.append(f"\\u{cp:04x}")
    return "".join(out), exc.end


#: The error handler :func:`prepare_streams` sets; JSON on such a stream stays valid JSON.
U_ESCAPE = "portgeo-u-escape"
codecs.register_error(U_ESCAPE, _u_escape)


def prepare_streams() -> None:
    r"""Make stdout and stderr safe for any terminal encoding (call once, at start).

    Where a stream's encoding cannot write Chinese, it is reconfigured to write what it cannot
    encode as ``\u53e3`` escapes (so JSON output stays valid JSON), and one line on stderr says how to see the
    names: output stays readable and complete, and is never mistaken for a broken input file.
    """
    note = None
    for stream in (sys.stdout, sys.stderr):
        enc = _cannot_encode(stream)
        if enc is not None and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=U_ESCAPE)
            note = enc
    if note is not None:
        print(
            f"portgeo: note: this terminal's encoding ({note}) cannot show Chinese; names are "
            "written as \\u escapes (set LANG=C.UTF-8 or PYTHONIOENCODING=utf-8 to see them)",
            file=sys.stderr,
        )


def echo(line: object = "", *, err: bool = False) -> None:
    r"""Print one line of output, with its control characters shown as escapes.

    Parameters
    ----------
    line : object
        The line (``str(line)``); a newline inside it is written as ``\n``.
    err : bool, default False
        Write to stderr instead of stdout.
    """
    print(printable(line), file=sys.stderr if err else sys.stdout)
