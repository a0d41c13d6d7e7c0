"""The ingest driver: same records in process, on a pool and straight to the store; resumable."""
from __future__ import annotations

import multiprocessing as mp
import os

import pytest

import readout.api as api
from readout.stages import register_stage
from readout.run import local as run_local
from readout.run.ingest import ingest_sharded
from readout.store.schema import TABLES
from readout.store.writer import Store


def store_ids(db) -> dict[str, set]:
    """Ids per table (errors as input + stage), the runner's observable result."""
    with Store(db, read_only=True) as store:
        out = {t: {r[0] for r in store.con.execute(f'SELECT id FROM "{t}"').fetchall()}
               for t in TABLES if t != "errors"}
        out["errors"] = {tuple(r) for r in store.con.execute("SELECT input, stage FROM errors").fetchall()}
    return out


def direct_ids(inputs, config, tmp_path) -> dict[str, set]:
    """The old single-process path: extract, then Store.write and write_errors."""
    errors: list = []
    docs = api.extract(inputs, config=config, errors=errors)
    db = tmp_path / "direct.duckdb"
    with Store(db) as store:
        store.write(docs)
        store.write_errors(errors)
    return store_ids(db)


def test_ingest_pool_in_process_and_direct_store_agree(corpus, clean_config, tmp_path):
    expected = direct_ids([corpus], clean_config, tmp_path)
    assert len(expected["articles"]) == 34 and len(expected["errors"]) == 5
    s1 = ingest_sharded([corpus], tmp_path / "one.duckdb", config=clean_config, jobs=1, shard_size=4)
    s2 = ingest_sharded([corpus], tmp_path / "two.duckdb", config=clean_config, jobs=2, shard_size=4)
    assert s1["executor"] == "in-process" and s2["executor"] == "local pool" and s2["workers"] == 2
    assert store_ids(tmp_path / "one.duckdb") == expected
    assert store_ids(tmp_path / "two.duckdb") == expected
    for s in (s1, s2):
        assert s["articles_stored"] == 34 and s["errors"] == 5 and s["shards"] == 10
        assert s["tables"]["articles"] == 34 and s["tables"]["errors"] == 5


def test_ingest_rerun_reuses_shards_and_reloads_a_lost_db(corpus, clean_config, tmp_path):
    db = tmp_path / "r.duckdb"
    first = ingest_sharded([corpus], db, config=clean_config, jobs=1, shard_size=6)
    ids = store_ids(db)
    again = ingest_sharded([corpus], db, config=clean_config, jobs=1, shard_size=6)
    assert again["shards_reused"] == again["shards"] == first["shards"]
    assert again["new_articles"] == 0 and store_ids(db) == ids
    assert again["tables"] == first["tables"]
    os.remove(db)                       # the shards still hold everything: load them again
    third = ingest_sharded([corpus], db, config=clean_config, jobs=1, shard_size=6)
    assert third["new_articles"] == 0 and store_ids(db) == ids


def test_ingest_small_job_runs_in_process_without_shards(tmp_path, clean_config):
    art = tmp_path / "one.txt"
    art.write_text("A title\n\nThe minister said on Monday that the talks at the border went well.", "utf-8")
    db = tmp_path / "s.duckdb"
    summary = api.ingest([art], db=db, config=clean_config)
    assert summary["executor"] == "in-process" and summary["shards_dir"] is None
    assert summary["articles_stored"] == 1 and summary["tables"]["articles"] == 1
    assert not (tmp_path / "s.duckdb.shards").exists()
    again = api.ingest([art], db=db, config=clean_config)
    assert again["tables"]["articles"] == 1


def test_ingest_errors_name_input_and_stage(corpus, clean_config, tmp_path):
    db = tmp_path / "e.duckdb"
    summary = ingest_sharded([corpus], db, config=clean_config, jobs=1, shard_size=8)
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT input, stage, message FROM errors ORDER BY input")
    by_name = {os.path.basename(r["input"]): r for r in rows}
    assert set(by_name) == {"batch.jsonl:4", "batch.jsonl:10", "binary.txt", "empty.txt", "latin.txt"}
    assert "not valid JSON" in by_name["batch.jsonl:4"]["message"]
    assert "binary" in by_name["binary.txt"]["message"]
    assert by_name["latin.txt"]["stage"] == "read" and "utf-8" in by_name["latin.txt"]["message"]
    assert summary["errors"] == len(rows) == 5


