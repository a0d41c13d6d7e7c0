"""Paragraph breaks are hard sentence starts for the parser (nlp/paragraphs.py)."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_a_headline_is_its_own_tree():
    from readout.config import load_config
    from readout.nlp.model import load_model
    nlp = load_model(load_config().model)
    doc = nlp("Gowdy promises report as soon as possible.\n\nDemocrats rebut claim of progress.\n\nHe said so.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents == ["Gowdy promises report as soon as possible.", "Democrats rebut claim of progress.", "He said so."]
    promises = [t for t in doc if t.lower_ == "promises"][0]
    assert all(t.sent == promises.sent for t in promises.subtree)
    assert "readout_paragraphs" in nlp.pipe_names
    assert nlp.pipe_names.index("readout_paragraphs") < nlp.pipe_names.index("parser")
