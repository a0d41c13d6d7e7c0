"""Phrase → actor: names, titles, role phrases and nationality cues, on a date.

`analyse(words)` reads a mention left to right into cues (country, role, former, honorific,
possessive pronoun) and a name; `resolve_words` turns that into a `Resolved` using the
knowledge tables only. The article stage adds what needs the article (who was named
before, coreference) on top; `resolve_actor` is the public entry point for one phrase.

Every lookup is a dict get on pre-normalised keys; nothing scans candidates fuzzily.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..records import Actor, stable_id
from .knowledge import ActorKnowledge, Entry, Role, TitleSpec, knowledge, split_code, title_table
from .normalize import article_name, article_variants, norm, norm_word, singular

HONORIFICS = frozenset("""mr mrs ms miss dr sir dame madam madame lord lady mister monsieur herr
comrade mme mlle""".split())
DETERMINERS = frozenset("the a an this that these those".split())
INDEFINITE = frozenset("a an".split())
POSSESSIVE_PRONOUNS = frozenset("his her their its our my your".split())
FORMER_WORDS = frozenset("former ex then late erstwhile onetime one-time".split())
SKIP_WORDS = frozenset("""acting interim incumbent current new newly elected incoming outgoing top
senior veteran longtime long-time embattled powerful hardline hardliner influential
sitting serving""".split())
# Words that make a role someone else's: a deputy minister is not the minister, and an acting
# or interim holder need not be the person the knowledge lists for the office. A compound with
# its own row in roles.tsv ("vice president", "deputy prime minister") keeps that row.
DEPUTY_WORDS = frozenset("deputy vice acting interim assistant under associate".split())
POST_HEAD_STOP = frozenset("to in at for from with on by who which that said says".split())
MAX_WORDS = 7
ORG_HINT_WORDS = frozenset("""ministry party council agency committee front movement bank court union
organisation organization office department commission service corps brigade army forces police
group fund foundation institute university company corporation network news times post daily
tv radio""".split())
# Names that are never actors (issue 14): days and months (a calendar), social networks and
# messaging services (the platform a statement was posted on, not who made it; "a Twitter
# spokesman" is the company's), and documents: a name whose head is one of DOCUMENT_HEADS
# ("the Paris Agreement", "the Constitution", "the Minsk agreements", "the Second Amendment").
# Sources: the Gregorian calendar; the platforms most cited in news (Wikipedia, "List of social
# platforms with at least 100 million active users", 2024); CAMEO codes actors, not documents.
CALENDAR_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday mon tue tues wed
thu thur thurs fri sat sun january february march april may june july august september october
november december jan feb mar apr jun jul aug sep sept oct nov dec""".split())
PLATFORMS = frozenset("""twitter facebook instagram youtube tiktok whatsapp telegram snapchat linkedin
reddit wechat weibo tumblr pinterest periscope vine threads bluesky mastodon gab parler rumble
twitch discord viber vkontakte douyin qq kuaishou""".split()) | frozenset(("truth social",))
DOCUMENT_HEADS = frozenset("""agreement agreements accord accords treaty treaties constitution amendment
amendments act acts protocol protocols charter declaration convention conventions pact deal
doctrine manifesto memorandum communique communiqué resolution resolutions statute bill""".split())
# ambiguous as a calendar word when it opens a name ("May" is also a surname, "Sun" a newspaper)
CALENDAR_NAMES = frozenset("may sun sat mar jan".split())


def non_actor_name(keys: list[str]) -> bool:
    """Whether the normalised words of a name are a day, month, platform or document."""
    if not keys:
        return False
    if keys[-1] in DOCUMENT_HEADS:
        return True
    if all(w in CALENDAR_WORDS or w.isdigit() for w in keys):
        return not (len(keys) == 1 and keys[0] in CALENDAR_NAMES)
    return " ".join(keys) in PLATFORMS


TOKEN_RE = re.compile(r"[\w][\w.\-'’]*|,")
LOCATIVE_PREPS = frozenset("""in at near inside within throughout across around outside into onto
through via""".split())


@dataclass(slots=True)
class Cues:
    """What the words around a name say about it."""
    country: str | None = None
    country_how: str = ""               # demonym | name | possessive | of | capital | seat
    org: Entry | None = None            # an organisation modifier ("NATO chief")
    role: list | None = None            # roles.tsv row: [sector, kind, offices, flags]
    role_phrase: str = ""
    former: bool = False
    honorific: str = ""
    possessive_pronoun: str = ""
    platform: str = ""                  # "a Twitter spokesman": the platform's company
    seat: str = ""                      # a seat/capital standing alone ("the Kremlin")
    deputy: str = ""                    # "deputy", "vice", "acting" … before a role without a row of its own
    determiner: str = ""                # the article the phrase opens with ("a", "the")


