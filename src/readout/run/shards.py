"""Shards: the unit of work, planned lazily from the inputs and processed by a pure function.

A shard is a short list of input units (whole files, a line range of a JSON Lines file,
or lines carried with the shard for gzip and stdin) holding about `shard_size` articles.
Its key hashes the units (names, sizes, mtimes, byte ranges or content) with everything
that changes the output (readout version, code and data hashes, the settings that matter,
the given publication date), so a re-run finds the shards it has already finished.

`run_shard` turns one shard into record tables (Arrow, from `store.schema`, so shards
and DuckDB never drift) and, given a folder, commits them as Parquet files atomically:
everything is written in a temporary folder that is then renamed into place.
"""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import sys
import time
import uuid
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from ..config import Config
from .. import errors as error_types
from ..errors import InputError
from ..pipeline import build_pipeline, process
from ..records import Document, RawArticle
from ..store.schema import error_table, tables_from_documents
from ..read import JSONL_SUFFIXES, STDIN, iter_files, read_inputs, suffix_of
from ..read.bounded import TooLong, line_spans, open_regular, read_limited, sniff_stream
from ..read.jsonl import Line, jsonl_lines, line_item
from ..version import __version__
from .memory import release_memory

DEFAULT_SHARD_SIZE = 64
SHARD_META = "_meta.json"
_CHUNK = 1 << 20
_line_spans = line_spans     # the bounded line reader (read.bounded), as the planner uses it


# --- input units ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FileUnit:
    """One file read whole by the readers (.txt, .html, unknown types, missing paths)."""
    path: str       # as the user gave it (names in records and errors)
    abspath: str    # what a worker opens
    stamp: str      # size and mtime, or "missing"

    def key(self) -> str:
        return f"file|{self.abspath}|{self.stamp}"


@dataclass(frozen=True, slots=True)
class LineRange:
    """Lines of a plain JSON Lines file between two byte offsets; a worker reads them itself."""
    path: str
    abspath: str
    stamp: str
    start: int
    end: int
    first_line: int

    def key(self) -> str:
        return f"range|{self.abspath}|{self.stamp}|{self.start}|{self.end}|{self.first_line}"


@dataclass(frozen=True, slots=True)
class LineData:
    """JSON Lines carried with the shard (gzip files, stdin): nothing to seek in."""
    name: str
    id_prefix: str | None
    first_line: int
    lines: tuple            # bytes | TooLong
    digest: str

    def key(self) -> str:
        return f"lines|{self.name}|{self.first_line}|{self.digest}"


@dataclass(frozen=True, slots=True)
class Blob:
    """A whole input carried with the shard (a plain-text article on stdin)."""
    name: str
    data: bytes
    digest: str

    def key(self) -> str:
        return f"blob|{self.name}|{self.digest}"


@dataclass(frozen=True, slots=True)
class UnitError:
    """An input that failed while it was being split (a broken gzip stream …)."""
    name: str
    message: str
    kind: str = "InputError"    # the InputError class to give (readout.errors)

    @classmethod
    def of(cls, exc: InputError) -> "UnitError":
        return cls(exc.input_name, exc.message, type(exc).__name__)

    def key(self) -> str:
        return f"error|{self.name}|{self.message}"


Unit = FileUnit | LineRange | LineData | Blob | UnitError


@dataclass(frozen=True, slots=True)
class ShardSpec:
    index: int
    key: str
    units: tuple
    n_inputs: int            # articles (or inputs) expected: files + JSON lines

    def describe(self) -> str:
        names = []
        for u in self.units:
            n = getattr(u, "path", None) or getattr(u, "name", "?")
            if not names or names[-1] != n:
                names.append(n)
        return names[0] if len(names) == 1 else f"{names[0]} … {names[-1]} ({len(names)} inputs)"


# --- fingerprints --------------------------------------------------------------------------

_IGNORED_SETTINGS = {"db", "db_memory_limit", "batch_size", "n_process", "serve_max_active",
                     "serve_max_waiting", "serve_max_wait"}   # speed or destination, not records


