"""The register of opened air ports (已开放航空口岸), and which of them were open at a date.

``data/registers/opened_air_ports.csv`` has one row per airport that is, or was, an opened air
port of the mainland: its kind (``class-1``: approved by the State Council; ``temporary``:
临时开放 only; ``approved-not-accepted``), the dates of approval, opening (acceptance, 验收) and
closure where a source gives them, the earliest dated evidence of it operating as an air port
when the opening date is unknown, the hub airport of the catalogue it is (``hub_entity``), a
point, a confidence and a source. See ``data/README.md`` for the columns and how complete the
list is believed to be.

Dates are partial (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, only as precise as the source): a
date is an interval, and whether a port was open at a date ``D`` is three-valued
(:func:`open_state`):

- ``True``: it opened (or is shown operating) by ``D`` and had not closed;
- ``False``: it was not yet approved, had closed, is of a kind that does not count, or is an
  approved port the register knows was not accepted;
- ``None``: the register cannot tell (approved but no opening found before ``D``, or ``D`` falls
  inside a partial date). The admission check treats an unknown port as unknown, never as absent.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from portgeo._data import data_path, is_blank, read_data_csv
from portgeo.airports import lookup_airport
from portgeo.catalogue import load_catalogue
from portgeo.errors import CatalogueError, InputError

__all__ = [
    "REGISTER_COLUMNS",
    "REGISTER_KINDS",
    "PartialDate",
    "as_of_date",
    "count_by_year",
    "count_open_ports",
    "load_register",
    "open_state",
    "parse_partial_date",
    "register_path",
    "register_start",
]

#: Kinds of register rows.
REGISTER_KINDS: tuple[str, ...] = ("class-1", "temporary", "approved-not-accepted")
#: Columns of ``data/registers/opened_air_ports.csv``, in order.
REGISTER_COLUMNS: tuple[str, ...] = (
    "id", "name_zh", "name_en", "iata", "icao", "province", "city_zh", "kind", "approved",
    "approval_doc", "opened", "opened_evidence", "closed", "closed_reason", "successor_id",
    "hub_entity", "lat", "lon", "precision", "coord_source", "confidence", "source",
    "source_url", "note",
)  # fmt: skip
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A date known to a year, a month or a day: the interval ``[start, end]``.

    Attributes
    ----------
    start, end : datetime.date
        First and last day the date can be.
    text : str
        As written.
    """

    start: dt.date
    end: dt.date
    text: str


def parse_partial_date(text: object, *, what: str = "date") -> PartialDate | None:
    """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (blank gives None).

    Parameters
    ----------
    text : object
    what : str
        Name of the value, for the message.

    Returns
    -------
    PartialDate or None

    Raises
    ------
    portgeo.errors.InputError
        Any other text, or a date that does not exist.
    """
    if is_blank(text):
        return None
    s = str(text).strip()
    m = _DATE_RE.match(s)
    if not m:
        raise InputError(f"{what} must be YYYY, YYYY-MM or YYYY-MM-DD, got {s!r}")
    y, mo, d = (int(g) if g else None for g in m.groups())
    assert y is not None
    try:
        if mo is None:
            return PartialDate(dt.date(y, 1, 1), dt.date(y, 12, 31), s)
        if d is None:
            last = calendar.monthrange(y, mo)[1]
            return PartialDate(dt.date(y, mo, 1), dt.date(y, mo, last), s)
        day = dt.date(y, mo, d)
    except ValueError as exc:
        raise InputError(f"{what} {s!r} is not a calendar date") from exc
    return PartialDate(day, day, s)


