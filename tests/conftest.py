"""Shared fixtures: paths to ../shared, and one model-backed extraction of the seed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEED = SHARED / "seed" / "000_f58a14f71592a0b6.txt"
SEED_EXPECTED = SHARED / "seed" / "000_f58a14f71592a0b6.expected.json"
SCHEMA = SHARED / "contract" / "document.schema.json"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need_shared(SEED)


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads(need_shared(SEED_EXPECTED).read_text("utf-8"))


@pytest.fixture(scope="session")
def document_schema() -> dict:
    return json.loads(need_shared(SCHEMA).read_text("utf-8"))


@pytest.fixture(scope="session")
def seed_document(seed_path):
    """The seed through the whole pipeline with the given publication date (parsed once)."""
    import readout
    return readout.extract(seed_path, published="2022-12-30")[0]
