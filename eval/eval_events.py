"""Event coder against the PLOVER gold standard and the CAMEO manual examples.

usage: python eval/eval_events.py [--limit N] [--errors FILE] [--plugin FILE.py]

Every sentence runs through the full pipeline (readout.process: clean → parse → times →
actors → quotes → events) as a one-sentence article, so this measures the real coder
with the real actor stage. Per sentence the *main* event is the coded event with the
highest confidence (negated events excluded: a refusal to act is not the act).

PLOVER_GSR_CAMEO.jsonl (322 sentences, PLOVER 0.5 names mapped to the 16 current types as
the PLOVER manual does: DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE,
FIGHT→ASSAULT):
  type accuracy   main event type == gold type, over all sentences with a gold event
                  (no event coded counts as wrong); also shown over coded sentences only
  any-event       some coded event has the gold type
  country agree   over gold source/target slots naming a country (3-letter state codes;
                  IGO/NGO and sector-only codes skipped): the main event's actor in that
                  slot has that country (for reciprocal SRC/TAR pairs, either order)
cameo_manual_examples.jsonl (277 sentences): root-code accuracy of the main event (CAMEO
root 01 "make statement" has no PLOVER type and is never coded, so those count as wrong).
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import sys
import time
from pathlib import Path

from readout.pipeline import batched, build_pipeline, run_batch
from readout.config import load_config
from readout.records import RawArticle
from readout.work import WorkItem

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "events"
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NOT_STATES = {"IGO", "NGO", "IMG", "ISM", "MNC", "UAF", "EUR", "AFR", "ASA", "WST"}
LEGACY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
DEPTHS: dict[str, dict] = {}


def clean(text: str) -> str:
    t = text.strip().strip("{}").replace("``", "\u201c").replace("''", "\u201d")
    return t.replace("\ufffd", "'")


def run(texts: list[tuple[str, str]], config) -> list:
    """Documents for (text, date) pairs, in order (None where the pipeline refused one)."""
    raws = [RawArticle(text=clean(t), input_name=f"s{k}", published=d, published_source="given")
            for k, (t, d) in enumerate(texts)]
    out = []
    stages = build_pipeline(config.stages)
    for batch in batched(raws, config.batch_size):   # what readout.process does, keeping the parse
        items = [WorkItem(raw=r) for r in batch]
        run_batch(items, stages, config)
        for it in items:
            if it.error is None:
                DEPTHS[it.document.id] = trigger_depths(it.document, it.parsed)
                out.append(it.document)
            else:
                out.append(None)
    return out


def main_event(doc, depth_of=None):
    """The event of the main clause: the trigger nearest the sentence root, then confidence."""
    evs = [e for e in doc.events if e.status != "negated"] if doc else []
    if not evs:
        return None
    depth = depth_of or {}
    return min(evs, key=lambda e: (depth.get(e.id, (9, 9)), -e.confidence, e.evidence.start))


def trigger_depths(doc, parsed) -> dict:
    """Dependency depth of each event's trigger token (found from the trigger text)."""
    out = {}
    if parsed is None:
        return out
    sub = {"advcl", "relcl", "acl", "pcomp", "prep", "pobj", "appos", "npadvmod", "agent"}
    for e in doc.events:
        words = set((e.trigger or "").split(" … ")[0].split())
        best = (9, 9)
        for tok in parsed:
            if tok.text in words:
                d, side, t = 0, 0, tok
                while t.head is not t and d < 9:
                    side += t.dep_ in sub
                    t, d = t.head, d + 1
                best = min(best, (side, d))
        out[e.id] = best
    return out


def country_codes(items) -> set[str]:
    out = set()
    for x in items or []:
        c = (x or "").split("/")[0].upper()
        c = LEGACY.get(c, c)
        if len(c) == 3 and c.isalpha() and c not in NOT_STATES:
            out.add(c)
    return out


