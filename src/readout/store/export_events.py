"""Event rows → GDELT 2.0, ICEWS and PLOVER records.

Each mapping takes rows of the store's `events` table (dicts; `event_rows(document)` gives
the same rows for a Document) and, optionally, the store — or the Document itself — for
what a row lacks (actor sectors, the time expression a date came from, mention spans).
Column lists are package data (knowledge/events/*_columns.tsv, from the GDELT Event
Codebook V2.0 and the ICEWS event files). Fields readout does not produce (tone, religion,
ethnicity, ADM2) are left empty. GDELT's geography columns use FIPS 10-4 country codes:
ActionGeo_CountryCode is the place's ISO 3166 alpha-3 code translated with
knowledge/events/iso3_fips.tsv (empty when FIPS has none); the Actor*CountryCode columns keep
the CAMEO (ISO alpha-3) codes, as GDELT does. The geo columns come from the event's geocoded
place (readout.geo): type (1 country, 2 US state, 3 US city, 4 world city or point, 5 world
region or first-level division), full name ("Springfield, Illinois, United States"), ADM1
(FIPS country + GeoNames admin1 code, e.g. USIL), latitude, longitude and feature id (the
GeoNames id; a country's FIPS code, as GDELT writes). Actor1Geo/Actor2Geo: the action's
place when the actor belongs to its country, else the actor's country.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Iterable

from ..events.lexicon import read_events_tsv
from ..knowledge import data_dir


@lru_cache(maxsize=4)
def _columns(name: str) -> list[str]:
    return [row[1] for row in read_events_tsv(name)]


@lru_cache(maxsize=1)
def _fips_codes() -> dict[str, str]:
    """ISO 3166 alpha-3 → FIPS 10-4 (knowledge/events/iso3_fips.tsv)."""
    out = {}
    with open(data_dir() / "events" / "iso3_fips.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "iso3\t")) or not line.strip():
                continue
            iso3, fips = line.split("\t")[:2]
            out[iso3] = fips
    return out


def fips_code(iso3: str | None) -> str | None:
    """The FIPS 10-4 code GDELT writes for a country (None when there is none)."""
    return _fips_codes().get(iso3 or "")


def gdelt_columns() -> list[str]:
    """The 61 columns of the GDELT 2.0 event export, in order."""
    return _columns("gdelt2_event_columns.tsv")


def icews_columns() -> list[str]:
    """The columns of an ICEWS event file, in order."""
    return _columns("icews_event_columns.tsv")


def event_rows(document) -> list[dict]:
    """The `events` table rows of one Document (what the store would hold)."""
    from .schema import document_rows
    return document_rows(document)["events"]


# ---------------------------------------------------------------- helpers

def _event_date(row: dict) -> dt.date | None:
    for key in ("date_start", "published"):
        v = row.get(key)
        if v:
            try:
                return dt.date.fromisoformat(str(v)[:10])
            except ValueError:
                continue
    return None


def _global_id(event_id: str) -> int:
    """A stable integer id from readout's hex event id (GDELT ids are integers)."""
    return int(event_id[:15], 16)


def _lookup(store, sql: str, ids: list[str]) -> list[dict]:
    if store is None or not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    try:
        return store.query(sql.format(marks=marks), ids)
    except Exception:   # a store without that table: export what the rows have
        return []


def _is_document(src) -> bool:
    return hasattr(src, "actors") and hasattr(src, "times")


def _actor_info(store, rows: list[dict]) -> dict[str, dict]:
    if _is_document(store):
        return {a.id: {"id": a.id, "sector": a.sector, "kind": a.kind, "name": a.name,
                       "country": a.country, "code": a.code} for a in store.actors}
    ids = sorted({r[k] for r in rows for k in ("source", "target") if r.get(k)})
    return {a["id"]: a for a in _lookup(store, "SELECT id, sector, kind, name, country, code "
                                               "FROM actors WHERE id IN ({marks})", ids)}


def _sector(row: dict, side: str, actor: dict) -> str | None:
    """The actor's sector, else the agent part of its CAMEO code ("RUSGOV" → "GOV")."""
    if actor.get("sector"):
        return actor["sector"]
    code, country = row.get(f"{side}_code") or "", row.get(f"{side}_country") or ""
    if country and code.startswith(country) and len(code) >= len(country) + 3:
        return code[len(country):len(country) + 3]
    return None


