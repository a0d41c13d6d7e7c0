"""The linking corpus through the whole pipeline (spaCy model): stories and linked events."""
from __future__ import annotations

from collections import defaultdict

import pytest

from readout import api
from readout.store.writer import Store

from .conftest import CORPUS


@pytest.mark.model
def test_corpus_pipeline_stories_and_links_are_per_happening(tmp_path, corpus_rows):
    db = tmp_path / "corpus.duckdb"
    api.ingest([str(CORPUS)], db=db, jobs=1)
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
    api.ingest([str(CORPUS)], db=db, jobs=1)
    with Store(db, read_only=True) as store:
        assert {t: store.count(t) for t in counts} == counts
