"""Documents back from a shard's record tables (the inverse of `store.schema.document_rows`,
derived from the same `TABLE_SPECS`).

The driver never holds the workers' Document objects; the cross-article hook
(the after-write step of ingest: story clustering and event linking) gets them rebuilt from the
shard's Arrow tables, which works the same for a shard just made and for one finished
by an earlier, killed run. The tables do not keep the precision of a figure's period (not
part of the contract either) nor a second mention of one actor at the same span (same id).
"""
from __future__ import annotations

import dataclasses
import typing
from collections import defaultdict

import pyarrow as pa

from ..records import Document, Mention
from .schema import TABLE_SPECS, TableSpec


def _rows_by_article(table: pa.Table | None) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    if table is not None and table.num_rows:
        for row in table.to_pylist():
            out[row["article_id"]].append(row)
    return out


def _unoptional(tp):
    args = typing.get_args(tp)
    rest = [a for a in args if a is not type(None)]
    return rest[0] if type(None) in args and len(rest) == 1 else tp


def _with_defaults(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)
            if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING}


def record_from_row(spec: TableSpec, row: dict, **more):
    """The record a row describes, from the spec's path columns (`more`: fields the row
    does not hold, e.g. an actor's mentions). A nested record whose columns are all null is
    None; a null where the field has a default takes the default."""
    cls = spec.record
    flat: dict = {}
    nested: dict[str, dict] = defaultdict(dict)
    for c in spec.columns:
        if c.path is None:
            continue
        head, _, rest = c.path.partition(".")
        if rest:
            nested[head][rest] = row[c.name]
        else:
            flat[head] = row[c.name]
    hints = typing.get_type_hints(cls)
    for name, parts in nested.items():
        tp = _unoptional(hints[name])
        if tp is dict:
            flat[name] = parts
        elif all(v is None for v in parts.values()):
            flat[name] = None
        else:
            keep = _with_defaults(tp)
            flat[name] = tp(**{k: v for k, v in parts.items() if v is not None or k not in keep})
    for name, value in list(flat.items()):
        if value is None and typing.get_origin(_unoptional(hints[name])) is list:
            flat[name] = []
    flat.update(more)
    return cls(**flat)


def documents_from_tables(tables: dict[str, pa.Table]) -> list[Document]:
    """One Document per `articles` row, with its records, in table order."""
    by = {name: _rows_by_article(tables.get(name))
          for name in ("sentences", "times", "actors", "mentions", "events", "quotes", "figures")}
    mentions_of: dict[str, list[Mention]] = defaultdict(list)
    for rows in by["mentions"].values():
        for m in rows:
            mentions_of[m["actor_id"]].append(record_from_row(TABLE_SPECS["mentions"], m))
    docs = []
    for a in tables["articles"].to_pylist():
        aid = a["id"]

        def records(name: str) -> list:
            return [record_from_row(TABLE_SPECS[name], r) for r in by[name][aid]]

        sentences = sorted(by["sentences"][aid], key=lambda r: r["idx"])
        doc = record_from_row(
            TABLE_SPECS["articles"], a,
            sentences=[record_from_row(TABLE_SPECS["sentences"], s) for s in sentences],
            times=records("times"),
            actors=[record_from_row(TABLE_SPECS["actors"], r, mentions=mentions_of.get(r["id"], []))
                    for r in by["actors"][aid]],
            events=records("events"), quotes=records("quotes"), figures=records("figures"))
        docs.append(doc)
    return docs
