"""Attributions become `Quote` records with their speakers.

Finding the attributions is `find` (parse + quote marks + cue lexicon); this
module turns them into `Quote` records: the speaker and the channel (`via`) become
actor ids through the actors stage's mentions (`WorkItem.actor_at`). A pronoun the
actors stage left unresolved goes to the last person quoted nearby; a named speaker
it does not know becomes a small actor of its own (kind from the parser's entity
label), so that every quote with a named source is queryable by speaker.
"""
from __future__ import annotations

from ..actors.knowledge import knowledge
from ..actors.mentions import inside_title_phrase
from ..records import Actor, Mention, Quote, stable_id
from ..work import WorkItem
from .attribution import Attribution
from .cues import cue_lexicon
from .find import find_attributions
from ..actors.names import name_gender

# How far back (in characters) an unresolved "he"/"she" may look for its speaker.
PRONOUN_REACH = 1500
# A name the parser took for an organisation's is read as a person's only with a first name
# this common (knowledge/first_names.tsv births): "Julia Romano", not "Belton Airways".
COMMON_NAME = 20000


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


def _named_inside(item: WorkItem, start: int, end: int):
    """'a spokeswoman for the Ministry of Transport': the proper-noun run after for/of/at/from
    in a speaker phrase whose head is a common noun ("of" and "and" may join its words)."""
    span = item.parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    toks = list(span)
    for k, t in enumerate(toks):
        if t.lower_ not in ("for", "of", "at", "from") or t.pos_ != "ADP":
            continue
        j = k + 1
        while j < len(toks) and toks[j].pos_ == "DET":
            j += 1
        run = []
        while j < len(toks):
            x = toks[j]
            if x.pos_ == "PROPN":
                run.append(x)
            elif x.lower_ in ("of", "and", "&") and run and j + 1 < len(toks) and toks[j + 1].pos_ == "PROPN":
                run.append(x)
            else:
                break
            j += 1
        if run and _names_the_object(run, toks, j):
            return run
    return []


# Entity labels that name no speaker: "organisers of Friday's march" is spoken by no "Friday".
_NOT_SPEAKER_LABELS = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"})


def _names_the_object(run: list, toks: list, after: int) -> bool:
    """The run is the preposition's object itself, not a possessor inside it ("of Friday's
    march") nor a date."""
    if after < len(toks) and toks[after].tag_ == "POS":
        return False
    return run[-1].ent_type_ not in _NOT_SPEAKER_LABELS


def _new_actor(item: WorkItem, s: int, e: int, label: str) -> Actor:
    """A small actor of the quotes stage for a named speaker (kind from the entity label)."""
    name = item.document.text[s:e]
    kind = "person" if label == "PERSON" or (label not in ("ORG", "GPE", "NORP") and name_gender(name)) \
        else "organisation"
    aid = stable_id(item.document.id, "actor", "speaker", name)
    actor = Actor(id=aid, name=name, country=None, sector=None, code=None, kind=kind)
    return item.actors.add(actor, Mention(s, e, name, how="speaker"), by="quotes")


def _fallback_actor(item: WorkItem, att: Attribution) -> Actor | None:
    """An actor for a named speaker the actors stage did not resolve (none for common nouns)."""
    if att.speaker_head is None:
        return None
    toks = _named_tokens(item, att.speaker_start, att.speaker_end, att.speaker_head)
    if not toks:
        head = item.parsed.char_span(*att.speaker_head, alignment_mode="expand")
        if head is None or head[-1].pos_ != "NOUN":
            return None
        toks = _named_inside(item, att.speaker_start, att.speaker_end)
        if not toks:
            return None
    if inside_title_phrase(item.parsed, toks[0].i, toks[-1].i + 1, knowledge()):
        return None     # "Secretary" or "State" of "the Secretary of State": a title's words
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
    return _new_actor(item, s, e, toks[-1].ent_type_)


def _entity_before(item: WorkItem, at: int, labels: tuple[str, ...], want: str | None = None):
    """The nearest named entity of `labels` in the paragraph of `at` and the one before that no
    actor holds (a person's gender, when known, must be `want`): a new actor, else None."""
    lo = _paragraph_window(item.document.text, at)
    doc = item.parsed
    for ent in sorted(doc.ents, key=lambda x: -x.start_char):
        if not (lo <= ent.start_char and ent.end_char <= at) or ent.label_ not in labels:
            continue
        if item.actor_at(ent.start_char, ent.end_char) is not None:
            continue
        first = ent.start
        while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].text[:1].isupper():
            first -= 1   # "Ana Ferreira" where the entity is "Ferreira"
        start = doc[first].idx
        name = item.document.text[start:ent.end_char]
        if want is not None:
            g = name_gender(name, min_births=0 if ent.label_ == "PERSON" else COMMON_NAME)
            if want != "any" and g not in (None, want) or ent.label_ != "PERSON" and g is None:
                continue   # an organisation or place label is a person only with a common first name
        return _new_actor(item, start, ent.end_char, "PERSON" if want else ent.label_)
    return None


