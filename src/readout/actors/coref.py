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
from .knowledge import ActorKnowledge, title_table
from .mentions import Mention, words_of_span
from .normalize import ARTICLE_PREFIXES, article_name, norm, singular
from .resolve import FORMER_WORDS, HONORIFICS, Cues, entry_actor, same_given_name, surname_match
from .names import name_gender

FORMER_KEYS = FORMER_WORDS

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
REFLEXIVES = frozenset(("himself", "herself"))
OBJECT_DEPS = frozenset(("dobj", "dative", "iobj", "pobj", "obj"))
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
PAIR_WINDOW_SENTENCES = 3
# A role phrase prefers a holder who was the subject of one of the last sentences (the topic)
# over one merely named more recently in an object or prepositional phrase.
ROLE_TOPIC_SENTENCES = 2


@dataclass(slots=True)
class Person:
    key: str
    mention: Mention
    gender: str
    tokens: set[str] = field(default_factory=set)
    last: int = -1
    last_subject: int = -1                             # sentence number of the last mention as a subject
    name: list[str] = field(default_factory=list)     # the words of its fullest name
    titles: set[str] = field(default_factory=set)     # the titles it was named with ("Prince …")

    @property
    def surname(self) -> str:
        return self.name[-1] if self.name else ""


def bare_surname(key: str) -> str:
    """A name word without its Arabic article ("al-abadi", "el-sisi" → abadi, sisi): one surname
    however the article is written."""
    return key[3:] if key[:3] in ARTICLE_PREFIXES and len(key) > 4 else key


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
    def __init__(self, doc, k: ActorKnowledge, date: dt.date | None, article_country: str | None = None):
        self.doc = doc
        self.article_country = article_country
        self.bare: dict[str, list[str]] = {}             # one-word unknown organisations by word
        self.resolved_as: dict[str, object] = {}         # keys made by resolve_bare_surnames
        self.k = k
        self.date = date
        self.persons: dict[str, Person] = {}
        self.by_token: dict[int, str] = {}
        self.history: list[tuple[int, str, int]] = []   # (token, person key, sentence start)
        self.merged: dict[str, str] = {}                 # an earlier key → the actor it turned out to be
        self.sent_start: list[int] = [0] * len(doc)      # token → index of its sentence's first token
        self.sent_no: list[int] = [0] * len(doc)         # token → number of its sentence
        for k, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sent_start[i] = sent.start
                self.sent_no[i] = k

    # -- bookkeeping
    def register(self, m: Mention) -> None:
        r = m.resolved
        if r is None:
            return
        m.key = m.key or r.key
        for i in range(m.start, m.end):
            self.by_token[i] = m.key
        if r.kind != "person":
            if r.entry is None and m.needs == "surname" and m.end - m.start == 1 and r.kind == "organisation":
                self.bare.setdefault(norm(self.doc[m.start].text), []).append(m.key)
            return
        p = self.persons.get(m.key)
        gender = r.gender or self._honorific_gender(m) or self._given_name_gender(m)
        if p is None:
            p = self.persons[m.key] = Person(m.key, m, gender)
        elif gender and not p.gender:
            p.gender = gender
        if m.how in ("name", "title"):
            p.tokens.update(bare_surname(w) for w in norm(r.name).split())
            for t in self._name_tokens(m):
                if t not in self.k.places:
                    p.tokens.add(t)
                    p.tokens.update(x for x in t.split("-") if x and x not in self.k.places)
            words = [bare_surname(w) for w in norm(r.name).split()] if r.entry is not None else self._name_tokens(m)
            if len(words) > len(p.name):
                p.name = words
            p.titles.update(filter(None, (self._title_of(norm(t.text)) for t in self.doc[m.start:m.end])))
        p.last = m.start
        if any(self.doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(m.start, m.end)):
            p.last_subject = self.sent_no[m.start]
        self.history.append((m.start, m.key, self.sent_start[m.start]))

    def _honorific_gender(self, m: Mention) -> str:
        for t in self.doc[m.start:m.end]:
            h = norm(t.text)
            if h in ("mr", "sir", "lord", "mister"):
                return "m"
            if h in ("mrs", "ms", "miss", "dame", "lady", "madam"):
                return "f"
        return ""

    def _given_name_gender(self, m: Mention) -> str:
        """'m' / 'f' from the first name of a full name ("Bill Clinton" → m), else ''."""
        if m.how not in ("name", "title"):
            return ""
        words = [w for w in words_of_span(self.doc, m.start, m.end) if w[:1].isupper()]
        words = [w for w in words if norm(w) not in HONORIFICS and norm(w) not in self.k.roles
                 and norm(w) not in self.k.demonyms and norm(w) not in self.k.country_names
                 and norm(w) not in self.k.places and not self._title_of(norm(w))]
        name = m.resolved.name if m.resolved is not None and m.resolved.entry is not None else " ".join(words)
        g = name_gender(name) if len(name.split()) > 1 else None
        return {"male": "m", "female": "f"}.get(g or "", "")

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

    def _name_tokens(self, m: Mention) -> list[str]:
        k = self.k
        return [bare_surname(key) for key in (norm(w) for w in words_of_span(self.doc, m.start, m.end)
                                              if w[:1].isupper() or article_name(w))
                if key not in HONORIFICS and key not in k.roles and key not in k.demonyms
                and key not in k.country_names and key not in FORMER_KEYS]

    def _link_surname(self, m: Mention) -> None:
        """A short name → the person named in full before it in the article. The article's
        person wins over a namesake in the knowledge: after "Chris Christie", "Christie" is
        him, not a Bahamian prime minister; after "Bernie Sanders", "Bernie" is Sanders (a
        given name alone never names someone else's surname). A full name links to an
        earlier person only when their given names agree ("Ruth Bader Ginsburg" is not an
        earlier "Luis Liberman Ginsburg")."""
        toks = self._name_tokens(m)
        if not toks:
            return
        last = toks[-1]
        r = m.resolved
        known_here = r is not None and r.entry is not None
        full_here = len(toks) > 1
        full_name = norm(r.name).split() if known_here else toks
        best = None
        hon = self._honorific_gender(m)
        mentioned: dict[str, int] = {}
        for _tok, key, _s in self.history:
            mentioned[key] = mentioned.get(key, 0) + 1
        for p in self.persons.values():
            if p.key == m.key:
                continue
            if hon and p.gender and p.gender != hon:
                continue   # "Mrs. Clinton" is not the Bill Clinton named before her
            if full_here:
                if not (last == p.surname or (len(p.name) == 1 and p.name[0] in (toks[0], last))):
                    continue
                if len(p.name) > 1 and not same_given_name(p.name[0], full_name[0]):
                    continue   # another person who shares the surname
                pr = p.mention.resolved
                if known_here and pr.entry is not None and p.key != r.key:
                    continue   # a different known person who shares a name
            elif last not in p.tokens:
                continue
            if best is None:
                best = p
            elif full_here:
                if p.last > best.last:
                    best = p
            elif self._principal(p, mentioned) > self._principal(best, mentioned):
                best = p   # "Mr. Cruz" after "Sen. Ted Cruz … his father, Rafael Cruz": the senator
        if best is None:
            if full_here and last in self.bare:
                # "Sanders" (read as an organisation) before "Bernie Sanders": the same one
                target = r.key if r is not None else m.key
                for key in self.bare.pop(last):
                    if key != target:
                        self.merged[key] = target
            return
        known_there = best.mention.resolved.entry is not None
        pr = best.mention.resolved
        if full_here and len(best.name) == 1:
            # "Clinton" earlier, "Hillary Clinton" now: the earlier one is this one
            if known_here:
                self.merged[best.key] = r.key
                self.persons.pop(best.key, None)
                return
            m.key = best.key
            if richness(r) >= richness(pr):
                best.mention = m
                r.key = pr.key
            else:
                m.resolved = pr
            pr.name = r.name          # the actor is called by its full name
            best.name = toks
            return
        if full_here and known_here and not known_there:
            self.merged[best.key] = r.key
            self.persons.pop(best.key, None)
            return
        m.key = best.key
        if known_here and r.entry is not pr.entry and not full_here:
            m.resolved = pr            # a namesake in the knowledge: the article's person wins
        elif richness(r) > richness(pr) and (known_here or not known_there):
            best.mention = m          # "Sen. Elizabeth Warren" tells more than "Elizabeth Warren"
            if not known_here and len(best.name) > len(toks):
                r.name, r.key = pr.name, pr.key
        else:
            if not known_there and not known_here and r is not None and (r.country or r.sector) \
                    and not (pr.country or pr.sector):
                best.mention = m
                r.name, r.key = pr.name, pr.key
            else:
                m.resolved = pr

    def _principal(self, p: Person, mentioned: dict[str, int]) -> tuple:
        """How much an article person sharing a short name is the one it means: a known,
        titled person over a namesake the article names in passing (a relative), then the
        one named more often, then the one named first (news calls its subject by the short
        name and relatives by their full names)."""
        r = p.mention.resolved
        return (r is not None and r.entry is not None, mentioned.get(p.key, 0),
                -p.mention.start)

    def resolve_bare_surnames(self, mentions: list[Mention]) -> None:
        """Surnames alone that no one in the article carries in full: the knowledge person of
        the article's country, if there is one (strong context), else they stay unknown."""
        if not self.article_country:
            return
        for m in mentions:
            r = m.resolved
            if r is None or not r.cands or m.key in self.merged:
                continue
            if self.persons.get(m.key) is None or len(self.persons[m.key].name) != 1:
                continue
            e = surname_match(list(r.cands), r.cues or Cues(), self.date, self.k, self.article_country)
            if e is None:
                continue
            new = entry_actor(e, self.k, self.date, r.cues, how=r.how)
            self.merged[m.key] = new.key
            self.resolved_as[new.key] = new

    def _title_of(self, key: str) -> str:
        """The title a word names ("prince", "gov" and "governor" alike), or ""."""
        row = self.k.roles.get(key)
        if row is None or row[1] != "person" or "title" not in (row[3] or ()):
            return ""
        spec = title_table()[0].get(key)
        return "kind:" + spec.kind if spec is not None else singular(key)

    def _definite_title(self, m: Mention) -> str:
        """The title of a definite title noun ("the prince", "the senator"), or ""."""
        if self.doc[m.start].lower_ != "the" or m.head < 0:
            return ""
        return self._title_of(norm(self.doc[m.head].text))

    def _link_titled(self, m: Mention, title: str) -> bool:
        """"the prince" → the last person named with that title before ("Saudi Prince
        Alwaleed bin Talal … the prince"), of the country the phrase gives, if it gives one."""
        r = m.resolved
        best = None
        for p in self.persons.values():
            if title not in p.titles or p.mention.start >= m.start:
                continue
            if r.country and p.mention.resolved.country != r.country:
                continue
            if best is None or p.last > best.last:
                best = p
        if best is None:
            return False
        m.key = best.key
        m.resolved = best.mention.resolved
        return True

    def _link_role(self, m: Mention) -> None:
        """A role phrase → the person named in the article who holds that role; a definite
        title noun no holder is found for → the last person named with that title."""
        r = m.resolved
        wants_top = "top" in r.flags
        counterpart = "counterpart" in r.flags
        title = self._definite_title(m)
        if not (r.offices or wants_top or counterpart):
            if title:
                self._link_titled(m, title)
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
            if p.last_subject >= 0 and self.sent_no[m.start] - p.last_subject <= ROLE_TOPIC_SENTENCES:
                score += 0.5        # "the president" after a paragraph about Mr Obama that names Mr Assad
            score += p.last / 1e6   # recency breaks ties
            if best_score is None or score > best_score:
                best, best_score = p, score
        if best is not None:
            m.key = best.key
            m.resolved = best.mention.resolved
            return
        if title and self._link_titled(m, title):
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


def link(doc, mentions: list[Mention], k: ActorKnowledge, date: dt.date | None,
         article_country: str | None = None) -> list[Mention]:
    """Mentions with their final actor keys, pronouns added."""
    linker = Linker(doc, k, date, article_country)
    named = linker.link_mentions(mentions)
    pronouns = linker.link_pronouns(named)
    linker.resolve_bare_surnames(named)
    out = sorted(named + pronouns, key=lambda m: m.start)
    if linker.merged:
        final = {m.key: m.resolved for m in out if m.key not in linker.merged}
        final.update(linker.resolved_as)
        for m in out:
            key, seen = m.key, {m.key}
            while key in linker.merged and linker.merged[key] not in seen:
                key = linker.merged[key]
                seen.add(key)
            if key != m.key:
                m.key = key
                m.resolved = final.get(key, m.resolved)
    return out
