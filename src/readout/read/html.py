"""HTML reader: main text and metadata by trafilatura (no hand-written extraction)."""
from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..errors import InputError, MalformedInputError
from ..records import RawArticle
from .text import decode_bytes, read_file_bytes

SHORT_TEXT = 400   # characters: below this the extraction is retried favouring recall


def raw_from_html(html: str, name: str, input_id: str | None = None) -> RawArticle | InputError:
    import trafilatura
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             include_tables=False)
        if result is None or len(getattr(result, "text", None) or "") < SHORT_TEXT:
            # Some layouts hide the body from the default heuristics: ask for recall.
            second = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                                 include_tables=False, favor_recall=True)
            if second is not None and len(second.text or "") > len(getattr(result, "text", None) or ""):
                result = second
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken pages
        return MalformedInputError(name, f"HTML could not be parsed: {type(exc).__name__}: {exc}")
    if result is None:
        return MalformedInputError(name, "no article text found in the HTML (no body or only boilerplate)")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        return MalformedInputError(name, "no article text found in the HTML (no body or only boilerplate)")
    date = data.get("date")
    return RawArticle(text=text, input_name=name, title=data.get("title") or None,
                      published=date[:10] if date else None,
                      published_source="metadata" if date else None,
                      url=data.get("url") or None,
                      outlet=data.get("sitename") or data.get("hostname") or None,
                      input_id=input_id)


def read_html_file(path: Path, config: Config) -> RawArticle | InputError:
    name = str(path)
    try:
        html = decode_bytes(read_file_bytes(path, config), name, config)
    except InputError as exc:
        return exc
    return raw_from_html(html, name, input_id=path.name)
