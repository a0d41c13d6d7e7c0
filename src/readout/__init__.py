"""readout: news reports to a sourced, queryable record of world politics.

The public surface: `extract`, `extract_text` and `process` make Documents, `ingest` stores
them (DuckDB + Parquet shards, linked across articles), `resolve_actor` codes a phrase
without an article; the records and errors are the types they return or raise.
"""
from .api import extract, extract_iter, extract_text, ingest, process, resolve_actor
from .config import Config, load_config
from .errors import InputError, ReadoutError, StageError
from .records import (Actor, DateRange, Document, Event, Evidence, Figure, Mention, Place, Quote,
                      Sentence, TimeExpression)
from .version import __version__

__all__ = [
    "Actor", "Config", "DateRange", "Document", "Event", "Evidence", "Figure", "InputError",
    "Mention", "Place", "Quote", "ReadoutError", "Sentence", "StageError", "TimeExpression",
    "__version__", "extract", "extract_iter", "extract_text", "ingest", "load_config", "process",
    "resolve_actor",
]
