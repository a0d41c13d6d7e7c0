"""The cue lexicon of the quotes stage, loaded once from knowledge/quote_cues.toml.

Cues are looked up by word form as well as by lemma, because the small parser
sometimes tags a cue as a noun ("IMF data shows" → shows/NOUN); the forms are made
from the lemmas by the regular English rules plus the irregular table in the file.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..knowledge import load_toml

CLASSES = ("speech", "reverse", "thought", "evidence", "naming", "evaluative")
_VOWELS = "aeiou"


@dataclass(frozen=True, slots=True)
class CueLexicon:
    classes: dict[str, frozenset[str]]     # class → lemmas
    form_lemma: dict[str, str]             # inflected form → lemma
    according: tuple[tuple[str, ...], ...]  # multi-word source markers, as word tuples
    channels: frozenset[str]
    channel_people: frozenset[str]
    frames: dict[str, frozenset[str]]      # complement frame → lemmas that report through it
    known: frozenset[str]                  # every cue lemma of any class or frame
    pronouns: frozenset[str]
    personal: frozenset[str]
    honorifics: frozenset[str]
    genders: tuple[frozenset[str], ...]
    version: str
    org_nouns: frozenset[str] = frozenset()
    female: frozenset[str] = frozenset()
    male: frozenset[str] = frozenset()
    not_objects: dict[str, frozenset[str]] | None = None   # verb lemma → object nouns that are no content
    occasion_preps: frozenset[str] = frozenset()   # [occasions]: 'on' + 'the Kelly File' ends a content
    occasion_nouns: frozenset[str] = frozenset()
    colon_verbs: frozenset[str] = frozenset()   # [colon]: 'X boomed: …' introduces a statement
    colon_nouns: frozenset[str] = frozenset()   # [colon]: 'released the following statement: …'
    appeals: dict[str, frozenset[str]] | None = None   # [appeals]: 'call' → on, upon, for
    contrast: frozenset[str] = frozenset()   # [contrast]: 'said A, while others said B' ends at 'while'

    def object_is_content(self, lemma: str | None, noun: str) -> bool:
        """False for 'posted the clip', 'claimed victory' ([objects] in quote_cues.toml)."""
        return not (self.not_objects and lemma in self.not_objects and noun.lower() in self.not_objects[lemma])

    def lemma_of(self, form: str, lemma: str | None = None) -> str | None:
        """The cue lemma for a token (its own lemma when listed, else by its form)."""
        if lemma and (lemma in self.known):
            return lemma
        return self.form_lemma.get(form)

    def has_frame(self, lemma: str | None, frame: str) -> bool:
        return lemma is not None and lemma in self.frames.get(frame, ())

    def gender_forms(self, pronoun: str) -> frozenset[str]:
        """The pronoun forms of the same gender ('he' → he, him, his, himself)."""
        p = pronoun.lower()
        for forms in self.genders:
            if p in forms:
                return forms
        return frozenset()

    def is_class(self, lemma: str | None, *names: str) -> bool:
        return lemma is not None and any(lemma in self.classes[n] for n in names)


def regular_forms(lemma: str) -> set[str]:
    """lemma, -s, -ed, -ing forms by the regular spelling rules (with doubling variants)."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
        forms |= {third, lemma + "ed", lemma + "ing"}
        if (len(lemma) >= 3 and lemma[-1] not in _VOWELS + "wxy" and lemma[-2] in _VOWELS
                and lemma[-3] not in _VOWELS):
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    data = load_toml("quote_cues.toml")
    classes = {name: frozenset(data["cues"].get(name, [])) for name in CLASSES}
    form_lemma: dict[str, str] = {}
    irregular = data.get("forms", {})
    for name in CLASSES:
        for lemma in sorted(classes[name]):
            forms = set(irregular[lemma]) | {lemma} if lemma in irregular else regular_forms(lemma)
            for f in forms:
                form_lemma.setdefault(f, lemma)
    frames = {name: frozenset(v) for name, v in load_toml("quote_frames.toml")["frames"].items()}
    for name in sorted(frames):
        for lemma in sorted(frames[name]):
            for f in regular_forms(lemma) | set(irregular.get(lemma, ())):
                form_lemma.setdefault(f, lemma)
    according = tuple(tuple(p.split()) for p in data["according"]["phrases"])
    sp = data["speakers"]
    objects = data.get("objects", {})
    not_objects: dict[str, frozenset[str]] = {}
    for verbs, nouns in (("media_verbs", "media"), ("claim_verbs", "claimed")):
        for v in objects.get(verbs, []):
            not_objects[v] = not_objects.get(v, frozenset()) | frozenset(objects.get(nouns, []))
    return CueLexicon(
        classes=classes, form_lemma=form_lemma, according=according, frames=frames,
        known=frozenset().union(*classes.values(), *frames.values()),
        channels=frozenset(data["channels"]["nouns"]),
        channel_people=frozenset(data["channels"]["people"]),
        pronouns=frozenset(sp["personal"] + sp["plural"] + sp["neuter"] + sp.get("first", [])),
        personal=frozenset(sp["personal"]), honorifics=frozenset(sp["honorifics"]),
        genders=tuple(frozenset(g) for g in sp["genders"]),
        org_nouns=frozenset(sp.get("org_nouns", [])), female=frozenset(sp.get("female", [])),
        male=frozenset(sp.get("male", [])), not_objects=not_objects,
        occasion_preps=frozenset(data.get("occasions", {}).get("preps", [])),
        occasion_nouns=frozenset(data.get("occasions", {}).get("nouns", [])),
        colon_verbs=frozenset(data.get("colon", {}).get("verbs", [])),
        colon_nouns=frozenset(data.get("colon", {}).get("nouns", [])),
        appeals={k: frozenset(v) for k, v in data.get("appeals", {}).items()},
        contrast=frozenset(data.get("contrast", {}).get("marks", [])),
        version=data["version"])
