"""Candidate actor mentions in a parsed article: names, titles, role phrases, metonymy, places.

Three passes over the spaCy Doc, all dictionary lookups:
  1. a gazetteer scan: the longest known name, country, capital, seat or place starting at
     each capitalised token (keys pre-normalised; `first_words` skips most tokens at once);
  2. spaCy PERSON/ORG/GPE entities the gazetteer did not cover (unknown names);
  3. noun chunks headed by a role or agent word ("the Chinese leader", "Iranian protesters").
Names take the titles and nationality words in front of them ("former Russian President …").
A country, capital or seat is a place when it is the object of a locative preposition ("in
Beijing", "a visit to Moscow") and an agent otherwise ("Beijing has refused" → China's
government, "Moscow's dependence", "accusing the US" → the United States).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..nlp.text import parsed_text
from .knowledge import ActorKnowledge, split_code
from .normalize import article_name, norm, singular
from .resolve import (DETERMINERS, DOCUMENT_HEADS, FORMER_WORDS, HONORIFICS, LOCATIVE_PREPS, NAME_PARTICLES,
                      SKIP_WORDS, Resolved, case_ok, country_actor, entry_actor, government_actor, resolve_words)

MOTION_LEMMAS = frozenset("""visit trip travel go come fly return arrive move journey flee head tour
relocate escape land sail drive walk march deploy evacuate""".split())
PLACE_NOUNS = frozenset("""town city village capital province region district area port suburb
state county enclave outskirts neighbourhood neighborhood island""".split())
AGENT_DEPS = frozenset("nsubj nsubjpass agent dobj iobj dative poss appos conj attr oprd".split())
ENTITY_LABELS_PERSON = frozenset(("PERSON",))
ENTITY_LABELS_ORG = frozenset(("ORG",))
ENTITY_LABELS_PLACE = frozenset(("GPE", "LOC", "FAC"))
MAX_SPAN_TOKENS = 12
TITLE_STOP = frozenset("and or of to at in for the a an with by on".split())


@dataclass(slots=True)
class Mention:
    """One mention on its way to an actor (token span, resolution, and how it was found)."""
    start: int                    # token index
    end: int                      # token index, exclusive
    how: str
    resolved: Resolved | None = None
    needs: str = ""               # "" | role | pair | surname | pronoun — linking still to do
    head: int = -1                # token index of the syntactic head
    key: str = ""                 # final actor key after linking

    @property
    def is_person(self) -> bool:
        return self.resolved is not None and self.resolved.kind == "person"


@dataclass(slots=True)
class Place:
    start: int
    end: int
    name: str
    country: str | None
    locative: bool = True         # False: a GPE named attributively ("Ohio voters"), see geocode.py
    geo: object = None            # readout.records.Place from the gazetteer (geocode.py)


@dataclass(slots=True)
class Found:
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)


@dataclass(slots=True)
class Match:
    start: int
    end: int
    table: str       # name | country | capital | seat | place | demonym
    key: str


TABLE_ORDER = ("seat", "country", "capital", "name", "place", "demonym")


def _tables(k: ActorKnowledge):
    return {"seat": k.seats, "country": k.country_names, "capital": k.capitals, "name": k.names,
            "place": k.places, "demonym": k.demonyms}


def span_head(doc, start: int, end: int) -> int:
    """The token of [start, end) whose head lies outside the span (the last one if several)."""
    head = end - 1
    for i in range(start, end):
        h = doc[i].head.i
        if h < start or h >= end or h == i:
            head = i
    return head


def gazetteer_scan(doc, k: ActorKnowledge) -> list[Match]:
    """Longest dictionary matches over the tokens, left to right, without overlaps."""
    text = parsed_text(doc)
    fw = k.first_words()
    tables = _tables(k)
    out: list[Match] = []
    toks = list(doc)
    n = len(toks)

    def longest_at(i: int) -> Match | None:
        t = toks[i]
        w = t.text
        c0 = w[:1]
        if not (c0.isupper() or c0.isdigit() or t.lower_ == "the" or _article_opens_name(toks, i)):
            return None
        first = norm(w)
        maxc = fw.get(first) or fw.get(first.split("-", 1)[0])
        if not maxc:
            return None
        best = None
        start_char = t.idx
        j = i
        while j < n and j - i < MAX_SPAN_TOKENS:
            tj = toks[j]
            end_char = tj.idx + len(tj.text)
            if end_char - start_char > maxc + 4:
                break
            if j > i and ((tj.is_punct and tj.text not in ("-", "'", "’s", "'s"))
                          or "\n" in tj.text):
                break
            surface = text[start_char:end_char]
            key = norm(surface)
            if tj.text in ("'s", "’s"):
                j += 1
                continue
            for table in TABLE_ORDER:
                if key in tables[table] and case_ok(k, key, surface):
                    if t.lower_ == "the" and table not in ("country", "name"):
                        continue
                    if t.lower_ == "the" and not all(x.text[:1].isupper() or not x.is_alpha
                                                     for x in toks[i + 1:j + 1]):
                        continue    # "the party" in lower case is not a party called "The Party"
                    best = Match(i, j + 1, table, key)
                    break
            j += 1
        return best

    i = 0
    while i < n:
        best = longest_at(i)
        if best is not None and toks[i].lower_ == "the" and i + 1 < n:
            # "the West Bank": a longer name after the article beats "the West"
            after = longest_at(i + 1)
            if after is not None and after.end > best.end:
                best = after
        if best is not None:
            out.append(best)
            i = best.end
        else:
            i += 1
    return out


def _article_opens_name(toks, i: int) -> bool:
    """"al-Assad", "el-Sisi" tokenised al / - / Assad: the lower-case Arabic article opens a name."""
    return (i + 2 < len(toks) and toks[i].lower_ in ("al", "el") and toks[i + 1].text == "-"
            and not toks[i].whitespace_ and not toks[i + 1].whitespace_ and toks[i + 2].text[:1].isupper())


def _name_cased(text: str) -> bool:
    """A name's first letter is a capital, or it opens with a lower-case Arabic article."""
    return text[:1].isupper() or article_name(text.split()[0] if text.split() else text)


