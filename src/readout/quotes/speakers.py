"""Attributions become `Quote` records with their speakers.

Finding the attributions is `find` (parse + quote marks + cue lexicon); this
module turns them into `Quote` records: the speaker and the channel (`via`) become
actor ids through the actors stage's mentions (`WorkItem.actor_at`). A pronoun the
actors stage left unresolved goes to the last person quoted nearby; a named speaker
it does not know becomes a small actor of its own (kind from the parser's entity
label), so that every quote with a named source is queryable by speaker.
"""
from __future__ import annotations

from ..records import Actor, Mention, Quote, stable_id
from ..work import WorkItem
from .attribution import Attribution
from .cues import cue_lexicon
from .find import find_attributions

# How far back (in characters) an unresolved "he"/"she" may look for its speaker.
PRONOUN_REACH = 1500


def _actor_for(item: WorkItem, head: tuple[int, int] | None, span: tuple[int, int] | None):
    if head is not None:
        a = item.actor_at(*head)
        if a is not None:
            return a
    if span is not None and span[0] is not None:
        return item.actor_at(*span)
    return None


def _named_tokens(item: WorkItem, start: int, end: int, head: tuple[int, int]):
    """The proper-noun run holding the speaker's head word, without titles."""
    span = item.parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    lex = cue_lexicon()
    run: list = []
    for t in span:
        if t.pos_ == "PROPN" and t.lower_ not in lex.honorifics:
            run.append(t)
        else:
            if any(x.idx <= head[0] < x.idx + len(x) for x in run):
                return run
            run = []
    return run if any(x.idx <= head[0] < x.idx + len(x) for x in run) else []


def _fallback_actor(item: WorkItem, att: Attribution) -> Actor | None:
    """An actor for a named speaker the actors stage did not resolve (none for common nouns)."""
    if att.speaker_head is None:
        return None
    toks = _named_tokens(item, att.speaker_start, att.speaker_end, att.speaker_head)
    if not toks:
        return None
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
    name = item.document.text[s:e]
    label = toks[-1].ent_type_
    kind = "person" if label == "PERSON" else "organisation"
    aid = stable_id(item.document.id, "actor", "speaker", name)
    actor = Actor(id=aid, name=name, country=None, sector=None, code=None, kind=kind)
    return item.actors.add(actor, Mention(s, e, name, how="speaker"), by="quotes")


def _continuing_speaker(item: WorkItem, recent: list[tuple[int, Actor]], at: int) -> Actor | None:
    """'Mr Putin added that … He said that …': a he/she speaker is the last person quoted,
    when that was recent and no other person was named in between (news keeps the subject)."""
    for off, a in reversed(recent):
        if at - off > PRONOUN_REACH:
            return None
        if a.kind != "person":
            continue
        lex = cue_lexicon()
        for other in item.document.actors:
            if other is a or other.kind != "person":
                continue
            if any(off < m.start < at and m.text.lower() not in lex.pronouns
                   and m.text.lower() not in ("his", "her", "hers", "himself", "herself")
                   for m in other.mentions):
                return None
        return a
    return None


def _paragraph_window(text: str, at: int) -> int:
    """Start of the paragraph before the one holding offset `at` (the reach of a back-reference)."""
    lo = text.rfind("\n\n", 0, at)
    if lo < 0:
        return 0
    prev = text.rfind("\n\n", 0, lo)
    return 0 if prev < 0 else prev + 2


def _gender(actor: Actor) -> str | None:
    """'female' or 'male' when the actor's own mentions say so (titles, gendered nouns)."""
    lex = cue_lexicon()
    votes = {"female": 0, "male": 0}
    for m in actor.mentions:
        if m.how == "pronoun":
            continue   # the actors stage's own guesses; titles and nouns are evidence
        for w in m.text.lower().replace(".", " ").split():
            if w in lex.female:
                votes["female"] += 1
            elif w in lex.male:
                votes["male"] += 1
    if votes["female"] == votes["male"]:
        return None
    return "female" if votes["female"] > votes["male"] else "male"


def _pronoun_gender(pronoun: str) -> str | None:
    lex = cue_lexicon()
    p = pronoun.lower()
    return "female" if p in lex.female else "male" if p in lex.male else None


def _named_before(item: WorkItem, at: int, kinds: tuple[str, ...]) -> list[tuple[int, Actor]]:
    """(offset, actor) of named mentions (not pronouns) of actors of `kinds` in the paragraph
    holding `at` and the one before, nearest first."""
    text = item.document.text
    lo = _paragraph_window(text, at)
    lex = cue_lexicon()
    found = []
    for a in item.document.actors:
        if a.kind not in kinds:
            continue
        for m in a.mentions:
            if lo <= m.start < at and m.how != "pronoun" and m.text.lower() not in lex.pronouns \
                    and m.text.lower() not in ("his", "her", "its", "their"):
                found.append((m.start, a))
    found.sort(key=lambda x: -x[0])
    return found