@dataclass(slots=True)
class Analysis:
    cues: Cues
    name_words: list[str] = field(default_factory=list)   # unknown capitalised words
    name_key: str = ""                  # a known name found in the words
    name_entries: list[Entry] = field(default_factory=list)
    country_only: str | None = None     # the words are just a country / demonym
    place_only: str | None = None       # the words are just a place (city, region)
    name_tokens: list[str] = field(default_factory=list)  # normalised words of name_words


@dataclass(slots=True)
class Resolved:
    key: str
    name: str
    country: str | None
    sector: str | None
    code: str | None
    kind: str
    how: str
    entry: Entry | None = None
    gender: str = ""
    flags: tuple[str, ...] = ()
    offices: tuple[str, ...] = ()
    state: str = ""
    # a bare surname left unresolved for want of context: the knowledge persons it may be,
    # and the cues read around it (the article stage decides with the article's country)
    cands: tuple[Entry, ...] = ()
    cues: Cues | None = None

    def to_actor(self, doc_id: str = "") -> Actor:
        return Actor(id=stable_id(doc_id, self.key), name=self.name, country=self.country,
                     sector=self.sector, code=self.code, kind=self.kind, mentions=[])


def words_of(text: str) -> list[str]:
    """Words of a phrase with possessive endings split off: "China's envoy" → China 's envoy."""
    out: list[str] = []
    for w in TOKEN_RE.findall(text):
        w = w.rstrip(".") if w.endswith(".") and w.count(".") == 1 else w
        lw = w.replace("’", "'")
        if lw.endswith("'s") and len(lw) > 2:
            out += [w[:-2], "'s"]
        elif lw.endswith("s'") and len(lw) > 2:
            out += [w[:-1], "'s"]
        else:
            out.append(w)
    return out


def _capitalised(w: str) -> bool:
    return w[:1].isupper() or w[:1].isdigit() or article_name(w)


def case_ok(k: ActorKnowledge, key: str, surface: str) -> bool:
    """Acronym keys ("WHO", "US", "AP") only match text written in capitals."""
    if key in k.upper_only:
        letters = [c for c in surface if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)
    return True


def analyse(words: list[str], k: ActorKnowledge | None = None) -> Analysis:
    """Read a mention's words into cues and a name."""
    k = k or knowledge()
    keys = [norm_word(w) for w in words]
    n = len(words)
    cues = Cues()
    a = Analysis(cues)
    i = 0
    seen_head = False
    while i < n:
        key, w = keys[i], words[i]
        if not key or key == "'s":
            i += 1
            continue
        if key in DETERMINERS:
            if not cues.determiner and not seen_head:
                cues.determiner = key
            if i + 1 < n:   # "the West", "the Gambia": a few names include their article
                two = key + " " + keys[i + 1]
                if two in k.country_names and _capitalised(words[i + 1]):
                    cues.country = cues.country or k.country_names[two]
                    cues.country_how = cues.country_how or "name"
                    i += 2
                    continue
            i += 1
            continue
        if key in POSSESSIVE_PRONOUNS:
            cues.possessive_pronoun = key
            i += 1
            continue
        if key in FORMER_WORDS or (key.startswith("ex-") and len(key) > 3):
            cues.former = True
            if key.startswith("ex-"):
                keys[i] = key[3:]
                words[i] = w[3:]
                continue
            i += 1
            continue
        if key.startswith("then-") and len(key) > 5:
            keys[i], words[i] = key[5:], w[5:]
            continue
        if key in HONORIFICS:
            cues.honorific = key
            i += 1
            continue
        if key == ",":
            if seen_head:   # an apposition: "Xi Jinping, China's president" adds cues
                sub = analyse(words[i + 1:], k)
                if cues.country is None and sub.cues.country:
                    cues.country, cues.country_how = sub.cues.country, sub.cues.country_how
                if cues.role is None and sub.cues.role:
                    cues.role, cues.role_phrase = sub.cues.role, sub.cues.role_phrase
                cues.former = cues.former or sub.cues.former
                break
            i += 1
            continue
        if seen_head and key in POST_HEAD_STOP:
            break
        if seen_head and key == "of":
            sub = analyse(words[i + 1:], k)
            if cues.country is None:
                c = sub.country_only or sub.cues.country
                if c:
                    cues.country, cues.country_how = c, "of"
            if cues.org is None and sub.name_entries and sub.name_entries[0].kind == "igo":
                cues.org = sub.name_entries[0]
            break
        if key in PLATFORMS and _capitalised(w) and not a.name_words and i + 1 < n:
            cues.platform = w
            i += 1
            continue
        if key in DEPUTY_WORDS and i + 1 < n and not _role_compound(keys, i, k) \
                and _role_follows(keys, i + 1, k):
            cues.deputy = key
            i += 1
            continue
        matched = _match_at(words, keys, i, k, a)
        if matched:
            i += matched[0]
            seen_head = seen_head or matched[1]
            continue
        if key in SKIP_WORDS:
            i += 1
            continue
        if _capitalised(w):
            a.name_words.append(w)
            seen_head = True
        elif a.name_words and key in NAME_PARTICLES and i + 1 < n and _capitalised(words[i + 1]):
            a.name_words.append(w)      # "Bill de Blasio", "Ursula von der Leyen"
        elif seen_head:
            break
        i += 1
    a.name_tokens = norm(" ".join(a.name_words)).split() if a.name_words else []
    # a lone country, demonym or place (no role, no name) is that country or place
    if cues.role is None and not a.name_words and not a.name_entries:
        if cues.country and cues.country_how in ("name", "demonym"):
            a.country_only = cues.country
    return a