def _opens_with_particle(ent) -> bool:
    """A person entity that opens with a lower-case name particle ("bin Talal", "de Blasio")."""
    return (len(ent) >= 2 and ent[0].lower_ in NAME_PARTICLES and ent[0].text.islower()
            and ent[1].text[:1].isupper())


def _particle_name(doc, ent, k: ActorKnowledge, taken: set[int]):
    """The tagger often cuts a name at its particle: "Alwaleed bin Talal" tagged "bin Talal".
    The capitalised proper nouns right before it that are no title, honorific, nationality or
    country belong to the name; with none, the entity as it is (a name is capitalised)."""
    from spacy.tokens import Span
    tw = title_words(k)
    s = ent.start
    while s > 0 and s - 1 not in taken:
        t = doc[s - 1]
        key = norm(t.text)
        if not (t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha) or key in HONORIFICS \
                or key in tw.role_words or key in k.roles or key in k.demonyms or key in k.country_names \
                or "\n" in t.whitespace_:
            break
        s -= 1
    return Span(doc, s, ent.end, label=ent.label_) if s < ent.start else ent


def entity_map(ents) -> dict[int, tuple[int, int, str]]:
    """Token index → (start, end, label) of the entity it belongs to."""
    out = {}
    for ent in ents:
        for i in range(ent.start, ent.end):
            out[i] = (ent.start, ent.end, ent.label_)
    return out


def _inside_longer_entity(ent_of: dict, m: Match, labels: frozenset) -> bool:
    span = ent_of.get(m.start)
    if span is None or span[2] not in labels:
        return False
    start, end, _ = span
    return (start < m.start or end > m.end) and (end - start) > (m.end - m.start)


# Verbs whose "at" phrase is aimed at its object, not a place where something happens.
AT_TARGET_LEMMAS = frozenset(("lash", "hit", "rail", "jab", "swipe", "snipe", "scoff", "sneer", "laugh",
                              "shout", "yell", "aim", "fire", "shoot", "point", "strike", "lob", "hurl",
                              "throw", "direct", "level", "lunge", "swing", "bristle", "chafe"))


# Verbs whose with/against/on/at phrase names the other side of a confrontation ("clashed
# with protesters", "fired on demonstrators", "cracked down on students").
CONFRONTATION_LEMMAS = frozenset(("clash", "fight", "battle", "fire", "shoot", "crack", "open", "skirmish",
                                  "scuffle", "brawl", "tussle", "grapple", "wrestle", "spar"))


def is_locative(doc, head: int) -> bool:
    """Is the phrase headed at `head` a place (object of in/at/near…, or of a visit 'to')?"""
    p = doc[head]
    hops = 0
    while p.dep_ in ("conj", "appos", "compound") and p.head.i != p.i and hops < 4:
        if p.dep_ == "compound" and p.head.dep_ != "pobj":
            break
        p = p.head
        hops += 1
    if p.dep_ == "pobj":
        prep = p.head
        pl = prep.lower_
        if pl == "at" and prep.head.lemma_.lower() in AT_TARGET_LEMMAS:
            return False    # "lashed out at Turkey", "fired at the convoy": the target, not a place
        if pl in LOCATIVE_PREPS:
            return True
        if pl in ("to", "from", "toward", "towards") and prep.head.lemma_.lower() in MOTION_LEMMAS:
            return True
        if pl == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
            return True     # "the town of Samarra", "the Iraqi city of Basra"
    if p.dep_ == "npadvmod" and p.head.lemma_.lower() in MOTION_LEMMAS:
        return True
    return False


class TitleWords:
    """Words that may stand in a title before a name ("former", "Russian", "Foreign", "Minister")."""

    def __init__(self, k: ActorKnowledge):
        words = set()
        for key, row in k.roles.items():
            hand_written = len(row) > 4
            if hand_written and (row[1] == "person" or "title" in row[3]):
                words.update(key.split())
        self.role_words = frozenset(words - TITLE_STOP)


_title_words_cache: dict[int, TitleWords] = {}


def title_words(k: ActorKnowledge) -> TitleWords:
    tw = _title_words_cache.get(id(k))
    if tw is None:
        tw = _title_words_cache[id(k)] = TitleWords(k)
    return tw


def multiword_title_at(doc, j: int, k: ActorKnowledge, taken: set[int]) -> int:
    """Length (2-4 tokens) of the longest demonym, country, seat, role or organisation name
    ending at token j, in capitals or as a role, else 0."""
    for L in (4, 3, 2):
        s = j - L + 1
        if s < 0 or any(i in taken for i in range(s, j + 1)):
            continue
        toks = doc[s:j + 1]
        if any(t.is_punct and t.text != "-" or "\n" in t.text_with_ws[:-1] for t in toks):
            continue
        key = norm(" ".join(t.text for t in toks)).replace(" - ", "-")
        if key in k.roles and (k.roles[key][1] == "person" or toks[0].text[:1].isupper()):
            return L
        if not toks[0].text[:1].isupper():
            continue
        if key in k.demonyms or key in k.country_names or key in k.seats:
            return L
        if key in k.names and all(e.kind != "person" for e in k.entries_named(key)):
            return L
    return 0


def extend_title(doc, start: int, k: ActorKnowledge, taken: set[int]) -> int:
    """Move `start` left over the title, nationality and honorific words before a name."""
    return extend_title_parts(doc, start, k, taken)[0]


