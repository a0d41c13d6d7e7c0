"""Verb senses chosen by their arguments: "struck a deal" is an agreement, "struck the
village" an attack; "fired his chief of staff" is a dismissal (no CAMEO event), "fired back"
is criticism; "clash over tariffs" is a dispute, "clashed with police" a fight.

The data (knowledge/events/coding_rules.toml, `[verb_senses.<lemma>]` and `[object_classes]`)
maps, for a lemma, a complement's class ("called Trump unhinged": `@negative`), a particle,
an object's head word or class (`@person`, `@agreement`, …) or a preposition (optionally by
its object's class: `after = { "@political" = "111" }`) to the code of that sense; "" means the verb is no event in that sense. The first match wins, in that
order; no match leaves the verb to the dictionary (or to its `[not_events]` rule).

`contexts` map a class of words anywhere in the sentence (`[context_classes]`) to the code:
"beat her 51% to 36%", "captured 1,944 delegates" are election results (no event), "attacks
against Rubio in Saturday's debate" criticism (111). They are checked after the verb's own
arguments, so "fired his aide" stays a dismissal in any sentence. `unless` names a class
whose presence in the sentence sets the senses aside ("jets blasted Gaza" is no criticism).
"""
from __future__ import annotations

from .arguments import misparsed_object

OBJECT_DEPS = ("dobj", "nsubjpass", "attr")
TIME_ENTITIES = frozenset({"DATE", "TIME"})
COMPLEMENT_DEPS = ("oprd", "xcomp", "acomp", "ccomp", "attr")


def object_classes(tok, classes: dict) -> set[str]:
    """The classes (`@name`) an object head belongs to: by word, and by entity label where
    the class lists one (`ENT:PERSON`)."""
    word, lemma = tok.lower_, tok.lemma_.lower()
    out = set()
    for name, members in classes.items():
        if word in members or lemma in members or (tok.ent_type_ and f"ENT:{tok.ent_type_}" in members):
            out.add("@" + name)
    return out


def sentence_words(tok) -> frozenset[str]:
    """Lower-case forms and lemmas of the words of `tok`'s sentence."""
    sent = tok.sent
    return frozenset([t.lower_ for t in sent] + [t.lemma_.lower() for t in sent])


def context_code(tok, contexts: dict, rules: dict) -> str | None:
    """The code a sentence context gives (`{"@electoral": ""}`), or None."""
    if not contexts:
        return None
    classes = rules.get("context_classes", {})
    words = sentence_words(tok)
    for cls, code in contexts.items():
        members = classes.get(cls.lstrip("@"), ())
        if any(w in words for w in members):
            return code
    return None


def sense_code(tok, rules: dict) -> str | None:
    """The code of `tok`'s sense given its arguments ("" = no event), or None when no sense
    listed for its lemma applies."""
    senses = rules.get("verb_senses", {}).get(tok.lemma_.lower())
    if not senses:
        return None
    veto = senses.get("unless")
    if veto and context_code(tok, {veto: "veto"}, rules) is not None:
        return None      # "Israeli jets blasted Gaza": the senses do not apply in this sentence
    own = _argument_code(tok, senses, rules)
    if own is not None:
        return own
    return context_code(tok, senses.get("contexts", {}), rules)


def _argument_code(tok, senses: dict, rules: dict) -> str | None:
    classes = rules.get("object_classes", {})
    particles = senses.get("particles", {})
    objects = senses.get("objects", {})
    preps = senses.get("preps", {})
    complements = senses.get("complements", {})
    for c in tok.children:      # "called Trump unhinged", "branded the plan a disgrace"
        if complements and c.dep_ in COMPLEMENT_DEPS:
            words = [c] + [g for g in c.children if g.dep_ in ("amod", "advmod", "compound")]
            for w in words:
                for cls in sorted(object_classes(w, classes)):
                    if cls in complements:
                        return complements[cls]
    for c in tok.children:
        if c.dep_ in ("prt", "advmod") and c.lower_ in particles:
            return particles[c.lower_]
    objects_of = [c for c in tok.children if c.dep_ in OBJECT_DEPS or misparsed_object(tok, c)]
    if not objects_of:             # "the deal struck …", parsed with the deal as subject
        objects_of = [c for c in tok.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
    if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
        objects_of.append(tok.head)    # "the deal struck between Iran and the US"
    for c in objects_of:
        for key in (c.lower_, c.lemma_.lower()):
            if key in objects:
                return objects[key]
        for cls in sorted(object_classes(c, classes)):
            if cls in objects:
                return objects[cls]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            pobj = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]   # "charged with killing"
            if pobj and all(p.ent_type_ not in TIME_ENTITIES for p in pobj):
                want = preps[c.lower_]
                if not isinstance(want, dict):
                    return want
                for cls in sorted(object_classes(pobj[0], classes)):   # "went after Walker"
                    if cls in want:
                        return want[cls]
    return None