def _continuing_speaker(item: WorkItem, recent: list[tuple[int, Actor]], at: int) -> Actor | None:
    """'Mr Putin added that … He said that …': a he/she speaker is the last person quoted,
    when that was recent and no other person was named in between (news keeps the subject)."""
    for off, a in reversed(recent):
        if at - off > PRONOUN_REACH:
            return None
        if not _is_person(a):
            continue
        lex = cue_lexicon()
        for other in item.document.actors:
            if other is a or not _is_person(other):
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


def _is_person(actor: Actor) -> bool:
    """A person, or an actor the actors stage took for an organisation whose name is a
    person's (a listed first name and a surname: "Julia Romano")."""
    if actor.kind == "person":
        return True
    words = actor.name.split()
    return actor.kind == "organisation" and 2 <= len(words) <= 3 \
        and all(w[:1].isupper() and w.lower() not in cue_lexicon().org_nouns for w in words) \
        and name_gender(actor.name, min_births=COMMON_NAME) is not None


def _full_names(text: str, actor: Actor) -> list[str]:
    """The actor's name and named mentions, a one-word mention with the capitalised word
    before it ("Beatriz Luna" where the actors stage kept "Luna")."""
    out = [actor.name]
    for m in actor.mentions:
        if m.how == "pronoun":
            continue
        out.append(m.text)
        if " " not in m.text.strip() and text is not None:
            before = text[max(0, m.start - 30):m.start].split()
            if before and before[-1].isalpha() and before[-1][:1].isupper() \
                    and text[m.start - 1:m.start] == " ":
                out.append(before[-1] + " " + m.text)
    return out


def _gender(actor: Actor, text: str | None = None) -> str | None:
    """'female' or 'male' when the actor's own mentions say so (titles, gendered nouns),
    else by the first name of a person named in full (knowledge/first_names.tsv)."""
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
        if not _is_person(actor):
            return None
        names = _full_names(text, actor)
        found = {g for g in (name_gender(n, lex.honorifics) for n in names) if g}
        return found.pop() if len(found) == 1 else None
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
    text = item.document.text
    unknown_role = None   # "the city's mayor": a role of unknown gender, if no named person fits
    for _, a in _named_before(item, at, ("person", "organisation")):
        if not _is_person(a):
            continue
        g = _gender(a, text)
        if want is None or g == want:
            return a
        if g is None:
            if all(m.how in ("role", "pronoun") for m in a.mentions):
                unknown_role = unknown_role or a
                continue
            return a
    if unknown_role is not None:
        return unknown_role
    # a person the actors stage did not keep ("Ana Ferreira runs a bakery …")
    return _entity_before(item, at, ("PERSON", "ORG", "GPE"), want or "any")


def _referred_organisation(item: WorkItem, att: Attribution, speaker_text: str) -> Actor | None:
    """'the company said', 'its spokeswoman said', 'a bank spokesman said': the nearest
    organisation named before, in this paragraph or the one before."""
    lex = cue_lexicon()
    words = speaker_text.lower().replace("'s", " ").replace("’s", " ").split()
    if not any(w in lex.org_nouns for w in words) or any(w[:1].isupper() for w in speaker_text.split()[1:]):
        return None
    for _, a in _named_before(item, att.speaker_start, ("organisation", "igo", "group")):
        if a.name.lower() not in words and not _is_person(a):
            return a
    return _entity_before(item, att.speaker_start, ("ORG",))


def _inside_speaker(item: WorkItem, att: Attribution, actor: Actor | None) -> Actor | None:
    """'a spokesman for Coral Rail': an actor named inside the speaker phrase speaks through it."""
    phrase = item.document.text[att.speaker_start:att.speaker_end]
    for a in item.document.actors:
        if a is actor:
            continue
        if any(att.speaker_start <= m.start and m.end <= att.speaker_end and m.how != "pronoun"
               for m in a.mentions):
            return a
    for a in item.document.actors:   # named again in the phrase, where no mention was made
        if a is not actor and a.kind != "person" and len(a.name) > 2 and a.name in phrase:
            return a
    return None


def _role_only(actor: Actor) -> bool:
    """An actor known only by a role noun ("the airline"), never by a name."""
    return all(m.how in ("role", "pronoun") for m in actor.mentions)


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
                    if same is not None and _gender(same, text) not in (None, want):
                        same = None
                    if actor is not None and _gender(actor, text) not in (None, want):
                        actor = None   # the actors stage's guess contradicts the pronoun
                    if same is not None and (actor is None or _called(same, speaker_text)):
                        actor = same
                    if actor is None:
                        actor = _nearest_person(item, att.speaker_start, speaker_text)
            else:
                generic = speaker_text.split()[0].lower() in ("a", "an", "the", "its")
                if actor is None or generic and (actor.code is None and actor.kind not in ("person",)
                                                 or _role_only(actor)):
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


def actor_gender(actor: Actor, text: str | None = None) -> str | None:
    """'female' / 'male' / None for an actor (its mentions' titles and nouns, else a full
    first name): shared with the events stage's pronoun fallback."""
    return _gender(actor, text)

