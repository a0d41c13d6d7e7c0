"""CAMEO dictionary patterns, compiled once and matched against a trigger's context.

A pattern (from PETRARCH2's CAMEO.2.0 verb dictionary) names words that must follow the
verb ("* AID"), phrases ("{HUMANITARIAN AID}"), prepositional phrases ("(WITH LEADERS)")
or synonym sets ("&WEAPON"), and optionally words before it. We match them against the
verb's own dependency subtree — not the whole sentence — so a word in another clause
cannot trigger a code. The most specific matching pattern wins.
"""
from __future__ import annotations

from dataclasses import dataclass


def singular(w: str) -> str:
    """A crude English singular, good enough to match dictionary plurals to lemmas."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ses", "xes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


# Element kinds: ("w", alts) where alts is a tuple of phrases (each a tuple of words);
# ("seq", elems); ("prep", prep_word, elems).
Elem = tuple


@dataclass(frozen=True, slots=True)
class Pattern:
    pre: tuple[Elem, ...]
    post: tuple[Elem, ...]
    code: str | None
    rev: str | None
    weight: int
    order: int


def _compile_elem(e: dict, synsets: dict[str, list[str]]) -> Elem | None:
    if "w" in e:
        return ("w", (tuple(singular(x) for x in e["w"].split()),))
    if "syn" in e:
        words = synsets.get(e["syn"]) or synsets.get(e["syn"] + "_") or []
        if not words:
            return None
        return ("w", tuple(tuple(singular(x) for x in w.split()) for w in words))
    if "seq" in e:
        parts = tuple(p for p in (_compile_elem(x, synsets) for x in e["seq"]) if p)
        return ("seq", parts) if parts else None
    if "prep" in e:
        parts = tuple(p for p in (_compile_elem(x, synsets) for x in e["in"]) if p)
        return ("prep", singular(e["prep"]), parts)
    return None


def _weight(e: Elem) -> int:
    if e[0] == "w":
        return 2
    if e[0] == "seq":
        return sum(_weight(x) for x in e[1]) + 1
    return 1 + sum(_weight(x) for x in e[2])


def compile_pattern(p: dict, synsets: dict[str, list[str]], order: int) -> Pattern | None:
    pre = tuple(x for x in (_compile_elem(e, synsets) for e in p["pre"]) if x)
    post = tuple(x for x in (_compile_elem(e, synsets) for e in p["post"]) if x)
    if len(pre) != len(p["pre"]) or len(post) != len(p["post"]):
        return None  # refers to something we cannot match (an unknown synset)
    if not pre and not post:
        return None
    weight = sum(_weight(e) for e in pre + post)
    return Pattern(pre, post, p["code"], p["rev"], weight, order)


NAME_ENTITIES = frozenset(("GPE", "LOC", "PERSON", "ORG", "FAC", "NORP"))


def _in_name(tok) -> bool:
    """A proper noun inside a multi-word name entity."""
    if getattr(tok, "pos_", None) != "PROPN" or getattr(tok, "ent_type_", "") not in NAME_ENTITIES:
        return False
    if tok.ent_iob_ == "I":
        return True
    nxt = tok.i + 1
    return nxt < len(tok.doc) and tok.doc[nxt].ent_iob_ == "I"


class Context:
    """Word forms at token positions, for the tokens after (post) and before (pre) a trigger."""
    __slots__ = ("forms", "post_index", "pre_index", "edges")

    def __init__(self):
        self.forms: dict[int, set[str]] = {}
        self.post_index: dict[str, list[int]] = {}
        self.pre_index: dict[str, list[int]] = {}
        self.edges: dict[int, int] = {}

    def add(self, tok, post: bool) -> None:
        i = tok.i
        if _in_name(tok):
            return      # a word of a name ("New York", "White House") is the name, not the word
        low = tok.lower_
        f = {low, singular(low), tok.lemma_.lower()}
        self.forms[i] = f
        index = self.post_index if post else self.pre_index
        for x in f:
            index.setdefault(x, []).append(i)
        if post and tok.dep_ == "prep":
            self.edges[i] = tok.right_edge.i


def _match_at(e: Elem, pos: int, ctx: Context, limit: int) -> int:
    """End position (exclusive) if element e matches starting exactly at pos, else -1."""
    if pos > limit:
        return -1
    kind = e[0]
    if kind == "w":
        for phrase in e[1]:
            ok = True
            for k, w in enumerate(phrase):
                f = ctx.forms.get(pos + k)
                if f is None or w not in f or pos + k > limit:
                    ok = False
                    break
            if ok:
                return pos + len(phrase)
        return -1
    if kind == "seq":
        p = pos
        for sub in e[1]:
            p = _match_at(sub, p, ctx, limit)
            if p < 0:
                return -1
        return p
    return -1


def _find(e: Elem, index: dict[str, list[int]], ctx: Context, lo: int, hi: int) -> bool:
    """Does element e occur anywhere among the indexed positions in [lo, hi]?"""
    kind = e[0]
    if kind == "w":
        for phrase in e[1]:
            for p in index.get(phrase[0], ()):
                if lo <= p <= hi and _match_at(("w", (phrase,)), p, ctx, hi) >= 0:
                    return True
        return False
    if kind == "seq":
        first = e[1][0]
        starts = []
        if first[0] == "w":
            for phrase in first[1]:
                starts.extend(index.get(phrase[0], ()))
        for p in starts:
            if lo <= p <= hi and _match_at(e, p, ctx, hi) >= 0:
                return True
        return False
    # prep phrase: the preposition, then its words inside the phrase
    for p in index.get(e[1], ()):
        if not (lo <= p <= hi):
            continue
        end = ctx.edges.get(p, min(p + 6, hi))
        if all(_find(sub, index, ctx, p + 1, end) for sub in e[2]):
            return True
    return False


_HEAVIEST_FIRST: dict[int, tuple[list, list]] = {}


def _heaviest_first(patterns) -> list:
    """The patterns by weight, heaviest first, in their own order among equals (cached)."""
    hit = _HEAVIEST_FIRST.get(id(patterns))
    if hit is None or hit[0] is not patterns:
        hit = _HEAVIEST_FIRST[id(patterns)] = (patterns, sorted(patterns, key=lambda p: -p.weight))
    return hit[1]


def best_pattern(patterns, ctx: Context) -> Pattern | None:
    """The heaviest pattern whose every element is found in the context (first wins ties)."""
    big = 1 << 30
    for pat in _heaviest_first(patterns):
        if all(_find(e, ctx.post_index, ctx, 0, big) for e in pat.post) and \
                all(_find(e, ctx.pre_index, ctx, 0, big) for e in pat.pre):
            return pat
    return None
