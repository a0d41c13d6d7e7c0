"""Events for a marked pair: the coder against PLV train (../shared/data/events/plv).

usage: python eval/eval_plv.py [--limit N] [--folds 5]

PLV gives 1,050 news sentences, each with one source and one target marked and the PLOVER
root of what the source does to the target (`YIELD` = today's CONCEDE or RETREAT). Each
sentence runs through the pipeline as a one-sentence article. Reported:

  pair found     share of sentences with a coded event whose sides are the marked pair
                 (mentions overlapping the marked spans; CONSULT/AGREE either way round)
  right root     of those, share where such an event has the marked PLOVER root

With the learned gate, the gate is fitted on the other folds (5-fold cross-validation over
sentences, gold-set training part always in) and the kept events of the held-out fold are
scored, so no sentence is scored by a gate that saw it.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "eval"))

PLV = REPO.parent / "shared" / "data" / "events" / "plv" / "PLV_train.tsv"
YIELD = {"CONCEDE", "RETREAT"}


def load(limit: int | None = None) -> list[dict]:
    with open(PLV, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return rows[:limit] if limit else rows


def _span(text: str, part: str):
    part = part.strip()
    i = text.find(part) if part else -1
    return (i, i + len(part)) if i >= 0 else None


def _on(actor, span) -> bool:
    return actor is not None and span is not None and any(
        m.start < span[1] and span[0] < m.end for m in actor.mentions)


def score(rows: list[dict], coded: dict[str, list]) -> tuple[int, int, int]:
    """(sentences, pair found, right root among found) for coded events by sentence id."""
    n = found = right = 0
    for r in rows:
        n += 1
        text = r["sentence"].strip()
        s_span, t_span = _span(text, r["source"]), _span(text, r["target"])
        hits = []
        for ev, src, tgt in coded.get(r["sentence_id"], []):
            if (_on(src, s_span) and _on(tgt, t_span)) or \
                    (ev.type in ("CONSULT", "AGREE") and _on(src, t_span) and _on(tgt, s_span)):
                hits.append(ev)
        if hits:
            found += 1
            root = r["gold_root"]
            if any(e.type == root or (root == "YIELD" and e.type in YIELD) for e in hits):
                right += 1
    return n, found, right


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-confidence", type=float, default=None)
    args = ap.parse_args(argv)
    import numpy as np
    import train_event_gate as tg
    from readout.config import load_config
    from readout.events.gate import gate_model, probability

    config = load_config()
    min_conf = config.min_confidence if args.min_confidence is None else args.min_confidence
    rows = load(args.limit)
    items = [tg._item(f"plv{r['sentence_id']}", r["sentence"].strip()) for r in rows]
    proposed = {it.document.id: (it, evs, feats) for it, evs, feats in tg.proposed(items, config)}

    def coded_with(keep) -> dict[str, list]:
        out = {}
        for r in rows:
            got = proposed.get(f"plv{r['sentence_id']}")
            if got is None:
                continue
            it, evs, feats = got
            actors = {a.id: a for a in it.document.actors}
            out[r["sentence_id"]] = [(e, actors.get(e.source), actors.get(e.target)) for e in evs
                                     if keep(it.document.id, e, feats[e.id])]
        return out

    n, f, r = score(rows, coded_with(lambda *_: True))
    print(f"PLV train {n} sentences — rules alone: pair found {f / n:.3f}, right root {r / max(f, 1):.3f}")
    if gate_model() is None:
        return 0
    gold = tg.gold_examples(config)
    ids = [r_["sentence_id"] for r_ in rows]
    random.Random(0).shuffle(ids)
    kept: dict[str, set[str]] = {}
    for k in range(args.folds):
        held = set(ids[k::args.folds])
        train_rows = [r_ for r_ in rows if r_["sentence_id"] not in held]
        plv = tg.plv_from_proposed(train_rows, proposed)
        X, y, w, vocab = tg.vectorise(gold + plv)
        beta = tg.fit(X, y, w)
        model = {"weights": {name: float(beta[i]) for name, i in vocab.items()}}
        for sid in held:
            got = proposed.get(f"plv{sid}")
            if got is None:
                continue
            it, evs, feats = got
            kept[it.document.id] = {e.id for e in evs if probability(feats[e.id], model) >= min_conf}
    n, f, r = score(rows, coded_with(lambda doc_id, e, _f: e.id in kept.get(doc_id, set())))
    print(f"with the gate ({args.folds}-fold CV, min_confidence {min_conf}): pair found {f / n:.3f}, "
          f"right root {r / max(f, 1):.3f}")
    del np
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
