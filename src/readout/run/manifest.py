"""The record of finished shards, on disk and in the store.

Layout of a shards folder (by default `<db>.shards/` beside the DuckDB file):

    manifest.jsonl        one line per finished shard: key, inputs, input hash, counts, time
    shards/<key>/         a committed shard: <table>.parquet for every table, and _meta.json
    tmp/                  shards being written (removed when a run starts)

A shard is finished when its folder holds `_meta.json` (the rename that put the folder
in place is the commit); `manifest.jsonl` is the log of that, written after the rename,
and a folder found without its line (a crash in between) gets one on the next run.
The store keeps `_readout_shards` (key, time): shards already loaded into that database.
Loading is idempotent anyway (`Store.write_tables` replaces a shard's articles), so a
crash between loading and marking only means the shard is loaded once more.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

from ..store.writer import Store
from .shards import SHARD_META, ShardResult, ShardSpec, read_shard_tables, shard_dir

MANIFEST = "manifest.jsonl"
LOADED_TABLE = "_readout_shards"


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Manifest:
    """Finished shards of a shards folder."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).resolve()
        (self.root / "shards").mkdir(parents=True, exist_ok=True)
        self.path = self.root / MANIFEST
        self.recorded: set[str] = set()
        if self.path.exists():
            data = self.path.read_bytes()
            if data and not data.endswith(b"\n"):     # a line torn by a crash: cut it off
                data = data[:data.rfind(b"\n") + 1]
                with open(self.path, "r+b") as fh:
                    fh.truncate(len(data))
            for line in data.splitlines():
                try:
                    self.recorded.add(json.loads(line)["key"])
                except (ValueError, KeyError, TypeError):
                    continue    # the shard folder decides

    def clean_tmp(self) -> None:
        """Remove half-written shards of runs that were stopped."""
        shutil.rmtree(self.root / "tmp", ignore_errors=True)

    def is_done(self, key: str) -> bool:
        return (shard_dir(self.root, key) / SHARD_META).exists()

    def result_of(self, spec: ShardSpec) -> ShardResult:
        """The result of a shard finished earlier, from its `_meta.json`."""
        path = shard_dir(self.root, spec.key)
        meta = json.loads((path / SHARD_META).read_text("utf-8"))
        return ShardResult(key=spec.key, index=spec.index, articles=int(meta.get("articles", 0)),
                           n_errors=int(meta.get("errors", 0)), rows=meta.get("rows", {}),
                           seconds=0.0, pid=int(meta.get("pid", 0)), path=str(path))

    def record(self, spec: ShardSpec, result: ShardResult) -> None:
        if spec.key in self.recorded:
            return
        line = {"key": spec.key, "index": spec.index, "inputs": spec.describe(),
                "input_hash": spec.key, "units": [u.key()[:300] for u in spec.units],
                "articles": result.articles, "errors": result.n_errors,
                "rows": result.rows, "seconds": round(result.seconds, 3), "finished": _now()}
        data = (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")
        with open(self.path, "ab") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        self.recorded.add(spec.key)


def ensure_loaded_table(store: Store) -> None:
    store.con.execute(f'CREATE TABLE IF NOT EXISTS "{LOADED_TABLE}" '
                      '(key VARCHAR PRIMARY KEY, loaded VARCHAR, articles INTEGER, errors INTEGER)').fetchall()


def is_loaded(store: Store, key: str) -> bool:
    return bool(store.con.execute(f'SELECT count(*) FROM "{LOADED_TABLE}" WHERE key = ?',
                                  [key]).fetchall()[0][0])


def load_result(store: Store, result: ShardResult) -> dict:
    """Put a finished shard's records in the store (replacing its articles); its tables back."""
    tables = dict(result.tables) if result.tables is not None else read_shard_tables(result.path)
    errors = tables.pop("errors")
    store.write_tables(tables)
    if errors.num_rows:
        store.con.register("_shard_errors", errors)
        try:
            store.con.execute("INSERT OR REPLACE INTO errors SELECT * FROM _shard_errors").fetchall()
        finally:
            store.con.unregister("_shard_errors")
    return tables


def mark_loaded(store: Store, result: ShardResult) -> None:
    store.con.execute(f'INSERT OR REPLACE INTO "{LOADED_TABLE}" VALUES (?, ?, ?, ?)',
                      [result.key, _now(), result.articles, result.n_errors]).fetchall()
