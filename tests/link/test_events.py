"""Event linking: one linked event per real-world event, with its mentions and counts."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from readout.config import shipped_link_config
from readout.link.events import LinkEvent, dyad_key, match_score
from readout.records import stable_id

PARAMS = replace(shipped_link_config().events, date_tolerance_days=1, reversible_in_story=("ASSAULT",))
SYM = {"CONSULT", "AGREE", "COOPERATE"}


def _ev(**kw) -> LinkEvent:
    base = dict(id="e", story_id="s1", type="CONSULT", mode=None, cameo="040", status="occurred",
                source_name="Xi Jinping", source_country="CHN", target_name="Vladimir Putin",
                target_country="RUS", date_start="2025-04-02", date_end="2025-04-02",
                place_name=None, place_country=None)
    base.update(kw)
    return LinkEvent(**base)


def test_events_corpus_one_linked_event_per_happening_with_counts(linked_store, corpus_rows):
    expected = defaultdict(lambda: {"mentions": 0, "articles": set(), "outlets": set()})
    main_ids = {}
    for r in corpus_rows:
        aid = stable_id("linking-corpus", r["id"])
        for i, e in enumerate(r["gold"]["events"]):
            if e["main"]:
                h = expected[r["happening"]]
                h["mentions"] += 1
                h["articles"].add(aid)
                h["outlets"].add(r["outlet"])
                main_ids[stable_id(aid, "event", i)] = r["happening"]
    linked_of = {m["event_id"]: m["linked_event_id"]
                 for m in linked_store.query("SELECT event_id, linked_event_id FROM event_mentions")}
    per_happening = defaultdict(set)
    for eid, h in main_ids.items():
        per_happening[h].add(linked_of[eid])
    assert all(len(ids) == 1 for ids in per_happening.values()), per_happening
    rows = {r["id"]: r for r in linked_store.query("SELECT * FROM linked_events")}
    for h, ids in per_happening.items():
        row = rows[next(iter(ids))]
        assert (row["n_mentions"], row["n_articles"], row["n_sources"]) == (
            expected[h]["mentions"], len(expected[h]["articles"]), len(expected[h]["outlets"])), h
    # the other records (an accusation, a meeting, arrests …) are events of their own
    main_linked = set().union(*per_happening.values())
    others = {linked_of[e] for e in linked_of if e not in main_ids}
    assert others and not (others & main_linked)
    assert linked_store.count("event_mentions") == sum(len(r["gold"]["events"]) for r in corpus_rows)


def test_events_canonical_record_is_the_most_complete_mention(linked_store):
    rows = linked_store.query("SELECT * FROM linked_events WHERE type = 'SANCTION'")
    assert len(rows) == 1
    assert rows[0]["date_start"] == "2025-05-12"          # the first mention had a date
    assert rows[0]["source_name"] == "European Union" and rows[0]["target_name"] == "Iran"


def test_events_match_symmetric_types_ignore_order():
    linked = _ev()
    assert match_score(linked, _ev(source_name="Vladimir Putin", source_country="RUS",
                                   target_name="Xi Jinping", target_country="CHN"), PARAMS, SYM) is not None
    assert dyad_key(linked, SYM) == dyad_key(_ev(source_country="RUS", target_country="CHN"), SYM)


def test_events_match_rejects_conflicts():
    linked = _ev()
    assert match_score(linked, _ev(type="ACCUSE", cameo="112"), PARAMS, SYM) is None
    assert match_score(linked, _ev(date_start="2025-04-09", date_end="2025-04-09"), PARAMS, SYM) is None
    assert match_score(linked, _ev(status="intended"), PARAMS, SYM) is None
    assert match_score(linked, _ev(target_name="Joe Biden", target_country="USA"), PARAMS, SYM) is None
    assert match_score(_ev(place_name="Moscow", place_country="RUS"),
                       _ev(place_name="Paris", place_country="FRA"), PARAMS, SYM) is None


def test_events_match_prefers_names_and_allows_missing_details_in_story():
    linked = _ev()
    by_name = match_score(linked, _ev(), PARAMS, SYM)
    by_country = match_score(linked, _ev(source_name="China", target_name="Russia"), PARAMS, SYM)
    undated = match_score(linked, _ev(date_start=None, date_end=None, target_name=None,
                                      target_country=None), PARAMS, SYM)
    assert by_name > by_country > undated >= 0


def test_events_across_stories_need_same_dyad_and_date():
    linked = _ev(story_id="s1")
    assert match_score(linked, _ev(story_id="s2"), PARAMS, SYM) is not None
    assert match_score(linked, _ev(story_id="s2", date_start=None, date_end=None), PARAMS, SYM) is None
    assert match_score(linked, _ev(story_id="s2", target_country=None, target_name="Putin"),
                       PARAMS, SYM) is None


def test_events_reversed_assault_links_only_within_a_story():
    linked = _ev(type="ASSAULT", cameo="190", source_country="CHN", source_name="China",
                 target_country="IND", target_name="India")
    swapped = dict(type="ASSAULT", cameo="190", source_country="IND", source_name="India",
                   target_country="CHN", target_name="China")
    assert match_score(linked, _ev(**swapped), PARAMS, SYM) is not None
    assert match_score(linked, _ev(story_id="s2", **swapped), PARAMS, SYM) is None
