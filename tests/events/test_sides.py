"""Filling an event's sides from the clause (issue 13): the doer of a gerund after "in"/"by" is
the verb's subject, a conjunct keeps its own voice, criticism received from a named giver is
aimed at the receiver, and a legal act in the passive is by the authorities of the country it
happens in. Invented sentences, not from any article; each row gives the event that must be
coded with its source and target countries (None: no side) and, where one is, an event that
must not."""
from __future__ import annotations

import pytest

import readout

from . import one_sided

PUBLISHED = "2016-03-01"

# sentence, wanted (type, cameo prefix, source country, target country, status), forbidden (type, cameo prefix) or None
CASES = [
    # the doer of a gerund under "in"/"while"/"by" is the subject, not the verb's object
    ("Senator Lindsey Graham, who has thrown restraint to the winds in denouncing President Obama, spoke on Friday.",
     ("ACCUSE", "11", "USA", "USA", "occurred"), None),
    ("Russia has strained its ties with Japan by attacking Ukraine.",
     ("ASSAULT", "1", "RUS", "UKR", "occurred"), None),
    # a conjunct in the passive: its shared subject is the one acted on
    ("ATHENS, Greece - The Greek police officer, who shot the boy and has now been charged with murder, was "
     "based in Athens.", ("COERCE", "173", "GRC", "GRC", "occurred"), None),
    # pressure, warnings and threats put "on" someone: the object of "on" is the target
    ("The European Union stepped up pressure on Turkey on Monday to free the journalists.",
     ("REQUEST", "10", "EUR", "TUR", "occurred"), None),
    # two politicians clashing argue: criticism, not a fight
    ("Governor Chris Christie clashed with Senator Rand Paul during the debate.",
     ("ACCUSE", "11", "USA", "USA", "occurred"), ("ASSAULT", "19")),
    # criticism received from a named giver: the giver's act on the receiver, one event
    ("President Obama has faced criticism from Senator Ted Cruz over the deal.",
     ("ACCUSE", "111", "USA", "USA", "occurred"), None),
    ("Chancellor Angela Merkel rejected criticism from President Vladimir Putin on Monday.",
     ("ACCUSE", "111", "RUS", "DEU", "occurred"), ("REJECT", "12")),
    ("President Erdogan dismissed accusations by the European Union on Tuesday.",
     ("ACCUSE", "11", "EUR", "TUR", "occurred"), None),
    # ... an appeal rejected stays a rejection of the appeal
    ("President Ouattara rejected an appeal from Laurent Gbagbo.", ("REJECT", "12", "CIV", "CIV", "occurred"),
     ("REQUEST", "0")),
    # legal acts in the passive with no agent: the police or courts of the country
    ("NEW YORK - Guillermo Hernandez, 20, was arrested Friday in New York.",
     ("COERCE", "173", "USA", "USA", "occurred"), ("ACCUSE", "09")),
    ("ATHENS, Greece - Vassilios Saraliotis, 31, was charged with being an accomplice in Athens.",
     ("COERCE", "173", "GRC", "GRC", "occurred"), ("ACCUSE", "11")),
    ("CAIRO, Egypt - More than 400 protesters have been detained in Cairo since Friday.",
     ("COERCE", "173", "EGY", "EGY", "occurred"), None),
    # violence aimed "at" someone: the target, also past the weapon ("fired tear gas at")
    ("CAIRO, Egypt - Egyptian riot police fired tear gas at the protesters in Cairo on Friday.",
     ("ASSAULT", "17", "EGY", "EGY", "occurred"), None),
    ("KABUL - Taliban fighters fired at Afghan soldiers near Kabul on Sunday.",
     ("ASSAULT", "19", "AFG", "AFG", "occurred"), None),
    # a meeting's partner hanging on the agent's phrase
    ("The meetings held by the US and UK foreign secretaries with the Saudi leadership in Jeddah ended on Monday.",
     ("CONSULT", "04", "USA", "SAU", "occurred"), None),
    # a "subject" after a to-infinitive is its object, misparsed; assailing a politician is criticism
    ("Speaker Melissa Mark-Viverito took to the steps of City Hall to assail Senator Bernie Sanders.",
     ("ACCUSE", "111", "USA", "USA", "occurred"), ("ASSAULT", "19")),
    # a purpose shares its act's status
    ("Secretary Clinton said the United States should send more special forces into Syria to combat ISIS.",
     ("ASSAULT", "19", "USA", None, "intended"), None),
    # an endorsement won or received: the giver's support of the receiver
    ("Senator Ted Cruz won the endorsement of Governor Mary Fallin of Oklahoma on Monday.",
     ("SUPPORT", "051", "USA", "USA", "occurred"), ("CONSULT", "04")),
    # a politician attacking a person named without office is still speaking
    ("When Donald Trump attacked a federal judge in Indiana, Hispanic Americans were outraged.",
     ("ACCUSE", "111", "USA", "USA", "occurred"), ("ASSAULT", "1")),
    # a word of a name is not the word: "New York" does not make an arrest an investigation
    ("Police arrested two men in New York on Friday.", ("COERCE", "173", "USA", "USA", "occurred"), ("ACCUSE", "09")),
]


