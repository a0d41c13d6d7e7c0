"""Readers: files, folders, JSON Lines and stdin to RawArticle records.

Every reader yields `RawArticle` or, for an input it cannot read, the `InputError`
that says why — never raises for one bad input — so a batch goes on.
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..config import Config
from ..errors import InputError, UnsupportedInputError
from ..records import RawArticle
from .html import read_html_file
from .bounded import read_limited, sniff_stream
from .jsonl import jsonl_items, read_jsonl_file
from .text import decode_bytes, read_text_file

STDIN = "<stdin>"

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"}


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for s in sorted(JSONL_SUFFIXES, key=len, reverse=True):
        if name.endswith(s):
            return s
    return path.suffix.lower()


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | str]:
    """Files named, and files under folders named (recursively, sorted); '-' is stdin."""
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and suffix_of(child) in (
                        TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES):
                    yield child
        else:
            yield path


def read_stdin(config: Config, stream=None) -> Iterator[RawArticle | InputError]:
    """Stdin, bounded: JSON Lines (first non-blank byte `{`) are read line by line like a
    file; anything else is one text of at most max_input_bytes (reading stops past it)."""
    whole, is_jsonl = sniff_stream(stream or sys.stdin.buffer, config.max_input_bytes)
    if is_jsonl:
        yield from jsonl_items(whole, STDIN, config)
        return
    try:
        text = decode_bytes(read_limited(whole, STDIN, config.max_input_bytes), STDIN, config)
    except InputError as exc:
        yield exc
        return
    if text.lstrip().startswith("{"):     # JSON Lines in another encoding (a UTF-16 BOM …)
        yield from jsonl_items(io.BytesIO(text.encode("utf-8")), STDIN, config)
    else:
        yield RawArticle(text=text, input_name=STDIN, input_id="stdin",
                         title_in_text=config.title_from_first_line)


def read_inputs(paths: Iterable[str | os.PathLike], config: Config,
                published: str | None = None) -> Iterator[RawArticle | InputError]:
    for path in iter_files(paths):
        if path == "-":
            items = read_stdin(config)
        else:
            suffix = suffix_of(path)
            if not path.exists():
                items = iter([InputError(str(path), "no such file")])
            elif suffix in JSONL_SUFFIXES:
                items = read_jsonl_file(path, config)
            elif suffix in HTML_SUFFIXES:
                items = iter([read_html_file(path, config)])
            elif suffix in TEXT_SUFFIXES or suffix == "":
                items = iter([read_text_file(path, config)])
            else:
                items = iter([UnsupportedInputError(
                    str(path), f"unknown input type {suffix!r}; readout reads .txt, .html/.htm, .jsonl(.gz) and '-'")])
        for item in items:
            if published and isinstance(item, RawArticle):
                item.published = published
                item.published_source = "given"
            yield item
