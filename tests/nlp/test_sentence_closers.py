"""A closing quote mark the parser split off as a sentence stays with its sentence."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from readout.nlp.sentences import sentences_of


def _doc(words, spaces, starts):
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces, sent_starts=starts)


def test_sentences_keep_a_closing_quote_split_off_at_a_line_end():
    words = ["The", "deal", "is", "done", ".", '"', "\n\n", "He", "left", "."]
    spaces = [True, True, True, False, False, False, False, True, False, False]
    starts = [True, False, False, False, False, True, False, True, False, False]
    doc = _doc(words, spaces, starts)
    got = [doc.text[s.start:s.end] for s in sentences_of(doc)]
    assert got == ['The deal is done."', "He left."]


def test_sentences_do_not_join_a_quote_mark_across_a_paragraph_break():
    words = ["Done", ".", "\n\n", '"', "Yes", "."]
    spaces = [False, False, False, False, False, False]
    starts = [True, False, False, True, False, False]
    doc = _doc(words, spaces, starts)
    got = [doc.text[s.start:s.end] for s in sentences_of(doc)]
    assert got == ["Done.", '"Yes.']
