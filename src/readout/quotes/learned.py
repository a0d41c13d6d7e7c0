"""Learned attribution candidates: the long tail the cue lexicon does not reach.

News attribution covers far more than verbs of saying: "backed Clinton", "criticized X
for …", "a supporter of …", "called for …". Rather than list every verb, every word
with a complement in the parse proposes candidate contents (the subtree of its ccomp,
dobj, xcomp, prep object …, the clause before a ", X said"-style tail, what follows a
colon); a logistic model over parse features (cue lemma, complement type, speaker
kind, span shape) scores them. The weights are a data file
(`knowledge/quote_model.json`, built by `scripts/train_quote_model.py`); scoring is
a sum of weights in plain Python over arrays read once from the Doc (making spaCy
Token objects is what costs time here). `LearnedCandidates` is the finder's rule 4: it
adds the candidates above the model's threshold whose cue and span the rules left
free, and drops frame attributions of the rules that the model scores very low.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, POS, SENT_START, TAG

from ..knowledge import data_dir
from .attribution import Attribution

# Dependency labels whose subtree can be the content of its head word.
CHILD_DEPS = frozenset({"ccomp", "dobj", "xcomp", "oprd", "acl", "advcl", "nsubjpass", "dative",
                        "acomp", "conj"})
CUE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CUT_SUBJECT = frozenset({"ccomp", "conj", "advcl"})
REVERSE_DEPS = frozenset({"ROOT", "parataxis", "advcl", "conj"})
REVERSE_MARKS = frozenset({",", "”", "\"", "''", "—", "–"})
OPEN_MARKS = frozenset({"“", "\"", "‘", "''", "``"})
CLOSE_MARKS = frozenset({"”", "\"", "’", "''"})
FIRST_WORDS = frozenset({"that", "to", "how", "what", "whether", "if", "why", "the", "a", "an",
                         "his", "her", "their", "its", "he", "she", "they", "it", "we", "i",
                         "for", "about", "of", "on", "in", "as", "when", "who", "which"})
PERSONAL = frozenset({"he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "me"})
CLASSES = ("speech", "thought", "evidence", "naming", "evaluative", "reverse")
# Complements and adjuncts after an object that still belong to what is reported
# ("described X as Y", "accused X of Y", "backed X for president").
VP_REST_DEPS = frozenset({"prep", "dobj", "dative", "oprd", "xcomp", "ccomp", "acomp", "attr",
                          "agent", "npadvmod", "advmod"})
EXTENDED = frozenset({"dobj", "xcomp", "dative"})
# prepositions of time and occasion that end a verb's complements (set on PolNeAR train)
REST_STOP_PREPS = frozenset({"at", "during", "after", "before", "since", "amid", "following",
                             "despite", "ahead"})
FRAME_FLOOR = 0.1   # a frame attribution whose candidate the model scores below this is dropped
MAX_SPAN = 80   # tokens; longer subtrees are whole paragraphs, not a reported content
_NAMES: dict[int, str] = {0: ""}   # string-store hash → string, shared by all docs
_ZEROS = (0.0,) * 64   # defaults for dict.get in QuoteModel.score
_ATTRS = [LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE, SENT_START, IDX]


@dataclass(slots=True)
class Candidate:
    cue: int          # token index of the cue word
    ctype: str        # complement type ("dobj", "prep:for", "before", "colon" …)
    lo: int           # first token of the content (inclusive)
    hi: int           # last token of the content (inclusive)
    extra: int = -1   # token index of a second cue word (the preposition), else -1
    root: int = -1    # head token of the content, when known


@dataclass(frozen=True, slots=True)
class QuoteModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    version: str

    def score(self, feats: list[str]) -> float:
        z = self.bias + sum(map(self.weights.get, feats, _ZEROS))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def quote_model() -> QuoteModel | None:
    """The trained weights, or None when the data file is absent (rules only)."""
    path = data_dir() / "quote_model.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text("utf-8"))
    return QuoteModel(data["weights"], data["bias"], data["threshold"], data["version"])


@lru_cache(maxsize=65536)
def _lowered(lemma: str) -> str:
    return lemma.lower()


class DocView:
    """Per-token attributes of a Doc as plain lists, with subtree edges and sentence bounds."""

    __slots__ = ("n", "lower", "lemma", "pos", "tag", "dep", "ent", "head", "punct", "space",
                 "idx", "left", "right", "sent_lo", "sent_hi", "_kids", "_kid_at", "verbs", "in_quote",
                 "quoted")

    def __init__(self, doc, in_quote: list[int] | None = None):
        strings = doc.vocab.strings
        n = self.n = len(doc)
        arr = doc.to_array(_ATTRS) if n else None
        cols = arr.T.tolist() if n else [[] for _ in _ATTRS]
        names = _NAMES
        if len(names) > 500_000:
            names.clear()
            names[0] = ""
        for k in range(6):
            for h in set(cols[k]).difference(names):
                names[h] = strings[h]
        self.lower, lemma, self.pos, self.tag, self.dep, self.ent = (
            [names[h] for h in cols[k]] for k in range(6))
        self.lemma = [_lowered(x) for x in lemma]
        # HEAD is stored as a relative offset in an unsigned column
        pos_i = numpy.arange(n)
        head_a = arr[:, 6].view(numpy.int64) + pos_i if n else pos_i
        self.head = head_a.tolist()
        self.punct, self.space = cols[7], cols[8]   # 0/1
        self.idx = cols[10]
        left_a, right_a = pos_i.copy(), pos_i.copy()
        for _ in range(n):   # push subtree edges up one level per round, until nothing moves
            new_l, new_r = left_a.copy(), right_a.copy()
            numpy.minimum.at(new_l, head_a, left_a)
            numpy.maximum.at(new_r, head_a, right_a)
            if (new_l == left_a).all() and (new_r == right_a).all():
                break
            left_a, right_a = new_l, new_r
        self.left, self.right = left_a.tolist(), right_a.tolist()
        order = numpy.argsort(head_a, kind="stable")
        self._kids = order.tolist()
        self._kid_at = numpy.searchsorted(head_a[order], numpy.arange(n + 1)).tolist()
        if n:
            sent_start = arr[:, 9].view(numpy.int64) == 1
            sent_start[0] = True
            starts = numpy.flatnonzero(sent_start)
            which = numpy.searchsorted(starts, pos_i, side="right") - 1
            ends = numpy.append(starts[1:], n) - 1
            self.sent_lo, self.sent_hi = starts[which].tolist(), ends[which].tolist()
        else:
            self.sent_lo, self.sent_hi = [], []
        is_verb = numpy.isin(arr[:, 2], [strings["VERB"], strings["AUX"]]) if n else pos_i
        self.verbs = [0] + numpy.cumsum(is_verb).tolist()   # prefix counts for span features
        self.set_quotes(in_quote if in_quote is not None else [-1] * n)

    def set_quotes(self, in_quote: list[int]) -> None:
        """Which quote span encloses each token (-1: none), as found by `marks`."""
        self.in_quote = in_quote
        quoted = [0]
        for q in in_quote:
            quoted.append(quoted[-1] + (q >= 0))
        self.quoted = quoted

    def children(self, i: int) -> list[int]:
        """Indices of the token's syntactic children, in text order."""
        return [c for c in self._kids[self._kid_at[i]:self._kid_at[i + 1]] if c != i]

    def root_of(self, lo: int, hi: int) -> int:
        """The first token of [lo, hi] whose head lies outside it."""
        head = self.head
        for i in range(lo, hi + 1):
            if not lo <= head[i] <= hi or head[i] == i:
                return i
        return lo


