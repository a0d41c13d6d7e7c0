"""AttributeTable gives exactly the annotations of spaCy's AttributeRuler.

Its speed against the ruler is measured by bench/bench_attribute_table.py, not here."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from readout.config import load_config
from readout.nlp.attribute_table import (AttributeTable, Unsupported,
                                            replace_attribute_ruler)
from readout.nlp.model import load_model

from ..conftest import REPO, SEED, SHARED

MODEL = load_config().model
TRICKY = [
    "I ain't gonna do it, y'all. Let's go! Gotta   run\n\n  there.",
    "Nothin' doin' 'em ol' c'mon, we'd've had 'nuff. It is what it is; you did it yourself.",
    "THE PRESIDENT SAID THAT HE WOULD NOT GO.  \t Those who can't, won't.",
    "", " ", "\n\n\n",
]


def _texts() -> list[str]:
    texts = list(TRICKY)
    if SEED.exists():
        texts.append(SEED.read_text("utf-8"))
    train = SHARED / "data" / "quotes" / "polnear" / "train" / "text"
    if train.exists():
        texts += [p.read_text("utf-8", errors="replace") for p in sorted(train.iterdir())[:25] if p.is_file()]
    # the repository's own news texts, so the check has real prose on a clean clone too
    import json
    for name in ("linking_corpus/articles.jsonl", "news_generalisation.jsonl"):
        for line in (REPO / "tests" / "data" / name).read_text("utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    from readout.read import read_inputs
    examples = REPO / "src" / "readout" / "examples"
    texts += [raw.text for raw in read_inputs(sorted(examples.iterdir()), load_config())]
    return texts


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def pristine():
    return load_model(MODEL, fast_attributes=False)


@pytest.fixture(scope="module")
def fast():
    return load_model(MODEL)


def test_model_loads_with_the_table_in_the_rulers_place(fast, pristine):
    assert isinstance(fast.get_pipe("attribute_ruler"), AttributeTable)
    assert fast.pipe_names == pristine.pipe_names
    assert not isinstance(pristine.get_pipe("attribute_ruler"), AttributeTable)


def test_same_annotations_as_the_ruler_on_news_and_odd_text(fast, pristine):
    texts = _texts()
    assert len(texts) > 10
    a = list(pristine.pipe(texts))
    b = list(fast.pipe(texts))
    tokens = 0
    for x, y in zip(a, b):
        assert _annotations(x) == _annotations(y)
        tokens += len(x)
    # with PolNeAR beside the repository the check reads 25 more articles
    polnear = (SHARED / "data" / "quotes" / "polnear" / "train" / "text").exists()
    assert tokens > (5_000 if polnear else 2_000)


def test_same_annotations_on_the_ruler_s_input_token_by_token(pristine):
    """Straight on tagged+parsed docs, including both multi-token rules ("gon na")."""
    ruler = pristine.get_pipe("attribute_ruler")
    table = AttributeTable.from_ruler(ruler)
    assert any(len(r.specs) > 1 for r in table.rules)
    with pristine.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(pristine.pipe(TRICKY + ["We are gonna win, and they gotta lose."]))
    for d in docs:
        one, two = Doc(d.vocab).from_bytes(d.to_bytes()), Doc(d.vocab).from_bytes(d.to_bytes())
        assert _annotations(ruler(one)) == _annotations(table(two))


def test_a_rule_the_table_cannot_read_leaves_the_ruler_in_place():
    import spacy
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "x"})
    with pytest.raises(Unsupported):
        AttributeTable.from_ruler(ruler)
    assert replace_attribute_ruler(nlp) is False
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_blank_pipeline_rules_and_precedence():
    """Later rules win; regexes, IN and NOT_IN tests read the token's strings."""
    import spacy
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": ["cats", "dogs"]}}]], {"LEMMA": "pet", "POS": "NOUN"})
    ruler.add([[{"LOWER": {"REGEX": "^d"}}]], {"LEMMA": "d-word"})
    ruler.add([[{"ORTH": "and"}, {"IS_SPACE": False}]], {"POS": "CCONJ"}, index=-1)
    ruler.add([[{"LOWER": {"NOT_IN": ["cats", "dogs", "and"]}}]], {"POS": "X"})
    text = "cats and dogs"
    expected = _annotations(ruler(nlp.make_doc(text)))
    assert replace_attribute_ruler(nlp) is True
    got = _annotations(nlp(text))
    assert got == expected
    assert [(t[0], t[2], t[4]) for t in got] == [("cats", "NOUN", "pet"), ("and", "", ""),
                                                 ("dogs", "CCONJ", "d-word")]


def test_config_switch_keeps_the_shipped_pipeline():
    cfg = load_config(fast_attributes=False)
    assert cfg.fast_attributes is False
    assert load_config().fast_attributes is True