def as_of_date(text: str | dt.date | None = None) -> dt.date:
    """Return the analysis date: the end of a year or month given, or today.

    Parameters
    ----------
    text : str, datetime.date or None
        ``YYYY`` (its 31 December), ``YYYY-MM`` (its last day), ``YYYY-MM-DD``, a date, or None
        for today.

    Returns
    -------
    datetime.date

    Raises
    ------
    portgeo.errors.InputError
        A malformed or empty date.
    """
    if text is None:
        return dt.date.today()
    if isinstance(text, dt.date):
        return text
    parsed = parse_partial_date(text, what="--as-of")
    if parsed is None:
        raise InputError("--as-of is empty; give a date: YYYY, YYYY-MM or YYYY-MM-DD")
    return parsed.end


def register_path() -> Path:
    """Return the path of the register file.

    Returns
    -------
    pathlib.Path
    """
    return data_path("registers", "opened_air_ports.csv")


def _row_problems(df: pd.DataFrame) -> list[str]:
    """Every inconsistency of the register's rows (ids, kinds, confidence, sources, links, dates)."""
    problems: list[str] = []
    if df["id"].duplicated().any():
        problems.append(f"duplicate ids {sorted(df['id'][df['id'].duplicated()])}")
    bad_kind = df[~df["kind"].isin(REGISTER_KINDS)]
    if not bad_kind.empty:
        problems.append(f"kind not in {REGISTER_KINDS}: " + ", ".join(
            f"{i} ({k!r})" for i, k in zip(bad_kind["id"], bad_kind["kind"], strict=True)))  # fmt: skip
    bad_conf = df[~df["confidence"].isin(["high", "medium", "low"])]
    if not bad_conf.empty:
        problems.append(f"confidence not high/medium/low: {list(bad_conf['id'])}")
    no_source = df[df["source"].isna()]
    if not no_source.empty:
        problems.append(f"rows without a source: {list(no_source['id'])}")
    low = df[
        (df["confidence"] == "low") & ~df["source"].fillna("").str.contains("general knowledge")
    ]
    if not low.empty:
        problems.append(
            f"confidence low but the source does not say 'general knowledge': {list(low['id'])}"
        )
    bad_succ = df[df["successor_id"].notna() & ~df["successor_id"].isin(set(df["id"]))]
    if not bad_succ.empty:
        problems.append(f"unknown successor_id: {list(bad_succ['id'])}")
    ents = set(load_catalogue().entities["id"])
    bad_hub = df[df["hub_entity"].notna() & ~df["hub_entity"].isin(ents)]
    if not bad_hub.empty:
        problems.append(f"hub_entity not in the catalogue: {list(bad_hub['id'])}")
    for col in ("approved", "opened", "opened_evidence", "closed"):
        for rid, value in zip(df["id"], df[col], strict=True):
            try:
                parse_partial_date(value, what=col)
            except InputError as exc:
                problems.append(f"{rid}: {exc}")
    return problems


def _locate_rows(df: pd.DataFrame, problems: list[str]) -> pd.DataFrame:
    """Fill missing lat/lon from the airport lookup by IATA code (problems appended)."""
    df = df.copy()
    lat = pd.to_numeric(df["lat"], errors="raise").astype(float)
    lon = pd.to_numeric(df["lon"], errors="raise").astype(float)
    sources = df["coord_source"].copy()
    precision = df["precision"].copy()
    for i in df.index[lat.isna() | lon.isna()]:
        if is_blank(df.at[i, "iata"]):
            problems.append(f"{df.at[i, 'id']}: no IATA code and no lat/lon")
            continue
        try:
            ap = lookup_airport(str(df.at[i, "iata"]))
        except InputError as exc:
            problems.append(f"{df.at[i, 'id']}: {exc}; give lat/lon with a coord_source")
            continue
        lat[i], lon[i], sources[i] = ap.lat, ap.lon, ap.source
        if is_blank(precision[i]):
            precision[i] = "exact"  # an airport reference point, as portgeo.sites reads it
    df["lat"], df["lon"], df["coord_source"], df["precision"] = lat, lon, sources, precision
    return df


