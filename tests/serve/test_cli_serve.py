"""`readout serve`: localhost by default, the store given, clear errors."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from readout.cli import app

runner = CliRunner()


def test_cli_serve_binds_localhost_by_default(monkeypatch, synthetic_db):
    calls = []
    monkeypatch.setattr("readout.serve.app.run", lambda db, **kw: calls.append((db, kw)))
    res = runner.invoke(app, ["serve", "--db", str(synthetic_db["path"])])
    assert res.exit_code == 0, res.output
    assert len(calls) == 1 and calls[0][0] == str(synthetic_db["path"])
    kw = calls[0][1]
    assert (kw["host"], kw["port"], kw["query_timeout"], kw["token"], kw["allowed_host"]) == (
        "127.0.0.1", 8000, 5.0, None, [])


def test_cli_serve_missing_database_exits_2(tmp_path):
    res = runner.invoke(app, ["serve", "--db", str(tmp_path / "nope.duckdb")])
    assert res.exit_code == 2
    assert "no such database" in " ".join(res.output.split())


def test_cli_serve_help_names_its_options():
    res = runner.invoke(app, ["serve", "--help"])
    assert res.exit_code == 0
    for opt in ("--db", "--host", "--port", "--query-timeout", "--allowed-host", "--token"):
        assert opt in res.output


def _no_uvicorn(monkeypatch):
    served = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: served.append((app, kw)))
    return served


def test_cli_serve_warns_loudly_on_a_non_loopback_bind(monkeypatch, synthetic_db):
    served = _no_uvicorn(monkeypatch)
    monkeypatch.delenv("READOUT_TOKEN", raising=False)
    res = runner.invoke(app, ["serve", "--db", str(synthetic_db["path"]), "--host", "0.0.0.0"])
    assert res.exit_code == 0, res.output
    assert "WARNING" in res.stderr and "every interface" in res.stderr and "--token" in res.stderr
    assert served and served[0][1]["host"] == "0.0.0.0"
    res = runner.invoke(app, ["serve", "--db", str(synthetic_db["path"])])
    assert res.exit_code == 0 and "WARNING" not in res.stderr


def test_cli_serve_token_from_the_environment(monkeypatch, synthetic_db):
    from fastapi.testclient import TestClient
    served = _no_uvicorn(monkeypatch)
    monkeypatch.setenv("READOUT_TOKEN", "s3cret")
    res = runner.invoke(app, ["serve", "--db", str(synthetic_db["path"]), "--host", "0.0.0.0",
                              "--allowed-host", "readout.example"])
    assert res.exit_code == 0, res.output
    assert "must carry the token" in res.stderr
    client = TestClient(served[0][0], base_url="http://readout.example")   # (its store is closed)
    assert client.get("/static/style.css").status_code == 401
    assert client.get("/static/style.css", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert TestClient(served[0][0], base_url="http://evil.example").get(
        "/static/style.css", headers={"Authorization": "Bearer s3cret"}).status_code == 400


@pytest.mark.parametrize("value", ["-1", "0", "nan"])
def test_cli_serve_query_timeout_must_be_positive(monkeypatch, synthetic_db, value):
    _no_uvicorn(monkeypatch)
    res = runner.invoke(app, ["serve", "--db", str(synthetic_db["path"]), "--query-timeout", value])
    assert res.exit_code == 2
    assert "--query-timeout must be a positive number" in " ".join(res.output.split())
