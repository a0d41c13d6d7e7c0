"""Event linking: event records that denote the same real-world event become one linked
event with a canonical record and the list of its mentions (article, sentence, outlet).

Two records are the same event when their type (else CAMEO root) and status agree, their
participants are compatible (same name, or same country, or one side unnamed), their
dates overlap (within a tolerance) and their places do not conflict. Candidates are the
linked events of the same story and, across stories, those of the same dyad (both
countries known) on an overlapping date; in both cases only those reported within
`window_days` before the batch's earliest article, so a long-running story stays cheap. The canonical record is the most complete
mention seen so far. Counts (mentions, articles, distinct sources) are recounted from
`event_mentions` for every linked event a batch touches.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

import pyarrow as pa

from ..config import EventLinkConfig
from ..records import stable_id
from .stories import parse_date

_S = pa.string()


@dataclass
class LinkEvent:
    """One event record (a mention) or one linked event's canonical record."""
    id: str
    story_id: str | None
    type: str | None
    mode: str | None
    cameo: str | None
    status: str | None
    source_name: str | None
    source_country: str | None
    target_name: str | None
    target_country: str | None
    date_start: str | None
    date_end: str | None
    place_name: str | None
    place_country: str | None
    evidence: str | None = None
    article_id: str | None = None
    sentence: int | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    confidence: float = 0.0
    canonical_event_id: str | None = None

    def completeness(self) -> int:
        return sum(v is not None for v in (self.source_name, self.target_name, self.date_start,
                                           self.place_name))



def own_place(e) -> bool:
    """Whether the event's place is its own (not its sentence's or the dateline's)."""
    return e.place is not None and e.place.source in (None, "event")

def events_from_documents(docs, story_of: dict[str, str]) -> list[LinkEvent]:
    """Event records of the documents, in article order then text order."""
    out = []
    for doc in docs:
        actors = {a.id: a for a in doc.actors}
        for e in sorted(doc.events, key=lambda e: (e.evidence.start, e.id)):
            src, tgt = actors.get(e.source), actors.get(e.target)
            out.append(LinkEvent(
                id=e.id, story_id=story_of.get(doc.id), type=e.type, mode=e.mode, cameo=e.cameo,
                status=e.status, source_name=src.name if src else None,
                source_country=src.country if src else None,
                target_name=tgt.name if tgt else None, target_country=tgt.country if tgt else None,
                date_start=e.date.start_date if e.date else None,
                date_end=e.date.end_date if e.date else None,
                place_name=e.place.name if own_place(e) else None,
                place_country=e.place.country if own_place(e) else None,
                evidence=e.evidence.text, article_id=doc.id, sentence=e.evidence.sentence,
                outlet=doc.outlet, published=doc.published, url=doc.url,
                confidence=e.confidence or 0.0))
    return out


def dyad_key(ev: LinkEvent, symmetric: set[str]) -> str | None:
    """'SRC>TGT' by country (sorted 'A~B' for symmetric types); None unless both are known."""
    a, b = ev.source_country, ev.target_country
    if not a or not b:
        return None
    kind = ev.type or (ev.cameo or "")[:2]
    if kind in symmetric:
        a, b = sorted((a, b))
        return f"{kind}:{a}~{b}"
    return f"{kind}:{a}>{b}"


def _same(a: str | None, b: str | None) -> bool:
    return a.casefold() == b.casefold()


def _actor_score(name_a, country_a, name_b, country_b) -> int | None:
    """2 same name, 1 same country, 0 one side unnamed, None when they conflict."""
    if not (name_a or country_a) or not (name_b or country_b):
        return 0
    if name_a and name_b and _same(name_a, name_b):
        return 2
    if country_a and country_b:
        return 1 if _same(country_a, country_b) else None
    return None


def _dates_agree(a: LinkEvent, b: LinkEvent, tolerance: int) -> bool | None:
    """True/False when both are dated, None when one is not."""
    a0, b0 = parse_date(a.date_start), parse_date(b.date_start)
    if a0 is None or b0 is None:
        return None
    a1, b1 = parse_date(a.date_end) or a0, parse_date(b.date_end) or b0
    tol = dt.timedelta(days=tolerance)
    return a0 - tol <= b1 and b0 - tol <= a1