@functools.lru_cache(maxsize=4)
def _load_register_cached(path: str) -> pd.DataFrame:
    p = Path(path)
    df = read_data_csv(p)
    missing = [c for c in REGISTER_COLUMNS if c not in df.columns]
    if missing:
        raise CatalogueError(f"{p.name}: missing columns {missing}")
    problems = _row_problems(df)
    if not problems:
        df = _locate_rows(df, problems)
    if problems:
        raise CatalogueError(f"register {p.name} is inconsistent:\n  " + "\n  ".join(problems))
    return df


def load_register(path: str | Path | None = None) -> pd.DataFrame:
    """Load and check the register of opened air ports, every row located.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        Another file with :data:`REGISTER_COLUMNS` (default :func:`register_path`).

    Returns
    -------
    pandas.DataFrame
        :data:`REGISTER_COLUMNS`, ``lat``/``lon`` as floats (from the row, or by IATA code
        through :func:`portgeo.airports.lookup_airport` with ``coord_source`` saying which;
        such a row's blank ``precision`` is ``exact``, as :mod:`portgeo.sites` reads airports).
        Treat as read-only (cached).

    Raises
    ------
    portgeo.errors.CatalogueError
        A missing column, a duplicate id, an unknown kind, successor or hub, a malformed date,
        a row without a source or without a point.
    """
    return _load_register_cached(str(Path(path) if path is not None else register_path()))


def register_start(register: pd.DataFrame) -> PartialDate:
    """Return the register's earliest dated entry: before it, the register can tell nothing.

    Parameters
    ----------
    register : pandas.DataFrame
        From :func:`load_register`.

    Returns
    -------
    PartialDate
        The earliest of every ``approved``, ``opened``, ``opened_evidence`` and ``closed`` date
        (by its first day).

    Raises
    ------
    portgeo.errors.CatalogueError
        The register has no date at all.
    """
    dates = [
        d
        for col in ("approved", "opened", "opened_evidence", "closed")
        for d in map(parse_partial_date, register[col])
        if d is not None
    ]
    if not dates:
        raise CatalogueError("the register of opened air ports has no dated entry")
    return min(dates, key=lambda d: d.start)


def _state(
    row: pd.Series,
    day: dt.date,
    kinds: tuple[str, ...],
    moved: tuple[PartialDate, str] | None = None,
) -> tuple[bool | None, str]:
    approved = parse_partial_date(row["approved"])
    opened = parse_partial_date(row["opened"]) or parse_partial_date(row["opened_evidence"])
    closed = parse_partial_date(row["closed"])
    if row["kind"] not in kinds:
        return False, f"{row['kind']} (does not count as an opened air port)"
    if closed is not None and closed.end <= day:
        return False, f"closed {closed.text}"
    if approved is not None and approved.start > day:
        return False, f"approved {approved.text}, after {day.isoformat()}"
    if moved is not None:  # the port moved here from a closed predecessor
        moved_on, name = moved
        if moved_on.start > day:
            return (
                False,
                f"the port moves here from {name} {moved_on.text}, after {day.isoformat()}",
            )
        if moved_on.end > day:
            return (
                None,
                f"the port moved here from {name} {moved_on.text} (not precise enough for {day.isoformat()})",
            )
    actual = parse_partial_date(row["opened"])
    if actual is not None and actual.start > day:
        return False, f"opens {actual.text}, after {day.isoformat()}"
    if row["kind"] == "approved-not-accepted":
        when = f"approved {approved.text}" if approved else "approved"
        return False, f"{when}, not accepted as far as the register knows"
    if moved is not None and (opened is None or opened.end <= moved[0].end):
        return True, f"moved here from {moved[1]} {moved[0].text}"
    if opened is None:
        when = f"approved {approved.text}" if approved else "no date of approval"
        return None, f"{when}; no date of opening in the register"
    if opened.end <= day:
        if closed is not None and closed.start <= day:
            return None, f"closed {closed.text}"
        how = "opened" if not is_blank(row["opened"]) else "operating by"
        return True, f"{how} {opened.text}"
    if opened.start > day:
        if approved is not None:
            return None, f"approved {approved.text}; opening shown only from {opened.text}"
        return None, f"shown operating only from {opened.text}"
    return None, f"opened {opened.text} (the date is not precise enough for {day.isoformat()})"


