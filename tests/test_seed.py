"""End to end on the seed article: schema-valid record, article section of the expected file."""
from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from .conftest import SHARED

pytestmark = pytest.mark.model


def score(doc, expected_path, tmp_path, *needs):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc.to_dict()), "utf-8")
    scorer = SHARED / "tools" / "score_seed.py"
    res = subprocess.run([sys.executable, str(scorer), str(path), str(expected_path), "--need", *needs],
                         capture_output=True, text=True)
    return res.returncode, res.stdout


def test_seed_record_validates(seed_document, document_schema):
    jsonschema.validate(seed_document.to_dict(), document_schema)


def test_seed_article_section(seed_document, seed_expected):
    art = seed_expected["article"]
    d = seed_document
    assert d.title == art["title"]
    assert d.dateline == art["dateline"]
    assert [c.upper() for c in d.credits] == art["credits"]
    assert art["caption_contains"] in d.caption
    for r in art["removed_contains"]:
        assert any(r in x for x in d.removed), r
    assert d.text.startswith(art["text_starts_with"])
    assert d.text.rstrip().endswith(art["text_ends_with"])
    for x in art["text_excludes"]:
        assert x not in d.text


def test_seed_scorer_article_full(seed_document, tmp_path):
    from .conftest import SEED_EXPECTED
    code, out = score(seed_document, SEED_EXPECTED, tmp_path, "article=1.0")
    assert "article: 8/8" in out, out


def test_seed_offsets_index_clean_text(seed_document):
    d = seed_document
    for s in d.sentences:
        assert d.text[s.start:s.end].strip() == d.text[s.start:s.end]
    for a in d.actors:
        for m in a.mentions:
            assert d.text[m.start:m.end] == m.text
    for t in d.times:
        assert d.text[t.start:t.end] == t.text
    for e in d.events:
        assert d.text[e.evidence.start:e.evidence.end] == e.evidence.text


def test_seed_id_stable(seed_path, seed_document):
    import readout
    again = readout.extract(seed_path, published="2022-12-30")[0]
    assert again.id == seed_document.id
    assert [e.id for e in again.events] == [e.id for e in seed_document.events]