def match_score(linked: LinkEvent, ev: LinkEvent, params: EventLinkConfig, symmetric: set[str]) -> int | None:
    """How well the record `ev` fits the linked event (higher is better); None if it cannot."""
    if linked.type and ev.type:
        if linked.type != ev.type:
            return None
    elif (linked.cameo or "")[:2] != (ev.cameo or "")[:2]:
        return None
    if (linked.status or "occurred") != (ev.status or "occurred"):
        return None
    same_story = linked.story_id is not None and linked.story_id == ev.story_id
    dates = _dates_agree(linked, ev, params.date_tolerance_days)
    if dates is False or (dates is None and not same_story):
        return None
    if not same_story and (dyad_key(linked, symmetric) is None
                           or dyad_key(linked, symmetric) != dyad_key(ev, symmetric)):
        return None
    score = 1 if dates else 0
    if linked.place_name and ev.place_name:
        if _same(linked.place_name, ev.place_name):
            score += 1
        elif linked.place_country and ev.place_country and _same(linked.place_country, ev.place_country):
            pass
        else:
            return None
    orders = [(ev.source_name, ev.source_country, ev.target_name, ev.target_country)]
    if (ev.type or "") in symmetric or (same_story and (ev.type or "") in params.reversible_in_story):
        orders.append((ev.target_name, ev.target_country, ev.source_name, ev.source_country))
    best = None
    for sn, sc, tn, tc in orders:
        s = _actor_score(linked.source_name, linked.source_country, sn, sc)
        t = _actor_score(linked.target_name, linked.target_country, tn, tc)
        if s is not None and t is not None and (best is None or s + t > best):
            best = s + t
    if best is None:
        return None
    return score + best


_LINKED_COLS = ("id", "story_id", "canonical_event_id", "type", "mode", "cameo", "status",
                "source_name", "source_country", "target_name", "target_country", "date_start",
                "date_end", "place_name", "place_country", "dyad_key", "evidence")
_MENTION_COLS = ("event_id", "linked_event_id", "article_id", "story_id", "sentence", "outlet",
                 "published", "url", "evidence")
_FIELDS = {f.name for f in fields(LinkEvent)}


def _register(con, name, rows, cols, types=None):
    types = types or {}
    schema = pa.schema([(c, types.get(c, _S)) for c in cols])
    con.register(name, pa.Table.from_pylist(rows, schema=schema))


def _load_candidates(con, events: list[LinkEvent], symmetric: set[str], window: int) -> list[LinkEvent]:
    stories = sorted({e.story_id for e in events if e.story_id})
    dyads = sorted({k for e in events if (k := dyad_key(e, symmetric))})
    dates = [d for e in events if (d := parse_date(e.published))]
    since = (min(dates) - dt.timedelta(days=window)).isoformat() if dates else None
    _register(con, "_le_s", [{"k": s} for s in stories], ["k"])
    _register(con, "_le_d", [{"k": d} for d in dyads], ["k"])
    try:
        cols = ", ".join(f"le.{c}" for c in _LINKED_COLS)
        rows = con.execute(f"""
            SELECT {cols} FROM linked_events le
            WHERE (le.story_id IN (SELECT k FROM _le_s) OR le.dyad_key IN (SELECT k FROM _le_d))
              AND (CAST(? AS VARCHAR) IS NULL OR le.last_published IS NULL OR le.last_published >= ?)
            ORDER BY le.first_published NULLS LAST, le.id""", [since, since]).fetchall()
    finally:
        con.unregister("_le_s")
        con.unregister("_le_d")
    out = []
    for row in rows:
        d = dict(zip(_LINKED_COLS, row))
        d.pop("dyad_key")
        out.append(LinkEvent(**{k: v for k, v in d.items() if k in _FIELDS}))
    return out


def _bucket(ev: LinkEvent) -> str:
    """Only records of one type (else one CAMEO root) can be the same event."""
    return ev.type or "cameo:" + (ev.cameo or "")[:2]


