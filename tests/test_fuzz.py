"""Fuzzing: random bytes, random Unicode, huge lines, deeply nested HTML and malformed JSON
Lines fed to every reader, the shard runner and the whole pipeline. Every input must give
a record or a clear error (an InputError or StageError naming the input); nothing may
raise past the reader or the pipeline. Example counts are bounded so CI stays fast.
"""
from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from readout.api import process
from readout.config import load_config
from readout.errors import InputError, StageError
from readout.records import Document, RawArticle
from readout.read import read_inputs, read_stdin
from readout.run.shards import plan_shards, process_shard, read_shard
from readout.store.schema import tables_from_documents

CONFIG = load_config().with_overrides(stages=("clean",), max_input_bytes=20_000)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".html", ".jsonl", ".jsonl.gz", ".md", ".xyz", ""]

words = st.sampled_from(["the", "minister", "said", "talks", "on", "border", "of", "and", "Россия",
                         "中国", "“quoted”", "\u200b", "\u00a0", "\r\n", "\n\n", "<b>", "&amp;", "{", "\"", "\\"])
prose = st.lists(words, min_size=0, max_size=80).map(" ".join)
unicode_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400) | prose

json_scalar = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | unicode_text
json_value = st.recursive(json_scalar, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3),
                          max_leaves=8)
article_obj = st.fixed_dictionaries({}, optional={
    "text": json_value | prose, "title": json_value, "published": json_value | st.dates().map(str),
    "url": json_value, "outlet": json_value, "id": json_value})
jsonl_line = (article_obj.map(json.dumps) | json_value.map(json.dumps) | unicode_text
              | st.binary(max_size=60).map(lambda b: b.decode("latin-1")))
# No bare CR or BOM: the file reader splits lines on CR (text mode) and keeps a BOM, the
# shard reader splits on LF only (JSON Lines) and drops a BOM; the tests compare the two.
jsonl_doc = st.lists(jsonl_line, max_size=8).map(
    lambda lines: "\n".join(l.replace("\n", " ").replace("\r", " ") for l in lines).lstrip("\ufeff"))


def nested_html(depth: int, tag: str, text: str) -> str:
    return f"<html><body>{f'<{tag}>' * depth}<p>{text}</p>{f'</{tag}>' * depth}</body></html>"


def check_reader_output(items: list, name: str) -> None:
    for item in items:
        assert isinstance(item, (RawArticle, InputError)), type(item)
        if isinstance(item, InputError):
            assert item.message and name in item.input_name
        else:
            assert isinstance(item.text, str)   # blank text is the clean stage's error to give


def write_input(folder: Path, suffix: str, data: bytes) -> Path:
    path = folder / f"input{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    return path


@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES), gz_raw=st.booleans())
def test_fuzz_readers_random_bytes(data, suffix, gz_raw):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data if (gz_raw or not suffix.endswith(".gz")) else gzip.compress(data))
        items = list(read_inputs([path], CONFIG))
        check_reader_output(items, "input")
        if suffix not in (".jsonl", ".jsonl.gz"):
            assert len(items) == 1          # a whole-file input gives one record or one error
        # the shard runner reads the same bytes to the same results, and never raises
        sharded = [x for s in plan_shards([path], CONFIG, shard_size=3) for x in read_shard(s, CONFIG, None)]
        check_reader_output(sharded, "input")


