"""Speakers on a table of invented reports (tests/quotes/speaker_cases.tsv): pronouns after a
quote, gender, tweets, spokespeople and organisations, cataphora, short and full names,
narrative noun phrases that must not speak, continued quotes. One batch through the whole
pipeline; each case names words of the quote and of the speaker actor's name."""
from __future__ import annotations

from pathlib import Path

import pytest

from readout import api
from readout.records import RawArticle

CASES = Path(__file__).with_name("speaker_cases.tsv")


def load_cases() -> list[dict]:
    rows = []
    header = None
    for line in CASES.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if header is None:
            header = cols
            continue
        row = dict(zip(header, cols))
        row["text"] = row["text"].replace("\\n", "\n")
        rows.append(row)
    return rows


CASE_ROWS = load_cases()


@pytest.fixture(scope="module")
def documents() -> dict[str, object]:
    raws = [RawArticle(text=c["text"], input_name=c["id"], input_id=c["id"]) for c in CASE_ROWS]
    return {d.input_id: d for d in api.process(raws)}


def test_speaker_cases_table_is_large_and_well_formed():
    ids = [c["id"] for c in CASE_ROWS]
    assert len(ids) >= 100 and len(set(ids)) == len(ids)
    groups = {c["group"] for c in CASE_ROWS}
    assert {"pronoun-after", "gender", "tweet", "spokesperson", "cataphora"} <= groups
    for c in CASE_ROWS:
        assert c["quote"].lower() in c["text"].lower(), c["id"]
        assert c["status"] in ("ok", "gap"), c["id"]
    assert sum(c["status"] == "ok" for c in CASE_ROWS) >= 0.8 * len(CASE_ROWS)


def speaker_of(doc, words: str):
    """The quote holding `words` and its speaker actor (None when there is none)."""
    found = [q for q in doc.quotes if words.lower() in q.text.lower()]
    assert found, f"no quote with {words!r}: {[q.text for q in doc.quotes]}"
    q = min(found, key=lambda q: len(q.text))
    return q, (doc.actor(q.speaker) if q.speaker else None)


def named_actor(doc, name: str):
    """The actor with a mention over the first place the text writes `name` (None if none)."""
    at = doc.text.find(name)
    if at < 0:
        return None
    for actor in doc.actors:
        if any(m.start < at + len(name) and at < m.end for m in actor.mentions):
            return actor
    return None


def _param(case):
    marks = [pytest.mark.xfail(strict=True, reason="known gap: " + case["group"])] \
        if case["status"] == "gap" else []
    return pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.model
@pytest.mark.parametrize("case", [_param(c) for c in CASE_ROWS])
def test_speaker_cases(case, documents):
    doc = documents[case["id"]]
    q, actor = speaker_of(doc, case["quote"])
    assert q.category == "speech", (q.category, q.cue)
    assert actor is not None, f"no speaker for {q.text!r} (speaker_text {q.speaker_text!r})"
    want = named_actor(doc, case["speaker"])
    if want is not None:   # the entity the text names, whatever the actor tables call it
        assert actor.id == want.id, \
            f"speaker {actor.name!r} ({q.speaker_text!r}), want {want.name!r} ({case['speaker']!r})"
    else:
        words = case["speaker"].lower().split()
        assert all(w in actor.name.lower() for w in words), \
            f"speaker {actor.name!r} ({q.speaker_text!r}), want {case['speaker']!r}"


@pytest.mark.model
@pytest.mark.parametrize("text,quote", [
    ("Organisers of Friday's march in Nairobi said they would return to the streets.", "return to"),
    ("Supporters of the April 4 plan said they would vote for it again.", "vote for it"),
])
def test_possessor_or_date_inside_a_speaker_phrase_does_not_speak(text, quote):
    # the speaker is the organisers, a common noun with no named actor; "Friday" (a date, and
    # the possessor of the march) is not one
    doc = api.extract_text(text)
    q, actor = speaker_of(doc, quote)
    assert actor is None or not any(d in actor.name for d in ("Friday", "April")), actor.name