def link_events(con, events: list[LinkEvent], article_ids: list[str], params: EventLinkConfig) -> int:
    """Link the batch's event records (replacing earlier links of these articles)."""
    symmetric = set(params.symmetric_types)
    _register(con, "_le_a", [{"id": a} for a in article_ids], ["id"])
    try:
        touched = {r[0] for r in con.execute(
            "SELECT DISTINCT linked_event_id FROM event_mentions "
            "WHERE article_id IN (SELECT id FROM _le_a)").fetchall()}
        con.execute("DELETE FROM event_mentions WHERE article_id IN (SELECT id FROM _le_a)")
    finally:
        con.unregister("_le_a")
    if not events and not touched:
        return 0
    candidates = _load_candidates(con, events, symmetric, params.window_days)
    linked: dict[str, LinkEvent] = {c.id: c for c in candidates}
    buckets: dict[str, list[LinkEvent]] = {}
    for c in candidates:
        buckets.setdefault(_bucket(c), []).append(c)
    changed: set[str] = set()
    mentions = []
    for ev in events:
        best, best_score = None, -1
        for cand in buckets.get(_bucket(ev), ()):
            score = match_score(cand, ev, params, symmetric)
            if score is not None and score > best_score:
                best, best_score = cand, score
        if best is None:
            best = LinkEvent(**{f: getattr(ev, f) for f in _FIELDS})
            best.id = stable_id("linked", ev.id)
            best.canonical_event_id = ev.id
            linked[best.id] = best
            buckets.setdefault(_bucket(best), []).append(best)
            changed.add(best.id)
        elif ev.completeness() > best.completeness():
            keep_id, keep_story = best.id, best.story_id
            for f in _FIELDS:
                setattr(best, f, getattr(ev, f))
            best.id, best.story_id, best.canonical_event_id = keep_id, keep_story, ev.id
            changed.add(best.id)
        touched.add(best.id)
        mentions.append({"event_id": ev.id, "linked_event_id": best.id, "article_id": ev.article_id,
                         "story_id": ev.story_id, "sentence": ev.sentence, "outlet": ev.outlet,
                         "published": ev.published, "url": ev.url, "evidence": ev.evidence})
    _write(con, [linked[i] for i in sorted(changed)], mentions, touched, symmetric)
    return len(mentions)


def _write(con, changed: list[LinkEvent], mentions: list[dict], touched: set[str], symmetric) -> None:
    rows = []
    for le in changed:
        row = {c: getattr(le, c, None) for c in _LINKED_COLS}
        row["dyad_key"] = dyad_key(le, symmetric)
        rows.append(row)
    _register(con, "_le_rows", rows, _LINKED_COLS)
    _register(con, "_le_m", mentions, _MENTION_COLS, {"sentence": pa.int32()})
    _register(con, "_le_t", [{"id": i} for i in sorted(touched)], ["id"])
    cols = ", ".join(_LINKED_COLS)
    try:
        con.execute("DELETE FROM linked_events WHERE id IN (SELECT id FROM _le_rows)")
        con.execute(f"INSERT INTO linked_events ({cols}) SELECT {cols} FROM _le_rows")
        mcols = ", ".join(_MENTION_COLS)
        con.execute(f"INSERT INTO event_mentions ({mcols}) SELECT {mcols} FROM _le_m")
        con.execute("""
            UPDATE linked_events SET n_mentions = c.n, n_articles = c.na, n_sources = c.ns,
                   first_published = c.p0, last_published = c.p1
            FROM (SELECT linked_event_id, count(*) AS n, count(DISTINCT article_id) AS na,
                         count(DISTINCT coalesce(outlet, article_id)) AS ns,
                         min(published) AS p0, max(published) AS p1
                  FROM event_mentions WHERE linked_event_id IN (SELECT id FROM _le_t)
                  GROUP BY linked_event_id) c
            WHERE linked_events.id = c.linked_event_id""")
        stories = [r[0] for r in con.execute(
            "SELECT DISTINCT story_id FROM linked_events WHERE id IN (SELECT id FROM _le_t)").fetchall()]
        con.execute("""DELETE FROM linked_events WHERE id IN (SELECT id FROM _le_t)
                       AND id NOT IN (SELECT linked_event_id FROM event_mentions
                                      WHERE linked_event_id IN (SELECT id FROM _le_t))""")
        _register(con, "_le_st", [{"id": s} for s in stories if s], ["id"])
        con.execute("""
            UPDATE stories SET n_linked_events = c.n
            FROM (SELECT s.id, count(le.id) AS n FROM _le_st s
                  LEFT JOIN linked_events le ON le.story_id = s.id GROUP BY s.id) c
            WHERE stories.id = c.id""")
        con.unregister("_le_st")
    finally:
        for name in ("_le_rows", "_le_m", "_le_t"):
            con.unregister(name)
