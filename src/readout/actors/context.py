"""Countries the text implies: domestic actors and ethnic groups take the country they act in.

CAMEO codes a domestic actor with the country it belongs to even when the text gives no
nationality word ("Judge Alejandro Rivera opened investigations against Chilean officials",
"police dispersed demonstrators in Lagos"), and an ethnic group with the country it lives
in, not the state of its ethnicity ("ethnic Albanians in Serbia" → SRB; CAMEO manual,
actor codes for ethnic groups). Document-level rules, run after coreference:

0. Successions (`apply_successions`): codes are read on the article's date — "Moscow" in
   1985 is the Soviet government (knowledge/actors/successions.tsv).
1. Located group (`split_ethnic_groups`): a group marked as an ethnic community ("ethnic
   Albanians", "the Albanian minority / population / community", "Albanians of southern
   Serbia") is coded with the country of the place or country attached to it by in/of/
   within/throughout ("… in Serbia", "guerrillas operating in Macedonia"), else it is left
   without a country for rule 2 (its kin state is not assumed).
2. Context country (`assign_context_countries`): an actor with no country (an unknown name,
   a generic group such as "police", an organisation the tables do not know) whose every
   mention sits in sentences that name exactly one country — by a country-coded actor or by
   a place; news agencies reporting the story do not count — and the same one each time,
   takes that country. Regions (EUR, AFR …), IGOs, NGOs and multinationals never take one.
   A sentence naming two countries says nothing (the actor could be either).
3. Organisation leaders (`organisation_leaders`): "Labour leader Keir Starmer" takes the
   party's sector, not the generic title's GOV.
"""
from __future__ import annotations

from bisect import bisect_right

from ..records import Actor, Mention, stable_id
from .knowledge import ActorKnowledge

NO_CONTEXT_SECTORS = frozenset(("IGO", "NGO", "MNC", "BUS", "IMG"))
CONTEXT_KINDS = frozenset(("person", "group", "organisation"))
ETHNIC_MARKERS = frozenset(("ethnic",))
ETHNIC_HEADS = frozenset(("minority", "population", "community", "diaspora"))
RESIDENCE_PREPS = frozenset(("in", "of", "inside", "within", "throughout", "across"))


def ethnic_head(head, demonyms) -> bool:
    """Whether a noun phrase (by its head token) names an ethnic community rather than a
    nation: "ethnic Albanians", "ethnic Albanian guerrillas", "the Albanian minority",
    "Albanians of southern Serbia"."""
    if any(t.dep_ in ("cc", "conj") for t in head.doc[head.left_edge.i:head.i]):
        return False        # "Macedonian and ethnic Albanian parties": two communities
    for c in head.children:
        if c.i > head.i or c.dep_ not in ("amod", "compound", "nmod"):
            continue
        if c.lower_ in ETHNIC_MARKERS or any(g.lower_ in ETHNIC_MARKERS and g.dep_ in ("amod", "advmod")
                                             for g in c.children):
            return True     # "ethnic Albanians", "ethnic Albanian guerrillas" (not a conjunct's)
    if head.lemma_.lower() in ETHNIC_HEADS and any(
            c.dep_ in ("amod", "compound", "nmod") and c.lower_ in demonyms for c in head.children):
        return True
    if head.tag_ in ("NNS", "NNPS") and head.lower_ in demonyms:
        return any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
    return False


def residence(head, country_at) -> str | None:
    """The country of the place an ethnic group is said to live in ("… in Serbia", "… of
    southern Serbia"); `country_at(token)` gives the country a token names, if any."""
    preps = [c for c in head.children if c.dep_ == "prep"]
    for c in head.children:
        if c.dep_ == "acl":     # "guerrillas operating in Macedonia", "Turks living in Sweden"
            preps += [p for p in c.children if p.dep_ == "prep"]
    for c in preps:
        if c.lower_ not in RESIDENCE_PREPS:
            continue
        for o in c.children:
            if o.dep_ != "pobj":
                continue
            for t in o.subtree:
                code = country_at(t)
                if code:
                    return code
    return None


