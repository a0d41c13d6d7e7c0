"""The record's shape is written once: the dataclass fields. The Arrow tables, the rows, the
reader back from rows and the API models must agree with them (and with each other)."""
from __future__ import annotations

import dataclasses
import typing

import pyarrow as pa
import pytest

from readout.records import (Actor, DateRange, Document, Event, Evidence, Figure, Mention, Place, Quote,
                             Record, Sentence, TimeExpression)
from readout.serve import models
from readout.store.documents import documents_from_tables
from readout.store.schema import TABLE_SPECS, TABLES, field_type, tables_from_documents

# record fields that are tables of their own, not columns
OWN_TABLES = {Document: {"sentences", "times", "actors", "events", "quotes", "figures"},
              Actor: {"mentions"}}


def _document() -> Document:
    text = "Mr Putin spoke with Mr Xi on Friday. Gas shipments rose 18 per cent."
    putin = Actor("a1", "Vladimir Putin", "RUS", "GOV", "RUSGOV", "person",
                  [Mention(0, 8, "Mr Putin", "name"), Mention(37, 40, "Gas", None)])
    xi = Actor("a2", "Xi Jinping", "CHN", "GOV", "CHNGOV", "person", [Mention(20, 25, "Mr Xi", "name")])
    return Document(
        "d1", text, title="T", input_id="x.txt", url="https://example.org/a", outlet="Wire",
        published="2022-12-30", published_source="given", dateline="MOSCOW", credits=["AFP", "Reuters"],
        caption="c", removed=["PHOTO: AFP"], sentences=[Sentence(0, 36), Sentence(37, len(text))],
        times=[TimeExpression("Friday", 29, 35, "2022-12-30", "2022-12-30", "day", "2022-12-30", "weekday")],
        actors=[putin, xi],
        events=[Event("e1", "CONSULT", "phone", "040", "a1", "a2", "occurred",
                      DateRange("2022-12-30", "2022-12-30", "day"), Place("Moscow", "RUS"), 1.0, 1, 0.9,
                      Evidence(0, 0, 36, text[:36]), "spoke", "q1"),
                Event("e2", "REJECT", None, "120", "a2", None, "negated", DateRange("2022-12", None, "month"),
                      None, -4.0, 3, 0.5, Evidence(1, 37, 68, text[37:]), None, None)],
        quotes=[Quote("q1", "a1", "Mr Putin", "hello", "direct", "said", "a2", 0, 5)],
        figures=[Figure("f1", "18 per cent", 18.0, "%", "Gas shipments",
                        DateRange("2022-01-01", "2022-12-31", "day"), "a1", 57, 68),
                 Figure("f2", "18", None, None, None, None, None, 57, 59)],
        coder={"readout": "0.1.0", "data": "abc"},
    )


def test_every_record_field_is_a_column_of_its_table():
    for spec in TABLE_SPECS.values():
        if spec.record is None:
            continue
        paths = {c.path for c in spec.columns if c.path}
        tops = {p.split(".")[0] for p in paths}
        expected = {f.name for f in dataclasses.fields(spec.record)} - OWN_TABLES.get(spec.record, set())
        assert tops == expected, spec.name
        for path in paths:      # every path names a real field, with a type Arrow can hold
            field_type(spec.record, path)


def test_nested_records_are_stored_whole():
    """A nested record's fields are all columns, except a figure period's precision, which the
    contract does not carry either (so the reader gives the default)."""
    for spec in TABLE_SPECS.values():
        if spec.record is None:
            continue
        hints = typing.get_type_hints(spec.record)
        for name in hints:
            tp = typing.get_args(hints[name])[0] if typing.get_args(hints[name]) else hints[name]
            if isinstance(tp, type) and issubclass(tp, Record) and name not in OWN_TABLES.get(spec.record, ()):
                stored = {c.path.split(".", 1)[1] for c in spec.columns if c.path and c.path.startswith(name + ".")}
                missing = {f.name for f in dataclasses.fields(tp)} - stored
                assert missing <= ({"precision"} if (spec.name, name) == ("figures", "period") else set()), \
                    (spec.name, name, missing)


def test_tables_have_the_derived_arrow_types():
    assert TABLES["events"].field("goldstein").type == pa.float64()
    assert TABLES["events"].field("quad_class").type == pa.int32()
    assert TABLES["articles"].field("credits").type == pa.list_(pa.string())
    assert TABLES["figures"].field("period_start").type == pa.string()
    assert TABLES["articles"].names[-1] == "story_id"


def test_documents_round_trip_through_the_tables():
    doc = _document()
    back = documents_from_tables(tables_from_documents([doc]))
    assert [d.to_dict() for d in back] == [doc.to_dict()]


def test_to_dict_follows_field_order_and_contract_keys():
    d = _document().to_dict()
    assert list(d)[:3] == ["schema", "id", "input_id"]
    assert list(d) == ["schema"] + [f.name for f in dataclasses.fields(Document)]
    assert d["figures"][0]["period"] == {"start_date": "2022-01-01", "end_date": "2022-12-31"}
    assert d["figures"][1]["period"] is None
    assert d["events"][0]["evidence"] == {"sentence": 0, "start": 0, "end": 36, "text": d["text"][:36]}


# API model → (table, columns the API leaves out, fields the API adds)
API_MODELS = {
    models.ArticleOut: ("articles", set(), {"story", "sentences", "times", "actors", "events", "quotes",
                                            "figures"}),
    models.SentenceOut: ("sentences", {"article_id", "text", "coder"}, set()),
    models.TimeOut: ("times", {"article_id", "coder"}, set()),
    models.ActorOut: ("actors", {"article_id", "coder"}, {"mentions"}),
    models.MentionOut: ("mentions", {"article_id", "coder"}, set()),
    models.EventOut: ("events", {"coder"}, {"article_title", "linked_event_id"}),
    models.QuoteOut: ("quotes", {"article_id", "coder"}, set()),
    models.FigureOut: ("figures", {"article_id", "coder"}, set()),
}
PY_OF_ARROW = {pa.string(): str, pa.int32(): int, pa.float64(): float, pa.bool_(): bool,
               pa.list_(pa.string()): list[str], pa.list_(pa.int32()): list[int]}


@pytest.mark.parametrize("model", list(API_MODELS), ids=lambda m: m.__name__)
def test_api_models_agree_with_the_tables(model):
    table, left_out, added = API_MODELS[model]
    schema = TABLES[table]
    columns = [n for n in schema.names if n not in left_out]
    fields = [n for n in model.model_fields if n not in added]
    assert fields == columns, model.__name__
    for name in fields:
        ann = model.model_fields[name].annotation
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        py = args[0] if typing.get_origin(ann) is typing.Union else ann
        assert py == PY_OF_ARROW[schema.field(name).type], (model.__name__, name)
