"""The store's tables: one per record type, as Arrow schemas, and documents → Arrow tables.

Each table is a list of columns, and a column is either a path into a record ("date.start_date"
reads `event.date.start_date`) or a value the table adds (the article id, the sentence, the
coder, an actor's name beside its id). A path column's Arrow type comes from the record
field's annotation, so the record dataclasses stay the one definition of a record's
shape: the Arrow schemas (`TABLES`), the rows (`document_rows`) and the reader back
from rows (`store/documents.py`) are all derived from `TABLE_SPECS`.

The same Arrow tables feed DuckDB (bulk insert) and Parquet shards, so the two
never drift. Every row carries its article id and the coder (readout version +
data hash) that made it; evidence rows carry sentence and character offsets.
"""
from __future__ import annotations

import typing
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

import pyarrow as pa

from ..records import (Actor, Document, Event, Figure, Mention, Quote, Sentence, TimeExpression,
                       stable_id)

S, I, F, B = pa.string(), pa.int32(), pa.float64(), pa.bool_()
LIST_S = pa.list_(S)

_ARROW_OF = {str: S, int: I, float: F, bool: B}


@dataclass(frozen=True, slots=True)
class Column:
    """One column: `path` into the record (read back), or an added value of type `type`."""
    name: str
    path: str | None = None
    type: pa.DataType | None = None


def col(name: str, path: str | None = None) -> Column:
    """A column read from the record: at `path`, or at the field of the same name."""
    return Column(name, path or name)


def added(name: str, type: pa.DataType) -> Column:
    """A column the table adds (not a record field; not read back)."""
    return Column(name, None, type)


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    record: type | None                  # the record class a row describes
    columns: tuple[Column, ...]
    # the (record, added values) pairs one document contributes
    items: Callable[[Document, "_Context"], Iterator[tuple[Any, dict]]] | None = None


class _Context:
    """What the added columns of one document's rows need."""
    __slots__ = ("doc", "coder", "actors")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.coder = f"{doc.coder.get('readout', '')}+{doc.coder.get('data', '')}"
        self.actors = {a.id: a for a in doc.actors}

    def name(self, actor_id: str | None) -> str | None:
        a = self.actors.get(actor_id)
        return a.name if a else None

    def base(self, offset: int) -> dict:
        return {"article_id": self.doc.id, "sentence": self.doc.sentence_index(offset),
                "coder": self.coder}


def _article_items(doc: Document, cx: _Context):
    yield doc, {"n_sentences": len(doc.sentences), "story_id": None}


def _sentence_items(doc: Document, cx: _Context):
    for i, s in enumerate(doc.sentences):
        yield s, {"id": stable_id(doc.id, "s", i), "article_id": doc.id, "idx": i,
                  "text": doc.text[s.start:s.end], "coder": cx.coder}


def _time_items(doc: Document, cx: _Context):
    for t in doc.times:
        yield t, {"id": stable_id(doc.id, "t", t.start, t.end), **cx.base(t.start)}


def _actor_items(doc: Document, cx: _Context):
    for a in doc.actors:
        yield a, {"article_id": doc.id, "n_mentions": len(a.mentions), "coder": cx.coder}


def _mention_items(doc: Document, cx: _Context):
    for a in doc.actors:
        for m in a.mentions:
            yield m, {"id": stable_id(a.id, m.start, m.end), "actor_id": a.id, **cx.base(m.start)}


def _event_items(doc: Document, cx: _Context):
    for e in doc.events:
        src, tgt = cx.actors.get(e.source), cx.actors.get(e.target)
        side = {}
        for role, a in (("source", src), ("target", tgt)):
            side[f"{role}_name"] = a.name if a else None
            side[f"{role}_country"] = a.country if a else None
            side[f"{role}_code"] = a.code if a else None
        yield e, {"article_id": doc.id, **side, "published": doc.published, "url": doc.url,
                  "outlet": doc.outlet, "coder": cx.coder}


def _quote_items(doc: Document, cx: _Context):
    for q in doc.quotes:
        yield q, {"speaker_name": cx.name(q.speaker), "via_name": cx.name(q.via), **cx.base(q.start)}


def _figure_items(doc: Document, cx: _Context):
    for f in doc.figures:
        yield f, {"claimant_name": cx.name(f.claimant), **cx.base(f.start)}


