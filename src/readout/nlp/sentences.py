"""Sentence spans of a parse, in character offsets."""
from __future__ import annotations

from ..records import Sentence
from .text import parsed_text


# Characters that close a sentence's quotation; a "sentence" of nothing else belongs to the one before.
CLOSERS = "\"”’'»)]"


def sentences_of(parsed) -> list[Sentence]:
    """Sentence spans in character offsets, with whitespace-only sentences dropped.

    spaCy's parser sometimes splits inside a paragraph break; a sentence never spans
    a blank line here, so paragraph breaks are hard boundaries. A closing quote mark the
    parser split off after a full stop ('…done."' at a line end) stays with its sentence.
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
            if not part.strip():
                continue
            lo, hi = s + stripped_l, e - stripped_r
            if out and not part.strip().strip(CLOSERS) and "\n\n" not in text[out[-1].end:lo]:
                out[-1] = Sentence(out[-1].start, hi)   # a closing mark split off ('done."' at a line end)
                continue
            out.append(Sentence(lo, hi))
    return out
