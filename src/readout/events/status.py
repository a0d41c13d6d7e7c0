"""Did it happen? occurred / intended / negated / hypothetical, from the trigger's clause.

Only the trigger's own clause and the complement chain above it count (xcomp/ccomp
through frame verbs such as "expect", "refuse"); an adverbial clause ("…, instead
accusing the US") does not inherit the negation of the clause it hangs from. A past
speech verb turns "would" into reported future ("said it would send troops" → intended).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StatusCues:
    future_aux: frozenset[str]
    modal_aux: frozenset[str]
    conditional_marks: frozenset[str]
    negators: frozenset[str]
    speech_verbs: frozenset[str]
    hedges: frozenset[str]

    @classmethod
    def from_rules(cls, rules: dict) -> "StatusCues":
        s = rules["status"]
        return cls(*(frozenset(s[k]) for k in (
            "future_aux", "modal_aux", "conditional_marks", "negators", "speech_verbs", "hedges")))


def clause_head(tok):
    """The verb (or predicate) whose clause a token belongs to; a nominal climbs to its verb."""
    t = tok
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADJ" and t.dep_ in ("acomp", "ROOT", "ccomp", "xcomp")):
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def own_status(tok, cues: StatusCues) -> str | None:
    """Status marked on a single predicate: its negation, modal/future auxiliary, an 'if'."""
    neg = fut = modal = False
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det", "preconj") and low in cues.negators):
            neg = True
        elif c.dep_ in ("aux", "auxpass"):
            if low in cues.future_aux:
                fut = True
            elif low in cues.modal_aux:
                modal = True
            elif low in ("going", "gon") or (c.lemma_ == "be" and _has_to_xcomp(tok)):
                pass
        elif c.dep_ == "mark" and low in cues.conditional_marks:
            return "hypothetical"
    if _inverted_conditional(tok):
        return "hypothetical"
    if neg:
        return "negated"
    if modal:
        return "modal"
    if fut:
        return "intended"
    return None


def _inverted_conditional(tok) -> bool:
    """"had she congratulated him", "were they to attack", "should Iran refuse": a condition
    told by the auxiliary before the subject, in a clause below another."""
    if tok.dep_ not in ("advcl", "ccomp", "conj") and tok.head.i != tok.i:
        return False
    if tok.head.i == tok.i:
        return False
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were", "should")]
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(aux and subj) and aux[0].i < subj[0].i \
        and not any(c.dep_ == "mark" for c in tok.children) and _clause_initial(aux[0], tok)


def _clause_initial(aux, verb) -> bool:
    """The auxiliary opens the verb's clause (nothing of the clause before it but punctuation)."""
    left = min(t.i for t in verb.subtree)
    return all(t.is_punct for t in aux.doc[left:aux.i])


def _has_to_xcomp(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _reported(tok, cues: StatusCues) -> bool:
    """Is the clause the complement of a speech verb in the past ("said it would …")?"""
    t = tok
    for _ in range(4):
        if t.dep_ not in ("ccomp", "conj", "xcomp") or t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_ in cues.speech_verbs:
            return t.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" for c in t.children if c.dep_ == "aux")
    return False


def in_conditional(tok, cues: StatusCues) -> bool:
    """Inside an 'if'/'unless' clause anywhere above the trigger."""
    t = tok
    for _ in range(10):
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in cues.conditional_marks:
                return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def clause_status(tok, cues: StatusCues) -> str:
    """Status of the clause a trigger is in, before frames are considered."""
    head = clause_head(tok)
    # a nominal trigger with its own negative determiner: "no talks"
    if tok is not head:
        for c in tok.children:
            if c.dep_ == "det" and c.lower_ in ("no", "neither"):
                return "negated"
    st = own_status(head, cues)
    if st is None and head.dep_ == "pcomp" and head.head.lower_ in ("without", "instead"):
        st = "negated"
    if head.pos_ == "ADJ" or (head.lemma_ == "be" and st is None):
        # "was not ready to", "would be": the copula carries the auxiliaries
        cop = head.head if head.dep_ in ("acomp", "attr") else None
        if cop is not None and st is None:
            st = own_status(cop, cues)
    if st == "modal":
        st = "intended" if _reported(head, cues) else "hypothetical"
    if st is None and in_conditional(head, cues):
        st = "hypothetical"
    return st or "occurred"


def hedged(tok, cues: StatusCues) -> bool:
    head = clause_head(tok)
    for t in (head, head.head):
        if t.lemma_ in cues.hedges:
            return True
        for c in t.children:
            if c.lower_ in cues.hedges:
                return True
    return False
