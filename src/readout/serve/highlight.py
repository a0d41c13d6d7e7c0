"""Cut an article's text into segments, each marked with the records whose spans cover it.

Spans of different records overlap (an actor mention inside a quote inside an
event's evidence), so the text is split at every span boundary and each piece
lists all records covering it; the page styles a piece by the kinds it carries
and shows those records when it is clicked.
"""
from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("event", "quote", "figure", "actor", "time")      # the layers a reader can toggle
MARKS = KINDS + ("trigger",)     # a trigger is a mark inside its event's span, not a layer


@dataclass
class Segment:
    start: int
    end: int
    text: str
    refs: list[tuple[str, str]] = field(default_factory=list)   # (kind, record id)

    @property
    def kinds(self) -> list[str]:
        return sorted({k for k, _ in self.refs}, key=MARKS.index)


def trigger_span(text: str, event: dict) -> tuple[int, int] | None:
    """Where an event's trigger word stands in the text: its first whole-word occurrence
    inside the event's evidence span (None when it is not found there)."""
    import re
    trigger, start, end = event.get("trigger"), event.get("start"), event.get("end")
    if not trigger or start is None or end is None:
        return None
    m = re.search(rf"(?<!\w){re.escape(trigger)}(?!\w)", text[start:end], re.IGNORECASE)
    return (start + m.start(), start + m.end()) if m else None


def article_spans(art: dict) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, record id) of every highlightable record of an article."""
    spans = []
    text = art.get("text") or ""
    for e in art.get("events", []):
        spans.append((e.get("start"), e.get("end"), "event", e["id"]))
        trig = trigger_span(text, e)
        if trig:
            spans.append((*trig, "trigger", e["id"]))
    for q in art.get("quotes", []):
        spans.append((q.get("start"), q.get("end"), "quote", q["id"]))
    for f in art.get("figures", []):
        spans.append((f.get("start"), f.get("end"), "figure", f["id"]))
    for a in art.get("actors", []):
        for m in a.get("mentions", []):
            spans.append((m.get("start"), m.get("end"), "actor", a["id"]))
    for t in art.get("times", []):
        spans.append((t.get("start"), t.get("end"), "time", t["id"]))
    return [s for s in spans if s[0] is not None and s[1] is not None]


def segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[Segment]:
    """The text split at every span boundary; spans out of range are clipped, empty ones dropped."""
    n = len(text)
    clean = []
    for start, end, kind, rid in spans:
        start, end = max(0, min(n, start)), max(0, min(n, end))
        if end > start:
            clean.append((start, end, kind, rid))
    cuts = sorted({0, n, *(s for s, _, _, _ in clean), *(e for _, e, _, _ in clean)})
    out: list[Segment] = []
    # sweep: spans sorted by start; keep those open at each piece
    clean.sort()
    i = 0
    open_spans: list[tuple[int, int, str, str]] = []
    for lo, hi in zip(cuts, cuts[1:]):
        while i < len(clean) and clean[i][0] <= lo:
            open_spans.append(clean[i])
            i += 1
        open_spans = [s for s in open_spans if s[1] > lo]
        refs = []
        seen = set()
        for _, _, kind, rid in open_spans:
            if (kind, rid) not in seen:
                seen.add((kind, rid))
                refs.append((kind, rid))
        refs.sort(key=lambda r: MARKS.index(r[0]) if r[0] in MARKS else len(MARKS))
        out.append(Segment(lo, hi, text[lo:hi], refs))
    return out
