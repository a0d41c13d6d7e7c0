"""Kill `readout ingest` with SIGKILL at random moments, re-run: the records of an uninterrupted run.

The CLI runs in a subprocess on a local pool of 2 workers with only the clean stage
(the machinery under test is the same for every stage, and this keeps the test fast).
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import psutil

from readout.store.schema import TABLES
from readout.store.writer import Store

from .conftest import make_corpus

KILLS = 6


def ingest_cmd(corpus, db, config_file) -> list[str]:
    return [sys.executable, "-m", "readout.cli", "--config", str(config_file), "ingest", str(corpus),
            "--db", str(db), "--shard-size", "4", "--jobs", "2"]


def run_to_end(cmd) -> float:
    t0 = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    return time.perf_counter() - t0


def record_state(db) -> dict:
    with Store(db, read_only=True) as store:
        state = {t: sorted(r[0] for r in store.con.execute(f'SELECT id FROM "{t}"').fetchall())
                 for t in TABLES}
    return state


def leftover_processes(db) -> list[psutil.Process]:
    out = []
    for p in psutil.process_iter(["cmdline"]):
        try:
            if p.info["cmdline"] and str(db) in " ".join(p.info["cmdline"]):
                out.append(p)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return out


def committed(db) -> int:
    shards = db.parent / (db.name + ".shards") / "shards"
    return len(list(shards.glob("*/_meta.json"))) if shards.exists() else 0


def kill_during_run(cmd, db, rng: random.Random, early: bool, n_shards: int) -> bool:
    """Start ingest and SIGKILL its driver: early (start-up, first shards) or after a few
    more shards are committed (never waiting past the last few shards, so that a fast
    machine cannot finish the run before the kill), at a random moment of the commit/load
    cycle. True if the process was still running when killed."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    limit = n_shards - 4
    if early:
        deadline = time.time() + rng.uniform(0.2, 2.0)
        target = limit
    else:
        deadline = time.time() + 60
        target = min(committed(db) + rng.randint(1, 5), limit)
    while proc.poll() is None and committed(db) < target and time.time() < deadline:
        time.sleep(0.005)
    if not early and committed(db) < limit:
        time.sleep(rng.uniform(0.0, 0.3))
    running = proc.poll() is None
    if running:
        os.kill(proc.pid, signal.SIGKILL)       # the driver only: its workers must die with it
    proc.wait(timeout=60)
    return running


def test_resume_after_sigkill_equals_uninterrupted_run(tmp_path):
    corpus = make_corpus(tmp_path, n_txt=40, n_jsonl=120, n_gz=40, seed=11)
    config_file = tmp_path / "clean.toml"
    config_file.write_text('[readout]\nstages = ["clean"]\n[readout.link]\nenabled = false\n', "utf-8")

    ref_db = tmp_path / "reference.duckdb"
    run_to_end(ingest_cmd(corpus, ref_db, config_file))
    reference = record_state(ref_db)
    assert len(reference["articles"]) == 200 and len(reference["errors"]) == 5
    n_shards = committed(ref_db)

    db = tmp_path / "killed.duckdb"
    rng = random.Random(int(os.environ.get("READOUT_KILL_SEED", "20240607")))
    kinds = [True, True] + [False] * (KILLS - 2)
    rng.shuffle(kinds)
    mid_run, progress = 0, []
    for early in kinds:
        mid_run += kill_during_run(ingest_cmd(corpus, db, config_file), db, rng, early, n_shards)
        deadline = time.time() + 5
        while leftover_processes(db) and time.time() < deadline:
            time.sleep(0.1)
        assert not leftover_processes(db), "pool workers outlived the killed driver"
        progress.append(committed(db))
    assert mid_run >= 5, f"only {mid_run} of {KILLS} kills landed while ingest ran"
    # every run after a kill resumed a partial store (commits may come in bursts, so the
    # last kill may land after the last shard: the resumes before it are what is tested)
    assert sum(0 < p < n_shards for p in progress) >= 4, (progress, n_shards)

    run_to_end(ingest_cmd(corpus, db, config_file))
    assert record_state(db) == reference
    with Store(db, read_only=True) as a, Store(ref_db, read_only=True) as b:
        assert {t: a.count(t) for t in TABLES} == {t: b.count(t) for t in TABLES}
