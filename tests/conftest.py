"""Shared fixtures: paths to the sample archive and the hand-written test files."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import Report, load_report

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seeds() -> dict[str, Report]:
    """The five sample reports, keyed by their three-digit prefix ("000"…"004")."""
    return {path.name[:3]: load_report(path, CORPUS) for path in sorted(CORPUS.glob("*.txt"))}


@pytest.fixture(scope="session")
def data_report():
    """Load a file of tests/data by name (ids relative to tests/data)."""

    def load(name: str) -> Report:
        return load_report(DATA / name, DATA)

    return load