NAME_PARTICLES = frozenset("de da das do dos du del della di van von der den ter bin ibn al el le la abu".split())


def _name_continues(words, keys, j: int, k: ActorKnowledge) -> bool:
    """Whether a name goes on at word j (a capitalised word or a particle before one) that is
    not a role, country or demonym."""
    if j < len(words) and keys[j] in NAME_PARTICLES and j + 1 < len(words):
        j += 1
    if j >= len(words) or not words[j][:1].isupper():
        return False
    key = keys[j]
    return not (key in k.roles or key in k.demonyms or key in k.country_names or key in POST_HEAD_STOP
                or key in HONORIFICS)


def _after_person_title(keys, i: int, cues: Cues) -> bool:
    """Whether word i comes right after a person's title or an honorific ("Senator Murray",
    "Mr Murray"): a name there, even one spelt like a place."""
    if cues.honorific and i >= 1 and keys[i - 1] == cues.honorific:
        return True     # "Mr Murray"
    row = cues.role
    if row is None or row[1] != "person" or "title" not in (row[3] or ()) or not cues.role_phrase:
        return False
    n = len(cues.role_phrase.split())
    return i >= n and " ".join(keys[i - n:i]) == cues.role_phrase


def _role_follows(keys, i: int, k: ActorKnowledge) -> bool:
    """Whether a role word comes at word i, past nationality words ("acting US president")."""
    while i < len(keys) and (keys[i] in k.demonyms or keys[i] in k.country_names or keys[i] == "'s"):
        i += 1
    return i < len(keys) and (keys[i] in k.roles or singular(keys[i]) in k.roles or _role_compound(keys, i, k))


def _role_compound(keys, i: int, k: ActorKnowledge) -> bool:
    """Whether a role phrase of two or more words starts at word i."""
    for L in (4, 3, 2):
        if i + L <= len(keys) and " ".join(keys[i:i + L]) in k.roles:
            return True
    return False


def _match_at(words, keys, i, k: ActorKnowledge, a: Analysis):
    """Longest dictionary match starting at word i: (words used, is a head) or None."""
    cues = a.cues
    n = len(words)
    longest = k.max_words().get(keys[i], 0)
    for L in range(min(MAX_WORDS, n - i, longest), 0, -1):
        key = " ".join(keys[i:i + L])
        surface = " ".join(words[i:i + L])
        poss = i + L < n and keys[i + L] == "'s"
        cap = _capitalised(words[i])
        if cap and key in k.names and case_ok(k, key, surface) and not a.name_entries:
            entries = k.entries_named(key)
            if key in k.country_names or key in k.demonyms:
                pass  # countries are read below
            elif a.name_words and all(e.kind == "person" for e in entries):
                pass  # "Tara Reid": a known surname inside an unknown full name is not that person
            elif not poss and all(e.kind == "person" for e in entries) and _name_continues(words, keys, i + L, k):
                pass  # "Bill de Blasio": a known one-word name opening a longer name is not that person
            else:
                rest = i + L + (1 if poss else 0)
                if rest < n and all(e.kind != "person" for e in entries) and keys[rest] not in (",", "of") \
                        and keys[rest] not in POST_HEAD_STOP:
                    # "UN Secretary-General …", "NATO chief", "Reuters news agency": a modifier
                    if cues.org is None:
                        cues.org = entries[0]
                    return rest - i, False
                a.name_key = key
                a.name_entries = entries
                return rest - i, True
        if cap and key in k.country_names and case_ok(k, key, surface):
            if cues.country is None:
                cues.country = k.country_names[key]
                cues.country_how = "possessive" if poss else "name"
            return L + (1 if poss else 0), False
        if cap and key in k.demonyms and case_ok(k, key, surface):
            if cues.country is None:
                cues.country, cues.country_how = k.demonyms[key], "demonym"
            return L, False
        if cap and (key in k.seats or key in k.capitals):
            target = k.seats.get(key) or ("gov:" + k.capitals[key])
            if target.startswith("gov:"):
                if cues.country is None:
                    cues.country, cues.country_how = target[4:], ("seat" if key in k.seats else "capital")
                cues.seat = key
            elif target.startswith("entry:") and cues.org is None:
                cues.org = k.entry(int(target[6:]))
                cues.seat = key
            return L + (1 if poss else 0), False
        if key in k.roles:
            cues.role = k.roles[key]
            cues.role_phrase = key
            return L, True
        if cap and key in k.places and not a.name_words and not _after_person_title(keys, i, cues):
            nxt = keys[i + L] if i + L < n else ""
            if nxt and (nxt in k.roles or nxt in HONORIFICS):
                # "Massachusetts Sen. Elizabeth Warren": a place before a title gives the country
                if cues.country is None:
                    cues.country, cues.country_how = k.places[key], "place"
                return L, False
            if not nxt and (L == 1 or i == 0):
                a.place_only = k.places[key]
                return L, False
    # plural agent words not listed ("diplomats" when only "diplomat" is)
    key = keys[i]
    if key not in k.roles and key.endswith("s"):
        sing = singular(key)
        if sing in k.roles:
            row = k.roles[sing]
            cues.role = [row[0], "group", row[2], row[3]]
            cues.role_phrase = key
            return 1, True
    return None


