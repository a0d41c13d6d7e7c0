"""Quote marks without a parse: pairing, apostrophes, paragraphs."""
from readout.quotes.cues import cue_lexicon, regular_forms
from readout.quotes.marks import find_quote_spans, strip_span


def _inner(text):
    return [text[q.start:q.end] for q in find_quote_spans(text)]


def test_quotes_marks_pairs_curly_and_straight_quotes():
    text = 'He said: “We are ready.” She said "No deal" twice.'
    assert _inner(text) == ["We are ready.", "No deal"]


def test_quotes_marks_apostrophes_open_nothing():
    text = "Beijing’s readout and the leaders’ summit ‘were cordial’, he said."
    assert _inner(text) == ["were cordial"]


def test_quotes_marks_comma_before_closing_mark_is_left_out():
    text = "“We aim to strengthen cooperation,” Mr Putin told Mr Xi."
    assert _inner(text) == ["We aim to strengthen cooperation"]


def test_quotes_marks_quote_over_paragraphs_is_linked():
    text = "He said: “First part.\n\n“Second part,” he added."
    spans = find_quote_spans(text)
    assert [text[q.start:q.end] for q in spans] == ["First part.", "Second part"]
    assert spans[0].close_mark is None and spans[1].continues == 0


def test_quotes_marks_unrelated_paragraph_does_not_continue():
    text = "“Open quote never closed.\n\nA new paragraph without a mark."
    spans = find_quote_spans(text)
    assert len(spans) == 1 and spans[0].continues is None


def test_quotes_marks_strip_span_trims_marks_and_punctuation():
    text = ' “Hello there.” '
    assert text[slice(*strip_span(text, 0, len(text)))] == "Hello there"


def test_quotes_cues_forms_are_generated_from_lemmas():
    assert {"says", "said"} <= set(cue_lexicon().form_lemma) and cue_lexicon().form_lemma["said"] == "say"
    assert {"admits", "admitted", "admitting"} <= regular_forms("admit")
    assert {"notes", "noted", "noting"} <= regular_forms("note")
    assert {"denies", "denied"} <= regular_forms("deny")


def test_quotes_cues_noun_reading_of_a_cue_is_found_by_form():
    lex = cue_lexicon()
    assert lex.lemma_of("shows", None) == "show"
    assert lex.lemma_of("table", None) is None
    assert "readout" in lex.channels and "spokesman" in lex.channel_people


def test_quotes_marks_doubled_apostrophes_pair_like_double_quotes():
    text = "''Swaps are tricky,'' he said. ``It worked,'' she said, and it's 5'' long."
    spans = find_quote_spans(text)
    assert [text[q.start:q.end] for q in spans] == ["Swaps are tricky", "It worked"]
    assert text[spans[0].outer_start:spans[0].outer_end] == "''Swaps are tricky,''"
    assert spans[1].close_len == 2


def test_quotes_marks_doubled_apostrophe_quote_continues_over_paragraphs():
    text = "He said: ''First part.\n\n''Second part,'' he added."
    spans = find_quote_spans(text)
    assert [text[q.start:q.end] for q in spans] == ["First part.", "Second part"]
    assert spans[1].continues == 0
