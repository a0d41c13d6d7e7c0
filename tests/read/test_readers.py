"""Readers: each bad input gives a clear error naming it, and the batch goes on."""
from __future__ import annotations

import gzip
import io
import json

import pytest

import readout
from readout.config import load_config
from readout.errors import (BinaryInputError, EmptyInputError, EncodingError, InputError,
                            InputTooLargeError, MalformedInputError, UnsupportedInputError)
from readout.records import RawArticle
from readout.read import read_inputs, read_stdin

GOOD = ("Ministers meet in Geneva\n\nGENEVA - Foreign ministers of the two countries met on "
        "Monday and agreed to resume talks, officials said. The talks will continue next month.")


@pytest.fixture
def clean_only():
    """The clean stage alone: reader behaviour without loading the spaCy model."""
    return load_config(stages=("clean",))


def _errors_and_docs(paths, config):
    errors: list = []
    docs = readout.extract([str(p) for p in paths], config=config, errors=errors)
    return errors, docs


@pytest.mark.parametrize("name, content, error_type", [
    ("empty.txt", b"", EmptyInputError),
    ("blank.txt", b"   \n\n  ", EmptyInputError),
    ("binary.txt", bytes(range(256)) * 40, BinaryInputError),
    ("latin1.txt", "Le ministre a d\xe9clar\xe9 que les n\xe9gociations".encode("latin-1"), EncodingError),
    ("page.html", b"<html><head><title>x</title></head></html>", MalformedInputError),
    ("notes.docx", b"PK\x03\x04", UnsupportedInputError),
])
def test_readers_bad_input_named_and_batch_goes_on(tmp_path, clean_only, name, content, error_type):
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    errors, docs = _errors_and_docs([bad, good], clean_only)
    assert len(docs) == 1 and docs[0].title == "Ministers meet in Geneva"
    assert len(errors) == 1
    assert isinstance(errors[0], error_type)
    assert str(bad) in str(errors[0])


def test_readers_huge_file_refused(tmp_path, clean_only):
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * (4 * 1024 * 1024))   # 20 MB
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    errors, docs = _errors_and_docs([huge, good], clean_only)
    assert len(docs) == 1
    assert isinstance(errors[0], InputTooLargeError) and "huge.txt" in str(errors[0])


def test_readers_latin1_with_encoding_option(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(("Title\n\n" + GOOD.split("\n\n")[1].replace("Monday", "Monday in Gen\xe8ve")).encode("latin-1"))
    cfg = load_config(stages=("clean",), encoding="latin-1")
    docs = readout.extract(str(path), config=cfg)
    assert "Genève" in docs[0].text


def test_readers_jsonl_malformed_line_named(tmp_path, clean_only):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "a1", "text": GOOD, "title": "T1", "published": "2023-05-01",
                         "url": "https://example.org/a1", "outlet": "Example"}),
             "{not json",
             json.dumps({"id": "a3", "title": "no text"}),
             json.dumps({"id": "a4", "text": GOOD.replace("Monday", "Tuesday")})]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    errors, docs = _errors_and_docs([path], clean_only)
    assert [d.input_id for d in docs] == ["a1", "a4"]
    assert docs[0].url == "https://example.org/a1" and docs[0].outlet == "Example"
    assert docs[0].published == "2023-05-01" and docs[0].published_source == "metadata"
    assert [e.input_name for e in errors] == [f"{path}:2", f"{path}:3"]
    assert all(isinstance(e, MalformedInputError) for e in errors)


def test_readers_jsonl_gz(tmp_path, clean_only):
    path = tmp_path / "batch.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": GOOD}) + "\n")
    errors, docs = _errors_and_docs([path], clean_only)
    assert not errors and len(docs) == 1 and docs[0].input_id == "batch.jsonl.gz:1"


def test_readers_folder_recursive(tmp_path, clean_only):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(GOOD, "utf-8")
    (tmp_path / "a" / "b" / "two.txt").write_text(GOOD.replace("Monday", "Friday"), "utf-8")
    (tmp_path / "a" / "b" / "skip.pdf").write_bytes(b"%PDF")
    errors, docs = _errors_and_docs([tmp_path / "a"], clean_only)
    assert not errors and sorted(d.input_id for d in docs) == ["one.txt", "two.txt"]


def test_readers_missing_file(tmp_path, clean_only):
    errors, docs = _errors_and_docs([tmp_path / "nope.txt"], clean_only)
    assert not docs and "nope.txt" in str(errors[0]) and "no such file" in str(errors[0])


def test_readers_stdin_text_and_jsonl(clean_only):
    items = list(read_stdin(clean_only, io.BytesIO(GOOD.encode())))
    assert isinstance(items[0], RawArticle) and items[0].title_in_text
    items = list(read_stdin(clean_only, io.BytesIO((json.dumps({"text": GOOD}) + "\n{bad\n").encode())))
    assert isinstance(items[0], RawArticle) and isinstance(items[1], InputError)


def test_readers_published_given_overrides(tmp_path, clean_only):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, "utf-8")
    (raw,) = list(read_inputs([path], clean_only, published="2021-02-03"))
    assert raw.published == "2021-02-03" and raw.published_source == "given"


def test_readers_html_metadata(tmp_path, clean_only):
    html = ("<html><head><title>Talks resume | Example</title>"
            '<meta property="og:title" content="Talks resume">'
            '<meta property="article:published_time" content="2023-04-05T08:00:00Z">'
            '<link rel="canonical" href="https://example.org/talks"></head><body><article>'
            "<h1>Talks resume</h1>"
            + "".join(f"<p>{p}</p>" for p in GOOD.split("\n\n")[1:] * 3)
            + "</article><footer><p>Subscribe to our newsletter</p></footer></body></html>")
    path = tmp_path / "talks.html"
    path.write_text(html, "utf-8")
    errors, docs = _errors_and_docs([path], clean_only)
    assert not errors
    d = docs[0]
    assert d.title == "Talks resume" and d.published == "2023-04-05"
    assert d.url == "https://example.org/talks"
    assert "Foreign ministers" in d.text and "Subscribe" not in d.text


def test_readers_unknown_language(tmp_path, clean_only):
    path = tmp_path / "de.txt"
    path.write_text("Titel\n\n" + "Der Minister sagte, die Gespräche würden nächste Woche in der "
                    "Hauptstadt fortgesetzt, teilten Beamte mit. " * 6, "utf-8")
    errors, docs = _errors_and_docs([path], clean_only)
    assert not docs and "English" in str(errors[0]) and "de.txt" in str(errors[0])
