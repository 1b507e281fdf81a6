"""What a user asks of the admission check, and the one call that answers it.

The command line and the notebooks describe a check the same way: a :class:`CheckRequest` holds
the candidate (:class:`CandidateInput`), the facts the user knows (:class:`Facts`), which opened
air ports to compare with (:class:`RegisterInput`), the road network and the reading of the rule.
:func:`run_check` turns it into an :class:`AdmissionCheck` (the result with the rule and the
road network it was measured on, which a report draws). Everything a request needs is checked
here, once, with errors a planner can act on; the command line only fills the request in.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
from tqdm.auto import tqdm

from portgeo import settings
from portgeo._data import UserCsv, is_blank, open_user_csv
from portgeo._output import write_csv_chunks_atomic
from portgeo.errors import InputError, Interrupted
from portgeo.rules.admission.batch import CHUNK_ROWS, RESULT_COLUMNS, check_airport_chunks
from portgeo.rules.admission.candidate import Candidate, resolve_candidate
from portgeo.rules.admission.check import (
    AdmissionResult,
    check_airport,
    read_counts,
    resolve_open_ports,
)
from portgeo.rules.admission.criteria import ProvinceGate, as_gate
from portgeo.rules.admission.eligibility import SpacingField
from portgeo.rules.admission.open_ports import OpenPorts, load_open_air_ports
from portgeo.rules.admission.router import NetworkRouter, Router, as_router, load_check_network
from portgeo.rules.admission.rule import AdmissionRule, load_admission_rule

__all__ = [
    "AdmissionCheck",
    "BatchColumns",
    "BatchRequest",
    "BatchSummary",
    "CandidateInput",
    "CheckRequest",
    "Facts",
    "RegisterInput",
    "fill_blanks",
    "run_batch",
    "run_check",
]


@dataclass(frozen=True)
class CandidateInput:
    """The candidate as the user gives it: an IATA code, or a name with coordinates.

    Attributes
    ----------
    iata : str, optional
        IATA code (the point comes from the catalogue or airportsdata; given coordinates win).
    name : str, optional
        Display name of a candidate given by coordinates.
    lat, lon : float or str, optional
        Coordinates in degrees (both or neither).
    crs : {"wgs84", "gcj02"}, optional
        Datum of ``lat``/``lon``; default WGS84.
    replaces : str, optional
        IATA code of the opened air port the candidate relocates (it leaves the comparison).
        Without it (or ``iata``), a site given by coordinates is a new site.
    """

    iata: str | None = None
    name: str | None = None
    lat: Any = None
    lon: Any = None
    crs: str | None = None
    replaces: str | None = None

    @property
    def given(self) -> bool:
        """Whether any part of a single candidate was given."""
        return (bool(self.iata) or bool(self.replaces) or self.lat is not None
                or self.lon is not None)  # fmt: skip

    def resolve(self) -> Candidate:
        """Return the checked WGS84 candidate.

        Returns
        -------
        Candidate

        Raises
        ------
        portgeo.errors.InputError
            Only one coordinate, no candidate at all, or what :func:`resolve_candidate` refuses.
        """
        if (self.lat is None) != (self.lon is None):
            raise InputError("give both --lat and --lon")
        if not self.iata and self.lat is None:
            raise InputError(
                "give --iata CODE, or --name NAME --lat LAT --lon LON (or --batch FILE)"
            )
        return resolve_candidate(iata=self.iata, name=self.name, lat=self.lat, lon=self.lon,
                                 crs=self.crs or "wgs84")  # fmt: skip


@dataclass(frozen=True)
class Facts:
    """What the user knows of the candidate and its province (``None``: unknown).

    Attributes
    ----------
    routes : float, optional
        Fixed direct routes.
    passengers : float, optional
        Peak annual passengers.
    setting : {"coastal", "inland", "border"}, optional
        Overrides the derived setting.
    exiting_port, unaccepted_port : bool, optional
        The province gate's yes/no facts.
    ports_below_standard : float, optional
        The province's air ports below the volume standard (a whole number ≥ 0).
    """

    routes: float | None = None
    passengers: float | None = None
    setting: str | None = None
    exiting_port: bool | None = None
    unaccepted_port: bool | None = None
    ports_below_standard: float | None = None

    def check(self) -> None:
        """Check the facts before any work.

        Raises
        ------
        portgeo.errors.InputError
            A count that is not plausible, or a province count that is not a whole number ≥ 0.
        """
        read_counts(routes=self.routes, passengers=self.passengers)
        self.gate()

    def gate(self) -> ProvinceGate:
        """Return the province facts as a :class:`ProvinceGate`.

        Returns
        -------
        ProvinceGate
        """
        n = self.ports_below_standard
        if n is not None and (n < 0 or n != int(n)):
            raise InputError(f"--ports-below-standard must be a whole number ≥ 0, got {n:g}")
        return as_gate({"exiting_port": self.exiting_port, "unaccepted_port": self.unaccepted_port,
                        "ports_below_standard": None if n is None else int(n)})  # fmt: skip

    def fills(self) -> dict[str, Any]:
        """Return the batch columns these facts fill where a row leaves them empty.

        Returns
        -------
        dict
            Column → value, for the facts that were given.
        """
        gate = self.gate()
        values = {"routes": self.routes, "passengers": self.passengers, "setting": self.setting,
                  "exiting_port": gate.exiting_port, "unaccepted_port": gate.unaccepted_port,
                  "ports_below_standard": gate.ports_below_standard}  # fmt: skip
        return {k: v for k, v in values.items() if v is not None}


@dataclass(frozen=True)
class RegisterInput:
    """Which opened air ports a candidate is compared with.

    Attributes
    ----------
    as_of : str, optional
        Analysis date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) for the register; default today.
    open_ports : str or pathlib.Path, optional
        A user's CSV of opened air ports, replacing the register.
    encoding : str, optional
        Encoding of that file (default: detected).
    """

    as_of: str | None = None
    open_ports: str | Path | None = None
    encoding: str | None = None

    def resolve(self, rule: AdmissionRule) -> OpenPorts:
        """Return the comparison set.

        Parameters
        ----------
        rule : AdmissionRule

        Returns
        -------
        OpenPorts
        """
        given = None
        if self.open_ports is not None:
            if not str(self.open_ports).strip():
                raise InputError("--open-ports is empty; give a CSV file of opened air ports")
            given = load_open_air_ports(self.open_ports, encoding=self.encoding)
        return resolve_open_ports(given, as_of=self.as_of, rule=rule)


@dataclass(frozen=True)
class CheckRequest:
    """One admission check, as the user asks it.

    Attributes
    ----------
    candidate : CandidateInput
    facts : Facts
    register : RegisterInput
    network : str, pathlib.Path, RoadNetwork or Router, optional
        ``"offline"`` (default), ``"overpass"``, a ``.osm.pbf``/``.osm`` file, or a network
        already loaded (a notebook checking many candidates loads it once); ``None`` leaves the
        drive criterion unknown.
    reading : {"both", "either"}, optional
        Default: the rule's.
    """

    candidate: CandidateInput
    facts: Facts = field(default_factory=Facts)
    register: RegisterInput = field(default_factory=RegisterInput)
    network: Any = "offline"
    reading: str | None = None


@dataclass
class AdmissionCheck:
    """A request answered: the result, and the rule and road network it was measured with.

    Attributes
    ----------
    request : CheckRequest
    result : AdmissionResult
    rule : AdmissionRule
    router : Router or None
        The road network of the check (a report draws its catchments and routes).
    """

    request: CheckRequest
    result: AdmissionResult
    rule: AdmissionRule
    router: Router | None


def _router_for(network: Any, cand: Candidate, rule: AdmissionRule) -> Router | None:
    """Load a source around the candidate (Overpass needs it), or use a network already loaded."""
    if network is None:
        return None
    if isinstance(network, str | Path):
        return load_check_network(network, cand, rule=rule)
    return as_router(network)


def run_check(request: CheckRequest, *, rule: AdmissionRule | None = None) -> AdmissionCheck:
    """Answer one admission check: resolve the candidate, the register and the network, and check.

    Parameters
    ----------
    request : CheckRequest
    rule : AdmissionRule, optional
        Default: the rule of the data.

    Returns
    -------
    AdmissionCheck

    Raises
    ------
    portgeo.errors.InputError
        A candidate, fact, date or file the check cannot use (the message says what to change).
    """
    request.facts.check()
    cand = request.candidate.resolve()
    rule = rule or load_admission_rule()
    open_ports = request.register.resolve(rule)
    router = _router_for(request.network, cand, rule)
    result = check_airport(
        cand, routes=request.facts.routes, passengers=request.facts.passengers,
        setting=request.facts.setting, reading=request.reading, open_ports=open_ports,
        network=router, province_gate=request.facts.gate(), rule=rule,
        replaces=request.candidate.replaces,
    )  # fmt: skip
    return AdmissionCheck(request=request, result=result, rule=rule, router=router)


@dataclass(frozen=True)
class BatchRequest:
    """A batch of candidates from a CSV file, checked into a results CSV.

    Attributes
    ----------
    batch : str or pathlib.Path
        The candidates (columns ``name``, ``iata``, ``lat``, ``lon``, optional facts).
    out : str or pathlib.Path
        The results CSV (written whole or not at all).
    facts : Facts
        Facts that fill the empty cells of their columns (a filled cell wins).
    crs : {"wgs84", "gcj02"}, optional
        Fills the empty cells of a ``crs`` column.
    register : RegisterInput
    network : str or pathlib.Path
        ``"offline"`` or a ``.osm.pbf``/``.osm`` file (not Overpass: it queries one point).
    reading : {"both", "either"}, optional
    """

    batch: str | Path
    out: str | Path
    facts: Facts = field(default_factory=Facts)
    crs: str | None = None
    register: RegisterInput = field(default_factory=RegisterInput)
    network: str | Path = "offline"
    reading: str | None = None

    def check(self) -> None:
        """Check what can be checked before reading the file.

        Raises
        ------
        portgeo.errors.InputError
        """
        if str(self.network) == "overpass":
            raise InputError("--network overpass queries around one candidate; use offline or a "
                             ".osm.pbf file for --batch")  # fmt: skip
        self.facts.check()


@dataclass
class BatchSummary:
    """What a batch run did.

    Attributes
    ----------
    out : pathlib.Path
    rows : int
        Candidate rows checked (one result row each).
    verdicts : dict
        Verdict → count.
    repeats : int
        Rows that repeat an earlier row (checked again).
    replaced : bool
        An existing output file was replaced.
    notes : list of str
        What the added columns (:class:`BatchColumns`) say of themselves, e.g. their data.
    """

    out: Path
    rows: int
    verdicts: dict[str, int]
    repeats: int
    replaced: bool
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Return what the command line prints: the summary, then the notes.

        Returns
        -------
        list of str
        """
        return [self.describe(), *self.notes]

    def describe(self) -> str:
        """Return the one-line summary the command line prints.

        Returns
        -------
        str
        """
        counts = ", ".join(f"{k} {v}" for k, v in sorted(self.verdicts.items()))
        return (f"{self.rows} candidates checked → {self.out}"
                + (" (replaced the existing file)" if self.replaced else "") + f": {counts}"
                + (f"; {self.repeats} row(s) repeat an earlier row" if self.repeats else ""))  # fmt: skip


