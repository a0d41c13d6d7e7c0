#!/usr/bin/env python3
"""Build src/readout/knowledge/actors/actors.json from the actor data files.

Inputs (all named with their sources in the output's `sources` field):
  - the hand-written tables beside the output: countries.tsv, organisations.tsv,
    leaders.tsv, roles.tsv, successions.tsv (public record; see each file's header);
  - the Phoenix dictionaries of openeventdata/petrarch2 (MIT), as copied under
    ../shared/data/actors/: Phoenix.Countries.actors.txt (persons with dated roles,
    national institutions, and the cities and regions of each country),
    Phoenix.International.actors.txt (IGOs, NGOs, media, companies),
    Phoenix.MilNonState.actors.txt (armed groups), Phoenix.agents.txt (generic agents).

  - public data sets (see knowledge/actors/SOURCES.md), copied once out of git mirrors of their
    repositories into a local folder (default ../shared/data/actors/datasets/) with
        python scripts/build_actors.py --extract everypolitician=MIRROR --extract partyfacts=MIRROR
    which writes the files and a MANIFEST.tsv (repository, commit, path, licence, sha256):
    EveryPolitician (legislators with their terms, and the names of legislatures) and Party
    Facts (parties with their abbreviations and years);
  - institutions.tsv (named national institutions: legislatures, courts, militaries and
    branches, police, intelligence services, central banks, state media, electoral bodies) and
    sectors.tsv (institution types and offices → CAMEO sectors, also used to code the data sets).

The package only ever reads the compiled JSON; run this script again after editing a table:
    python scripts/build_actors.py [--phoenix DIR] [--datasets DIR]
Without the Phoenix or data-set folders the build still works from the hand-written tables.
Hand tables win over Phoenix, and both win over the data sets (they are newer or checked).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from readout.actors.normalize import norm, plural, variants  # noqa: E402

KNOW = ROOT / "src" / "readout" / "knowledge" / "actors"
PHOENIX_DEFAULT = ROOT.parent / "shared" / "data" / "actors"
DATASETS_DEFAULT = PHOENIX_DEFAULT / "datasets"
OUT = KNOW / "actors.json"
FORMAT_VERSION = 1
PHOENIX_HORIZON = "2016-06-30"      # Phoenix roles left open are trusted up to this day
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM", "HUN", "MNG", "SGP"}
REGIONS_AS_COUNTRY = {"EUR", "WST", "AFR", "ASA", "MEA", "LAM", "NAF", "SAF", "WAF", "EAF", "CAS",
                      "SAS", "SEA", "CRB", "BLK", "CAU", "PGS", "WHM"}
ORG_WORDS = set("""ministry ministries council party parliament assembly agency committee front movement
bank court union organization organisation office department commission service guard guards corps
navy army forces force police brigade brigades battalion regiment government administration
cabinet kremlin house senate congress league federation association institute university company
corp corporation inc ltd group fund foundation network times post journal news press daily tv
radio television broadcasting channel tribune herald gazette bureau authority directorate
secretariat mission staff command intelligence security militia coalition alliance bloc
organisation's group's board chamber academy centre center media magazine newspaper paper
station website outlet broadcaster""".split())
SECTORS = set("""GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL ELI HLH LAB LEG REF MOD RAD AGR
DEV ENV HRI IGO NGO UAF INS SEP REL MUS CHR JEW HIN BUD CTH PRO SHI SUN ALE ATH DRZ ITH JAN MOS
NGM SET UNO""".split())
HONORIFIC_PREFIXES = set("""hon hon, honourable honorable dr prof mr mrs ms sen senator rep rt
sir dame dato datuk tan sri dr, engr eng alhaji chief lady lord mr, mrs, ms, hon, ratu awang haji
pehin datin dato' yb""".split())
# words of a legislature's name that do not make it distinctive ("National Assembly")
GENERIC_BODY_WORDS = set("""national assembly house of the representatives senate parliament chamber
deputies congress people's peoples people legislative council states federal supreme grand
consultative general legislature assembleia nacional asamblea camara de diputados senado
assemblee nationale lower upper popular consultive provincial state islamic majlis
national-assembly island islands legislatif senat parlament parlamento landtag shura al-shura
delegates council""".split())
PARTY_GENERIC = {"independent", "independents", "others", "other", "non-partisan", "nonpartisan",
                 "no party", "vacant"}
STOP_SURNAMES = set("""the of and al el bin ibn de da di del van von der la le ben abu mr president
king queen prince minister general jr sr ii iii""".split())


# ---------------------------------------------------------------------------- dates and codes

def phoenix_date(s: str) -> str:
    """'121115' / '20121115' → '2012-11-15' ('' when unreadable)."""
    s = s.strip()
    if len(s) == 8 and s.isdigit():
        y, m, d = s[:4], s[4:6], s[6:]
    elif len(s) == 6 and s.isdigit():
        yy = int(s[:2])
        y = str(1900 + yy if yy > 30 else 2000 + yy)
        m, d = s[2:4], s[4:]
    else:
        return ""
    if not ("01" <= m <= "12"):
        return ""
    d = d if "01" <= d <= "31" else "01"
    return f"{y}-{m}-{d}"


CODE_RE = re.compile(r"\[([^\]]*)\]")


# Country parts of Phoenix codes that are not the ISO 3166 codes readout uses: East Timor's
# pre-2002 code and a misspelt Angola.
LEGACY_COUNTRY = {"TMP": "TLS", "ANG": "AGO"}


def parse_codes(text: str) -> list[list]:
    """Phoenix code brackets → [[code, start, end], …]; start/end '' when open or undated."""
    out = []
    for inner in CODE_RE.findall(text):
        parts = inner.split()
        if not parts:
            continue
        code = parts[0].lstrip("~").upper()
        if not code or code.startswith("-") or not re.fullmatch(r"[A-Z0-9]{3,15}", code):
            continue
        code = LEGACY_COUNTRY.get(code[:3], code[:3]) + code[3:]
        start = end = ""
        if len(parts) > 1:
            rng = parts[1]
            if rng.startswith(">"):
                start = phoenix_date(rng[1:])
            elif rng.startswith("<"):
                end = phoenix_date(rng[1:])
            elif "-" in rng:
                a, b = rng.split("-", 1)
                start, end = phoenix_date(a), phoenix_date(b)
        out.append([code, start, end])
    return out


