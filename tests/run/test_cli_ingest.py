"""`readout ingest` with the runner's options: pool, shards folder, resume message, summary."""
from __future__ import annotations

from typer.testing import CliRunner

from readout.cli import app

runner = CliRunner()


def test_cli_ingest_pool_resume_and_drop_shards(corpus, tmp_path):
    cfg = tmp_path / "clean.toml"
    cfg.write_text('[readout]\nstages = ["clean"]\n', "utf-8")
    db = tmp_path / "c.duckdb"
    args = ["--config", str(cfg), "ingest", str(corpus), "--db", str(db), "--jobs", "2",
            "--shard-size", "8", "--shards", str(tmp_path / "sh")]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    assert "stored 34 articles, 5 errors" in res.stdout
    assert "skipped" in res.stderr and "binary.txt" in res.stderr      # errors shown as they come
    assert (tmp_path / "sh" / "manifest.jsonl").exists()
    res = runner.invoke(app, args + ["--drop-shards"])
    assert res.exit_code == 0, res.output
    assert "5 of 5 shards were finished by an earlier run" in res.stdout
    assert "stored 34 articles" in res.stdout and not (tmp_path / "sh").exists()


def test_cli_ingest_bad_scheduler_is_a_clear_error(corpus, tmp_path):
    import dask
    cfg = tmp_path / "clean.toml"
    cfg.write_text('[readout]\nstages = ["clean"]\n', "utf-8")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        res = runner.invoke(app, ["--config", str(cfg), "ingest", str(corpus), "--db", str(tmp_path / "x.duckdb"),
                                  "--scheduler", "tcp://127.0.0.1:9"])
    assert res.exit_code == 2
    assert "cannot reach the Dask scheduler" in res.stderr
