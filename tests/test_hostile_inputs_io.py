"""Hostile inputs at the edges of a run: where files are written, the environment, odd arguments.

Issue 18, parts 2, 4 and 5. Every command-line case runs in-process (``main([...])``) and must
end with exit code 2 and exactly one line on stderr (``portgeo: error: …``) naming the value;
what a refused run would have overwritten must be untouched.

- **safe writes**: a temporary output or cache file is made by ``mkstemp`` (exclusive, an
  unpredictable name), so a symbolic link planted at the old predictable name
  ``.<stem>.tmp-<pid><suffix>`` cannot redirect a write outside the target's folder; an output
  that is also an input (same path, a link, a hard link) is refused by every command;
- **environment**: ``PORTGEO_DATA_DIR``, ``PORTGEO_CACHE_DIR``, ``PORTGEO_CHROMIUM`` and
  ``PORTGEO_LOG_LEVEL`` are checked before any work;
- **arguments**: ``--as-of`` empty, malformed or before the register begins; ``-inf``, ``-nan``,
  out-of-range degrees; an export whose suffix is not its format's.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from portgeo import settings
from portgeo._cache import cached_file
from portgeo._data import data_path
from portgeo._output import check_not_input, write_atomic, write_text_atomic
from portgeo.cli import NEGATIVE_NUMBER, build_parser, main
from portgeo.cli.environment import check_environment
from portgeo.errors import InputError, OutputError
from portgeo.rules.admission import load_open_air_ports
from portgeo.rules.admission.register import load_register, register_start

REPO = Path(__file__).resolve().parents[1]


def _one_error_line(capsys, args: list[str]) -> str:
    """Run the CLI; assert exit 2 and one ``portgeo: error:`` line; return that line."""
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2, (out, err)
    assert len(lines) == 1, err
    assert lines[0].startswith("portgeo: error: "), lines[0]
    assert "Traceback" not in out + err
    return lines[0]


def _old_temp_name(path: Path) -> Path:
    """The predictable temporary name portgeo used before (``_output`` and ``_cache`` alike)."""
    return path.with_name(f".{path.stem}.tmp-{os.getpid()}{path.suffix}")


# --- safe writes: mkstemp temporaries --------------------------------------------------------


@pytest.fixture
def victim(tmp_path) -> Path:
    """A file outside the output folder that a planted link points at."""
    outside = tmp_path / "outside"
    outside.mkdir()
    v = outside / "victim.txt"
    v.write_text("precious", encoding="utf-8")
    return v


def test_link_planted_at_the_old_temporary_name_cannot_redirect_an_output(tmp_path, victim):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.html"
    _old_temp_name(target).symlink_to(victim)
    write_text_atomic(target, "<p>new</p>", what="report")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not target.is_symlink() and target.read_text(encoding="utf-8") == "<p>new</p>"


def test_link_planted_at_the_old_temporary_name_cannot_redirect_a_cache_file(tmp_path, victim):
    folder = tmp_path / "cache"
    folder.mkdir()
    path = folder / "c.bin"
    # _cache's old name kept the whole file name: .<name>.tmp-<pid><suffix>
    path.with_name(f".{path.name}.tmp-{os.getpid()}{path.suffix}").symlink_to(victim)
    _old_temp_name(path).symlink_to(victim)
    got = cached_file(path, lambda: b"cached", read=Path.read_bytes,
                      write=lambda value, tmp: tmp.write_bytes(value))  # fmt: skip
    assert got == b"cached" and path.read_bytes() == b"cached" and not path.is_symlink()
    assert victim.read_text(encoding="utf-8") == "precious"


def test_cache_lock_is_never_opened_through_a_planted_link(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    path = folder / "c.bin"
    elsewhere = tmp_path / "elsewhere" / "created-by-the-lock"
    elsewhere.parent.mkdir()
    path.with_name(path.name + ".lock").symlink_to(elsewhere)
    got = cached_file(path, lambda: b"x", read=Path.read_bytes,
                      write=lambda value, tmp: tmp.write_bytes(value))  # fmt: skip
    assert got == b"x"
    assert not elsewhere.exists()  # the old open(..., "a+b") created the link's target


def test_temporary_names_are_unpredictable_exclusive_and_private(tmp_path):
    target = tmp_path / "x.geojson"
    seen: list[tuple[Path, os.stat_result]] = []

    def writer(tmp: Path) -> None:
        seen.append((tmp, os.lstat(tmp)))
        tmp.write_text("{}", encoding="utf-8")

    for _ in range(5):
        write_atomic(target, writer)
    names = [p for p, _ in seen]
    assert len(set(names)) == 5 and _old_temp_name(target) not in names
    for p, st in seen:
        assert p.parent == tmp_path and p.suffix == ".geojson" and p.name.startswith(".x.tmp-")
        # made by mkstemp: a new regular file (never a link), readable by its owner only
        assert stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o600
        assert st.st_size == 0
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # as any new file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.geojson"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "r.csv"
    target.write_text("old", encoding="utf-8")

    def fail(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, fail, what="batch results")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]


# --- an output that is also an input -----------------------------------------------------------


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    root = tmp_path / "work"
    root.mkdir()
    monkeypatch.chdir(root)
    (root / "good.csv").write_text("name,iata,routes\nA,HUZ,\n", encoding="utf-8")
    (root / "m").mkdir()
    (root / "m" / "index.html").write_text("<p>an older index</p>", encoding="utf-8")
    (root / "net.geojson").write_text("{}", encoding="utf-8")
    return root


def test_check_not_input_compares_resolved_paths_links_and_hard_links(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(src)
    os.link(src, tmp_path / "hard.csv")
    for out in (src, tmp_path / "sub" / ".." / "in.csv", tmp_path / "link.csv",
                tmp_path / "hard.csv"):  # fmt: skip
        with pytest.raises(OutputError, match="is the input file of --batch"):
            check_not_input(out, {"--batch": src}, what="batch results")
    check_not_input(tmp_path / "other.csv", {"--batch": src, "--network": "offline"})


#: (arguments, the file that must stay as it was, words of the message)
SAME_FILE_CASES: list[tuple[list[str], str, str]] = [
    (["maps", "--out", "m", "--volumes", "m/index.html"], "m/index.html", "--volumes"),
    (
        ["maps", "--out", "m", "--only", "n14_c06_volumes", "--volumes", "volumes_link.csv"],
        "m/index.html",
        "--volumes",
    ),
    (["check-airport", "--batch", "good.csv", "--out", "hard.csv"], "good.csv", "--batch"),
    (
        ["check-airport", "--iata", "HUZ", "--report", "net.geojson", "--network", "net.geojson"],
        "net.geojson",
        "--network",
    ),
    (
        ["catchments", "--iata", "PEK", "--network", "net.geojson", "--out", "net.geojson"],
        "net.geojson",
        "--network",
    ),
    (
        ["eligibility", "--out", "net.geojson", "--network", "net.geojson"],
        "net.geojson",
        "--network",
    ),
]


@pytest.mark.parametrize(("args", "keep", "words"), SAME_FILE_CASES,
                         ids=[" ".join(a)[:60] for a, _, _ in SAME_FILE_CASES])  # fmt: skip
def test_an_output_that_is_an_input_is_refused(workdir, capsys, args, keep, words):
    (workdir / "volumes_link.csv").symlink_to(workdir / "m" / "index.html")
    os.link(workdir / "good.csv", workdir / "hard.csv")
    before = (workdir / keep).read_bytes()
    line = _one_error_line(capsys, args)
    assert f"is the input file of {words}" in line, line
    assert (workdir / keep).read_bytes() == before


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of portgeo's data folder, used through settings.data_dir (the repo's stays safe)."""
    copy = tmp_path / "data"
    shutil.copytree(data_path(), copy)
    monkeypatch.setattr(settings, "data_dir", copy)
    return copy