def extend_title_parts(doc, start: int, k: ActorKnowledge, taken: set[int]) -> tuple[int, set[int]]:
    """The new start of a name with its titles, and the tokens of it not to read for the
    person: a party adjective before plain modifiers ("Democratic" of "Democratic
    presidential frontrunner Hillary Clinton") and an earlier title coordinated with the
    one next to the name ("Former Secretary of State and" of "Former Secretary of State
    and Democratic presidential frontrunner Hillary Clinton": the phrase is one person's,
    and no word of a title is an actor of its own), whose country words only are read."""
    new_start, skip = _extend_title_once(doc, start, k, taken)
    j = new_start - 1
    if new_start < start and j >= 1 and doc[j].lower_ == "and" and j not in taken \
            and _ends_person_title(doc, j - 1, k, taken):
        left, _ = _extend_title_once(doc, j, k, taken)
        before = doc[left - 1] if left > 0 else None
        if left < j and doc[left].text[:1].isupper() and not (
                before is not None and (before.lower_ in DETERMINERS or before.lower_ in POSSESSIVES
                                        or before.text in ("'s", "’s"))):
            for i in range(left, j + 1):
                key = norm(doc[i].text)
                if not (doc[i].text[:1].isupper() and (key in k.demonyms or key in k.country_names)):
                    skip.add(i)
            new_start = left
    return new_start, skip


POSSESSIVES = frozenset("his her their its our my your".split())


def inside_title_phrase(doc, start: int, end: int, k: ActorKnowledge) -> bool:
    """Whether tokens [start, end) lie inside a longer person's title of roles.tsv ("State"
    or "Secretary" of "Secretary of State") or are one of several words ("Defense
    Minister"): words of a title are no actor of their own. A title word alone ("King") may
    be a surname."""
    n = len(doc)
    for L in (2, 3, 4, 5):
        for s in range(max(0, end - L), min(start, n - L) + 1):
            e = s + L
            if s > start or e < end or (e - s == end - start == 1):
                continue
            key = norm(" ".join(t.text for t in doc[s:e])).replace(" - ", "-")
            row = k.roles.get(key)
            if row is not None and row[1] == "person":
                return True
    return False


def _ends_person_title(doc, j: int, k: ActorKnowledge, taken: set[int]) -> bool:
    """Whether token j ends a capitalised title of a person ("Secretary of State", "Minister")."""
    if j in taken or not doc[j].text[:1].isupper():
        return False
    for L in (4, 3, 2, 1):
        s = j - L + 1
        if s < 0:
            continue
        key = norm(" ".join(t.text for t in doc[s:j + 1])).replace(" - ", "-")
        row = k.roles.get(key)
        if row is not None and row[1] == "person" and doc[s].text[:1].isupper():
            return True
    return False


def _extend_title_once(doc, start: int, k: ActorKnowledge, taken: set[int]) -> tuple[int, set[int]]:
    tw = title_words(k)
    skip: set[int] = set()
    j = start - 1
    new_start = start
    while j >= 0 and j not in taken:
        t = doc[j]
        key = norm(t.text)
        cap = t.text[:1].isupper()
        L = multiword_title_at(doc, j, k, taken)
        if L:
            # "North Korean", "Attorney General", "Supreme Court": the whole phrase, never its
            # last word alone ("Korean" flips the country, "General" makes a soldier)
            new_start = j - L + 1
            j -= L
            continue
        if t.text in ("'s", "’s") and j - 1 >= 0:
            prev = norm(doc[j - 1].text)
            if doc[j - 1].text[:1].isupper() and (prev in k.country_names or prev in k.capitals
                                                  or prev in k.seats):
                j -= 2
                new_start = j + 1
                continue
            break
        if (key in HONORIFICS or key in FORMER_WORDS or key in SKIP_WORDS or key in tw.role_words
                or key == "-" or (cap and (key in k.demonyms or key in k.country_names
                                           or key in k.seats or key in k.capitals or key in k.places))
                or (cap and key in k.names and all(e.kind != "person" for e in k.entries_named(key)))):
            if key in ("'s",) or t.is_punct and key != "-":
                break
            new_start = j
            j -= 1
            continue
        break
    # "Australian actor Hugh Jackman": up to two plain modifiers between a nationality and a
    # name; "Democratic presidential frontrunner Hillary Clinton": or a party adjective (read as
    # no part of the name). Next to the name the parser may take the modifier for the head.
    j = new_start - 1
    skipped = 0
    while j >= 1 and j not in taken and skipped < 2:
        t = doc[j]
        if not (t.text.islower() and t.pos_ in ("NOUN", "ADJ")
                and (t.dep_ in ("compound", "amod", "nmod") or (j == new_start - 1 and t.pos_ == "NOUN"))):
            break
        skipped += 1
        prev = doc[j - 1]
        pk = norm(prev.text)
        if prev.text[:1].isupper() and j - 1 not in taken and (pk in k.demonyms or pk in k.country_names):
            new_start = j - 1
            break
        if prev.text[:1].isupper() and j - 1 not in taken and prev.ent_type_ == "NORP" and prev.pos_ in ("ADJ", "PROPN"):
            new_start = j - 1
            skip.add(j - 1)
            break
        j -= 1
    while new_start < start and norm(doc[new_start].text) in ("-",):
        new_start += 1
    return new_start, skip


def dependency_cues(doc, head: int, start: int, end: int, k: ActorKnowledge, taken: set[int]):
    """A nationality attached to the head outside the span: "China's ruling Communist Party"."""
    for c in doc[head].children:
        if c.i >= start or c.i in taken or not c.text[:1].isupper():
            continue
        key = norm(c.text)
        if c.dep_ == "poss" and (key in k.country_names or key in k.capitals):
            return [c.text, "'s"], {c.i} | {x.i for x in c.children if x.dep_ == "case"}
        if c.dep_ in ("amod", "compound", "nmod") and key in k.demonyms:
            return [c.text], {c.i}
    return [], set()