@lru_cache(maxsize=512)
def _country_name(code: str | None) -> str | None:
    if not code:
        return None
    try:
        from ..actors.knowledge import knowledge
        return knowledge().country_name(code) or code
    except Exception:
        return code


@lru_cache(maxsize=1)
def _cameo_names() -> dict[str, tuple[str, int, str]]:
    """code → (name, CAMEO quad class, PLOVER context)."""
    from ..events.lexicon import code_table
    return {c: (i.name, i.cameo_quad, i.context) for c, i in code_table().items()}


def _cameo_quad(code: str | None) -> int | None:
    info = _cameo_names().get(code or "")
    if info is None and code:
        info = _cameo_names().get(code[:2])
    return info[1] if info else None


# ---------------------------------------------------------------- geography

def _place_of_row(r: dict) -> dict | None:
    """The event row's place as a dict of Place fields (None without coordinates)."""
    if r.get("place_lat") is None:
        return None
    return {k: r.get("place_" + k) for k in ("name", "country", "geonames_id", "feature", "admin1",
                                              "lat", "lon", "precision", "gazetteer_name")}


@lru_cache(maxsize=512)
def _country_geo(iso3: str) -> dict | None:
    try:
        from ..geo import country_place
        p = country_place(iso3)
    except Exception:   # no gazetteer: leave the columns empty
        return None
    return p.to_dict() if p else None


@lru_cache(maxsize=64)
def _admin1_name(country: str, admin1: str) -> str | None:
    if country != "USA" or not admin1:
        return None
    from ..geo import gazetteer
    e = gazetteer().us_state(admin1)
    return e.name if e else None


def _full_name(p: dict) -> str:
    country = _country_name(p.get("country")) if p.get("country") else None
    if p.get("precision") == "country":
        return country or p.get("gazetteer_name") or p.get("name")
    parts = [p.get("gazetteer_name") or p.get("name")]
    state = _admin1_name(p.get("country") or "", p.get("admin1") or "")
    if state and state != parts[0]:
        parts.append(state)
    if country and country != parts[0]:
        parts.append(country)
    return ", ".join(parts)


def _gdelt_type(p: dict) -> int:
    prec, us = p.get("precision"), p.get("country") == "USA"
    if prec == "country":
        return 1
    if prec == "admin1":
        return 2 if us else 5
    if prec == "city":
        return 3 if us else 4
    return 5 if prec == "region" else 4


def _gdelt_geo(rec: dict, prefix: str, p: dict | None) -> None:
    if not p:
        return
    fips = fips_code(p.get("country"))
    rec[f"{prefix}_Type"] = _gdelt_type(p)
    rec[f"{prefix}_FullName"] = _full_name(p)
    rec[f"{prefix}_CountryCode"] = fips
    if fips:
        rec[f"{prefix}_ADM1Code"] = fips + (p.get("admin1") or "") if p.get("precision") != "country" \
            and p.get("admin1") and len(p.get("admin1")) <= 3 else fips
    rec[f"{prefix}_Lat"] = p.get("lat")
    rec[f"{prefix}_Long"] = p.get("lon")
    rec[f"{prefix}_FeatureID"] = (fips or p.get("country")) if p.get("precision") == "country" \
        else (p.get("geonames_id") or None)


def _actor_geo(place: dict | None, country: str | None) -> dict | None:
    """Where an actor is: the action's place if it is in the actor's country, else its country."""
    if place and country and place.get("country") == country:
        return place
    return _country_geo(country) if country and len(country) == 3 else None


# ---------------------------------------------------------------- GDELT 2.0