def open_state(
    register: pd.DataFrame, day: dt.date, *, kinds: tuple[str, ...] = ("class-1",)
) -> pd.DataFrame:
    """Tell which register rows were opened air ports at a date.

    Parameters
    ----------
    register : pandas.DataFrame
        From :func:`load_register`.
    day : datetime.date
        The analysis date.
    kinds : tuple of str, default ("class-1",)
        Kinds that count (the rule's ``opened_kinds``).

    Returns
    -------
    pandas.DataFrame
        The register plus ``open`` (True, False or None) and ``state`` (why, in words). A row
        that succeeds a closed one (``successor_id``) is not open before the predecessor closed:
        the port moved on that date, whatever the row's own evidence of the port says.
    """
    # a successor cannot host the port before its predecessor closed (the port moved)
    moved: dict[str, tuple[PartialDate, str]] = {}
    for _, row in register.iterrows():
        closed = parse_partial_date(row["closed"])
        if not is_blank(row["successor_id"]) and closed is not None:
            moved[str(row["successor_id"])] = (closed, str(row["name_zh"]))
    states = [_state(row, day, kinds, moved.get(str(row["id"]))) for _, row in register.iterrows()]
    out = register.copy()
    out["open"] = pd.Series([s for s, _ in states], index=out.index, dtype=object)
    out["state"] = [w for _, w in states]
    return out


def count_open_ports(
    register: pd.DataFrame,
    days: list[dt.date],
    *,
    kinds: tuple[str, ...] = ("class-1",),
) -> pd.DataFrame:
    """Count the register's ports known open, and of unknown state, at each date.

    The counts are those the admission check uses (:func:`open_state`): airports, not ports (a
    port with two airports, e.g. Beijing PEK + PKX, counts twice), and an approved port without a
    known opening counts as unknown, not open.

    Parameters
    ----------
    register : pandas.DataFrame
        From :func:`load_register`.
    days : list of datetime.date
        Dates to count at.
    kinds : tuple of str, default ("class-1",)
        Kinds that count (the rule's ``opened_kinds``).

    Returns
    -------
    pandas.DataFrame
        One row per date, in the order given: ``as_of``, ``open`` (rows known open),
        ``unknown`` (rows whose state the register cannot tell) and ``unknown_ids``
        (their ids, comma-separated).
    """
    rows = []
    for day in days:
        state = open_state(register, day, kinds=kinds)
        unknown = state[state["open"].isna()]
        rows.append(
            {
                "as_of": day,
                "open": int((state["open"] == True).sum()),  # noqa: E712 - True/False/None
                "unknown": len(unknown),
                "unknown_ids": ", ".join(unknown["id"]),
            }
        )
    return pd.DataFrame(rows, columns=["as_of", "open", "unknown", "unknown_ids"])


def count_by_year(
    register: pd.DataFrame,
    years: range | list[int] | None = None,
    *,
    kinds: tuple[str, ...] = ("class-1",),
) -> pd.DataFrame:
    """Count the register's ports known open, and of unknown state, at each year's end.

    Parameters
    ----------
    register : pandas.DataFrame
        From :func:`load_register`.
    years : range or list of int, optional
        Years to count (default: from the year of :func:`register_start` to this year).
    kinds : tuple of str, default ("class-1",)
        Kinds that count (the rule's ``opened_kinds``).

    Returns
    -------
    pandas.DataFrame
        :func:`count_open_ports` at 31 December of each year, indexed by ``year``.
    """
    if years is None:
        years = range(register_start(register).start.year, dt.date.today().year + 1)
    counts = count_open_ports(register, [dt.date(y, 12, 31) for y in years], kinds=kinds)
    counts.index = pd.Index(list(years), name="year")
    return counts
