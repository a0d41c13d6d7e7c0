"""The linking corpus through the whole pipeline (spaCy model): stories, one linked event per
happening with its mention counts, and accounts that set the sources' figures and quotes side
by side — issue 6's acceptance, on the extractors' own output rather than hand annotations."""
from __future__ import annotations

from collections import defaultdict

import pytest

from readout import api
from readout.config import load_config
from readout.link.accounts import accounts
from readout.store.writer import Store

from .conftest import CORPUS

# The corpus's reports are mostly one-sided in their sentence ("Four Indian soldiers were
# killed in the clash"); linking them across articles is what is tested here, so one-sided
# events of state-level actors are kept (the shipped default keeps them only when the gate
# is confident: README, Measured).
ONE_SIDED = load_config().with_overrides(one_sided_events="state")


def _main_types(corpus_rows) -> dict[str, str]:
    """Happening → the PLOVER type of its hand-annotated main event."""
    out = {}
    for r in corpus_rows:
        for e in r["gold"]["events"]:
            if e["main"]:
                assert out.setdefault(r["happening"], e["type"]) == e["type"]
    return out


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, corpus_rows):
    db = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    api.ingest([str(CORPUS)], db=db, jobs=1, config=ONE_SIDED)
    return db


@pytest.mark.model
def test_corpus_pipeline_stories_and_links_are_per_happening(ingested, corpus_rows):
    db = ingested
    happening = {r["id"]: r["happening"] for r in corpus_rows}
    with Store(db, read_only=True) as store:
        stories = defaultdict(set)
        for r in store.query("SELECT input_id, story_id FROM articles"):
            stories[happening[r["input_id"]]].add(r["story_id"])
        counts = {t: store.count(t) for t in ("stories", "linked_events", "event_mentions")}
        spans = store.query("""SELECT m.linked_event_id, list(DISTINCT a.input_id) AS inputs,
                                      count(DISTINCT m.outlet) AS outlets
                               FROM event_mentions m JOIN articles a ON a.id = m.article_id
                               GROUP BY m.linked_event_id""")
    assert sorted(stories) == ["A", "B", "C", "D"]
    assert all(len(s) == 1 for s in stories.values()) and counts["stories"] == 4
    # a linked event never spans two happenings; some are reported by several outlets
    assert all(len({happening[i] for i in row["inputs"]}) == 1 for row in spans)
    assert any(row["outlets"] >= 2 for row in spans)
    # re-ingesting changes nothing
    api.ingest([str(CORPUS)], db=db, jobs=1, config=ONE_SIDED)
    with Store(db, read_only=True) as store:
        assert {t: store.count(t) for t in counts} == counts


def _main_linked(store, corpus_rows) -> dict[str, dict]:
    """Happening → the one linked event of its main type reported in more than one article."""
    happening = {r["id"]: r["happening"] for r in corpus_rows}
    rows = store.query("""SELECT l.id, l.type, l.n_mentions, l.n_articles, l.n_sources,
                                 list(DISTINCT a.input_id) AS inputs
                          FROM linked_events l JOIN event_mentions m ON m.linked_event_id = l.id
                          JOIN articles a ON a.id = m.article_id
                          GROUP BY ALL""")
    main = _main_types(corpus_rows)
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        h = happening[r["inputs"][0]]
        if r["type"] == main[h] and r["n_articles"] >= 2:
            out[h].append(r)
    assert {h: len(v) for h, v in out.items()} == {h: 1 for h in main}, out
    return {h: v[0] for h, v in out.items()}


@pytest.mark.model
def test_corpus_pipeline_one_linked_event_per_happening_with_counts(ingested, corpus_rows):
    articles = defaultdict(set)
    outlets = defaultdict(set)
    for r in corpus_rows:
        articles[r["happening"]].add(r["id"])
        outlets[r["happening"]].add(r["outlet"])
    with Store(ingested, read_only=True) as store:
        main = _main_linked(store, corpus_rows)
    for h, row in main.items():
        # every article of the happening reports its main event, and it is linked across them
        assert set(row["inputs"]) == articles[h], (h, row)
        assert row["n_articles"] == len(articles[h]) and row["n_sources"] == len(outlets[h])
        assert row["n_mentions"] >= row["n_articles"]


@pytest.mark.model
def test_corpus_pipeline_accounts_show_differing_figures_and_quotes(ingested, corpus_rows):
    with Store(ingested, read_only=True) as store:
        main = _main_linked(store, corpus_rows)
        acc = {h: accounts(store, row["id"]) for h, row in main.items()}
    for h, a in acc.items():
        assert len(a["sources"]) == main[h]["n_sources"]
        # the sources quote different people: who is quoted differs from outlet to outlet
        quoted = {s["source"]: frozenset(v["speaker"] for v in s["voices"] if v["quotes"] and v["speaker"])
                  for s in a["sources"]}
        assert len({q for q in quoted.values() if q}) >= 2, (h, quoted)
        assert any(d["what"] == "quote only in" for d in a["differences"])

    def differing(a, measure_word):
        for d in a["differences"]:
            if d["what"] == "figure differs" and measure_word in d["key"].lower():
                values = {v for vals in d["by_source"].values() for v in vals}
                if len(values) >= 2:
                    return values
        return set()

    # the clash's death toll as each outlet gives it; the crowd as police and organisers put it;
    # the number of people sanctioned
    assert {4.0, 5.0, 6.0} <= differing(acc["A"], "soldiers")
    assert {3000.0, 20000.0} <= differing(acc["C"], "crowd")
    assert {8.0, 9.0} <= differing(acc["D"], "individuals")
