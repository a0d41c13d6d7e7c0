"""Toponym resolution on public geoparsing sets: accuracy within 161 km and country accuracy.

usage: python eval/eval_geo.py [--gwn GWN.xml] [--lgl lgl.xml] [--trnews TR-News.xml] [--geovirus GeoVirus.xml]

Data: milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation @ 6947d46 (GPL-3.0 repository;
evaluation only, nothing is copied into the package): `data/Corpora/lgl.xml` (LGL, Lieberman
et al. 2010: 588 local US news articles, 5,088 toponyms with GeoNames places) and
`data/GWN.xml` (GeoWebNews, Gritta et al. 2019), and two more held-out sets from the same
commit: `data/Corpora/TR-News.xml` (TR-News, Kamalloo & Rafiei 2018: 118 global and local
news articles, 1,319 toponyms, LGL's XML with GeoNames places; 43 of the 1,275 with a point
whose span is more than three characters off or does not match are skipped, the others
re-aligned by `align`) and `data/Corpora/GeoVirus.xml` (GeoVirus, Gritta et al. 2018: 229
WikiNews articles on disease outbreaks — WikiNews text CC BY 2.5 — 2,170 locations with a
Wikipedia point and page, no GeoNames id or country: scored by distance alone, no country
column). Get them with `git show HEAD:data/Corpora/lgl.xml > lgl.xml` in a clone (the
`fetch` mirror of the repository will do).

The task is resolution with the gold spans (as the LGL/GWN geocoding papers report it): all
gold toponyms of an article go to `readout.geo.resolve_places` together (so each is the
others' context), with no other context. Scored: a mention counts as "in the gazetteer"
when its name has at least one candidate; accuracy@161km = resolved to the gold GeoNames place
(same id) or within 161 km of the gold point ("points only": the distance alone — the
gazetteer's country points are centroids of the Natural Earth outline, not GeoNames' points,
so a right country can be 200–700 km from the gold point); country = the resolved country equals the gold one (LGL names it; GWN gives a GeoNames
id, read through the gazetteer, and mentions whose gold id it lacks have no country score).
GeoWebNews was used to set the weights (knowledge/geo/resolve.toml); LGL, TR-News and
GeoVirus are held out (their errors are not read; LGL was run twice in the last round, before
and after it).
"""
from __future__ import annotations

import argparse
import math
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from readout.geo import GeoMention, gazetteer, resolve_places  # noqa: E402
from readout.geo.resolve import candidates  # noqa: E402


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def country_code(name: str | None) -> str | None:
    if not name:
        return None
    for e in gazetteer().lookup(name):
        if e.fcode == "PCLI":
            return e.country
    return None


def align(text: str, start: int, end: int, name: str, slack: int = 3) -> tuple[int, int] | None:
    """The span of `name` nearest the given offsets (TR-News and GeoVirus are off by one here
    and there), or None when it is not within `slack` characters."""
    if text[start:end] == name:
        return start, end
    for d in range(1, slack + 1):
        for s in (start - d, start + d):
            if s >= 0 and text[s:s + len(name)] == name:
                return s, s + len(name)
    return None


def load_lgl(path: Path):
    """LGL and TR-News (the same XML: toponym/phrase, start, end, gaztag with a GeoNames id)."""
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            if g is None or g.findtext("lat") is None:
                continue
            span = align(text, int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "")
            if span is None:
                continue
            gid = g.get("geonameid")
            gold.append((*span, t.findtext("phrase"),
                         float(g.findtext("lat")), float(g.findtext("lon")), country_code(g.findtext("country")),
                         int(gid) if gid and gid.isdigit() else None))
        yield text, gold


def load_gwn(path: Path):
    g = gazetteer()
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            if t.findtext("nonLocational") == "Yes" or not t.findtext("latitude"):
                continue
            gid = t.findtext("geonamesID")
            e = g.by_id(int(gid)) if gid and gid.isdigit() else None
            gold.append((int(t.findtext("start")), int(t.findtext("end")), t.findtext("extractedName"),
                         float(t.findtext("latitude")), float(t.findtext("longitude")), e.country if e else None,
                         int(gid) if gid and gid.isdigit() else None))
        yield text, gold


def load_geovirus(path: Path):
    """GeoVirus: location/name, start, end, lat, lon (Wikipedia's point), no GeoNames id or
    country, so it is scored by distance alone."""
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("location"):
            if t.findtext("lat") is None:
                continue
            span = align(text, int(t.findtext("start")), int(t.findtext("end")), t.findtext("name") or "")
            if span is None:
                continue
            gold.append((*span, t.findtext("name"), float(t.findtext("lat")), float(t.findtext("lon")),
                         None, None))
        yield text, gold


def score(articles) -> dict:
    n = n_in = hit = hit_in = coord_in = cn = chit = 0
    spent = 0.0
    for text, gold in articles:
        if not gold:
            continue
        ms = [GeoMention(s, e, name) for s, e, name, *_ in gold]
        t0 = time.perf_counter()
        got = resolve_places(ms, text)
        spent += time.perf_counter() - t0
        for (s, e, name, lat, lon, country, gid), p in zip(gold, got):
            n += 1
            known = bool(candidates(gazetteer(), name))
            n_in += known
            near = p is not None and km(p.lat, p.lon, lat, lon) <= 161
            # the gold's own GeoNames place counts wherever each side puts its point (the
            # gazetteer's country points are polygon centroids, GeoNames' are its own)
            ok = near or (p is not None and gid is not None and p.geonames_id == gid)
            hit += ok
            hit_in += ok and known
            coord_in += near and known
            if known and country:
                cn += 1
                chit += p is not None and p.country == country
    return {"toponyms": n, "in_gazetteer": n_in, "acc161_all": hit / max(n, 1),
            "acc161_in_gazetteer": hit_in / max(n_in, 1), "coord161_in_gazetteer": coord_in / max(n_in, 1),
            "country_in_gazetteer": chit / max(cn, 1),
            "country_scored": cn, "ms_per_toponym": 1000 * spent / max(n, 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lgl", type=Path)
    ap.add_argument("--gwn", type=Path)
    ap.add_argument("--trnews", type=Path)
    ap.add_argument("--geovirus", type=Path)
    args = ap.parse_args(argv)
    gazetteer()
    print("| set | toponyms | in gazetteer | acc@161 km (all) | acc@161 km (in gazetteer) | "
          "points only (in gazetteer) | country (in gazetteer) | ms / toponym |")
    print("|---|---|---|---|---|---|---|---|")
    for name, path, loader in (("GeoWebNews (dev)", args.gwn, load_gwn), ("LGL (held out)", args.lgl, load_lgl),
                               ("TR-News (held out)", args.trnews, load_lgl),
                               ("GeoVirus (held out)", args.geovirus, load_geovirus)):
        if path is None:
            continue
        r = score(loader(path))
        print(f"| {name} | {r['toponyms']} | {r['in_gazetteer']} | {r['acc161_all']:.3f} | "
              f"{r['acc161_in_gazetteer']:.3f} | {r['coord161_in_gazetteer']:.3f} | "
              + (f"{r['country_in_gazetteer']:.3f} ({r['country_scored']})" if r['country_scored'] else "–")
              + " | "
              f"{r['ms_per_toponym']:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
