"""Who did what to whom: actors for a trigger's arguments over the dependency parse.

The actors stage gives mentions (character spans → Actor); here we find which mention a
noun phrase refers to (its head, else the name, possessor or nationality adjective inside
it), follow coordination ("Mr Xi and Mr Putin"), and map grammatical roles to source and
target: subject/agent → source, object/"with"/"against"/"on" → target, passives reversed,
missing subjects inherited from the governing clause ("ready to increase", "X urged Y to").
A pronoun the actors stage left unresolved is tied to a nearby subject as a last resort.
"""
from __future__ import annotations

from bisect import bisect_left

from ..quotes.speakers import actor_gender
from ..records import Actor

SUBJ = ("nsubj", "csubj")
RELATIVE_TAGS = ("WP", "WDT")         # who, which, that as the subject of a relative clause
PASS_SUBJ = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "dative", "iobj", "obj", "attr", "oprd")
# Prepositions that introduce the target of a verb, in order of preference.
TARGET_PREPS = ("with", "against", "on", "upon", "to", "toward", "towards", "at", "into",
                "over", "for", "from", "about", "in")
# Prepositions over a gerund whose doer is the governing verb's object ("accused X of …").
OBJECT_CONTROL_PREPS = ("for", "of", "from", "against", "over", "into")
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "acl", "csubj", "xcomp", "conj", "pcomp"}
INNER_DEPS = ("compound", "flat", "appos", "nmod", "poss", "amod", "npadvmod")
PRONOUNS_PERSON = {"he", "him", "his", "she", "her", "hers"}
PRONOUNS_MALE = {"he", "him", "his"}
PRONOUNS_THING = {"it", "its"}
PRONOUNS_PLURAL = {"they", "them", "their", "theirs"}
PRONOUNS_FIRST = {"i", "me", "my", "we", "us", "our"}
PAIR_WORDS = ("the pair", "the two", "both")
# Plural nouns that stand for two actors named before: "the two countries", "the nations".
GROUP_NOUNS = {"nation": "country", "country": "country", "government": "country", "side": "country",
               "state": "country", "power": "country", "capital": "country",
               "leader": "person", "man": "person", "president": "person", "men": "person",
               "woman": "person", "women": "person", "counterpart": "person", "minister": "person"}


class MentionIndex:
    """Actor mentions of one document by character span, for fast overlap lookups."""

    def __init__(self, actors: list[Actor], exclude: list[tuple[int, int]] = ()):
        spans = []
        for a in actors:
            for m in a.mentions:
                if any(m.start < e and m.end > s for s, e in exclude):
                    continue        # a dateline's place and wire ("BEDFORD, N.H. (AP) —")
                spans.append((m.start, m.end, a))
        spans.sort(key=lambda s: (s[0], s[1]))
        self.spans = spans
        self.starts = [s[0] for s in spans]
        self.max_len = max((e - s for s, e, _ in spans), default=0)

    def at(self, start: int, end: int) -> list[Actor]:
        """Actors of the tightest mention overlapping [start, end) — several when a mention
        stands for more than one actor ("the two leaders")."""
        lo = bisect_left(self.starts, start - self.max_len)
        best_len = None
        best_k = -1
        found: list[Actor] = []
        for k in range(lo, len(self.spans)):
            s, e, a = self.spans[k]
            if s >= end:
                break
            if e <= start:
                continue
            ln = e - s
            if best_len is None or ln < best_len:
                best_len, found, best_k = ln, [a], k
            elif ln == best_len and all(x.id != a.id for x in found):
                found.append(a)
        if len(found) == 1 and self._is_pair(best_k):
            partner = self._partner(best_k, found[0])
            if partner is not None:
                found.append(partner)
        return found

    def add(self, actor: Actor, start: int, end: int) -> None:
        k = bisect_left(self.starts, start)
        self.spans.insert(k, (start, end, actor))
        self.starts.insert(k, start)
        self.max_len = max(self.max_len, end - start)

    def _is_pair(self, k: int) -> bool:
        s, e, a = self.spans[k]
        for m in a.mentions:
            if m.start == s and m.end == e:
                return m.how == "pair" or (m.how == "role" and m.text.lower().startswith(PAIR_WORDS))
        return False

    def _partner(self, k: int, first: Actor) -> Actor | None:
        """The other of the two people named last before a "the pair" mention."""
        seen: list[Actor] = []
        for j in range(k - 1, -1, -1):
            a = self.spans[j][2]
            if a.kind != first.kind or any(x.id == a.id for x in seen):
                continue
            seen.append(a)
            if len(seen) == 2:
                break
        for a in seen:
            if a.id != first.id:
                return a
        return None

    def recent(self, before: int, kind: str, n: int = 2) -> list[Actor]:
        """The last n distinct actors (persons, or countries by code) mentioned before an offset."""
        out: list[Actor] = []
        codes: set[str] = set()
        k = bisect_left(self.starts, before) - 1
        while k >= 0 and len(out) < n:
            a = self.spans[k][2]
            k -= 1
            if kind == "person":
                if a.kind == "person" and all(x.id != a.id for x in out):
                    out.append(a)
            elif a.country and a.country not in codes:
                codes.add(a.country)
                out.append(a)
        return out

    def in_span(self, start: int, end: int) -> list[Actor]:
        """Every actor with a mention inside [start, end), in text order."""
        lo = bisect_left(self.starts, start)
        out: list[Actor] = []
        for k in range(lo, len(self.spans)):
            s, e, a = self.spans[k]
            if s >= end:
                break
            if e <= end and all(x.id != a.id for x in out):
                out.append(a)
        return out


