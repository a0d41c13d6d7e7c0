"""Quoted stretches of text found by their quote marks (no parse needed).

Curly double quotes pair as written; straight double quotes alternate within a
paragraph, and so do doubled apostrophes (''like this'', the typewriter and newswire-archive
convention; ``this'' also opens); curly single quotes count only when an opening ‘ starts a word (so the
apostrophe in "Beijing’s" never opens or closes anything). A quote left open at the
end of a paragraph continues when the next paragraph opens with a quote mark — the
print convention for a quotation running over paragraphs — and the pieces are
linked with `continues` so they share a speaker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
_PARA = re.compile(r"\n\s*\n")


@dataclass(slots=True)
class QuoteSpan:
    """The inside of one pair of quote marks: [start, end) excludes the marks."""
    start: int
    end: int
    open_mark: int              # offset of the opening mark
    close_mark: int | None      # offset of the closing mark (None: runs to paragraph end)
    continues: int | None = None  # index of the span this one continues (multi-paragraph)
    close_len: int = 1          # width of the closing mark ('' is two characters)

    @property
    def outer_start(self) -> int:
        return self.open_mark

    @property
    def outer_end(self) -> int:
        return (self.close_mark + self.close_len) if self.close_mark is not None else self.end


def mark_len(text: str, pos: int) -> int:
    """Width of the quote mark at pos: 2 for a doubled apostrophe or backtick, else 1."""
    return 2 if text.startswith(("''", "``"), pos) else 1


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARA.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _double_in_paragraph(text: str, start: int, end: int) -> list[tuple[int, int | None]]:
    """(open offset, close offset|None) pairs of double quote marks inside one paragraph."""
    pairs: list[tuple[int, int | None]] = []
    open_at: int | None = None
    i = start - 1
    while i + 1 < end:
        i += 1
        ch = text[i]
        if ch in "'`" and mark_len(text, i) == 2 and i + 1 < end:
            if ch == "`" and open_at is None:
                open_at = i
            elif ch == "'" and open_at is None and i + 2 < end and not text[i + 2].isspace():
                open_at = i
            elif ch == "'" and open_at is not None and text[open_at] in "'`":
                pairs.append((open_at, i))
                open_at = None
            i += 1
            continue
        if ch in OPEN_DOUBLE:
            if open_at is None:
                open_at = i
            elif ch == "“" and text[open_at] in "“\"" and not text[i - 1].isspace() \
                    and (i + 1 >= end or text[i + 1].isspace() or text[i + 1] in ".,;:!?)"):
                pairs.append((open_at, i))   # '“It's unusual,“ said …': an opening mark typed as the closing one
                open_at = None
        elif ch in CLOSE_DOUBLE:
            if open_at is not None:
                pairs.append((open_at, i))
                open_at = None
        elif ch == '"':
            if open_at is None:
                open_at = i
            else:
                pairs.append((open_at, i))
                open_at = None
    if open_at is not None:
        pairs.append((open_at, None))
    return pairs


def _single_in_paragraph(text: str, start: int, end: int,
                         taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """‘…’ pairs outside double-quoted stretches; ’ closes only before a non-letter."""
    pairs = []
    i = start
    while i < end:
        ch = text[i]
        if ch == "‘" and (i == start or not text[i - 1].isalnum()) and not _inside(i, taken):
            j = i + 1
            close = None
            while j < end:
                if text[j] == "’" and (j + 1 >= end or not text[j + 1].isalpha()) \
                        and not text[j - 1].isspace():
                    close = j
                    break
                if text[j] in "“”\"":
                    break
                j += 1
            if close is not None and close - i > 1:
                pairs.append((i, close))
                i = close + 1
                continue
        i += 1
    return pairs


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos <= b for a, b in spans)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted stretch in the text, in order, with paragraph continuations linked."""
    spans: list[QuoteSpan] = []
    prev_open_idx: int | None = None   # index of a span left open at the previous paragraph end
    for p_start, p_end in _paragraphs(text):
        lead = p_start
        while lead < p_end and text[lead].isspace():
            lead += 1
        doubles = _double_in_paragraph(text, p_start, p_end)
        closed = [(a, b) for a, b in doubles if b is not None]
        singles = _single_in_paragraph(text, p_start, p_end, closed)
        pairs = sorted([(a, b) for a, b in doubles] + singles, key=lambda x: x[0])
        this_open_idx = None
        for a, b in pairs:
            end = b if b is not None else p_end
            inner_s, inner_e = a + mark_len(text, a), end
            while inner_e > inner_s and (text[inner_e - 1].isspace() or text[inner_e - 1] == ","):
                inner_e -= 1   # the comma before a closing mark belongs to the sentence around it
            if inner_e <= inner_s:
                continue
            q = QuoteSpan(inner_s, inner_e, a, b, close_len=mark_len(text, b) if b is not None else 1)
            if a == lead and prev_open_idx is not None:
                q.continues = prev_open_idx
            spans.append(q)
            if b is None:
                this_open_idx = len(spans) - 1
        prev_open_idx = this_open_idx
    return spans


def strip_span(text: str, start: int, end: int, chars: str = " \n\t,.;:!?\"“”‘’'«»-–—") -> tuple[int, int]:
    """[start, end) without surrounding spaces, punctuation and quote marks."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
