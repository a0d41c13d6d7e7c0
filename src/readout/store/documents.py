"""Documents back from a shard's record tables (the inverse of `store.schema.document_rows`).

The driver never holds the workers' Document objects; the cross-article hook
(the after-write step of ingest: story clustering and event linking) gets them rebuilt from the
shard's Arrow tables, which works the same for a shard just made and for one finished
by an earlier, killed run. The tables do not keep the precision of a figure's period (not
part of the contract either) nor a second mention of one actor at the same span (same id).
"""
from __future__ import annotations

from collections import defaultdict

import pyarrow as pa

from ..records import (Actor, DateRange, Document, Event, Evidence, Figure, Mention, Place, Quote,
                       Sentence, TimeExpression)


def _rows_by_article(table: pa.Table | None) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    if table is not None and table.num_rows:
        for row in table.to_pylist():
            out[row["article_id"]].append(row)
    return out


def _date(start, end, precision) -> DateRange | None:
    if start is None and end is None and precision is None:
        return None
    return DateRange(start, end, precision or "day")


def documents_from_tables(tables: dict[str, pa.Table]) -> list[Document]:
    """One Document per `articles` row, with its records, in table order."""
    by = {name: _rows_by_article(tables.get(name))
          for name in ("sentences", "times", "actors", "mentions", "events", "quotes", "figures")}
    mentions_of: dict[str, list[Mention]] = defaultdict(list)
    for rows in by["mentions"].values():
        for m in rows:
            mentions_of[m["actor_id"]].append(Mention(m["start"], m["end"], m["text"], m["how"]))
    docs = []
    for a in tables["articles"].to_pylist():
        aid = a["id"]
        sentences = sorted(by["sentences"][aid], key=lambda r: r["idx"])
        doc = Document(
            id=aid, text=a["text"], title=a["title"], input_id=a["input_id"], url=a["url"],
            outlet=a["outlet"], published=a["published"], published_source=a["published_source"],
            dateline=a["dateline"], credits=list(a["credits"] or []), caption=a["caption"],
            removed=list(a["removed"] or []),
            sentences=[Sentence(s["start"], s["end"]) for s in sentences],
            times=[TimeExpression(t["text"], t["start"], t["end"], t["start_date"], t["end_date"],
                                  t["precision"], t["anchor"], t["method"]) for t in by["times"][aid]],
            actors=[Actor(r["id"], r["name"], r["country"], r["sector"], r["code"], r["kind"],
                          mentions_of.get(r["id"], [])) for r in by["actors"][aid]],
            events=[Event(e["id"], e["type"], e["mode"], e["cameo"], e["source"], e["target"],
                          e["status"], _date(e["date_start"], e["date_end"], e["date_precision"]),
                          Place(e["place_name"], e["place_country"])
                          if e["place_name"] is not None or e["place_country"] is not None else None,
                          e["goldstein"], e["quad_class"], e["confidence"],
                          Evidence(e["sentence"], e["start"], e["end"], e["evidence"]),
                          e["trigger"], e["quote_id"]) for e in by["events"][aid]],
            quotes=[Quote(q["id"], q["speaker"], q["speaker_text"], q["text"], q["kind"], q["cue"],
                          q["via"], q["start"], q["end"]) for q in by["quotes"][aid]],
            figures=[Figure(f["id"], f["text"], f["value"], f["unit"], f["measure"],
                            _date(f["period_start"], f["period_end"], None), f["claimant"],
                            f["start"], f["end"]) for f in by["figures"][aid]],
            coder={"readout": a["readout_version"], "data": a["data_hash"]},
        )
        docs.append(doc)
    return docs