@FAST
@given(text=unicode_text, suffix=st.sampled_from([".txt", ".html", ".md"]))
def test_fuzz_readers_random_unicode(text, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = write_input(Path(tmp), suffix, text.encode("utf-8"))
        items = list(read_inputs([path], CONFIG))
        assert len(items) == 1
        check_reader_output(items, "input")


@FAST
@given(data=st.binary(max_size=2000) | unicode_text.map(lambda t: t.encode("utf-8")) | jsonl_doc.map(str.encode))
def test_fuzz_stdin(data):
    items = list(read_stdin(CONFIG, stream=io.BytesIO(data)))
    check_reader_output(items, "<stdin>")
    sharded = [x for s in plan_shards(["-"], CONFIG, stdin=io.BytesIO(data)) for x in read_shard(s, CONFIG, None)]
    check_reader_output(sharded, "<stdin>")


@FAST
@given(doc=jsonl_doc, gz=st.booleans())
def test_fuzz_malformed_jsonl(doc, gz):
    with tempfile.TemporaryDirectory() as tmp:
        path = write_input(Path(tmp), ".jsonl.gz" if gz else ".jsonl", doc.encode("utf-8"))
        items = list(read_inputs([path], CONFIG))
        check_reader_output(items, "input")
        n_lines = sum(1 for line in doc.split("\n") if line.strip())
        assert len(items) <= n_lines
        sharded = [x for s in plan_shards([path], CONFIG, shard_size=2) for x in read_shard(s, CONFIG, None)]
        assert [(type(x), x.input_name) for x in sharded] == [(type(x), x.input_name) for x in items]


@settings(max_examples=8, deadline=None)
@given(size=st.integers(25_000, 400_000), where=st.sampled_from(["first", "middle", "last"]))
def test_fuzz_huge_lines(size, where):
    good = json.dumps({"text": "The minister said the talks on the border of the two states went well."})
    huge = json.dumps({"text": "x" * size})
    lines = {"first": [huge, good, good], "middle": [good, huge, good], "last": [good, good, huge]}[where]
    with tempfile.TemporaryDirectory() as tmp:
        for gz in (False, True):
            path = write_input(Path(tmp), ".jsonl.gz" if gz else ".jsonl", "\n".join(lines).encode())
            for items in (list(read_inputs([path], CONFIG)),
                          [x for s in plan_shards([path], CONFIG) for x in read_shard(s, CONFIG, None)]):
                check_reader_output(items, "input")
                assert sum(isinstance(x, RawArticle) for x in items) == 2
        txt = write_input(Path(tmp), ".txt", ("word " * (size // 5)).encode())
        check_reader_output(list(read_inputs([txt], CONFIG)), "input")


@settings(max_examples=12, deadline=None)
@example(depth=6000, tag="div", text="the minister said")
@given(depth=st.integers(1, 6000), tag=st.sampled_from(["div", "span", "table", "b", "section"]),
       text=prose)
def test_fuzz_deeply_nested_html(depth, tag, text):
    html = nested_html(depth, tag, text or "the minister said")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_input(Path(tmp), ".html", html.encode("utf-8"))
        items = list(read_inputs([path], CONFIG))
        assert len(items) == 1
        check_reader_output(items, "input")


def run_pipeline(raws: list[RawArticle], config) -> list:
    out = list(process(raws, config))
    assert len(out) == len(raws)            # one result per input, in order
    for raw, res in zip(raws, out):
        if isinstance(res, Document):
            json.dumps(res.to_dict())
            assert tables_from_documents([res])["articles"].num_rows == 1
        else:
            assert isinstance(res, (InputError, StageError)) and raw.input_name in str(res)
    return out


@FAST
@given(texts=st.lists(unicode_text, min_size=1, max_size=4), title=st.none() | unicode_text)
def test_fuzz_clean_stage_and_shard_tables(texts, title):
    raws = [RawArticle(text=t, input_name=f"fuzz{i}", title=title) for i, t in enumerate(texts)]
    run_pipeline(raws, CONFIG)


@pytest.mark.model
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(unicode_text | prose, min_size=1, max_size=3), published=st.none() | st.dates().map(str))
def test_fuzz_whole_pipeline(texts, published):
    config = load_config().with_overrides(max_input_bytes=20_000)
    raws = [RawArticle(text=t, input_name=f"fuzz{i}", published=published,
                       published_source="given" if published else None) for i, t in enumerate(texts)]
    run_pipeline(raws, config)


@pytest.mark.model
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=jsonl_doc)
def test_fuzz_whole_pipeline_through_a_shard(doc):
    config = load_config().with_overrides(max_input_bytes=20_000)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_input(Path(tmp), ".jsonl", doc.encode("utf-8"))
        for spec in plan_shards([path], config, shard_size=4):
            tables, errors, n_docs = process_shard(spec, config, None)
            assert tables["articles"].num_rows == n_docs
            assert n_docs + len(errors) <= spec.n_inputs
            assert all(isinstance(e, (InputError, StageError)) for e in errors)


def _traced_peak(fn):
    """(fn(), peak bytes Python allocated while it ran)."""
    import tracemalloc
    tracemalloc.start()
    try:
        out = fn()
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _both_readers(path, config):
    return (list(read_inputs([path], config)),
            [x for s in plan_shards([path], config, shard_size=16) for x in read_shard(s, config, None)])


@settings(max_examples=4, deadline=None)
@given(blocks=st.integers(1, 3), gz=st.booleans(), good_after=st.integers(0, 3))
def test_fuzz_big_line_memory_bounded(blocks, gz, good_after):
    """A line of 64–192 MiB, plain or gzip, through both readers: reported as too long,
    the lines after it read, and never more than 32 MiB allocated (the limit is 20 kB)."""
    from .conftest import big_line_gzip
    with tempfile.TemporaryDirectory() as tmp:
        path = big_line_gzip(Path(tmp) / "big.jsonl.gz", blocks << 26, good_after)
        if not gz:
            plain = Path(tmp) / "big.jsonl"
            with gzip.open(path, "rb") as src, open(plain, "wb") as dst:
                while chunk := src.read(1 << 22):
                    dst.write(chunk)
            path.unlink()
            path = plain
        (direct, sharded), peak = _traced_peak(lambda: _both_readers(path, CONFIG))
        assert peak < 32 << 20, f"{peak / 2**20:.0f} MiB"
        for items in (direct, sharded):
            assert isinstance(items[0], InputError) and "over the limit" in items[0].message
            assert sum(isinstance(x, RawArticle) for x in items) == good_after


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(line="{not json", cap=200, gz=True)
@example(line='{"text": 12}', cap=1, gz=False)
@given(line=jsonl_line.filter(lambda l: l.strip()),
       cap=st.integers(1, 200), gz=st.booleans())
def test_fuzz_many_bad_lines_capped_and_bounded(line, cap, gz):
    """200,000 copies of a bad line: at most `cap` errors and one summary from both readers,
    in bounded memory, however many lines follow."""
    config = CONFIG.with_overrides(max_errors_per_input=cap)
    one = line.replace("\n", " ").replace("\r", " ").encode("utf-8", "surrogatepass") + b"\n"
    with tempfile.TemporaryDirectory() as tmp:
        first = [x for x in read_inputs([write_input(Path(tmp), ".jsonl", one)], config)]
        if not first or not isinstance(first[0], InputError):
            return                                   # that line reads as an article
        path = write_input(Path(tmp), ".jsonl.gz" if gz else ".jsonl", one * 200_000)
        (direct, sharded), peak = _traced_peak(lambda: _both_readers(path, config))
        assert peak < 32 << 20, f"{peak / 2**20:.0f} MiB"
        for items in (direct, sharded):
            assert len(items) == cap + 1 and all(isinstance(x, InputError) for x in items)
            assert "more than" in items[-1].message and items[-1].input_name.endswith(f":{cap + 1}")
