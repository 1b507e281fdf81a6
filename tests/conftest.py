"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: Reference geodata beside the project (never needed to run or pass the suite).
SHARED_GEODATA = Path(
    os.environ.get(
        "PORTGEO_SHARED_GEODATA", Path(__file__).resolve().parents[2] / "shared" / "geodata"
    )
)


@pytest.fixture(scope="session")
def shared_geodata() -> Path:
    """Path of ../shared/geodata; skips the test when it is absent."""
    if not SHARED_GEODATA.is_dir():
        pytest.skip(
            f"reference geodata not found at {SHARED_GEODATA} (optional; set PORTGEO_SHARED_GEODATA)"
        )
    return SHARED_GEODATA