def words_of_span(doc, start: int, end: int, skip: set[int] = frozenset()) -> list[str]:
    """The span's words, with hyphenated names the tokenizer split rejoined ("Jean-Claude",
    "Hans-Peter": the tables spell them whole); tokens in `skip` left out."""
    out: list[str] = []
    glue = False
    for t in doc[start:end]:
        if t.is_space or not t.text.strip() or t.i in skip:
            continue
        if t.text == "-" and out and not doc[t.i - 1].whitespace_ and not t.whitespace_:
            out[-1] += "-"
            glue = True
            continue
        if glue:
            out[-1] += t.text
            glue = False
        else:
            out.append(t.text)
    return out


def appositive_words(doc, head: int, end: int) -> list[str]:
    """", China's president" after a name: its words, to read cues from."""
    for c in doc[head].children:
        if c.dep_ == "appos" and c.i >= end:
            sub = doc[c.left_edge.i:c.right_edge.i + 1]
            if len(sub) <= 8:
                return [","] + [t.text for t in sub]
    t = doc[head]
    if t.dep_ == "appos" and t.head.i < t.i and t.head.pos_ == "NOUN":
        # "The finance minister, Lou Jiwei, said": the title before the name describes it
        h = t.head
        sub = [x for x in doc[h.left_edge.i:h.i + 1] if x.dep_ != "det"]
        if len(sub) <= 6:
            return [","] + [x.text for x in sub]
    return []