def clean_name(raw: str) -> str:
    """'VLADIMIR_V._PUTIN_' → 'Vladimir V. Putin' (title case for display)."""
    s = raw.strip().strip("+").strip()
    s = s.replace("_", " ").strip()
    s = re.sub(r"\s+", " ", s)
    return " ".join(w if (len(w) <= 4 and w.isupper() and not w.isalpha()) else w.capitalize()
                    for w in s.split())


# ---------------------------------------------------------------------------- phoenix readers

def read_phoenix_entries(path: Path):
    """Yield (names, codes, comment, header) per entry of a Phoenix .actors file.

    An entry is a name line, its '+alias' lines and the code lines that follow; codes may
    also sit on the name line. `header` is True for a country block (a name with a bare
    three-letter code on its own line, as 'CHINA_  [CHN]').
    """
    names: list[str] = []
    codes: list[list] = []
    comment = ""
    header = False

    def flush():
        nonlocal names, codes, comment, header
        if names:
            yield_item = (names, codes, comment, header)
            names, codes, comment, header = [], [], "", False
            return yield_item
        names, codes, comment, header = [], [], "", False
        return None

    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                if not line.strip() and names and codes:
                    item = flush()
                    if item:
                        yield item
                continue
            body, _, cmt = line.partition("#")
            if not body.strip():
                continue
            stripped = body.strip()
            if stripped.startswith("+"):
                alias = CODE_RE.sub("", stripped[1:]).strip()
                if alias and names:
                    names.append(alias)
                found = parse_codes(stripped)
                if found:
                    codes.extend(found)
                continue
            if stripped.startswith("["):
                codes.extend(parse_codes(stripped))
                continue
            # a new name line ends the entry before it
            item = flush()
            if item:
                yield item
            name = CODE_RE.sub("", stripped).strip()
            if not name:
                continue
            names = [name]
            found = parse_codes(stripped)
            codes = found
            comment = cmt
            header = bool(re.fullmatch(r"[A-Z][A-Z_'().\-]*\s+\[[A-Z]{3}\]", stripped))
    item = flush()
    if item:
        yield item


def display_name(name: str, aliases: list[str]) -> str:
    """The canonical name of an organisation known by its acronym: "China Central Television
    (CCTV)", "International Monetary Fund (IMF)" — the full name, and the all-capital alias of
    2–6 letters that news uses, so either form can be searched and read. Names that are
    themselves an acronym ("BRICS", "UNICEF") stay as they are."""
    if name.replace(" ", "").isupper():
        return name
    for a in aliases:
        a = a.strip()
        if 2 <= len(a) <= 6 and a.isalpha() and a.isupper() and a not in name:
            return f"{name} ({a})"
    return name


