"""parse stage: one spaCy parse per article, over the whole batch with `nlp.pipe`.

The spaCy Doc stays beside the record (`WorkItem.parsed`) and is never stored;
the record gets the sentence boundaries. Loading and sentence splitting are in `readout.nlp`.
"""
from __future__ import annotations

from ..config import Config
from ..nlp.model import load_model
from ..nlp.sentences import sentences_of
from ..nlp.text import keep_text
from ..work import WorkItem
from .registry import register_stage


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
