"""Whether a text is English enough to code (function-word counts, no model)."""
from __future__ import annotations

import re


_EN_FUNCTION_WORDS = frozenset(
    "the a an of to in and or is are was were be been has have had that this it on for with as "
    "by at from said he she they we his her their its not but will would".split())

# Function words of other languages written in Latin script (German, French, Spanish,
# Italian, Portuguese, Dutch), leaving out every word that is also common in English. They
# count only in lower case: in English news they start names (Le Pen, El Paso, von der Leyen).
_OTHER_FUNCTION_WORDS = frozenset(
    # German
    "der die das und ist nicht mit den dem des ein eine einer eines sich auf für zu im auch "
    "wird wurde sind haben nach bei aus oder wie über sagte heute "
    # French
    "le la les et est une du dans pour que qui pas sur au aux avec ce il elle ont été sont à "
    "mais ou leur cette nous vous "
    # Spanish, Portuguese, Italian
    "el los las y es del en por para con una se su al lo como más fue não com uma em ao os da "
    "das dos di che è della non sono gli nel alla ha dijo "
    # Dutch
    "het een niet te dat zijn voor".split())

_LETTERS = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")


def looks_english(text: str) -> bool:
    """A cheap language check that holds on short texts too.

    Not English: mostly letters of another script (Cyrillic, Arabic, CJK …); or more
    function words of another Latin-script language (two at least) than of English; or, from 30 words
    on, fewer than 8 % English function words among the first 400 words.
    """
    sample = text[:5000]
    letters = _LETTERS.findall(sample)
    if letters and sum(bool(_LATIN.match(c)) for c in letters) < 0.5 * len(letters):
        return False
    words = re.findall(r"[^\W\d_]+", sample)[:400]
    english = sum(w.lower() in _EN_FUNCTION_WORDS for w in words)
    other = sum(w in _OTHER_FUNCTION_WORDS for w in words)
    if other >= 2 and other > english:
        return False
    if len(words) < 30:
        return True        # too short for a share: no sign of another language is enough
    return english / len(words) >= 0.08