def _trim(dv: DocView, lo: int, hi: int) -> tuple[int, int]:
    while lo <= hi and (dv.punct[lo] or dv.space[lo]) and dv.lower[lo] not in OPEN_MARKS:
        lo += 1
    while hi >= lo and (dv.punct[hi] or dv.space[hi]) and dv.lower[hi] not in CLOSE_MARKS:
        hi -= 1
    return lo, hi


def _without_subject(dv: DocView, v: int, lo: int, hi: int) -> tuple[int, int]:
    """Cut the cue's own subject off the edge of a span ("X said that …")."""
    for c in dv.children(v):
        if dv.dep[c] in SUBJECT_DEPS:
            s_lo, s_hi = dv.left[c], dv.right[c]
            if s_lo <= lo <= s_hi:
                lo = s_hi + 1
            if s_lo <= hi <= s_hi:
                hi = s_lo - 1
    return lo, hi


def vp_rest(dv: DocView, v: int, hi: int) -> int:
    """Last token of the cue's later complements after `hi`, up to a comma or conjunction,
    or a phrase of time or occasion ("thanked supporters | at a rally", "| after …")."""
    for c in dv.children(v):
        if c <= hi:
            continue
        if dv.dep[c] not in VP_REST_DEPS or any(dv.punct[k] for k in range(hi + 1, dv.left[c])):
            break
        if dv.dep[c] == "prep" and dv.lower[c] in REST_STOP_PREPS:
            break
        hi = dv.right[c]
    return hi