def eval_plover(config, limit, errors):
    rows = [json.loads(l) for l in open(SHARED / "PLOVER_GSR_CAMEO.jsonl", encoding="utf-8")][:limit]
    docs = run([(r["text"], r.get("date") or "2000-01-01") for r in rows], config)
    n = typed = coded = anyhit = 0
    slots = slot_ok = 0
    per_type = collections.Counter()
    per_type_ok = collections.Counter()
    for r, doc in zip(rows, docs):
        gold_ev = r["expected_events"][0]
        gold_type = OLD_TYPES.get(gold_ev[2], gold_ev[2])
        n += 1
        per_type[gold_type] += 1
        ev = main_event(doc, DEPTHS.get(doc.id) if doc else None)
        if ev is not None:
            coded += 1
        ok = ev is not None and ev.type == gold_type
        typed += ok
        per_type_ok[gold_type] += ok
        anyhit += bool(doc and any(e.type == gold_type for e in doc.events if e.status != "negated"))
        src_gold, tgt_gold = country_codes(gold_ev[0]), country_codes(gold_ev[1])
        actors = {a.id: a for a in doc.actors} if doc else {}
        s_c = actors[ev.source].country if ev and ev.source in actors else None
        t_c = actors[ev.target].country if ev and ev.target in actors else None
        reciprocal = len(gold_ev[0]) > 1 and not any(gold_ev[1] or [])
        if reciprocal:
            gold_all = src_gold | tgt_gold
            for c in sorted(gold_all)[:2]:
                slots += 1
                slot_ok += c in {s_c, t_c}
        else:
            if src_gold:
                slots += 1
                slot_ok += s_c in src_gold
            if tgt_gold:
                slots += 1
                slot_ok += t_c in tgt_gold
        if errors is not None and not ok:
            errors.append({"set": "plover", "id": r["id"], "text": r["text"], "gold": gold_type,
                           "got": ev.type if ev else None, "cameo": ev.cameo if ev else None,
                           "trigger": ev.trigger if ev else None,
                           "all": [(e.type, e.cameo, e.trigger, e.status) for e in doc.events] if doc else []})
    return {"n": n, "type_acc": typed / n, "type_acc_coded": typed / max(coded, 1),
            "coverage": coded / n, "any": anyhit / n, "country": slot_ok / max(slots, 1),
            "slots": slots, "per_type": {t: (per_type_ok[t], per_type[t]) for t in sorted(per_type)}}


def eval_cameo(config, limit, errors):
    rows = [json.loads(l) for l in open(SHARED / "cameo_manual_examples.jsonl", encoding="utf-8")][:limit]
    docs = run([(r["text"], "2000-01-01") for r in rows], config)
    n = ok_n = coded = 0
    per_root = collections.Counter()
    per_root_ok = collections.Counter()
    for r, doc in zip(rows, docs):
        gold = r["cameo_code"][:2]
        ev = main_event(doc, DEPTHS.get(doc.id) if doc else None)
        n += 1
        coded += ev is not None
        ok = ev is not None and ev.cameo[:2] == gold
        ok_n += ok
        per_root[gold] += 1
        per_root_ok[gold] += ok
        if errors is not None and not ok:
            errors.append({"set": "cameo", "id": r["id"], "text": r["text"], "gold": r["cameo_code"],
                           "got": ev.cameo if ev else None, "trigger": ev.trigger if ev else None,
                           "all": [(e.cameo, e.trigger, e.status) for e in doc.events] if doc else []})
    return {"n": n, "root_acc": ok_n / n, "coverage": coded / n,
            "per_root": {k: (per_root_ok[k], per_root[k]) for k in sorted(per_root)}}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", help="write misses as JSON lines to this file")
    ap.add_argument("--plugin", help="a Python file to import first (e.g. a stage to try)")
    ap.add_argument("--stages", help="comma-separated stage list (default: the configured one)")
    args = ap.parse_args(argv)
    if not (SHARED / "PLOVER_GSR_CAMEO.jsonl").exists():
        print(f"data not found under {SHARED}", file=sys.stderr)
        return 2
    if args.plugin:
        spec = importlib.util.spec_from_file_location("plugin", args.plugin)
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    config = load_config(stages=args.stages.split(",") if args.stages else None)
    errors = [] if args.errors else None
    t0 = time.perf_counter()
    p = eval_plover(config, args.limit, errors)
    c = eval_cameo(config, args.limit, errors)
    dt = time.perf_counter() - t0
    print(f"{'set':<28}{'n':>5}  {'metric':<34}{'value':>7}")
    print("-" * 76)
    print(f"{'PLOVER gold standard':<28}{p['n']:>5}  {'type accuracy (all sentences)':<34}{p['type_acc']:>7.3f}")
    print(f"{'':<28}{'':>5}  {'type accuracy (coded sentences)':<34}{p['type_acc_coded']:>7.3f}")
    print(f"{'':<28}{'':>5}  {'coverage (some event coded)':<34}{p['coverage']:>7.3f}")
    print(f"{'':<28}{'':>5}  {'gold type among coded events':<34}{p['any']:>7.3f}")
    print(f"{'':<28}{p['slots']:>5}  {'source/target country agreement':<34}{p['country']:>7.3f}")
    print(f"{'CAMEO manual examples':<28}{c['n']:>5}  {'root-code accuracy':<34}{c['root_acc']:>7.3f}")
    print(f"{'':<28}{'':>5}  {'coverage (some event coded)':<34}{c['coverage']:>7.3f}")
    print("-" * 76)
    print("PLOVER per type: " + ", ".join(f"{t} {a}/{b}" for t, (a, b) in p["per_type"].items()))
    print("CAMEO per root:  " + ", ".join(f"{t} {a}/{b}" for t, (a, b) in c["per_root"].items()))
    print(f"({dt:.1f}s)")
    if errors is not None:
        with open(args.errors, "w", encoding="utf-8") as fh:
            for e in errors:
                fh.write(json.dumps(e) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
