"""The library functions the CLI, the server and the cluster runners all call."""
from __future__ import annotations

import datetime as dt
import os
from typing import Iterable, Iterator

from .config import Config, load_config
from .errors import InputError, StageError
from .pipeline import RawArticle, WorkItem, build_pipeline, run_batch  # noqa: F401 (WorkItem is re-used by the CLI)
from .read import read_inputs
from .records import Document


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for x in items:
        batch.append(x)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process(raws: Iterable[RawArticle | InputError], config: Config | None = None,
            stages=None) -> Iterator[WorkItem | InputError | StageError]:
    """Run raw articles through the pipeline in batches; yield done items or their errors."""
    config = config or load_config()
    stages = stages or build_pipeline(config.stages)
    for batch in batched(raws, config.batch_size):
        items = []
        for r in batch:
            if isinstance(r, InputError):
                yield r
            else:
                items.append(WorkItem(raw=r))
        run_batch(items, stages, config)
        for it in items:
            yield it.error if it.error is not None else it


def extract_items(inputs: Iterable[str | os.PathLike], published: str | dt.date | None = None,
                  config: Config | None = None) -> Iterator[WorkItem | InputError | StageError]:
    config = config or load_config()
    if isinstance(published, dt.date):
        published = published.isoformat()
    yield from process(read_inputs(inputs, config, published=published), config)


def extract(inputs: str | os.PathLike | Iterable[str | os.PathLike],
            published: str | dt.date | None = None, config: Config | None = None,
            errors: list | None = None) -> list[Document]:
    """Documents for the given files/folders ('-' for stdin). Errors go to `errors` if given."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    out = []
    for res in extract_items(inputs, published, config):
        if isinstance(res, WorkItem):
            out.append(res.document)
        elif errors is not None:
            errors.append(res)
    return out


def extract_text(text: str, title: str | None = None, published: str | dt.date | None = None,
                 url: str | None = None, outlet: str | None = None,
                 config: Config | None = None) -> Document:
    """The document for one article given as a string (raises on bad input)."""
    if isinstance(published, dt.date):
        published = published.isoformat()
    raw = RawArticle(text=text, input_name="<text>", title=title, published=published,
                     published_source="given" if published else None, url=url, outlet=outlet)
    for res in process([raw], config):
        if isinstance(res, WorkItem):
            return res.document
        raise res
    raise RuntimeError("no result")  # pragma: no cover


def ingest(inputs: Iterable[str | os.PathLike], db: str | os.PathLike | None = None,
           published: str | dt.date | None = None, config: Config | None = None,
           on_progress=None, *, jobs: int | None = None, workers: int | None = None,
           scheduler=None, shard_size: int | None = None,
           shards_dir: str | os.PathLike | None = None, keep_shards: bool = True) -> dict:
    """Extract and store articles shard by shard; bad inputs go to the `errors` table.

    Idempotent and resumable: an article already stored is replaced, not duplicated, and
    shards finished by an earlier (killed) run are not done again. Runs in this process
    for one shard, else on a local process pool (`jobs`, default: all cores) or on Dask
    (`workers` for a LocalCluster, `scheduler` for a running cluster's address or Client).
    `on_progress` is a `readout.run.ingest.Reporter`. Returns a summary: articles stored,
    errors, table counts, shards (see `readout.run.ingest.ingest_sharded`).
    """
    from .run.ingest import DEFAULT_SHARD_SIZE, ingest_sharded
    return ingest_sharded(inputs, db, published, config, reporter=on_progress, jobs=jobs,
                          workers=workers, scheduler=scheduler,
                          shard_size=shard_size or DEFAULT_SHARD_SIZE, shards_dir=shards_dir,
                          keep_shards=keep_shards)


def after_write(store, docs: list[Document], config: Config) -> None:
    """Hook for cross-article work after a batch is stored (story clustering, event linking)."""
    try:
        from .link import link_batch
    except ImportError:
        return
    link_batch(store, docs, config)
