"""Within-article coreference by rules over the dependency parse.

What it links (in text order):
  - short names to the fuller name met before: "Mr Xi", "Xi" → Xi Jinping; an unknown
    "Smith" → the "John Smith" named earlier;
  - role phrases to a person already named with that country and office: "the Chinese
    leader", "the Chinese President", "his Chinese counterpart" → Xi Jinping (office and
    leader flags from leaders.tsv break ties, then recency); with nobody named, the holder of
    the office on the article's date (knowledge), else a generic role actor;
  - "the pair", "the two leaders", "both leaders" → the two people named last (within three
    sentences); the mention points to the first of the two (see stages/actors.py);
  - he/him/his/himself and she/her/herself (not inside quotation marks):
      reflexives → the subject of the nearest clause above that is a person;
      others → walking up the parse, the first clause subject that is a person (so "Mr Putin
      said he was expecting" → Putin; an object pronoun skips its own clause's subject);
      else the last person named earlier in the sentence, else the subject of the previous
      sentence that had a person, else the last person named. Gender comes from
      leaders.tsv or an honorific (Mr/Mrs/Ms) and only rules candidates out.
Not covered: plural pronouns (they/their), "it"/"its" for organisations, cataphora, and
nominal references without a role word ("the 70-year-old").
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..nlp.text import parsed_text
from .knowledge import ActorKnowledge
from .mentions import Mention
from .normalize import norm
from .resolve import HONORIFICS

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
REFLEXIVES = frozenset(("himself", "herself"))
OBJECT_DEPS = frozenset(("dobj", "dative", "iobj", "pobj", "obj"))
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
PAIR_WINDOW_SENTENCES = 3


@dataclass(slots=True)
class Person:
    key: str
    mention: Mention
    gender: str
    tokens: set[str] = field(default_factory=set)
    last: int = -1


def richness(r) -> int:
    """How much a resolution says: a known entry, then a country, then a sector."""
    if r is None:
        return -1
    return (4 if r.entry is not None else 0) + (2 if r.country else 0) + (1 if r.sector else 0)


def quote_mask(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs and straight-quote toggles)."""
    spans, open_at = [], None
    for i, ch in enumerate(text):
        if ch == "\u201c" or (ch == '"' and open_at is None):
            open_at = i
        elif (ch == "\u201d" or ch == '"') and open_at is not None:
            spans.append((open_at, i))
            open_at = None
        elif ch == "\n" and open_at is not None and text[i:i + 2] == "\n\n":
            open_at = None   # an unclosed quote ends with its paragraph
    return spans


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if pos < s:
            hi = mid - 1
        elif pos > e:
            lo = mid + 1
        else:
            return True
    return False


