"""Place mentions → one gazetteer place each, chosen with the article's context.

For each mention the candidates are the places with that name (knowledge/geo/gazetteer.bin.gz,
a trailing "province", "region", "state" … dropped when the full name is unknown, "County"
added when only a county has it: "Miami-Dade"), plus the
country a nationality word names ("Canadian"), the capital a seat of government stands in
("the White House") — both from actors/countries.tsv — and the US state an AP abbreviation
names ("Va."), and the place below a country a demonym names ("English": England;
knowledge/geo/demonyms.tsv). Each candidate is scored (weights in knowledge/geo/resolve.toml):

  - size: log10 of its population; kind: countries, first-level divisions, capitals and the
    curated regions and seas (places.tsv) above towns; a match by an alternate name below
    one by the place's own name;
  - the country the actor tables give the name (a capital, a Phoenix place);
  - an admin qualifier right after the name ("Springfield, Illinois", "Springfield, Ill.",
    "Wasilla, Alaska", "Paris, France", a county: "Croft, Yorkshire");
  - the article: the countries its actors and places name (share of sentences), the
    dateline's country and state ("SPRINGFIELD, Ill."), and the US states and countries the
    other place mentions resolve to (a first pass gives that context; the second uses it) —
    so "Georgia" beside "Atlanta" is the state and beside "Tbilisi" the country, and
    "Jefferson County" in an article datelined Birmingham, Ala. is Alabama's;
  - the article's majority country: when at least `majority_share` of the other resolved
    mentions (`majority_min` or more) lie in one country, its candidates gain `majority` ×
    that share ("Kingston" among Toronto, Ottawa and Montreal is Ontario's, though the
    article names Jamaica too);
  - nearness: a town or county within 100 km of a town or county that another mention of the
    article resolved to without doubt (first-pass lead ≥ near_margin), or of the dateline's
    town ("Victoria" datelined Vancouver is British Columbia's, "Tripoli" datelined Beirut
    Lebanon's);
  - county ties: US counties of one name scoring within `tie` of the best, none of them in a
    state the article names, go to the one nearest the centre of the article's other towns
    and counties ("Franklin County" beside Hagerstown, Md. is Pennsylvania's);
  - one sense per article: a name resolved once with a qualifier keeps that reading;
  - a national capital named as a first-level division of its own country is read as the
    capital ("Washington"; "Washington state" asks for the state), unless `division_named`
    of the article's other places lie in the division (Seattle, Tacoma … Washington).

An acronym of up to three capitals ("EU", "WA", "OAS") names a country, state or region,
never a town. A name news also writes as a common word ("Reading", "Mobile": knowledge/geo/common_words.txt;
an all-capital acronym of up to three letters such as "US" is none) and a mention that is not capitalised get a place only when the context supports it (a
qualifier, or the candidate's country named elsewhere in the article).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import data_dir, load_toml
from ..records import Place
from .gazetteer import Entry, Gazetteer, common_words, gazetteer, norm

LOCAL = frozenset(("PPL", "PPLC", "ADM2"))   # places whose point says where they are
SUFFIXES = {"province": "ADM1", "region": None, "state": "ADM1", "county": None, "city": "PPL",
            "oblast": "ADM1", "governorate": "ADM1", "district": None, "prefecture": "ADM1", "area": None}
QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][\w'’.-]*\.?)(?:\s+[A-Z][\w'’.-]*\.?){0,2})")


@dataclass(slots=True)
class GeoMention:
    """A place named in the text: its span, the surface form, and the country the actor
    tables gave it (None when they did not know it)."""
    start: int
    end: int
    text: str
    hint: str | None = None
    sentence: int = -1


@lru_cache(maxsize=1)
def weights() -> dict:
    return load_toml("geo/resolve.toml")["weights"]


@lru_cache(maxsize=1)
def us_state_codes() -> dict[str, str]:
    """norm(name | postal code | AP abbreviation) → postal code."""
    out = {}
    g = gazetteer()
    with open(data_dir() / "geo" / "us_states.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "code\t")) or not line.strip():
                continue
            code, ap = (line.rstrip("\n").split("\t") + [""])[:2]
            out[code.lower()] = code
            for a in ap.split("|"):
                if a:
                    out[norm(a)] = code
            e = g.us_state(code)
            if e is not None:
                out[norm(e.name)] = code
    return out


def county_after(text: str, end: int) -> frozenset[tuple[str, str]]:
    """{(state, county)} of the US counties a qualifier names ("Springfield, Greene County")."""
    m = QUALIFIER.match(text, end, min(len(text), end + 40))
    if not m:
        return frozenset()
    words = m.group(1).split()
    g = gazetteer()
    for n in range(len(words), 0, -1):
        out = frozenset((e.admin1, e.county) for e in (g.entry(r) for r, alt in
                        g.rows(norm(" ".join(words[:n])), normalised=True) if not alt)
                        if e.fcode == "ADM2" and e.country == "USA")
        if out:
            return out
    return frozenset()


def qualifier_after(text: str, end: int) -> tuple[str | None, str | None]:
    """("USA", "IL") for ", Illinois" / ", Ill." after a name; ("FRA", None) for ", France"."""
    m = QUALIFIER.match(text, end, min(len(text), end + 40))
    if not m:
        return None, None
    words = m.group(1).split()
    g = gazetteer()
    states = us_state_codes()
    for n in range(len(words), 0, -1):      # the longest qualifier that names something
        q = " ".join(words[:n])
        k = norm(q)
        if k in states and (len(k) > 2 or q.isupper() or q.endswith(".")):
            return "USA", states[k]
        counties = set()
        for r, alt in g.rows(k, normalised=True):
            e = g.entry(r)
            if e.fcode == "PCLI":
                return e.country, None
            if e.fcode in ("ADM1", "TERR") and not alt:
                return e.country, e.admin1 or None
            if e.fcode == "ADM2" and not alt:
                counties.add((e.country, e.admin1 or None))
        if counties:      # "Croft, Yorkshire", "Paris, Henry County": the county's country and state
            if len({c for c, _ in counties}) == 1:
                return next(iter(counties)) if len(counties) == 1 else (next(iter(counties))[0], None)
            return None, None
    return None, None


@lru_cache(maxsize=1)
def country_words() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """From actors/countries.tsv: norm(demonym) → ISO alpha-3 ("Canadian", "Canadians",
    "English" → GBR: a nationality word names its country), and norm(seat of government) →
    (ISO alpha-3, capital) ("White House" → USA, Washington: the building is in the capital)."""
    dem: dict[str, str] = {}
    seats: dict[str, tuple[str, str]] = {}
    with open(data_dir() / "actors" / "countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t") + [""] * 7
            if f[1] != "country":
                continue
            for d in f[4].split("|"):
                k = norm(d)
                if k:
                    dem.setdefault(k, f[0])
                    dem.setdefault(k + "s", f[0])
            capital = f[5].split("|")[0]
            for seat in f[6].split("|"):
                if seat and capital:
                    seats.setdefault(norm(seat), (f[0], capital))
    return dem, seats


@lru_cache(maxsize=1)
def place_demonyms() -> dict[str, tuple[str, str]]:
    """norm(demonym) → (place name, ISO3) of the places below a country a demonym names
    (knowledge/geo/demonyms.tsv: "English" → England, "Texan" → Texas)."""
    out: dict[str, tuple[str, str]] = {}
    with open(data_dir() / "geo" / "demonyms.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "demonym\t")) or not line.strip():
                continue
            words, place, iso3 = line.rstrip("\n").split("\t")[:3]
            for d in words.split("|"):
                out.setdefault(norm(d), (place, iso3))
                out.setdefault(norm(d) + "s", (place, iso3))
    return out


def candidates(g: Gazetteer, text: str) -> list[tuple[Entry, bool]]:
    out = _candidates(g, text)
    key = norm(text)
    dem, seats = country_words()
    extra: list[Entry] = []
    local = place_demonyms().get(key)
    if local:                                 # "English": England, not the United Kingdom
        place, iso3 = local
        extra.append(max((e for e, alt in _candidates(g, place) if e.country == iso3 and not alt
                          and e.fcode not in ("PPL", "PPLC")), key=lambda e: e.population, default=None))
    elif key in dem:                          # "Canadian": Canada, beside any town so named
        extra.append(g.country_entry(dem[key]))
    if key in seats:                          # "the Kremlin": Moscow
        iso3, capital = seats[key]
        extra.extend(e for e, alt in _candidates(g, capital) if e.country == iso3 and e.fcode == "PPLC")
    if text.endswith(".") and len(key) > 1:   # "Va.", "Mont.": the AP abbreviation of a US state
        code = us_state_codes().get(key)
        extra.append(g.us_state(code) if code else None)
    rows = {c.row for c, _ in out}
    for e in extra:
        if e is not None and e.row not in rows:
            out.append((e, True))
            rows.add(e.row)
    return out


def _candidates(g: Gazetteer, text: str) -> list[tuple[Entry, bool]]:
    key = norm(text)
    rows = g.rows(key, normalised=True)
    want = None
    if not rows:
        words = key.split()
        if len(words) > 1 and words[-1] in SUFFIXES:
            want = SUFFIXES[words[-1]]
            rows = g.rows(" ".join(words[:-1]), normalised=True)
        elif key.endswith(" s"):
            rows = g.rows(key[:-2], normalised=True)   # "Ohio's"
        if not rows and want is None:                  # "Miami-Dade": the county without the word
            rows = g.rows(key + " county", normalised=True)
            want = "ADM2"
    out = [(g.entry(r), alt) for r, alt in rows]
    if want:
        out = [c for c in out if c[0].fcode.startswith(want)] or out
    return out


class Context:
    """What the article says about where it is: countries (sentence counts) and US states."""

    def __init__(self, countries: Counter | None = None, dateline: str | None = None):
        self.countries = Counter(countries or ())
        self.total = sum(self.countries.values())
        self.top = self.countries.most_common(1)[0][0] if self.countries else None
        self.dateline = dateline
        self.admin1: Counter = Counter()
        self.resolved_countries: Counter = Counter()
        self.points: list[tuple[float, float]] = []   # the other mentions' towns and counties
        self.all_points: list[tuple[float, float]] = []   # … sure or not (for county ties)
        self.counties: Counter = Counter()             # (state, county) of the US counties they name
        self.resolved_total = 0                        # the other mentions resolved to a country

    def majority(self, country: str, w: dict) -> float:
        """The share of the other mentions in `country` when it is the article's majority
        (at least majority_share of majority_min or more resolved mentions), else 0."""
        if self.resolved_total < w["majority_min"]:
            return 0.0
        sh = self.resolved_countries[country] / self.resolved_total
        return sh if sh >= w["majority_share"] else 0.0

    def near(self, e: Entry, radius_km: float) -> bool:
        """Whether a town or county of the other mentions lies within `radius_km` of `e`."""
        if not self.points or e.fcode not in LOCAL:
            return False
        dlat = radius_km / 111.0
        k = math.cos(math.radians(e.lat))
        for lat, lon in self.points:
            if abs(lat - e.lat) <= dlat and ((lat - e.lat) ** 2 + ((lon - e.lon) * k) ** 2) * 12321.0 \
                    <= radius_km * radius_km:
                return True
        return False

    def distance(self, e: Entry) -> float:
        """Squared distance (degrees, longitude scaled) from `e` to the centre of the other
        mentions' towns and counties (their median latitude and longitude)."""
        lats, lons = sorted(p[0] for p in self.all_points), sorted(p[1] for p in self.all_points)
        clat, clon = lats[len(lats) // 2], lons[len(lons) // 2]
        k = math.cos(math.radians(clat))
        return (clat - e.lat) ** 2 + ((clon - e.lon) * k) ** 2

    def share(self, country: str) -> float:
        return self.countries[country] / self.total if self.total else 0.0


def score(e: Entry, alt: bool, m: GeoMention, q: tuple, cx: Context, w: dict) -> float:
    s = math.log10(e.population + 100) * w["population"]
    s += w["kind"]["ADM1_geonames"] if e.source == "g" else w["kind"].get(e.fcode, w["kind"]["other"])
    if alt:
        s += w["alternate"]
    if m.hint and e.country == m.hint:
        s += w["hint"]
    qc, qa = q
    if qc:
        if e.country == qc and (qa is None or e.admin1 == qa):
            s += w["qualifier"]
        else:
            s += w["qualifier_mismatch"]
    if e.country:
        s += w["article_share"] * cx.share(e.country)
        if e.country == cx.top:
            s += w["article_top"]
        if cx.dateline and e.country == cx.dateline:
            s += w["dateline"]
        if cx.resolved_countries[e.country]:
            s += w["other_places_country"]
            if w["majority"]:
                s += w["majority"] * cx.majority(e.country, w)   # most of the article is there
        if e.admin1 and cx.admin1[(e.country, e.admin1)] and e.fcode != "PCLI":
            s += w["other_places_admin1"]     # a town in a state named, or a state a town is in
        if e.county and e.fcode != "ADM2" and cx.counties[(e.admin1, e.county)]:
            s += w["other_places_county"]     # a US town in a county the article names
    if cx.points and w["near"] and cx.near(e, w["near_km"]):
        s += w["near"]                        # a town or county the article surely names is close by
    return s


def supported(e: Entry, q: tuple, cx: Context) -> bool:
    """Whether anything beside the name itself points at this place's country."""
    return bool(q[0] and e.country == q[0] or cx.countries[e.country] or cx.resolved_countries[e.country]
                or cx.dateline and e.country == cx.dateline)


def place_of(e: Entry, name: str) -> Place:
    return Place(name=name, country=e.country or None, geonames_id=e.geonameid or None,
                 feature=e.fcode, admin1=e.admin1 or None, lat=e.lat, lon=e.lon,
                 precision=e.precision, gazetteer_name=e.name)


QUALIFIER_KINDS = frozenset(("PCLI", "ADM1", "TERR", "ADM2"))


def qualifying(mentions: list[GeoMention], text: str) -> dict[int, tuple]:
    """Mention index → (country, admin1) for a mention that qualifies the one before it
    ("Tacoma, Washington" as two spans: "Washington" is the state that ", Washington" named)."""
    out = {}
    for i in range(1, len(mentions)):
        a, b = mentions[i - 1], mentions[i]
        if a.end <= b.start and text[a.end:b.start].strip() == ",":
            q = qualifier_after(text, a.end)
            if q[0]:
                out[i] = q
    return out


def _pick(m: GeoMention, text: str, cx: Context, w: dict, g: Gazetteer, named: tuple | None = None):
    surface = m.text
    q = qualifier_after(text, m.end)
    if ", " in surface and q == (None, None):       # "Springfield, Illinois" as one span
        head, _, tail = surface.partition(", ")
        q = qualifier_after(", " + tail, 0)
        if q[0]:
            surface = head
    cands = candidates(g, surface)
    if text[m.end:m.end + 1] == "." and not surface.endswith(".") and len(surface) <= 5:
        # "Calif" + "." as two tokens: the AP abbreviation the span stops short of
        rows = {c.row for c, _ in cands}
        cands += [c for c in candidates(g, surface + ".") if c[0].row not in rows]
    bare = surface[4:] if surface[:4].lower() == "the " else surface
    acronym = bare.replace(".", "").isupper() and len(bare.replace(".", "")) <= 3   # "US", "U.S."
    if acronym:       # "EU", "WA", "OAS": an acronym names a country, state or region, not a town
        cands = [c for c in cands if c[0].fcode not in ("PPL", "PPLC")]
    if named:         # the qualifier of the mention before: the state or country it named
        qc, qa = named
        cands = [c for c in cands if c[0].fcode in QUALIFIER_KINDS and c[0].country == qc
                 and (qa is None or c[0].admin1 == qa or c[0].fcode == "PCLI")] or cands
    if not cands:
        return None, q, 0.0
    scored = [(score(e, alt, m, q, cx, w), e) for e, alt in cands]
    if q[0] == "USA":       # "Springfield, Greene County": the towns in a county of that name
        named_counties = county_after(text, m.end)
        if named_counties:
            scored = [(sc + w["qualifier_county"] if (e.admin1, e.county) in named_counties
                       and e.fcode != "ADM2" else sc, e) for sc, e in scored]
    if len(cands) > 1:
        # a national capital named as a first-level division of its own country is read as
        # the capital ("Washington"): news names the seat of government far more often
        divisions = {e.country for e, alt in cands if e.fcode == "ADM1" and not alt
                     and cx.admin1[(e.country, e.admin1)] < w["division_named"]}
        scored = [(sc + w["capital_over_division"] if e.fcode == "PPLC" and e.country in divisions else sc, e)
                  for sc, e in scored]
    scored.sort(key=lambda x: -x[0])
    if w["tie"] and cx.all_points and len(scored) > 1 and scored[0][1].fcode == "ADM2" \
            and cx.admin1[(scored[0][1].country, scored[0][1].admin1)] <= 0:
        # counties within `tie` of the best, none in a state the article names: the one nearest the places
        # the article surely names ("Jefferson County" beside Birmingham)
        ties = [(sc, e) for sc, e in scored if e.fcode == scored[0][1].fcode and scored[0][0] - sc <= w["tie"]]
        if len(ties) > 1:
            scored.remove(near_first := min(ties, key=lambda t: cx.distance(t[1])))
            scored.insert(0, near_first)
    best = scored[0][1]
    key = norm(surface)
    cautious = not bare[:1].isupper() or (key in common_words() and not acronym)
    if cautious and not m.hint and not supported(best, q, cx):
        return None, q, 0.0
    if scored[0][0] < w["min_score"] and not m.hint and not supported(best, q, cx):
        return None, q, 0.0
    return best, q, (scored[0][0] - scored[1][0] if len(scored) > 1 else math.inf) if not q[0] else math.inf


def resolve_places(mentions: list[GeoMention], text: str, countries: Counter | None = None,
                   dateline: str | None = None) -> list[Place | None]:
    """One place (or None) per mention, in order."""
    g = gazetteer()
    w = weights()
    dl_country = dl_admin1 = None
    dl_points: list[tuple[float, float]] = []   # the dateline's town: a place the article surely names
    if dateline:
        head, _, tail = dateline.partition(",")
        qc, qa = qualifier_after(", " + tail.strip(), 0) if tail.strip() else (None, None)
        hits = [c for c in candidates(g, head.strip().title())
                if (qc is None or c[0].country == qc) and (qa is None or c[0].admin1 == qa)]
        if hits:
            e = max(hits, key=lambda c: (c[0].population - (10**9 if c[1] else 0)))[0]
            dl_country, dl_admin1 = e.country, e.admin1 or None
            if e.fcode in LOCAL and w["dateline_near"]:
                dl_points.append((e.lat, e.lon))
        else:
            dl_country, dl_admin1 = qc, qa
    cx = Context(countries, dl_country)
    cx.points, cx.all_points = list(dl_points), list(dl_points)
    if dl_country and dl_admin1:     # "SPRINGFIELD, Ill.": the state is the article's, as a place named
        cx.admin1[(dl_country, dl_admin1)] += 1
    named = qualifying(mentions, text)
    picks = [_pick(m, text, cx, w, g, named.get(i)) for i, m in enumerate(mentions)]
    # second pass: what the other mentions resolved to is context for each
    for m, (e, q, _) in zip(mentions, picks):
        if e is not None and e.country:
            cx.resolved_countries[e.country] += 1
            if e.admin1:
                cx.admin1[(e.country, e.admin1)] += 1
            if e.fcode == "ADM2" and e.county:
                cx.counties[(e.admin1, e.county)] += 1
    sense: dict[str, Entry] = {}
    for m, (e, q, _) in zip(mentions, picks):
        if q[0] and e is not None:
            sense[norm(m.text)] = e
    same: dict[str, list] = {}
    for m, (e0, _, _) in zip(mentions, picks):
        same.setdefault(norm(m.text), []).append(e0)
    points: dict[str, list[tuple[float, float]]] = {}
    all_points: dict[str, list[tuple[float, float]]] = {}
    for m, (x, _, _) in zip(mentions, picks):
        if x is not None and x.fcode in LOCAL:
            all_points.setdefault(norm(m.text), []).append((x.lat, x.lon))
    for m, (x, _, margin) in zip(mentions, picks):   # the readings the first pass was sure of
        if x is not None and x.fcode in LOCAL and margin >= w["near_margin"]:
            points.setdefault(norm(m.text), []).append((x.lat, x.lon))
    chosen: list[Entry | None] = []
    for i, (m, (e0, _, _)) in enumerate(zip(mentions, picks)):
        key = norm(m.text)
        cx.points = dl_points + [pt for k, pts in points.items() if k != key for pt in pts]
        cx.all_points = dl_points + [pt for k, pts in all_points.items() if k != key for pt in pts]
        own = [x for x in same[key] if x is not None]
        for x in own:        # the name's own readings say nothing about it
            cx.resolved_countries[x.country] -= 1
            if x.admin1:
                cx.admin1[(x.country, x.admin1)] -= 1
            if x.fcode == "ADM2" and x.county:
                cx.counties[(x.admin1, x.county)] -= 1
        cx.resolved_total = sum(v for v in cx.resolved_countries.values() if v > 0)
        e, _, _ = _pick(m, text, cx, w, g, named.get(i))
        for x in own:
            cx.resolved_countries[x.country] += 1
            if x.admin1:
                cx.admin1[(x.country, x.admin1)] += 1
            if x.fcode == "ADM2" and x.county:
                cx.counties[(x.admin1, x.county)] += 1
        chosen.append(sense.get(norm(m.text), e))
    # a US county named beside a town of a county so named is that town's ("Greene County …
    # Springfield": Missouri's, where Springfield is, not Illinois')
    in_county = {(e.admin1, e.county) for e in chosen if e is not None and e.fcode != "ADM2" and e.county}
    for i, (m, e) in enumerate(zip(mentions, chosen)):
        if e is not None and e.fcode == "ADM2" and e.country == "USA" and (e.admin1, e.county) not in in_county:
            alt = [c for c, _ in candidates(g, m.text) if c.fcode == "ADM2" and (c.admin1, c.county) in in_county]
            if alt:
                chosen[i] = max(alt, key=lambda c: c.population)
    return [place_of(e, m.text) if e is not None else None for m, e in zip(mentions, chosen)]


@lru_cache(maxsize=512)
def _country_place(iso3: str) -> Place | None:
    e = gazetteer().country_entry(iso3)
    return place_of(e, e.name) if e is not None else None


def country_place(iso3: str | None) -> Place | None:
    """The country-level place of an ISO alpha-3 code (a fresh record each call)."""
    p = _country_place(iso3) if iso3 else None
    return Place(**{f: getattr(p, f) for f in p.__dataclass_fields__}) if p else None


def geocode_text(name: str, context: str = "", countries: Counter | None = None) -> Place | None:
    """One name, optionally with the text that follows it (", Illinois") — for the API."""
    text = name + context
    return resolve_places([GeoMention(0, len(name), name)], text, countries)[0]