def sentence_of(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1


# Armed groups belong to the country they fight in: a sentence
# gives them its country only by a place or the country itself ("rebels in Syria", "Syria's
# rebels"), not by a foreign leader in it ("the president resisted arming the rebels" in a
# story about Mr Obama is no American rebellion).
PLACE_BOUND_SECTORS = frozenset(("REB", "INS", "UAF", "SEP", "RAD"))


def sentence_countries(actors: list[Actor], places, starts: list[int], k: ActorKnowledge,
                       places_only: bool = False) -> dict[int, set]:
    """Sentence index → the (non-region) countries its actors and places name (with
    `places_only`, its places and country actors)."""
    out: dict[int, set] = {}
    for a in actors:
        if not a.country or k.is_region(a.country) or a.sector == "MED":
            continue    # a news agency reporting the story says nothing about where it happens
        if places_only and a.kind != "country":
            continue
        for m in a.mentions:
            out.setdefault(sentence_of(starts, m.start), set()).add(a.country)
    for p in places:
        if p.country and not k.is_region(p.country):
            out.setdefault(sentence_of(starts, p.start), set()).add(p.country)
    return out


def context_country(actor: Actor, by_sentence: dict[int, set], starts: list[int]) -> str | None:
    """The one country every sentence mentioning the actor names, if there is one."""
    found: set = set()
    for m in actor.mentions:
        cs = by_sentence.get(sentence_of(starts, m.start), set())
        if len(cs) > 1:
            return None
        found |= cs
        if len(found) > 1:
            return None
    return next(iter(found)) if found else None


# Words that say an actor is of another country than the one the story is in ("foreign
# officials", "overseas investors"): such an actor takes no context country.
FOREIGN_WORDS = frozenset(("foreign", "overseas", "outside", "international", "visiting", "western"))


def wants_context(actor: Actor) -> bool:
    if actor.country or actor.kind not in CONTEXT_KINDS:
        return False
    if actor.mentions and all(FOREIGN_WORDS & set(m.text.lower().split()) for m in actor.mentions):
        return False
    code = actor.code or ""
    if code[:3] in NO_CONTEXT_SECTORS or (actor.sector or "") in NO_CONTEXT_SECTORS:
        return False
    return True


# Sectors an organisation's leader takes from it ("Labour leader Keir Starmer" is a party
# figure, not a government one); a government body's leader stays GOV.
LEADER_SECTORS = frozenset(("PTY", "OPP", "REB", "IMG", "NGO", "LAB", "BUS", "MNC", "REL", "EDU", "MED"))


def organisation_leaders(actors: list[Actor], text: str, k: ActorKnowledge) -> None:
    """Rule 3, in place: a person introduced by a generic top title written right after an
    organisation's name ("UK Independence Party leader Nigel Farage", "Hamas chief X") leads
    that organisation: the person takes its sector (and country when the person has none),
    instead of the title's default GOV."""
    ends = {}
    for a in actors:
        if a.kind in ("organisation", "group") and a.sector in LEADER_SECTORS:
            for m in a.mentions:
                ends[m.end] = a
    if not ends:
        return
    for a in actors:
        if a.kind != "person" or a.sector not in (None, "GOV"):
            continue
        for m in a.mentions:
            words = m.text.split()
            role = k.roles.get(words[0].lower()) if len(words) > 1 else None
            if role is None or role[2] or "top" not in role[3]:
                continue
            at = m.start
            while at > 0 and text[at - 1] == " ":
                at -= 1
            org = ends.get(at)
            if org is None or (a.country and org.country and a.country != org.country):
                continue
            a.country = a.country or org.country
            a.sector = org.sector
            a.code = (a.country or "") + org.sector
            break


def assign_context_countries(actors: list[Actor], places, sentences, k: ActorKnowledge) -> None:
    """Rule 2 above, in place: fill the country (and the code's country part) of actors
    that have none from the single country their sentences name."""
    if not sentences:
        return
    starts = [s.start for s in sentences]
    by_sentence = sentence_countries(actors, places, starts, k)
    by_place = sentence_countries(actors, places, starts, k, places_only=True)
    article = article_country(by_sentence)
    for a in actors:
        if not wants_context(a):
            continue
        where = by_place if (a.sector or "") in PLACE_BOUND_SECTORS else by_sentence
        c = context_country(a, where, starts) or article
        if c:
            a.country = c
            a.code = c + (a.code or a.sector or "")


# An article whose sentences name one country this much more than all others together is
# domestic news of that country: its actors with no country of their own ("the police", a
# candidate the tables do not know) are that country's, as a human coder reads them.
ARTICLE_COUNTRY_SHARE = 0.75
ARTICLE_COUNTRY_MIN_SENTENCES = 3


def article_country(by_sentence: dict[int, set]) -> str | None:
    """The country most sentences of the article name, when it dominates (else None)."""
    counts: dict[str, int] = {}
    for cs in by_sentence.values():
        for c in cs:
            counts[c] = counts.get(c, 0) + 1
    if not counts:
        return None
    top, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if n >= ARTICLE_COUNTRY_MIN_SENTENCES and n >= ARTICLE_COUNTRY_SHARE * sum(counts.values()):
        return top
    return None


def named_country(doc, found, k) -> str | None:
    """The country the article's sentences name most, when it dominates (context.py's
    `article_country`), read from the mentions and places before coreference: the strong
    context a surname alone needs ("Christie" in American news is an American)."""
    by_sentence: dict[int, set] = {}
    for m in found.mentions:
        r = m.resolved
        if r is None or not r.country or k.is_region(r.country) or r.sector == "MED" or r.cands:
            continue
        by_sentence.setdefault(doc[m.start].sent.start, set()).add(r.country)
    for p in found.places:
        if p.country and not k.is_region(p.country):
            by_sentence.setdefault(doc[p.start].sent.start, set()).add(p.country)
    return article_country(by_sentence)


def split_ethnic_groups(actors: list[Actor], places, doc, doc_id: str, k: ActorKnowledge) -> list[Actor]:
    """Rule 1 above: each mention of an ethnic community becomes a group actor of the
    country it lives in (None when the text does not say; rule 2 may then fill it in).
    Returns the new actor list (an actor left without mentions is dropped)."""
    if doc is None or not any(t.lower_ in ETHNIC_MARKERS or t.lemma_.lower() in ETHNIC_HEADS
                              or t.tag_ in ("NNS", "NNPS") and t.lower_ in k.demonyms for t in doc):
        return actors
    place_spans = [(p.start, p.end, p.country) for p in places if p.country]
    state_spans = [(m.start, m.end, a.country) for a in actors if a.country and a.kind == "country"
                   or (a.kind == "organisation" and a.sector == "GOV")
                   for m in a.mentions]

    def country_at(tok):
        s, e = tok.idx, tok.idx + len(tok)
        for ps, pe, code in place_spans + state_spans:
            if ps < e and s < pe and not k.is_region(code):
                return code
        return None

    made: dict[str, Actor] = {}
    out: list[Actor] = []
    for a in actors:
        keep = []
        for m in a.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            head = span.root if span is not None and len(span) else None
            if head is None or a.kind not in ("country", "group", "person") or not a.country \
                    or not ethnic_head(head, k.demonyms):
                keep.append(m)
                continue
            code = residence(head, country_at)
            if code == a.country:
                keep.append(m)     # "Albanians of Albania": the nation after all
                continue
            sector = a.sector if a.kind != "country" else None
            name = m.text if m.text.lower().startswith("ethnic") or head.lemma_.lower() in ETHNIC_HEADS \
                else "ethnic " + m.text
            key = f"ethnic:{a.country}:{code or ''}:{sector or ''}"
            g = made.get(key)
            if g is None:
                g = made[key] = Actor(id=stable_id(doc_id, key), name=name, country=code,
                                      sector=sector or "CVL", code=(code or "") + (sector or "CVL"),
                                      kind="group", mentions=[])
                out.append(g)
            g.mentions.append(Mention(m.start, m.end, m.text, m.how))
        a.mentions[:] = keep
        if keep:
            out.append(a)
    return sorted(out, key=lambda x: x.mentions[0].start) if made else actors


def read_on_date(actor: Actor, date, k: ActorKnowledge) -> None:
    """An actor's country (and code, and a country-derived name) as they stood on the article's
    date (successions.tsv): "Moscow" in 1985 → the Soviet government, SUNGOV."""
    old = actor.country
    new = k.country_on(old, date)
    if new == old:
        return
    actor.country, actor.code = new, k.code_on(actor.code, date)
    old_name, new_name = k.country_name(old), k.country_name(new)
    if old_name and new_name:
        if actor.name == old_name:
            actor.name = new_name
        elif actor.name == f"Government of {old_name}":
            actor.name = f"Government of {new_name}"


def apply_successions(actors: list[Actor], places, date, k: ActorKnowledge) -> None:
    """`read_on_date` for every actor and place of an article."""
    if date is None or not k.successions:
        return
    for a in actors:
        if a.country in k.successions:
            read_on_date(a, date, k)
    for p in places:
        p.country = k.country_on(p.country, date)
