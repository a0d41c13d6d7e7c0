"""The CLI: extract prints valid JSON Lines; ingest is idempotent; export writes Parquet."""
from __future__ import annotations

import json

import jsonschema
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from readout.cli import app

runner = CliRunner()


def test_cli_help_everywhere():
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    for cmd in ("extract", "ingest", "export", "demo", "actors"):
        assert cmd in res.output
        sub = runner.invoke(app, [cmd, "--help"])
        assert sub.exit_code == 0 and "Usage" in sub.output, cmd


@pytest.mark.model
def test_cli_extract_seed_validates(seed_path, document_schema):
    res = runner.invoke(app, ["extract", str(seed_path), "--published", "2022-12-30"])
    assert res.exit_code == 0, res.output
    lines = [l for l in res.stdout.splitlines() if l.strip()]
    assert len(lines) == 1
    record = json.loads(lines[0])
    jsonschema.validate(record, document_schema)
    assert record["published"] == "2022-12-30" and record["published_source"] == "given"


def test_cli_extract_bad_input_exit_code(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("", "utf-8")
    res = runner.invoke(app, ["extract", str(bad)])
    assert res.exit_code == 1
    assert "empty.txt" in res.stderr


@pytest.mark.model
def test_cli_ingest_twice_one_article_then_export(seed_path, tmp_path):
    db = tmp_path / "r.duckdb"
    for _ in range(2):
        res = runner.invoke(app, ["ingest", str(seed_path), "--db", str(db)])
        assert res.exit_code == 0, res.output
    out = tmp_path / "articles.parquet"
    res = runner.invoke(app, ["export", "--db", str(db), "--table", "articles", "--format", "parquet",
                              "-o", str(out)])
    assert res.exit_code == 0, res.output
    table = pq.read_table(out)
    assert table.num_rows == 1
    assert table.column("title")[0].as_py().startswith("Putin, Xi hold talks")
    for fmt in ("csv", "jsonl"):
        res = runner.invoke(app, ["export", "--db", str(db), "--table", "sentences", "--format", fmt,
                                  "-o", str(tmp_path / f"s.{fmt}")])
        assert res.exit_code == 0 and (tmp_path / f"s.{fmt}").stat().st_size > 0


def test_cli_export_unknown_table(tmp_path):
    from readout.store.writer import Store
    db = tmp_path / "r.duckdb"
    Store(db).close()
    res = runner.invoke(app, ["export", "--db", str(db), "--table", "nope", "-o", str(tmp_path / "x")])
    assert res.exit_code == 2 and "nope" in res.stderr