def of_country_end(doc, head: int, end: int, geo) -> int:
    """End of an "of <country>" right after a person's name ("King Hassan of Morocco"), else 0."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of" or doc[end].head.i != head \
            or doc[head].ent_type_ not in ("PERSON", ""):
        return 0
    for g in geo:
        if g.start == end + 1 and g.table == "country":
            return g.end
    return 0


HEADLINE_BREAKS = TITLE_STOP | frozenset("""over after before against amid as into from about says said
vs versus but so than""".split())


def title_case_lines(doc) -> list[tuple[int, int]]:
    """Token ranges of lines written in title case ("Ben Carson Slams Hillary And The Media"):
    at least four words, nearly all capitalised. Headlines glue names to verbs there."""
    out, start = [], 0
    n = len(doc)
    for i in range(n + 1):
        if i == n or "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            end = i + 1 if i < n and "\n" in doc[i].whitespace_ else i
            words = [t for t in doc[start:end] if t.is_alpha and t.lower_ not in HEADLINE_BREAKS]
            if len(words) >= 4 and sum(1 for t in words if t.text[:1].isupper()) >= 0.85 * len(words):
                out.append((start, end))
            start = i + 1
    return out


def split_headline_entities(doc, ents, k: ActorKnowledge):
    """Person and organisation entities of a title-case line cut where the name ends: at the
    longest part named the same way in the body ("Ben Carson" of "Ben Carson Slams Hillary"),
    else before the first small word ("With", "Of") or a word the body writes in lower case;
    what follows becomes its own entity when it starts with a known name ("Hillary")."""
    lines = title_case_lines(doc)
    if not lines:
        return ents
    in_line = set()
    for s, e in lines:
        in_line.update(range(s, e))
    body_names, lower = set(), set()
    for ent in ents:
        if ent.start not in in_line and ent.label_ in ("PERSON", "ORG"):
            body_names.add(norm(ent.text))
            body_names.update(norm(t.text) for t in ent)
    for t in doc:
        if t.i not in in_line and t.is_alpha and t.text.islower():
            lower.add(t.lower_)
    from spacy.tokens import Span
    out = []
    for ent in ents:
        if ent.start not in in_line or ent.label_ not in ("PERSON", "ORG") or len(ent) < 2:
            out.append(ent)
            continue
        i, end = ent.start, ent.end
        while i < end:
            cut = None
            for j in range(end, i, -1):     # the longest part the body names
                if norm(doc[i:j].text) in body_names or norm(doc[i:j].text) in k.names:
                    cut = j
                    break
            if cut is None:
                cut = i + 1
                while cut < end and doc[cut].lower_ not in HEADLINE_BREAKS and doc[cut].lower_ not in lower:
                    cut += 1
            if i == ent.start or norm(doc[i:cut].text) in body_names or norm(doc[i:cut].text) in k.names:
                out.append(Span(doc, i, cut, label=ent.label_))
            i = cut
            while i < end and (doc[i].lower_ in HEADLINE_BREAKS or doc[i].lower_ in lower) \
                    and norm(doc[i].text) not in k.names:
                i += 1
    return out


DOCUMENT_LABELS = frozenset(("LAW",))


def names_document(doc, start: int, end: int, ent_of: dict) -> bool:
    """Whether tokens [start, end) open the name of a document: followed by a document noun
    ("Paris Agreement", "Iran deal", "Minsk agreements") or inside a longer LAW entity."""
    j = end
    if j < len(doc) and doc[j].text in ("'s", "’s"):
        return False      # "Iran's deal": Iran is who made it
    if j < len(doc) and norm(doc[j].text) in DOCUMENT_HEADS and doc[j].pos_ in ("NOUN", "PROPN"):
        return True
    span = ent_of.get(start)
    return span is not None and span[2] in DOCUMENT_LABELS and (span[1] - span[0]) > (end - start)


def names_person_by_apposition(doc, head: int, k: ActorKnowledge) -> bool:
    """"a spokesman, Adrian Edwards," / "Adrian Edwards, a spokesman": a name in apposition to
    a person's role word is a person's name, whatever label the entity tagger gave it."""
    t = doc[head]
    others = [t.head] if t.dep_ == "appos" else []
    others += [c for c in t.children if c.dep_ == "appos"]
    for o in others:
        row = k.roles.get(o.lower_) or k.roles.get(o.lemma_.lower())
        if row is not None and row[1] == "person" and o.pos_ == "NOUN":
            return True
    return False


def _titled_person(doc, ent, k: ActorKnowledge) -> bool:
    """A person entity right after a person's title or an honorific ("Senator Murray",
    "Mr Washington"): a name, even one the gazetteer lists as a town."""
    if ent.label_ != "PERSON" or ent.start == 0:
        return False
    prev = norm(doc[ent.start - 1].text)
    return prev in HONORIFICS or (doc[ent.start - 1].text[:1].isupper() and prev in title_words(k).role_words)


def person_gate(doc, m: Match, k: ActorKnowledge) -> bool:
    """A one-word person name ("Xi", "Putin") counts only in a person context."""
    t = doc[m.start]
    if t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and m.start > 0 and (
            norm(doc[m.start - 1].text) in HONORIFICS or norm(doc[m.start - 1].text) in title_words(k).role_words):
        return True
    if m.start > 0 and norm(doc[m.start - 1].text) in HONORIFICS:
        return True
    return False


def find_mentions(doc, k: ActorKnowledge, date: dt.date | None) -> Found:
    """All candidate mentions and places of an article (before coreference)."""
    found = Found()
    taken: set[int] = set()
    ents = split_headline_entities(doc, list(doc.ents), k)
    ent_of = entity_map(ents)
    matches = gazetteer_scan(doc, k)
    name_spans: list[Mention] = []
    geo: list[Match] = []

    # -- known names (persons, organisations), with their titles
    for m in matches:
        if names_document(doc, m.start, m.end, ent_of):
            taken.update(range(m.start, m.end))
            continue    # "the Paris Agreement", "the Minsk agreements": a document, not an actor or place
        if m.table == "name":
            entries = k.entries_named(m.key)
            single_person = m.end - m.start == 1 and all(e.kind == "person" for e in entries)
            if single_person and not person_gate(doc, m, k):
                continue
            if (m.end - m.start == 1 and not single_person and doc[m.start].is_sent_start
                    and not doc[m.start].ent_type_ and not doc[m.start].text.isupper()):
                continue   # a capitalised common word opening a sentence
            if _inside_longer_entity(ent_of, m, frozenset(("PERSON",))):
                continue   # "Reid" inside "Tara Reid": the whole name is read from the entity
            men = Mention(m.start, m.end, "name", head=span_head(doc, m.start, m.end))
            name_spans.append(men)
            taken.update(range(m.start, m.end))
        elif m.table in ("country", "capital", "seat", "place", "demonym"):
            if m.table != "demonym" and (_inside_longer_entity(ent_of, m, frozenset(("PERSON", "ORG", "FAC")))):
                continue
            geo.append(m)

    # -- entities the tables do not know
    for ent in ents:
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        if ent.label_ in ENTITY_LABELS_PERSON or ent.label_ in ENTITY_LABELS_ORG:
            if names_document(doc, ent.start, ent.end, ent_of):
                continue
            if ent.label_ in ENTITY_LABELS_PERSON and _opens_with_particle(ent):
                ent = _particle_name(doc, ent, k, taken)   # "bin Talal" of "Alwaleed bin Talal"
            if not _name_cased(ent.text):
                continue
            if any(g.start >= ent.start and g.end <= ent.end and g.end - g.start == ent.end - ent.start
                   and not (g.table == "place" and _titled_person(doc, ent, k)) for g in geo):
                continue   # the whole entity is a known country/capital (not "Senator Murray")
            s, e = ent.start, ent.end
            while s < e and (doc[s].lower_ in DETERMINERS or doc[s].is_space):
                s += 1
            while e > s and (doc[e - 1].text in ("'s", "’s", "'", "’") or doc[e - 1].is_space):
                e -= 1
            if s >= e:
                continue
            men = Mention(s, e, "entity" + (":PERSON" if ent.label_ == "PERSON" else ":ORG"),
                          head=span_head(doc, s, e))
            name_spans.append(men)
            taken.update(range(s, e))
    geo = [g for g in geo if not any(i in taken for i in range(g.start, g.end))]

    # -- resolve names with their titles and appositions
    for men in sorted(name_spans, key=lambda x: x.start):
        start, skip = extend_title_parts(doc, men.start, k, taken)
        extra, cue_tokens = dependency_cues(doc, men.head, start, men.end, k, taken)
        words = extra + words_of_span(doc, start, men.end, skip)
        words += appositive_words(doc, men.head, men.end)
        of_end = of_country_end(doc, men.head, men.end, geo)
        if of_end:      # "King Hassan of Morocco": the country is part of the name's description
            words += [t.text for t in doc[men.end:of_end]]
        hint = None
        if men.how == "entity:PERSON":
            hint = "person"
        elif men.how == "entity:ORG":
            hint = "person" if names_person_by_apposition(doc, men.head, k) else "organisation"
        r = resolve_words(words, date, k, kind_hint=hint)
        drop = r is None
        if not drop and men.how == "entity:ORG" and r.entry is None and r.country is None and r.sector is None \
                and r.kind != "person":
            # an unknown organisation with no cue and no agent role: not kept
            drop = doc[men.head].dep_ not in ("nsubj", "nsubjpass", "agent")
        if not drop and r.how == "role" and r.entry is None and men.how.startswith("entity"):
            drop = True
        if drop:
            if men.how.startswith("entity"):
                # its words are free again for a role phrase ("European Community foreign ministers")
                taken.difference_update(range(men.start, men.end))
            continue
        taken.update(range(start, men.start))
        taken.update(cue_tokens)
        if of_end and r.country:
            taken.update(range(men.end, of_end))
            men.end = of_end
        name_start = men.start
        men.start = start
        men.resolved = r
        if men.how.startswith("entity"):
            men.how = "name"
            if r.entry is None and r.how == "name":
                # an unknown name is called what the text calls it
                r.name = doc[name_start:men.end].text.strip()
                r.key = f"unknown:{r.kind}:{norm(r.name)}"
            if r.entry is None and (r.kind == "person" or len(words_of_span(doc, name_start, men.end)) == 1):
                men.needs = "surname"   # an unknown "Stumpf" may be the "John Stumpf" named before
        elif r.how == "title":
            men.how = "title"
        # a name of one word ("Xi", "Mr Putin") may refer back to a fuller name in the article
        if r.kind == "person" and men.end - men.start <= 2:
            men.needs = men.needs or "surname"
        found.mentions.append(men)

    # -- surnames of persons named in full, where the tagger saw no name ("Aaviksoo said")
    surnames: dict[str, int] = {}
    for men in found.mentions:
        r = men.resolved
        if r is not None and r.kind == "person" and men.how in ("name", "title"):
            last = doc[men.end - 1]
            if men.end - men.start >= 2 and last.text[:1].isupper() and last.pos_ == "PROPN":
                surnames.setdefault(last.text, men.end)
    if surnames:
        for t in doc:
            after = surnames.get(t.text)
            if after is None or t.i < after or t.i in taken or t.ent_type_ in ("PERSON", "DATE", "TIME") \
                    or t.pos_ not in ("PROPN", "NOUN"):
                continue
            if t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].text[:1].isupper():
                continue   # part of a longer name
            r = resolve_words([t.text], date, k, kind_hint="person")
            if r is None or r.kind != "person":
                continue
            found.mentions.append(Mention(t.i, t.i + 1, "name", r, needs="surname", head=t.i))
            taken.add(t.i)
        found.mentions.sort(key=lambda x: x.start)

    # -- role phrases without a name
    geo_tokens = {i for g in geo for i in range(g.start, g.end)}
    for chunk in doc.noun_chunks:
        if any(i in taken for i in range(chunk.start, chunk.end)) or chunk.root.i in geo_tokens:
            continue
        root = chunk.root
        if root.pos_ == "PRON":
            continue
        m = role_mention(doc, chunk, k, date, geo)
        if m is None:
            continue
        found.mentions.append(m)
        taken.update(range(m.start, m.end))
        found.mentions.extend(coordinated_nationalities(doc, m, root, k, date))
        # a conjunct inherits the nationality: "Chinese officials and diplomats"
        for c in root.children:
            if c.dep_ == "conj" and c.i not in taken and m.resolved and m.resolved.country:
                cm = conj_role(doc, c, m, k, date)
                if cm is not None:
                    found.mentions.append(cm)
                    taken.add(c.i)
    geo = [g for g in geo if not any(i in taken for i in range(g.start, g.end))]

    # -- countries, capitals, seats: agent or place
    for g in geo:
        head = span_head(doc, g.start, g.end)
        surface = doc[g.start:g.end].text
        if g.table == "demonym":
            t = doc[head]
            if t.tag_ in ("NNS", "NNPS") and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
                r = country_actor(k.demonyms[g.key], k, how="demonym")
                found.mentions.append(Mention(g.start, g.end, "demonym", r, head=head))
            continue
        s = g.start + (1 if doc[g.start].lower_ == "the" else 0)
        if g.table == "place":
            if doc[head].ent_type_ in ENTITY_LABELS_PLACE or is_locative(doc, head):
                found.places.append(Place(s, g.end, doc[s:g.end].text, k.places[g.key]))
            continue
        if g.table == "country":
            code = k.country_names[g.key]
            if is_locative(doc, head):
                found.places.append(Place(s, g.end, k.country_name(code) or surface, code))
                continue
            r = country_actor(code, k)
            found.mentions.append(Mention(g.start, g.end, "country", r, head=head))
            continue
        # capital or seat
        target = k.seats.get(g.key) if g.table == "seat" else "gov:" + k.capitals[g.key]
        if is_locative(doc, head):
            code = target[4:] if target.startswith("gov:") else None
            found.places.append(Place(s, g.end, doc[s:g.end].text, code))
            continue
        if target.startswith("gov:"):
            r = government_actor(target[4:], k)
        else:
            r = entry_actor(k.entry(int(target.split(":", 1)[1])), k, date, how="metonymy")
        found.mentions.append(Mention(g.start, g.end, "metonymy", r, head=head))

    # -- one institution, one actor: "the department" and "Justice" after "the Justice Department"
    found.mentions.sort(key=lambda x: x.start)
    institution_references(doc, found, k, taken)

    # -- unknown places named by spaCy ("in Bali" when Bali is not listed)
    covered = set(taken)
    for p in found.places:
        covered.update(range(p.start, p.end))
    for men in found.mentions:
        covered.update(range(men.start, men.end))
    for ent in ents:
        if ent.label_ in ENTITY_LABELS_PLACE and not any(i in covered for i in range(ent.start, ent.end)):
            head = span_head(doc, ent.start, ent.end)
            if is_locative(doc, head):
                s = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
                key = norm(doc[s:ent.end].text)
                found.places.append(Place(s, ent.end, doc[s:ent.end].text, k.places.get(key)))
    found.mentions.sort(key=lambda x: x.start)
    found.places.sort(key=lambda p: p.start)
    return found


# A definite "the <noun>" refers back to the last institution named with that noun (or a
# near synonym) in its name: "the department" → the Justice Department, "the agency" → the FBI
# (Federal Bureau of Investigation), "the party" → the Republican Party.
INSTITUTION_NOUNS = {
    "department": ("department", "ministry"), "ministry": ("ministry", "department"),
    "agency": ("agency", "bureau", "administration", "service", "authority", "organisation",
               "organization", "commission"),
    "bureau": ("bureau", "agency"), "commission": ("commission",), "committee": ("committee",),
    "council": ("council",), "court": ("court", "tribunal"), "tribunal": ("tribunal", "court"),
    "party": ("party",), "company": ("company", "corporation", "inc", "corp", "group", "ltd"),
    "firm": ("company", "corporation", "inc", "corp", "group", "ltd"), "bank": ("bank",),
    "service": ("service",), "office": ("office",), "board": ("board",), "authority": ("authority",),
    "organisation": ("organisation", "organization"), "organization": ("organisation", "organization"),
    "alliance": ("alliance", "organisation", "organization"), "union": ("union",),
    "network": ("network",), "newspaper": ("times", "post", "journal", "herald", "daily", "news"),
}
GENERIC_NAME_WORDS = frozenset("""the of and for department ministry agency bureau office service
commission committee council court party company national federal state united us u s""".split())


def institution_references(doc, found: Found, k: ActorKnowledge, taken: set[int]) -> None:
    """Point references to an institution named before at it: "the department" (a bare definite
    noun) and a distinctive word of its name standing alone ("Justice" after "the Justice
    Department"), so one institution is one actor."""
    orgs = [m for m in found.mentions if m.resolved is not None and m.resolved.kind in ("organisation", "igo")
            and m.resolved.entry is not None]
    if not orgs:
        return
    def words_of_org(r):
        return set(norm(r.name).replace("(", " ").replace(")", " ").split())
    # a distinctive word alone, read as an unknown organisation or person
    for m in found.mentions:
        r = m.resolved
        if r is None or r.entry is not None or m.end - m.start != 1 or r.kind != "organisation":
            continue
        w = norm(doc[m.start].text)
        if w in GENERIC_NAME_WORDS or not doc[m.start].text[:1].isupper():
            continue
        for o in reversed(orgs):
            if o.start >= m.start:
                continue
            if w in words_of_org(o.resolved):
                m.resolved, m.needs = o.resolved, ""
                break
    # "the department", "the agency"
    added = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        syn = INSTITUTION_NOUNS.get(root.lower_)
        if syn is None or chunk.end - chunk.start != 2 or doc[chunk.start].lower_ != "the" \
                or any(i in taken for i in range(chunk.start, chunk.end)):
            continue
        for o in reversed(orgs):
            if o.start < chunk.start and words_of_org(o.resolved) & set(syn):
                added.append(Mention(chunk.start, chunk.end, "role", o.resolved, head=root.i))
                taken.update(range(chunk.start, chunk.end))
                break
    found.mentions.extend(added)


def drop_foreign_short_party_names(doc, found: Found, k: ActorKnowledge, by_article: bool = False) -> None:
    """A party named by one word or an acronym ("PAC", "AM", "Democratic", "Right") of a
    country the article never names is not that party: short names collide across countries
    as surnames do, and the text gives no cue for the foreign one. With `by_article` (after
    geocoding), an article whose sentences name one country (context.py's `named_country`,
    the short names not counted) keeps a short party of another country only when the
    party's own sentence names that country: "a super PAC supporting Wisconsin Gov. Scott
    Walker" in American news is no Costa Rican party even where Costa Rica is named elsewhere."""
    def short_party(m):
        r = m.resolved
        if r is None or r.entry is None or r.kind != "organisation" or m.how not in ("name", "title"):
            return False
        words = [t for t in doc[m.start:m.end] if t.is_alpha]
        if len(words) != 1:
            return False
        return any((split_code(ro.code, k.regions)[1] or "") == "PTY" for ro in r.entry.roles)
    suspects = [m for m in found.mentions if short_party(m)]
    if not suspects:
        return
    named = {m.resolved.country for m in found.mentions if m.resolved is not None and m.resolved.country
             and not short_party(m)}
    named |= {p.country for p in found.places if p.country}
    drop = {id(m) for m in suspects if m.resolved.country and m.resolved.country not in named}
    article_country = None
    if by_article:
        from .context import named_country
        others = Found(mentions=[m for m in found.mentions if not short_party(m)], places=found.places)
        article_country = named_country(doc, others, k)
    if article_country:
        by_sentence: dict[int, set] = {}
        for m in found.mentions:
            if m.resolved is not None and m.resolved.country and not short_party(m):
                by_sentence.setdefault(doc[m.start].sent.start, set()).add(m.resolved.country)
        for p in found.places:
            if p.country:
                by_sentence.setdefault(doc[p.start].sent.start, set()).add(p.country)
        drop |= {id(m) for m in suspects if m.resolved.country and m.resolved.country != article_country
                 and m.resolved.country not in by_sentence.get(doc[m.start].sent.start, ())}
    if drop:
        found.mentions[:] = [m for m in found.mentions if id(m) not in drop]


def role_key_at(doc, chunk, k: ActorKnowledge) -> tuple[int, str] | None:
    """The longest role phrase ending at the chunk's root: (first token index, key)."""
    root = chunk.root
    for L in (4, 3, 2, 1):
        s = root.i - L + 1
        if s < chunk.start:
            continue
        key = norm(" ".join(t.text for t in doc[s:root.i + 1]))
        if key in k.roles:
            return s, key
        if L == 1:
            sing = singular(key)
            if sing in k.roles:
                return s, sing
            lem = root.lemma_.lower()
            if lem in k.roles:
                return s, lem
    return None


def role_mention(doc, chunk, k: ActorKnowledge, date, geo) -> Mention | None:
    """A noun chunk headed by a role or agent word, resolved from its own words."""
    rk = role_key_at(doc, chunk, k)
    if rk is None:
        return None
    root = chunk.root
    start = chunk.start
    for t in doc[chunk.start:root.i]:
        if "\n" in t.text_with_ws:
            start = t.i + 1       # a chunk never runs across a paragraph or title break
    if rk[0] < start:
        return None
    words = []
    for t in doc[start:root.i + 1]:
        if t.is_space or not t.text.strip() or (t.pos_ in ("DET", "NUM", "PRON") and t.i != root.i
                                                 and t.lower_ not in ("the", "a", "an", "two", "both")):
            continue
        key = norm(t.text)
        keep = (t.pos_ == "PROPN" or key in k.demonyms or key in k.country_names or key in k.capitals
                or key in k.seats or key in k.names or t.text == "'s" or t.text == "’s")
        words.append(t.text if keep else t.text.lower())
    end = root.i + 1
    # "the president of Russia", "China's ambassador to the US": read (and cover) the country
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "to") and c.i == end:
            objs = [o for o in c.children if o.dep_ == "pobj"]
            if objs and any(g.start <= objs[0].i < g.end for g in geo):
                if c.lower_ == "of":
                    words += [t.text for t in doc[c.i:objs[0].i + 1]]
                end = objs[0].i + 1
    r = resolve_words(words, date, k)
    if r is None:
        return None
    if "stance" in r.flags and end - rk[0] == 1 and _stance_use(root, k):
        return None   # "expressed their opposition to the use of force": a stance, not the opposition
    if r.kind in ("group", "organisation") and r.entry is None and r.country is None \
            and r.how == "role" and "pair" not in r.flags:
        acted_on = root.dep_ == "pobj" and (root.head.lower_ == "by" or (
            root.head.lower_ in ("with", "against", "on", "at")
            and root.head.head.lemma_.lower() in CONFRONTATION_LEMMAS))
        if root.dep_ not in ("nsubj", "nsubjpass", "dobj") and not acted_on and not _counted_subject(root):
            return None   # a group of no country that acts in no way and is not acted on
    if r.kind == "person" and r.entry is None and end - start == 1 and root.text[:1].isupper() \
            and not root.is_sent_start and root.pos_ == "PROPN" and _name_like(doc, root):
        return None   # "said King, who resigned": a surname that is also a title
    needs = ""
    how = "role"
    if "pair" in r.flags:
        needs = how = "pair"
    elif r.kind == "person":
        needs = "role"
    return Mention(start, end, how, r, needs=needs, head=root.i)