def gdelt_rows(store, rows: Iterable[dict]) -> list[dict]:
    """GDELT 2.0 event-export rows (keyed by column name) for event rows."""
    rows = list(rows)
    actors = _actor_info(store, rows)
    out = []
    for r in rows:
        day = _event_date(r)
        rec: dict = dict.fromkeys(gdelt_columns())
        rec["GlobalEventID"] = _global_id(r["id"])
        if day:
            rec["Day"] = day.strftime("%Y%m%d")
            rec["MonthYear"] = day.strftime("%Y%m")
            rec["Year"] = day.year
            rec["FractionDate"] = round(day.year + (day.timetuple().tm_yday - 1) / 365.0, 4)
        for n, side in ((1, "source"), (2, "target")):
            if not r.get(side):
                continue
            a = actors.get(r[side], {})
            rec[f"Actor{n}Code"] = r.get(f"{side}_code") or a.get("code")
            rec[f"Actor{n}Name"] = (r.get(f"{side}_name") or a.get("name") or "").upper() or None
            rec[f"Actor{n}CountryCode"] = r.get(f"{side}_country") or a.get("country")
            rec[f"Actor{n}Type1Code"] = _sector(r, side, a)
        rec["IsRootEvent"] = 1 if (r.get("sentence") or 0) == 0 else 0
        code = r.get("cameo") or ""
        rec["EventCode"] = code
        rec["EventBaseCode"] = code[:3]
        rec["EventRootCode"] = code[:2]
        rec["QuadClass"] = _cameo_quad(code)
        rec["GoldsteinScale"] = r.get("goldstein")
        rec["NumMentions"] = rec["NumSources"] = rec["NumArticles"] = 1
        place = _place_of_row(r)
        if place:
            _gdelt_geo(rec, "ActionGeo", place)
        elif r.get("place_name"):
            rec["ActionGeo_Type"] = 1 if r.get("place_name") == _country_name(r.get("place_country")) else 4
            rec["ActionGeo_FullName"] = r.get("place_name")
            rec["ActionGeo_CountryCode"] = fips_code(r.get("place_country"))
        for n, side in ((1, "source"), (2, "target")):
            if r.get(side) and rec.get(f"Actor{n}CountryCode"):
                _gdelt_geo(rec, f"Actor{n}Geo", _actor_geo(place, rec[f"Actor{n}CountryCode"]))
        pub = r.get("published")
        if pub:
            rec["DATEADDED"] = str(pub)[:10].replace("-", "") + "000000"
        rec["SOURCEURL"] = r.get("url")
        out.append(rec)
    return out


# ---------------------------------------------------------------- ICEWS

def icews_rows(store, rows: Iterable[dict]) -> list[dict]:
    """ICEWS event-file rows (keyed by column name) for event rows."""
    rows = list(rows)
    actors = _actor_info(store, rows)
    out = []
    for r in rows:
        day = _event_date(r)
        rec: dict = dict.fromkeys(icews_columns())
        rec["Event ID"] = _global_id(r["id"])
        rec["Event Date"] = day.isoformat() if day else None
        for side, label in (("source", "Source"), ("target", "Target")):
            if not r.get(side):
                continue
            a = actors.get(r[side], {})
            rec[f"{label} Name"] = r.get(f"{side}_name") or a.get("name")
            rec[f"{label} Sectors"] = _sector(r, side, a)
            rec[f"{label} Country"] = _country_name(r.get(f"{side}_country") or a.get("country"))
        code = r.get("cameo") or ""
        rec["Event Text"] = (_cameo_names().get(code) or ("",))[0] or None
        rec["CAMEO Code"] = code
        rec["Intensity"] = r.get("goldstein")
        rec["Story ID"] = r.get("article_id")
        sent = r.get("sentence")
        rec["Sentence Number"] = sent + 1 if sent is not None else None
        rec["Publisher"] = r.get("outlet")
        place = _place_of_row(r)
        if place:
            rec["Country"] = _country_name(place.get("country")) if place.get("country") else None
            prec = place.get("precision")
            name = place.get("gazetteer_name") or place.get("name")
            if prec == "city":
                rec["City"] = name
                rec["Province"] = _admin1_name(place.get("country") or "", place.get("admin1") or "")
            elif prec in ("admin1", "region"):
                rec["Province"] = name
            rec["Latitude"], rec["Longitude"] = place.get("lat"), place.get("lon")
        elif r.get("place_name"):
            country = _country_name(r.get("place_country"))
            rec["Country"] = country
            if r.get("place_name") != country:
                rec["City"] = r.get("place_name")
        out.append(rec)
    return out


# ---------------------------------------------------------------- PLOVER

