"""Store: records round-trip through DuckDB and Parquet; ingest is idempotent; bulk writes."""
from __future__ import annotations

import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readout.records import (Actor, DateRange, Document, Event, Evidence, Figure, Mention, Place,
                             Quote, Sentence, TimeExpression, stable_id)
from readout.store.schema import TABLES, document_rows, tables_from_documents
from readout.store.writer import Store

text_st = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)
opt_text = st.none() | text_st
date_st = st.none() | st.dates().map(lambda d: d.isoformat())
code_st = st.none() | st.sampled_from(["RUS", "CHN", "USA", "UKR"])


@st.composite
def documents(draw):
    text = draw(st.text(min_size=20, max_size=200, alphabet=st.characters(blacklist_categories=("Cs",))))
    doc_id = stable_id(text, draw(st.integers()))
    n = len(text)
    spans = st.tuples(st.integers(0, n - 1), st.integers(1, n)).map(lambda p: (min(p), max(p[0] + 1, p[1])))
    actors = []
    for i in range(draw(st.integers(0, 3))):
        ms = [Mention(s, e, text[s:e], draw(st.sampled_from(["name", "pronoun", None])))
              for s, e in draw(st.lists(spans, max_size=3, unique=True))]
        actors.append(Actor(stable_id(doc_id, "a", i), draw(text_st), draw(code_st),
                            draw(st.none() | st.sampled_from(["GOV", "MIL", "MED"])), draw(opt_text),
                            draw(st.sampled_from(["person", "country", "igo"])), ms))
    ids = [a.id for a in actors] + [None]
    events = []
    for i in range(draw(st.integers(0, 3))):
        s, e = draw(spans)
        events.append(Event(stable_id(doc_id, "e", i), "CONSULT", draw(st.none() | st.just("phone")),
                            draw(st.sampled_from(["040", "042", "1121"])), draw(st.sampled_from(ids)),
                            draw(st.sampled_from(ids)), draw(st.sampled_from(["occurred", "negated"])),
                            draw(st.none() | st.builds(DateRange, date_st, date_st, st.just("day"))),
                            draw(st.none() | st.builds(Place, text_st, code_st)),
                            draw(st.floats(-10, 10)), draw(st.integers(1, 4)), draw(st.floats(0, 1)),
                            Evidence(0, s, e, text[s:e]), draw(opt_text), None))
    quotes = [Quote(stable_id(doc_id, "q", i), draw(st.sampled_from(ids)), draw(opt_text), draw(text_st),
                    "direct", draw(opt_text), draw(st.sampled_from(ids)), *draw(spans))
              for i in range(draw(st.integers(0, 2)))]
    figures = [Figure(stable_id(doc_id, "f", i), draw(text_st),
                      draw(st.none() | st.floats(allow_nan=False, allow_infinity=False)),
                      draw(st.none() | st.sampled_from(["%", "USD", "m3"])), draw(opt_text),
                      draw(st.none() | st.builds(DateRange, date_st, date_st, st.just("month"))),
                      draw(st.sampled_from(ids)), *draw(spans))
               for i in range(draw(st.integers(0, 2)))]
    times = [TimeExpression(text[s:e], s, e, draw(date_st), draw(date_st), "day", None, "rule")
             for s, e in draw(st.lists(spans, max_size=2, unique=True))]
    return Document(id=doc_id, text=text, title=draw(opt_text), input_id=draw(opt_text),
                    url=draw(opt_text), outlet=draw(opt_text), published=draw(date_st),
                    published_source="given", dateline=draw(opt_text),
                    credits=draw(st.lists(text_st, max_size=3)), caption=draw(opt_text),
                    removed=draw(st.lists(text_st, max_size=3)), sentences=[Sentence(0, n)],
                    times=times, actors=actors, events=events, quotes=quotes, figures=figures,
                    coder={"readout": "0.1.0", "data": "abc"})


def _rows_from_store(store: Store, table: str, article_id: str) -> list[dict]:
    cols = ", ".join(f'"{f.name}"' for f in TABLES[table])
    key = "id" if table == "articles" else "article_id"
    return sorted(store.query(f'SELECT {cols} FROM "{table}" WHERE {key} = ?', [article_id]),
                  key=lambda r: r["id"])


