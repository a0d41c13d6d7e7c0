"""Bounded reading: what every reader (and the ingest planner) uses to touch input bytes.

- `open_regular` opens regular files only: a device (`/dev/zero`), a FIFO or a socket is
  refused by its file type at once, before anything is read (a FIFO is opened
  non-blocking, so a missing writer cannot hang the run).
- `read_limited` reads at most `limit + 1` bytes: the size a file reports is not trusted.
- `line_spans` cuts a binary stream into lines and never holds more than one line of at
  most `limit` bytes: past the limit it stops keeping the line's bytes and skips to the
  next newline, reporting the line as too long.
- `ErrorCap` counts an input's errors and says when to stop reading it.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from ..errors import InputError, InputTooLargeError, UnsupportedInputError

CHUNK = 1 << 20

_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_regular(name: str, mode: int) -> InputError:
    return UnsupportedInputError(
        name, f"{_kind(mode)}, not a regular file: readout reads files, folders and '-' "
              f"(stdin; e.g. `cat {name} | readout ... -`)")


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """A binary file object for a regular file, or an InputError naming it (never blocks)."""
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise not_regular(name, st.st_mode)
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, open still returns
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise not_regular(name, st.st_mode)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def too_large(name: str, size: int | None, limit: int) -> InputTooLargeError:
    what = f"{size:,} bytes is" if size is not None else "the input is"
    return InputTooLargeError(name, f"{what} over the limit of {limit:,} bytes "
                                    f"(set max_input_bytes to read it)")


def read_limited(fh, name: str, limit: int) -> bytes:
    """All of a stream if it holds at most `limit` bytes, else InputTooLargeError (reading
    no more than `limit + 1` bytes)."""
    parts, size = [], 0
    while size <= limit:
        chunk = fh.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > limit:
        raise too_large(name, None, limit)
    return b"".join(parts)


@dataclass(frozen=True, slots=True)
class TooLong:
    """A line over max_input_bytes, kept as its length so it is never held in memory."""
    size: int


def line_spans(fh, limit: int) -> Iterator[tuple[int, int, bytes | TooLong]]:
    """(start, end, line or TooLong) for each line of a binary stream (lines end at LF).

    Reads in chunks of 1 MiB; a line is kept only while it is at most `limit` bytes long:
    past that its bytes are dropped as they come and the line is reported as `TooLong`.
    """
    buf = b""                 # the start of the current line (≤ limit bytes kept)
    line_start = 0            # offset of the current line
    skipping = False          # inside a line already known to be too long
    pos = 0                   # offset just past the data read so far
    while True:
        chunk = fh.read(CHUNK)
        if not chunk:
            break
        base = pos
        pos += len(chunk)
        i = 0
        while True:
            nl = chunk.find(b"\n", i)
            if nl < 0:
                break
            end = base + nl + 1
            if skipping:
                yield line_start, end, TooLong(end - line_start)
                skipping = False
            else:
                line = buf + chunk[i:nl + 1] if buf else chunk[i:nl + 1]
                buf = b""
                yield line_start, end, line if len(line) <= limit else TooLong(len(line))
            line_start = end
            i = nl + 1
        if not skipping and i < len(chunk):
            if len(buf) + len(chunk) - i > limit:
                skipping, buf = True, b""
            else:
                buf = buf + chunk[i:] if buf else chunk[i:]
    if skipping:
        yield line_start, pos, TooLong(pos - line_start)
    elif buf:
        yield line_start, pos, buf


class ErrorCap:
    """Counts one input's errors; past `max_errors_per_input` the input is stopped with one
    summary error (0: no cap)."""

    def __init__(self, name: str, cap: int):
        self.name, self.cap, self.count = name, cap, 0

    def over(self) -> bool:
        """Count one more error; True when it is one too many (stop reading the input)."""
        self.count += 1
        return 0 < self.cap < self.count

    def summary(self, where: str) -> InputError:
        return InputError(where, f"more than {self.cap:,} errors in this input: stopped reading "
                                 f"here, the rest of {self.name} was not read "
                                 f"(max_errors_per_input = {self.cap})")


class Prefixed:
    """A stream with bytes already read put back in front."""

    def __init__(self, head: bytes, stream):
        self.head, self.stream = head, stream

    def read(self, size: int = -1) -> bytes:
        if self.head:
            if size < 0:
                out, self.head = self.head + self.stream.read(), b""
                return out
            out, self.head = self.head[:size], self.head[size:]
            if len(out) < size:
                out += self.stream.read(size - len(out))
            return out
        return self.stream.read(size)


def sniff_stream(stream, limit: int) -> tuple[Prefixed, bool]:
    """(the whole stream again, whether it holds JSON Lines: its first non-blank byte, after
    any UTF-8 byte-order mark, is `{`). Reads at most `limit` bytes of leading blank space."""
    head = stream.read(CHUNK)
    while head.isspace() and len(head) <= limit and (more := stream.read(CHUNK)):
        head += more
    lead = head.lstrip()
    if lead.startswith(b"\xef\xbb\xbf"):
        lead = lead[3:].lstrip()
    return Prefixed(head, stream), lead[:1] == b"{"
