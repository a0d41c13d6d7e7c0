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
                    if same is not None and (actor is None or _called(same, speaker_text)):
                        actor = same
            elif actor is None:
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
            text=text[att.start:att.end],
            kind=att.kind,
            cue=att.cue,
            via=via.id if via else None,
            start=att.start, end=att.end, category=att.category))
    return quotes
