"""Stores for the server tests.

`synthetic_db`: three invented articles written through the Store from hand-built records
(no model), plus one linked event across two of them in the link tables — exact
expectations. `unlinked_db`: the same without the link tables (a store never linked).
`seed_db`: the seed and the bundled demo articles ingested through the real pipeline
(model; shared by the browser tests and the acceptance checks).
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from readout.records import (Actor, DateRange, Document, Event, Evidence, Figure, Mention, Quote,
                             Sentence, TimeExpression, stable_id)
from readout.link.schema import ensure_link_tables
from readout.store.writer import Store

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "serve"


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    start = starts[nth]
    return start, start + len(needle)


def make_document(doc_id: str, title: str, text: str, published: str, actors: list[dict],
                  events: list[dict], quotes: list[dict] = (), figures: list[dict] = (),
                  times: list[dict] = (), removed: list[str] = (), outlet: str = "Test Wire") -> Document:
    """A Document whose record offsets are found by locating the given phrases in `text`."""
    sentences = [Sentence(m.start(), m.start() + len(m.group().rstrip()))
                 for m in re.finditer(r"[^.!?]+[.!?]+\s*", text)]
    doc = Document(id=doc_id, text=text, title=title, published=published,
                   published_source="given", outlet=outlet, url=f"https://example.org/{doc_id}",
                   removed=list(removed), sentences=sentences,
                   coder={"readout": "test", "data": "test"})
    ids = {}
    for a in actors:
        aid = stable_id(doc_id, "actor", a["name"])
        ids[a["name"]] = aid
        mentions = []
        for phrase in a["mentions"]:
            s, e = _span(text, phrase)
            mentions.append(Mention(s, e, phrase, "name"))
        doc.actors.append(Actor(aid, a["name"], a.get("country"), a.get("sector"), a.get("code"),
                                a.get("kind", "person"), mentions))
    for q in quotes:
        s, e = _span(text, q["text"])
        doc.quotes.append(Quote(stable_id(doc_id, "q", s), ids.get(q.get("speaker")), q.get("speaker"),
                                q["text"], q.get("kind", "direct"), q.get("cue"), None, s, e))
    for ev in events:
        s, e = _span(text, ev["evidence"])
        sent = doc.sentence_index(s)
        date = DateRange(*ev["date"]) if ev.get("date") else None
        quote = next((q.id for q in doc.quotes if q.start <= s < q.end), None)
        doc.events.append(Event(
            id=stable_id(doc_id, "e", s, ev["cameo"]), type=ev["type"], mode=None, cameo=ev["cameo"],
            source=ids.get(ev.get("source")), target=ids.get(ev.get("target")),
            status=ev.get("status", "occurred"), date=date, place=None,
            goldstein=ev["goldstein"], quad_class=ev["quad_class"], confidence=0.9,
            evidence=Evidence(sent, s, e, ev["evidence"]), trigger=ev.get("trigger"), quote=quote))
    for f in figures:
        s, e = _span(text, f["text"])
        doc.figures.append(Figure(stable_id(doc_id, "f", s), f["text"], f.get("value"), f.get("unit"),
                                  f.get("measure"), None, ids.get(f.get("claimant")), s, e))
    for t in times:
        s, e = _span(text, t["text"])
        doc.times.append(TimeExpression(t["text"], s, e, t["start_date"], t.get("end_date", t["start_date"]),
                                        t.get("precision", "day"), published, "test"))
    return doc


# Invented articles: two report the same (fictional) Ostravia–Velmar meeting.
OSTRAVIA = dict(name="Ostravia", country="RUS", code="RUS", kind="country")
VELMAR = dict(name="Velmar", country="CHN", code="CHN", kind="country")
DOCS = [
    dict(doc_id="art1", title="Ostravia and Velmar leaders meet", published="2024-03-06",
         text=("Ostravia and Velmar held talks on Monday in the capital. "
               "Ostravia said the talks were \"frank and useful\". "
               "Officials said trade reached 120 billion dollars last year. "
               "Velmar accused Ostravia of delaying the pipeline.\n\n"
               "Ostravia threatened Velmar with tariffs."),
         actors=[dict(OSTRAVIA, mentions=["Ostravia"]), dict(VELMAR, mentions=["Velmar"])],
         events=[dict(evidence="Ostravia and Velmar held talks on Monday", type="CONSULT", cameo="040",
                      source="Ostravia", target="Velmar", goldstein=1.0, quad_class=1,
                      date=("2024-03-04", "2024-03-04", "day"), trigger="held talks"),
                 dict(evidence="Velmar accused Ostravia of delaying the pipeline", type="ACCUSE",
                      cameo="112", source="Velmar", target="Ostravia", goldstein=-2.0, quad_class=3,
                      date=("2024-03-05", "2024-03-05", "day"), trigger="accused"),
                 dict(evidence="Ostravia threatened Velmar with tariffs", type="THREATEN", cameo="130",
                      source="Ostravia", target="Velmar", goldstein=-4.4, quad_class=3,
                      status="intended", trigger="threatened")],
         quotes=[dict(text="frank and useful", speaker="Ostravia", cue="said")],
         figures=[dict(text="120 billion dollars", value=120e9, unit="USD", measure="trade")],
         times=[dict(text="on Monday", start_date="2024-03-04"), dict(text="last year", start_date="2023-01-01",
                                                                       end_date="2023-12-31", precision="year")],
         removed=["Subscribe to our newsletter", "Share this article"]),
    dict(doc_id="art2", title="Velmar confirms talks with Ostravia", published="2024-03-07",
         outlet="Other Post",
         text="Velmar confirmed it held talks with Ostravia this week. Velmar praised Ostravia.",
         actors=[dict(OSTRAVIA, mentions=["Ostravia"]), dict(VELMAR, mentions=["Velmar"])],
         events=[dict(evidence="Velmar confirmed it held talks with Ostravia this week", type="CONSULT",
                      cameo="040", source="Velmar", target="Ostravia", goldstein=1.0, quad_class=1,
                      date=("2024-03-04", "2024-03-10", "week"), trigger="held talks"),
                 dict(evidence="Velmar praised Ostravia", type="SUPPORT", cameo="051", source="Velmar",
                      target="Ostravia", goldstein=3.4, quad_class=1, trigger="praised")],
         times=[dict(text="this week", start_date="2024-03-04", end_date="2024-03-10", precision="week")]),
    dict(doc_id="art3", title="Kestrel aid to Ostravia", published="2024-04-15",
         text="Kestrel sent aid to Ostravia. Mira Tal said \"more will come\".",
         actors=[dict(name="Kestrel", country="USA", code="USA", kind="country", mentions=["Kestrel"]),
                 dict(OSTRAVIA, mentions=["Ostravia"]),
                 dict(name="Mira Tal", country="USA", code="USAGOV", kind="person", mentions=["Mira Tal"])],
         events=[dict(evidence="Kestrel sent aid to Ostravia", type="AID", cameo="070", source="Kestrel",
                      target="Ostravia", goldstein=7.4, quad_class=2, trigger="sent aid")],
         quotes=[dict(text="more will come", speaker="Mira Tal", cue="said")]),
]


def build_synthetic(path: Path, linked: bool = True) -> dict:
    docs = [make_document(**d) for d in DOCS]
    with Store(path) as store:
        store.write(docs)
        talks = [docs[0].events[0].id, docs[1].events[0].id]
        if linked:
            ensure_link_tables(store.con)
            store.con.execute("INSERT INTO linked_events (id, type, cameo, status, source_name, "
                              "source_country, target_name, target_country, n_mentions, n_articles) "
                              "VALUES ('le1', 'CONSULT', '040', 'occurred', 'Ostravia', 'RUS', 'Velmar', "
                              "'CHN', 2, 2)")
            for ev_id, art in zip(talks, ("art1", "art2")):
                store.con.execute("INSERT INTO event_mentions (event_id, linked_event_id, article_id) "
                                  "VALUES (?, 'le1', ?)", [ev_id, art])
            # one story: the two reports of the talks
            store.con.execute("INSERT INTO stories (id, title, first_article_id, label, n_articles, "
                              "n_sources, date_min, date_max, n_linked_events) VALUES ('st1', "
                              "'Ostravia and Velmar leaders meet', 'art1', 'talks', 2, 2, "
                              "DATE '2024-03-06', DATE '2024-03-07', 1)")
            store.con.execute("UPDATE articles SET story_id = 'st1' WHERE id IN ('art1', 'art2')")
            store.con.execute("UPDATE linked_events SET story_id = 'st1' WHERE id = 'le1'")
    if not linked:
        con = duckdb.connect(str(path))
        for t in ("event_mentions", "linked_events", "stories"):
            con.execute(f'DROP TABLE IF EXISTS "{t}"')
        con.close()
    return {"path": path, "docs": docs, "talks": talks}


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory):
    return build_synthetic(tmp_path_factory.mktemp("serve") / "synthetic.duckdb")


@pytest.fixture(scope="session")
def unlinked_db(tmp_path_factory):
    return build_synthetic(tmp_path_factory.mktemp("serve") / "unlinked.duckdb", linked=False)


@pytest.fixture(scope="session")
def client(synthetic_db):
    from fastapi.testclient import TestClient
    from readout.serve.app import create_app
    return TestClient(create_app(synthetic_db["path"]))


@pytest.fixture(scope="session")
def unlinked_client(unlinked_db):
    from fastapi.testclient import TestClient
    from readout.serve.app import create_app
    return TestClient(create_app(unlinked_db["path"]))


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory, seed_path):
    """The seed (published 2022-12-30) and the bundled demo articles, through the pipeline."""
    from readout import api
    path = tmp_path_factory.mktemp("serve-seed") / "seed_demo.duckdb"
    api.ingest([str(seed_path)], db=path, published="2022-12-30")
    api.ingest([str(p) for p in api.example_files()], db=path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        stored = con.execute("SELECT count(*) FROM articles WHERE input_id = ?", [seed_path.name]).fetchone()[0]
        errors = con.execute("SELECT input, message FROM errors").fetchall()
    finally:
        con.close()
    if not stored:
        pytest.fail(f"the seed was not stored; ingest errors: {errors}")
    return path


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


class LiveServer:
    """uvicorn serving one store on a free localhost port, in a thread of the test process."""

    def __init__(self, db):
        import socket
        import threading

        import uvicorn

        from readout.serve.app import create_app
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        import time
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.05)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a browser Playwright downloads)."""
    import os
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh page that records console errors and uncaught exceptions."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(f"pageerror: {exc}"))
    pg.on("console", lambda msg: pg.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    yield pg
    context.close()


def screenshot(pg, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


# A store of many countries (issue 17: the network's labels, the dyad chart's spans): France–
# Germany events of every date precision and status, and a ring of dyads over 32 countries.
MANY_COUNTRIES = [
    ("FRA", "France"), ("DEU", "Germany"), ("ITA", "Italy"), ("ESP", "Spain"), ("POL", "Poland"),
    ("NLD", "Netherlands"), ("BEL", "Belgium"), ("AUT", "Austria"), ("CHE", "Switzerland"),
    ("SWE", "Sweden"), ("NOR", "Norway"), ("FIN", "Finland"), ("DNK", "Denmark"), ("IRL", "Ireland"),
    ("PRT", "Portugal"), ("GRC", "Greece"), ("TUR", "Turkey"), ("UKR", "Ukraine"), ("ROU", "Romania"),
    ("BGR", "Bulgaria"), ("HUN", "Hungary"), ("CZE", "Czech Republic"), ("SVK", "Slovakia"),
    ("SRB", "Serbia"), ("HRV", "Croatia"), ("EST", "Estonia"), ("LVA", "Latvia"), ("LTU", "Lithuania"),
    ("GBR", "United Kingdom"), ("USA", "United States"), ("CAN", "Canada"), ("JPN", "Japan"),
]
# (source, target, type, cameo, goldstein, quad, status, date or None)
FRA_DEU_EVENTS = [
    ("FRA", "DEU", "CONSULT", "040", 1.0, 1, "occurred", ("2024-05-06", "2024-05-06", "day")),
    ("FRA", "DEU", "ACCUSE", "112", -2.0, 3, "occurred", ("2024-05-07", "2024-05-07", "day")),
    ("FRA", "DEU", "AID", "070", 7.4, 2, "occurred", ("2024-06-01", "2024-06-30", "month")),
    ("FRA", "DEU", "SUPPORT", "051", 3.4, 1, "occurred", ("2024-06-01", "2024-08-31", "season")),
    ("FRA", "DEU", "SUPPORT", "051", 3.4, 1, "occurred", None),
    ("FRA", "DEU", "THREATEN", "130", -4.4, 3, "intended", ("2024-05-20", "2024-05-20", "day")),
    ("DEU", "FRA", "ASSAULT", "180", -9.0, 4, "negated", ("2024-05-08", "2024-05-08", "day")),
    ("DEU", "FRA", "CONSULT", "040", 1.0, 1, "occurred", ("2024-07-15", "2024-07-15", "day")),
    ("DEU", "FRA", "AGREE", "030", 4.0, 1, "occurred", None),
]


def build_many(path: Path) -> dict:
    names = dict(MANY_COUNTRIES)
    codes = [c for c, _ in MANY_COUNTRIES]
    pairs = [(codes[i], codes[(i + 1) % len(codes)]) for i in range(len(codes))]
    pairs += [(codes[i], codes[(i * 7 + 3) % len(codes)]) for i in range(len(codes))
              if codes[i] != codes[(i * 7 + 3) % len(codes)]]
    pairs += [(c, "FRA") for c in codes[2:12]]
    specs = list(FRA_DEU_EVENTS) + [(a, b, "CONSULT", "040", 1.0, 1, "occurred",
                                     ("2024-05-13", "2024-05-13", "day")) for a, b in pairs]
    docs = []
    for i, (a, b, typ, cameo, gold, quad, status, date) in enumerate(specs):
        text = f"{names[a]} and {names[b]} acted in case {i}."
        actors = [dict(name=names[c], country=c, code=c, kind="country", mentions=[names[c]])
                  for c in dict.fromkeys((a, b))]
        docs.append(make_document(
            f"many{i}", f"{names[a]} and {names[b]}, case {i}", text, "2024-09-02", actors,
            [dict(evidence=text.rstrip("."), type=typ, cameo=cameo, source=names[a], target=names[b],
                  goldstein=gold, quad_class=quad, status=status, date=date, trigger="acted")]))
    with Store(path) as store:
        store.write(docs)
    return {"path": path, "countries": codes, "n_edges": len({tuple(sorted(p)) for p in pairs + [("DEU", "FRA")]})}


@pytest.fixture(scope="session")
def many_db(tmp_path_factory):
    return build_many(tmp_path_factory.mktemp("serve") / "many.duckdb")


# One signing reported by two outlets (issue 17, accounts side by side): "Wire A" twice in
# one article and once in another, "Post B" once. One column per source, never per mention.
ARLAND = dict(name="Arland", country="ARL", code="ARL", kind="country", mentions=["Arland"])
BORVIA = dict(name="Borvia", country="BRV", code="BRV", kind="country", mentions=["Borvia"])
SIGNING = dict(type="AGREE", cameo="057", source="Arland", target="Borvia", goldstein=8.0,
               quad_class=1, date=("2024-10-01", "2024-10-01", "day"), trigger="signed")
ACCOUNT_DOCS = [
    dict(doc_id="wa1", title="Arland and Borvia sign a treaty", published="2024-10-01", outlet="Wire A",
         text="Arland and Borvia signed a treaty on Tuesday. Later, Arland and Borvia signed the "
              "treaty again in public.",
         actors=[ARLAND, BORVIA],
         events=[dict(SIGNING, evidence="Arland and Borvia signed a treaty on Tuesday"),
                 dict(SIGNING, evidence="Arland and Borvia signed the treaty again in public")]),
    dict(doc_id="wa2", title="Treaty signed, Wire A follow-up", published="2024-10-02", outlet="Wire A",
         text="Arland signed a treaty with Borvia this week.", actors=[ARLAND, BORVIA],
         events=[dict(SIGNING, evidence="Arland signed a treaty with Borvia this week",
                      date=("2024-09-30", "2024-10-06", "week"))]),
    dict(doc_id="pb1", title="Borvia and Arland treaty", published="2024-10-01", outlet="Post B",
         text="Arland signed a treaty with Borvia, officials said.", actors=[ARLAND, BORVIA],
         events=[dict(SIGNING, evidence="Arland signed a treaty with Borvia")]),
]


def build_accounts(path: Path) -> dict:
    docs = [make_document(**d) for d in ACCOUNT_DOCS]
    with Store(path) as store:
        store.write(docs)
        ensure_link_tables(store.con)
        store.con.execute("INSERT INTO stories (id, title, first_article_id, label, n_articles, n_sources, "
                          "date_min, date_max, n_linked_events) VALUES ('sg1', 'Arland and Borvia sign a "
                          "treaty', 'wa1', 'treaty', 3, 2, DATE '2024-10-01', DATE '2024-10-02', 1)")
        store.con.execute("INSERT INTO linked_events (id, story_id, type, cameo, status, source_name, "
                          "source_country, target_name, target_country, date_start, n_mentions, "
                          "n_articles, n_sources) VALUES ('lesign', 'sg1', 'AGREE', '057', 'occurred', "
                          "'Arland', 'ARL', 'Borvia', 'BRV', '2024-10-01', 4, 3, 2)")
        for doc in docs:
            store.con.execute("UPDATE articles SET story_id = 'sg1' WHERE id = ?", [doc.id])
            for ev in doc.events:
                store.con.execute(
                    "INSERT INTO event_mentions (event_id, linked_event_id, article_id, story_id, "
                    "sentence, outlet, published, url, evidence) VALUES (?, 'lesign', ?, 'sg1', ?, ?, ?, ?, ?)",
                    [ev.id, doc.id, ev.evidence.sentence, doc.outlet, doc.published, doc.url, ev.evidence.text])
    return {"path": path, "docs": docs}


@pytest.fixture(scope="session")
def accounts_db(tmp_path_factory):
    return build_accounts(tmp_path_factory.mktemp("serve") / "accounts.duckdb")