def _nearest_person(item: WorkItem, at: int, pronoun: str) -> Actor | None:
    """The nearest person named before a he/she speaker whose gender does not contradict it."""
    want = _pronoun_gender(pronoun)
    for _, a in _named_before(item, at, ("person",)):
        g = _gender(a)
        if want is None or g is None or g == want:
            return a
    return None


def _referred_organisation(item: WorkItem, att: Attribution, speaker_text: str) -> Actor | None:
    """'the company said', 'its spokeswoman said', 'a bank spokesman said': the nearest
    organisation named before, in this paragraph or the one before."""
    lex = cue_lexicon()
    words = speaker_text.lower().replace("'s", " ").replace("’s", " ").split()
    if not any(w in lex.org_nouns for w in words) or any(w[:1].isupper() for w in speaker_text.split()[1:]):
        return None
    for _, a in _named_before(item, att.speaker_start, ("organisation", "igo", "group")):
        if a.name.lower() not in words:
            return a
    return None


def _inside_speaker(item: WorkItem, att: Attribution, actor: Actor | None) -> Actor | None:
    """'a spokesman for Coral Rail': an actor named inside the speaker phrase speaks through it."""
    for a in item.document.actors:
        if a is actor:
            continue
        if any(att.speaker_start <= m.start and m.end <= att.speaker_end and m.how != "pronoun"
               for m in a.mentions):
            return a
    return None


def _called(actor: Actor, pronoun: str) -> bool:
    """Whether the actors stage already refers to `actor` with this pronoun's gender."""
    forms = cue_lexicon().gender_forms(pronoun)
    return any(m.text.lower() in forms for m in actor.mentions)


def _is_pronoun(text: str | None) -> bool:
    return bool(text) and text.lower() in cue_lexicon().pronouns


def quotes_for(item: WorkItem, attributions: list[Attribution] | None = None) -> list[Quote]:
    """Quote records for one parsed item (attributions found here unless given)."""
    doc = item.document
    text = doc.text
    atts = attributions if attributions is not None else find_attributions(item.parsed, text=text)
    lex = cue_lexicon()
    quotes: list[Quote] = []
    recent: list[tuple[int, Actor]] = []   # (offset, actor) of resolved person speakers
    for att in atts:
        speaker_text = (text[att.speaker_start:att.speaker_end]
                        if att.speaker_start is not None else None)
        actor = None
        if att.speaker_start is not None:
            actor = _actor_for(item, att.speaker_head, (att.speaker_start, att.speaker_end))
            if _is_pronoun(speaker_text):
                if speaker_text.lower() in lex.personal:
                    same = _continuing_speaker(item, recent, att.speaker_start)
                    want = _pronoun_gender(speaker_text)
                    if same is not None and _gender(same) not in (None, want):
                        same = None
                    if actor is not None and _gender(actor) not in (None, want):
                        actor = None   # the actors stage's guess contradicts the pronoun
                    if same is not None and (actor is None or _called(same, speaker_text)):
                        actor = same
                    if actor is None:
                        actor = _nearest_person(item, att.speaker_start, speaker_text)
            else:
                if actor is None or (actor.code is None and actor.kind not in ("person",)
                                     and speaker_text.split()[0].lower() in ("a", "an", "the", "its")):
                    actor = _inside_speaker(item, att, actor) or \
                        _referred_organisation(item, att, speaker_text) or actor
                if actor is None:
                    actor = _fallback_actor(item, att)
        via = None
        if att.via_start is not None:
            via = item.actor_at(att.via_start, att.via_end)
            if via is None:
                tmp = Attribution(0, 0, "indirect", speaker_start=att.via_start,
                                  speaker_end=att.via_end,
                                  speaker_head=(att.via_end - 1, att.via_end))
                via = _fallback_actor(item, tmp)
        if actor is not None and att.speaker_start is not None:
            recent.append((att.speaker_start, actor))
        quotes.append(Quote(
            id=stable_id(doc.id, "quote", att.start, att.end),
            speaker=actor.id if actor else None,
            speaker_text=speaker_text,
            text=" ".join(text[s:e] for s, e in att.parts) if att.parts else text[att.start:att.end],
            kind=att.kind,
            cue=att.cue,
            via=via.id if via else None,
            start=att.start, end=att.end, category=att.category,
            parts=[x for piece in att.parts for x in piece]))
    return quotes
