"""Dask runs the same shards as the local runner and stores the same records."""
from __future__ import annotations

import pytest

from readout.api import example_files
from readout.config import load_config
from readout.run.ingest import Reporter, ingest_sharded
from readout.store.schema import TABLES
from readout.store.writer import Store

from .test_ingest import direct_ids, store_ids

distributed = pytest.importorskip("distributed")


def table_rows(db) -> dict[str, list]:
    """Every row of every record table, sorted: records equal, not only ids."""
    out = {}
    with Store(db, read_only=True) as store:
        for t, schema in TABLES.items():
            if t == "errors":
                continue
            cols = ", ".join(f'"{f.name}"' for f in schema)
            out[t] = sorted(map(repr, store.con.execute(f'SELECT {cols} FROM "{t}"').fetchall()))
    return out


def test_dask_scheduler_address_gives_the_local_records(corpus, clean_config, tmp_path):
    expected = direct_ids([corpus], clean_config, tmp_path)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        summary = ingest_sharded([corpus], tmp_path / "d.duckdb", config=clean_config,
                                 scheduler=cluster.scheduler_address, shard_size=4)
    assert summary["executor"] == "dask" and summary["workers"] == 2
    assert store_ids(tmp_path / "d.duckdb") == expected
    assert summary["articles_stored"] == 34 and summary["errors"] == 5


@pytest.mark.model
def test_dask_two_workers_full_pipeline_equals_local(tmp_path):
    inputs = [str(p) for p in example_files()]
    config = load_config()
    local = ingest_sharded(inputs, tmp_path / "local.duckdb", config=config, jobs=1, shard_size=2)
    started = {}

    class Started(Reporter):
        def start(self, info: dict) -> None:
            started.update(info)

    dask = ingest_sharded(inputs, tmp_path / "dask.duckdb", config=config, workers=2, shard_size=2,
                          shards_dir=tmp_path / "dask-shards", reporter=Started())
    assert dask["executor"] == "dask" and dask["workers"] == 2
    # bokeh is a dependency: the run offers the Dask dashboard's link
    assert started["executor"] == "dask" and started["dashboard"].startswith("http")
    assert local["articles_stored"] == dask["articles_stored"] >= 4
    # record tables only: stories (linking) depend on the order shards finish in
    assert {t: dask["tables"][t] for t in TABLES} == {t: local["tables"][t] for t in TABLES}
    assert table_rows(tmp_path / "dask.duckdb") == table_rows(tmp_path / "local.duckdb")
