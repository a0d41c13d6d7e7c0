"""The `Document` a raw article starts as: its id, clean text and parts, and provenance."""
from __future__ import annotations

from ..config import Config
from ..errors import EmptyInputError, UnsupportedInputError
from ..knowledge import data_hash
from ..records import Document, RawArticle, stable_id
from ..version import __version__
from .boilerplate import clean_text
from .language import looks_english


def document_from_raw(raw: RawArticle, config: Config) -> Document:
    if not raw.text or not raw.text.strip():
        raise EmptyInputError(raw.input_name, "no text to read (empty input)")
    result = clean_text(raw.text, raw.title, raw.title_in_text)
    text = "\n\n".join(result.paragraphs)
    if not text.strip():
        raise EmptyInputError(raw.input_name, "nothing left after removing boilerplate")
    if len(text) > config.max_text_chars:
        raise UnsupportedInputError(
            raw.input_name, f"text of {len(text):,} characters exceeds max_text_chars={config.max_text_chars:,}")
    if len(text.strip()) < config.min_text_chars:
        raise UnsupportedInputError(
            raw.input_name, f"too short for an article: {len(text.strip())} characters after cleaning "
                            f"(min_text_chars = {config.min_text_chars})")
    if config.language == "en" and not looks_english(text):
        raise UnsupportedInputError(raw.input_name, "text does not look like English (unknown language)")
    doc = Document(
        id=stable_id(result.title, text),
        text=text, title=result.title, input_id=raw.input_id, url=raw.url, outlet=raw.outlet,
        published=raw.published, published_source=raw.published_source if raw.published else None,
        dateline=result.dateline, credits=result.credits, caption=result.caption,
        removed=result.removed,
        coder={"readout": __version__, "data": data_hash()},
    )
    return doc
