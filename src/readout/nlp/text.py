"""The text of a spaCy Doc, kept once per parse.

`Doc.text` is rebuilt from every token on each call (a few milliseconds for a news
article); the stages read it often, so the parse stage stores the text beside the Doc
and everything reads it through `parsed_text`.
"""
from __future__ import annotations

TEXT_KEY = "readout_text"


def parsed_text(parsed) -> str:
    text = parsed.user_data.get(TEXT_KEY)
    if text is None:
        text = parsed.user_data[TEXT_KEY] = parsed.text
    return text


def keep_text(parsed, text: str) -> None:
    """Record `text` (what was parsed, character for character) beside the Doc."""
    parsed.user_data[TEXT_KEY] = text
