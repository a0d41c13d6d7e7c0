"""When and where: the date and place of an event from expressions attached to its trigger.

A time expression counts for a trigger when it hangs inside the trigger's own phrase or
clause (searched breadth-first, never across a clause boundary: "the first talks since X
and Y met … in September" gives September to "met", not to "talks"). An event held "at"
an occasion named earlier with a date ("last month's G-20 summit in Bali" … "a summit at
the G-20") takes that occasion's date and place.
"""
from __future__ import annotations

from collections import deque

from ..records import DateRange, Place, TimeExpression

BARRIER_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "acl", "csubj", "xcomp", "conj", "pcomp",
                "csubjpass", "appos"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
OCCASION_PREPS = {"at", "during", "on", "after", "before", "ahead", "on the sidelines of"}


def _is_clause(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ in BARRIER_DEPS


class Anchors:
    """Times and places of one document, indexed by token, plus the occasions seen so far."""

    def __init__(self, parsed, times: list[TimeExpression], places, index, skip=None):
        self.doc = parsed
        self.time_of: dict[int, TimeExpression] = {}
        self.place_of: dict[int, tuple[str, str | None]] = {}
        self.geo_of: dict[int, Place] = {}     # token → the gazetteer place of its place mention
        self.occasions: dict[str, tuple[TimeExpression | None, tuple | None]] = {}
        self.index = index
        for t in times:
            if not t.start_date or not t.end_date or t.start_date[:4] < "1800":
                continue     # "Group of 20" read as the year 20 is not a date of news
            span = parsed.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.time_of.setdefault(tok.i, t)
        for p in places:
            if not getattr(p, "locative", True):
                continue       # "Ohio voters": says where the story is, not where an act was
            span = parsed.char_span(p.start, p.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.place_of.setdefault(tok.i, (p.name, p.country))
                if getattr(p, "geo", None) is not None:
                    self.geo_of.setdefault(tok.i, p.geo)

    # ------------------------------------------------------------------ search
    def _bfs(self, start, want, max_depth: int = 6, avoid=None):
        """First token (breadth-first from start, inside its phrase/clause) for which want() holds."""
        queue = deque([(start, 0)])
        while queue:
            tok, d = queue.popleft()
            if tok is not start:
                hit = want(tok)
                if hit is not None:
                    return hit
            if d >= max_depth:
                continue
            for c in tok.children:
                if avoid is not None and c.i == avoid:
                    continue
                if c is not start and _is_clause(c):
                    continue
                queue.append((c, d + 1))
        return None

    def time_for(self, *anchors, avoid=None) -> TimeExpression | None:
        for a in anchors:
            if a is None:
                continue
            hit = self._bfs(a, lambda t: self.time_of.get(t.i), avoid=avoid)
            if hit is not None:
                return hit
        return None

    def place_for(self, *anchors, avoid=None, depth: int = 4) -> tuple[str, str | None] | None:
        def in_place_phrase(t) -> bool:
            """Inside "in/at/near …" ("in Montenegro province", "at a jail in Israel")."""
            h = t
            for _ in range(5):
                if h.dep_ == "pobj" and h.head.lower_ in PLACE_PREPS:
                    return True
                if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.i != h.head.i:
                    h = h.head.head     # "in a sector of eastern Beirut", "near the town of …"
                    continue
                if h.dep_ not in ("compound", "amod", "nmod", "poss", "pobj") or h.head.i == h.i:
                    return False
                h = h.head
            return False

        def want(t):
            if t.pos_ not in ("PROPN", "NOUN"):
                return None
            hit = self.place_of.get(t.i)
            if hit is not None and (hit[1] or in_place_phrase(t)):
                return (hit[0], hit[1], t)      # the actors stage read it as a place already
            if not in_place_phrase(t):
                return None
            # a country or capital the actors stage knows, used as a location ("in … Beirut")
            for a in self.index.at(t.idx, t.idx + len(t)):
                if a.country and (a.kind == "country" or a.kind == "organisation" and a.sector == "GOV"
                                  and any(m.how == "metonymy" for m in a.mentions)):
                    return (t.text, a.country, t)
            if t.ent_type_ in ("GPE", "LOC", "FAC"):
                return (t.text, None, t)
            return None
        for a in anchors:
            if a is None:
                continue
            hit = self._bfs(a, want, max_depth=depth, avoid=avoid)
            if hit is not None:
                return hit
        return None

    # ------------------------------------------------------------------ occasions
    def _np_window(self, trigger):
        """The words of a nominal's phrase to its left, back to the preposition or verb that
        governs it ("at [last month's Group of 20 (G-20)] summit") — parses of such phrases
        are often broken, so this is by position."""
        sent = trigger.sent
        out = []
        for k in range(trigger.i - 1, max(sent.start, trigger.i - 10) - 1, -1):
            t = self.doc[k]
            if t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADP" and t.lower_ in OCCASION_PREPS | PLACE_PREPS):
                break
            out.append(t)
        return out

    def time_near(self, trigger) -> TimeExpression | None:
        """A time inside the nominal's own phrase, by position (see _np_window)."""
        for t in self._np_window(trigger):
            hit = self.time_of.get(t.i)
            if hit is not None:
                return hit
        return None

    def remember(self, trigger, time: TimeExpression | None, place) -> None:
        """Record a dated nominal event ("last month's G-20 summit") under its proper names."""
        if time is None and place is None:
            return
        for tok in list(trigger.subtree) + self._np_window(trigger):
            if tok.i in self.time_of or tok.i in self.place_of or tok.i == trigger.i:
                continue
            text = tok.text
            if len(text) > 1 and any(ch.isalpha() for ch in text) and \
                    (text[0].isupper() or any(ch.isdigit() for ch in text)):
                self.occasions[tok.lower_] = (time, place)

    def occasion_for(self, *anchors):
        """(time, place) of an earlier occasion this event was held at ("at the G-20")."""
        for a in anchors:
            if a is None:
                continue
            for c in a.children:
                if c.dep_ == "prep" and c.lower_ in OCCASION_PREPS:
                    for tok in c.subtree:
                        hit = self.occasions.get(tok.lower_)
                        if hit is not None:
                            return hit
        return None


def date_range(t: TimeExpression | None) -> DateRange | None:
    if t is None:
        return None
    return DateRange(t.start_date, t.end_date, t.precision)


def place_record(p, geo_of: dict | None = None, source: str = "event") -> Place | None:
    """The event's place: the name and country the text gives, with the gazetteer's
    coordinates when the place mention was geocoded; `source` says where it came from."""
    if p is None:
        return None
    g = geo_of.get(p[2].i) if geo_of and len(p) > 2 else None
    if g is None and p[1]:
        from ..geo import country_place
        g = country_place(p[1])
    if g is None:
        return Place(p[0], p[1], source=source)
    return Place(p[0], p[1] or g.country, g.geonames_id, g.feature, g.admin1, g.lat, g.lon,
                 g.precision, g.gazetteer_name, source)