def candidates(dv: DocView) -> list[Candidate]:
    """Candidate (cue, content) pairs for every content word with a complement."""
    out: list[Candidate] = []
    pos, dep, lower = dv.pos, dv.dep, dv.lower
    for v in range(dv.n):
        if pos[v] not in CUE_POS or dv.in_quote[v] >= 0:
            continue
        s_lo, s_hi = dv.sent_lo[v], dv.sent_hi[v]
        for c in dv.children(v):
            d = dep[c]
            if d in CHILD_DEPS:
                if d in SUBJECT_DEPS and pos[v] not in ("VERB", "ADJ"):
                    continue
                lo, hi = dv.left[c], dv.right[c]
                if d in CUT_SUBJECT:
                    lo, hi = _without_subject(dv, v, lo, hi)
                elif d in EXTENDED and c > v:
                    hi = vp_rest(dv, v, hi)
                out.append(Candidate(v, d, lo, hi, -1, c))
            elif d == "prep" or d == "agent":
                objs = [x for x in dv.children(c) if dep[x] in ("pobj", "pcomp")]
                if objs:
                    hi = dv.right[objs[-1]]
                    if c > v:
                        hi = vp_rest(dv, v, hi)
                    out.append(Candidate(v, "prep:" + lower[c], dv.left[objs[0]], hi, c, objs[0]))
            elif d == "punct" and lower[c] == ":" and c > v and c < s_hi:
                out.append(Candidate(v, "colon", c + 1, s_hi))
        # reverse: "…, X said" — the clause before the cue's own clause
        left = dv.left[v]
        if left > s_lo + 2 and lower[left - 1] in REVERSE_MARKS and dep[v] in REVERSE_DEPS:
            out.append(Candidate(v, "before", s_lo, left - 1))
        h = dv.head[v]
        if dep[v] in ("parataxis", "advcl") and h != v and left > dv.left[h]:
            out.append(Candidate(v, "headrest", dv.left[h], left - 1))
    res = []
    for c in out:
        lo, hi = _trim(dv, c.lo, c.hi)
        if lo <= hi and hi - lo < MAX_SPAN and not (lo <= c.cue <= hi):
            c.lo, c.hi = lo, hi
            if not lo <= c.root <= hi:
                c.root = dv.root_of(lo, hi)
            res.append(c)
    return res


def subject_kind(tok) -> str:
    """Coarse kind of the stance holder token (None when there is none)."""
    if tok is None:
        return "none"
    low = tok.lower_
    if low in PERSONAL:
        return "pron"
    if tok.pos_ == "PRON":
        return "opron"
    if tok.ent_type_ == "PERSON":
        return "person"
    if tok.ent_type_ in ("ORG", "GPE", "NORP"):
        return "org"
    if tok.pos_ == "PROPN":
        return "propn"
    if tok.pos_ == "NOUN":
        return "noun"
    return "other"


def _length_bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n <= 2 else "4" if n <= 4 else "8" if n <= 8 else \
        "16" if n <= 16 else "32" if n <= 32 else "64"


_CLASS_CACHE: dict[tuple[int, str, str], tuple[str, ...]] = {}


def _classes(lex, lower: str, lemma: str) -> tuple[str, ...]:
    key = (id(lex), lower, lemma)
    found = _CLASS_CACHE.get(key)
    if found is None:
        cue = lex.lemma_of(lower, lemma)
        found = tuple(c for c in CLASSES if lex.is_class(cue, c)) or ("none",)
        if len(_CLASS_CACHE) > 20000:
            _CLASS_CACHE.clear()
        _CLASS_CACHE[key] = found
    return found


