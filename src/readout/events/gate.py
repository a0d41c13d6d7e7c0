"""The event gate: a learned decision, over what the rules propose, whether a candidate is a
codeable event at all.

The rules find a trigger, a code and the sides; news prose gives them many words that are
no event ("matching the offer", "going to be rehab", "fought the blaze"). For each proposed
event (trigger + code + source + target) the gate reads a few dozen sparse features — the
trigger lemma and its code, the object's head, the sides' kinds and codes, the clause's
modality, whether the rules matched a specific pattern — and a logistic model gives the
probability that a careful coder would record this event as coded. That probability is the
event's `confidence`; the events stage keeps events at or above `min_confidence`.

Weights: `knowledge/events/gate_model.json`, fitted by `scripts/train_event_gate.py` on
readout's own gold set (training part only, eval/events_gold) and on PLV train. Without the
file the gate is off and the rules' own confidence stands.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache

from ..knowledge import data_dir

MODEL_FILE = ("events", "gate_model.json")
MODAL_WORDS = frozenset({"would", "could", "might", "may", "should", "can", "will", "must", "'d", "wo"})


@lru_cache(maxsize=1)
def gate_model() -> dict | None:
    path = data_dir().joinpath(*MODEL_FILE)
    if not path.is_file():
        return None
    return json.loads(path.read_text("utf-8"))


def _kind(actor) -> str:
    if actor is None:
        return "none"
    return actor.kind or "other"


def _sector(actor) -> str:
    if actor is None:
        return "none"
    if actor.sector:
        return actor.sector
    return "country" if actor.country else "nocode"


def candidate_features(c, src, tgt, heuristic: float, hedge: bool, in_quote: bool) -> dict[str, float]:
    """Sparse features of one proposed event (name → value)."""
    t = c.trigger
    lemma = t.lemma_.lower()
    code = c.code
    f: dict[str, float] = {
        "bias": 1.0, "heuristic": heuristic, "strength": c.strength,
        f"root={code[:2]}": 1.0, f"code={code[:3]}": 1.0, f"lemma={lemma}": 1.0,
        f"lemma_root={lemma}|{code[:2]}": 1.0, f"pos={t.pos_}": 1.0, f"dep={t.dep_}": 1.0,
        f"status={c.status}": 1.0, f"src_kind={_kind(src)}": 1.0, f"tgt_kind={_kind(tgt)}": 1.0,
        f"src_sector={_sector(src)}": 1.0, f"tgt_sector={_sector(tgt)}": 1.0,
    }
    if c.direct:
        f["direct"] = 1.0
    if c.from_frame:
        f["frame"] = 1.0
    if c.default:
        f["block_default"] = 1.0
    if hedge:
        f["hedged"] = 1.0
    if in_quote:
        f["in_quote"] = 1.0
    if src is not None and tgt is not None:
        f["both_sides"] = 1.0
    coded = [a for a in (src, tgt) if a is not None and (a.country or a.code)]
    f[f"n_coded_sides={len(coded)}"] = 1.0
    if src is not None and tgt is not None and src.country and src.country == tgt.country:
        f["same_country"] = 1.0
    head = t if t.pos_ in ("VERB", "AUX") else t.head
    for ch in head.children:
        if ch.dep_ in ("aux", "auxpass") and ch.lower_ in MODAL_WORDS:
            f[f"modal={ch.lower_}"] = 1.0
        elif ch.dep_ == "neg":
            f["neg"] = 1.0
        elif ch.dep_ in ("nsubj", "nsubjpass") and ch.lower_ in ("you", "we", "i"):
            f[f"subj_pron={ch.lower_}"] = 1.0
        elif ch.dep_ in ("dobj", "attr", "oprd"):
            f[f"obj={ch.lemma_.lower()}"] = 1.0
            f[f"lemma_obj={lemma}|{ch.lemma_.lower()}"] = 1.0
            if ch.ent_type_:
                f[f"obj_ent={ch.ent_type_}"] = 1.0
        elif ch.dep_ == "prt":
            f[f"lemma_prt={lemma}|{ch.lower_}"] = 1.0
        elif ch.dep_ == "prep":
            f[f"lemma_prep={lemma}|{ch.lower_}"] = 1.0
    if head is not t:
        f[f"head={head.lemma_.lower()}"] = 1.0
    f[f"head_dep={head.dep_}"] = 1.0
    return f


def probability(features: dict[str, float], model: dict) -> float:
    w = model["weights"]
    z = sum(w.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
