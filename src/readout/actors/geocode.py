"""The places of an article, geocoded (readout.geo) before the actors take their countries.

Runs on the candidate places of `find_mentions` (locative uses of countries, capitals, known
and unknown places), with the article's countries (the country-coded mentions and places,
counted by sentence) and the dateline as context. A place the actor tables gave no country
("in Juneau", "in Wasilla, Alaska", "in Brooklyn") takes its gazetteer place's country, so
the context-country rules (context.py) see it; one they gave a country keeps it unless the
gazetteer reads the name otherwise with the article's support ("Georgia" beside Atlanta).

Beside those, a capitalised GPE entity that is no actor and no locative place ("Ohio
voters", "the Alaska delegation") is kept as a non-locative place when it resolves to a US
state, a first-level division or a city with a country: it tells the article's country, but
is never an event's place.
"""
from __future__ import annotations

from collections import Counter

from ..geo import GeoMention, resolve_places
from .knowledge import ActorKnowledge
from .mentions import Found, Place

NONLOCATIVE_PRECISIONS = frozenset(("admin1", "city"))


def article_countries(doc, found: Found, k: ActorKnowledge) -> Counter:
    """Country → number of sentences naming it (by a country-coded mention or a place)."""
    by_sentence: dict[int, set] = {}
    for m in found.mentions:
        r = m.resolved
        if r is None or not r.country or k.is_region(r.country) or r.sector == "MED" or r.cands:
            continue
        by_sentence.setdefault(doc[m.start].sent.start, set()).add(r.country)
    for p in found.places:
        if p.country and not k.is_region(p.country):
            by_sentence.setdefault(doc[p.start].sent.start, set()).add(p.country)
    for t in doc:
        # a nationality word on a place noun: "the French city of Nice", "a Syrian village"
        if t.dep_ == "amod" and t.ent_type_ == "NORP" and t.head.pos_ == "NOUN":
            code = k.demonyms.get(t.lower_)
            if code and not k.is_region(code):
                by_sentence.setdefault(t.sent.start, set()).add(code)
    return Counter(c for cs in by_sentence.values() for c in cs)


def _nonlocative_entities(doc, found: Found) -> list[Place]:
    covered = set()
    for p in found.places:
        covered.update(range(p.start, p.end))
    for m in found.mentions:
        covered.update(range(m.start, m.end))
    out = []
    for ent in doc.ents:
        if ent.label_ != "GPE" or any(i in covered for i in range(ent.start, ent.end)):
            continue
        s, e = ent.start, ent.end
        if doc[s].lower_ == "the":
            s += 1
        while e > s and doc[e - 1].text in ("'s", "’s", "'", "’"):
            e -= 1
        if s < e and doc[s].text[:1].isupper():
            out.append(Place(s, e, doc[s:e].text, None, locative=False))
    return out


def geocode_places(doc, found: Found, k: ActorKnowledge, dateline: str | None) -> None:
    """Set `geo` (and a missing country) on every place of `found`, in place; add the
    non-locative GPE places that resolve."""
    extra = _nonlocative_entities(doc, found)
    places = found.places + extra
    if not places:
        return
    mentions = [GeoMention(doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1]), p.name if
                           p.locative else doc[p.start:p.end].text, p.country) for p in places]
    # the surface text, for qualifiers and capitalisation: a country place's name is its table name
    for gm, p in zip(mentions, places):
        gm.text = doc.text[gm.start:gm.end]
    geo = resolve_places(mentions, doc.text, article_countries(doc, found, k), dateline)
    kept_extra = []
    for p, g in zip(places, geo):
        if g is None:
            continue
        if not p.locative and (g.precision not in NONLOCATIVE_PRECISIONS or not g.country):
            continue
        g.name = p.name
        p.geo = g
        if g.country and not k.is_region(g.country):
            p.country = g.country
        if not p.locative:
            kept_extra.append(p)
    if kept_extra:
        found.places.extend(kept_extra)
        found.places.sort(key=lambda p: p.start)