def _country(d, actor_id):
    a = d.actor(actor_id) if actor_id else None
    return a.country if a is not None else None


@pytest.mark.parametrize("text,wanted,forbidden", CASES, ids=[c[0][:40] for c in CASES])
def test_sides_filled_from_the_clause(text, wanted, forbidden):
    d = readout.extract_text(text, published=PUBLISHED)
    coded = [(e.type, e.cameo, _country(d, e.source), _country(d, e.target), e.status) for e in d.events]
    typ, prefix, src, tgt, status = wanted
    assert any(t == typ and c.startswith(prefix) and s == src and (g == tgt or (g or "").startswith(tgt or "-"))
               and st == status for t, c, s, g, st in coded), coded
    if forbidden is not None:
        assert not any(t == forbidden[0] and c.startswith(forbidden[1]) for t, c, *_ in coded), coded


def test_received_criticism_is_one_event_not_two():
    d = readout.extract_text("President Obama has faced criticism from Senator Ted Cruz over the deal.",
                             published=PUBLISHED)
    accusations = [e for e in d.events if e.type == "ACCUSE"]
    assert len(accusations) == 1, [(e.trigger, e.source, e.target) for e in d.events]


def test_a_protest_with_no_named_target_is_aimed_at_the_protesters_country():
    # CAMEO codes domestic dissent against the protesters' own country ([roles] protest_own_country)
    d = one_sided.extract_text("ATHENS, Greece - Greek students announced new rallies on Sunday.",
                               published=PUBLISHED)
    coded = [(e.type, _country(d, e.source), _country(d, e.target)) for e in d.events]
    assert ("PROTEST", "GRC", "GRC") in coded, coded


def test_a_relative_clause_speaker_keeps_its_accusation():
    d = readout.extract_text("The investigation was done by a UN panel, which said the Syrian army carried out two "
                             "chemical attacks, and also accused ISIS of carrying out a mustard gas attack.",
                             published=PUBLISHED)
    acc = [e for e in d.events if e.type == "ACCUSE" and e.target and d.actor(e.target).code.startswith("IMG")]
    assert acc and d.actor(acc[0].source).code.startswith("IGO"), [(e.type, e.source, e.target) for e in d.events]


# sentence, (source country+sector prefix, target name part) of the criticism that must be coded, or None
VERDICTS = [
    ("Senator Elizabeth Warren said Donald Trump is dangerous.", ("USA", "Trump")),
    ("Supreme Court Justice Ruth Bader Ginsburg said she feels Donald Trump is unfit to be president.",
     ("USAJUD", "Trump")),
    ("\"Donald Trump is a dictator in the making,\" said Senator Ted Cruz on Friday.", ("USA", "Trump")),
    # doubt cast on an actor's qualities: "in question", "in doubt"
    ("Senator Marco Rubio said Governor Jeb Bush's judgment and honesty are in question.", ("USA", "Bush")),
    ("Senator Marco Rubio said Governor Jeb Bush's credibility is in doubt after the debate.", ("USA", "Bush")),
    # no verdict: negated, asked, or nobody's word
    ("Senator Marco Rubio said the man in question was Governor Jeb Bush.", None),
    ("Senator Elizabeth Warren said Donald Trump is not dangerous.", None),
    ("Senator Elizabeth Warren asked whether Donald Trump is dangerous?", None),
    ("Donald Trump is dangerous to many voters.", None),
]


@pytest.mark.parametrize("text,wanted", VERDICTS, ids=[c[0][:40] for c in VERDICTS])
def test_a_speakers_damning_verdict_is_criticism(text, wanted):
    d = readout.extract_text(text, published=PUBLISHED)
    acc = [(d.actor(e.source).code or "", d.actor(e.target).name) for e in d.events
           if e.type == "ACCUSE" and e.source and e.target]
    if wanted is None:
        assert not acc, acc
    else:
        assert any(s.startswith(wanted[0]) and wanted[1] in t for s, t in acc), acc