# ---------------------------------------------------------------------------- resolution

def role_name(phrase: str) -> str:
    """'ambassador to' → 'ambassador' (Phoenix agent phrases may end in a preposition)."""
    words = phrase.split()
    while len(words) > 1 and words[-1] in POST_HEAD_STOP | {"of"}:
        words.pop()
    return " ".join(words)


def country_actor(code: str, k: ActorKnowledge, how: str = "country") -> Resolved:
    name = k.country_name(code) or code
    return Resolved(key=f"country:{code}", name=name, country=code, sector=None, code=code,
                    kind="country", how=how)


def government_actor(code: str, k: ActorKnowledge, how: str = "metonymy") -> Resolved:
    name = k.country_name(code) or code
    if k.is_region(code):
        return Resolved(key=f"country:{code}", name=name, country=code, sector=None, code=code,
                        kind="country", how=how)
    return Resolved(key=f"gov:{code}", name=f"Government of {name}", country=code, sector="GOV",
                    code=code + "GOV", kind="organisation", how=how)


def entry_actor(e: Entry, k: ActorKnowledge, date: dt.date | None, cues: Cues | None = None,
                how: str = "name") -> Resolved:
    ca = k.code_at(e, date)
    code = ca.code
    country, sector = split_code(code, k.regions)
    if cues is not None and cues.former and e.kind == "person":
        contradicts = (ca.state == "current" and cues.role and ca.role is not None
                       and ca.role.office and ca.role.office in (cues.role[2] or ()))
        if ca.state in ("stale", "undated", "before") or contradicts:
            country = country or cues.country
            sector = "ELI"
            code = (country or "") + "ELI"
    if country is None and e.kind == "person" and cues is not None and cues.country \
            and sector not in ("IGO", "NGO"):
        country = cues.country
        code = country + (sector or "")
    kind = e.kind
    if kind == "organisation" and code and code[:3] == "IGO":
        kind = "igo"
    return Resolved(key=e.key, name=e.name, country=country, sector=sector, code=code or None,
                    kind=kind, how=how, entry=e, gender=e.gender, state=ca.state,
                    offices=((ca.role.office,) if ca.role and ca.role.office else ()))


def same_given_name(a: str, b: str) -> bool:
    """Spellings of one given name: equal, or sharing four letters (Sergei/Sergey, Dmitry/Dmitri)."""
    if a == b:
        return True
    n = min(len(a), len(b), 4)
    return n >= 3 and a[:n] == b[:n]


def pick_entry(cands: list[Entry], cues: Cues, date: dt.date | None, k: ActorKnowledge,
               first_name: str = "") -> Entry | None:
    """The most plausible of several entries sharing a name or surname."""
    if len(cands) == 1 and not cues.country and not first_name:
        return cands[0]
    best, best_score = None, None
    want_offices = tuple(cues.role[2]) if cues.role else ()
    for e in cands:
        ca = k.code_at(e, date)
        country, _ = split_code(ca.code, k.regions)
        s = {"current": 3.0, "stale": 2.0, "undated": 1.0, "former": 1.0, "before": 0.0}[ca.state]
        if cues.country:
            countries = {split_code(r.code, k.regions)[0] for r in e.roles}
            s += 4.0 if cues.country in countries else -4.0
        if any(r.office for r in e.roles):
            s += 1.5
        if want_offices and ca.role is not None and ca.role.office in want_offices:
            s += 2.0
        if cues.honorific and e.kind != "person":
            s -= 3.0
        if first_name:
            s += 1.0 if same_given_name(e.name_tokens[0], first_name) else -6.0
        if best_score is None or s > best_score:
            best, best_score = e, s
    return best


def entry_countries(e: Entry, k: ActorKnowledge) -> set[str]:
    return {c for c in (split_code(r.code, k.regions)[0] for r in e.roles) if c}


def title_spec(cues: Cues) -> TitleSpec | None:
    """The titles.toml row of the title read before a name ("Sen.", "Gov.", "President")."""
    if not cues.role or not cues.role_phrase:
        return None
    return title_table()[0].get(cues.role_phrase)