TABLE_SPECS: dict[str, TableSpec] = {t.name: t for t in (
    TableSpec("articles", Document, (
        col("id"), col("input_id"), col("url"), col("outlet"), col("title"), col("published"),
        col("published_source"), col("dateline"), col("credits"), col("caption"), col("text"),
        col("removed"), added("n_sentences", I), Column("readout_version", "coder.readout", S),
        Column("data_hash", "coder.data", S), added("story_id", S),
    ), _article_items),
    TableSpec("sentences", Sentence, (
        added("id", S), added("article_id", S), added("idx", I), col("start"), col("end"),
        added("text", S), added("coder", S),
    ), _sentence_items),
    TableSpec("times", TimeExpression, (
        added("id", S), added("article_id", S), col("text"), col("start"), col("end"),
        col("start_date"), col("end_date"), col("precision"), col("anchor"), col("method"),
        added("sentence", I), added("coder", S),
    ), _time_items),
    TableSpec("actors", Actor, (
        col("id"), added("article_id", S), col("name"), col("country"), col("sector"), col("code"),
        col("kind"), added("n_mentions", I), added("coder", S),
    ), _actor_items),
    TableSpec("mentions", Mention, (
        added("id", S), added("article_id", S), added("actor_id", S), col("start"), col("end"),
        col("text"), col("how"), added("sentence", I), added("coder", S),
    ), _mention_items),
    TableSpec("events", Event, (
        col("id"), added("article_id", S), col("type"), col("mode"), col("cameo"), col("source"),
        col("target"), added("source_name", S), added("source_country", S), added("source_code", S),
        added("target_name", S), added("target_country", S), added("target_code", S), col("status"),
        col("date_start", "date.start_date"), col("date_end", "date.end_date"),
        col("date_precision", "date.precision"), col("place_name", "place.name"),
        col("place_country", "place.country"), col("place_geonames_id", "place.geonames_id"),
        col("place_feature", "place.feature"), col("place_admin1", "place.admin1"),
        col("place_lat", "place.lat"), col("place_lon", "place.lon"),
        col("place_precision", "place.precision"), col("place_gazetteer_name", "place.gazetteer_name"),
        col("place_source", "place.source"), col("goldstein"), col("quad_class"), col("confidence"),
        col("sentence", "evidence.sentence"), col("start", "evidence.start"),
        col("end", "evidence.end"), col("evidence", "evidence.text"), col("trigger"),
        col("quote_id", "quote"), col("incomplete"), added("published", S), added("url", S), added("outlet", S),
        added("coder", S),
    ), _event_items),
    TableSpec("quotes", Quote, (
        col("id"), added("article_id", S), col("speaker"), col("speaker_text"),
        added("speaker_name", S), col("text"), col("kind"), col("cue"), col("via"),
        added("via_name", S), col("start"), col("end"), col("category"), col("parts"),
        added("sentence", I),
        added("coder", S),
    ), _quote_items),
    TableSpec("figures", Figure, (
        col("id"), added("article_id", S), col("text"), col("value"), col("unit"), col("measure"),
        col("period_start", "period.start_date"), col("period_end", "period.end_date"),
        col("claimant"), added("claimant_name", S), col("start"), col("end"), added("sentence", I),
        added("coder", S),
    ), _figure_items),
    TableSpec("errors", None, (
        added("id", S), added("input", S), added("stage", S), added("code", S), added("message", S),
        added("at", S),
    )),
)}


def field_type(record: type, path: str):
    """The annotated type at a dotted path of a record class (Optional and lists unwrapped
    to what they hold, e.g. `list[str]` stays a list)."""
    tp: Any = record
    for part in path.split("."):
        if tp is dict:
            return str                     # coder: {"readout": …, "data": …}
        tp = _unoptional(typing.get_type_hints(tp)[part])
    return tp


def _unoptional(tp):
    args = typing.get_args(tp)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0] if len(rest) == 1 else tp
    return tp


def arrow_type(record: type, path: str) -> pa.DataType:
    tp = field_type(record, path)
    if typing.get_origin(tp) is list:
        return pa.list_(_ARROW_OF[typing.get_args(tp)[0]])
    return _ARROW_OF[tp]


TABLES: dict[str, pa.Schema] = {
    spec.name: pa.schema([(c.name, c.type if c.path is None else arrow_type(spec.record, c.path))
                          for c in spec.columns])
    for spec in TABLE_SPECS.values()
}

RECORD_TABLES = ("sentences", "times", "actors", "mentions", "events", "quotes", "figures")


def value_at(obj, path: str):
    """The value at a dotted path; None when a step on the way is None."""
    for part in path.split("."):
        if obj is None:
            return None
        obj = obj.get(part) if isinstance(obj, dict) else getattr(obj, part)
    return list(obj) if isinstance(obj, list) else obj


def document_rows(doc: Document) -> dict[str, list[dict]]:
    """The rows one document contributes to each table."""
    cx = _Context(doc)
    rows: dict[str, list[dict]] = {}
    for spec in TABLE_SPECS.values():
        if spec.items is None:
            continue
        rows[spec.name] = [
            {c.name: extra.get(c.name) if c.path is None else value_at(obj, c.path) for c in spec.columns}
            for obj, extra in spec.items(doc, cx)]
    return rows


def tables_from_documents(docs: Iterable[Document]) -> dict[str, pa.Table]:
    """Arrow tables (one per record table) for a batch of documents; duplicates by id dropped."""
    cols: dict[str, list[dict]] = {t: [] for t in TABLES if t != "errors"}
    seen: dict[str, set] = {t: set() for t in cols}
    for doc in docs:
        for table, rows in document_rows(doc).items():
            for row in rows:
                if row["id"] in seen[table]:
                    continue
                seen[table].add(row["id"])
                cols[table].append(row)
    return {t: pa.Table.from_pylist(rows, schema=TABLES[t]) for t, rows in cols.items()}


def error_table(errors: Iterable) -> pa.Table:
    import datetime as dt
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    rows = []
    for err in errors:
        name = getattr(err, "input_name", "?")
        stage = getattr(err, "stage", "read")
        msg = str(err)
        rows.append({"id": stable_id(name, stage, msg), "input": name, "stage": stage,
                     "code": getattr(err, "code", None), "message": msg, "at": now})
    return pa.Table.from_pylist(rows, schema=TABLES["errors"])
