"""The languages of portgeo's words for people: Chinese by default, English on request.

Maps, the admission report and the rule's explanations speak one language at a time, never
both in one label. The language codes and their check live here, below every stage that has
words (the rules' explanations and the maps' labels), so that both read the same list.
"""

from __future__ import annotations

from portgeo.errors import InputError

__all__ = ["LANGS", "check_lang"]

#: Languages of portgeo's words: Chinese (the default) or English, never both in one label.
LANGS: tuple[str, ...] = ("zh", "en")


def check_lang(lang: str) -> str:
    """Return ``lang`` if portgeo speaks it.

    Parameters
    ----------
    lang : str
        One of :data:`LANGS`.

    Returns
    -------
    str

    Raises
    ------
    portgeo.errors.InputError
        Another language.
    """
    if lang not in LANGS:
        raise InputError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    return lang
