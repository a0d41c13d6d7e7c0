"""events on unseen news: six short wire reports written for this test (not used to write the
coder's rules), one per kind of happening — an air strike, arrests of journalists, an election
result rejected, an aid delivery, an expulsion of diplomats, a summit agreement — each with a
hand-annotated main event (`main`: the trigger phrase `in`, PLOVER type, source and target
country, status; `symmetric` when the two sides may come in either order)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from . import one_sided

pytestmark = pytest.mark.model

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "news_generalisation.jsonl"


@pytest.fixture(scope="module")
def coded():
    import readout
    rows = [json.loads(line) for line in ARTICLES.open(encoding="utf-8")]
    return [(r, one_sided.extract_text(r["text"], title=r["title"], published=r["published"])) for r in rows]


def _country(doc, actor_id):
    a = doc.actor(actor_id) if actor_id else None
    return a.country if a else None


def _main_event(row, doc):
    """The event coded at the annotated trigger phrase (its trigger's first word inside it)."""
    start = row["text"].index(row["main"]["in"])
    end = start + len(row["main"]["in"])
    for e in doc.events:
        word = (e.trigger or "").split(" … ")[0].split()[0]
        pos = row["text"].find(word, start)
        if 0 <= pos < end and e.evidence.start <= start < e.evidence.end:
            return e
    return None


def _right(row, doc) -> tuple[bool, str]:
    gold = row["main"]
    e = _main_event(row, doc)
    if e is None:
        return False, f"{row['id']}: nothing coded at {gold['in']!r}"
    pair = (_country(doc, e.source), _country(doc, e.target))
    want = {(gold["source"], gold["target"])}
    if gold.get("symmetric"):
        want.add((gold["target"], gold["source"]))
    ok = e.type == gold["type"] and pair in want
    return ok, f"{row['id']}: {e.type} {pair} {e.status} (want {gold['type']} {sorted(want)} {gold['status']})"


def test_events_generalisation_corpus_is_well_formed():
    rows = [json.loads(line) for line in ARTICLES.open(encoding="utf-8")]
    assert len(rows) == 6 and len({r["outlet"] for r in rows}) == 6
    for r in rows:
        assert r["main"]["in"] in r["text"] and r["main"]["status"] in ("occurred", "intended")


def test_events_generalisation_main_events_type_and_pair(coded):
    results = [_right(r, d) for r, d in coded]
    right = sum(ok for ok, _ in results)
    assert right >= 5, "\n".join(msg for _, msg in results)


def test_events_generalisation_main_events_status(coded):
    """Where the main event is right, it is coded with the annotated status."""
    for r, d in coded:
        ok, _ = _right(r, d)
        if ok:
            assert _main_event(r, d).status == r["main"]["status"], r["id"]


PHRASES = """Thousands of protesters marched through central Lagos on Friday against fuel prices.

Organisers of Friday's march in Lagos said they would return.

Opposition supporters rallied in Caracas on Sunday to demand fresh elections.

Iran condemned sanctions imposed by the European Union over drone deliveries.

European Union foreign ministers agreed on Monday to sanction six companies in Belarus.

Britain froze the assets of three Russian oligarchs on Monday.

Russian President Vladimir Putin briefed Chinese leader Xi Jinping on the talks during a phone call on Wednesday.

The Netherlands expelled two Russian diplomats on Friday."""

EXPECTED = [   # (paragraph start, PLOVER type, source country, target country, status)
    ("Thousands of protesters", "PROTEST", "NGA", "NGA", "occurred"),
    ("Organisers of Friday's", "PROTEST", None, "NGA", "occurred"),
    ("Opposition supporters", "PROTEST", "VEN", "VEN", "occurred"),
    ("Iran condemned", "SANCTION", "EUR", None, "occurred"),
    ("European Union foreign", "SANCTION", "EUR", "BLR", "occurred"),
    ("Britain froze", "SANCTION", "GBR", "RUS", "occurred"),
    ("Russian President", "CONSULT", "RUS", "CHN", "occurred"),
    ("The Netherlands", "SANCTION", "NLD", "RUS", "occurred"),
]


def test_events_generalisation_protest_sanction_and_call_phrasings():
    """Protests with counted crowds and dated nouns, sanctions as participles, decisions and
    asset freezes, a briefing by phone: each paragraph gives the expected event."""
    import readout
    doc = one_sided.extract_text(PHRASES, published="2025-05-14")
    for start, etype, src, tgt, status in EXPECTED:
        lo = PHRASES.index(start)
        hi = PHRASES.find("\n\n", lo) % (len(PHRASES) + 1)
        got = [(e.type, _country(doc, e.source), _country(doc, e.target), e.status)
               for e in doc.events if lo <= e.evidence.start < hi]
        assert (etype, src, tgt, status) in got, (start, got)