def role_fits(r: Role, cues: Cues, spec: TitleSpec | None, k: ActorKnowledge) -> bool:
    """Whether one role of a person is an office the title names: an office of the title
    ("President Ford": a president); with a titles.toml row, a legislator of unknown chamber
    where the title allows ("Sen. Warren": an EveryPolitician legislator of a country with a
    Senate) or a role of its sector when the row falls back to it; without one, its sector."""
    offices = set(cues.role[2] or ())
    if spec is not None:
        offices |= spec.offices
    if r.office and r.office in offices:
        return True
    country, sector = split_code(r.code, k.regions)
    if spec is None:
        want = (cues.role[0] or "")[:3]
        return bool(want) and sector == want
    if spec.chamber and sector == "LEG" and r.office in ("", "legislator"):
        return spec.chamber == "any" or country in title_table()[1]
    return spec.fallback and bool(spec.sector) and sector == spec.sector


def title_fits(e: Entry, cues: Cues, k: ActorKnowledge) -> bool:
    """Whether the title read before a surname fits an office the person held: an office of
    the title ("President Ford": a president), else its sector ("Sen. X": a legislator)."""
    if not cues.role:
        return False
    spec = title_spec(cues)
    if spec is None:
        offices = set(cues.role[2] or ())
        if offices and any(r.office in offices for r in e.roles if r.office):
            return True
    return any(role_fits(r, cues, spec, k) for r in e.roles)


def _tier_on(r: Role, d: str, former: bool, horizon: str) -> int:
    """How a fitting role stands on ISO day d: 1 = held (a dated role, or an open-ended one
    still within the data's horizon; a start is needed), 2 = maybe held (an open-ended data-set or Phoenix
    term read past the horizon, or one the knowledge ends after the horizon: the data no
    longer says who sits), 0 = not held. With `former`: 1 = a role left by then."""
    if former:
        return 1 if r.end and r.end <= d else 0
    if not r.start or d < r.start:
        return 0        # a term of unknown start (an earlier member of Congress) says nothing of d
    if not r.end or d < r.end:
        return 2 if (r.stale and d > horizon) else 1
    return 2 if r.end > horizon else 0


def title_holders(cands: list[Entry], cues: Cues, spec: TitleSpec, date: dt.date | None,
                  k: ActorKnowledge) -> list[Entry]:
    """The persons among `cands` who held an office fitting the title on the date (who had
    left one by then, after "former"); every fitting person when no date is known. Entries
    of one name and country (a hand-written person and their data-set twin) count once.
    Those surely holding it come first; only when there are none, those who may (see
    `_tier_on`). Within a tier, one holder of the title's own office ("senator") is
    preferred over legislators of unknown chamber; otherwise a tier of several is returned
    whole (ambiguous)."""
    d = date.isoformat() if date else None
    tiers: dict[int, dict[tuple, list[tuple[Entry, bool]]]] = {1: {}, 2: {}}
    offices = set(cues.role[2] or ()) | spec.offices
    for e in cands:
        if e.kind != "person":
            continue
        fits = [r for r in e.roles if role_fits(r, cues, spec, k)]
        best: dict[int, list[Role]] = {}
        for r in fits:
            t = 1 if d is None else _tier_on(r, d, cues.former, k.horizon)
            if t:
                best.setdefault(t, []).append(r)
        if not best or (cues.former and d is not None
                        and any(_tier_on(r, d, False, k.horizon) == 1 for r in fits)):
            continue    # "former Sen. Brown" is not a sitting senator with an earlier term
        t = min(best)
        c = split_code(best[t][0].code, k.regions)[0]
        exact = any(r.office in offices for r in best[t] if r.office)
        tiers[t].setdefault((e.name_tokens, c), []).append((e, exact))
    for t in (1, 2):
        groups = tiers[t]
        if not groups:
            continue
        held = [(g[0][0] if len(g) == 1 else pick_entry([e for e, _ in g], cues, date, k),
                 any(x for _, x in g)) for g in groups.values()]
        exact = [e for e, x in held if x]
        if len(held) > 1 and len(exact) == 1:
            return exact
        return [e for e, _ in held]
    return []


