"""Dask throughput: 2 workers beside 1 worker and beside the local process pool.

Corpus: PolNeAR train texts repeated to --n articles (JSON Lines). Rows, side by side in
one run (best of --repeat): the local pool with 2 processes, a Dask LocalCluster with 1
worker and with 2 workers (single-threaded worker processes), started and warmed before
the clock starts (their start-up is printed apart), and `ingest --workers 2` as a user
runs it: the cluster started, warmed and closed inside the timing, like the local pool's
own start-up. Printed: articles/s and the ratios Dask 2 / Dask 1 and Dask 2 / local pool
(acceptance: ≥ 0.85).

    python bench/bench_dask.py                # 256 articles, full pipeline
    python bench/bench_dask.py --stages clean,parse --n 256
"""
from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
import time
from pathlib import Path

from scale_corpus import write_jsonl

from readout.config import load_config
from readout.run.ingest import ingest_sharded
from readout.run.local import warm_pipeline


def timed_ingest(path: Path, work: Path, config, shard_size: int, **runner) -> float:
    db = work / f"bench-{time.monotonic_ns()}.duckdb"
    t0 = time.perf_counter()
    summary = ingest_sharded([path], db, config=config, shard_size=shard_size,
                             shards_dir=work / f"shards-{time.monotonic_ns()}", **runner)
    seconds = time.perf_counter() - t0
    assert summary["shards_reused"] == 0 and summary["articles_stored"] > 0, summary
    return seconds


def main() -> None:
    from distributed import Client, LocalCluster

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--shard-size", type=int, default=32)
    ap.add_argument("--stages", default=None, help="comma-separated stages (default: all)")
    args = ap.parse_args()
    config = load_config().with_overrides(stages=args.stages)

    work = Path(tempfile.mkdtemp(prefix="readout-bench-dask-"))
    try:
        path = work / "corpus.jsonl"
        write_jsonl(path, args.n)
        clients, startup = {}, {}
        for n in (1, 2):
            t0 = time.perf_counter()
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
            client.run(warm_pipeline, config)
            startup[n] = time.perf_counter() - t0
            clients[n] = (cluster, client)
        rows = {"local pool, 2 processes": [], "dask, 1 worker": [], "dask, 2 workers": [],
                "ingest --workers 2": []}
        for _ in range(args.repeat):
            rows["local pool, 2 processes"].append(timed_ingest(path, work, config, args.shard_size, jobs=2))
            rows["dask, 1 worker"].append(timed_ingest(path, work, config, args.shard_size, scheduler=clients[1][1]))
            rows["dask, 2 workers"].append(timed_ingest(path, work, config, args.shard_size, scheduler=clients[2][1]))
            rows["ingest --workers 2"].append(timed_ingest(path, work, config, args.shard_size, workers=2))
        for cluster, client in clients.values():
            client.close()
            cluster.close()
        from readout.run.local import LocalPoolExecutor
        t0 = time.perf_counter()
        LocalPoolExecutor(2, config).close()
        startup["pool"] = time.perf_counter() - t0
        rate = {k: args.n / min(v) for k, v in rows.items()}
        print(f"{args.n} PolNeAR articles, stages {','.join(config.stages)}, shards of {args.shard_size}, "
              f"best of {args.repeat}")
        for name, r in rate.items():
            print(f"  {name:26}{r:8.2f} articles/s")
        print(f"  dask 2 workers / dask 1 worker   {rate['dask, 2 workers'] / rate['dask, 1 worker']:.2f}")
        print(f"  dask 2 workers / local pool      {rate['dask, 2 workers'] / rate['local pool, 2 processes']:.2f}")
        print(f"  ingest --workers 2 / local pool  {rate['ingest --workers 2'] / rate['local pool, 2 processes']:.2f}"
              "   (both with their start-up)")
        print(f"  cluster start-up (not timed above): 1 worker {startup[1]:.1f} s, 2 workers {startup[2]:.1f} s; "
              f"the local pool's start-up ({startup['pool']:.1f} s, warm) is inside its time")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
