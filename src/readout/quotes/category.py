"""What kind of attribution a quote is: speech, thought, stance or evidence.

The table is data (`knowledge/quote_categories.toml`): cue verbs, nouns, marks and
phrases per category, and the nouns of data and documents that make an evidence verb's
report evidence ("a poll found" is evidence, "the senator found" a stance). A cue is read
word by word, skipping words no list names (auxiliaries, "also", "not"), so "has said",
"did not mention" and "is expected" take the category of their cue verb; a cue no list
names is `default` (stance). The same function classifies a gold cue in the evaluation
(eval/eval_quotes.py) and a found one in the finder, so "speech only" means one thing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from ..knowledge import load_toml
from .cues import regular_forms

__all__ = ["CATEGORIES", "CategoryTable", "category_table", "quote_category"]

CATEGORIES = ("speech", "thought", "stance", "evidence")
_WORD = re.compile(r"[\w'’-]+|[^\w\s]+")


@dataclass(frozen=True, slots=True)
class CategoryTable:
    verbs: dict[str, str]                  # word form → category
    nouns: dict[str, str]
    marks: dict[tuple[str, ...], str]      # mark or marker phrase (as words) → category
    phrases: dict[tuple[str, ...], str]
    evidence_forms: frozenset[str]         # forms of the evidence verbs
    sources: frozenset[str]                # data and document nouns
    default: str
    version: str
    frame_verbs: frozenset[str] = frozenset()   # aspectual and light verbs ([frames])
    frame_nouns: frozenset[str] = frozenset()   # speech nouns of a frame, beside [speech] nouns

    def categorise(self, cue: Sequence[str] | str | None, source: Sequence[str] | str | None = (),
                   lemma: str | None = None) -> str:
        """The category of a cue (its words or its text), given its source's words.

        `lemma` is the cue word's lemma when the caller has a parse (tried first)."""
        words = _words(cue)
        src = _words(source)
        data_source = _source_head(src) in self.sources
        if data_source and (lemma in self.evidence_forms or any(w in self.evidence_forms for w in words)):
            return "evidence"
        for table in (self.phrases, self.marks):
            for phrase, cat in table.items():
                if _contains(words, phrase):
                    return cat
        if lemma and lemma in self.verbs:
            return self.verbs[lemma]
        for w in words:
            if w in self.verbs:
                return self.verbs[w]
            if w in self.nouns:
                return self.nouns[w]
        if not words or all(w in ("in", "on", "of", "for", "about", "to", "by", "from", "under") for w in words):
            # "in a statement", "in an interview": the source phrase names the channel
            for w in src:
                if self.nouns.get(w) == "speech":
                    return "speech"
        return self.default


    def speech_word(self, word: str, lemma: str | None = None, verb: bool = False) -> bool:
        """A speech verb ('said', `verb`) or a speech noun or a speech verb's noun
        ('statement', 'op-ed', 'report')."""
        w = word.lower().replace("’", "'")
        if verb:
            return "speech" in (self.verbs.get(lemma or ""), self.verbs.get(w))
        return "speech" in (self.nouns.get(w), self.verbs.get(lemma or ""), self.verbs.get(w))

    def frame_noun(self, word: str) -> bool:
        """A noun that makes a light verb's frame speech ('a statement', 'a report')."""
        w = word.lower().replace("’", "'")
        return self.nouns.get(w) == "speech" or w in self.frame_nouns

    def phrase_category(self, words: Sequence[str], at: int) -> str | None:
        """The category of a listed phrase among `words` that covers the word at index `at`
        (a found cue's word and its neighbours: 'made it clear', 'issued a statement')."""
        low = [w.lower().replace("’", "'") for w in words]
        for phrase, cat in self.phrases.items():
            n = len(phrase)
            for k in range(max(0, at - n + 1), min(at, len(low) - n) + 1):
                if tuple(low[k:k + n]) == phrase:
                    return cat
        return None


def _words(x: Sequence[str] | str | None) -> list[str]:
    if not x:
        return []
    if isinstance(x, str):
        return [w.lower().replace("’", "'") for w in _WORD.findall(x)]
    out: list[str] = []
    for part in x:
        out += _words(part)
    return out


def _source_head(words: list[str]) -> str | None:
    """The head noun of a source phrase: its last word before 'of', 'for', 'by', 'from' or a
    comma ("a new poll of voters" → poll, "the Statistics Office" → office)."""
    head = None
    for w in words:
        if w in ("of", "for", "by", "from", "in", ",", "that", "which", "who"):
            break
        if w[:1].isalnum():
            head = w
    return head


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1))


def _forms(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    return ({lemma} | set(irregular[lemma])) if lemma in irregular else regular_forms(lemma)


@lru_cache(maxsize=1)
def category_table() -> CategoryTable:
    data = load_toml("quote_categories.toml")
    irregular = dict(load_toml("quote_cues.toml").get("forms", {}))
    irregular.update(data.get("forms", {}))
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    marks: dict[tuple[str, ...], str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for cat in ("speech", "thought", "stance"):
        section = data.get(cat, {})
        for lemma in section.get("verbs", []):
            for f in sorted(_forms(lemma, irregular)):
                verbs.setdefault(f, cat)
        for noun in section.get("nouns", []):
            nouns.setdefault(noun, cat)
        for m in section.get("marks", []):
            marks[tuple(_words(m))] = cat
        for p in section.get("phrases", []):
            phrases[tuple(_words(p))] = cat
    evidence = set()
    for lemma in data["evidence"]["verbs"]:
        evidence |= _forms(lemma, irregular)
    return CategoryTable(verbs=verbs, nouns=nouns, marks=marks, phrases=phrases,
                         evidence_forms=frozenset(evidence),
                         sources=frozenset(data["evidence"]["sources"]),
                         default=data["default"], version=data["version"],
                         frame_verbs=frozenset(data.get("frames", {}).get("verbs", [])),
                         frame_nouns=frozenset(data.get("frames", {}).get("nouns", [])))


def quote_category(cue: Sequence[str] | str | None, source: Sequence[str] | str | None = (),
                   lemma: str | None = None) -> str:
    """The category of a cue with the shipped table (see `CategoryTable.categorise`)."""
    return category_table().categorise(cue, source, lemma)
