"""The bounded reader: devices and FIFOs refused by type at once, stdin and long lines read
no further than the limit, an input stopped after too many errors, UTF-16 by its BOM."""
from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import threading
import time

import pytest

from readout.config import load_config
from readout.errors import (BinaryInputError, EncodingError, InputError, InputTooLargeError,
                            MalformedInputError, UnsupportedInputError)
from readout.read import read_inputs, read_stdin
from readout.read.bounded import TooLong, line_spans
from readout.records import RawArticle
from readout.run.shards import plan_shards, read_shard

GOOD = ("Ministers meet in Geneva\n\nGENEVA - Foreign ministers of the two countries met on "
        "Monday and agreed to resume talks, officials said. The talks will continue next month.")


@pytest.fixture
def cfg():
    return load_config(stages=("clean",))


def both_ways(paths, config, stdin=None):
    """What `extract` reads (read_inputs) and what `ingest` reads (planned shards), in order."""
    if stdin is not None:
        direct = list(read_stdin(config, io.BytesIO(stdin)))
        sharded = [x for s in plan_shards(["-"], config, shard_size=3, stdin=io.BytesIO(stdin))
                   for x in read_shard(s, config, None)]
    else:
        direct = list(read_inputs(paths, config))
        sharded = [x for s in plan_shards(paths, config, shard_size=3) for x in read_shard(s, config, None)]
    return direct, sharded


def view(items):
    return [(type(x).__name__, x.input_name, getattr(x, "message", None)) for x in items]


def within(seconds, fn):
    """fn() run in a daemon thread; fails if it has not returned within `seconds`."""
    box = {}
    t = threading.Thread(target=lambda: box.setdefault("out", fn()), daemon=True)
    t0 = time.monotonic()
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"still reading after {seconds} s"
    return box["out"], time.monotonic() - t0


def test_bounded_dev_zero_refused_at_once(cfg):
    for read in (lambda: list(read_inputs(["/dev/zero"], cfg)),
                 lambda: [x for s in plan_shards(["/dev/zero"], cfg) for x in read_shard(s, cfg, None)]):
        items, secs = within(1.0, read)
        assert len(items) == 1 and isinstance(items[0], UnsupportedInputError)
        assert "/dev/zero" in str(items[0]) and "character device" in items[0].message


