"""The table-driven actor case set (tests/actors/data/actor_cases.tsv, written from the public
data by tests/actors/data/make_cases.py): accuracy thresholds at what the knowledge base
reaches, overall, on the held-out third and per category."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[2] / "eval" / "eval_actors.py"
spec = importlib.util.spec_from_file_location("eval_actors", EVAL)
ev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ev)

KINDS = {"person", "organisation", "agent", "none", "no-person", "no-country"}


@pytest.fixture(scope="module")
def results():
    return ev.evaluate(ev.load_cases())


def test_actor_cases_cover_countries_kinds_and_hold_out_a_third():
    cases = ev.load_cases()
    assert len(cases) >= 500
    assert {c["kind"] for c in cases} == KINDS
    assert len({c["country"] for c in cases if c["country"]}) >= 80
    cats = {c["category"] for c in cases}
    for need in ("legislator", "head-of-state-or-gov", "head-or-minister", "former-official",
                 "party-acronym", "legislature", "military", "police", "intelligence-acronym",
                 "central-bank", "state-media", "armed-group", "generic-agent", "place-locative",
                 "weekday", "platform", "treaty", "surname-collision"):
        assert need in cats, need
    held = sum(c["split"] == "heldout" for c in cases)
    assert held >= len(cases) / 3 - 5
    assert sum(bool(c["date"]) for c in cases) >= 150


def test_actor_cases_overall_and_heldout_accuracy(results):
    s = ev.summary(results)["all"]
    assert s[1] >= 0.97 and s[2] >= 0.96, s
    held = ev.summary(results, "split")["heldout"]
    assert held[1] >= 0.97 and held[2] >= 0.96, held


def test_actor_cases_each_large_category_is_right(results):
    for cat, (n, country, sector) in ev.summary(results, "category").items():
        if n >= 20:
            assert country >= 0.88 and sector >= 0.88, (cat, n, country, sector)


def test_actor_cases_scoring_rules():
    from readout.records import Actor
    person = Actor(id="x", name="Smith", country=None, sector=None, code=None, kind="person", mentions=[])
    assert ev.score({"kind": "none"}, None) == (True, True)
    assert ev.score({"kind": "none"}, person) == (False, False)
    assert ev.score({"kind": "no-person"}, person) == (False, False)
    assert ev.score({"kind": "no-country"}, person) == (True, True)
    assert ev.score({"kind": "person", "country": "KEN", "sector": "LEG"}, None) == (False, False)
