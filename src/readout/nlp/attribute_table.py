"""A faster stand-in for spaCy's `attribute_ruler`, with the same rules and the same result.

The attribute ruler of the English pipelines maps tags to coarse POS, morphology and a few
lemmas with ~180 Matcher patterns. The Matcher tries every pattern on every token, so the
ruler costs about a tenth of the whole parse — as much as the tagger and parser heads
together. Almost all its patterns are single-token tests of TAG, LOWER, DEP or IS_SPACE;
`AttributeTable` indexes the patterns by the value their first token asks for, tests only
the patterns a token can match, and applies the attributes in the ruler's own order
(later rules win, as in `AttributeRuler.match`). All matches are found before any attribute
is set, as the ruler does.

It is built from the loaded ruler (`AttributeTable.from_ruler`), never from a file, so the
rules stay those of whatever pipeline the user configured. A ruler with a pattern this
table cannot read (quantifiers, comparison operators, unknown attributes) is left in
place: `replace_attribute_ruler` returns False and nothing changes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Token attributes a pattern may test here, as spaCy names them, with the Doc.to_array id.
_STRING_ATTRS = ("ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "ENT_TYPE")
_FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER",
               "IS_TITLE", "LIKE_NUM")
_OPS = ("IN", "NOT_IN", "REGEX")


class Unsupported(ValueError):
    """A pattern the table cannot evaluate exactly; the original ruler is kept."""


@dataclass(frozen=True, slots=True)
class _Check:
    column: int         # index into the per-token feature row
    op: str             # "==", "IN", "NOT_IN", "REGEX"
    value: object       # hash, frozenset of hashes, bool, or compiled regex


@dataclass(frozen=True, slots=True)
class _Rule:
    number: int                          # the ruler's rule id: later numbers win
    specs: tuple[tuple[_Check, ...], ...]  # one tuple of checks per pattern token
    index: int                           # which matched token gets the attributes
    attrs: dict                          # normalised attributes, as the ruler holds them


class AttributeTable:
    """Callable pipeline component: same annotations as the AttributeRuler it was built from."""

    def __init__(self, vocab, rules: list[_Rule], columns: tuple[str, ...]):
        self.vocab = vocab
        self.rules = rules
        self.columns = columns
        self._single = _RuleIndex([r for r in rules if len(r.specs) == 1], len(columns))
        self._multi = _RuleIndex([r for r in rules if len(r.specs) > 1], len(columns))
        from spacy.attrs import IDS
        self._array_ids = [IDS[c if c != "TEXT" else "ORTH"] for c in columns]
        self._cache: dict[tuple, tuple] = {}

    # -- building ------------------------------------------------------------------------
    @classmethod
    def from_ruler(cls, ruler) -> "AttributeTable":
        strings = ruler.vocab.strings
        columns: list[str] = []

        def column(attr: str) -> int:
            if attr not in columns:
                columns.append(attr)
            return columns.index(attr)

        def check(attr: str, value) -> _Check:
            attr = attr.upper()
            if attr not in _STRING_ATTRS and attr not in _FLAG_ATTRS:
                raise Unsupported(f"attribute {attr}")
            col = column(attr)
            if attr in _FLAG_ATTRS:
                if not isinstance(value, bool):
                    raise Unsupported(f"{attr} value {value!r}")
                return _Check(col, "==", value)
            if isinstance(value, str):
                return _Check(col, "==", strings.add(value))
            if isinstance(value, dict) and len(value) == 1:
                (op, arg), = value.items()
                if op in ("IN", "NOT_IN") and isinstance(arg, (list, tuple)) \
                        and all(isinstance(a, str) for a in arg):
                    return _Check(col, op, frozenset(strings.add(a) for a in arg))
                if op == "REGEX" and isinstance(arg, str):
                    return _Check(col, "REGEX", re.compile(arg))
            raise Unsupported(f"{attr} test {value!r}")

        patterns = ruler.patterns
        if len(patterns) != len(ruler.attrs):
            raise Unsupported("ruler patterns and attributes disagree")
        rules: list[_Rule] = []
        for number, entry in enumerate(patterns):
            for pattern in entry["patterns"]:
                if not pattern or any(not isinstance(tok, dict) or "OP" in tok for tok in pattern):
                    raise Unsupported("quantified or empty pattern")
                specs = tuple(tuple(check(a, v) for a, v in tok.items()) for tok in pattern)
                index = entry["index"]
                if not -len(specs) <= index < len(specs):
                    raise Unsupported(f"index {index} outside its pattern")
                rules.append(_Rule(number, specs, index, ruler.attrs[number]))
        return cls(ruler.vocab, rules, tuple(columns))

    # -- running -------------------------------------------------------------------------
    def __call__(self, doc):
        from spacy.tokens._retokenize import set_token_attrs
        n = len(doc)
        if n == 0:
            return doc
        rows = doc.to_array(self._array_ids).tolist()
        if len(self._array_ids) == 1:
            rows = [[r] for r in rows]
        strings = self.vocab.strings
        # Per token, the matches that target it, as (rule number, attributes). What a
        # token's own features allow depends on nothing else, so it is cached by them.
        targeted: dict[int, list[tuple[int, dict]]] = {}
        cache = self._cache
        if len(cache) > 200_000:
            cache.clear()
        for i, row in enumerate(rows):
            key = tuple(row)
            hit = cache.get(key)
            if hit is None:
                single = tuple((r.number, r.attrs) for r in self._single.candidates(row)
                               if _passes(r.specs[0], row, strings))
                multi = tuple(r for r in self._multi.candidates(row) if _passes(r.specs[0], row, strings))
                hit = cache[key] = (single, multi)
            single, multi = hit
            if single:
                targeted.setdefault(i, []).extend(single)
            for rule in multi:
                size = len(rule.specs)
                if i + size <= n and all(_passes(rule.specs[k], rows[i + k], strings)
                                         for k in range(1, size)):
                    target = i + (rule.index if rule.index >= 0 else size + rule.index)
                    targeted.setdefault(target, []).append((rule.number, rule.attrs))
        for target, found in targeted.items():
            if len(found) == 1:
                set_token_attrs(doc[target], found[0][1])
                continue
            merged: dict = {}
            for _, attrs in sorted(found, key=lambda f: f[0]):   # later rules win
                merged.update(attrs)
            set_token_attrs(doc[target], merged)
        return doc

    def adopt(self, other: "AttributeTable") -> None:
        """Take the rules of another table (the factory makes an empty one)."""
        self.__init__(other.vocab, other.rules, other.columns)

    def pipe(self, stream, batch_size: int = 128):
        for doc in stream:
            yield self(doc)


class _RuleIndex:
    """Rules filed by the value their first token asks for, so a token meets only its own."""

    def __init__(self, rules: list[_Rule], ncols: int):
        self.by_value: dict[tuple[int, object], list[_Rule]] = {}
        self.always: list[_Rule] = []
        self.ncols = ncols
        for rule in rules:
            keys = _index_keys(rule.specs[0])
            if keys is None:
                self.always.append(rule)
            else:
                for key in keys:
                    self.by_value.setdefault(key, []).append(rule)
        self.empty = not rules

    def candidates(self, row: list) -> list[_Rule]:
        if self.empty:
            return []
        out = list(self.always)
        get = self.by_value.get
        for c in range(self.ncols):
            hit = get((c, row[c]))
            if hit:
                out.extend(hit)
        return out


def _index_keys(spec: tuple[_Check, ...]):
    """(column, value) keys under which a first token spec is filed; None: test every token."""
    for ch in spec:
        if ch.op == "==" and not isinstance(ch.value, bool):
            return [(ch.column, ch.value)]
    for ch in spec:
        if ch.op == "IN":
            return [(ch.column, v) for v in ch.value]
    return None


def _passes(spec: tuple[_Check, ...], row: list, strings) -> bool:
    for ch in spec:
        v = row[ch.column]
        op = ch.op
        if op == "==":
            if isinstance(ch.value, bool):
                if bool(v) != ch.value:
                    return False
            elif v != ch.value:
                return False
        elif op == "IN":
            if v not in ch.value:
                return False
        elif op == "NOT_IN":
            if v in ch.value:
                return False
        elif not ch.value.search(strings[v] if v else ""):   # regexes test the string
            return False
    return True


FACTORY = "readout_attribute_table"


def replace_attribute_ruler(nlp, name: str = "attribute_ruler") -> bool:
    """Swap `nlp`'s attribute ruler for an AttributeTable in place; False if left as it was."""
    from spacy.pipeline import AttributeRuler
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return isinstance(ruler, AttributeTable)
    try:
        table = AttributeTable.from_ruler(ruler)
    except Unsupported:
        return False
    _register_factory()
    nlp.replace_pipe(name, FACTORY)
    nlp.get_pipe(name).adopt(table)
    return True


def _register_factory() -> None:
    from spacy.language import Language
    if Language.has_factory(FACTORY):
        return

    @Language.factory(FACTORY)
    def make_table(nlp, name):   # filled by replace_attribute_ruler from the loaded ruler
        return AttributeTable(nlp.vocab, [], ())
