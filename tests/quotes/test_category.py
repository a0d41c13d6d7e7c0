"""Quote categories from the cue table (knowledge/quote_categories.toml): no model needed."""
from __future__ import annotations

import pytest

from readout.config import load_config, quote_categories
from readout.errors import ConfigError
from readout.knowledge import load_toml
from readout.quotes.category import CATEGORIES, category_table, quote_category


@pytest.mark.parametrize("cue, source, want", [
    ("said", "Mr Okafor", "speech"),
    ("has said", None, "speech"),
    ("told", "she", "speech"),
    ("tweeted", None, "speech"),
    ("according to", "state broadcaster KBC", "speech"),
    ("―", "Maria Lopez", "speech"),
    (":", None, "speech"),
    ("in", "a statement", "speech"),
    ("did not mention", None, "speech"),
    ("made it clear", None, "speech"),
    ("called for", None, "speech"),
    ("believes", "the minister", "thought"),
    ("wants", None, "thought"),
    ("would like", None, "thought"),
    ("found", "the senator", "stance"),
    ("is expected", None, "stance"),
    ("appeared", None, "stance"),
    ("decided", None, "stance"),
    ("made", None, "stance"),
    ("support for", None, "stance"),
    ("in", "his book", "stance"),
    ("shows", "Treasury data", "evidence"),
    ("found", "a new poll of voters", "evidence"),
    ("indicated", "the study", "evidence"),
    ("said", "the national Statistics Office", "speech"),
    ("glimpsed", None, "stance"),   # a cue no list names takes the default
])
def test_category_of_cues(cue, source, want):
    assert quote_category(cue, source) == want


def test_category_lemma_from_a_parse_wins_over_the_form():
    assert quote_category("reckons", None, lemma="reckon") == "thought"


def test_category_table_lists_each_lemma_once_and_is_versioned():
    data = load_toml("quote_categories.toml")
    seen: dict[str, str] = {}
    for cat in ("speech", "thought", "stance"):
        for lemma in data[cat].get("verbs", []):
            assert seen.setdefault(lemma, cat) == cat, f"{lemma} in {seen[lemma]} and {cat}"
    assert data["default"] in CATEGORIES and category_table().version == data["version"]


def test_category_config_defaults_to_speech_and_accepts_all():
    cfg = load_config()
    assert cfg.quote_categories == ("speech",)
    assert set(cfg.claimant_categories) == {"speech", "evidence"}
    assert quote_categories("all") == CATEGORIES
    assert quote_categories("speech, stance") == ("speech", "stance")
    assert load_config(quote_categories="thought").quote_categories == ("thought",)
    with pytest.raises(ConfigError):
        quote_categories("gossip")