@pytest.mark.parametrize("name", ["pipe", "pipe.txt", "pipe.html", "pipe.jsonl", "pipe.jsonl.gz"])
def test_bounded_fifo_refused_without_waiting_for_a_writer(tmp_path, cfg, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    try:
        for read in (lambda: list(read_inputs([fifo, good], cfg)),
                     lambda: [x for s in plan_shards([fifo, good], cfg) for x in read_shard(s, cfg, None)]):
            items, secs = within(1.0, read)
            assert [type(x) for x in items] == [UnsupportedInputError, RawArticle]
            assert str(fifo) in str(items[0]) and "FIFO" in items[0].message
    finally:   # a reader stuck in open() would be released by a writer
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass


class CountingStream(io.RawIOBase):
    """An endless stream (like `cat /dev/zero |`) that counts what was read from it."""

    def __init__(self, head: bytes, fill: bytes):
        self.head, self.fill, self.given = head, fill, 0

    def read(self, size=-1):
        size = 1 << 20 if size is None or size < 0 else size
        if self.head:
            out, self.head = self.head[:size], self.head[size:]
        else:
            out = self.fill * (size // len(self.fill) + 1)
            out = out[:size]
        self.given += len(out)
        return out


def test_bounded_stdin_text_stops_at_the_limit(cfg):
    small = cfg.with_overrides(max_input_bytes=100_000)
    for read in (lambda s: list(read_stdin(small, s)),
                 lambda s: [x for sp in plan_shards(["-"], small, stdin=s) for x in read_shard(sp, small, None)]):
        stream = CountingStream(b"A title\n\n", b"word ")
        items, _ = within(5.0, lambda: read(stream))
        assert len(items) == 1 and isinstance(items[0], InputTooLargeError)
        assert items[0].input_name == "<stdin>"
        assert stream.given <= 100_000 + 2 * (1 << 20)    # read no further than the limit


def test_bounded_stdin_jsonl_long_line_skipped(cfg):
    small = cfg.with_overrides(max_input_bytes=10_000)
    data = (json.dumps({"text": GOOD}) + "\n" + json.dumps({"text": "x" * 50_000}) + "\n"
            + json.dumps({"text": GOOD.replace("Monday", "Friday")}) + "\n").encode()
    direct, sharded = both_ways(None, small, stdin=data)
    assert view(direct) == view(sharded)
    assert [type(x) for x in direct] == [RawArticle, InputTooLargeError, RawArticle]
    assert direct[1].input_name == "<stdin>:2" and "50,0" in direct[1].message


def test_bounded_line_spans_skip_without_keeping():
    data = b"a\n" + b"y" * (3 << 20) + b"\nb\n"
    spans = list(line_spans(io.BytesIO(data), limit=1000))
    assert [x for _, _, x in spans] == [b"a\n", TooLong((3 << 20) + 1), b"b\n"]
    assert spans[-1][1] == len(data)


@pytest.mark.parametrize("gz", [False, True])
def test_bounded_errors_capped_per_input(tmp_path, cfg, gz):
    capped = cfg.with_overrides(max_errors_per_input=10)
    lines = [json.dumps({"text": GOOD})] + ["{bad"] * 30 + [json.dumps({"text": GOOD})]
    path = tmp_path / ("bad.jsonl.gz" if gz else "bad.jsonl")
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    other = tmp_path / "other.txt"
    other.write_text(GOOD, "utf-8")
    direct, sharded = both_ways([path, other], capped)
    assert view(direct) == view(sharded)
    errors = [x for x in direct if isinstance(x, InputError)]
    assert len(errors) == 11                      # ten errors, then one summary
    assert all(isinstance(e, MalformedInputError) for e in errors[:10])
    assert errors[-1].input_name == f"{path}:12" and "more than 10 errors" in errors[-1].message
    assert "was not read" in errors[-1].message
    # the first article is kept, the input stops there, the next input is read
    assert [x.input_name for x in direct if isinstance(x, RawArticle)] == [f"{path}:1", str(other)]


def test_bounded_error_cap_exactly_reached_is_not_a_stop(tmp_path, cfg):
    capped = cfg.with_overrides(max_errors_per_input=3)
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(["{bad"] * 3 + [json.dumps({"text": GOOD})]) + "\n", "utf-8")
    direct, sharded = both_ways([path], capped)
    assert view(direct) == view(sharded)
    assert [type(x) for x in direct] == [MalformedInputError] * 3 + [RawArticle]
    unlimited = cfg.with_overrides(max_errors_per_input=0)
    path.write_text("{bad\n" * 50, "utf-8")
    assert len(list(read_inputs([path], unlimited))) == 50


@pytest.mark.parametrize("value, kind", [(12, "a number"), (1.5, "a number"), (True, "a boolean"),
                                         (["a"], "an array"), ({"a": 1}, "an object")])
def test_bounded_jsonl_text_of_the_wrong_type(tmp_path, cfg, value, kind):
    path = tmp_path / "typed.jsonl"
    path.write_text(json.dumps({"text": value}) + "\n" + json.dumps({"title": "t"}) + "\n", "utf-8")
    direct, sharded = both_ways([path], cfg)
    assert view(direct) == view(sharded)
    assert f"'text' has the wrong type: expected a string, got {kind}" in direct[0].message
    assert direct[1].message == "missing 'text' field"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_bounded_utf16_with_bom_is_text(tmp_path, cfg, encoding):
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32": b""}[encoding]
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + GOOD.replace("Geneva", "Genève").encode(encoding))   # a BOM either way
    for config in (cfg, cfg.with_overrides(encoding="utf-16")):
        (item,) = read_inputs([path], config)
        assert isinstance(item, RawArticle) and "Genève" in item.text and not item.text.startswith("\ufeff")
    html = tmp_path / "wide.html"
    html.write_bytes(("<html><body><article>" + "<p>" + GOOD + "</p>" * 1 + "</article></body></html>")
                     .encode("utf-16"))
    (item,) = read_inputs([html], cfg)
    assert not isinstance(item, BinaryInputError)


def test_bounded_utf16_without_bom_needs_the_encoding(tmp_path, cfg):
    path = tmp_path / "le.txt"
    path.write_bytes(GOOD.encode("utf-16-le"))
    (item,) = read_inputs([path], cfg)
    assert isinstance(item, BinaryInputError)           # NULs, no BOM, utf-8 asked for
    (item,) = read_inputs([path], cfg.with_overrides(encoding="utf-16-le"))
    assert isinstance(item, RawArticle) and item.text.startswith("Ministers")
    # binary content is still binary when decoded as UTF-16
    path.write_bytes(codecs.BOM_UTF16_LE + bytes(range(256)) * 20)
    (item,) = read_inputs([path], cfg)
    assert isinstance(item, (BinaryInputError, EncodingError))


def test_bounded_utf16_stdin_and_jsonl(tmp_path, cfg):
    (item,) = read_stdin(cfg, io.BytesIO(GOOD.encode("utf-16")))
    assert isinstance(item, RawArticle) and item.text.startswith("Ministers")
    lines = (json.dumps({"text": GOOD}) + "\n") * 2
    items = list(read_stdin(cfg, io.BytesIO(lines.encode("utf-16"))))
    assert [type(x) for x in items] == [RawArticle, RawArticle]
    path = tmp_path / "wide.jsonl"
    path.write_bytes(lines.encode("utf-16"))
    direct, sharded = both_ways([path], cfg)
    assert view(direct) == view(sharded)
    assert len(direct) == 1 and isinstance(direct[0], EncodingError) and "UTF-16" in direct[0].message