def test_export_never_overwrites_portgeos_own_data_files(data_copy, capsys):
    target = data_copy / "belt_regions.csv"
    before = target.read_bytes()
    line = _one_error_line(capsys, ["export", "--format", "csv", "--out", str(target)])
    assert "is the input file of portgeo's data file belt_regions.csv" in line
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    ("fmt", "name", "want"),
    [
        ("gpkg", "x.csv", "x.gpkg"),
        ("csv", "x.geojson", "x.csv"),
        ("geojson", "x.gpkg", "x.geojson"),
    ],
)
def test_export_suffix_must_be_the_formats(workdir, capsys, fmt, name, want):
    line = _one_error_line(capsys, ["export", "--format", fmt, "--out", name])
    assert f"name it {want}" in line and f"--format {fmt}" in line, line
    assert not (workdir / name).exists()


# --- the environment, checked at start ---------------------------------------------------------


def _set(monkeypatch, name: str, value: str | Path, attr: str, setting: object) -> None:
    """Set an environment variable and the setting portgeo read from it at import."""
    monkeypatch.setenv(name, str(value))
    monkeypatch.setattr(settings, attr, setting)


def test_missing_data_dir_is_one_line_naming_the_variable_and_the_fix(tmp_path, monkeypatch,
                                                                      capsys):  # fmt: skip
    bad = tmp_path / "nowhere"
    _set(monkeypatch, "PORTGEO_DATA_DIR", bad, "data_dir", bad)
    line = _one_error_line(capsys, ["export", "--out", "-"])
    assert line == (
        f"portgeo: error: PORTGEO_DATA_DIR={bad}: no such folder; unset it to use the embedded "
        "data, or point it at a copy of portgeo's data/ folder"
    )


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        ("file", "is a file, not a folder"),
        ("no-plans", "no plan catalogue"),
        ("register", "register opened_air_ports.csv is inconsistent"),
        ("opening-states", "opening_states.csv"),
        ("speeds", "speed_profile_cn.yaml not found"),
    ],
)
def test_bad_data_dir_is_refused_before_any_work(data_copy, monkeypatch, capsys, damage, words):
    folder = data_copy
    if damage == "file":
        folder = data_copy.parent / "afile"
        folder.write_text("x", encoding="utf-8")
    elif damage == "no-plans":
        shutil.rmtree(data_copy / "plans")
    elif damage == "register":
        with (data_copy / "registers" / "opened_air_ports.csv").open("a", encoding="utf-8") as fh:
            fh.write("ap-x,X,,,,,,no-such-kind\n")
    elif damage == "opening-states":
        (data_copy / "plans" / "opening_states.csv").write_text(
            "id,state,as_of,opened,source,confidence,note\nno-such-id,open,2020,,s,high,\n",
            encoding="utf-8",
        )
    else:
        (data_copy / "speed_profile_cn.yaml").unlink()
    _set(monkeypatch, "PORTGEO_DATA_DIR", folder, "data_dir", folder)
    line = _one_error_line(capsys, ["export", "--out", "-"])
    assert line.startswith(f"portgeo: error: PORTGEO_DATA_DIR={folder}: "), line
    assert words in line and line.endswith("point it at a copy of portgeo's data/ folder"), line


