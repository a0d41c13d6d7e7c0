"""A Rich progress display for the ingest driver: articles/s and ETA, errors as they come."""
from __future__ import annotations

import threading

from rich.console import Console
from rich.markup import escape
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from .ingest import Reporter
from .shards import ShardResult

MAX_ERROR_LINES = 50


class RichReporter(Reporter):
    """Progress bar on a terminal (nothing when stderr is not one); error lines always."""

    def __init__(self, console: Console, show_errors: bool = True):
        self.console = console
        self.show_errors = show_errors
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TextColumn("articles"), TextColumn("{task.fields[rate]}"),
            TextColumn("[yellow]{task.fields[errors]}"), TimeElapsedColumn(),
            TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=True,
            disable=not console.is_terminal)
        self.task = None
        self.done = 0
        self.printed = 0
        self._lock = threading.Lock()

    def start(self, info: dict) -> None:
        if info.get("dashboard"):
            self.console.print(f"Dask dashboard: {info['dashboard']}", highlight=False)
        if info.get("workers", 1) > 1 or info.get("executor") != "in-process":
            self.console.print(f"ingest: {info['executor']}, {info.get('workers', 1)} worker(s), "
                               f"shards in {info.get('shards_dir')}", highlight=False)
        self.progress.start()
        self.task = self.progress.add_task("ingest", total=None, rate="", errors="")

    def total(self, n: int) -> None:
        with self._lock:
            if self.task is not None:
                self.progress.update(self.task, total=max(n, self.done))

    def advance(self, done: int, errors: int) -> None:
        with self._lock:
            if self.task is None or done <= self.done:
                return
            self.done = done
            self.progress.update(self.task, completed=done,
                                 errors=f"{errors} error(s)" if errors else "")
            t = self.progress.tasks[0]
            if t.elapsed:
                self.progress.update(self.task, rate=f"{done / t.elapsed:.1f}/s")

    def shard_done(self, result: ShardResult, reused: bool) -> None:
        if not self.show_errors:
            return
        for msg in result.errors:
            if self.printed < MAX_ERROR_LINES:
                self.progress.console.print(f"[yellow]skipped[/yellow] {escape(msg)}", highlight=False,
                                            soft_wrap=True)
            elif self.printed == MAX_ERROR_LINES:
                self.progress.console.print("[yellow]… more errors: see the errors table[/yellow]")
            self.printed += 1

    def finish(self, summary: dict | None) -> None:
        self.progress.stop()
