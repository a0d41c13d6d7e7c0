"""Actor resolution speed: loading the tables, and 100,000 mentions resolved after loading.

Prints, side by side: load time (budget 1 s); resolving 100,000 mention phrases on random
dates with `resolve_words` (the stage's path: the reading of a phrase is memoised, the dated
office lookup runs every time) and through the public `resolve_actor` (which also builds the
Actor record and its id), each as wall time and as CPU time of this process (the CPU figure
is what to compare with the budget on a shared machine); and the stage's own work on a parsed
article (no parsing).

    python bench/bench_actors.py [--n 100000]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import time
from pathlib import Path

PHRASES = """Vladimir Putin|Mr Putin|Chinese President Xi Jinping|Mr Xi|the Chinese leader|the Chinese President
|his Chinese counterpart|former Russian President Dmitry Medvedev|US President Joe Biden|Donald Trump
|the British prime minister|the German chancellor|Kremlin spokesman Dmitry Peskov|Sergei Lavrov
|Beijing|Moscow|Washington|the Kremlin|the White House|Whitehall|Zhongnanhai|Kyiv|Tehran|Brussels
|Russia|the US|China|Saudi Arabia|Europe|the West|the EU|Nato|IMF|the International Monetary Fund
|G-20|Reuters|CCTV|state broadcaster CCTV|Xinhua|the UN Security Council|Hamas|the Taliban
|police|rebels|protesters|officials|ambassador|Chinese officials|Russian troops|a Ukrainian soldier
|Iranian protesters|the Chinese government|Turkish authorities|US lawmakers|Israeli police
|China's ambassador to the US|the Russian foreign minister|the NATO chief|the president of Russia
|John Smith|Mr Hargreaves|Brazilian activist Maria Quelhas|the pair|the two leaders|Shanghai|in Beijing
|Volodymyr Zelensky|Recep Tayyip Erdogan|Narendra Modi|Emmanuel Macron|Olaf Scholz|Rishi Sunak
|Benjamin Netanyahu|Kim Jong Un|Antonio Guterres|Ursula von der Leyen|Mohammed bin Salman""".replace("\n", "").split("|")


def phrases(n: int, seed: int = 7) -> list[tuple[str, dt.date]]:
    rng = random.Random(seed)
    start = dt.date(2005, 1, 1).toordinal()
    span = dt.date(2025, 12, 31).toordinal() - start
    return [(rng.choice(PHRASES), dt.date.fromordinal(start + rng.randrange(span))) for _ in range(n)]


def time_load() -> tuple[float, float]:
    """(seconds for knowledge() alone, seconds for imports + knowledge()) in a fresh process."""
    code = ("import time; t0=time.perf_counter(); from readout.actors.knowledge import knowledge; "
            "t1=time.perf_counter(); knowledge(); t2=time.perf_counter(); print(t2-t1, t2-t0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    a, b = out.stdout.split()
    return float(a), float(b)


def rss_mb() -> float:
    """This process's resident memory now (MB), from /proc (0 where there is none)."""
    try:
        with open("/proc/self/statm") as fh:
            import os
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    args = ap.parse_args(argv)

    load_alone, load_total = time_load()
    from readout.actors.knowledge import knowledge
    from readout.actors.resolve import resolve_actor, resolve_words, words_of
    rss0 = rss_mb()
    k = knowledge()
    rss_loaded = rss_mb()
    items = phrases(args.n)
    words = [(words_of(p), d) for p, d in items]
    rss_inputs = rss_mb()   # the bench's own phrase lists are not the resolver's memory

    t, c = time.perf_counter(), time.process_time()
    resolved = 0
    for w, d in words:
        if resolve_words(w, d, k) is not None:
            resolved += 1
    uncached, uncached_cpu = time.perf_counter() - t, time.process_time() - c

    t, c = time.perf_counter(), time.process_time()
    for p, d in items:
        resolve_actor(p, date=d)
    cached, cached_cpu = time.perf_counter() - t, time.process_time() - c

    rss_after = rss_mb()
    budget = 2.0 * args.n / 100_000
    rows = [
        ("load actor tables (knowledge())", load_alone, 1.0, 0),
        ("  … with imports, fresh process", load_total, None, 0),
        (f"resolve_words {args.n:,} mentions (wall)", uncached, budget, args.n),
        (f"resolve_words {args.n:,} mentions (CPU)", uncached_cpu, budget, args.n),
        (f"resolve_actor {args.n:,} mentions (wall)", cached, budget, args.n),
        (f"resolve_actor {args.n:,} mentions (CPU)", cached_cpu, budget, args.n),
    ]
    stage = stage_timing()
    if stage:
        rows.append(stage)
    print(f"{'measure':52} {'seconds':>9} {'budget':>7} {'ratio':>6}   per mention")
    for name, secs, bud, count in rows:
        ratio = f"{secs / bud:6.2f}" if bud else "     -"
        per = f"{secs / count * 1e6:.1f} µs" if count else ""
        print(f"{name:52} {secs:9.3f} {bud if bud else '-':>7} {ratio}   {per}")
    print(f"resolved {resolved:,} of {args.n:,} phrases to an actor (the rest are places or noise)")
    grow = (rss_loaded - rss0) + (rss_after - rss_inputs)
    print(f"resident memory: {rss0:.0f} MB before loading, +{rss_loaded - rss0:.0f} MB loaded, "
          f"+{grow:.0f} MB after {2 * args.n:,} resolutions, not counting the bench's "
          f"{rss_inputs - rss_loaded:.0f} MB of input phrases (budget 200 MB, ratio {grow / 200:.2f})")
    size = sum(p.stat().st_size for p in (Path(__file__).resolve().parents[1] / "src" / "readout"
                                          / "knowledge" / "actors").glob("actors.json*"))
    print(f"compiled actor file: {size / 1e6:.2f} MB, {len(k._raw_entries):,} entries, "
          f"{len(k.names):,} names")
    return 0


def stage_timing():
    """Mention finding + coreference on the seed article's parse (parse excluded), if present."""
    seed = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "000_f58a14f71592a0b6.txt"
    if not seed.exists():
        return None
    from readout.config import load_config
    from readout.pipeline import build_pipeline, run_batch
    from readout.records import RawArticle
    from readout.stages.actors import actors_of
    from readout.work import WorkItem
    config = load_config().with_overrides(stages=("clean", "parse", "times", "actors"))
    item = WorkItem(raw=RawArticle(text=seed.read_text("utf-8"), input_name=str(seed),
                                   published="2022-12-30", published_source="given",
                                   title_in_text=True))
    run_batch([item], build_pipeline(config.stages), config)
    reps = 20
    t = time.perf_counter()
    for _ in range(reps):
        actors, _places = actors_of(item)
    secs = (time.perf_counter() - t) / reps
    n_mentions = sum(len(a.mentions) for a in actors)
    return (f"actors stage, seed article ({len(item.parsed)} tokens, wall)", secs, None, n_mentions)


if __name__ == "__main__":
    sys.exit(main())