def test_a_good_data_copy_passes(data_copy, monkeypatch):
    monkeypatch.setenv("PORTGEO_DATA_DIR", str(data_copy))
    check_environment()


@pytest.mark.parametrize(
    ("name", "attr", "make", "words"),
    [
        ("PORTGEO_CACHE_DIR", "cache_dir", "file", "is a file, not a folder"),
        ("PORTGEO_CACHE_DIR", "cache_dir", "under-file", "is a file"),
        ("PORTGEO_CHROMIUM", "chromium_path", "missing", "no such file"),
        ("PORTGEO_CHROMIUM", "chromium_path", "folder", "is not a file"),
        ("PORTGEO_CHROMIUM", "chromium_path", "not-executable", "is not executable"),
    ],
)
def test_bad_cache_dir_or_chromium(tmp_path, monkeypatch, capsys, name, attr, make, words):
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    value = {
        "file": afile,
        "under-file": afile / "cache",
        "missing": tmp_path / "no-chromium",
        "folder": tmp_path,
        "not-executable": afile,
    }[make]
    _set(monkeypatch, name, value, attr, value)
    line = _one_error_line(capsys, ["export", "--out", "-"])
    assert line.startswith(f"portgeo: error: {name}={value}: ") and words in line, line
    assert "; unset it" in line
    assert afile.read_text(encoding="utf-8") == "x"


def test_a_cache_dir_to_be_created_passes(tmp_path, monkeypatch):
    new = tmp_path / "new" / "cache"
    _set(monkeypatch, "PORTGEO_CACHE_DIR", new, "cache_dir", new)
    check_environment()
    assert not new.exists()  # checked, not created


def test_bad_log_level(monkeypatch, capsys):
    _set(monkeypatch, "PORTGEO_LOG_LEVEL", "loud", "log_level", "loud")
    line = _one_error_line(capsys, ["export", "--out", "-"])
    assert "PORTGEO_LOG_LEVEL=loud: is not a log level" in line


@pytest.mark.slow
def test_missing_data_dir_in_a_real_process(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "PORTGEO_DATA_DIR": str(tmp_path / "none")}
    proc = subprocess.run([sys.executable, "-m", "portgeo", "export", "--out", "-"],
                          capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=300)  # fmt: skip
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "PORTGEO_DATA_DIR=" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- arguments at the edges --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "words"),
    [
        ("", "--as-of is empty"),
        ("  ", "--as-of is empty"),
        ("yesterday", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2020-13", "not a calendar date"),
        ("2021-02-29", "not a calendar date"),
    ],
)
@pytest.mark.parametrize("command", [["check-airport", "--iata", "HUZ"],
                                     ["eligibility", "--out", "e.gpkg"]])  # fmt: skip
