"""JSON Lines reader: one article per line (`text` required; `title`, `published`, `url`,
`outlet`, `id` optional). Plain or gzip-compressed; read lazily, line by line, through the
bounded reader (`bounded.line_spans`): a line over `max_input_bytes` is skipped to the next
newline and reported, and an input stops after `max_errors_per_input` errors.

`jsonl_lines` is the one loop over a JSON Lines stream: `readout extract` reads its
items, the ingest planner cuts shards from its lines (and workers re-read those lines with
`line_item`, so both commands give the same records and errors).
"""
from __future__ import annotations

import codecs
import gzip
import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..config import Config
from ..errors import DateError, EncodingError, InputError, MalformedInputError
from ..records import RawArticle
from ..times.given import given_date_iso
from .bounded import ErrorCap, TooLong, line_spans, open_regular, too_large

_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
READ_ERRORS = (OSError, EOFError, zlib.error)     # gzip.BadGzipFile is an OSError

_JSON_TYPES = {bool: "a boolean", int: "a number", float: "a number", list: "an array",
               dict: "an object"}


def _json_type(value) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def parse_line(line: str, name: str, config: Config) -> RawArticle | InputError | None:
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return MalformedInputError(name, f"not valid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return MalformedInputError(name, "not valid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return MalformedInputError(name, "a JSON Lines article must be an object")
    text = obj.get("text")
    if text is None:
        return MalformedInputError(name, "missing 'text' field")
    if not isinstance(text, str):
        return MalformedInputError(name, f"'text' has the wrong type: expected a string, "
                                         f"got {_json_type(text)}")
    if not text.strip():
        return MalformedInputError(name, "empty 'text' field")
    if len(text.encode("utf-8", "ignore")) > config.max_input_bytes:
        return InputError(name, f"text is over the limit of {config.max_input_bytes:,} bytes")
    published = obj.get("published") or obj.get("date")
    if published is not None:
        if not isinstance(published, str):
            return DateError(name, f"published: expected a date string, got {_json_type(published)}")
        try:
            published = given_date_iso(published)
        except DateError as exc:
            return DateError(name, f"published: {exc.message}")

    def opt(key):
        v = obj.get(key)
        return None if v is None else str(v)

    return RawArticle(text=text, input_name=name, title=opt("title"), published=published,
                      published_source="metadata" if published else None, url=opt("url"),
                      outlet=opt("outlet") or opt("source"), input_id=opt("id"))


def line_item(raw: bytes | TooLong, n: int, name: str, id_prefix: str | None,
              config: Config) -> RawArticle | InputError | None:
    """The article (or error) of line `n` of a JSON Lines input; None for a blank line."""
    where = f"{name}:{n}"
    if isinstance(raw, TooLong):
        return too_large(where, raw.size, config.max_input_bytes)
    try:
        line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return EncodingError(where, f"not valid UTF-8: {exc.reason} at byte {exc.start}")
    item = parse_line(line, where, config)
    if isinstance(item, RawArticle) and item.input_id is None and id_prefix:
        item.input_id = f"{id_prefix}:{n}"
    return item


@dataclass(slots=True)
class Line:
    """One line of a JSON Lines stream: where it is, its bytes and what it reads as."""
    number: int
    start: int
    end: int
    raw: bytes | TooLong
    item: RawArticle | InputError | None


def jsonl_lines(stream, name: str, config: Config, id_prefix: str | None = None,
                first_line: int = 1) -> Iterator[Line | InputError]:
    """Every line of a binary stream, bounded; a bare InputError ends the input (a read
    failure, a UTF-16 file, or one error more than `max_errors_per_input`)."""
    cap = ErrorCap(name, config.max_errors_per_input)
    n = first_line - 1
    try:
        for start, end, raw in line_spans(stream, config.max_input_bytes):
            n += 1
            if n == 1 and isinstance(raw, bytes) and raw.startswith(_WIDE_BOMS):
                yield EncodingError(name, "JSON Lines must be UTF-8; this input starts with a "
                                          "UTF-16/UTF-32 byte-order mark: re-encode it as UTF-8")
                return
            item = line_item(raw, n, name, id_prefix, config)
            if isinstance(item, InputError) and cap.over():
                yield cap.summary(item.input_name)
                return
            yield Line(n, start, end, raw, item)
    except READ_ERRORS as exc:
        yield InputError(f"{name}:{n + 1}", f"cannot read: {exc}")


def jsonl_items(stream, name: str, config: Config,
                id_prefix: str | None = None) -> Iterator[RawArticle | InputError]:
    for x in jsonl_lines(stream, name, config, id_prefix):
        if isinstance(x, Line):
            if x.item is not None:
                yield x.item
        else:
            yield x


def read_jsonl_file(path: Path, config: Config) -> Iterator[RawArticle | InputError]:
    name = str(path)
    try:
        fh = open_regular(path)
    except InputError as exc:
        yield exc
        return
    with fh:
        if name.lower().endswith(".gz"):
            with gzip.GzipFile(fileobj=fh, mode="rb") as gz:
                yield from jsonl_items(gz, name, config, path.name)
        else:
            yield from jsonl_items(fh, name, config, path.name)