def surname_match(cands: list[Entry], cues: Cues, date: dt.date | None, k: ActorKnowledge,
                  country: str | None = None) -> Entry | None:
    """The knowledge person a surname alone names, only with strong context: the country the
    text gives ("Russian Foreign Minister Lavrov") or `country` (the article's), else a title
    that fits the person's office when every such person is of one country. A surname alone
    never crosses countries: a US article's "Ginsburg" is not a Costa Rican namesake.

    A title of titles.toml is read on the date: the person is the one holder of a fitting
    office then among those of that surname (of the country, when one is known); when
    several are, nobody is ("Senator Brown" in 2016: a US and an Australian senator). A
    single-seat office (President) held by nobody of that name on the date falls back to
    anyone who held it ("President Ford" in 2016); a many-seat one (Sen., Gov.) does not."""
    if cues.role and "given" in cues.role[3]:
        return None     # "Prince Philip": a royal's given name, not a namesake's surname
    want = cues.country or country
    spec = title_spec(cues)
    if want and not k.is_region(want):
        fit = [e for e in cands if want in entry_countries(e, k)]
        if cues.role:
            titled = [e for e in fit if title_fits(e, cues, k)]
            if spec is not None and titled:
                held = title_holders(titled, cues, spec, date, k)
                if len(held) == 1:
                    return held[0]
                if held or spec.many:
                    return None
            fit = titled or ([] if cues.country is None else fit)
    elif cues.role:
        fit = [e for e in cands if title_fits(e, cues, k)]
        if spec is not None:
            held = title_holders(fit, cues, spec, date, k)
            if len(held) == 1:
                return held[0]
            if held or spec.many:
                return None
        if len({frozenset(entry_countries(e, k)) for e in fit}) != 1:
            return None     # "President Ford": a Panamanian and an American fit; the article decides
    else:
        return None
    if not fit:
        return None
    return pick_entry(fit, cues, date, k)


def role_actor(a: Analysis, words: list[str], k: ActorKnowledge, date: dt.date | None) -> Resolved | None:
    """A phrase naming an office or a group without a name ("the Chinese leader", "police")."""
    cues = a.cues
    sector_code, kind, offices, flags = cues.role[:4]
    country = cues.country
    if cues.deputy:
        # "the deputy foreign minister", "the acting president": nobody the office table names
        offices, flags = (), [f for f in flags if f not in ("top", "counterpart", "body")]
    if cues.org is not None and country is None:
        org = entry_actor(cues.org, k, date)
        if kind == "person" and date is not None and not cues.deputy and ("top" in flags or offices or cues.role_phrase in ("chief", "head")):
            holders = k.holders(org.code or "", (), False, date)
            if holders:
                return entry_actor(holders[0], k, date, cues, how="role")
        if kind != "person":
            return org
        phrase = (cues.deputy + " " if cues.deputy else "") + role_name(cues.role_phrase)
        return Resolved(key=f"role:{org.code}:{phrase}", name=f"{org.name} {phrase}",
                        country=org.country, sector=org.sector, code=org.code, kind="person", how="role",
                        flags=tuple(flags), offices=tuple(offices))
    if "pair" in flags:
        return Resolved(key="pair", name=" ".join(words), country=None, sector=None, code=None,
                        kind="group", how="pair", flags=tuple(flags))
    if country is None and "weak" in flags:
        return None
    spec = title_spec(cues) if kind == "person" else None
    if spec is not None and spec.many and cues.determiner in INDEFINITE and not cues.deputy:
        # "a US senator", "an MP": one of many holders, nobody in particular (and not a
        # senator named earlier in the article): the office's code only
        offices, flags = (), [f for f in flags if f not in ("top", "counterpart")]
    if kind == "person" and country and date is not None and ("top" in flags or offices) \
            and not cues.former and "counterpart" not in flags:
        holders = k.holders(country, tuple(offices), "top" in flags, date)
        if holders and (len(holders) == 1 or spec is None or not spec.many):
            # a many-seat office ("the US senator") names its holder only when there is one
            return entry_actor(holders[0], k, date, cues, how="role")
    if cues.platform:
        sector_code = "BUS"     # "a Twitter spokesman" speaks for the company
    sector = sector_code[:3]
    if cues.former:
        sector = "ELI"
        sector_code = "ELI"
    if "body" in flags and sector == "GOV" and country:
        return government_actor(country, k, how="role")
    if country and k.is_region(country) and "body" in flags:
        return country_actor(country, k, how="role")
    phrase = role_name(cues.role_phrase)
    if cues.deputy:
        phrase = f"{cues.deputy} {phrase}"
    if cues.platform:
        phrase = f"{cues.platform} {phrase}"
    cname = (k.demonym(country) + " ") if country else ""
    if kind == "person":
        key = f"role:{country}:{sector_code}:{phrase}"
        name = f"{cname}{phrase}".strip()
    elif kind == "group":
        key = f"group:{country}:{sector_code}:{singular(phrase)}"
        name = f"{cname}{phrase}".strip()
    else:
        key = f"body:{country}:{sector_code}:{phrase}"
        name = f"{cname}{phrase}".strip()
    code = (country or "") + sector_code
    return Resolved(key=key, name=name, country=country, sector=sector, code=code or None,
                    kind=kind, how="role", flags=tuple(flags), offices=tuple(offices))