def _times_by_article(store, rows: list[dict]) -> dict[str, list[dict]]:
    if _is_document(store):
        return {store.id: [{"text": t.text, "start_date": t.start_date, "end_date": t.end_date,
                            "sentence": store.sentence_index(t.start)} for t in store.times]}
    ids = sorted({r["article_id"] for r in rows if r.get("article_id")})
    out: dict[str, list[dict]] = {}
    for t in _lookup(store, "SELECT article_id, text, start_date, end_date, sentence FROM times "
                            "WHERE article_id IN ({marks})", ids):
        out.setdefault(t["article_id"], []).append(t)
    return out


def _mentions_by_actor(store, rows: list[dict]) -> dict[str, list[dict]]:
    if _is_document(store):
        return {a.id: [{"start": m.start, "end": m.end, "text": m.text} for m in a.mentions]
                for a in store.actors}
    ids = sorted({r[k] for r in rows for k in ("source", "target") if r.get(k)})
    out: dict[str, list[dict]] = {}
    for m in _lookup(store, 'SELECT actor_id, start, "end", text FROM mentions '
                            "WHERE actor_id IN ({marks})", ids):
        out.setdefault(m["actor_id"], []).append(m)
    return out


def _span(mentions: list[dict], start: int, end: int) -> dict | None:
    inside = [m for m in mentions if start <= m["start"] and m["end"] <= end]
    if not inside:
        return None
    m = min(inside, key=lambda m: m["start"])
    return {"text": m["text"], "start": m["start"], "end": m["end"]}


def _plover_location(r: dict) -> dict | None:
    """name and country; with coordinates, GeoNames id, precision and source when geocoded."""
    if not r.get("place_name"):
        return None
    loc = {"name": r.get("place_name"), "country": r.get("place_country")}
    if r.get("place_lat") is not None:
        loc.update(lat=r.get("place_lat"), lon=r.get("place_lon"), geonames_id=r.get("place_geonames_id"),
                   precision=r.get("place_precision"), source=r.get("place_source"))
    return loc


def plover_rows(store, rows: Iterable[dict]) -> list[dict]:
    """PLOVER-style JSON records: type, mode, context, event text, actor and recipient with
    their spans, raw and resolved date, status, CAMEO code and provenance."""
    rows = list(rows)
    actors = _actor_info(store, rows)
    times = _times_by_article(store, rows)
    mentions = _mentions_by_actor(store, rows)
    out = []
    for r in rows:
        code = r.get("cameo") or ""
        ctx = (_cameo_names().get(code) or ("", None, ""))[2]
        date_raw = None
        for t in times.get(r.get("article_id"), []):
            if t.get("sentence") == r.get("sentence") and t.get("start_date") == r.get("date_start") \
                    and t.get("end_date") == r.get("date_end"):
                date_raw = t.get("text")
                break

        def party(side):
            if not r.get(side):
                return None
            a = actors.get(r[side], {})
            return {"id": r[side], "name": r.get(f"{side}_name") or a.get("name"),
                    "code": r.get(f"{side}_code") or a.get("code"),
                    "country": r.get(f"{side}_country") or a.get("country"),
                    "sector": _sector(r, side, a),
                    "span": _span(mentions.get(r[side], []), r.get("start") or 0, r.get("end") or 0)}

        out.append({
            "id": r["id"],
            "event_type": r.get("type"),
            "mode": r.get("mode"),
            "context": [c for c in (ctx or "").replace(";", ",").split(",") if c],
            "event_text": r.get("evidence"),
            "trigger": r.get("trigger"),
            "actor": party("source"),
            "recipient": party("target"),
            "date_raw": date_raw,
            "date_resolved": ({"start": r.get("date_start"), "end": r.get("date_end"),
                               "precision": r.get("date_precision")} if r.get("date_start") else None),
            "status": r.get("status"),
            "location": _plover_location(r),
            "cameo": code,
            "goldstein": r.get("goldstein"),
            "quad_class": r.get("quad_class"),
            "confidence": r.get("confidence"),
            "article_id": r.get("article_id"),
            "sentence": r.get("sentence"),
            "url": r.get("url"),
            "published": r.get("published"),
        })
    return out
