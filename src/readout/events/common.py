"""Shared pieces of the event coder: candidate records, constants and small helpers."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..records import Actor
from .lexicon import lexicon
from .status import StatusCues

NOUN_TARGET_PREPS = ("against", "on", "upon", "to", "toward", "towards", "with", "for", "over", "into")
NOUN_SOURCE_PREPS = ("from", "by")
CONSULT_TOPIC_PREPS = {"on", "over", "about", "for"}
QUANTITY_HEADS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million",
                  "millions", "group", "band", "crowd", "number", "some", "most", "many", "scores"}
LOCATION_TARGET_ROOTS = {"06", "07", "08", "13", "14", "15", "16", "17", "18", "19", "20"}
CLAUSE_CHILD = {"relcl", "acl", "advcl", "ccomp", "parataxis", "xcomp"}
DEST_PREPS = ("to", "into", "toward", "towards", "against", "on")
SCENE_PREPS = {"in", "at", "on", "during", "amid", "near", "since", "after", "before", "over", "about"}
STOP_POST = {"ccomp", "advcl", "relcl", "parataxis", "punct", "cc", "mark", "nsubj", "nsubjpass",
             "aux", "auxpass", "neg", "conj", "csubj", "acl"}


@dataclass(slots=True)
class Base:
    code: str | None
    rev: str | None
    strength: float          # how specific the evidence for the code is (0..1)
    symmetric: bool = False
    rule: object = None      # NounRule for nominal triggers
    default: bool = False    # only the verb block's default code: weak evidence


@dataclass(slots=True)
class Candidate:
    trigger: object                  # spaCy token the event is anchored on
    code: str
    sources: list[Actor]
    targets: list[Actor]
    status: str
    strength: float
    symmetric: bool
    direct: bool                     # both roles from direct dependencies
    time_anchors: list = field(default_factory=list)
    avoid: int | None = None
    phrase: str = ""
    from_frame: bool = False
    default: bool = False            # the code is only the verb block's default (weak evidence)


@lru_cache(maxsize=1)
def trigger_hashes() -> np.ndarray:
    from spacy.strings import hash_string
    return np.array(sorted(hash_string(x) for x in lexicon().trigger_lemmas), dtype=np.uint64)


@lru_cache(maxsize=512)
def country_name(code: str) -> str | None:
    try:
        from ..actors.knowledge import knowledge
        return knowledge().country_name(code)
    except Exception:   # the actor tables are optional for the coder
        return None


@lru_cache(maxsize=1)
def demonym_table() -> dict[str, str]:
    try:
        from ..actors.knowledge import knowledge
        return dict(knowledge().demonyms)
    except Exception:   # the actor tables are optional for the coder
        return {}


@lru_cache(maxsize=1)
def status_cues() -> StatusCues:
    return StatusCues.from_rules(lexicon().rules)


def is_named(a: Actor) -> bool:
    """An actor the coder can use: not a bare number the actor stage took for a group."""
    return any(ch.isalpha() for ch in a.name or "")


def is_verbal(tok) -> bool:
    return (tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound")) or \
        (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass"))