def test_ingest_failing_shard_is_recorded_and_redone_on_rerun(corpus, clean_config, tmp_path, monkeypatch):
    real = run_local.run_shard

    def flaky(spec, *args, **kwargs):
        if spec.index == 2:
            raise OSError("disk full (simulated)")
        return real(spec, *args, **kwargs)

    monkeypatch.setattr(run_local, "run_shard", flaky)
    db = tmp_path / "f.duckdb"
    summary = ingest_sharded([corpus], db, config=clean_config, jobs=1, shard_size=4)
    assert summary["shards_failed"] == 1 and summary["shards"] == 9
    with Store(db, read_only=True) as store:
        failed = store.query("SELECT input, message FROM errors WHERE stage = 'shard'")
    assert failed and all("disk full" in r["message"] for r in failed)
    monkeypatch.setattr(run_local, "run_shard", real)
    again = ingest_sharded([corpus], db, config=clean_config, jobs=1, shard_size=4)
    assert again["shards_reused"] == 9 and again["shards"] == 10
    assert len(store_ids(db)["articles"]) == 34


@register_stage
class _CrashStage:
    """Kills its process on an article that says so: a segfault or OOM kill, made on purpose."""
    name = "test_crash"
    requires = ("text",)
    adds = ()

    def run(self, items, config):
        for it in items:
            if "CRASH-THIS-WORKER" in it.document.text:
                os._exit(3)


def test_ingest_worker_death_fails_only_its_shard(corpus, clean_config, tmp_path, monkeypatch):
    if "fork" not in mp.get_all_start_methods():
        pytest.skip("needs fork: the test stage lives in this process")
    monkeypatch.setattr(run_local.LocalPoolExecutor, "_context", staticmethod(lambda: mp.get_context("fork")))
    (corpus / "sub" / "zz_crash.txt").write_text(
        "Crash\n\nThe minister said CRASH-THIS-WORKER at the talks on the border of the state.", "utf-8")
    cfg = clean_config.with_overrides(stages=("clean", "test_crash"))
    db = tmp_path / "c.duckdb"
    summary = ingest_sharded([corpus], db, config=cfg, jobs=2, shard_size=4)
    assert summary["shards_failed"] == 1
    with Store(db, read_only=True) as store:
        failed = store.query("SELECT input FROM errors WHERE stage = 'shard'")
    assert [os.path.basename(r["input"]) for r in failed] == ["zz_crash.txt"]
    # the crash file is the last input, alone in its shard: the shards that were in flight
    # with it when the worker died were run again, and every other article is stored
    assert summary["tables"]["articles"] == 34


def test_ingest_missing_model_stops_before_any_work(corpus, clean_config, tmp_path):
    from readout.errors import ConfigError
    cfg = clean_config.with_overrides(stages=("clean", "parse"), model="no_such_spacy_model")
    with pytest.raises(ConfigError, match="no_such_spacy_model"):
        ingest_sharded([corpus], tmp_path / "m.duckdb", config=cfg, jobs=2, shard_size=4)
    assert not (tmp_path / "m.duckdb.shards").exists() and not (tmp_path / "m.duckdb").exists()


class _ReversingExecutor(run_local.InProcessExecutor):
    """Runs shards at once but reports them newest first: finishing out of plan order."""
    capacity = 4

    def wait(self, futures, timeout):
        return {list(futures)[-1]}


def test_ingest_loads_shards_in_plan_order_whatever_order_they_finish(corpus, clean_config,
                                                                     tmp_path, monkeypatch):
    import readout.run.ingest as run_ingest
    seen: list[str] = []

    class Recorder:                 # the after-write step: what it is given, in order
        def prepare(self, store):
            pass

        def __call__(self, store, docs, config):
            seen.extend(d.input_id for d in docs)

    ingest_sharded([corpus], tmp_path / "o1.duckdb", config=clean_config, jobs=1, shard_size=3,
                   after_write=Recorder())
    in_order = list(seen)
    seen.clear()
    monkeypatch.setattr(run_ingest, "make_executor", lambda *a: _ReversingExecutor())
    summary = ingest_sharded([corpus], tmp_path / "o2.duckdb", config=clean_config, shard_size=3,
                             after_write=Recorder())
    assert summary["shards"] == 14 and len(in_order) == 34
    assert seen == in_order
    assert store_ids(tmp_path / "o2.duckdb") == store_ids(tmp_path / "o1.duckdb")


def test_ingest_refuses_a_database_in_use_and_leaves_its_shards_alone(corpus, clean_config, tmp_path):
    import subprocess
    import sys

    from readout.errors import StoreError
    db = tmp_path / "busy.duckdb"
    busy = tmp_path / "busy.duckdb.shards" / "tmp" / "abc.123.x"     # another run's shard in progress
    busy.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError):
            ingest_sharded([corpus], db, config=clean_config, jobs=2, shard_size=4)
        assert busy.exists()
    finally:
        holder.kill()
        holder.wait()