def _normal(rows):
    out = []
    for r in sorted(rows, key=lambda r: r["id"]):
        out.append({k: (list(v) if isinstance(v, (list, tuple)) else v) for k, v in r.items()})
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_store_duckdb_round_trip(tmp_path_factory, doc):
    db = tmp_path_factory.mktemp("db") / "t.duckdb"
    with Store(db) as store:
        store.write([doc])
        expected = document_rows(doc)
        for table, rows in expected.items():
            got = _rows_from_store(store, table, doc.id)
            assert _normal(got) == _normal(rows), table


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents())
def test_store_parquet_round_trip(tmp_path_factory, doc):
    folder = tmp_path_factory.mktemp("pq")
    for table, arrow in tables_from_documents([doc]).items():
        path = folder / f"{table}.parquet"
        pq.write_table(arrow, path)
        back = pq.read_table(path)
        assert back.schema.equals(TABLES[table])
        assert _normal(back.to_pylist()) == _normal(document_rows(doc)[table])


def test_store_write_twice_is_idempotent(tmp_path):
    doc = Document(id="d1", text="Alpha met Beta.", sentences=[Sentence(0, 15)],
                   actors=[Actor("a1", "Alpha", "RUS", "GOV", "RUSGOV", "person", [Mention(0, 5, "Alpha")])],
                   coder={"readout": "x", "data": "y"})
    with Store(tmp_path / "s.duckdb") as store:
        store.write([doc])
        first = store.counts()
        store.write([doc])
        store.write([doc, doc])
        assert store.counts() == first
        assert first["articles"] == 1 and first["mentions"] == 1 and first["sentences"] == 1


def test_store_keys_only_articles_and_errors(tmp_path):
    """Record tables carry no key index (DuckDB holds those in memory); a batch mixing new
    and stored articles still replaces the stored ones and adds the new."""
    with Store(tmp_path / "s.duckdb") as store:
        keyed = {r[0] for r in store.con.execute(
            "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'").fetchall()}
        assert {"articles", "errors"} <= keyed
        assert not keyed & {"sentences", "times", "actors", "mentions", "events", "quotes", "figures",
                             "event_mentions", "linked_events"}
        one = Document(id="d1", text="Alpha met Beta.", sentences=[Sentence(0, 15)], coder={})
        two = Document(id="d2", text="Gamma met Beta.", sentences=[Sentence(0, 15)], coder={})
        store.write([one])
        store.write([one, two])
        store.write([two, one])
        assert store.count("articles") == 2 and store.count("sentences") == 2
        rows = store.con.execute("SELECT article_id, count(*) FROM sentences GROUP BY 1 ORDER BY 1").fetchall()
        assert rows == [("d1", 1), ("d2", 1)]


def test_store_rewrite_replaces_old_records(tmp_path):
    base = dict(id="d1", text="Alpha met Beta.", sentences=[Sentence(0, 15)], coder={})
    with Store(tmp_path / "s.duckdb") as store:
        store.write([Document(**base, actors=[Actor("a1", "A", None, None, None, "person", []),
                                              Actor("a2", "B", None, None, None, "person", [])])])
        store.write([Document(**base, actors=[Actor("a1", "A", None, None, None, "person", [])])])
        assert store.count("actors") == 1


def test_store_articles_carry_version_and_data_hash(tmp_path):
    doc = Document(id="d1", text="x", coder={"readout": "9.9", "data": "feedbeef"})
    with Store(tmp_path / "s.duckdb") as store:
        store.write([doc])
        row = store.query("SELECT readout_version, data_hash FROM articles")[0]
    assert row == {"readout_version": "9.9", "data_hash": "feedbeef"}


def test_store_memory_limit_is_set_on_the_connection(tmp_path):
    with Store(tmp_path / "s.duckdb", memory_limit="300MB") as store:
        limit = store.con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    assert limit.replace(" ", "").upper() in ("286.1MIB", "300.0MB", "300MB"), limit