def unknown_actor(a: Analysis, k: ActorKnowledge, kind_hint: str | None = None) -> Resolved:
    """A name not in the tables: the country and sector only come from cues in the text."""
    cues = a.cues
    name = " ".join(a.name_words)
    kind = kind_hint
    if kind is None:
        if cues.honorific or (cues.role and cues.role[1] == "person"):
            kind = "person"
        elif {norm(w) for w in a.name_words} & ORG_HINT_WORDS:
            kind = "organisation"
        else:
            kind = "person"
    sector_code = cues.role[0] if cues.role else ""
    if cues.former and kind == "person":
        sector_code = "ELI"
    country = cues.country
    if cues.org is not None:
        org = entry_actor(cues.org, k, None)
        if country is None:
            country, sector_code = org.country, (sector_code or org.sector or "")
        elif org.country == country and org.sector and cues.role and not cues.role[2] \
                and "top" in cues.role[3] and not cues.former:
            sector_code = org.sector   # "UK Independence Party leader Nigel Farage": the party's leader
    code = (country or "") + (sector_code or "")
    return Resolved(key=f"unknown:{kind}:{norm(name)}", name=name, country=country,
                    sector=(sector_code[:3] or None), code=code or None, kind=kind, how="name",
                    gender=("m" if cues.honorific in ("mr", "sir", "lord", "mister", "monsieur", "herr")
                            else "f" if cues.honorific in ("mrs", "ms", "miss", "dame", "madam", "madame",
                                                           "lady", "mme", "mlle") else ""))


_ANALYSES: dict[tuple, Analysis] = {}


def analyse_cached(words, k: ActorKnowledge) -> Analysis:
    """`analyse`, memoised by the words: the reading of a phrase does not depend on the date."""
    key = (id(k), tuple(words))
    a = _ANALYSES.get(key)
    if a is None:
        if len(_ANALYSES) > 100_000:
            _ANALYSES.clear()
        a = _ANALYSES[key] = analyse(list(words), k)
    return a


def _title_misfits(a: Analysis, k: ActorKnowledge) -> bool:
    """A known name of one word after a titles.toml title ("Senator Hassan") that fits none
    of the persons so named."""
    cues = a.cues
    if a.name_words or len(a.name_key.split()) != 1 or title_spec(cues) is None:
        return False
    if not all(e.kind == "person" for e in a.name_entries):
        return False
    return not any(title_fits(e, cues, k) for e in a.name_entries)


def _unique(entries) -> list[Entry]:
    out, seen = [], set()
    for e in entries:
        if e.index not in seen:
            seen.add(e.index)
            out.append(e)
    return out


def resolve_words(words: list[str], date: dt.date | None = None, k: ActorKnowledge | None = None,
                  kind_hint: str | None = None) -> Resolved | None:
    """The actor a mention's words name, from the knowledge tables alone."""
    k = k or knowledge()
    a = analyse_cached(words, k)
    cues = a.cues
    last = next((norm_word(w) for w in reversed(words) if norm_word(w) not in ("", ",", "'s")), "")
    if last in DOCUMENT_HEADS and last not in k.roles and not (a.name_entries and a.name_key.endswith(last)):
        return None     # "the Minsk agreements", "the Iran deal": a document
    if not a.name_entries and a.name_tokens and non_actor_name(a.name_tokens):
        return None     # "Twitter", "Monday", "the Paris Agreement": never actors
    if a.name_entries and not a.name_words and not cues.role and (
            a.name_key in PLATFORMS or a.name_key in CALENDAR_WORDS and a.name_key not in CALENDAR_NAMES):
        return None
    if a.name_entries and _title_misfits(a, k):
        # "Senator Hassan": a one-word name of someone who never held an office the title
        # names (a Jordanian prince) is a surname, read as one after a title
        surface = next((w for w in words if norm_word(w) == a.name_key), a.name_key)
        a = replace(a, name_words=[surface], name_tokens=[a.name_key], name_key="", name_entries=[])
    if a.name_entries:
        e = pick_entry(a.name_entries, cues, date, k, first_name="")
        if e is not None and e.kind == "person" and cues.country and not k.is_region(cues.country) \
                and cues.country_how in ("demonym", "of", "possessive", "name") \
                and cues.country not in {split_code(r.code, k.regions)[0] for r in e.roles}:
            # "King Hassan of Morocco" when the only Hassan known is Jordanian: a person of
            # the country the text says, not the namesake
            name = " ".join(w.capitalize() for w in a.name_key.split())
            sector = (cues.role[0][:3] if cues.role else "") or ("ELI" if cues.former else "")
            return Resolved(key=f"unknown:person:{norm(name)}:{cues.country}", name=name,
                            country=cues.country, sector=sector or None,
                            code=cues.country + sector, kind="person", how="title")
        if e is not None:
            how = "title" if (cues.role or cues.country or cues.honorific) else "name"
            return entry_actor(e, k, date, cues, how=how)
    if a.name_words:
        # a surname alone ("Mr Lavrov") or a name spelt differently ("Sergei Lavrov")
        toks = a.name_tokens
        if toks:
            cands = _unique(e for v in article_variants(toks[-1]) for e in k.entries_with_surname(v)
                            if e.kind == "person")
            if len(toks) == 1 and title_spec(cues) is not None:
                # "Sen. Warren": a title lets a surname name a data-set person too
                seen = {e.index for e in cands}
                cands += _unique(e for v in article_variants(toks[0]) for e in k.titled_surnames(v)
                                 if e.index not in seen)
            if cands and len(toks) > 1:
                first = toks[0]
                e = pick_entry(cands, cues, date, k, first_name=first)
                full = e.name_tokens if e is not None else []
                if e is not None and same_given_name(full[0], first) and len(full) == len(toks):
                    return entry_actor(e, k, date, cues, how="title" if cues.role else "name")
            elif cands:
                e = surname_match(cands, cues, date, k)
                if e is not None:
                    return entry_actor(e, k, date, cues, how="title" if cues.role else "name")
                r = unknown_actor(a, k, kind_hint)
                r.cands, r.cues = tuple(cands), cues
                return r
        return unknown_actor(a, k, kind_hint)
    if cues.role is not None:
        return role_actor(a, words, k, date)
    if cues.org is not None:
        return entry_actor(cues.org, k, date, cues, how="metonymy")
    if a.country_only:
        return country_actor(a.country_only, k, how="country" if cues.country_how == "name" else "demonym")
    if cues.seat and cues.country:
        return government_actor(cues.country, k)
    return None


