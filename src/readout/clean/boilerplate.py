"""The clean body of a raw text and the parts taken out of it (title, caption and credit,
dateline, wire credits, scrape noise), with what was removed recorded. Patterns come from
knowledge/boilerplate.toml."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import load_toml


# Characters that are spaces in print but not to a tokenizer.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000"), " ")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


@dataclass(frozen=True, slots=True)
class CleanRules:
    noise: re.Pattern
    caption_credit: list[re.Pattern]
    caption_marker: list[re.Pattern]
    caption_max_index: int
    dateline: re.Pattern
    wires: re.Pattern
    trailing_credits: re.Pattern
    version: str


@lru_cache(maxsize=1)
def rules() -> CleanRules:
    data = load_toml("boilerplate.toml")
    noise = re.compile("(?:" + "|".join(f"(?:{p})" for p in data["noise"]["full"]) + r")\s*",
                       re.IGNORECASE)
    wires = sorted(data["credits"]["wires"], key=len, reverse=True)
    wire_alt = "|".join(re.escape(w) for w in wires)
    # "…peace.” BLOOMBERG, REUTERS, AFP" / "- Reuters" / "(AFP)" at the very end of the body.
    trailing = re.compile(
        r"(?:(?<=[.!?”\"’)])|^)\s*(?:[-–—]\s*)?\(?"
        rf"(?P<list>(?:{wire_alt})(?:\s*(?:,|/|and|&)\s*(?:{wire_alt}))*)\)?\s*$",
        re.IGNORECASE)
    return CleanRules(
        noise=noise,
        caption_credit=[re.compile(p) for p in data["caption"]["credit_at_end"]],
        caption_marker=[re.compile(p) for p in data["caption"]["marker_at_start"]],
        caption_max_index=int(data["caption"]["max_paragraph_index"]),
        dateline=re.compile(data["dateline"]["pattern"]),
        wires=re.compile(rf"^(?:{wire_alt})$", re.IGNORECASE),
        trailing_credits=trailing,
        version=data["version"],
    )


def normalise(text: str) -> str:
    """NFC, one kind of space, one kind of newline, no zero-width characters; quotes kept
    (a curly quote glued to a word after punctuation gets a space)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = text.translate(_SPACES).translate(_ZERO_WIDTH).replace("\t", " ")
    text = "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))
    return _GLUED_OPEN.sub(r"\1 ", _GLUED_CLOSE.sub(r"\1 ", text))


# A curly quote mark glued to the words around it ('said,“Look', 'over.”Then') is set
# off by a space, as print spacing has it, so the tokenizer splits it from the word.
_GLUED_OPEN = re.compile(r"(?<=\w)([,.:;!?—])(?=[“‘]\w)")
_GLUED_CLOSE = re.compile(r"(?<=\w[,.!?])([”])(?=[A-Za-z])")


def paragraphs_of(text: str) -> list[str]:
    """Blank-line separated paragraphs; a text without blank lines has one paragraph a line."""
    if "\n\n" in text:
        paras = [p.replace("\n", " ").strip() for p in re.split(r"\n{2,}", text)]
    else:
        paras = [p.strip() for p in text.split("\n")]
    return [p for p in paras if p]


def _split_caption(para: str, r: CleanRules) -> tuple[str, str] | None:
    matches = [m for m in (pat.search(para) for pat in r.caption_credit) if m and m.start() > 0]
    if not matches:
        return None
    m = min(matches, key=lambda m: m.start())   # the longest credit wins
    caption = para[:m.start()].rstrip()
    for marker in r.caption_marker:
        caption = marker.sub("", caption)
    return caption, para[m.start():].strip()


def _split_wire_list(s: str) -> list[str]:
    return [w.strip() for w in re.split(r"\s*(?:,|/|\band\b|&)\s*", s) if w.strip()]


@dataclass(slots=True)
class CleanResult:
    title: str | None
    caption: str | None
    dateline: str | None
    dateline_extra: str | None
    credits: list[str]
    removed: list[str]
    paragraphs: list[str]


def clean_text(raw_text: str, title: str | None = None, title_in_text: bool = False) -> CleanResult:
    """Split a raw article into title, caption, dateline, credits, removed and body paragraphs."""
    r = rules()
    paras = paragraphs_of(normalise(raw_text))
    removed: list[str] = []
    credits: list[str] = []
    caption = dateline = dateline_extra = None

    if title_in_text and len(paras) > 1:     # a single line is the body, not a title
        first = paras.pop(0)
        if title is None:
            title = first
    elif title and paras and paras[0].strip() == normalise(title).strip():
        paras.pop(0)
    if title:
        title = normalise(title).replace("\n", " ").strip() or None

    body: list[str] = []
    for p in paras:
        if r.noise.fullmatch(p):
            removed.append(p)
        else:
            body.append(p)

    # Caption: a paragraph near the top that ends in a photo credit.
    for i, p in enumerate(body[: r.caption_max_index]):
        split = _split_caption(p, r)
        if split:
            caption, credit = split
            removed.append(credit)
            del body[i]
            break

    # A one-line paragraph before a dateline paragraph is the headline ("Rivals see opening.",
    # then "BEDFORD, N.H. (AP) — …"), even when the text was not said to start with one.
    if title is None and len(body) > 1 and len(body[0]) <= 200 and "\n" not in body[0] \
            and not r.dateline.match(body[0]) and r.dateline.match(body[1]):
        title = body.pop(0).strip()

    # Dateline at the start of the first body paragraph.
    if body:
        m = r.dateline.match(body[0])
        if m and len(body[0]) > m.end() + 20:
            dateline = m.group("place").strip()
            dateline_extra = m.group("extra")
            if m.group("wire"):
                credits.extend(_split_wire_list(m.group("wire")))
            body[0] = body[0][m.end():]

    # Wire credits: a last paragraph that is only credits, or credits closing the last one.
    while body:
        last = body[-1]
        m = r.trailing_credits.search(last)
        if not m:
            break
        names = _split_wire_list(m.group("list"))
        if not all(r.wires.match(n) for n in names):
            break
        credits.extend(n for n in names if n not in credits)
        rest = last[:m.start()].rstrip()
        if rest:
            body[-1] = rest
            break
        body.pop()
    return CleanResult(title, caption or None, dateline, dateline_extra, credits, removed, body)
