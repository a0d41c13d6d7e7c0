"""actors: every person, government, organisation and country in an article, with its mentions.

Uses the parse (entities, noun chunks, dependencies) and the actor tables
(readout/knowledge/actors/, see readout.actors). Each actor gets a canonical name, a country
(ISO 3166 alpha-3 / CAMEO), a sector and a full CAMEO code valid on the article's date, and
every mention of it — names, titled names, role phrases, capitals and seats used as agents
(metonymy), pronouns — is one `Mention` of that one actor (`how` says which kind).

Conventions the later stages rely on:
  - a country used as an agent is the country actor (kind "country", code "CHN", sector null);
    a capital or seat used as an agent is the government (kind "organisation", "CHNGOV");
  - a country, capital or city used as a place ("in Beijing", "a visit to Moscow") is not an
    actor: it goes to `item.places` as a PlaceMention, for the events stage;
  - "the pair" / "the two leaders" is a mention (how "pair") of the first of the two people
    named last; no separate group actor is made;
  - every mention offset indexes `document.text`; the actors are set through `item.actors`,
    which later stages extend (`item.actors.add`).
"""
from __future__ import annotations

import datetime as dt

from ..actors.context import (apply_successions, assign_context_countries, named_country,
                              organisation_leaders, split_ethnic_groups)
from ..actors.coref import link, richness
from ..actors.geocode import geocode_places
from ..actors.knowledge import knowledge
from ..actors.mentions import drop_foreign_short_party_names, find_mentions
from ..config import Config
from ..work import PlaceMention, WorkItem
from .registry import register_stage
from ..records import Actor, Mention, stable_id


def article_date(item: WorkItem) -> dt.date | None:
    if item.published_date is not None:
        return item.published_date
    pub = item.document.published if item.document else None
    if pub:
        try:
            return dt.date.fromisoformat(pub[:10])
        except ValueError:
            return None
    return None


def actors_of(item: WorkItem) -> tuple[list[Actor], list[PlaceMention]]:
    """The actors and places of one parsed article."""
    doc = item.parsed
    k = knowledge()
    date = article_date(item)
    found = find_mentions(doc, k, date)
    drop_foreign_short_party_names(doc, found, k)
    geocode_places(doc, found, k, item.document.dateline)   # cities and states get their country
    drop_foreign_short_party_names(doc, found, k, by_article=True)  # "PAC", "ABC" in American news
    mentions = link(doc, found.mentions, k, date, named_country(doc, found, k))
    text = item.document.text
    best: dict[str, object] = {}
    for m in mentions:   # the fullest description of each actor names it
        if m.resolved is not None and richness(m.resolved) > richness(best.get(m.key)):
            best[m.key] = m.resolved
    by_key: dict[str, Actor] = {}
    for m in mentions:
        if m.resolved is None:
            continue
        r = best[m.key]
        start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text)
        actor = by_key.get(m.key)
        if actor is None:
            actor = by_key[m.key] = Actor(id=stable_id(item.document.id, m.key), name=r.name,
                                          country=r.country, sector=r.sector, code=r.code,
                                          kind=r.kind, mentions=[])
        actor.mentions.append(Mention(start, end, text[start:end], m.how))
    actors = sorted(by_key.values(), key=lambda a: a.mentions[0].start)
    places = []
    for p in found.places:
        start, end = doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1].text)
        places.append(PlaceMention(start, end, p.name, p.country, p.geo, p.locative))
    apply_successions(actors, places, date, k)      # "Moscow" in 1985 is the Soviet government
    organisation_leaders(actors, text, k)           # "Labour leader Keir Starmer": a party figure
    actors = split_ethnic_groups(actors, places, doc, item.document.id, k)
    assign_context_countries(actors, places, item.document.sentences, k)
    return actors, places


@register_stage
class ActorsStage:
    name = "actors"
    requires = ("parsed", "times")
    adds = ("actors", "places")

    def run(self, items: list[WorkItem], config: Config) -> None:
        for item in items:
            actors, item.places = actors_of(item)
            item.actors.set(actors)
