#!/usr/bin/env python3
"""Write actor_cases.tsv: mention strings as news writes them, drawn from the public data.

Reads the raw inputs, never the compiled actors.json: the EveryPolitician term CSVs and the
Party Facts parties (../shared/data/actors/datasets/, see knowledge/actors/SOURCES.md), the
hand tables countries.tsv, leaders.tsv, institutions.tsv and organisations.tsv (public
record), and the Phoenix armed-group file. Deterministic (fixed seed); each case gets a split:
`dev` (tuned on) or `heldout` (a third, by a hash of the mention; never looked at case by case
while tuning).

    python tests/actors/data/make_cases.py
"""
from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
KNOW = REPO / "src" / "readout" / "knowledge" / "actors"
DATASETS = REPO.parent / "shared" / "data" / "actors" / "datasets"
OUT = HERE / "actor_cases.tsv"
COLUMNS = ["text", "date", "context", "country", "sector", "kind", "category", "split", "source"]


def rows(path: Path, n: int):
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            c = line.split("\t")
            yield (c + [""] * n)[:n]


def latin(s: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in s)


def clean(s: str) -> str:
    """A party's name as news writes it: no bracketed glosses, quotes or leading article."""
    s = re.sub(r"\s*[\(\[][^\)\]]*[\)\]]", "", s or "").replace('"', "")
    return re.sub(r"^(The|the)\s+", "", " ".join(s.split())).strip()


def split_of(text: str, date: str) -> str:
    return "heldout" if int(hashlib.sha1(f"{text}|{date}".encode()).hexdigest(), 16) % 3 == 0 else "dev"