def split_code(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of a CAMEO code: 'RUSGOV' → ('RUS','GOV'); 'IGOWSTNAT' → ('WST','IGO')."""
    first, rest = code[:3], code[3:]
    if first == "IGO":
        region = rest[:3]
        return (region if region in REGIONS_AS_COUNTRY else None), "IGO"
    if first in ("NGO", "NGM"):
        return None, "NGO"
    if first == "MNC":
        c = rest[:3]
        return (c if len(c) == 3 and c.isalpha() else None), "BUS"
    if first == "IMG":
        return None, "REB"
    return first, (rest[:3] or None)


# ---------------------------------------------------------------------------- build

class Builder:
    def __init__(self):
        self.entries: list[dict] = []
        self.names: dict[str, list[int]] = {}
        self.surnames: dict[str, list[int]] = {}
        self.upper_only: set[str] = set()
        self.mixed_case: set[str] = set()     # keys also written in lower/mixed case
        self.title_words: set[str] = set()    # first words of person titles ("president", "german")
        self.countries: dict[str, list] = {}
        self.country_names: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.capitals: dict[str, str] = {}
        self.seats: dict[str, str] = {}
        self.places: dict[str, str] = {}
        self.roles: dict[str, list] = {}
        self.successions: dict[str, list] = {}
        self.sources: dict[str, str] = {}
        self.hand_persons: set[int] = set()

    # -- helpers
    def add_name(self, key_src: str, idx: int, upper: bool = False) -> None:
        keys = variants(key_src)
        # the resolver splits possessive endings off words ("People's" → People 's,
        # "Workers'" → Workers 's): index those names the way the words are read too
        keys |= {re.sub(r"(?<=\w)(?:'s|s')(?= |$)", lambda m: " 's" if m.group(0) == "'s" else "s 's", k)
                 for k in keys if "'" in k}
        for k in keys:
            lst = self.names.setdefault(k, [])
            if idx not in lst:
                lst.append(idx)
            if upper:
                self.upper_only.add(k)
            else:
                self.mixed_case.add(k)

    def new_entry(self, key, name, kind, roles, gender="", aliases=()) -> int:
        idx = len(self.entries)
        self.entries.append({"key": key, "name": name, "kind": kind, "roles": roles,
                             "gender": gender, "aliases": list(aliases)})
        return idx

    # -- hand-written tables
    @staticmethod
    def rows(path: Path, ncols: int):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < ncols:
                cols += [""] * (ncols - len(cols))
            yield n, [c.strip() for c in cols[:ncols]]

    def read_countries(self, path: Path) -> None:
        for _, (code, kind, name, aliases, demonyms, capitals, seats) in self.rows(path, 7):
            self.countries[code] = [name, kind, demonyms.split("|")[0]]
            for a in [name, *filter(None, aliases.split("|"))]:
                for k in variants(a):
                    self.country_names[k] = code
                if a.isupper() and len(a.replace(".", "")) <= 4:
                    self.upper_only.update(variants(a))
                else:
                    self.mixed_case.update(variants(a))
            for d in filter(None, demonyms.split("|")):
                for k in variants(d):
                    self.demonyms.setdefault(k, code)
                    self.demonyms.setdefault(plural(k), code)
                if d.isupper():
                    self.upper_only.update(variants(d))
                else:
                    self.mixed_case.update(variants(d))
            for c in filter(None, capitals.split("|")):
                for k in variants(c):
                    self.capitals[k] = code
            for s in filter(None, seats.split("|")):
                for k in variants(s):
                    self.seats[k] = "gov:" + code

    def read_successions(self, path: Path) -> None:
        for _, (code, until, then, _note) in self.rows(path, 4):
            self.successions.setdefault(code, []).append([until, then])

    def read_organisations(self, path: Path) -> dict[str, int]:
        by_key = {}
        for n, (name, aliases, codes, kind, seats, _note) in self.rows(path, 6):
            roles = []
            for c in codes.split("|"):
                c = c.strip()
                if not c:
                    continue
                code, _, rng = c.partition("@")
                start, _, end = rng.partition("..")
                roles.append([code, start, end, "", 0, 0])
            idx = self.new_entry("org:" + norm(name), display_name(name, aliases.split("|")),
                                 kind or "organisation", roles,
                                 aliases=[a for a in aliases.split("|") if a])
            for a in [name, *filter(None, aliases.split("|"))]:
                upper = a.replace(".", "").replace("+", "").isupper() and len(a) <= 6
                self.add_name(a, idx, upper=upper)
            for s in filter(None, seats.split("|")):
                for k in variants(s):
                    self.seats[k] = f"entry:{idx}"
            for a in [name, *filter(None, aliases.split("|"))]:
                for v in variants(a):
                    v = v[4:] if v.startswith("the ") else v
                    if len(v) > 3 or a == name:
                        by_key.setdefault(v, idx)
        return by_key

    def read_leaders(self, path: Path) -> dict[str, int]:
        persons: dict[str, int] = {}
        for n, (name, aliases, code, office, start, end, top, gender, _src) in self.rows(path, 9):
            key = norm(name)
            if key not in persons:
                persons[key] = self.new_entry("person:" + key, name, "person", [], gender)
                self.add_name(name, persons[key])
            idx = persons[key]
            ent = self.entries[idx]
            for a in filter(None, aliases.split("|")):
                if a not in ent["aliases"]:
                    ent["aliases"].append(a)
                self.add_name(a, idx)
            ent["roles"].append([code, start, end, office, 1 if top == "1" else 0, 0])
            if gender and not ent["gender"]:
                ent["gender"] = gender
        return persons

    def read_roles(self, path: Path) -> None:
        for _, (phrase, sector, kind, offices, flags) in self.rows(path, 5):
            row = [sector, kind, [o for o in offices.split("|") if o], [f for f in flags.split("|") if f], 1]
            forms = variants(phrase)
            words = norm(phrase).split()
            if len(words) == 2:            # "secretary general" is also written "secretary-general"
                forms.add("-".join(words))
            for k in forms:
                self.roles[k] = row
            if kind == "person":
                self.title_words.add(norm(phrase).split()[0])

    # -- phoenix
    def read_phoenix_agents(self, path: Path) -> int:
        macros: dict[str, list[str]] = {}
        count = 0
        for line in path.read_text("utf-8", errors="replace").splitlines():
            body = line.split("#", 1)[0].strip()
            if not body:
                continue
            m = re.fullmatch(r"(!\w+!)\s*=\s*(.+)", body)
            if m:
                macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
                continue
            m = re.fullmatch(r"(.+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]+)\]", body)
            if not m:
                continue
            phrase, plural_spec, code = m.group(1).strip(), m.group(2), m.group(3)
            forms = [phrase]
            for mac, words in macros.items():
                if mac in phrase:
                    forms = [f.replace(mac, w) for f in forms for w in words]
            if plural_spec and plural_spec.strip("{} "):
                forms.append(plural_spec.strip("{} "))
            elif plural_spec is None:
                forms += [" ".join(f.split("_")[:-1] + [plural(f.split("_")[-1].lower())])
                          for f in forms if "!" not in f]
            sector = code[:3]
            for f in forms:
                k = norm(f)
                if not k or "!" in k or k in self.roles:
                    continue
                words = k.split()
                is_plural = words[-1].endswith("s") and not words[-1].endswith("ss")
                kind = ("organisation" if set(words) & ORG_WORDS and not is_plural
                        else "group" if is_plural else "person")
                self.roles[k] = [code if len(code) > 3 else sector, kind, [], []]
                count += 1
        return count

    def read_phoenix_actors(self, path: Path, leader_keys: dict[str, int],
                            org_keys: dict[str, int], country_file: bool) -> int:
        count = 0
        current_country = None
        for names, codes, comment, header in read_phoenix_entries(path):
            if header and codes and len(codes[0][0]) == 3:
                if codes[0][0] not in self.countries:
                    continue
                current_country = codes[0][0]
                for alias in names[1:]:
                    for k in variants(alias.replace("_", " ")):
                        if (k and k not in self.country_names and k not in self.demonyms
                                and k not in self.capitals and len(k) > 2):
                            self.places.setdefault(k, current_country)
                continue
            if not codes:
                continue
            keys = [norm(n) for n in names]
            keys = [k for k in keys if k]
            if not keys:
                continue
            country0, sector0 = split_code(codes[0][0])
            if sector0 is None or (sector0 not in SECTORS and not codes[0][0].startswith(("IGO", "NGO", "MNC", "IMG"))):
                # a bare country or territory code: the names are places of that country
                if country0 in self.countries:
                    for k in keys:
                        if k not in self.country_names and k not in self.capitals and len(k) > 2:
                            self.places.setdefault(k, country0)
                continue
            if any(k in self.country_names or k in self.seats or k in self.capitals for k in keys[:1]):
                continue
            dated = any(s or e for _, s, e in codes)
            first = codes[0][0]
            primary_words = set(keys[0].split())
            org_code = first.startswith(("MNC", "NGO", "IGO"))
            if primary_words & ORG_WORDS or keys[0].startswith("the ") or (org_code and not dated):
                kind = "igo" if first.startswith("IGO") else "organisation"
            elif dated or "CountryInfo" in comment or len(keys[0].split()) in (2, 3):
                kind = "person"
            else:
                kind = "igo" if first.startswith("IGO") else "organisation"
            # merge into a hand-written entry of the same name
            target = None
            for k in keys:
                if len(k.split()) >= 2:
                    target = leader_keys.get(k)
                    if target is not None:
                        kind = "person"
                        break
                bare = k[4:] if k.startswith("the ") else k
                target = org_keys.get(bare) if (kind != "person" or len(bare) > 3) else None
                if target is not None:
                    break
            roles = [[c, s, e, "", 0, 1 if (not e and s) else 0] for c, s, e in codes]
            if target is not None:
                ent = self.entries[target]
                if ent["kind"] == "person":
                    hand_start = min((r[1] for r in ent["roles"] if r[1]), default="9999")
                    for r in roles:   # keep only the history before the hand-written rows
                        if r[2] and r[2] < hand_start and r not in ent["roles"]:
                            r[5] = 0
                            ent["roles"].append(r)
                for k in keys:
                    if len(k.split()) >= 2 and not self.titled(k):
                        self.add_name(k, target)
                continue
            name = clean_name(names[0])
            idx = self.new_entry(f"phx:{norm(names[0])}:{first}", name, kind, roles)
            for n, k in zip(names, keys):
                if self.titled(k) and k != keys[0]:
                    continue   # "RUSSIAN_PRESIDENT_VLADIMIR_PUTIN": titles are read from the text
                upper = kind != "person" and len(k.split()) == 1 and len(k) <= 4
                self.add_name(n.replace("_", " "), idx, upper=upper)
            count += 1
        return count

    def titled(self, key: str) -> bool:
        """A Phoenix alias that starts with a title or a nationality ("german chancellor …")."""
        words = key.split()
        if len(words) < 2:
            return False
        first = words[0]
        return (first in self.title_words or first in self.demonyms or first in self.country_names
                or first in ("former", "the", "then", "ex"))

    # -- public data sets (read from the local folder written by --extract)
    def read_sectors(self, path: Path) -> dict[str, str]:
        """sectors.tsv: institution types and offices → CAMEO sector. Rows become role phrases
        (unless roles.tsv already has the phrase) and code the data sets' rows by their type."""
        types: dict[str, str] = {}
        for _, (phrase, sector, kind, flags, used_for) in self.rows(path, 5):
            for t in filter(None, used_for.split("|")):
                types[t] = sector
            if kind == "-":
                continue
            row = [sector, kind, [], [f for f in flags.split("|") if f], 1]
            forms = variants(phrase)
            words = norm(phrase).split()
            if len(words) == 2:
                forms.add("-".join(words))
            for k in forms:
                self.roles.setdefault(k, row)
        return types

    def taken(self, key: str) -> bool:
        """A key that already means something else: a country, people, capital, seat, place or role."""
        return (key in self.country_names or key in self.demonyms or key in self.capitals
                or key in self.seats or key in self.roles or key in self.places)

    @staticmethod
    def person_name(raw: str) -> str:
        """'Hon. KAMAU John' → 'John Kamau'; honorifics off, all-capital surnames last, title case."""
        s = re.sub(r"\s+", " ", raw.replace("\u00a0", " ")).strip()
        s = re.sub(r"\s*\([^)]*\)", "", s).strip()
        s = re.sub(r",?\s*\b(M\.?P|MP|MHA|MNA|OBE|MBE|CBE|QC|SC|JP)\.?$", "", s).strip()
        if s.count(",") == 1:                     # "Bana, Tibor" → "Tibor Bana"
            last, first = (p.strip() for p in s.split(","))
            s = f"{first} {last}"
        words = s.split()
        while words and norm(words[0]).rstrip(",") in HONORIFIC_PREFIXES:
            words.pop(0)
        caps = [w for w in words if len(w) > 1 and w.isupper() and w.isalpha()]
        if caps and len(caps) < len(words):
            words = [w for w in words if w not in caps] + caps
        return " ".join(w.capitalize() if (w.isupper() and len(w) > 1) else w for w in words)

    def person_key_ok(self, key: str) -> bool:
        toks = key.split()
        return (len(toks) >= 2 and all(len(t) >= 2 or t.isalpha() for t in toks)
                and not self.taken(key) and not any(t in self.country_names for t in toks[:1]))

    def read_everypolitician(self, folder: Path, sector: str) -> dict:
        """Legislators with their terms (EveryPolitician countries.json and term CSVs)."""
        counts = {"persons": 0, "roles": 0, "merged": 0, "legislatures": 0, "skipped_countries": 0}
        index = json.loads((folder / "countries.json").read_text("utf-8"))
        by_name: dict[tuple[str, str], int] = {}
        legis_names: dict[str, set[str]] = {}
        for c in index:
            alt = re.findall(r"\(([^)]*)\)", c["country"])      # "Congo-Kinshasa (DRC)"
            code = next((self.country_names[k] for k in map(norm, [c["country"], c["name"], *alt])
                         if k in self.country_names), None)
            if not code or code not in self.countries or self.countries[code][1] != "country":
                counts["skipped_countries"] += 1
                continue
            for leg in c["legislatures"]:
                legis_names.setdefault(norm(leg["name"]), set()).add(code)
                periods = sorted(leg["legislative_periods"], key=lambda p: p.get("start_date", ""),
                                 reverse=True)
                for per in periods:
                    f = folder / per["csv"]
                    if not f.exists():
                        continue
                    pstart, pend = iso_day(per.get("start_date", "")), iso_day(per.get("end_date", ""))
                    with open(f, encoding="utf-8", newline="") as fh:
                        for row in csv.DictReader(fh):
                            name = self.person_name(row.get("name", ""))
                            key = norm(name)
                            if not self.person_key_ok(key):
                                continue
                            start = iso_day(row.get("start_date", "")) or pstart
                            end = iso_day(row.get("end_date", "")) or pend
                            role = [code + sector, start, end, "legislator", 0, 0 if end else 1]
                            gender = {"male": "m", "female": "f"}.get(row.get("gender", ""), "")
                            idx = by_name.get((key, code))
                            if idx is None:
                                existing = [i for i in self.names.get(key, ())
                                            if self.entries[i]["kind"] == "person"
                                            and any(r[0][:3] == code for r in self.entries[i]["roles"])]
                                if existing:      # a hand-written or Phoenix person of that country
                                    ent = self.entries[existing[0]]
                                    starts = [r[1] for r in ent["roles"] if r[1]]
                                    ends = [r[2] for r in ent["roles"] if r[2]]
                                    open_ = any(not r[2] for r in ent["roles"])
                                    earlier = end and (not starts or end <= min(starts))
                                    # Phoenix: a term begun after its last dated role is news to it;
                                    # hand-written rows are newer than the data set and win
                                    later = (existing[0] not in self.hand_persons and start and not open_
                                             and ends and start >= max(ends))
                                    if (earlier or later) and role not in ent["roles"]:
                                        ent["roles"].append(role)
                                        counts["merged"] += 1
                                    continue
                                idx = self.new_entry(f"ep:{key}:{code}", name, "person", [], gender)
                                self.entries[idx]["nosurname"] = True
                                self.add_name(name, idx)
                                by_name[(key, code)] = idx
                                counts["persons"] += 1
                            ent = self.entries[idx]
                            same = [r for r in ent["roles"] if r[0] == role[0]]
                            merged = False
                            for r in same:     # one row per term: join a term to the next
                                if r[1] and end and r[1] <= end and (not r[2] or r[2] >= start):
                                    r[1] = min(r[1], start) if start else r[1]
                                    if not end or not r[2]:
                                        r[2], r[5] = "", 1 if not (r[2] and end) else 0
                                    else:
                                        r[2] = max(r[2], end)
                                    merged = True
                                    break
                            if not merged:
                                ent["roles"].append(role)
                                counts["roles"] += 1
        # legislatures with a name of their own ("Bundestag", "Knesset") are institutions
        for key, codes in legis_names.items():
            if len(codes) != 1 or set(key.replace("'", " ").split()) <= GENERIC_BODY_WORDS:
                continue
            code = next(iter(codes))
            if key in self.names or self.taken(key):
                continue
            name = " ".join(w[:1].upper() + w[1:] for w in key.split())
            idx = self.new_entry(f"ep-legislature:{key}", name, "organisation", [[code + sector, "", ""]])
            self.add_name(key, idx)
            counts["legislatures"] += 1
        return counts

    def read_uscongress(self, folder: Path, sector: str) -> dict:
        """Members of the US Congress with their terms (unitedstates/congress-legislators,
        CC0): snapshots of legislators-current.yaml copied as TSV by `extract` give every
        member serving at a snapshot with all their dated terms; legislators-historical.csv
        adds earlier members (last term only, undated: their role ends before the first
        snapshot). Merged like EveryPolitician rows: a hand-written or Phoenix person of the
        same name keeps its entry and gains only earlier closed terms."""
        counts = {"persons": 0, "roles": 0, "merged": 0}
        terms: dict[str, dict] = {}
        for f in sorted(folder.glob("terms-*.tsv")):
            with open(f, encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    p = terms.setdefault(row["bioguide"], {"names": row["names"].split("|"),
                                                           "known_as": row["known_as"],
                                                           "gender": row["gender"], "terms": set()})
                    p["terms"].add((row["type"], row["start"], row["end"]))
        first_snapshot = min((t[1] for p in terms.values() for t in p["terms"] if t[1]), default="")
        hist = folder / "legislators-historical.csv"
        if hist.exists():
            cutoff = min(f.stem.split("-", 1)[1] for f in folder.glob("terms-*.tsv")) if terms else ""
            with open(hist, encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
            # a name several members have borne ("John Smith") names nobody in particular
            seen = {}
            for row in rows:
                k = norm(f"{row['first_name']} {row['last_name']}")
                seen[k] = seen.get(k, 0) + 1
            for row in rows:
                if row["bioguide_id"] in terms or (row.get("birthday") or "0") < "1925" \
                        or seen[norm(f"{row['first_name']} {row['last_name']}")] > 1:
                    continue
                names = [n for n in (row["full_name"], f"{row['first_name']} {row['last_name']}",
                                     f"{row['nickname']} {row['last_name']}" if row["nickname"] else "")
                         if n.strip()]
                terms[row["bioguide_id"]] = {"names": names, "gender": row["gender"].lower(),
                                             "known_as": names[-1] if row["nickname"] else names[0],
                                             "terms": {(row["type"], "", cutoff)}}
        office = {"sen": "senator", "rep": "representative"}
        for bid, p in sorted(terms.items()):
            known = self.person_name(p["known_as"]) if p.get("known_as") else ""
            names = list(dict.fromkeys([known] * bool(known) + [self.person_name(n) for n in p["names"] if n.strip()]))
            keys = [norm(n) for n in names if self.person_key_ok(norm(n))]
            if not keys:
                continue
            roles = []
            for typ, start, end in sorted(p["terms"], key=lambda t: (t[1], t[2], t[0])):
                role = [f"USA{sector}", start, end, office.get(typ, "legislator"), 0, 0]
                if roles and roles[-1][3] == role[3] and roles[-1][2] and start and start <= roles[-1][2][:4] + "-12-31" \
                        and roles[-1][2] <= start:
                    roles[-1][2] = end          # consecutive terms in one office are one role
                else:
                    roles.append(role)
            existing = [i for k in keys for i in self.names.get(k, ())
                        if self.entries[i]["kind"] == "person"
                        and any(r[0][:3] == "USA" for r in self.entries[i]["roles"])]
            if existing:
                ent = self.entries[existing[0]]
                starts = [r[1] for r in ent["roles"] if r[1]]
                for role in roles:
                    if role[2] and starts and role[2] <= min(starts) and role not in ent["roles"]:
                        ent["roles"].append(role)
                        counts["merged"] += 1
                if not ent.get("gender") and p["gender"] in ("m", "f"):
                    ent["gender"] = p["gender"]
                if ent["key"].startswith("ep:") and known and norm(known) != norm(ent["name"]):
                    ent["name"] = known      # EveryPolitician's "Bernard Sanders" is known as Bernie
                for n in names:        # "Bernie Sanders" for EveryPolitician's "Bernard Sanders"
                    if self.person_key_ok(norm(n)) and existing[0] not in self.names.get(norm(n), ()):
                        self.add_name(n, existing[0])
                        counts["names"] = counts.get("names", 0) + 1
                continue
            gender = p["gender"] if p["gender"] in ("m", "f") else ""
            idx = self.new_entry(f"usc:{bid}", names[0], "person", roles, gender)
            self.entries[idx]["nosurname"] = True
            for n in names:
                if self.person_key_ok(norm(n)):
                    self.add_name(n, idx)
            counts["persons"] += 1
            counts["roles"] += len(roles)
        counts["first_snapshot_term"] = first_snapshot
        return counts

    def read_partyfacts(self, path: Path, sector: str, stop: set[str]) -> dict:
        """Parties with abbreviations and years (Party Facts core parties)."""
        counts = {"parties": 0, "names": 0}
        with open(path, encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh) if not r.get("technical")]
        def share(r):
            try:
                return float(r.get("share") or 0)
            except ValueError:
                return 0.0
        rows.sort(key=lambda r: (-share(r), r["partyfacts_id"]))
        # a name used by parties of several countries ("Communist Party", "Labour Party") names
        # none of them on its own
        spread: dict[str, set[str]] = {}
        for r in rows:
            for n in (r.get("name_english"), r.get("name")):
                for part in clean_party_name(n or "").split(" / "):
                    spread.setdefault(norm(part.strip()), set()).add(r["country"])
        for r in rows:
            code = r["country"].strip()
            if code not in self.countries or self.countries[code][1] != "country":
                continue
            sh = share(r)
            full = clean_party_name(r.get("name_english") or r.get("name") or "")
            if not full or norm(full) in PARTY_GENERIC:
                continue
            start = f"{r['year_first']}-01-01" if r.get("year_first", "").isdigit() else ""
            end = f"{int(r['year_last']) + 1}-01-01" if r.get("year_last", "").isdigit() else ""
            forms: list[tuple[str, bool]] = []
            for n in {full, clean_party_name(r.get("name") or "")} - {""}:
                merged = " / " in n     # "Progressive / Democratic / Reform Party": a merger's
                for part in n.split(" / "):    # one-word fragments are adjectives, not names
                    part = part.strip()
                    words = norm(part).split()
                    if len(spread.get(norm(part), ())) > 1:
                        continue
                    if len(words) >= 2 and len(part) >= 8:
                        forms.append((part, False))
                    elif len(words) == 1 and sh >= 5 and norm(part) not in stop and part[:1].isupper() \
                            and not (merged and english_word(part)):
                        forms.append((part, False))
            short = (r.get("name_short") or "").strip()
            letters = re.sub(r"[^A-Za-z]", "", short)
            if short and norm(short) not in stop and letters:
                if letters.isupper() and (len(letters) >= 3 or (len(letters) == 2 and sh >= 10)):
                    forms.append((short, True))
                    if len(letters) >= 5 and short.isalpha() and sh >= 5:   # SYRIZA is written Syriza
                        forms.append((short.capitalize(), False))
                elif not letters.isupper() and sh >= 5 and (len(letters) >= 4 or
                                                            any(ch.isupper() for ch in letters[1:])):
                    forms.append((short, False))      # "Podemos", "PiS", "AfD"
            keep = []
            for f, upper in forms:
                k = norm(f)
                if self.taken(k) or any(self.entries[i]["kind"] != "organisation" or
                                        not self.entries[i]["key"].startswith("pf:")
                                        for i in self.names.get(k, ())):
                    continue   # the hand tables and Phoenix win; never shadow a country or role
                keep.append((f, upper))
            if not keep:
                continue
            idx = self.new_entry(f"pf:{r['partyfacts_id']}", display_name(full, [short]),
                                 "organisation", [[code + sector, start, end]],
                                 aliases=[f for f, _ in keep if f != full])
            for f, upper in keep:
                self.add_name(f, idx, upper=upper)
                counts["names"] += 1
            counts["parties"] += 1
        return counts

    # -- indexes that depend on everything
    def index_surnames(self) -> None:
        for idx, ent in enumerate(self.entries):
            if ent["kind"] != "person" or ent.get("nosurname"):
                continue   # data-set persons are found by their full names only
            country = next((split_code(r[0])[0] for r in ent["roles"]), None)
            forms = [ent["name"], *ent["aliases"]]
            for f in forms:
                toks = [t for t in norm(f).split() if t not in STOP_SURNAMES]
                if not toks:
                    continue
                cands = {toks[-1]} if len(toks) > 1 else {toks[0]}
                if len(toks) > 1 and country in FAMILY_NAME_FIRST:
                    cands.add(toks[0])
                for t in cands:
                    if len(t) < 2:
                        continue
                    lst = self.surnames.setdefault(t, [])
                    if idx not in lst:
                        lst.append(idx)

    def drop_shadowed_names(self) -> None:
        """Names that are seats, capitals or countries resolve through those tables only."""
        for k in list(self.names):
            if k in self.seats or k in self.capitals or k in self.country_names:
                del self.names[k]

    def dump(self) -> dict:
        def trim(role):   # drop trailing defaults: [code, start, end, office, top, stale]
            role = list(role)
            while len(role) > 3 and role[-1] in ("", 0):
                role.pop()
            return role
        entries = [[e["name"], e["kind"], [trim(r) for r in e["roles"]], e["gender"]]
                   for e in self.entries]
        return {
            "format": FORMAT_VERSION,
            "phoenix_horizon": PHOENIX_HORIZON,
            "sources": self.sources,
            "entries": entries,
            "names": self.names,
            "surnames": self.surnames,
            "upper_only": sorted(self.upper_only - self.mixed_case),
            "countries": self.countries,
            "country_names": self.country_names,
            "demonyms": self.demonyms,
            "capitals": self.capitals,
            "seats": self.seats,
            "places": self.places,
            "roles": self.roles,
            "successions": self.successions,
        }


# ---------------------------------------------------------------------------- data-set copies

DATASET_LICENCES = {
    "everypolitician": "CC0 1.0 (EveryPolitician data, everypolitician.org; the snapshot's README has no licence line)",
    "partyfacts": "MIT (LICENSE.md of hdigital/partyfactsdata; Party Facts, Döring & Regel 2019)",
    "uscongress": "CC0 1.0 (unitedstates/congress-legislators README and LICENSE: public domain dedication)",
}
# unitedstates/congress-legislators: the current members file at these dates (each holds every
# term of the members serving then), and the last commit that still had the historical CSV.
USCONGRESS_SNAPSHOTS = ("2013-03-01", "2015-03-01", "2017-03-01", "2019-03-01", "2021-03-01",
                        "2023-03-01", "2025-03-01", "HEAD")
USCONGRESS_HISTORICAL = ("8112283f16931e4a378067b77b9cad4edb09e2e5", "legislators-historical.csv")


def uscongress_terms_tsv(yaml_bytes: bytes) -> bytes:
    """legislators-current.yaml → one row per term (bioguide, names, gender, type, start, end)."""
    import yaml   # PyYAML, only needed to copy this data set
    out = io.StringIO()
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(["bioguide", "names", "known_as", "gender", "type", "start", "end"])
    for p in yaml.safe_load(yaml_bytes):
        n = p.get("name", {})
        names = [n.get("official_full", ""), f"{n.get('first', '')} {n.get('last', '')}"]
        if n.get("nickname"):
            names.append(f"{n['nickname']} {n.get('last', '')}")
        names = [" ".join(x.split()) for x in names if x and x.strip()]
        known_as = names[-1] if n.get("nickname") else names[0]
        gender = (p.get("bio", {}).get("gender") or "").lower()
        for t in p.get("terms", []):
            w.writerow([p["id"]["bioguide"], "|".join(dict.fromkeys(names)), known_as, gender, t.get("type", ""),
                        str(t.get("start", "")), str(t.get("end", ""))])
    return out.getvalue().encode("utf-8")


def git_show(gitdir: Path, rev_path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(gitdir), "show", rev_path], check=True,
                          capture_output=True).stdout


def extract(name: str, gitdir: Path, dest: Path, terms: int = 2) -> list[list[str]]:
    """Copy the files a data set needs out of a git mirror into dest/name/; manifest rows back."""
    commit = subprocess.run(["git", "--git-dir", str(gitdir), "rev-parse", "HEAD"], check=True,
                            capture_output=True, text=True).stdout.strip()
    repo = gitdir.parent.name.replace("+", "/") if gitdir.name in ("repo", ".git") else gitdir.name
    if gitdir.name == ".git":
        repo = gitdir.parent.parent.name.replace("+", "/")
    paths: list[str] = []
    if name == "everypolitician":
        index = json.loads(git_show(gitdir, f"{commit}:countries.json"))
        paths.append("countries.json")
        for c in index:
            for leg in c["legislatures"]:
                periods = sorted(leg["legislative_periods"], key=lambda p: p.get("start_date", ""),
                                 reverse=True)
                paths += [p["csv"] for p in periods[:terms] if p.get("csv")]
    elif name == "partyfacts":
        paths.append("import/elecglob/partyfacts-core-parties.csv")
    elif name == "uscongress":
        rows = []
        for when in USCONGRESS_SNAPSHOTS:
            rev = commit if when == "HEAD" else subprocess.run(
                ["git", "--git-dir", str(gitdir), "rev-list", "-1", f"--before={when}", commit, "--",
                 "legislators-current.yaml"], check=True, capture_output=True, text=True).stdout.strip()
            if not rev:
                continue
            data = uscongress_terms_tsv(git_show(gitdir, f"{rev}:legislators-current.yaml"))
            day = subprocess.run(["git", "--git-dir", str(gitdir), "log", "-1", "--format=%cs", rev],
                                 check=True, capture_output=True, text=True).stdout.strip()
            out = dest / name / f"terms-{day}.tsv"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
            rows.append([name, repo, rev, f"legislators-current.yaml → {out.name}", DATASET_LICENCES[name],
                         hashlib.sha256(data).hexdigest()[:12]])
        rev, path = USCONGRESS_HISTORICAL
        data = git_show(gitdir, f"{rev}:{path}")
        (dest / name / path).write_bytes(data)
        rows.append([name, repo, rev, path, DATASET_LICENCES[name], hashlib.sha256(data).hexdigest()[:12]])
        return rows
    else:
        raise SystemExit(f"unknown data set {name!r} (everypolitician, partyfacts, uscongress)")
    rows = []
    for path in paths:
        out = dest / name / path
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            data = git_show(gitdir, f"{commit}:{path}")
        except subprocess.CalledProcessError:
            continue
        out.write_bytes(data)
        rows.append([name, repo, commit, path, DATASET_LICENCES[name], hashlib.sha256(data).hexdigest()[:12]])
    return rows


_ENGLISH: set[str] | None = None


def english_word(word: str) -> bool:
    """A common English word (the spaCy model's WordNet-derived lemma index): "Democratic",
    "Family", "Fatherland" as one fragment of a merged party's name are words, not names."""
    global _ENGLISH
    if _ENGLISH is None:
        from readout.config import load_config
        from readout.nlp.model import load_model
        index = load_model(load_config().model).get_pipe("lemmatizer").lookups.get_table("lemma_index")
        _ENGLISH = {w for words in index.values() for w in words}
    w = word.lower()
    return w in _ENGLISH or (w.endswith("s") and w[:-1] in _ENGLISH)


def clean_party_name(s: str) -> str:
    """'The Republic Onwards!' → 'Republic Onwards!'; bracketed glosses and quotes dropped."""
    s = re.sub(r"\s*[\(\[][^\)\]]*[\)\]]", "", s or "")
    s = s.replace('"', "").replace("“", "").replace("”", "")
    s = re.sub(r"^(The|the)\s+", "", " ".join(s.split()))
    return s.strip()


def iso_day(s: str) -> str:
    """'2013' → '2013-01-01', '2013-09' → '2013-09-01', '2013-09-07' unchanged; '' when unreadable."""
    s = (s or "").strip()
    if re.fullmatch(r"\d{4}", s):
        return s + "-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", s):
        return s + "-01"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return s
    return ""


