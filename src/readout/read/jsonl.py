"""JSON Lines reader: one article per line (`text` required; `title`, `published`, `url`,
`outlet`, `id` optional). Plain or gzip-compressed; read lazily, line by line."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Iterable, Iterator

from ..config import Config
from ..errors import InputError, MalformedInputError
from ..records import RawArticle

_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def parse_line(line: str, name: str, config: Config) -> RawArticle | InputError | None:
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return MalformedInputError(name, f"not valid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(obj, dict):
        return MalformedInputError(name, "a JSON Lines article must be an object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return MalformedInputError(name, "missing or empty 'text' field")
    if len(text.encode("utf-8", "ignore")) > config.max_input_bytes:
        return InputError(name, f"text is over the limit of {config.max_input_bytes:,} bytes")
    published = obj.get("published") or obj.get("date")
    if published is not None:
        m = _DATE.match(str(published))
        if not m:
            return MalformedInputError(name, f"'published' must start with YYYY-MM-DD, got {published!r}")
        published = m.group(1)

    def opt(key):
        v = obj.get(key)
        return None if v is None else str(v)

    return RawArticle(text=text, input_name=name, title=opt("title"), published=published,
                      published_source="metadata" if published else None, url=opt("url"),
                      outlet=opt("outlet") or opt("source"), input_id=opt("id"))


def read_jsonl_lines(lines: Iterable[str], name: str, config: Config) -> Iterator[RawArticle | InputError]:
    for n, line in enumerate(lines, 1):
        item = parse_line(line, f"{name}:{n}", config)
        if item is not None:
            yield item


def read_jsonl_file(path: Path, config: Config) -> Iterator[RawArticle | InputError]:
    name = str(path)
    opener = gzip.open if name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="strict") as fh:
            n = 0
            while True:
                try:
                    line = fh.readline()
                except UnicodeDecodeError as exc:
                    yield InputError(f"{name}:{n + 1}", f"not valid UTF-8: {exc.reason}")
                    return
                except (OSError, EOFError) as exc:
                    yield InputError(name, f"cannot read: {exc}")
                    return
                if not line:
                    break
                n += 1
                item = parse_line(line, f"{name}:{n}", config)
                if item is not None:
                    if isinstance(item, RawArticle) and item.input_id is None:
                        item.input_id = f"{path.name}:{n}"
                    yield item
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
