"""Story clustering: incremental, date-windowed, idempotent."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from readout.config import shipped_link_config
from readout.link import link_batch, link_stored
from readout.link.stories import LinkArticle, StorySignature, article_terms, cosine, idf
from readout.records import Document, stable_id
from readout.store.writer import Store

from .conftest import ingest_docs


def _stories_by_happening(store, rows):
    happening = {r["id"]: r["happening"] for r in rows}
    got = defaultdict(set)
    for r in store.query("SELECT input_id, story_id FROM articles"):
        got[happening[r["input_id"]]].add(r["story_id"])
    return got


def test_stories_corpus_gives_one_story_per_happening(linked_store, corpus_rows):
    got = _stories_by_happening(linked_store, corpus_rows)
    assert sorted(got) == ["A", "B", "C", "D"]
    assert all(len(ids) == 1 for ids in got.values()), got
    assert len(set().union(*got.values())) == 4
    counts = {r["id"]: (r["n_articles"], r["n_sources"]) for r in linked_store.query("SELECT * FROM stories")}
    sizes = defaultdict(int)
    for r in corpus_rows:
        sizes[r["happening"]] += 1
    for h, ids in got.items():
        assert counts[next(iter(ids))] == (sizes[h], sizes[h])


def test_stories_same_result_whatever_the_batch_size(tmp_path, corpus_docs, corpus_rows):
    with Store(tmp_path / "one.duckdb") as store:
        ingest_docs(store, corpus_docs, batch_size=1)
        got = _stories_by_happening(store, corpus_rows)
    assert all(len(ids) == 1 for ids in got.values()) and len(set().union(*got.values())) == 4


def test_stories_reingest_keeps_stories_and_counts(linked_store, corpus_docs):
    before = {t: linked_store.count(t) for t in ("stories", "linked_events", "event_mentions")}
    assignment = linked_store.query("SELECT id, story_id FROM articles ORDER BY id")
    df_before = linked_store.query("SELECT * FROM _link_df ORDER BY term")
    ingest_docs(linked_store, corpus_docs[::-1], batch_size=5)   # same articles, other order
    assert {t: linked_store.count(t) for t in before} == before
    assert linked_store.query("SELECT id, story_id FROM articles ORDER BY id") == assignment
    assert linked_store.query("SELECT * FROM _link_df ORDER BY term") == df_before


def test_stories_link_stored_rebuilds_the_same_stories(linked_store, corpus_rows):
    before = _stories_by_happening(linked_store, corpus_rows)
    result = link_stored(linked_store, reset=True, order="published")
    assert result["articles"] == len(corpus_rows) and result["stories"] == 4
    assert _stories_by_happening(linked_store, corpus_rows) == before


def test_stories_date_window_separates_same_words_far_apart(tmp_path):
    text = ("Flooding on the Sava river forced the evacuation of Brcko and Orasje, "
            "officials in Bosnia said, as the Sava rose above record levels.")
    docs = [Document(id=stable_id("flood", d), text=text, title="Sava floods force evacuations",
                     published=d, outlet=o)
            for d, o in (("2024-05-01", "X"), ("2024-05-03", "Y"), ("2024-09-20", "Z"))]
    with Store(tmp_path / "w.duckdb") as store:
        for d in docs:
            store.write([d])
            link_batch(store, [d])
        story = {r["published"]: r["story_id"] for r in store.query("SELECT published, story_id FROM articles")}
    assert story["2024-05-01"] == story["2024-05-03"]
    assert story["2024-09-20"] != story["2024-05-01"]


def test_stories_unrelated_articles_do_not_merge(tmp_path):
    a = Document(id="a", text="The central bank of Chile raised its policy rate to 6 percent on Tuesday.",
                 title="Chile raises rates", published="2024-01-02")
    b = Document(id="b", text="Volcanic ash from Mount Etna closed Catania airport in Sicily on Tuesday.",
                 title="Etna ash closes airport", published="2024-01-02")
    with Store(tmp_path / "u.duckdb") as store:
        store.write([a, b])
        link_batch(store, [a, b])
        assert store.count("stories") == 2


def test_stories_terms_weigh_names_titles_and_extracted_actors():
    params = replace(shipped_link_config().stories, title_weight=2.0, name_weight=2.0, actor_weight=2.0)
    art = LinkArticle(id="x", title="Talks in Doha", text="Officials met in Doha. Talks went on.",
                      actors=[("Qatar", 3)], places=["Doha"], event_types=["CONSULT"])
    terms = article_terms(art, params)
    assert terms["doha"] > terms["official"]          # title + mid-sentence name
    assert "a:qatar" in terms and "p:doha" in terms and "e:CONSULT" in terms
    assert "in" not in terms and "the" not in terms   # stop words dropped
    assert "talk" in terms and "talks" not in terms   # plural folded


def test_stories_signature_vector_and_cosine():
    s = StorySignature(id="s", weights={})
    s.add({"quake": 1.0, "sumatra": 1.0}, None)
    s.add({"quake": 1.0, "padang": 1.0}, None)
    vec, norm = s.vector(lambda t: 1.0, size=2)
    assert set(vec) == {"quake", next(t for t in vec if t != "quake")} and len(vec) == 2
    same = cosine({"quake": 1.0, "sumatra": 1.0}, 2 ** 0.5, vec, norm)
    other = cosine({"election": 1.0}, 1.0, vec, norm)
    assert same > 0.5 and other == 0.0
    assert idf(1, 100) > idf(50, 100)
