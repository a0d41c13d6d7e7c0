"""The ingest driver: plan shards, run them on an executor, commit, load into DuckDB.

One loop for every executor. Shards are planned lazily and only `capacity` of them are
in flight, so memory stays flat whatever the corpus size. A finished shard is recorded
in the manifest and loaded into the store at once; on a re-run, shards whose folder is
in place are not run again (and not loaded again if the store already has them).

A single small job (one shard, nothing asked of the runner) runs in this process and
goes straight to the store, with no pool and no shards folder: `readout ingest a.txt`
starts as fast as before.
"""
from __future__ import annotations

import collections
import concurrent.futures as cf
import datetime as dt
import itertools
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator, Protocol

from ..config import Config, load_config
from ..errors import ConfigError, PipelineOrderError, StageError
from ..records import Document
from ..store.documents import documents_from_tables
from ..store.writer import Store
from ..times.given import given_date_iso
from .manifest import Manifest, ensure_loaded_table, is_loaded, load_result, mark_loaded
from .memory import release_memory, use_system_arrow_pool
from .shards import DEFAULT_SHARD_SIZE, ShardResult, ShardSpec, count_inputs, plan_shards

MAX_ATTEMPTS = 3        # a shard that raises this many times is recorded as failed
POLL_SECONDS = 0.25


class Reporter:
    """What the driver tells a progress display; every method may be left as is."""

    def start(self, info: dict) -> None: ...
    def total(self, n: int) -> None: ...
    def advance(self, done: int, errors: int) -> None: ...
    def shard_done(self, result: ShardResult, reused: bool) -> None: ...
    def finish(self, summary: dict | None) -> None: ...   # None: the run stopped on an error


def default_shards_dir(db: str) -> str:
    if db == ":memory:":
        return tempfile.mkdtemp(prefix="readout-shards-")
    return db + ".shards"


def make_executor(config: Config, jobs: int | None, workers: int | None, scheduler):
    if scheduler is not None or workers is not None:
        from .dask import DaskExecutor
        return DaskExecutor(config, workers=workers, scheduler=scheduler)
    from .local import InProcessExecutor, LocalPoolExecutor, cpu_count
    n = cpu_count() if jobs is None else max(1, int(jobs))
    return InProcessExecutor() if n == 1 else LocalPoolExecutor(n, config)


def _failure_errors(spec: ShardSpec, exc: BaseException) -> list[StageError]:
    names: list[str] = []
    for u in spec.units:
        n = getattr(u, "path", None) or getattr(u, "name", "?")
        if n not in names:
            names.append(n)
    return [StageError(n, "shard", exc) for n in names]


class AfterWrite(Protocol):
    """Cross-article work after each stored batch, given by the caller (readout's own is
    `readout.link.Linker`: stories and linked events). `prepare` makes the tables it keeps
    when the store is opened; the call gets the batch's documents rebuilt from the store's
    rows, so it works the same for a shard just made and for one finished by a killed run."""

    def prepare(self, store: Store) -> None: ...

    def __call__(self, store: Store, docs: list[Document], config: Config) -> None: ...


