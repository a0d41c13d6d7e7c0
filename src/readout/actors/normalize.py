"""One normal form for names, shared by the build script and the resolver.

A key is lower case, without accents or dots, with typographic quotes folded and runs of
space collapsed: "U.S." → "us", "Erdoğan" → "erdogan", "China’s" → "china's". Both sides
of every lookup go through `norm`, so the data files can be written naturally.
"""
from __future__ import annotations

import unicodedata

_TRANS = str.maketrans({
    "\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"',
    "_": " ", ".": "", "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ",
})
POSSESSIVE_ENDINGS = ("'s", "'")


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def norm(s: str) -> str:
    """The lookup key of a name or phrase."""
    s = s.translate(_TRANS)
    if not s.isascii():
        s = strip_accents(s)
    return " ".join(s.lower().split())


_WORD_KEYS: dict[str, str] = {}


def norm_word(w: str) -> str:
    """`norm` of a single word, memoised (words repeat far more than phrases)."""
    k = _WORD_KEYS.get(w)
    if k is None:
        if len(_WORD_KEYS) > 200_000:
            _WORD_KEYS.clear()
        k = _WORD_KEYS[w] = norm(w)
    return k


def strip_possessive(key: str) -> tuple[str, bool]:
    """('china', True) for "china's"; keys are already normalised."""
    if key.endswith("'s"):
        return key[:-2].rstrip(), True
    if key.endswith("s'"):
        return key[:-1], True
    return key, False


def variants(name: str) -> set[str]:
    """Keys under which a written name is indexed (hyphens as written, as spaces, dropped)."""
    k = norm(name)
    out = {k}
    if "-" in k:
        out.add(" ".join(k.replace("-", " ").split()))
        out.add(k.replace("-", ""))
    return {v for v in out if v}


# The Arabic definite article written on a name in lower case ("al-Assad", "el-Sisi"): the
# name is capitalised after it, and news spells one surname with al-, el- or neither
# ("President al-Sisi", "President el-Sisi", "President Sisi").
ARTICLE_PREFIXES = ("al-", "el-")


def article_name(w: str) -> bool:
    """Whether a word is a name opening with a lower-case Arabic article ("al-Assad")."""
    return w[:3].lower() in ARTICLE_PREFIXES and w[3:4].isupper()


def article_variants(key: str) -> list[str]:
    """The spellings of a normalised surname with an Arabic article: 'el-sisi' → el-sisi,
    al-sisi, sisi; a key without one is only itself."""
    if key[:3] not in ARTICLE_PREFIXES or len(key) < 5:
        return [key]
    rest = key[3:]
    return [key] + [p + rest for p in ARTICLE_PREFIXES if p != key[:3]] + [rest]


def singular(word: str) -> str:
    """A rough singular for agent nouns ("officials" → "official", "men" → "man")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("people"):
        return word[:-6] + "person"
    if word.endswith("sses") or word.endswith("ches") or word.endswith("shes"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("person"):
        return word[:-6] + "people"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word + "s"