def _tok_actors(index: MentionIndex, tok) -> list[Actor]:
    return index.at(tok.idx, tok.idx + len(tok))


def np_actors(index: MentionIndex, head, resolver=None, depth: int = 0, owner: bool = False) -> list[Actor]:
    """Actors a noun phrase refers to: the head's mention, else names/possessors inside it;
    coordinated heads ("Mr Xi and Mr Putin") add theirs. `owner`: let a possessive pronoun
    stand for the phrase ("its economy" → its owner)."""
    found = _np_actor(index, head, resolver, owner)
    out = list(found)
    if depth < 4:
        for c in head.children:
            if c.dep_ == "conj":
                for a in np_actors(index, c, resolver, depth + 1, owner):
                    if all(x.id != a.id for x in out):
                        out.append(a)
    return out


def _np_actor(index: MentionIndex, head, resolver, owner: bool = False) -> list[Actor]:
    acts = _tok_actors(index, head)
    if acts:
        return acts
    if head.pos_ == "PRON" and resolver is not None:
        return resolver.many(head)
    if resolver is not None and head.tag_ in ("NNS", "NNPS") and head.lemma_.lower() in GROUP_NOUNS:
        group = resolver.group(head)
        if group:
            return group
    for dep in INNER_DEPS:
        for c in head.children:
            if c.dep_ == dep and c.i < head.i or (c.dep_ == dep and dep in ("appos", "nmod")):
                acts = _tok_actors(index, c)
                if not acts and c.pos_ == "PRON":
                    if not owner or resolver is None:
                        continue
                    acts = resolver.many(c)
                if not acts and dep in ("compound", "nmod", "appos"):
                    acts = _np_actor(index, c, resolver)
                if acts:
                    return acts
    # "the government of Iraq", "leaders of Russia and China"
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    return np_actors(index, p, resolver, 3)
    return []