class Linker:
    def __init__(self, doc, k: ActorKnowledge, date: dt.date | None):
        self.doc = doc
        self.k = k
        self.date = date
        self.persons: dict[str, Person] = {}
        self.by_token: dict[int, str] = {}
        self.history: list[tuple[int, str, int]] = []   # (token, person key, sentence start)
        self.merged: dict[str, str] = {}                 # an earlier key → the actor it turned out to be
        self.sent_start: list[int] = [0] * len(doc)      # token → index of its sentence's first token
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sent_start[i] = sent.start

    # -- bookkeeping
    def register(self, m: Mention) -> None:
        r = m.resolved
        if r is None:
            return
        m.key = m.key or r.key
        for i in range(m.start, m.end):
            self.by_token[i] = m.key
        if r.kind != "person":
            return
        p = self.persons.get(m.key)
        gender = r.gender or self._honorific_gender(m)
        if p is None:
            p = self.persons[m.key] = Person(m.key, m, gender)
        elif gender and not p.gender:
            p.gender = gender
        if m.how in ("name", "title"):
            p.tokens.update(norm(r.name).split())
            p.tokens.update(norm(t.text) for t in self.doc[m.start:m.end] if t.text[:1].isupper())
        p.last = m.start
        self.history.append((m.start, m.key, self.sent_start[m.start]))

    def _honorific_gender(self, m: Mention) -> str:
        for t in self.doc[m.start:m.end]:
            h = norm(t.text)
            if h in ("mr", "sir", "lord", "mister"):
                return "m"
            if h in ("mrs", "ms", "miss", "dame", "lady", "madam"):
                return "f"
        return ""

    # -- linking of names, roles and pairs
    def link_mentions(self, mentions: list[Mention]) -> list[Mention]:
        out = []
        for m in sorted(mentions, key=lambda x: x.start):
            if m.needs == "surname":
                self._link_surname(m)
            elif m.needs == "role":
                self._link_role(m)
            elif m.needs == "pair":
                if not self._link_pair(m):
                    continue
            if m.resolved is None:
                continue
            self.register(m)
            out.append(m)
        return out

    def _link_surname(self, m: Mention) -> None:
        k = self.k
        toks = [key for key in (norm(t.text) for t in self.doc[m.start:m.end] if t.text[:1].isupper())
                if key not in HONORIFICS and key not in k.roles and key not in k.demonyms
                and key not in k.country_names]
        if not toks:
            return
        last = toks[-1]
        best = None
        for p in self.persons.values():
            if last in p.tokens and (best is None or p.last > best.last):
                if m.resolved is not None and m.resolved.entry is not None and p.mention.resolved.entry is not None \
                        and p.key != m.resolved.key and len(toks) > 1:
                    continue   # a different known person who shares a name
                best = p
        if best is None:
            return
        known_here = m.resolved is not None and m.resolved.entry is not None
        known_there = best.mention.resolved.entry is not None
        if known_here and not known_there:
            # "Clinton" (unknown) earlier, "Hillary Clinton" (known) now: the earlier one is this one
            self.merged[best.key] = m.resolved.key
            self.persons.pop(best.key, None)
            return
        if not known_here or m.end - m.start <= 2:
            m.key = best.key
            if richness(m.resolved) > richness(best.mention.resolved):
                best.mention = m          # "Sen. Elizabeth Warren" tells more than "Elizabeth Warren"
            else:
                m.resolved = best.mention.resolved

    def _link_role(self, m: Mention) -> None:
        """A role phrase → the person named in the article who holds that role."""
        r = m.resolved
        wants_top = "top" in r.flags
        counterpart = "counterpart" in r.flags
        if not (r.offices or wants_top or counterpart):
            return      # "a Chinese official" is nobody in particular
        best, best_score = None, None
        for p in self.persons.values():
            pr = p.mention.resolved
            if r.country and pr.country != r.country:
                continue
            if not r.country and not r.offices:
                continue
            offices, top = set(pr.offices), False
            if pr.entry is not None:
                ca = self.k.code_at(pr.entry, self.date)
                if ca.role is not None:
                    top = ca.role.top
                    if ca.role.office:
                        offices.add(ca.role.office)
            score = 0.0
            if r.offices and offices & set(r.offices):
                score += 3.0
            elif wants_top and top:
                score += 3.0
            elif counterpart:
                score += 1.0
            elif not offices and pr.entry is None and r.country:
                score += 0.5    # an unknown person of that country: possibly
            else:
                continue
            if pr.sector == "ELI":
                score -= 1.0
            score += p.last / 1e6   # recency breaks ties
            if best_score is None or score > best_score:
                best, best_score = p, score
        if best is not None:
            m.key = best.key
            m.resolved = best.mention.resolved
            return
        if r.entry is None and r.country is None and r.kind == "person":
            m.resolved = None   # "the president" with nobody to point to: not an actor

    def _link_pair(self, m: Mention) -> bool:
        sent_starts = []
        cur = self.sent_start[m.start]
        keys: list[str] = []
        for tok, key, s in reversed(self.history):
            if s != cur and s not in sent_starts:
                sent_starts.append(s)
                if len(sent_starts) >= PAIR_WINDOW_SENTENCES:
                    break
            if key not in keys:
                keys.append(key)
            if len(keys) == 2:
                break
        if not keys:
            return False
        first = keys[-1]   # the earlier of the two
        m.key = first
        m.resolved = self.persons[first].mention.resolved
        return True

    # -- pronouns
    def link_pronouns(self, mentions: list[Mention]) -> list[Mention]:
        doc = self.doc
        quotes = quote_mask(parsed_text(doc))
        out = []
        for t in doc:
            g = PRONOUN_GENDER.get(t.lower_)
            if g is None or _in_spans(t.idx, quotes):
                continue
            key = self._antecedent(t, g)
            if key is None:
                continue
            p = self.persons[key]
            if not p.gender:
                p.gender = g     # later pronouns of the other gender look elsewhere
            m = Mention(t.i, t.i + 1, "pronoun", p.mention.resolved, head=t.i, key=key)
            self.by_token[t.i] = key
            p.last = t.i
            self.history.append((t.i, key, self.sent_start[t.i]))
            out.append(m)
        return out

    def _compatible(self, key: str | None, g: str) -> bool:
        if key is None or key not in self.persons:
            return False
        pg = self.persons[key].gender
        return not pg or pg == g

    def _antecedent(self, t, g: str) -> str | None:
        reflexive = t.lower_ in REFLEXIVES
        is_object = t.dep_ in OBJECT_DEPS
        anc = t.head
        own_clause = True
        hops = 0
        while hops < 12:
            for c in anc.children:
                if c.dep_ in SUBJECT_DEPS and c.i != t.i:
                    key = self._person_at(c)
                    if key and self._compatible(key, g) and c.i < t.i + 40:
                        if is_object and own_clause and not reflexive:
                            continue
                        return key
            if anc.pos_ in ("VERB", "AUX"):
                own_clause = False
            if anc.head.i == anc.i:
                break
            anc = anc.head
            hops += 1
        # the last person named before, in this sentence
        sent_start = self.sent_start[t.i]
        for tok, key, s in reversed(self.history):
            if tok < t.i and s == sent_start and self._compatible(key, g):
                return key
        # the subject of the nearest earlier sentence with a person in it
        prev_sents = []
        for tok, key, s in reversed(self.history):
            if s < sent_start:
                prev_sents.append((tok, key, s))
        if prev_sents:
            s0 = prev_sents[0][2]
            in_s0 = [(tok, key) for tok, key, s in prev_sents if s == s0]
            for tok, key in sorted(in_s0):
                if self.doc[tok].dep_ in SUBJECT_DEPS or any(
                        self.doc[i].dep_ in SUBJECT_DEPS for i in range(tok, min(tok + 4, len(self.doc)))
                        if self.by_token.get(i) == key):
                    if self._compatible(key, g):
                        return key
            for tok, key, s in prev_sents:
                if self._compatible(key, g):
                    return key
        return None

    def _person_at(self, tok) -> str | None:
        """The person a subject token belongs to (the token or its compound/name children)."""
        key = self.by_token.get(tok.i)
        if key in self.persons:
            return key
        return None


def link(doc, mentions: list[Mention], k: ActorKnowledge, date: dt.date | None) -> list[Mention]:
    """Mentions with their final actor keys, pronouns added."""
    linker = Linker(doc, k, date)
    named = linker.link_mentions(mentions)
    pronouns = linker.link_pronouns(named)
    out = sorted(named + pronouns, key=lambda m: m.start)
    if linker.merged:
        final = {m.key: m.resolved for m in out if m.key not in linker.merged}
        for m in out:
            key = m.key
            while key in linker.merged:
                key = linker.merged[key]
            if key != m.key:
                m.key = key
                m.resolved = final.get(key, m.resolved)
    return out
