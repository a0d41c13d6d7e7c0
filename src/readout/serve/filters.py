"""Query filters → parameterised SQL conditions (values never enter the SQL text).

Also decides what an actor "key" means. Actors are stored per article, so the
server names an actor across articles by a key: a country code (`RUS`: every
actor of that country), a CAMEO actor code (`RUSGOV`), or a name (`Vladimir
Putin`, case-insensitive). `by="auto"` tries country, then code, then name, and
takes the first that any stored actor has.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .db import EVENT_INDEX, ReadOnlyStore

ACTOR_FIELDS = ("country", "code", "name")
_COUNTRY_RE = re.compile(r"^[A-Z]{2,3}$")
_CODE_RE = re.compile(r"^[A-Z0-9]{3,15}$")

# an event's date on the time line: its own start date, else the article's publication date
EVENT_DAY = "TRY_CAST(left(coalesce({p}date_start, {p}published), 10) AS DATE)"


def event_day(prefix: str = "") -> str:
    return EVENT_DAY.format(p=prefix)


@dataclass(frozen=True)
class ActorKey:
    """An actor across articles: which field of the actor record matches which value."""
    by: str      # country | code | name
    value: str

    def events_condition(self, side: str, prefix: str = "") -> tuple[str, list]:
        """SQL matching events whose `side` (source | target) is this actor."""
        if self.by == "name":
            return f"lower({prefix}{side}_name) = lower(?)", [self.value]
        return f"{prefix}{side}_{self.by} = ?", [self.value]

    def index_condition(self, side: str, store: ReadOnlyStore) -> tuple[str, list]:
        """The same over the server's event index (codes numbered, names lower-cased)."""
        if self.by == "name":
            return f"{side}_name = lower(?)", [self.value]
        return f"{side}_{self.by}_k = ?", [store.key(self.value)]

    def actors_condition(self, prefix: str = "") -> tuple[str, list]:
        """SQL matching rows of the actors table that are this actor."""
        if self.by == "name":
            return f"lower({prefix}name) = lower(?)", [self.value]
        return f"{prefix}{self.by} = ?", [self.value]


def resolve_actor_key(store: ReadOnlyStore, key: str, by: str = "auto") -> ActorKey | None:
    """The actor a key names, or None when no stored actor matches it."""
    key = key.strip()
    if not key:
        return None
    if by != "auto":
        candidates = [ActorKey(by, key)]
    else:
        candidates = []
        if _COUNTRY_RE.match(key):
            candidates.append(ActorKey("country", key))
        if _CODE_RE.match(key):
            candidates.append(ActorKey("code", key))
        candidates.append(ActorKey("name", key))
    for cand in candidates:
        cond, params = cand.actors_condition()
        if store.scalar(f"SELECT EXISTS (SELECT 1 FROM actors WHERE {cond})", params):
            return cand
        # events carry their actors' names and codes too (a store may hold events only)
        src, p1 = cand.index_condition("source", store)
        tgt, p2 = cand.index_condition("target", store)
        if store.scalar(f"SELECT EXISTS (SELECT 1 FROM {EVENT_INDEX} WHERE {src} OR {tgt})", p1 + p2):
            return cand
    return None


@dataclass
class EventFilter:
    """Filters of the events list and the dyad series (all optional, combined with AND).

    Conditions are written over the server's event index (`db.EVENT_INDEX`): codes are
    numbers there, and `day`/`day_end` the event's date range as DATEs (else the
    publication date).
    """
    source: ActorKey | None = None
    target: ActorKey | None = None
    both_directions: bool = False
    actor: ActorKey | None = None
    type: str | None = None
    cameo: str | None = None
    status: str | None = None
    quad_class: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = None
    article_id: str | None = None
    unmatched: bool = False           # an actor key named no stored actor: nothing can match
    extra: list[tuple[str, list]] = field(default_factory=list)

    def branches(self, store: ReadOnlyStore) -> list[tuple[str, list[Any]]]:
        """WHERE clauses whose matches are disjoint and together are the filter's matches.

        Both directions of a dyad are two branches (to be joined by UNION ALL) rather
        than one OR, so each keeps equality filters the scan can push down.
        """
        common, params = self._common(store)
        if not (self.source or self.target):
            return [(common, params)]
        fwd = _direction(self.source, self.target, store)
        out = [(f"{fwd[0]} AND {common}", fwd[1] + params)]
        if self.both_directions and self.source != self.target:
            back = _direction(self.target, self.source, store)
            # an event matching both ways (e.g. only one side given) is kept once
            out.append((f"{back[0]} AND NOT ({fwd[0]}) AND {common}", back[1] + fwd[1] + params))
        return out

    def _common(self, store: ReadOnlyStore) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []

        def add(cond: str, ps: list) -> None:
            conds.append(cond)
            params.extend(ps)

        if self.unmatched:
            add("FALSE", [])
        if self.actor:
            s, sp = self.actor.index_condition("source", store)
            t, tp = self.actor.index_condition("target", store)
            add(f"({s} OR {t})", sp + tp)
        if self.type:
            add("type_k = ?", [store.key(self.type)])
        if self.cameo:
            add("starts_with(cameo, ?)", [self.cameo])
        if self.status:
            add("status_k = ?", [store.key(self.status)])
        if self.quad_class is not None:
            add("quad_class = ?", [self.quad_class])
        if self.date_from:     # the event's date range overlaps [date_from, date_to]
            add("day_end >= ?", [self.date_from])
        if self.date_to:
            add("day <= ?", [self.date_to])
        if self.q:
            add("id IN (SELECT id FROM events WHERE evidence ILIKE ? ESCAPE '\\' "
                "OR trigger ILIKE ? ESCAPE '\\')", [like_pattern(self.q)] * 2)
        if self.article_id:
            add("article_id = ?", [self.article_id])
        for cond, ps in self.extra:
            add(cond, ps)
        return (" AND ".join(conds) if conds else "TRUE"), params


def _direction(source: ActorKey | None, target: ActorKey | None,
               store: ReadOnlyStore) -> tuple[str, list]:
    conds, params = [], []
    for side, key in (("source", source), ("target", target)):
        if key:
            c, p = key.index_condition(side, store)
            conds.append(c)
            params.extend(p)
    return "(" + (" AND ".join(conds) or "TRUE") + ")", params


def like_pattern(text: str) -> str:
    """An ILIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
