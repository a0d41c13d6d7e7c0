"""The coder's data, loaded once per process from knowledge/events/.

- `verb_patterns.json`: the CAMEO verb dictionary (built by scripts/build_event_lexicon.py)
- `coding_rules.toml`: news extensions — nominal triggers, verb overrides, frame verbs,
  status cues, CAMEO sub-code tables for frames
- `cameo_codes.tsv` / `cameo_plover.tsv`: Goldstein values and the PLOVER crosswalk
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from ..knowledge import data_dir, load_toml
from .patterns import Pattern, compile_pattern, singular

PLOVER_QUAD = {  # PLOVER manual: the 16 types in four quad classes
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    plover: str | None
    mode: str | None
    quad: int | None          # PLOVER quad class of the type (the event record's quad_class)
    cameo_quad: int | None = None   # CAMEO/GDELT quad class of the code
    context: str = ""         # PLOVER context(s) from the crosswalk


@dataclass(frozen=True, slots=True)
class VerbEntry:
    block: int
    code: str | None
    rev: str | None
    extra: tuple[str, ...]      # further words of a multi-word verb ("meet with")


@dataclass(frozen=True, slots=True)
class Block:
    name: str
    default: str | None
    default_rev: str | None
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True, slots=True)
class NounRule:
    """A nominal trigger ("invasion", "summit", "phone call")."""
    code: str | None
    mods: dict = field(default_factory=dict)        # modifier word -> code
    requires: tuple[str, ...] = ()                 # a child word that must be present
    poss: str = "source"                           # role of the possessor / nationality adjective
    of: str = "target"                             # role of "of X"
    symmetric: bool = False                        # "talks between A and B" → A→B
    preps: dict = field(default_factory=dict)      # preposition → role, overriding the defaults
    contexts: dict = field(default_factory=dict)   # sentence word class → code ("" = no event)


@dataclass(slots=True)
class Lexicon:
    verbs: dict[str, list[VerbEntry]]
    blocks: list[Block]
    verb_codes: dict[str, str]          # news overrides: lemma -> "code[:rev]" ("" = not a trigger)
    verb_phrases: dict[str, dict]       # lemma -> {object word -> code}
    nouns: dict[str, NounRule]
    rules: dict
    codes: dict[str, CodeInfo]
    trigger_lemmas: frozenset[str]
    not_events: dict[str, tuple[str, ...]]
    light_verbs: frozenset[str] = frozenset()   # only specific patterns code these lemmas

    def code_info(self, code: str) -> CodeInfo | None:
        """Facts for a code, falling back to its parent (4 → 3 digits, 3 → root+'0')."""
        c = code
        while c:
            info = self.codes.get(c)
            if info is not None and info.plover:
                return info
            if len(c) == 2:
                c = c + "0"
                info = self.codes.get(c)
                return info if info and info.plover else None
            c = c[:-1]
        return None


def _split_code(s: str) -> tuple[str | None, str | None]:
    if not s:
        return None, None
    if ":" in s:
        a, b = s.split(":", 1)
        return a or None, b or None
    return s, None


def read_events_tsv(name: str) -> list[list[str]]:
    """Rows of a tab-separated table in knowledge/events (comments and header skipped)."""
    rows = []
    with open(data_dir() / "events" / name, encoding="utf-8") as fh:
        header = True
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            if header:
                header = False
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows


@lru_cache(maxsize=1)
def code_table() -> dict[str, CodeInfo]:
    plover = {r[0]: (r[1], r[2] or None, r[3] if len(r) > 3 else "") for r in read_events_tsv("cameo_plover.tsv")}
    out = {}
    for code, name, gold, quad in read_events_tsv("cameo_codes.tsv"):
        typ, mode, ctx = plover.get(code, (None, None, ""))
        out[code] = CodeInfo(code, name, float(gold), typ, mode, PLOVER_QUAD.get(typ) if typ else None,
                             int(quad), ctx)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with open(data_dir() / "events" / "verb_patterns.json", encoding="utf-8") as fh:
        raw = json.load(fh)
    synsets = raw["synsets"]
    blocks = []
    for b in raw["blocks"]:
        pats = []
        for k, p in enumerate(b["patterns"]):
            cp = compile_pattern(p, synsets, k)
            if cp is not None:
                pats.append(cp)
        blocks.append(Block(b["name"], b["default"], b.get("default_rev"), tuple(pats)))
    verbs = {v: [VerbEntry(e[0], e[1], e[2], tuple(e[3])) for e in entries]
             for v, entries in raw["verbs"].items()}

    rules = load_toml("events/coding_rules.toml")
    verb_codes = dict(rules.get("verbs", {}))
    verb_phrases = {k: dict(v) for k, v in rules.get("verb_objects", {}).items()}
    nouns = {}
    for lemma, spec in rules.get("nouns", {}).items():
        if isinstance(spec, str):
            spec = {"code": spec}
        nouns[lemma] = NounRule(
            code=spec.get("code") or None, mods=dict(spec.get("mods", {})),
            requires=tuple(spec.get("requires", ())), poss=spec.get("poss", "source"),
            of=spec.get("of", "target"), symmetric=bool(spec.get("symmetric", False)),
            preps=dict(spec.get("preps", {})), contexts=dict(spec.get("contexts", {})))
    triggers = set(verbs) | set(verb_codes) | set(nouns) | set(verb_phrases) | set(rules.get("modal_frames", {})) \
        | set(rules.get("verb_senses", {}))
    for group in rules["frames"].values():
        triggers.update(group["lemmas"])
    not_events = {k: tuple(v) for k, v in rules.get("not_events", {}).items()}
    light = frozenset(rules.get("light_verbs", {}).get("lemmas", ()))
    return Lexicon(verbs, blocks, verb_codes, verb_phrases, nouns, rules, code_table(),
                   frozenset(triggers), not_events, light)


def frame_of(lemma: str, embedded: str | None = None, nominal: bool = False) -> tuple[str, dict] | None:
    """The frame (commit, appeal, demand, reject, threaten, expect, stop, ease…) a word opens.

    A word in several frames ("end": stop aid / end a curfew) takes the first whose
    `applies_to` admits the embedded code; `nominal_only` frames need an event noun object."""
    first = None
    for name, group in _frames_by_lemma().get(lemma, ()):
        if group.get("nominal_only") and not nominal:
            continue
        applies = group.get("applies_to")
        if embedded is not None and applies is not None and group.get("nominal_only"):
            if embedded[:2] not in applies and not any(embedded.startswith(a) for a in applies):
                continue
        if embedded is not None and applies is not None and "root" in group and embedded[:2] in applies:
            return name, group
        if first is None:
            first = (name, group)
    return first


@lru_cache(maxsize=1)
def _frames_by_lemma() -> dict[str, list[tuple[str, dict]]]:
    out: dict[str, list[tuple[str, dict]]] = {}
    for name, group in lexicon().rules["frames"].items():
        for lemma in group["lemmas"]:
            out.setdefault(lemma, []).append((name, group))
    return out


def sub_code(frame_root: str, embedded: str | None) -> str:
    """CAMEO code for a frame over an embedded action: 'offer to release' (03 over 084) → 0353."""
    table = lexicon().rules["subcodes"].get(frame_root, {})
    if embedded:
        for n in (4, 3, 2):
            hit = table.get(embedded[:n])
            if hit:
                return hit
    return table.get("default", frame_root + "0")


def singular_word(w: str) -> str:
    return singular(w.lower())