MONTHS = {m: i + 1 for i, m in enumerate("january february march april may june july august september "
                                         "october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MONTH_YEAR = re.compile(r"([a-z]+)\.?,?\s+(\d{4})")
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ][\d:.]+(?:z|[+-][\d:]+)?)?")


def _parse_date(date) -> dt.date | None:
    """A date in a common written form: a date or datetime, "2022-04-12" (also with a time),
    "2022/04/12", "12 April 2022", "April 12, 2022", "Apr 12 2022", "April 2022" (the 15th),
    "2022" (1 July: the middle of the year). Anything else raises ValueError naming it."""
    if date is None:
        return None
    if isinstance(date, dt.datetime):
        return date.date()
    if isinstance(date, dt.date):
        return date
    text = " ".join(str(date).strip().lower().split()) if isinstance(date, (str, int)) else None
    try:
        if text:
            m = _ISO.fullmatch(text)
            if m:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            if re.fullmatch(r"\d{4}", text):
                return dt.date(int(text), 7, 1)
            m = _DAY_MONTH_YEAR.fullmatch(text)
            if m and m[2] in MONTHS:
                return dt.date(int(m[3]), MONTHS[m[2]], int(m[1]))
            m = _MONTH_DAY_YEAR.fullmatch(text)
            if m and m[1] in MONTHS:
                return dt.date(int(m[3]), MONTHS[m[1]], int(m[2]))
            m = _MONTH_YEAR.fullmatch(text)
            if m and m[1] in MONTHS:
                return dt.date(int(m[2]), MONTHS[m[1]], 15)
    except ValueError:
        pass    # "31 February 2022": a form we read, but no such day
    raise ValueError(f"date not understood: {date!r} (use a date, '2022-04-12', '12 April 2022', "
                     f"'April 12, 2022', 'April 2022' or '2022')") from None


def _is_place_in(text: str, context: str | None) -> bool:
    """True when the phrase itself or its use in `context` follows a locative preposition."""
    ws = words_of(text)
    if ws and norm(ws[0]) in LOCATIVE_PREPS:
        return True
    if context:
        i = context.find(text)
        if i > 0:
            before = words_of(context[:i])
            j = len(before) - 1
            while j >= 0 and norm(before[j]) in DETERMINERS:
                j -= 1
            if j >= 0 and norm(before[j]) in LOCATIVE_PREPS:
                return True
    return False


@lru_cache(maxsize=65536)
def _resolve_cached(text: str, context: str | None, date: dt.date | None) -> Resolved | None:
    k = knowledge()
    if _is_place_in(text, context):
        return None
    return resolve_words(words_of(text), date, k)


def resolve(text: str, context: str | None = None, date=None) -> Resolved | None:
    """Like `resolve_actor` but returns the internal `Resolved` (with the matched entry)."""
    return _resolve_cached(text.strip(), context, _parse_date(date))


def resolve_actor(text: str, context: str | None = None, date=None) -> Actor | None:
    """The actor a phrase names, or None ("Chinese President Xi Jinping" → Xi Jinping, CHN, GOV).

    `context` is the sentence the phrase was taken from (a place "met in Beijing" is not an
    actor); `date` picks the office held then: a date, or a string in a common written form
    ("2022-04-12", "12 April 2022", "April 12, 2022", "April 2022", "2022"; see `_parse_date`),
    else ValueError. Usable without an article.
    The returned Actor has no mentions; its id depends only on the canonical actor.
    """
    date = _parse_date(date)
    r = resolve(text, context, date)
    if r is None:
        return None
    actor = r.to_actor()
    if date is not None and actor.country:   # "Moscow" in 1985 is the Soviet government
        from .context import read_on_date
        read_on_date(actor, date, knowledge())
    return actor
