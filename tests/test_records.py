"""Records: to_dict() is exactly the contract and validates against its JSON schema."""
from __future__ import annotations

import jsonschema

from readout.records import (Actor, DateRange, Document, Event, Evidence, Figure, Mention, Place,
                             Quote, Sentence, TimeExpression, stable_id)


def full_document() -> Document:
    text = "Mr Putin spoke with Mr Xi on Friday. Gas shipments rose 18 per cent."
    putin = Actor("a1", "Vladimir Putin", "RUS", "GOV", "RUSGOV", "person", [Mention(0, 8, "Mr Putin", "name")])
    xi = Actor("a2", "Xi Jinping", "CHN", "GOV", "CHNGOV", "person", [Mention(20, 25, "Mr Xi", "name")])
    return Document(
        id="d1", text=text, title="T", input_id="x.txt", url=None, outlet=None, published="2022-12-30",
        published_source="given", dateline="MOSCOW", credits=["AFP"], caption="c", removed=["PHOTO: AFP"],
        sentences=[Sentence(0, 36), Sentence(37, len(text))],
        times=[TimeExpression("Friday", 29, 35, "2022-12-30", "2022-12-30", "day", "2022-12-30", "weekday")],
        actors=[putin, xi],
        events=[Event("e1", "CONSULT", "phone", "040", "a1", "a2", "occurred",
                      DateRange("2022-12-30", "2022-12-30", "day"), Place("Moscow", "RUS"), 1.0, 1, 0.9,
                      Evidence(0, 0, 36, text[:36]), "spoke", None)],
        quotes=[Quote("q1", "a1", "Mr Putin", "hello", "direct", "said", None, 0, 5)],
        figures=[Figure("f1", "18 per cent", 18.0, "%", "Gas shipments", None, "a1", 57, 68)],
        coder={"readout": "0.1.0", "data": "abc"},
    )


def test_records_full_document_validates(document_schema):
    jsonschema.validate(full_document().to_dict(), document_schema)


def test_records_empty_document_validates_with_empty_lists(document_schema):
    d = Document(id="d", text="x").to_dict()
    jsonschema.validate(d, document_schema)
    assert d["actors"] == d["events"] == d["quotes"] == d["figures"] == d["times"] == []


def test_records_to_dict_has_every_contract_key(document_schema):
    d = full_document().to_dict()
    assert set(document_schema["required"]) <= set(d)
    for key in ("events", "quotes", "figures", "actors", "times"):
        item_required = document_schema["properties"][key]["items"]["required"]
        assert set(item_required) <= set(d[key][0]), key


def test_records_stable_id_depends_only_on_parts():
    assert stable_id("a", 1) == stable_id("a", 1)
    assert stable_id("a", 1) != stable_id("a", 2)
    assert stable_id("a", None) != stable_id("a", "x")


def test_records_sentence_index():
    d = full_document()
    assert d.sentence_index(3) == 0 and d.sentence_index(40) == 1 and d.sentence_index(36) == -1
