"""How much the events stage adds to parsing, measured side by side on the same articles.

usage: python bench/bench_events.py [--limit N] [--repeat R]

Articles: the seed plus the PolNeAR dev texts from ../shared (news, 300–2,000 words).
The batch runs clean → parse → times → actors → quotes once; then the parse stage and the
events stage are each timed R times on the same work items (best of R). Prints both times
and events/parse as a ratio; the budget is 0.25.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from readout.config import load_config
from readout.pipeline import build_pipeline, run_batch
from readout.records import RawArticle
from readout.work import WorkItem

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def articles(limit: int | None) -> list[RawArticle]:
    paths = [SHARED / "seed" / "000_f58a14f71592a0b6.txt"]
    paths += sorted((SHARED / "data" / "quotes" / "polnear" / "dev" / "text").glob("*.txt"))
    raws = []
    for p in paths[:limit]:
        raws.append(RawArticle(text=p.read_text("utf-8"), input_name=p.name, published="2022-12-30",
                               published_source="given", title_in_text=True))
    return raws


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    raws = articles(args.limit)
    if not raws or not raws[0].text:
        print("no articles found under ../shared", file=sys.stderr)
        return 2
    config = load_config()
    stages = {s.name: s for s in build_pipeline(config.stages)}
    items = [WorkItem(raw=r) for r in raws]
    run_batch(items, [stages[n] for n in ("clean", "parse", "times", "actors", "quotes")], config)
    items = [it for it in items if it.error is None]
    words = sum(len(it.parsed) for it in items)

    def parse():
        stages["parse"].run(items, config)

    def code():
        for it in items:          # fresh actor list each round (the coder may add actors)
            it.document.events = []
        stages["events"].run(items, config)

    # parse last touched the items: re-run the stages events depends on after each parse
    t_parse = best_of(parse, args.repeat)
    run_batch(items, [stages[n] for n in ("times", "actors", "quotes")], config)
    t_events = best_of(code, args.repeat)
    n_events = sum(len(it.document.events) for it in items)
    print(f"{'articles':<12}{len(items):>8}")
    print(f"{'tokens':<12}{words:>8}")
    print(f"{'events':<12}{n_events:>8}")
    print(f"{'parse s':<12}{t_parse:>8.3f}")
    print(f"{'events s':<12}{t_events:>8.3f}")
    print(f"{'ratio':<12}{t_events / t_parse:>8.3f}   (events / parse; budget 0.25)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
