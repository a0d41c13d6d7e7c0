"""Plain-text reader: the first line is the title unless configured otherwise."""
from __future__ import annotations

import codecs
import os
from pathlib import Path

from ..config import Config
from ..errors import BinaryInputError, EmptyInputError, EncodingError, InputError
from ..records import RawArticle
from .bounded import open_regular, read_limited, too_large

# A byte-order mark decides the encoding (UTF-32 before UTF-16: FF FE 00 00 starts with FF FE).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))


def check_size(size: int, name: str, config: Config) -> None:
    if size > config.max_input_bytes:
        raise too_large(name, size, config.max_input_bytes)


def bom_encoding(data: bytes) -> str | None:
    return next((enc for bom, enc in BOMS if data.startswith(bom)), None)


def _codec(encoding: str, name: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise EncodingError(name, f"unknown encoding {encoding!r}") from None


def _looks_binary(sample) -> bool:
    """NULs, or more than 5% control characters other than tab, newlines and form feed."""
    if isinstance(sample, bytes):
        controls = sum(b < 9 or 13 < b < 32 for b in sample)
        return b"\x00" in sample or controls > len(sample) * 0.05
    controls = sum(c < "\t" or "\r" < c < " " for c in sample)
    return "\x00" in sample or controls > len(sample) * 0.05


def decode_bytes(data: bytes, name: str, config: Config) -> str:
    """Text, or a clear error for empty, binary or mis-encoded input.

    A byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding; without one the
    configured `encoding` is used. UTF-16/32 text is checked for binary content after
    decoding (its bytes are full of NULs), every other encoding before.
    """
    check_size(len(data), name, config)
    encoding = bom_encoding(data)
    given = encoding is None
    if given:
        encoding = config.encoding
        codec = _codec(encoding, name)
        if codec in ("utf-8", "utf8"):
            encoding = "utf-8-sig"
    else:
        codec = _codec(encoding, name)
    wide = codec.startswith(("utf-16", "utf-32"))
    if not wide:
        if not data.strip():
            raise EmptyInputError(name, "the input is empty")
        if _looks_binary(data[:8192]):
            raise BinaryInputError(name, "the input looks binary, not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        shown = config.encoding if given else f"{codec} (as its byte-order mark says)"
        raise EncodingError(
            name, f"not valid {shown} (byte {data[exc.start]:#04x} at offset {exc.start}); "
                  f"re-encode it as UTF-8 or pass --encoding (e.g. latin-1)") from None
    if wide:
        if not text.strip():
            raise EmptyInputError(name, "the input is empty")
        if _looks_binary(text[:8192]):
            raise BinaryInputError(name, "the input looks binary, not text")
    return text


def read_file_bytes(path: Path, config: Config) -> bytes:
    """A regular file's bytes, at most max_input_bytes (InputError otherwise)."""
    name = str(path)
    fh = open_regular(path)
    try:
        with fh:
            check_size(os.fstat(fh.fileno()).st_size, name, config)
            return read_limited(fh, name, config.max_input_bytes)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None


def read_text_file(path: Path, config: Config) -> RawArticle | InputError:
    name = str(path)
    try:
        text = decode_bytes(read_file_bytes(path, config), name, config)
    except InputError as exc:
        return exc
    return RawArticle(text=text, input_name=name, input_id=path.name,
                      title_in_text=config.title_from_first_line)
