"""Accounts: per source side by side, differing figures and quotes; CLI stories/accounts."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from readout.cli import app
from readout.errors import StoreError
from readout.link.accounts import accounts

runner = CliRunner()


def _linked(store, etype: str) -> str:
    rows = store.query("SELECT id FROM linked_events WHERE type = ? ORDER BY n_articles DESC", [etype])
    return rows[0]["id"]


def _diffs(acc, what):
    return [d for d in acc["differences"] if d["what"] == what]


def test_accounts_clash_sources_side_by_side_with_differing_toll(linked_store):
    acc = accounts(linked_store, _linked(linked_store, "ASSAULT"))
    assert [s["source"] for s in acc["sources"]] == ["Harbour Herald", "The Daily Ledger",
                                                     "Northern Wire", "Pacific Courier"]
    killed = [d for d in _diffs(acc, "figure differs") if d["key"].startswith("killed")]
    assert len(killed) == 1
    values = {lab: vals for lab, vals in killed[0]["by_source"].items()}
    assert values == {"Harbour Herald": [4.0], "The Daily Ledger / China": [6.0],
                      "Northern Wire": [6.0], "Pacific Courier": [5.0]}
    injured = [d for d in _diffs(acc, "figure omitted") if d["key"].startswith("injured")]
    assert injured and "The Daily Ledger" in injured[0]["detail"].split("not by")[1]
    only = {d["key"]: d for d in _diffs(acc, "quote only in")}
    assert {"Rajesh Menon", "Mao Ning", "Rajnath Singh"} <= set(only)
    assert only["Mao Ning"]["by_source"] == {"Harbour Herald": False, "The Daily Ledger": True,
                                             "Northern Wire": False, "Pacific Courier": False}


def test_accounts_phone_call_gives_two_accounts_in_one_article(linked_store):
    acc = accounts(linked_store, _linked(linked_store, "CONSULT"))
    ledger = next(s for s in acc["sources"] if s["source"] == "The Daily Ledger")
    speakers = {v["speaker"] for v in ledger["voices"] if v["quotes"]}
    assert {"Dmitry Peskov", "China"} <= speakers
    within = [d for d in _diffs(acc, "accounts within one article") if d["key"] == ledger["article_id"]]
    assert within and "Dmitry Peskov" in within[0]["detail"]
    duration = _diffs(acc, "figure differs")
    assert duration and {60.0, 90.0} == {v for vals in duration[0]["by_source"].values() for v in vals}


def test_accounts_protest_crowd_sizes_per_claimant(linked_store):
    acc = accounts(linked_store, _linked(linked_store, "PROTEST"))
    crowd = [d for d in _diffs(acc, "figure differs") if d["key"].startswith("protesters")]
    assert crowd and crowd[0]["by_source"] == {"Harbour Herald / Kenya Police": [3000.0],
                                               "Harbour Herald / protesters": [20000.0]}


def test_accounts_side_events_take_only_nearby_figures(linked_store):
    """Arrest figures two sentences apart belong to the arrests; a figure three sentences
    away from an accusation does not belong to it, but does to the article's main event."""
    acc = accounts(linked_store, _linked(linked_store, "COERCE"))
    c2 = next(s for s in acc["sources"] if s["source"] == "Northern Wire")
    assert sorted(f["value"] for v in c2["voices"] for f in v["figures"]) == [45.0, 60.0]
    assert any(d["key"].startswith("arrested") for d in _diffs(acc, "figure differs"))
    accuse = linked_store.query("SELECT le.id FROM linked_events le JOIN event_mentions m "
                                "ON m.linked_event_id = le.id WHERE le.type = 'ACCUSE' "
                                "AND m.outlet = 'Steppe Gazette'")[0]["id"]
    d2 = accounts(linked_store, accuse)["sources"][0]
    assert [f for v in d2["voices"] for f in v["figures"]] == []
    sanction = accounts(linked_store, _linked(linked_store, "SANCTION"))
    gazette = next(s for s in sanction["sources"] if s["source"] == "Steppe Gazette")
    assert [f["value"] for v in gazette["voices"] for f in v["figures"]] == [9.0]


def test_accounts_unknown_event_is_an_error(linked_store):
    with pytest.raises(StoreError):
        accounts(linked_store, "nope")


@pytest.fixture
def corpus_db(linked_store):
    path = linked_store.path
    ids = {t: _linked(linked_store, t) for t in ("ASSAULT", "CONSULT")}
    linked_store.close()
    return path, ids


def test_cli_stories_and_accounts(corpus_db):
    path, ids = corpus_db
    res = runner.invoke(app, ["stories", "--db", path, "--json"])
    assert res.exit_code == 0, res.output
    stories = json.loads(res.stdout)
    assert len(stories) == 4 and sorted(s["n_articles"] for s in stories) == [3, 3, 4, 4]
    one = runner.invoke(app, ["stories", stories[0]["id"], "--db", path], env={"COLUMNS": "200"})
    assert one.exit_code == 0 and "linked events" in one.stdout
    res = runner.invoke(app, ["accounts", ids["ASSAULT"], "--db", path], env={"COLUMNS": "240"})
    assert res.exit_code == 0, res.output
    out = res.stdout
    for text in ("Harbour Herald", "Pacific Courier", "figure differs", "Mao Ning",
                 "The responsibility lies entirely", "Pacific Courier: 5"):
        assert text in out, text
    bad = runner.invoke(app, ["accounts", "nope", "--db", path])
    assert bad.exit_code == 2


def _n_account_items(data) -> int:
    return sum(len(v["quotes"]) + len(v["figures"]) for s in data["sources"] for v in s["voices"])


def test_accounts_follow_the_user_config_in_the_api_and_the_cli(corpus_db, tmp_path):
    """`[readout.link.accounts] scope_sentences` in the user's file reaches `accounts` (it was
    read from the shipped table only)."""
    from readout.config import load_config
    from readout.store.writer import Store

    path, _ = corpus_db
    narrow = tmp_path / "narrow.toml"
    narrow.write_text("[readout.link.accounts]\nscope_sentences = 0\n", "utf-8")
    with Store(path, read_only=True) as store:
        event = _linked(store, "COERCE")     # its quotes and figures lie a sentence or two away
        default = accounts(store, event)
        by_config = accounts(store, event, config=load_config(narrow))
        by_argument = accounts(store, event, scope_sentences=0)
    assert _n_account_items(by_config) == _n_account_items(by_argument)
    assert _n_account_items(by_config) < _n_account_items(default)

    cli_default = runner.invoke(app, ["accounts", event, "--db", path, "--json"])
    cli_narrow = runner.invoke(app, ["--config", str(narrow), "accounts", event,
                                     "--db", path, "--json"])
    assert cli_default.exit_code == 0 and cli_narrow.exit_code == 0, cli_narrow.output
    assert _n_account_items(json.loads(cli_narrow.stdout)) == _n_account_items(by_config)
    assert _n_account_items(json.loads(cli_default.stdout)) == _n_account_items(default)
