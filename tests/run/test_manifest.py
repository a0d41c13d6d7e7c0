"""Shard commits are atomic; the manifest survives a torn line; loading is idempotent."""
from __future__ import annotations

import json

import pytest

from readout.run import shards as shards_mod
from readout.run.manifest import Manifest, ensure_loaded_table, is_loaded, load_result, mark_loaded
from readout.run.shards import SHARD_META, plan_shards, run_shard, shard_dir
from readout.store.writer import Store


def test_manifest_commit_is_all_or_nothing(corpus, clean_config, tmp_path, monkeypatch):
    spec = next(iter(plan_shards([corpus], clean_config, shard_size=4)))
    out = tmp_path / "shards"
    real = shards_mod.pq.write_table
    calls = []

    def failing(table, path, **kw):         # the disk fills up on the third table
        calls.append(path)
        if len(calls) == 3:
            raise OSError("No space left on device")
        return real(table, path, **kw)

    monkeypatch.setattr(shards_mod.pq, "write_table", failing)
    with pytest.raises(OSError):
        run_shard(spec, clean_config, None, str(out))
    assert not shard_dir(out, spec.key).exists()
    assert not any((out / "tmp").iterdir())            # nothing half-written left behind
    monkeypatch.setattr(shards_mod.pq, "write_table", real)
    result = run_shard(spec, clean_config, None, str(out))
    folder = shard_dir(out, spec.key)
    assert result.path == str(folder) and (folder / SHARD_META).exists()
    assert sorted(p.name for p in folder.glob("*.parquet"))[:2] == ["actors.parquet", "articles.parquet"]
    # a second commit of the same shard (another worker, a retry) keeps the first
    again = run_shard(spec, clean_config, None, str(out))
    assert again.path == result.path and len(list((out / "shards").iterdir())) == 1


def test_manifest_tolerates_a_torn_line_and_trusts_the_folders(corpus, clean_config, tmp_path):
    specs = list(plan_shards([corpus], clean_config, shard_size=8))[:2]
    m = Manifest(tmp_path / "s")
    results = [run_shard(s, clean_config, None, str(m.root)) for s in specs]
    m.record(specs[0], results[0])
    with open(m.path, "a", encoding="utf-8") as fh:
        fh.write('{"key": "' + specs[1].key[:5])          # killed while writing this line
    m2 = Manifest(tmp_path / "s")
    assert m2.recorded == {specs[0].key}
    assert m2.is_done(specs[0].key) and m2.is_done(specs[1].key)    # the folder decides
    back = m2.result_of(specs[1])
    assert (back.articles, back.n_errors) == (results[1].articles, results[1].n_errors)
    m2.record(specs[1], back)
    lines = [json.loads(l) for l in m2.path.read_text("utf-8").splitlines()]
    assert [l["key"] for l in lines] == [s.key for s in specs]
    assert [l["articles"] for l in lines] == [r.articles for r in results]


def test_manifest_loading_twice_changes_nothing(corpus, clean_config, tmp_path):
    spec = next(iter(plan_shards([corpus], clean_config, shard_size=8)))
    result = run_shard(spec, clean_config, None, str(tmp_path / "s"))
    with Store(tmp_path / "x.duckdb") as store:
        ensure_loaded_table(store)
        assert not is_loaded(store, spec.key)
        load_result(store, result)
        first = store.counts()
        load_result(store, result)
        mark_loaded(store, result)
        assert store.counts() == first and first["articles"] == result.articles
        assert is_loaded(store, spec.key)
