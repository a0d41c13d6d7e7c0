"""Gender of a person's first name, from knowledge/first_names.tsv (US SSA baby-name
counts; built by scripts/build_first_names.py). Only names given almost only to one sex
are listed; any other name gives None."""
from __future__ import annotations

from functools import lru_cache

from ..knowledge import data_dir


@lru_cache(maxsize=1)
def first_names() -> dict[str, tuple[str, int]]:
    """first name (lower case) → ('female' or 'male', births)."""
    out: dict[str, tuple[str, int]] = {}
    with open(data_dir() / "first_names.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("name\t"):
                continue
            name, sex, births = line.rstrip("\n").split("\t")
            out[name] = ("female" if sex == "f" else "male", int(births))
    return out


def name_gender(name: str, skip: frozenset[str] = frozenset(), min_births: int = 0) -> str | None:
    """'female' / 'male' for a full name whose first word (after titles in `skip`) is a
    listed first name given to at least `min_births` people; None for one word alone (a
    surname) or an unlisted name."""
    words = [w for w in name.replace(".", " ").split() if w.lower() not in skip]
    if len(words) < 2 or not words[0].isalpha():
        return None
    found = first_names().get(words[0].lower())
    return found[0] if found and found[1] >= min_births else None
