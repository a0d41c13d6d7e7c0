"""Why events miss the gold source/target country on the PLOVER gold standard: counts by cause.

usage: python eval/eval_event_countries.py [--limit N] [--show CATEGORY] [--dump FILE]

Runs the PLOVER sentences through the full pipeline exactly as eval/eval_events.py does (same
main-event choice, same slot definition) and puts every missed gold slot into one category:

  no event        no (non-negated) event coded for the sentence
  absent          no actor of the gold country anywhere in the document (actors coverage)
  empty slot      the slot has no actor with a country although an actor of the gold country
                  exists (often a domestic event: the gold country is in the other slot too)
  swapped         the slot holds another country, and the gold one sits in the other slot
  other argument  the slot holds another country, and the gold one is elsewhere

Each miss is also tagged with whether the main event has the gold type (a wrong main event
often carries wrong arguments). `--show absent` prints those sentences with the actors found.
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_events as ee  # noqa: E402  (same runner and definitions as the main eval)
from readout.config import load_config  # noqa: E402


def slots_of(gold_ev) -> list[tuple[str, set[str]]]:
    """(role, gold country set) per scored slot, as eval_events counts them."""
    src_gold, tgt_gold = ee.country_codes(gold_ev[0]), ee.country_codes(gold_ev[1])
    reciprocal = len(gold_ev[0]) > 1 and not any(gold_ev[1] or [])
    if reciprocal:
        return [("either", {c}) for c in sorted(src_gold | tgt_gold)[:2]]
    out = []
    if src_gold:
        out.append(("source", src_gold))
    if tgt_gold:
        out.append(("target", tgt_gold))
    return out


def classify(row, doc) -> list[dict]:
    gold_ev = row["expected_events"][0]
    gold_type = ee.OLD_TYPES.get(gold_ev[2], gold_ev[2])
    ev = ee.main_event(doc, ee.DEPTHS.get(doc.id) if doc else None)
    actors = {a.id: a for a in doc.actors} if doc else {}
    s_c = actors[ev.source].country if ev and ev.source in actors else None
    t_c = actors[ev.target].country if ev and ev.target in actors else None
    present = {a.country for a in actors.values() if a.country}
    out = []
    for role, gold in slots_of(gold_ev):
        got = {"source": {s_c}, "target": {t_c}, "either": {s_c, t_c}}[role]
        ok = bool(got & gold)
        if ok:
            cat = "ok"
        elif ev is None:
            cat = "no event"
        elif not gold & present:
            cat = "absent"
        elif got == {None}:
            cat = "empty slot"
        elif role != "either" and ({"source": t_c, "target": s_c}[role] in gold):
            cat = "swapped"
        else:
            cat = "other argument"
        out.append({"id": row["id"], "role": role, "gold": sorted(gold), "cat": cat,
                    "type_ok": bool(ev and ev.type == gold_type), "gold_type": gold_type,
                    "got_type": ev.type if ev else None, "trigger": ev.trigger if ev else None,
                    "src": s_c, "tgt": t_c, "text": row["text"], "markup": row.get("markup", ""),
                    "actors": [(a.name, a.country, a.kind, [m.text for m in a.mentions][:3])
                               for a in actors.values()]})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", help="print the misses of this category ('all' for every miss)")
    ap.add_argument("--dump", help="write every slot as JSON lines to this file")
    args = ap.parse_args(argv)
    path = ee.SHARED / "PLOVER_GSR_CAMEO.jsonl"
    if not path.exists():
        print(f"data not found under {ee.SHARED}", file=sys.stderr)
        return 2
    rows = [json.loads(l) for l in open(path, encoding="utf-8")][:args.limit]
    docs = ee.run([(r["text"], r.get("date") or "2000-01-01") for r in rows], load_config())
    slots = [s for r, d in zip(rows, docs) for s in classify(r, d)]
    cats = collections.Counter(s["cat"] for s in slots)
    wrong_type = collections.Counter(s["cat"] for s in slots if not s["type_ok"])
    n = len(slots)
    print(f"{'category':<18}{'slots':>6}{'share':>8}{'  of which main event has wrong type':>38}")
    print("-" * 70)
    for cat in ("ok", "no event", "absent", "empty slot", "swapped", "other argument"):
        print(f"{cat:<18}{cats[cat]:>6}{cats[cat] / max(n, 1):>8.3f}{wrong_type[cat]:>38}")
    print("-" * 70)
    print(f"{'agreement':<18}{cats['ok']:>6}{cats['ok'] / max(n, 1):>8.3f}   over {n} slots")
    by_role = collections.Counter((s["role"], s["cat"]) for s in slots if s["cat"] != "ok")
    print("misses by role: " + ", ".join(f"{r}/{c} {k}" for (r, c), k in sorted(by_role.items())))
    if args.show:
        for s in slots:
            if s["cat"] != "ok" and args.show in (s["cat"], "all"):
                print(f"\n[{s['cat']}] {s['id']} {s['role']} gold={s['gold']} got src={s['src']} tgt={s['tgt']}"
                      f" type {s['got_type']}/{s['gold_type']} trigger={s['trigger']!r}")
                print("   " + s["markup"])
                print("   actors: " + "; ".join(f"{a[0]}={a[1]}({a[2]})" for a in s["actors"]))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for s in slots:
                fh.write(json.dumps(s) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