def features(dv: DocView, cand: Candidate, holder: str, lex) -> list[str]:
    """Feature names of one candidate (binary; the model sums their weights).

    `holder` is the kind of the cue's speaker (`subject_kind`)."""
    v = cand.cue
    lemma = dv.lemma[v]
    t = cand.ctype
    tb = "prep" if t.startswith("prep:") else t
    n = cand.hi - cand.lo + 1
    fl = dv.lower[cand.lo]
    fw = fl if fl in FIRST_WORDS else dv.pos[cand.lo]
    has_verb = dv.verbs[cand.hi + 1] > dv.verbs[cand.lo]
    quoted = dv.quoted[cand.hi + 1] - dv.quoted[cand.lo]
    qb = "0" if quoted == 0 else "all" if quoted >= n - 1 else "some"
    r = cand.root
    ent = dv.ent[r] or dv.pos[r]
    f = ["T=" + t, "TB=" + tb, "L=" + lemma, "LT=" + lemma + "|" + t, "P=" + dv.pos[v] + "|" + tb,
         "D=" + dv.dep[v] + "|" + tb, "S=" + holder + "|" + tb, "LS=" + lemma + "|" + holder,
         "F=" + fw + "|" + tb, "N=" + _length_bucket(n) + "|" + tb,
         "V=" + str(has_verb) + "|" + tb, "Q=" + qb + "|" + tb, "H=" + ent + "|" + tb,
         "A=" + ("after" if cand.lo > v else "before") + "|" + tb, "TG=" + dv.tag[v] + "|" + tb]
    f += ["C=" + c + "|" + tb for c in _classes(lex, dv.lower[v], lemma)]
    kids = dv.children(v)
    if any(dv.dep[c] == "neg" for c in kids):
        f.append("NEG|" + tb)
    if dv.dep[v] in ("xcomp", "conj"):
        f.append("HL=" + dv.lemma[dv.head[v]] + "|" + dv.dep[v])
    if dv.pos[v] == "NOUN":
        f.append("NP=" + str(any(dv.dep[c] == "poss" for c in kids)) + "|" + tb)
    return f


class LearnedCandidates:
    """Rule 4 of `Finder` (mixed in): model-scored candidates where the rules found nothing."""

    def _learned(self, atts: list[Attribution]) -> list[Attribution]:
        """Model-scored complements that overlap no attribution found so far, best first.

        Frame attributions of the rules whose candidate the model scores very low are
        dropped from `atts` (in place): the frame table knows the verb, not the sentence."""
        doc = self.doc
        dv = self.dv
        holders: dict[int, object] = {}
        kinds: dict[int, str] = {}
        scored = []
        frame_score: dict[tuple[int, str], float] = {}
        for c in candidates(dv):
            if c.cue not in kinds:
                holders[c.cue] = self.holder_of(doc[c.cue])
                kinds[c.cue] = subject_kind(holders[c.cue])
            p = self.model.score(features(dv, c, kinds[c.cue], self.lex))
            key = (c.cue, "prep" if c.ctype.startswith("prep:") else c.ctype)
            frame_score[key] = max(p, frame_score.get(key, 0.0))
            if c.ctype in ("xcomp", "dobj") and self.lex.is_class(dv.lemma[c.cue], "reverse"):
                continue   # "continues to trail": 'continue' reports only after a quote
            if c.ctype == "dobj" and c.root is not None and c.root >= 0 and \
                    not self.lex.object_is_content(dv.lemma[c.cue], dv.lemma[c.root]):
                continue   # "posted the clip", "claimed victory"
            if p >= self.model.threshold and self._can_give_evidence(self.cue_lemma(doc[c.cue]),
                                                                     holders[c.cue]):
                scored.append((p, c))
        atts[:] = [a for a in atts if not a.how.startswith("frame:")
                   or frame_score.get((a.cue_token, a.how[6:]), 1.0) >= FRAME_FLOOR]
        taken = [(a.start, a.end) for a in atts]
        scored.sort(key=lambda x: -x[0])
        out = []
        used_cues = {a.cue_token for a in atts if a.cue_token is not None}
        for p, c in scored:
            s, e = doc[c.lo].idx, doc[c.hi].idx + len(doc[c.hi])
            cue_at = doc[c.cue].idx
            if c.cue in used_cues or any(a < e and s < b or a <= cue_at < b for a, b in taken):
                continue
            att = self._content_from_tokens(doc[c.lo:c.hi + 1], "learned:" + c.ctype, doc[c.cue])
            if att is None:
                continue
            self._speaker_into(att, holders[c.cue])
            used_cues.add(c.cue)
            taken.append((att.start, att.end))
            out.append(att)
        return out