class BatchColumns(Protocol):
    """Columns a caller adds to every checked chunk of a batch.

    The admission check does not know them; a module above it does (the people each candidate
    reaches, :mod:`portgeo.rules.candidate_reach`). :func:`run_batch` builds the spacing field
    once and hands it over with each chunk of results.
    """

    columns: tuple[str, ...]

    def add_columns(self, results: pd.DataFrame, field_: SpacingField | None) -> pd.DataFrame:
        """Return the chunk of results with :attr:`columns` added."""

    def notes(self) -> list[str]:
        """Return what the summary says of the added columns (their data)."""


def run_batch(
    request: BatchRequest, *, rule: AdmissionRule | None = None, more: BatchColumns | None = None
) -> BatchSummary:
    """Check every candidate of a CSV file and write the results CSV, a chunk at a time.

    The file is checked whole first (encoding, header, ragged rows: one error before any work)
    and its rows counted; then :data:`~portgeo.rules.admission.batch.CHUNK_ROWS` rows at a time
    are read, filled from the request's facts, checked through one spacing field
    (:func:`~portgeo.rules.admission.batch.check_airport_chunks`) and appended to the output's
    temporary file, with a progress bar in rows. The output is written whole or not at all.

    Parameters
    ----------
    request : BatchRequest
    rule : AdmissionRule, optional
    more : BatchColumns, optional
        More columns, added to each checked chunk (after the result columns).

    Returns
    -------
    BatchSummary

    Raises
    ------
    portgeo.errors.Interrupted
        Ctrl-C: nothing was written; the message says how many rows had been checked.
    """
    request.check()
    path = Path(request.batch)
    src = open_user_csv(path, what="batch file", encoding=request.register.encoding)
    if "iata" not in src.header and not {"lat", "lon"} <= set(src.header):
        raise InputError(f"batch file {path} needs an iata column or lat and lon columns")
    if src.n_rows == 0:
        raise InputError(f"batch file {path} has a header but no candidate rows")
    rule = rule or load_admission_rule()
    open_ports = request.register.resolve(rule)
    router = as_router(request.network)
    tally = _BatchTally(replaced=Path(request.out).exists())
    chunks = _filled_chunks(src, request, tally)
    field_ = (SpacingField.build(router.network, open_ports, rule)
              if more is not None and isinstance(router, NetworkRouter) else None)  # fmt: skip
    results = check_airport_chunks(chunks, reading=request.reading, open_ports=open_ports,
                                   network=router, rule=rule, field_=field_)  # fmt: skip
    if more is not None:
        results = (more.add_columns(part, field_) for part in results)
    columns = (*RESULT_COLUMNS, *(more.columns if more is not None else ()))
    try:
        rows = write_csv_chunks_atomic(request.out, _counted(results, src.n_rows, tally),
                                       columns=columns, what="batch results")  # fmt: skip
    except KeyboardInterrupt:
        raise Interrupted(
            f"after {tally.done} of {src.n_rows} rows; nothing written to {request.out} (it is "
            "written whole or not at all)"
        ) from None
    return BatchSummary(out=Path(request.out), rows=rows, verdicts=dict(tally.verdicts),
                        repeats=tally.repeats, replaced=tally.replaced,
                        notes=more.notes() if more is not None else [])  # fmt: skip


