"""readout: news reports to a sourced, queryable record of world politics."""
from .actors import resolve_actor
from .api import extract, extract_text, process
from .config import Config, load_config
from .errors import InputError, ReadoutError, StageError
from .records import (Actor, DateRange, Document, Event, Evidence, Figure, Mention, Place, Quote,
                      Sentence, TimeExpression)
from .version import __version__

__all__ = sorted([
    "Actor", "Config", "DateRange", "Document", "Event", "Evidence", "Figure", "InputError",
    "Mention", "Place", "Quote", "ReadoutError", "Sentence", "StageError", "TimeExpression",
    "__version__", "extract", "extract_text", "load_config", "process", "resolve_actor",
])