def _stance_use(root, k: ActorKnowledge) -> bool:
    """A role word that is also a stance noun used as the stance: with a pronoun's
    possessive ("their opposition"), a complement ("opposition to the plan"), or no article,
    owner or nationality ("voiced strong opposition")."""
    if root.text[:1].isupper() and not root.is_sent_start:
        return False      # "the Opposition", "Opposition said"
    kids = list(root.children)
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in kids):
        return True
    if any(c.dep_ == "prep" and c.lower_ in ("to", "against") for c in kids):
        return True
    owned = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) for c in kids)
    national = any(c.dep_ in ("amod", "compound") and (norm(c.text) in k.demonyms or norm(c.text) in k.country_names)
                   for c in kids)
    return not (owned or national)


def _name_like(doc, tok) -> bool:
    """A capitalised title word alone, used as a name: after a speech verb or before one
    ("said King", "King said"), or after a quote — not "the King", "King Charles"."""
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if prev is not None and prev.pos_ == "DET":
        return False
    if nxt is not None and nxt.pos_ == "PROPN":
        return False
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in _SPEECH_HEADS


_SPEECH_HEADS = frozenset({"say", "tell", "add", "note", "write", "explain", "recall", "insist",
                           "argue", "claim", "state", "continue", "warn", "ask", "reply"})