def subject_token(tok, depth: int = 0):
    """(subject token, passive?) of a verb or predicate, inherited through xcomp/advcl/conj."""
    for deps, passive in ((SUBJ, False), (PASS_SUBJ, True)):
        for c in tok.children:
            if c.dep_ in deps and not misparsed_object(tok, c):
                if c.tag_ in RELATIVE_TAGS and tok.dep_ == "relcl" and tok.head.i != tok.i:
                    return tok.head, passive      # "Beck, who supported Cruz" → Beck
                return c, passive
    if depth >= 4:
        return None, False
    dep = tok.dep_
    head = tok.head
    if head.i == tok.i:
        return None, False
    if dep == "xcomp":
        # object control: "urged Iran to release" → Iran; else the head's subject
        for c in head.children:
            if c.dep_ in ("dobj", "dative") and c.i < tok.i:
                return c, False
        return subject_token(head, depth + 1)
    if dep == "conj" and head.pos_ in ("VERB", "AUX", "ADJ"):
        subj, passive = subject_token(head, depth + 1)
        # the conjunct's own voice: "who shot him and has been charged" → he is charged
        if any(c.dep_ == "auxpass" for c in tok.children):
            passive = True
        elif any(c.dep_ == "aux" for c in tok.children):
            passive = False
        return subj, passive
    if dep in ("acomp", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
        return subject_token(head, depth + 1)
    if dep == "pcomp" and head.head.i != head.i:
        # "thanked X for sending", "accused X of provoking", "stopped X from entering": the
        # object does it; "thrown restraint to the winds in denouncing Y": the subject does
        verb = head.head
        if verb.pos_ in ("VERB", "AUX") and head.lower_ in OBJECT_CONTROL_PREPS:
            for c in verb.children:
                if c.dep_ in ("dobj", "dative") and c.i < tok.i:
                    return c, False
            for c in verb.children:    # "lashed out at Turkey for having shot down …"
                if c.dep_ == "prep" and c.lower_ in ("at", "against", "on", "upon") and c.i < head.i:
                    objs = [o for o in c.children if o.dep_ == "pobj"]
                    if objs:
                        return objs[0], False
        return subject_token(verb, depth + 1)
    if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head, dep == "acl" and tok.tag_ == "VBN"
    return None, False


def agent_token(tok):
    """The 'by X' agent of a passive verb."""
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def object_tokens(tok) -> list:
    return [c for c in tok.children if c.dep_ in OBJ or misparsed_object(tok, c)]


def misparsed_object(verb, c) -> bool:
    """A "subject" after a to-infinitive is its object, parsed wrong ("took to the steps to
    assail Senator Sanders"): the subject of an infinitive comes before it ("for X to V")."""
    return c.dep_ == "nsubj" and c.i > verb.i and verb.tag_ == "VB" and \
        any(a.dep_ == "aux" and a.tag_ == "TO" for a in verb.children)


def shared_object_verb(tok):
    """The coordinated verb whose object `tok` shares ("shot and killed a teenager",
    "arrested and charged two men"): a conj verb to its right with an object and no subject
    of its own, when `tok` has no object; else None."""
    if tok.pos_ != "VERB" or object_tokens(tok):
        return None
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > tok.i and object_tokens(c) \
                and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children) \
                and not any(x.dep_ == "cc" and x.lower_ in ("but", "or", "nor") for x in tok.children):
            return c
    return None


def prep_objects(tok, preps=TARGET_PREPS) -> list[tuple[str, object]]:
    """(preposition, object head) pairs attached to tok, in the order of `preps`."""
    found = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp") and p.pos_ != "VERB":
                    found.append((c.lower_, p))
    found.sort(key=lambda x: preps.index(x[0]))
    return found


def dedupe_country(acts: list[Actor]) -> list[Actor]:
    """Drop a country actor when a person or body of that country is also named
    ("US President Joe Biden" → Biden, not the US and Biden)."""
    out = []
    for a in acts:
        if a.kind == "country" and any(b is not a and b.country == a.country and b.kind != "country"
                                       for b in acts):
            continue
        if all(b.id != a.id for b in out):
            out.append(a)
    return out