@lru_cache(maxsize=1)
def code_hash() -> str:
    """sha256 over readout's own source files, so shards made by other code are not reused."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for p in sorted(root.rglob("*.py")):
        if "__pycache__" in p.parts:
            continue
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def config_fingerprint(config: Config, published: str | None) -> str:
    from ..knowledge import data_hash
    settings = {f.name: getattr(config, f.name) for f in fields(config)
                if f.name not in _IGNORED_SETTINGS}
    blob = json.dumps([__version__, code_hash(), data_hash(), published, settings],
                      sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _stamp(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return "missing"
    return f"{st.st_size}:{st.st_mtime_ns}"


def _shard_key(fingerprint: str, units: Iterable) -> str:
    h = hashlib.sha256(fingerprint.encode())
    for u in units:
        h.update(b"\x1e")
        h.update(u.key().encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:24]


# --- planning ------------------------------------------------------------------------------

class _Ranges:
    """Builds the LineRange units of a plain JSON Lines file (a worker re-reads the bytes)."""

    def __init__(self, name: str, abspath: str, stamp: str):
        self.name, self.abspath, self.stamp = name, abspath, stamp

    def add(self, raw) -> None:
        pass

    def __call__(self, first: int, start: int, end: int) -> LineRange:
        return LineRange(self.name, self.abspath, self.stamp, start, end, first)


class _Carried:
    """Builds the LineData units of a stream that cannot be re-read (gzip, stdin)."""

    def __init__(self, name: str, id_prefix: str | None):
        self.name, self.id_prefix, self.lines = name, id_prefix, []

    def add(self, raw) -> None:
        self.lines.append(raw)

    def __call__(self, first: int, start: int, end: int) -> LineData:
        h = hashlib.sha256()
        for x in self.lines:
            h.update(x if isinstance(x, bytes) else f"\x00{x.size}".encode())
            h.update(b"\n")
        unit = LineData(self.name, self.id_prefix, first, tuple(self.lines), h.hexdigest()[:24])
        self.lines = []
        return unit


class _Planner:
    """Cuts the input stream into shards of about `shard_size` articles."""

    def __init__(self, config: Config, published: str | None, shard_size: int):
        self.config = config
        self.shard_size = max(1, int(shard_size))
        self.fingerprint = config_fingerprint(config, published)
        self.units: list = []
        self.count = 0
        self.index = 0

    @property
    def room(self) -> int:
        return self.shard_size - self.count

    def add(self, unit, n: int) -> Iterator[ShardSpec]:
        self.units.append(unit)
        self.count += n
        if self.count >= self.shard_size:
            yield self.cut()

    def cut(self) -> ShardSpec:
        spec = ShardSpec(self.index, _shard_key(self.fingerprint, self.units), tuple(self.units), self.count)
        self.index += 1
        self.units, self.count = [], 0
        return spec

    def _jsonl(self, stream, name: str, id_prefix: str | None, unit) -> Iterator[ShardSpec]:
        """Cut a JSON Lines stream into units of at most `room` lines, read through the
        same bounded reader as `readout extract` (`read.jsonl.jsonl_lines`): a line too
        long or an input stopped after too many errors gives the same errors both ways."""
        first, start, end, n = 1, 0, 0, 0
        for x in jsonl_lines(stream, name, self.config, id_prefix):
            if not isinstance(x, Line):          # the input ends here, with this error
                if n:
                    yield from self.add(unit(first, start, end), n)
                    n = 0
                yield from self.add(UnitError.of(x), 1)
                break
            if not n:
                first, start = x.number, x.start
            unit.add(x.raw)
            end = x.end
            n += 1
            if n >= self.room:
                yield from self.add(unit(first, start, end), n)
                n = 0
        if n:
            yield from self.add(unit(first, start, end), n)

    def plain_jsonl(self, path: Path) -> Iterator[ShardSpec]:
        stamp, name, abspath = _stamp(path), str(path), os.path.abspath(path)
        try:
            fh = open_regular(path)
        except InputError as exc:
            yield from self.add(UnitError.of(exc), 1)
            return
        with fh:
            yield from self._jsonl(fh, name, path.name, _Ranges(name, abspath, stamp))

    def carried_lines(self, stream, name: str, id_prefix: str | None) -> Iterator[ShardSpec]:
        yield from self._jsonl(stream, name, id_prefix, _Carried(name, id_prefix))

    def stdin(self, stream) -> Iterator[ShardSpec]:
        """JSON Lines on stdin are split into shards as they stream in; one text is one input
        (read no further than max_input_bytes)."""
        whole, is_jsonl = sniff_stream(stream, self.config.max_input_bytes)
        if is_jsonl:
            yield from self.carried_lines(whole, STDIN, None)
            return
        try:
            data = read_limited(whole, STDIN, self.config.max_input_bytes)
        except InputError as exc:
            yield from self.add(UnitError.of(exc), 1)
        else:
            yield from self.add(Blob(STDIN, data, hashlib.sha256(data).hexdigest()[:24]), 1)

    def plan(self, paths: Iterable[str | os.PathLike], stdin=None,
             skipped: list | None = None) -> Iterator[ShardSpec]:
        for path in iter_files(paths, skipped):
            if path == "-":
                yield from self.stdin(stdin or sys.stdin.buffer)
                continue
            suffix = suffix_of(path)
            if suffix in JSONL_SUFFIXES and path.exists():
                if str(path).lower().endswith(".gz"):
                    try:
                        fh = open_regular(path)
                    except InputError as exc:
                        yield from self.add(UnitError.of(exc), 1)
                        continue
                    with fh, gzip.GzipFile(fileobj=fh, mode="rb") as stream:
                        yield from self.carried_lines(stream, str(path), path.name)
                else:
                    yield from self.plain_jsonl(path)
            else:
                yield from self.add(FileUnit(str(path), os.path.abspath(path), _stamp(path)), 1)
        if self.units:
            yield self.cut()


def plan_shards(paths: Iterable[str | os.PathLike], config: Config, published: str | None = None,
                shard_size: int = DEFAULT_SHARD_SIZE, stdin=None,
                skipped: list | None = None) -> Iterator[ShardSpec]:
    """Shards for the inputs, lazily, in input order; the same inputs give the same keys.
    Files in folders that readout does not read are appended to `skipped` as planning goes."""
    return _Planner(config, published, shard_size).plan(paths, stdin, skipped)


def count_inputs(paths: Iterable[str | os.PathLike]) -> int:
    """How many articles the inputs hold (JSON lines counted, files as one): for progress."""
    total = 0
    for path in iter_files(paths):
        if path == "-":
            return total  # stdin cannot be read twice
        if suffix_of(path) in JSONL_SUFFIXES and path.exists():
            try:
                with open_regular(path) as raw:
                    fh = gzip.GzipFile(fileobj=raw, mode="rb") if str(path).lower().endswith(".gz") else raw
                    last = b"\n"
                    while chunk := fh.read(_CHUNK):
                        total += chunk.count(b"\n")
                        last = chunk[-1:]
                    total += last != b"\n"
            except (OSError, EOFError, InputError):
                total += 1
        else:
            total += 1
    return total


# --- reading a shard (worker side) ---------------------------------------------------------

def _renamed(item, given: str, opened: str):
    """Give a result read through an absolute path the name the user gave."""
    if given == opened:
        return item
    if isinstance(item, RawArticle):
        item.input_name = item.input_name.replace(opened, given, 1)
        return item
    if isinstance(item, InputError):
        try:
            return type(item)(item.input_name.replace(opened, given, 1), item.message)
        except TypeError:
            return item
    return item


def _jsonl_items(lines: Iterable, name: str, first_line: int, id_prefix: str | None,
                 config: Config) -> Iterator[RawArticle | InputError]:
    for n, raw in enumerate(lines, first_line):
        item = line_item(raw, n, name, id_prefix, config)
        if item is not None:
            yield item


def _range_lines(unit: LineRange, limit: int) -> Iterator:
    with open_regular(unit.abspath) as fh:
        fh.seek(unit.start)
        for _s, _e, line in line_spans(_Bounded(fh, unit.end - unit.start), limit):
            yield line


class _Bounded:
    """A read-only view of the next `n` bytes of a file."""

    def __init__(self, fh, n: int):
        self.fh, self.left = fh, n

    def read(self, size: int) -> bytes:
        if self.left <= 0:
            return b""
        data = self.fh.read(min(size, self.left))
        self.left -= len(data)
        return data


def read_unit(unit, config: Config, published: str | None) -> Iterator[RawArticle | InputError]:
    from ..read import read_stdin
    if isinstance(unit, FileUnit):
        for item in read_inputs([unit.abspath], config, published=published):
            yield _renamed(item, unit.path, unit.abspath)
        return
    if isinstance(unit, UnitError):
        kind = getattr(error_types, unit.kind, None)
        kind = kind if isinstance(kind, type) and issubclass(kind, InputError) else InputError
        yield kind(unit.name, unit.message)
        return
    if isinstance(unit, Blob):
        items: Iterable = read_stdin(config, stream=io.BytesIO(unit.data))
    elif isinstance(unit, LineData):
        items = _jsonl_items(unit.lines, unit.name, unit.first_line, unit.id_prefix, config)
    elif isinstance(unit, LineRange):
        try:
            lines = list(_range_lines(unit, config.max_input_bytes))
        except OSError as exc:
            yield InputError(unit.path, f"cannot read: {exc.strerror or exc}")
            return
        except InputError as exc:
            yield _renamed(exc, unit.path, unit.abspath)
            return
        items = _jsonl_items(lines, unit.path, unit.first_line, Path(unit.path).name, config)
    else:  # pragma: no cover
        raise TypeError(f"unknown shard unit {unit!r}")
    for item in items:
        if published and isinstance(item, RawArticle):
            item.published, item.published_source = published, "given"
        yield item


def read_shard(spec: ShardSpec, config: Config, published: str | None) -> Iterator[RawArticle | InputError]:
    for unit in spec.units:
        yield from read_unit(unit, config, published)


# --- processing a shard --------------------------------------------------------------------

@dataclass(slots=True)
class ShardResult:
    """What the driver learns of a finished shard (small: no records unless kept in memory)."""
    key: str
    index: int
    articles: int
    n_errors: int
    rows: dict[str, int]
    seconds: float
    pid: int
    path: str | None = None                 # committed shard folder
    errors: list[str] = field(default_factory=list)         # messages (not kept for reused shards)
    tables: dict | None = field(default=None, repr=False)   # in-memory run: the Arrow tables

    @property
    def n_inputs(self) -> int:
        return self.articles + self.n_errors


def process_shard(spec: ShardSpec, config: Config, published: str | None,
                  on_articles: Callable[[int], None] | None = None):
    """Records of one shard: (tables per record table, error table, errors, article count)."""

    stages = build_pipeline(config.stages)
    docs, errors = [], []
    pending = 0
    for res in process(read_shard(spec, config, published), config, stages):
        if isinstance(res, Document):
            docs.append(res)
        else:
            errors.append(res)
        pending += 1
        if on_articles and pending >= config.batch_size:
            on_articles(pending)
            pending = 0
    if on_articles and pending:
        on_articles(pending)
    tables = tables_from_documents(docs)
    tables["errors"] = error_table(errors)
    return tables, errors, len(docs)


def run_shard(spec: ShardSpec, config: Config, published: str | None = None,
              out_dir: str | None = None, on_articles: Callable[[int], None] | None = None) -> ShardResult:
    """Process one shard; with `out_dir`, commit its Parquet files there and keep nothing in memory."""
    t0 = time.perf_counter()
    tables, errors, n_docs = process_shard(spec, config, published, on_articles)
    result = ShardResult(
        key=spec.key, index=spec.index, articles=n_docs, n_errors=len(errors),
        rows={t: tab.num_rows for t, tab in tables.items()}, seconds=0.0, pid=os.getpid(),
        errors=[str(e) for e in errors])
    if out_dir is None:
        result.tables = tables
    else:
        result.path = commit_shard(out_dir, spec, tables, result)
        del tables
        release_memory()
    result.seconds = time.perf_counter() - t0
    return result


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def shard_dir(out_dir: str | os.PathLike, key: str) -> Path:
    return Path(out_dir) / "shards" / key


def commit_shard(out_dir: str | os.PathLike, spec: ShardSpec, tables: dict[str, pa.Table],
                 result: ShardResult) -> str:
    """Write the shard's tables in a temporary folder, then rename it into place (atomic).

    A folder of that key already in place (another worker, an earlier run) wins: the
    new copy is dropped, as both hold the same records.
    """
    final = shard_dir(out_dir, spec.key)
    tmp = Path(out_dir) / "tmp" / f"{spec.key}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        for name, table in tables.items():
            path = str(tmp / f"{name}.parquet")
            pq.write_table(table, path, compression="zstd")
            _fsync(path)
        meta = {"key": spec.key, "index": spec.index, "articles": result.articles,
                "errors": result.n_errors, "rows": result.rows, "inputs": spec.describe(),
                "readout": __version__, "pid": os.getpid()}
        meta_path = tmp / SHARD_META
        meta_path.write_text(json.dumps(meta), "utf-8")
        _fsync(str(meta_path))
        _fsync(str(tmp))
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(tmp, final)
        except OSError:
            if not (final / SHARD_META).exists():
                raise
            shutil.rmtree(tmp, ignore_errors=True)
        _fsync(str(final.parent))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return str(final)


def read_shard_tables(path: str | os.PathLike) -> dict[str, pa.Table]:
    """The Arrow tables of a committed shard folder."""
    from ..store.schema import TABLES
    return {name: pq.read_table(Path(path) / f"{name}.parquet", schema=schema)
            for name, schema in TABLES.items()}