def coordinated_nationalities(doc, m: Mention, root, k: ActorKnowledge, date) -> list[Mention]:
    """"Hungarian and Romanian officials", "French and Egyptian warships": one more mention
    over the same words for each further nationality, so the phrase stands for both groups."""
    if m.resolved is None or not m.resolved.country or m.resolved.entry is not None:
        return []
    out = []
    seen = {m.resolved.country}
    for t in doc[m.start:root.i]:
        if t.dep_ != "conj" or not (m.start <= t.head.i < root.i):
            continue
        key = norm(t.text)
        if key not in k.demonyms and key not in k.country_names:
            continue
        r = resolve_words([t.text, root.text], date, k)
        if r is None or not r.country or r.country in seen:
            continue
        seen.add(r.country)
        out.append(Mention(m.start, m.end, m.how, r, needs=m.needs, head=root.i))
    return out


def conj_role(doc, tok, first: Mention, k: ActorKnowledge, date) -> Mention | None:
    key = norm(tok.text)
    row = k.roles.get(key) or k.roles.get(singular(key))
    if row is None:
        return None
    country = first.resolved.country
    demonym = k.demonym(country)
    r = resolve_words([demonym, tok.text], date, k)
    if r is None:
        return None
    return Mention(tok.i, tok.i + 1, "role", r, needs="role" if r.kind == "person" else "", head=tok.i)


_COUNT_HEADS = frozenset({"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million",
                          "millions", "crowd", "crowds", "group", "scores", "tens"})


def _counted_subject(tok) -> bool:
    """"Thousands of protesters marched", "arrested dozens of protesters": the counted group is
    the one that acts or is acted on."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return False
    head = tok.head.head
    return head.lemma_.lower() in _COUNT_HEADS and head.dep_ in ("nsubj", "nsubjpass", "dobj")