class PronounResolver:
    """Ties an unresolved pronoun to an actor: the speaker of the clause it sits in
    ("X said he would…"), else the main subject of this or the previous sentence."""

    def __init__(self, index: MentionIndex, speech_verbs: set[str], text: str | None = None):
        self.index = index
        self.speech = speech_verbs
        self.text = text
        self._genders: dict[str, str | None] = {}
        self.memo: dict[int, Actor | None] = {}
        self.memo_many: dict[int, list[Actor]] = {}

    def many(self, tok) -> list[Actor]:
        """All actors a pronoun stands for: a plural one may be a pair ("their", "both")."""
        if tok.lower_ in PRONOUNS_PLURAL or tok.lower_ in ("both",):
            key = -tok.i - 1
            if key in self.memo_many:
                return self.memo_many[key]
            self.memo_many[key] = []
            res = self._cataphora(tok) or self._plural(tok)
            self.memo_many[key] = res
            if res:
                return res
        a = self(tok)
        return [a] if a else []

    def group(self, tok) -> list[Actor]:
        """"the two countries", "the nations", "both leaders": the two last named of that kind."""
        det = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet")}
        if not det & {"the", "two", "both"}:
            return []
        kind = GROUP_NOUNS[tok.lemma_.lower()]
        acts = self.index.recent(tok.idx, kind)
        return acts if len(acts) == 2 else []

    def _plural(self, tok) -> list[Actor]:
        """A coordinated pair named before the pronoun in this or the previous sentence, else
        the previous sentence's subject with its 'with' partner."""
        doc = tok.doc
        sent = tok.sent
        sents = [sent]
        if sent.start > 0:
            sents.append(doc[sent.start - 1].sent)
        for k, s in enumerate(sents):
            for t in s:
                if k == 0 and t.i >= tok.i and t.head.i != t.i and False:
                    continue
                if any(c.dep_ == "conj" for c in t.children) and t.pos_ in ("PROPN", "NOUN"):
                    if t.left_edge.i <= tok.i <= t.right_edge.i:
                        continue
                    acts = np_actors(self.index, t, None)
                    if len(acts) >= 2:
                        return dedupe_country(acts)
            if k == 1:
                root = s.root
                subj = [c for c in root.children if c.dep_ in SUBJ]
                withs = [o for p, o in prep_objects(root, ("with",))]
                if subj and withs:
                    acts = np_actors(self.index, subj[0], None) + np_actors(self.index, withs[0], None)
                    acts = dedupe_country(acts)
                    if len(acts) >= 2:
                        return acts
        return []

    def _cataphora(self, tok) -> list[Actor]:
        """"At their meeting, Mr Putin told Mr Xi …": a plural possessive in a fronted phrase
        points at the main subject and the next actor of its kind in the sentence."""
        sent = tok.sent
        root = sent.root
        subj = [c for c in root.children if c.dep_ in SUBJ and c.i > tok.i]
        if not subj or tok.i > subj[0].i:
            return []
        first = np_actors(self.index, subj[0], None)
        if not first:
            return []
        a0 = first[0]
        for t in sent:
            if t.i <= subj[0].right_edge.i:
                continue
            for a in self.index.at(t.idx, t.idx + len(t)):
                if a.id != a0.id and a.kind == a0.kind and a.country != a0.country:
                    return [a0, a]
        return first[:2] if len(first) >= 2 else []

    def __call__(self, tok) -> Actor | None:
        if tok.i in self.memo:
            return self.memo[tok.i]
        self.memo[tok.i] = None
        res = self._resolve(tok)
        self.memo[tok.i] = res
        return res

    def _fits(self, pron: str, a: Actor) -> bool:
        if pron in PRONOUNS_PERSON:
            if a.kind != "person":
                return False
            g = self._genders.get(a.id, "?")
            if g == "?":
                g = self._genders[a.id] = actor_gender(a, self.text)
            return g is None or g == ("male" if pron in PRONOUNS_MALE else "female")
        if pron in PRONOUNS_THING:
            return a.kind != "person"
        if pron in PRONOUNS_PLURAL:
            return a.kind != "person"   # "they" is a group, body or country, not one person
        return True

    def _resolve(self, tok) -> Actor | None:
        pron = tok.lower_
        if pron in PRONOUNS_FIRST or pron not in PRONOUNS_PERSON | PRONOUNS_THING | PRONOUNS_PLURAL:
            return None
        # speaker of a reported clause: climb to a speech verb and take its subject
        t = tok.head
        for _ in range(8):
            if t.lemma_ in self.speech and t.i < tok.i:
                s, _p = subject_token(t)
                if s is not None and s.i != tok.i:
                    for a in np_actors(self.index, s, self):
                        if self._fits(pron, a):
                            return a
                break
            if t.head.i == t.i:
                break
            t = t.head
        if pron in PRONOUNS_THING:
            bound = self._own_clause_subject(tok)
            if bound is not None:
                acts = [a for a in np_actors(self.index, bound, self) if self._fits(pron, a)]
                if acts:
                    return acts[0]
                if bound.pos_ in ("NOUN", "PROPN"):
                    # "allowing the group to continue its attacks": "its" is the group's, and
                    # a group readout cannot name is no licence to take another sentence's actor
                    return None
        # main subject of the sentence (if the pronoun is not inside it), then the previous one
        sent = tok.sent
        for s in self._sentence_subjects(sent, tok):
            for a in np_actors(self.index, s, self):
                if self._fits(pron, a):
                    return a
        doc = tok.doc
        if sent.start > 0:
            prev = doc[sent.start - 1].sent
            for s in self._sentence_subjects(prev, None):
                for a in np_actors(self.index, s, self):
                    if self._fits(pron, a):
                        return a
        return None

    @staticmethod
    def _own_clause_subject(tok):
        """The subject (or controller) of the clause a possessive or object pronoun stands in,
        when the pronoun is not part of it."""
        v = tok.head
        for _ in range(6):
            if v.pos_ in ("VERB", "AUX"):
                break
            if v.head.i == v.i:
                return None
            v = v.head
        else:
            return None
        if v.pos_ not in ("VERB", "AUX"):
            return None
        subj, _passive = subject_token(v)
        if subj is None or subj.pos_ == "PRON" or subj.left_edge.i <= tok.i <= subj.right_edge.i:
            return None
        return subj

    @staticmethod
    def _sentence_subjects(sent, exclude):
        root = sent.root
        for c in root.children:
            if c.dep_ in SUBJ + PASS_SUBJ:
                if exclude is not None and c.left_edge.i <= exclude.i <= c.right_edge.i:
                    continue
                yield c
