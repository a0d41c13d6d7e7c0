"""The linking corpus as Documents built from its hand annotations (no spaCy model)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from readout.records import (Actor, DateRange, Document, Event, Evidence, Figure, Mention, Place,
                             Quote, Sentence, stable_id)

CORPUS = Path(__file__).resolve().parents[1] / "data" / "linking_corpus" / "articles.jsonl"
_SENTENCE_BREAK = re.compile(r'(?<=[.!?])["”]?\s+(?=["“A-Z])')


def sentences_of(text: str) -> list[Sentence]:
    out, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        end = m.start() + (1 if text[m.start()] in '"”' else 0)
        out.append(Sentence(start, end))
        start = m.end()
    out.append(Sentence(start, len(text)))
    return out


def document_from_gold(row: dict) -> Document:
    """A Document whose records are the line's gold annotations, offsets found in the text."""
    text, aid = row["text"], stable_id("linking-corpus", row["id"])
    doc = Document(id=aid, text=text, title=row["title"], input_id=row["id"], outlet=row["outlet"],
                   published=row["published"], sentences=sentences_of(text))
    gold = row["gold"]
    actor_of = {}
    for a in gold["actors"]:
        mentions = []
        for surface in a["text"]:
            pos = text.find(surface)
            if pos >= 0:
                mentions.append(Mention(pos, pos + len(surface), surface, "name"))
        actor = Actor(stable_id(aid, "actor", a["key"]), a["name"], a["country"], None, None, a["kind"],
                      mentions)
        actor_of[a["key"]] = actor
        doc.actors.append(actor)
    for i, e in enumerate(gold["events"]):
        pos = text.find(e["in"])
        sent = doc.sentence_index(pos)
        s = doc.sentences[sent]
        doc.events.append(Event(
            id=stable_id(aid, "event", i), type=e["type"], mode=None, cameo=e["cameo"],
            source=actor_of[e["source"]].id, target=actor_of[e["target"]].id, status=e["status"],
            date=DateRange(e["date"], e["date"], "day") if e["date"] else None,
            place=Place(e["place"]["name"], e["place"]["country"]) if e["place"] else None,
            goldstein=0.0, quad_class=0, confidence=0.9,
            evidence=Evidence(sent, s.start, s.end, text[s.start:s.end]), trigger=e["in"]))
    for i, q in enumerate(gold["quotes"]):
        pos = text.find(q["text"])
        doc.quotes.append(Quote(stable_id(aid, "quote", i), actor_of[q["speaker"]].id, None, q["text"],
                                "direct", "said", None, pos, pos + len(q["text"])))
    for i, f in enumerate(gold["figures"]):
        pos = text.find(f["text"])
        claimant = actor_of[f["claimant"]].id if f["claimant"] else None
        doc.figures.append(Figure(stable_id(aid, "figure", i), f["text"], f["value"], f["unit"],
                                  f["measure"], None, claimant, pos, pos + len(f["text"])))
    return doc


@pytest.fixture(scope="session")
def corpus_rows() -> list[dict]:
    return [json.loads(line) for line in CORPUS.open(encoding="utf-8")]


@pytest.fixture(scope="session")
def corpus_docs(corpus_rows) -> list[Document]:
    return [document_from_gold(r) for r in corpus_rows]


def ingest_docs(store, docs, batch_size: int = 4, config=None) -> None:
    """What api.ingest does after extraction: write a batch, then link it."""
    from readout.link import link_batch
    for i in range(0, len(docs), batch_size):
        batch = docs[i:i + batch_size]
        store.write(batch)
        link_batch(store, batch, config)


@pytest.fixture
def linked_store(tmp_path, corpus_docs):
    from readout.store.writer import Store
    store = Store(tmp_path / "linked.duckdb")
    ingest_docs(store, corpus_docs)
    yield store
    store.close()
