"""Actor resolution on the table-driven case set (tests/actors/data/actor_cases.tsv).

Runs `readout.actors.resolve.resolve_actor(text, context, date)` on every case and prints
country and sector accuracy overall, by split (dev = tuned on, heldout = never looked at case
by case) and by category.

    PYTHONPATH=src python eval/eval_actors.py [--kb PATH/TO/actors.json] [--misses N] [--split dev]

Scoring: for cases of kind person/organisation/agent the country and the sector must equal
the expected ones (an empty expectation means None); `none` cases score only when nothing
is resolved, `no-person` when nothing or a non-person is, `no-country` when nothing or an
actor without a country is (then both country and sector count as right).
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

CASES = Path(__file__).resolve().parents[1] / "tests" / "actors" / "data" / "actor_cases.tsv"


def load_cases(path: Path = CASES) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [l for l in fh if not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def score(case: dict, actor) -> tuple[bool, bool]:
    kind = case["kind"]
    if kind == "none":
        ok = actor is None
        return ok, ok
    if kind == "no-person":
        ok = actor is None or actor.kind != "person"
        return ok, ok
    if kind == "no-country":
        ok = actor is None or actor.country is None
        return ok, ok
    country = actor.country if actor else None
    sector = actor.sector if actor else None
    return country == (case["country"] or None), sector == (case["sector"] or None)


def evaluate(cases: list[dict]):
    from readout.actors.resolve import resolve_actor
    out = []
    for c in cases:
        a = resolve_actor(c["text"], c["context"] or None, c["date"] or None)
        out.append((c, a, *score(c, a)))
    return out


def summary(results, key=None) -> dict[str, tuple[int, float, float]]:
    groups = defaultdict(list)
    for r in results:
        groups["all" if key is None else r[0][key]].append(r)
    return {g: (len(rs), sum(r[2] for r in rs) / len(rs), sum(r[3] for r in rs) / len(rs))
            for g, rs in sorted(groups.items())}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kb", type=Path, help="another compiled actors.json (e.g. the one before a change)")
    ap.add_argument("--misses", type=int, default=0, help="print up to N misses (dev split only)")
    ap.add_argument("--split", default=None, help="only this split (dev|heldout)")
    args = ap.parse_args(argv)
    if args.kb:
        import readout.actors.knowledge as kn
        kn.DATA_FILE = str(args.kb.resolve())
    cases = load_cases()
    if args.split:
        cases = [c for c in cases if c["split"] == args.split]
    results = evaluate(cases)
    print(f"{'group':28} {'n':>5} {'country':>8} {'sector':>8}")
    for title, key in (("", None), ("split", "split"), ("category", "category")):
        for g, (n, ca, sa) in summary(results, key).items():
            print(f"{g:28} {n:5d} {ca:8.3f} {sa:8.3f}")
        print()
    countries = {c["country"] for c in cases if c["country"]}
    print(f"{len(cases)} cases, {len(countries)} countries")
    shown = 0
    for c, a, okc, oks in results:
        if shown >= args.misses or c["split"] != "dev":
            continue
        if not (okc and oks):
            shown += 1
            got = a and (a.name, a.country, a.sector, a.kind)
            print(f"MISS {c['category']:22} {c['text']!r} @{c['date']} want {c['country']}/{c['sector']} got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