def main() -> int:
    rng = random.Random(14)
    countries = {}
    for code, kind, name, aliases, demonyms, capitals, seats in rows(KNOW / "countries.tsv", 7):
        if kind == "country":
            countries[code] = (name, (demonyms.split("|") or [name])[0] or name,
                               [c for c in capitals.split("|") if c])
    by_name = {}
    for code, (name, _, _) in countries.items():
        by_name[name.lower()] = code
    for code, kind, name, aliases, *_ in rows(KNOW / "countries.tsv", 7):
        for a in [name, *aliases.split("|")]:
            if a:
                by_name.setdefault(a.lower(), code)
    cases: list[dict] = []

    def add(text, country, sector, kind, category, source, date="", context=""):
        cases.append(dict(text=text, date=date, context=context, country=country or "",
                          sector=sector or "", kind=kind, category=category,
                          split=split_of(text, date), source=source))

    # 1. legislators with dated terms (EveryPolitician)
    ep = DATASETS / "everypolitician"
    index = json.loads((ep / "countries.json").read_text("utf-8"))
    templates = ["{name}", "{dem} lawmaker {name}", "{name}, a member of {cname}'s parliament",
                 "{dem} MP {name}", "opposition legislator {name}", "{name}"]
    for c in index:
        code = by_name.get(c["country"].lower()) or by_name.get(c["name"].lower())
        if code not in countries:
            continue
        cname, dem, _ = countries[code]
        leg = c["legislatures"][0]
        per = sorted(leg["legislative_periods"], key=lambda p: p.get("start_date", ""))[-1]
        f = ep / per["csv"]
        if not f.exists():
            continue
        with open(f, encoding="utf-8", newline="") as fh:
            people = [r for r in csv.DictReader(fh)
                      if len(r["name"].split()) >= 2 and not re.search(r"[A-Z]{2,}|\(|Hon|Dr", r["name"])
                      and not r.get("end_date") and latin(r["name"]) and "," not in r["name"]
                      and not re.search(r"\b(Mr|Mrs|Ms|Lady|Lord|Sir|Ratu|Haji|Awang|M\.P)\b", r["name"])]
        if not people:
            continue
        r = rng.choice(people)
        m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", r.get("start_date") or per.get("start_date") or "2014")
        start = f"{m.group(1)}-{m.group(2) or '01'}-{m.group(3) or '01'}" if m else "2014-01-01"
        import datetime as dt
        d0 = dt.date.fromisoformat(start) + dt.timedelta(days=rng.randint(20, 300))
        date = min(d0, dt.date(2016, 6, 30)).isoformat()
        t = rng.choice(templates)
        add(t.format(name=r["name"], dem=dem, cname=cname), code, "LEG", "person", "legislator",
            f"everypolitician {per['csv']}", date=date)
    # 2. parties by abbreviation and by name (Party Facts), the larger parties
    pf = DATASETS / "partyfacts" / "import/elecglob/partyfacts-core-parties.csv"
    with open(pf, encoding="utf-8", newline="") as fh:
        parties = [r for r in csv.DictReader(fh) if not r["technical"] and r["country"] in countries]
    def share(r):
        try:
            return float(r["share"] or 0)
        except ValueError:
            return 0.0
    hand = set()
    for name, aliases, *_ in rows(KNOW / "organisations.tsv", 6):
        hand |= {x.lower() for x in [name, *aliases.split("|")] if x}
    words = {l.split("\t")[0].lower() for l in (KNOW / "roles.tsv").read_text("utf-8").splitlines()
             if l and not l.startswith("#")}
    phx = REPO.parent / "shared" / "data" / "actors" / "Phoenix.agents.txt"
    if phx.exists():
        words |= {m.lower().replace("_", " ") for m in re.findall(r"^([A-Z][A-Z_']+?)_?\s", phx.read_text("utf-8", "replace"), re.M)}
    parties = [r for r in parties if r["name_short"].lower() not in hand | words
               and clean(r["name_english"]).lower() not in hand]
    shorts: dict[str, int] = {}
    for r in parties:
        shorts[r["name_short"]] = shorts.get(r["name_short"], 0) + 1
    big = [r for r in parties if share(r) >= 15 and not r["year_last"]]
    rng.shuffle(big)
    seen_c = {}
    for r in big:
        code = r["country"]
        if seen_c.get(code, 0) >= 2:
            continue
        cname, dem, _ = countries[code]
        s = r["name_short"]
        if s.isupper() and 3 <= len(s) <= 7 and s.isalpha() and shorts.get(s) == 1:
            text = rng.choice(["the {s}", "{cname}'s {s}", "the ruling {s}", "{s}"]).format(s=s, cname=cname)
            add(text, code, "PTY", "organisation", "party-acronym", f"partyfacts {r['partyfacts_id']}")
            seen_c[code] = seen_c.get(code, 0) + 1
        elif r["name_english"] and 3 <= len(clean(r["name_english"]).split()) <= 6 and "/" not in r["name_english"] \
                and not seen_c.get(code):
            add(f"{cname}'s {clean(r['name_english'])}", code, "PTY", "organisation", "party-name",
                f"partyfacts {r['partyfacts_id']}")
            seen_c[code] = seen_c.get(code, 0) + 1
    # 3. named institutions (institutions.tsv) by name and by acronym
    cat_of = {"LEG": "legislature", "MIL": "military", "COP": "police", "SPY": "intelligence",
              "BUS": "central-bank", "MED": "state-media", "JUD": "court", "GOV": "government-body"}
    for name, aliases, code, *_ in rows(KNOW / "institutions.tsv", 6):
        c, sector = code[:3], code[3:]
        if c not in countries:
            continue
        cat = cat_of.get(sector, "institution")
        cname, dem, _ = countries[c]
        acr = [a for a in aliases.split("|") if a.isupper() and 2 < len(a) <= 6 and " " not in a]
        if acr and rng.random() < 0.5:
            text = rng.choice(["the {a}", "{cname}'s {a}", "{a}"]).format(a=acr[0], cname=cname)
            add(text, c, sector[:3], "organisation", cat + "-acronym", "institutions.tsv")
        else:
            art = "" if name.split()[0] in ("Bank", "Deutsche") or name[0].islower() else "the "
            add(f"{art}{name}", c, sector[:3], "organisation", cat, "institutions.tsv")
    # 4. heads of state and government and ministers with dates (leaders.tsv, public record)
    leaders = list(rows(KNOW / "leaders.tsv", 9))
    rng.shuffle(leaders)
    titles = {"prime minister": "Prime Minister", "president": "President",
              "foreign minister": "Foreign Minister", "defence minister": "Defence Minister",
              "finance minister": "Finance Minister"}
    n = 0
    for name, aliases, code, office, start, end, top, gender, src in leaders:
        if office not in titles or code[:3] not in countries or not start:
            continue
        cname, dem, _ = countries[code[:3]]
        y0 = int(start[:4])
        y1 = int(end[:4]) if end else 2025
        if y1 - y0 < 1:
            continue
        date = f"{rng.randint(y0 + (1 if y1 - y0 > 1 else 0), max(y0, y1 - 1))}-{rng.randint(1, 12):02d}-10"
        if date < start or (end and date >= end):
            continue
        form = rng.choice(["{dem} {t} {n}", "{n}", "{cname}'s {tl}, {n}", "{t} {n}"])
        text = form.format(dem=dem, t=titles[office], tl=office, n=name, cname=cname)
        add(text, code[:3], code[3:6], "person", "head-or-minister" if top != "1" else "head-of-state-or-gov",
            "leaders.tsv", date=date)
        n += 1
        if end and n % 4 == 0:     # the same person after leaving office: former, not government
            y = int(end[:4]) + 1
            later = [l for l in leaders if l[0] == name and (l[4] or "9999") <= f"{y}-06-01"
                     and (not l[5] or l[5] > f"{y}-06-01")]
            if y <= 2025 and not later:
                add(f"former {dem} {titles[office].lower()} {name}", code[:3], "ELI", "person",
                    "former-official", "leaders.tsv", date=f"{y}-06-01")
        if n >= 110:
            break
    # 5. generic agents of a country
    agents = [("{dem} police", "COP"), ("{dem} troops", "MIL"), ("the {dem} navy", "MIL"),
              ("{cname}'s parliament", "LEG"), ("the {dem} central bank", "BUS"),
              ("{dem} judges", "JUD"), ("{dem} lawmakers", "LEG"), ("{dem} rebels", "REB"),
              ("the {dem} army", "MIL"), ("{dem} intelligence services", "SPY"),
              ("{dem} state media", "MED"), ("{cname}'s Supreme Court", "JUD"),
              ("the {dem} foreign ministry", "GOV"), ("{dem} riot police", "COP")]
    codes = sorted(countries)
    rng.shuffle(codes)
    for i, code in enumerate(codes[:84]):
        cname, dem, _ = countries[code]
        tmpl, sector = agents[i % len(agents)]
        add(tmpl.format(dem=dem, cname=cname), code, sector, "agent", "generic-agent", "countries.tsv")
    # 6. armed and criminal groups (organisations.tsv and Phoenix.MilNonState, public record)
    for name, aliases, code, kind, *_ in rows(KNOW / "organisations.tsv", 6):
        if code[3:6] == "REB" and "@" not in code:
            add(rng.choice(["{n}", "{n} fighters", "the {n}"]).format(n=name).replace("the the ", "the "),
                code[:3], "REB", "organisation", "armed-group", "organisations.tsv")
    # 7. negatives: places, weekdays, platforms, treaties, surnames of another country
    capitals = [(code, cap) for code, (_, _, caps) in countries.items() for cap in caps[:1]]
    rng.shuffle(capitals)
    for code, cap in capitals[:25]:
        add(cap, "", "", "none", "place-locative", "countries.tsv", context=f"Talks were held in {cap} on Monday.")
    for d in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]:
        add(d, "", "", "no-person", "weekday", "calendar", context=f"{d} saw fresh clashes.")
    for p in ["Twitter", "Facebook", "YouTube", "TikTok", "WhatsApp", "Instagram", "Telegram"]:
        add(p, "", "", "no-person", "platform", "public record", context=f"He wrote on {p} that he would resign.")
    for t in ["the Paris Agreement", "the Minsk agreements", "the Treaty of Lisbon", "the Oslo Accords",
              "the Geneva Conventions", "the Non-Proliferation Treaty", "the Good Friday Agreement"]:
        add(t, "", "", "no-person", "treaty", "public record")
    # a bare surname common in one country, in a story about another: no person, no country
    for s in ["Mr Kamau", "Mr Otieno", "Ms Nakamura", "Mr Kowalski", "Mr Nguyen", "Mrs Okafor",
              "Mr Yilmaz", "Ms Haddad", "Mr Fernandes", "Mr Novak", "Mr Mensah", "Ms Ivanova"]:
        add(s, "", "", "no-country", "surname-collision", "public record")
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# actor_cases.tsv — written by make_cases.py from the public data (see its docstring).\n")
        fh.write("# kind: person|organisation|agent = expected country and sector; none = must resolve to\n")
        fh.write("#   nothing; no-person = nothing or not a person; no-country = nothing or no country.\n")
        fh.write("\t".join(COLUMNS) + "\n")
        for c in cases:
            fh.write("\t".join(c[k].replace("\t", " ") for k in COLUMNS) + "\n")
    print(f"{len(cases)} cases, {len({c['country'] for c in cases if c['country']})} countries -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
