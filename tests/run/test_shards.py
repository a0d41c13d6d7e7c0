"""Shard planning and reading: every input read once, keys stable, lines never held whole."""
from __future__ import annotations

import gzip
import io
import json
import os

import pytest

from readout.errors import InputError
from readout.records import RawArticle
from readout.read import read_inputs
from readout.read.bounded import TooLong
from readout.run.shards import (LineData, LineRange, _line_spans, count_inputs, plan_shards,
                                read_shard)


def _view(item):
    if isinstance(item, RawArticle):
        return ("ok", item.input_name, item.input_id, item.title, item.text, item.published)
    return ("err", item.input_name, type(item).__name__)


def test_shards_read_the_same_articles_as_the_readers(corpus, clean_config):
    direct = [_view(x) for x in read_inputs([corpus], clean_config)]
    specs = list(plan_shards([corpus], clean_config, shard_size=5))
    sharded = [_view(x) for s in specs for x in read_shard(s, clean_config, None)]
    # same articles, same names and ids; the malformed JSON line is an error both ways
    assert sharded == direct
    assert sum(v[0] == "ok" for v in direct) == 12 + 15 + 7
    assert all(s.n_inputs <= 5 for s in specs)
    assert len(specs) >= len(direct) // 5


def test_shards_split_jsonl_by_line_range(corpus, clean_config):
    specs = list(plan_shards([corpus / "batch.jsonl"], clean_config, shard_size=4))
    ranges = [u for s in specs for u in s.units]
    assert all(isinstance(u, LineRange) for u in ranges)
    # ranges tile the file: contiguous byte offsets, lines numbered on from one to the next
    size = (corpus / "batch.jsonl").stat().st_size
    assert ranges[0].start == 0 and ranges[-1].end == size
    for a, b in zip(ranges, ranges[1:]):
        assert a.end == b.start
    assert [s.n_inputs for s in specs] == [4, 4, 4, 4, 2]   # 18 lines, blank and bad included


def test_shards_gzip_lines_are_carried(corpus, clean_config):
    specs = list(plan_shards([corpus / "more.jsonl.gz"], clean_config, shard_size=3))
    units = [u for s in specs for u in s.units]
    assert all(isinstance(u, LineData) for u in units)
    assert [u.first_line for u in units] == [1, 4, 7]
    items = [x for s in specs for x in read_shard(s, clean_config, None)]
    assert [x.input_id for x in items] == [f"more.jsonl.gz:{i}" for i in range(1, 8)]


def test_shards_keys_stable_and_local_to_changes(corpus, clean_config):
    keys1 = [s.key for s in plan_shards([corpus], clean_config, shard_size=4)]
    keys2 = [s.key for s in plan_shards([corpus], clean_config, shard_size=4)]
    assert keys1 == keys2 and len(set(keys1)) == len(keys1)
    # touching one file changes the key of its shard only
    target = corpus / "a004.txt"
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000))
    keys3 = [s.key for s in plan_shards([corpus], clean_config, shard_size=4)]
    changed = [i for i, (a, b) in enumerate(zip(keys1, keys3)) if a != b]
    assert len(changed) == 1
    # a given publication date or other stages make other shards
    assert [s.key for s in plan_shards([corpus], clean_config, "2024-01-01", shard_size=4)] != keys1
    other = clean_config.with_overrides(stages=("clean", "parse"))
    assert [s.key for s in plan_shards([corpus], other, shard_size=4)][0] != keys1[0]
    # batch size changes speed, not records: same keys
    faster = clean_config.with_overrides(batch_size=3)
    assert [s.key for s in plan_shards([corpus], faster, shard_size=4)] == keys3


def test_shards_line_spans_never_hold_a_long_line():
    data = b'{"a": 1}\n' + b"x" * 5000 + b"\n\n" + b'{"b": 2}\r\n' + b"tail"
    spans = list(_line_spans(io.BytesIO(data), limit=100))
    assert [(s, e) for s, e, _ in spans] == [(0, 9), (9, 5010), (5010, 5011), (5011, 5021), (5021, 5025)]
    assert [line for _, _, line in spans] == [b'{"a": 1}\n', TooLong(5001), b"\n", b'{"b": 2}\r\n', b"tail"]


def test_shards_jsonl_edge_lines(tmp_path, clean_config):
    text = "One two three minister said talks on the border."
    path = tmp_path / "x.jsonl"
    long_line = json.dumps({"text": "word " * 400})
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": text}).encode() + b"\r\n"
                     + b"\xff\xfe broken\n" + long_line.encode() + b"\n" + json.dumps({"text": text}).encode())
    cfg = clean_config.with_overrides(max_input_bytes=1000)
    items = [x for s in plan_shards([path], cfg, shard_size=2) for x in read_shard(s, cfg, None)]
    assert isinstance(items[0], RawArticle) and items[0].text == text   # BOM and CRLF are fine
    assert isinstance(items[1], InputError) and "UTF-8" in items[1].message
    assert isinstance(items[2], InputError) and "over the limit" in items[2].message
    assert isinstance(items[3], RawArticle) and items[3].input_id == "x.jsonl:4"  # no final newline


def test_shards_stdin_jsonl_is_split(clean_config):
    lines = "\n".join(json.dumps({"text": f"Article {i} said the minister of the talks."})
                      for i in range(5)).encode()
    specs = list(plan_shards(["-"], clean_config, shard_size=2, stdin=io.BytesIO(lines)))
    assert [s.n_inputs for s in specs] == [2, 2, 1]
    items = [x for s in specs for x in read_shard(s, clean_config, None)]
    assert [x.input_name for x in items] == [f"<stdin>:{i}" for i in range(1, 6)]


def test_shards_stdin_text_is_one_input_within_the_limit(clean_config):
    text = b"\n\nA title\n\nThe minister said the talks went well."
    items = [x for s in plan_shards(["-"], clean_config, stdin=io.BytesIO(text))
             for x in read_shard(s, clean_config, None)]
    assert len(items) == 1 and isinstance(items[0], RawArticle) and "talks" in items[0].text
    small = clean_config.with_overrides(max_input_bytes=20)
    items = [x for s in plan_shards(["-"], small, stdin=io.BytesIO(text * 10))
             for x in read_shard(s, small, None)]
    assert len(items) == 1 and isinstance(items[0], InputError) and "over the limit" in items[0].message


def test_shards_broken_gzip_is_an_error_not_a_crash(tmp_path, clean_config):
    good = gzip.compress(b'{"text": "The minister said the talks on the border went well."}\n' * 3)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(good[: len(good) - 12])
    items = [x for s in plan_shards([path], clean_config) for x in read_shard(s, clean_config, None)]
    assert items and isinstance(items[-1], InputError)
    assert all(isinstance(x, RawArticle) for x in items[:-1])


@pytest.mark.parametrize("n_lines", [0, 1, 9])
def test_shards_count_inputs(tmp_path, n_lines):
    p = tmp_path / "c.jsonl"
    p.write_text("".join('{"text": "x"}\n' for _ in range(n_lines)), "utf-8")
    (tmp_path / "a.txt").write_text("hello", "utf-8")
    assert count_inputs([tmp_path]) == n_lines + 1