class _Run:
    """The loop over shards for one ingest call."""

    def __init__(self, executor, store: Store, manifest: Manifest | None, config: Config,
                 published: str | None, out_dir: str | None, reporter: Reporter,
                 after_write: AfterWrite | None = None):
        self.executor, self.store, self.manifest = executor, store, manifest
        self.after_write = after_write
        self.config, self.published, self.out_dir, self.reporter = config, published, out_dir, reporter
        self.stats = {"articles": 0, "errors": 0, "shards": 0, "reused": 0, "failed": 0,
                      "new_articles": 0}
        self.in_flight: dict = {}
        self.attempts: dict[str, int] = {}
        self.suspects: collections.deque = collections.deque()  # in flight when a worker died
        self.solo: set[str] = set()                               # re-run alone to find the culprit
        self.ready: dict[int, tuple | None] = {}                  # finished, waiting for their turn
        self.next_index = 0
        executor.listener = lambda n: self.advance(n)

    def advance(self, running: int = 0) -> None:
        s = self.stats
        self.reporter.advance(s["articles"] + s["errors"] + running, s["errors"])

    def submit(self, spec: ShardSpec) -> None:
        try:
            fut = self.executor.submit(spec, self.config, self.published, self.out_dir)
        except BrokenProcessPool as exc:     # a worker died since the last collect
            fut = cf.Future()
            fut.set_exception(exc)
        self.in_flight[fut] = spec

    def finish(self, spec: ShardSpec, result: ShardResult, reused: bool) -> None:
        if self.manifest is not None:
            self.manifest.record(spec, result)
        s = self.stats
        s["shards"] += 1
        s["reused"] += reused
        s["articles"] += result.articles
        s["errors"] += result.n_errors
        s["new_articles"] += 0 if reused else result.articles
        self.reporter.shard_done(result, reused)
        self.ready[spec.index] = (spec, result, reused)
        self.load_ready()

    def load_ready(self, flush: bool = False) -> None:
        """Load finished shards into the store in plan order, whatever order they finished in,
        so the cross-article hook (stories) sees the same sequence in every run."""
        while self.ready and (flush or self.next_index in self.ready):
            index = self.next_index if self.next_index in self.ready else min(self.ready)
            item = self.ready.pop(index)
            self.next_index = index + 1
            if item is None:          # a failed shard: nothing to load
                continue
            spec, result, reused = item
            if reused and is_loaded(self.store, spec.key):
                continue
            tables = load_result(self.store, result)
            if tables["articles"].num_rows:
                if self.after_write is not None:
                    self.after_write(self.store, documents_from_tables(tables), self.config)
            if self.manifest is not None:
                mark_loaded(self.store, result)
            del tables
            release_memory()

    def fail(self, spec: ShardSpec, exc: BaseException) -> None:
        """Record a shard that cannot be done as errors of its inputs; a re-run tries it again."""
        errs = _failure_errors(spec, exc)
        self.store.write_errors(errs)
        self.stats["failed"] += 1
        self.stats["errors"] += len(errs)
        self.ready[spec.index] = None
        self.load_ready()

    def died(self, spec: ShardSpec) -> None:
        if spec.key in self.solo:      # it ran alone: this shard kills its worker
            self.fail(spec, RuntimeError("the worker process died while processing this shard"))
        else:
            self.suspects.append(spec)

    def fill(self, specs: Iterator[ShardSpec]) -> bool:
        """Submit shards up to the executor's capacity; False once the plan is used up."""
        if self.suspects:
            if not self.in_flight:
                spec = self.suspects.popleft()
                self.solo.add(spec.key)
                self.submit(spec)
            return True
        while len(self.in_flight) < self.executor.capacity:
            spec = next(specs, None)
            if spec is None:
                return False
            if self.manifest is not None and self.manifest.is_done(spec.key):
                self.finish(spec, self.manifest.result_of(spec), reused=True)
                self.advance()
                continue
            self.submit(spec)
        return True

    def collect(self) -> None:
        broken = False
        for fut in self.executor.wait(self.in_flight, timeout=POLL_SECONDS):
            spec = self.in_flight.pop(fut)
            try:
                result = fut.result()
            except (ConfigError, PipelineOrderError):
                raise                  # the same for every shard: stop the run
            except BrokenProcessPool:
                broken = True
                self.died(spec)
                continue
            except Exception as exc:   # the shard machinery failed (disk full, a lost worker …)
                self.attempts[spec.key] = self.attempts.get(spec.key, 0) + 1
                if self.attempts[spec.key] >= MAX_ATTEMPTS or self.manifest is None:
                    self.fail(spec, exc)
                else:
                    self.submit(spec)
                continue
            self.finish(spec, result, reused=False)
        if broken:
            for spec in self.in_flight.values():
                self.died(spec)
            self.in_flight.clear()
            self.executor.restart()
        self.advance(self.executor.progress())

    def run(self, specs: Iterator[ShardSpec]) -> None:
        more = True
        while True:
            if more or self.suspects:
                more = self.fill(specs) and more
            if not self.in_flight and not self.suspects:
                break
            self.collect()
        self.load_ready(flush=True)


def _remove_store(db: str, shards_root) -> None:
    """Take away a store this run made and stored nothing in (every input failed)."""
    for path in (db, db + ".wal"):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
    if shards_root is not None:
        shutil.rmtree(shards_root, ignore_errors=True)


