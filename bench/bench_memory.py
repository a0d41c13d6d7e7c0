"""Peak memory of `readout ingest` at 1,000 and at 10,000 articles, side by side.

Each size runs `readout ingest` (local pool, all cores) in a subprocess on PolNeAR train
texts repeated to that size, while this script samples the resident set size of the
driver and all its workers every 0.1 s. Printed: peak RSS of the whole process tree, of
the driver and of the largest worker, for each size, and the ratio 10,000 / 1,000
(acceptance: ≤ 1.2 — memory stays flat whatever the corpus size).

    python bench/bench_memory.py                       # 1,000 and 10,000, every stage
    python bench/bench_memory.py --sizes 500,5000 --stages clean,parse
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from scale_corpus import write_jsonl


def peak_rss(cmd: list[str], log: Path) -> dict:
    with open(log, "wb") as err_file:   # a file, not a pipe: a full pipe would stall ingest
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err_file)
    root = psutil.Process(proc.pid)
    peak = {"tree": 0, "driver": 0, "worker": 0}
    t0 = time.perf_counter()
    while proc.poll() is None:
        try:
            driver = root.memory_info().rss
            workers = [c.memory_info().rss for c in root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        except psutil.AccessDenied:  # pragma: no cover
            continue
        peak["tree"] = max(peak["tree"], driver + sum(workers))
        peak["driver"] = max(peak["driver"], driver)
        peak["worker"] = max([peak["worker"], *workers])
        time.sleep(0.1)
    proc.wait()
    err = log.read_text("utf-8", errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed with exit code {proc.returncode}:\n{err[-4000:]}")
    peak["seconds"] = time.perf_counter() - t0
    return peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--stages", default=None, help="comma-separated stages (default: all)")
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    work = Path(tempfile.mkdtemp(prefix="readout-bench-mem-"))
    try:
        results = {}
        for n in sizes:
            path = work / f"corpus-{n}.jsonl"
            write_jsonl(path, n)
            cmd = [sys.executable, "-X", "faulthandler", "-m", "readout.cli"]
            if args.stages:
                cfg = work / "bench.toml"
                stages = ", ".join(f'"{s}"' for s in args.stages.split(","))
                cfg.write_text(f"[readout]\nstages = [{stages}]\n", "utf-8")
                cmd += ["--config", str(cfg)]
            cmd += ["ingest", str(path), "--db", str(work / f"m{n}.duckdb")]
            if args.jobs:
                cmd += ["--jobs", str(args.jobs)]
            results[n] = p = peak_rss(cmd, work / f"stderr-{n}.log")
            path.unlink()
            print(f"{n:,} articles: tree {p['tree'] >> 20} MiB, driver {p['driver'] >> 20}, "
                  f"worker {p['worker'] >> 20}, {p['seconds']:.0f} s", flush=True)
        mib = 1 << 20
        print(f"peak resident memory of readout ingest (stages: {args.stages or 'all'})")
        print(f"{'articles':>10}{'tree MiB':>10}{'driver':>9}{'worker':>9}{'seconds':>9}{'art/s':>8}")
        for n, p in results.items():
            print(f"{n:>10,}{p['tree'] / mib:10.0f}{p['driver'] / mib:9.0f}{p['worker'] / mib:9.0f}"
                  f"{p['seconds']:9.0f}{n / p['seconds']:8.1f}")
        if len(sizes) >= 2:
            a, b = results[sizes[0]], results[sizes[-1]]
            print(f"ratio {sizes[-1]:,} / {sizes[0]:,}: tree {b['tree'] / a['tree']:.2f}, "
                  f"driver {b['driver'] / a['driver']:.2f}, worker {b['worker'] / a['worker']:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