@dataclass
class _BatchTally:
    """What a batch run counts as it goes."""

    replaced: bool
    done: int = 0
    repeats: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    seen: set[int] = field(default_factory=set)


def _filled_chunks(
    src: UserCsv, request: BatchRequest, tally: _BatchTally
) -> Iterator[pd.DataFrame]:
    """Read the batch a chunk at a time, fill the request's facts, count repeated rows."""
    fills = {**({"crs": request.crs} if request.crs else {}), **request.facts.fills()}
    for df in src.chunks(CHUNK_ROWS, dtype={"iata": str, "name": str}):
        for col, val in fills.items():
            fill_blanks(df, col, val)
        for h in pd.util.hash_pandas_object(df, index=False).tolist():
            tally.repeats += h in tally.seen
            tally.seen.add(h)
        yield df


def _counted(
    results: Iterable[pd.DataFrame], total: int, tally: _BatchTally
) -> Iterator[pd.DataFrame]:
    """Pass checked chunks on, counting verdicts and rows, with a progress bar in rows."""
    with tqdm(total=total, disable=not settings.progress, desc="check airports", unit="row",
              file=sys.stderr) as bar:  # fmt: skip
        for part in results:
            tally.verdicts.update(part["verdict"])
            tally.done += len(part)
            bar.update(len(part))
            yield part


def fill_blanks(df: pd.DataFrame, col: str, value: object) -> None:
    """Put a value into the empty cells of a column, in place (a filled cell wins).

    Parameters
    ----------
    df : pandas.DataFrame
    col : str
    value : object
    """
    if col not in df.columns:
        df[col] = [value] * len(df)
        return
    blank = df[col].map(is_blank)
    if blank.any():
        df[col] = df[col].astype(object).where(~blank, value)
