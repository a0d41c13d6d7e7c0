"""`readout serve`: localhost by default, the store given, clear errors."""
from __future__ import annotations

from typer.testing import CliRunner

from readout.cli import app

runner = CliRunner()


def test_cli_serve_binds_localhost_by_default(monkeypatch, synthetic_db):
    calls = []
    monkeypatch.setattr("readout.serve.app.run", lambda db, **kw: calls.append((db, kw)))
    res = runner.invoke(app, ["serve", "--db", str(synthetic_db["path"])])
    assert res.exit_code == 0, res.output
    assert calls == [(str(synthetic_db["path"]), {"host": "127.0.0.1", "port": 8000, "query_timeout": 5.0})]


def test_cli_serve_missing_database_exits_2(tmp_path):
    res = runner.invoke(app, ["serve", "--db", str(tmp_path / "nope.duckdb")])
    assert res.exit_code == 2
    assert "no such database" in " ".join(res.output.split())


def test_cli_serve_help_names_its_options():
    res = runner.invoke(app, ["serve", "--help"])
    assert res.exit_code == 0
    for opt in ("--db", "--host", "--port", "--query-timeout"):
        assert opt in res.output