def file_digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()[:12]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phoenix", type=Path, default=PHOENIX_DEFAULT,
                    help="folder with the Phoenix dictionaries (default: ../shared/data/actors)")
    ap.add_argument("--datasets", type=Path, default=DATASETS_DEFAULT,
                    help="folder of data-set copies with MANIFEST.tsv (default: ../shared/data/actors/datasets)")
    ap.add_argument("--extract", action="append", default=[], metavar="NAME=GITDIR",
                    help="copy a data set (everypolitician, partyfacts) out of a git mirror into --datasets, then build")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    if args.extract:
        manifest = args.datasets / "MANIFEST.tsv"
        old = [l.split("\t") for l in manifest.read_text("utf-8").splitlines()[1:]] if manifest.exists() else []
        names = {spec.split("=", 1)[0] for spec in args.extract}
        rows = [r for r in old if r and r[0] not in names]
        for spec in args.extract:
            name, _, gitdir = spec.partition("=")
            rows += extract(name, Path(gitdir), args.datasets)
        args.datasets.mkdir(parents=True, exist_ok=True)
        manifest.write_text("dataset\trepository\tcommit\tpath\tlicence\tsha256\n"
                            + "".join("\t".join(r) + "\n" for r in rows), "utf-8")
        print(f"copied {len(rows)} files into {args.datasets}", file=sys.stderr)

    b = Builder()
    hand = {name: KNOW / name for name in ("countries.tsv", "organisations.tsv", "leaders.tsv", "roles.tsv",
                                           "successions.tsv")}
    b.read_countries(hand["countries.tsv"])
    b.read_successions(hand["successions.tsv"])
    org_keys = b.read_organisations(hand["organisations.tsv"])
    leader_keys = b.read_leaders(hand["leaders.tsv"])
    b.hand_persons = set(leader_keys.values())
    b.read_roles(hand["roles.tsv"])
    hand["institutions.tsv"] = KNOW / "institutions.tsv"
    hand["sectors.tsv"] = KNOW / "sectors.tsv"
    hand["stop_names.txt"] = KNOW / "stop_names.txt"
    org_keys.update({k: v for k, v in b.read_organisations(hand["institutions.tsv"]).items()
                     if k not in org_keys})
    dataset_sectors = b.read_sectors(hand["sectors.tsv"])
    stop = {norm(l) for l in hand["stop_names.txt"].read_text("utf-8").splitlines()
            if l.strip() and not l.startswith("#")}
    for name, p in hand.items():
        b.sources[name] = f"readout hand-written table (public record), sha256 {file_digest(p)}"

    counts = {}
    if args.phoenix.is_dir():
        px = args.phoenix
        counts["agents"] = b.read_phoenix_agents(px / "Phoenix.agents.txt")
        for fname, is_country in (("Phoenix.Countries.actors.txt", True),
                                  ("Phoenix.International.actors.txt", False),
                                  ("Phoenix.MilNonState.actors.txt", False)):
            counts[fname] = b.read_phoenix_actors(px / fname, leader_keys, org_keys, is_country)
        for fname in ("Phoenix.agents.txt", "Phoenix.Countries.actors.txt",
                      "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
            b.sources[fname] = (f"openeventdata/petrarch2 petrarch2/data/dictionaries @ 676801c, MIT; "
                                f"sha256 {file_digest(px / fname)}")
    else:
        print(f"note: no Phoenix folder at {args.phoenix}; building from the hand tables only",
              file=sys.stderr)
    manifest = args.datasets / "MANIFEST.tsv"
    if manifest.exists():
        rows = [l.split("\t") for l in manifest.read_text("utf-8").splitlines()[1:] if l.strip()]
        sets = {}
        for name, repo, commit, path, licence, sha in rows:
            sets.setdefault(name, []).append((repo, commit, path, licence, sha))
        if "everypolitician" in sets:
            counts["everypolitician"] = b.read_everypolitician(args.datasets / "everypolitician",
                                                               dataset_sectors["legislator"])
        if "partyfacts" in sets:
            p = args.datasets / "partyfacts" / "import/elecglob/partyfacts-core-parties.csv"
            counts["partyfacts"] = b.read_partyfacts(p, dataset_sectors["party"], stop)
        if "uscongress" in sets:
            counts["uscongress"] = b.read_uscongress(args.datasets / "uscongress", dataset_sectors["legislator"])
        for name, files in sorted(sets.items()):
            repo, commit, _, licence, _ = files[0]
            digest = hashlib.sha256("".join(f[4] for f in files).encode()).hexdigest()[:12]
            shown = files[0][2] if len(files) == 1 else f"{len(files)} files ({files[0][2]} …)"
            b.sources[f"dataset:{name}"] = f"{repo} @ {commit[:12]}: {shown}; {licence}; sha256 of files {digest}"
    else:
        print(f"note: no data sets at {args.datasets}; building without them", file=sys.stderr)
    b.index_surnames()
    b.drop_shadowed_names()
    data = b.dump()
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    args.out.write_text(text, "utf-8")
    print(f"wrote {args.out} ({len(text) / 1e6:.2f} MB): {len(data['entries'])} entries, "
          f"{len(data['names'])} names, {len(data['surnames'])} surnames, "
          f"{len(data['places'])} places, {len(data['roles'])} role words; phoenix {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