def ingest_sharded(inputs: Iterable[str | os.PathLike], db: str | os.PathLike | None = None,
                   published: str | dt.date | None = None, config: Config | None = None,
                   reporter: Reporter | None = None, *, jobs: int | None = None,
                   workers: int | None = None, scheduler=None,
                   shard_size: int = DEFAULT_SHARD_SIZE, shards_dir: str | os.PathLike | None = None,
                   keep_shards: bool = True, stdin=None, after_write: AfterWrite | None = None) -> dict:
    """Extract and store the inputs shard by shard; see the module docstring. `after_write`
    runs after each stored shard (see `AfterWrite`); without it, nothing links articles.

    A store this call would create is not left behind when no article was stored (every
    input failed): the summary then says so (`db_created` false) and gives the first errors
    (`first_errors`). Files in folders that readout does not read are in `skipped`."""
    t0 = time.perf_counter()
    config = config or load_config()
    db = str(db or config.db)
    reporter = reporter or Reporter()
    published = given_date_iso(published, "published", relative=True)
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    inputs = [str(p) for p in inputs]
    from .local import check_config
    check_config(config)
    use_system_arrow_pool()

    skipped: list = []
    existed = db == ":memory:" or os.path.exists(db)
    planned = plan_shards(inputs, config, published, shard_size, stdin=stdin, skipped=skipped)
    head = list(itertools.islice(planned, 2))
    small = len(head) <= 1 and workers is None and scheduler is None and shards_dir is None
    manifest = out_dir = None
    t_load = time.perf_counter()
    if small:
        from .local import InProcessExecutor
        executor = InProcessExecutor()
        if head:
            from .local import load_pipeline
            load_pipeline(config)     # the model and tables: timed apart from the articles
    else:
        Store(db).close()      # fails now if another process has the database open
        shards_existed = os.path.exists(shards_dir or default_shards_dir(db))
        manifest = Manifest(shards_dir or default_shards_dir(db))
        manifest.clean_tmp()   # safe: that other run would hold the database
        out_dir = str(manifest.root)
        executor = make_executor(config, jobs, workers, scheduler)
    startup = time.perf_counter() - t_load       # loading the model and tables (and starting workers)

    summary = None
    try:
        with executor, Store(db, memory_limit=config.db_memory_limit) as store:
            ensure_loaded_table(store)
            if after_write is not None:
                after_write.prepare(store)
            n_workers = getattr(executor, "workers", 1)
            reporter.start({"executor": executor.name, "workers": n_workers,
                            "dashboard": executor.dashboard, "shards_dir": out_dir, "db": db})
            if small:
                reporter.total(head[0].n_inputs if head else 0)
            elif "-" not in inputs:
                threading.Thread(target=lambda: reporter.total(count_inputs(inputs)), daemon=True,
                                 name="readout-count").start()
            run = _Run(executor, store, manifest, config, published, out_dir, reporter, after_write)
            run.run(itertools.chain(head, planned))
            counts = store.counts()
            first_errors = [] if existed or run.stats["articles"] else [
                r["message"] for r in store.query("SELECT message FROM errors ORDER BY input LIMIT 20")]
        if not existed and not run.stats["articles"]:
            _remove_store(db, None if small or shards_existed else manifest.root)
            counts = {}
        if manifest is not None and not keep_shards:
            shutil.rmtree(manifest.root, ignore_errors=True)
        s = run.stats
        seconds = time.perf_counter() - t0
        summary = {
            "db": db, "articles_stored": s["articles"], "errors": s["errors"], "tables": counts,
            "shards": s["shards"], "shards_reused": s["reused"], "shards_failed": s["failed"],
            "new_articles": s["new_articles"], "seconds": round(seconds, 3),
            "startup_seconds": round(startup, 3),
            "articles_per_second": (round(s["new_articles"] / (seconds - startup), 3)
                                    if seconds > startup else 0.0),
            "executor": executor.name, "workers": n_workers,
            "shards_dir": out_dir if keep_shards and counts else None,
            "skipped": [{"path": x.path, "reason": x.reason} for x in skipped],
            "db_created": existed or bool(counts), "first_errors": first_errors}
        return summary
    finally:
        reporter.finish(summary)
