"""Readers: files, folders, JSON Lines and stdin to RawArticle records.

Every reader yields `RawArticle` or, for an input it cannot read, the `InputError`
that says why — never raises for one bad input — so a batch goes on.
"""
from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass
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

# The documented input types (README, Inputs); a folder is read for these only.
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".jsonl.gz"}
READ_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file in a folder that readout did not read, and why."""
    path: str
    reason: str


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for s in sorted(JSONL_SUFFIXES, key=len, reverse=True):
        if name.endswith(s):
            return s
    return path.suffix.lower()


def _walk(folder: Path, skipped: list | None) -> Iterator[Path]:
    """Files of a folder to read, recursively, in sorted order. A file of a type readout
    reads is yielded even when it is not a regular file (a broken link, a FIFO): its reader
    refuses it with a reason, which goes to the errors. Everything else is left out and,
    when `skipped` is a list, recorded there."""
    def skip(path: Path, reason: str) -> None:
        if skipped is not None:
            skipped.append(Skipped(str(path), reason))
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        skip(folder, f"cannot list the folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            skip(path, "hidden folder" if entry.is_dir() else "hidden file")
        elif entry.is_dir(follow_symlinks=False):
            yield from _walk(path, skipped)
        elif entry.is_symlink() and entry.is_dir():
            skip(path, "link to a folder (not followed)")
        elif suffix_of(path) in READ_SUFFIXES:
            yield path
        elif entry.is_symlink() and not path.exists():
            skip(path, "broken link")
        elif not entry.is_file():
            skip(path, "not a regular file")
        else:
            skip(path, f"not a type readout reads ({suffix_of(path) or 'no suffix'}; it reads "
                       ".txt, .html, .htm, .jsonl, .jsonl.gz)")


def iter_files(paths: Iterable[str | os.PathLike], skipped: list | None = None) -> Iterator[Path | str]:
    """Files named, and files under folders named (recursively, sorted); '-' is stdin.
    Files a folder holds that readout does not read are recorded in `skipped` (`Skipped`)."""
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            yield from _walk(path, skipped)
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
                published: str | None = None, skipped: list | None = None
                ) -> Iterator[RawArticle | InputError]:
    for path in iter_files(paths, skipped):
        if path == "-":
            items = read_stdin(config)
        else:
            suffix = suffix_of(path)
            if not path.exists():
                items = iter([InputError(str(path), "broken link" if path.is_symlink() else "no such file")])
            elif suffix in JSONL_SUFFIXES:
                items = read_jsonl_file(path, config)
            elif suffix in HTML_SUFFIXES:
                items = iter([read_html_file(path, config)])
            elif suffix in TEXT_SUFFIXES or suffix == "":     # a file named without a suffix: text
                items = iter([read_text_file(path, config)])
            else:
                items = iter([UnsupportedInputError(
                    str(path), f"unknown input type {suffix!r}; readout reads .txt, .html/.htm, .jsonl(.gz) and '-'")])
        for item in items:
            if published and isinstance(item, RawArticle):
                item.published = published
                item.published_source = "given"
            yield item
