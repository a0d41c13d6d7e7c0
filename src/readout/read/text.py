"""Plain-text reader: the first line is the title unless configured otherwise."""
from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..errors import (BinaryInputError, EmptyInputError, EncodingError, InputError,
                      InputTooLargeError)
from ..records import RawArticle


def check_size(size: int, name: str, config: Config) -> None:
    if size > config.max_input_bytes:
        raise InputTooLargeError(
            name, f"{size:,} bytes is over the limit of {config.max_input_bytes:,} "
                  f"(set max_input_bytes to read it)")


def decode_bytes(data: bytes, name: str, config: Config) -> str:
    """UTF-8 (with or without BOM) text, or a clear error for empty, binary or mis-encoded input."""
    check_size(len(data), name, config)
    if not data.strip():
        raise EmptyInputError(name, "the input is empty")
    head = data[:8192]
    controls = sum(b < 9 or 13 < b < 32 for b in head)
    if b"\x00" in head or controls > len(head) * 0.05:
        raise BinaryInputError(name, "the input looks binary, not text")
    encoding = config.encoding
    try:
        return data.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            name, f"not valid {encoding} (byte {data[exc.start]:#04x} at offset {exc.start}); "
                  f"re-encode it as UTF-8 or pass --encoding (e.g. latin-1)") from None
    except LookupError:
        raise EncodingError(name, f"unknown encoding {encoding!r}") from None


def read_text_file(path: Path, config: Config) -> RawArticle | InputError:
    name = str(path)
    try:
        check_size(path.stat().st_size, name, config)
        text = decode_bytes(path.read_bytes(), name, config)
    except InputError as exc:
        return exc
    except OSError as exc:
        return InputError(name, f"cannot read: {exc.strerror or exc}")
    return RawArticle(text=text, input_name=name, input_id=path.name,
                      title_in_text=config.title_from_first_line)
