"""Paragraph breaks as hard sentence starts before the parser runs.

spaCy's parser may join a headline, a subtitle or two paragraphs into one tree ("Gowdy
promises a report" with the next line's "Democrats rebut …" as its complement), and every
later stage reads arguments off that tree. A token after a blank line starts a sentence;
the parser keeps starts that are set before it."""
from __future__ import annotations

from spacy.language import Language

NAME = "readout_paragraphs"


@Language.component(NAME)
def paragraph_starts(doc):
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n\n" in prev.text_with_ws or (prev.is_space and "\n" in prev.text and
                                           tok.i >= 2 and "\n" in doc[tok.i - 2].text_with_ws):
            tok.is_sent_start = True
    return doc


def add_paragraph_starts(nlp) -> None:
    """Put the component before the parser (once)."""
    if NAME in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
    else:
        nlp.add_pipe(NAME, first=True)
