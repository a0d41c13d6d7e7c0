"""The library's front door: what the CLI, the server, notebooks and cluster scripts call.

A facade only: each function hands its work to the package that does it (the pipeline for
extraction, `run` for sharded ingest with `link` as its after-write step, `store` for
reading back, `actors` for resolution without an article).
"""
from __future__ import annotations

import datetime as dt
import os
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from .actors import resolve_actor
from .config import Config, load_config
from .errors import ReadoutError
from .link import Linker
from .pipeline import process
from .read import read_inputs
from .records import Document, RawArticle
from .run.ingest import DEFAULT_SHARD_SIZE, Reporter, ingest_sharded
from .store.writer import Store
from .times.given import given_date_iso

__all__ = ["example_files", "extract", "extract_iter", "extract_text", "first_events", "ingest",
           "process", "resolve_actor"]


def _iso(published: str | dt.date | None) -> str | None:
    """A given publication date as ISO: the forms of `readout.times.given` (relative ones
    against today's local date); `DateError` naming the value otherwise."""
    return given_date_iso(published, "published", relative=True)


def extract_iter(inputs: Iterable[str | os.PathLike], published: str | dt.date | None = None,
                 config: Config | None = None) -> Iterator[Document | ReadoutError]:
    """Each input article's Document, or the error that stopped it, as they are done."""
    config = config or load_config()
    yield from process(read_inputs(inputs, config, published=_iso(published)), config)


def extract(inputs: str | os.PathLike | Iterable[str | os.PathLike],
            published: str | dt.date | None = None, config: Config | None = None,
            errors: list | None = None) -> list[Document]:
    """Documents for the given files/folders ('-' for stdin). Errors go to `errors` if given."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    out = []
    for res in extract_iter(inputs, published, config):
        if isinstance(res, Document):
            out.append(res)
        elif errors is not None:
            errors.append(res)
    return out


def extract_text(text: str, title: str | None = None, published: str | dt.date | None = None,
                 url: str | None = None, outlet: str | None = None,
                 config: Config | None = None) -> Document:
    """The document for one article given as a string (raises on bad input)."""
    published = _iso(published)
    raw = RawArticle(text=text, input_name="<text>", title=title, published=published,
                     published_source="given" if published else None, url=url, outlet=outlet)
    for res in process([raw], config):
        if isinstance(res, Document):
            return res
        raise res
    raise RuntimeError("no result")  # pragma: no cover


def ingest(inputs: Iterable[str | os.PathLike], db: str | os.PathLike | None = None,
           published: str | dt.date | None = None, config: Config | None = None,
           on_progress: Reporter | None = None, *, jobs: int | None = None,
           workers: int | None = None, scheduler=None, shard_size: int | None = None,
           shards_dir: str | os.PathLike | None = None, keep_shards: bool = True) -> dict:
    """Extract and store articles shard by shard; bad inputs go to the `errors` table.

    Idempotent and resumable: an article already stored is replaced, not duplicated, and
    shards finished by an earlier (killed) run are not done again. Runs in this process
    for one shard, else on a local process pool (`jobs`, default: all cores) or on Dask
    (`workers` for a LocalCluster, `scheduler` for a running cluster's address or Client).
    After each stored shard, its articles join stories and their events are linked
    (`readout.link`; off with `[readout.link] enabled = false`). `on_progress` is a
    `readout.run.ingest.Reporter`. Returns a summary: articles stored, errors, table
    counts, shards (see `readout.run.ingest.ingest_sharded`).
    """
    return ingest_sharded(inputs, db, _iso(published), config, reporter=on_progress, jobs=jobs,
                          workers=workers, scheduler=scheduler,
                          shard_size=shard_size or DEFAULT_SHARD_SIZE, shards_dir=shards_dir,
                          keep_shards=keep_shards, after_write=Linker())


def example_files() -> list[Path]:
    """The example articles bundled with the package (what `readout demo` ingests)."""
    folder = Path(str(resources.files("readout").joinpath("examples")))
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".jsonl", ".html"))


def first_events(db: str | os.PathLike, limit: int = 15) -> list[dict]:
    """The first events of a store, article by article, in text order (the demo's table)."""
    with Store(db, read_only=True) as store:
        return store.query("SELECT type, cameo, source_name, target_name, status, date_start, "
                           "evidence FROM events ORDER BY article_id, start LIMIT ?", [limit])