def test_bad_as_of(workdir, capsys, command, as_of, words):
    line = _one_error_line(capsys, [*command, "--as-of", as_of])
    assert words in line, line
    assert sorted(p.name for p in workdir.iterdir()) == ["good.csv", "m", "net.geojson"]


def test_register_start_is_the_earliest_dated_entry():
    frame = pd.DataFrame({"approved": ["1995", None], "opened": [None, "1993-06"],
                          "opened_evidence": ["2016", None], "closed": [None, "2004-08-05"]})  # fmt: skip
    start = register_start(frame)
    assert start.text == "1993-06" and start.start == dt.date(1993, 6, 1)


def test_a_date_before_the_register_begins_is_a_statement_not_a_verdict(workdir, capsys):
    start = register_start(load_register())
    before = (start.start - dt.timedelta(days=1)).isoformat()
    for command in (
        ["check-airport", "--iata", "HUZ", "--json"],
        ["eligibility", "--out", "e.gpkg"],
    ):
        line = _one_error_line(capsys, [*command, "--as-of", before])
        assert f"before the register of opened air ports begins ({start.text}" in line, line
        assert "--open-ports" in line
    with pytest.raises(InputError, match="before the register"):
        load_open_air_ports(as_of=start.start - dt.timedelta(days=1))


def test_negative_number_pattern():
    for value in (
        "-inf",
        "-INF",
        "-infinity",
        "-nan",
        "-1e5",
        "-1E+05",
        "-.5",
        "-5",
        "-5.",
        "-1_000",
    ):
        assert NEGATIVE_NUMBER.match(value), value
    for option in ("-v", "-h", "--lat", "--lon=-181", "-e5", "-", "--", "-in", "-x1"):
        assert not NEGATIVE_NUMBER.match(option), option


def test_every_subcommand_reads_negative_numbers_as_values():
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    assert set(sub.choices) == {"export", "maps", "check-airport", "eligibility", "catchments",
                                  "siting"}  # fmt: skip
    for name, p in [("portgeo", parser), *sub.choices.items()]:
        assert p._negative_number_matcher is NEGATIVE_NUMBER, name
        assert not p._has_negative_number_optionals, name


#: (arguments, words of the message): never argparse's "expected one argument".
NUMBER_CASES: list[tuple[list[str], str]] = [
    (["check-airport", "--name", "x", "--lat", "23", "--lon", "-inf"], "'-inf'"),
    (["check-airport", "--name", "x", "--lat", "-nan", "--lon", "114"], "'-nan'"),
    (["check-airport", "--name", "x", "--lat", "-91", "--lon", "114"], "latitude -91 is out"),
    (["check-airport", "--name", "x", "--lat", "23", "--lon=-181"], "longitude -181 is out"),
    (["check-airport", "--name", "x", "--lat", "23", "--lon", "-1e5"], "longitude -100000"),
    (["check-airport", "--iata", "HUZ", "--routes", "-inf"], "'-inf'"),
    (["check-airport", "--iata", "HUZ", "--passengers", "-nan"], "'-nan'"),
    (["check-airport", "--iata", "HUZ", "--ports-below-standard", "-inf"], "'-inf'"),
    (["catchments", "--lat", "23", "--lon", "-inf", "--out", "c.geojson"], "'-inf'"),
    (["catchments", "--lat", "-91", "--lon", "114", "--out", "c.geojson"], "latitude -91 is out"),
    (["catchments", "--lat", "23", "--lon=-181", "--out", "c.geojson"], "longitude -181 is out"),
    (["catchments", "--lat", "-nan", "--lon", "114", "--out", "c.geojson"], "'-nan'"),
    (["catchments", "--iata", "PEK", "--km", "-inf", "--out", "c.geojson"], "'-inf'"),
    (["catchments", "--iata", "PEK", "--minutes", "-1e5", "--out", "c.geojson"], "'-1e5'"),
    (["catchments", "--iata", "PEK", "--buffer-m", "-nan", "--out", "c.geojson"], "'-nan'"),
    (["catchments", "--iata", "PEK", "--max-snap-km", "-inf", "--out", "c.geojson"], "'-inf'"),
    (["eligibility", "--out", "e.gpkg", "--cell-km", "-inf"], "'-inf'"),
]


@pytest.mark.parametrize(("args", "words"), NUMBER_CASES,
                         ids=[" ".join(a)[:60] for a, _ in NUMBER_CASES])  # fmt: skip
def test_negative_and_non_finite_numbers_get_a_message_about_the_value(workdir, capsys, args,
                                                                       words):  # fmt: skip
    line = _one_error_line(capsys, args)
    assert "expected one argument" not in line and words in line, line
