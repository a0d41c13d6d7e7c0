"""Data files beside the code that reads them, and their combined version hash.

Every list of names, patterns or codes readout applies lives in this folder as a data
file that names its source. `data_hash()` digests them all; it is written on every
article row so a record can be traced to the exact data that made it.
"""
from __future__ import annotations

import hashlib
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

DATA_SUFFIXES = {".toml", ".tsv", ".csv", ".json", ".jsonl", ".txt", ".msgpack", ".pkl", ".gz"}


def data_dir() -> Path:
    return Path(str(resources.files("readout.knowledge")))


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict:
    with open(data_dir() / name, "rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def data_hash() -> str:
    """sha256 (first 16 hex digits) over every data file's name and bytes, in a fixed order."""
    h = hashlib.sha256()
    root = data_dir()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in DATA_SUFFIXES
                       and "__pycache__" not in p.parts):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]
