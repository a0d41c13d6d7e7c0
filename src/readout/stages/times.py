"""times stage: settles the publication date and resolves every date expression against it
(the work is in `readout.times`)."""
from __future__ import annotations

from ..config import Config
from ..times.find import find_times, tense_function
from ..times.published import infer_published, parse_published
from ..times.rules import find_candidates
from ..work import WorkItem
from .registry import register_stage


@register_stage
class TimesStage:
    name = "times"
    requires = ("text", "parsed")
    adds = ("times", "published", "published_source", "published_date")

    def run(self, items: list[WorkItem], config: Config) -> None:
        for item in items:
            doc = item.document
            text = doc.text
            cands = find_candidates(text)
            tense_of = tense_function(text, item.parsed)
            anchor = parse_published(doc.published)
            if anchor is not None:
                doc.published = anchor.isoformat()
            else:                     # none given, or metadata that is not a date: infer it
                doc.published = doc.published_source = None
                got = infer_published(text, cands, tense_of, caption=doc.caption, title=doc.title,
                                      dateline=doc.dateline, url=doc.url)
                if got is not None:
                    anchor = got[0]
                    doc.published = anchor.isoformat()
                    doc.published_source = "inferred"
            item.published_date = anchor
            doc.times = find_times(text, anchor, item.parsed, cands, tense_of)
