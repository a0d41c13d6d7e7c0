"""An event's place when its own phrase names none: its sentence's, else the dateline's.

The event's own place ("met in Bali", `Anchors.place_for`) has `source = "event"`. Without
one, an event takes the first geocoded place named as a location in its sentence (`source =
"sentence"`), else — for an act dated within `DATELINE_DAYS` before the report that occurred —
the dateline's city ("MOSCOW —", `source = "dateline"`), where the reporter says it happened,
unless the sentence names another country as such ("invading Ukraine").
Only the event's own place counts for its CAMEO target or for linking events.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import replace

from ..geo import GeoMention, resolve_places
from ..records import Place

DATELINE_DAYS = 3


class FallbackPlaces:
    def __init__(self, item) -> None:
        self.item = item
        places = [p for p in item.places if p.locative and p.geo is not None and p.geo.lat is not None]
        self._starts = [p.start for p in places]
        self._places = places
        self._dateline: Place | None | bool = False     # not looked up yet

    def sentence_place(self, sentence) -> Place | None:
        i = bisect_right(self._starts, sentence.start - 1)
        if i < len(self._places) and self._places[i].start < sentence.end:
            g = self._places[i].geo
            return replace(g, source="sentence")
        return None

    def dateline_place(self) -> Place | None:
        if self._dateline is False:
            self._dateline = None
            dl = (self.item.document.dateline or "").strip()
            if dl:
                city = dl.split(",")[0].split("(")[0].strip()
                name = city.title() if city.isupper() else city
                text = name + dl[len(city):] if "," in dl else name
                g = resolve_places([GeoMention(0, len(name), name)], text)[0]
                if g is not None:
                    self._dateline = replace(g, source="dateline")
        return self._dateline

    def place_for(self, sentence, status: str, date, published: dt.date | None) -> Place | None:
        p = self.sentence_place(sentence)
        if p is not None:
            return p
        if status != "occurred" or published is None:
            return None
        if date is None or not date.end_date:
            return None     # an undated act ("the invasion") may have happened anywhere
        try:
            end = dt.date.fromisoformat(date.end_date[:10])
        except ValueError:
            return None
        if not (0 <= (published - end).days <= DATELINE_DAYS):
            return None
        dl = self.dateline_place()
        if dl is None:
            return None
        for a in self.item.actors:      # "invading Ukraine": the act is where that country is
            if a.kind == "country" and a.country and a.country != dl.country and any(
                    sentence.start <= m.start < sentence.end for m in a.mentions):
                return None
        return dl
