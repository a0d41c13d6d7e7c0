"""Learned attribution candidates on hand-built parses (no model load): the token view,
the candidates, the features and the shipped weights."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from readout.quotes.cues import cue_lexicon
from readout.quotes.find import Finder
from readout.quotes.learned import DocView, QuoteModel, candidates, features, quote_model

# "Smith hugged Jones for governor , and Lee said the vote was close ." — two sentences'
# worth of structure in one: a verb with object + prepositional complement, and a clause.
WORDS = ["Smith", "hugged", "Jones", "for", "governor", ",", "and", "Lee", "said", "the", "vote",
         "was", "close", "."]
HEADS = [1, 1, 1, 1, 3, 1, 1, 8, 1, 10, 11, 8, 11, 1]
DEPS = ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct", "cc", "nsubj", "conj", "det", "nsubj",
        "ccomp", "acomp", "punct"]
POS = ["PROPN", "VERB", "PROPN", "ADP", "NOUN", "PUNCT", "CCONJ", "PROPN", "VERB", "DET", "NOUN",
       "AUX", "ADJ", "PUNCT"]
LEMMAS = ["Smith", "hug", "Jones", "for", "governor", ",", "and", "Lee", "say", "the", "vote",
          "be", "close", "."]


@pytest.fixture(scope="module")
def doc():
    return Doc(spacy.blank("en").vocab, words=WORDS, heads=HEADS, deps=DEPS, pos=POS, lemmas=LEMMAS,
               sent_starts=[True] + [False] * (len(WORDS) - 1))


def test_quotes_learned_docview_matches_the_parse(doc):
    dv = DocView(doc)
    for t in doc:
        assert (dv.left[t.i], dv.right[t.i], dv.head[t.i]) == (t.left_edge.i, t.right_edge.i, t.head.i)
        assert dv.children(t.i) == [c.i for c in t.children]
        assert (dv.lower[t.i], dv.lemma[t.i], dv.dep[t.i], dv.pos[t.i], dv.idx[t.i]) == \
            (t.lower_, t.lemma_.lower(), t.dep_, t.pos_, t.idx)
    assert dv.sent_lo == [0] * len(doc) and dv.sent_hi == [len(doc) - 1] * len(doc)
    assert dv.verbs[-1] == 3   # hugged, said, was


def test_quotes_learned_candidates_take_the_rest_of_the_verb_phrase(doc):
    cands = {(c.cue, c.ctype): (c.lo, c.hi) for c in candidates(DocView(doc))}
    assert cands[(1, "dobj")] == (2, 4)          # "Jones for governor"
    assert cands[(1, "prep:for")] == (4, 4)      # "governor"
    assert cands[(8, "ccomp")] == (9, 12)        # "the vote was close"
    assert all(not lo <= cue <= hi for (cue, _), (lo, hi) in cands.items())


def test_quotes_learned_candidates_skip_cues_inside_quote_marks(doc):
    inside = [-1] * len(doc)
    inside[8] = 0   # "said" inside a quotation
    assert not any(c.cue == 8 for c in candidates(DocView(doc, inside)))


def test_quotes_learned_features_name_cue_type_and_holder(doc):
    dv = DocView(doc)
    cand = next(c for c in candidates(dv) if c.cue == 8 and c.ctype == "ccomp")
    feats = features(dv, cand, "person", cue_lexicon())
    assert {"LT=say|ccomp", "S=person|ccomp", "C=speech|ccomp", "F=the|ccomp"} <= set(feats)


def test_quotes_learned_model_scores_a_logistic_sum():
    m = QuoteModel({"a": 1.0, "b": -3.0}, bias=0.5, threshold=0.3, version="t")
    assert m.score([]) == pytest.approx(1 / (1 + 2.718281828 ** -0.5), rel=1e-6)
    assert m.score(["a", "unknown"]) > 0.8 > m.score(["b"])


def test_quotes_learned_shipped_weights_load():
    m = quote_model()
    assert m is not None and 0 < m.threshold < 1 and len(m.weights) > 1000
    assert all(isinstance(w, float) for w in list(m.weights.values())[:50])


def test_quotes_learned_adds_only_where_the_rules_found_nothing(doc):
    # a model that takes every object: the rules' "said" clause stays, "hugged" gets one content
    eager = QuoteModel({"TB=dobj": 10.0, "TB=prep": 9.0}, bias=-5.0, threshold=0.5, version="t")
    atts = Finder(doc, model=eager).find()
    spans = [(a.start, a.end) for a in atts]
    assert doc.text[spans[0][0]:spans[0][1]] == "Jones for governor"
    assert [a.how for a in atts] == ["learned:dobj", "ccomp"]
    assert atts[0].speaker_start == 0 and atts[0].cue == "hugged"
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))   # no overlaps
    assert len(Finder(doc, model=None).find()) == 1
