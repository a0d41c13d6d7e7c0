"""The store's tables: one per record type, as Arrow schemas, and documents → Arrow tables.

The same Arrow tables feed DuckDB (bulk insert) and Parquet shards, so the two
never drift. Every row carries its article id and the coder (readout version +
data hash) that made it; evidence rows carry sentence and character offsets.
"""
from __future__ import annotations

from typing import Iterable

import pyarrow as pa

from ..records import Document, stable_id

S, I, F, B = pa.string(), pa.int32(), pa.float64(), pa.bool_()
LIST_S = pa.list_(S)

TABLES: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", S), ("input_id", S), ("url", S), ("outlet", S), ("title", S), ("published", S),
        ("published_source", S), ("dateline", S), ("credits", LIST_S), ("caption", S),
        ("text", S), ("removed", LIST_S), ("n_sentences", I), ("readout_version", S),
        ("data_hash", S), ("story_id", S),
    ]),
    "sentences": pa.schema([
        ("id", S), ("article_id", S), ("idx", I), ("start", I), ("end", I), ("text", S), ("coder", S),
    ]),
    "times": pa.schema([
        ("id", S), ("article_id", S), ("text", S), ("start", I), ("end", I), ("start_date", S),
        ("end_date", S), ("precision", S), ("anchor", S), ("method", S), ("sentence", I), ("coder", S),
    ]),
    "actors": pa.schema([
        ("id", S), ("article_id", S), ("name", S), ("country", S), ("sector", S), ("code", S),
        ("kind", S), ("n_mentions", I), ("coder", S),
    ]),
    "mentions": pa.schema([
        ("id", S), ("article_id", S), ("actor_id", S), ("start", I), ("end", I), ("text", S),
        ("how", S), ("sentence", I), ("coder", S),
    ]),
    "events": pa.schema([
        ("id", S), ("article_id", S), ("type", S), ("mode", S), ("cameo", S), ("source", S),
        ("target", S), ("source_name", S), ("source_country", S), ("source_code", S),
        ("target_name", S), ("target_country", S), ("target_code", S), ("status", S),
        ("date_start", S), ("date_end", S), ("date_precision", S), ("place_name", S),
        ("place_country", S), ("goldstein", F), ("quad_class", I), ("confidence", F),
        ("sentence", I), ("start", I), ("end", I), ("evidence", S), ("trigger", S),
        ("quote_id", S), ("published", S), ("url", S), ("outlet", S), ("coder", S),
    ]),
    "quotes": pa.schema([
        ("id", S), ("article_id", S), ("speaker", S), ("speaker_text", S), ("speaker_name", S),
        ("text", S), ("kind", S), ("cue", S), ("via", S), ("via_name", S), ("start", I), ("end", I),
        ("sentence", I), ("coder", S),
    ]),
    "figures": pa.schema([
        ("id", S), ("article_id", S), ("text", S), ("value", F), ("unit", S), ("measure", S),
        ("period_start", S), ("period_end", S), ("claimant", S), ("claimant_name", S),
        ("start", I), ("end", I), ("sentence", I), ("coder", S),
    ]),
    "errors": pa.schema([
        ("id", S), ("input", S), ("stage", S), ("code", S), ("message", S), ("at", S),
    ]),
}

RECORD_TABLES = ("sentences", "times", "actors", "mentions", "events", "quotes", "figures")


def document_rows(doc: Document) -> dict[str, list[dict]]:
    """The rows one document contributes to each table."""
    aid = doc.id
    coder = f"{doc.coder.get('readout', '')}+{doc.coder.get('data', '')}"
    sent = doc.sentence_index
    actors = {a.id: a for a in doc.actors}

    def name(actor_id):
        a = actors.get(actor_id)
        return a.name if a else None

    rows: dict[str, list[dict]] = {t: [] for t in TABLES if t != "errors"}
    rows["articles"].append({
        "id": aid, "input_id": doc.input_id, "url": doc.url, "outlet": doc.outlet,
        "title": doc.title, "published": doc.published, "published_source": doc.published_source,
        "dateline": doc.dateline, "credits": list(doc.credits), "caption": doc.caption,
        "text": doc.text, "removed": list(doc.removed), "n_sentences": len(doc.sentences),
        "readout_version": doc.coder.get("readout"), "data_hash": doc.coder.get("data"),
        "story_id": None,
    })
    for i, s in enumerate(doc.sentences):
        rows["sentences"].append({"id": stable_id(aid, "s", i), "article_id": aid, "idx": i,
                                  "start": s.start, "end": s.end, "text": doc.text[s.start:s.end],
                                  "coder": coder})
    for t in doc.times:
        rows["times"].append({"id": stable_id(aid, "t", t.start, t.end), "article_id": aid,
                              "text": t.text, "start": t.start, "end": t.end,
                              "start_date": t.start_date, "end_date": t.end_date,
                              "precision": t.precision, "anchor": t.anchor, "method": t.method,
                              "sentence": sent(t.start), "coder": coder})
    for a in doc.actors:
        rows["actors"].append({"id": a.id, "article_id": aid, "name": a.name, "country": a.country,
                               "sector": a.sector, "code": a.code, "kind": a.kind,
                               "n_mentions": len(a.mentions), "coder": coder})
        for m in a.mentions:
            rows["mentions"].append({"id": stable_id(a.id, m.start, m.end), "article_id": aid,
                                     "actor_id": a.id, "start": m.start, "end": m.end,
                                     "text": m.text, "how": m.how, "sentence": sent(m.start),
                                     "coder": coder})
    for e in doc.events:
        src, tgt = actors.get(e.source), actors.get(e.target)
        rows["events"].append({
            "id": e.id, "article_id": aid, "type": e.type, "mode": e.mode, "cameo": e.cameo,
            "source": e.source, "target": e.target,
            "source_name": src.name if src else None, "source_country": src.country if src else None,
            "source_code": src.code if src else None,
            "target_name": tgt.name if tgt else None, "target_country": tgt.country if tgt else None,
            "target_code": tgt.code if tgt else None, "status": e.status,
            "date_start": e.date.start_date if e.date else None,
            "date_end": e.date.end_date if e.date else None,
            "date_precision": e.date.precision if e.date else None,
            "place_name": e.place.name if e.place else None,
            "place_country": e.place.country if e.place else None,
            "goldstein": e.goldstein, "quad_class": e.quad_class, "confidence": e.confidence,
            "sentence": e.evidence.sentence, "start": e.evidence.start, "end": e.evidence.end,
            "evidence": e.evidence.text, "trigger": e.trigger, "quote_id": e.quote,
            "published": doc.published, "url": doc.url, "outlet": doc.outlet, "coder": coder})
    for q in doc.quotes:
        rows["quotes"].append({"id": q.id, "article_id": aid, "speaker": q.speaker,
                               "speaker_text": q.speaker_text, "speaker_name": name(q.speaker),
                               "text": q.text, "kind": q.kind, "cue": q.cue, "via": q.via,
                               "via_name": name(q.via), "start": q.start, "end": q.end,
                               "sentence": sent(q.start), "coder": coder})
    for f in doc.figures:
        rows["figures"].append({"id": f.id, "article_id": aid, "text": f.text, "value": f.value,
                                "unit": f.unit, "measure": f.measure,
                                "period_start": f.period.start_date if f.period else None,
                                "period_end": f.period.end_date if f.period else None,
                                "claimant": f.claimant, "claimant_name": name(f.claimant),
                                "start": f.start, "end": f.end, "sentence": sent(f.start),
                                "coder": coder})
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
