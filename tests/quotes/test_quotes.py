"""The quotes stage on a short made-up report, parsed once (actors given by hand)."""
from __future__ import annotations

import pytest

from readout.config import load_config
from readout.pipeline import RawArticle, WorkItem
from readout.records import Actor, Document, Mention, stable_id
from readout.nlp.model import load_model
from readout.nlp.sentences import sentences_of
from readout.stages.quotes import QuotesStage
from readout.quotes.find import Finder
from readout.quotes.learned import QuoteModel

ARTICLE = (
    "Ms Ardern said: “We will not back down on this, not now and not ever.”\n\n"
    "“The port will reopen next week,” Mr Okafor told reporters, as he praised the "
    "“remarkable patience” of dock workers.\n\n"
    "She said the plan would “protect every family in the region”.\n\n"
    "Mr Okafor said that the ministry had spent more on repairs than on new ships.\n\n"
    "He described the outcome as a “fair” result.\n\n"
    "The talks were tense, according to state broadcaster KBC.\n\n"
    "Mr Okafor told Ms Ardern that the border would stay open, according to KBC.\n\n"
    "The two signed a “friendship first” accord in the capital.\n\n"
    "Exports rose sharply last year, Treasury data shows.\n\n"
    "With the conflict in Narnia showing little sign of ending, the talks stalled.\n\n"
    "The new terminal, an aide said, will open in May.\n\n"
    "''We will rebuild the docks,'' Mr Okafor said.\n\n"
    "Ms Ardern said the port was safe, and Mr Okafor said the ships were late.\n\n"
    "Mr Okafor criticized the ministry for its slow repairs."
)


def _mentions(text, actor_id, name, kind, *surface):
    out = []
    for s in surface:
        i = -1
        while True:
            i = text.find(s, i + 1)
            if i < 0:
                break
            out.append(Mention(i, i + len(s), s, how="name"))
    return Actor(actor_id, name, None, None, None, kind, out)


@pytest.fixture(scope="module")
def quoted():
    nlp = load_model(load_config().model)
    doc = Document(id="test-quotes", text=ARTICLE)
    item = WorkItem(raw=RawArticle(text=ARTICLE, input_name="<test>"), document=doc)
    item.parsed = nlp(ARTICLE)
    doc.sentences = sentences_of(item.parsed)
    doc.actors = [
        _mentions(ARTICLE, "ardern", "Jacinda Ardern", "person", "Ms Ardern", "She"),
        _mentions(ARTICLE, "okafor", "Ngozi Okafor", "person", "Mr Okafor"),
        _mentions(ARTICLE, "kbc", "KBC", "organisation", "KBC"),
    ]
    QuotesStage().run([item], load_config())
    return item


def _quote_with(item, words):
    found = [q for q in item.document.quotes if words in q.text]
    assert found, f"no quote containing {words!r}: {[q.text for q in item.document.quotes]}"
    return found[0]


@pytest.mark.model
def test_quotes_direct_after_colon_keeps_the_words_inside_the_marks(quoted):
    q = _quote_with(quoted, "We will not back down")
    assert q.kind == "direct" and q.speaker == "ardern" and q.cue == "said"
    assert quoted.document.text[q.start:q.end] == q.text and not q.text.startswith("“")


@pytest.mark.model
def test_quotes_direct_before_its_cue(quoted):
    q = _quote_with(quoted, "The port will reopen")
    assert (q.kind, q.speaker, q.cue) == ("direct", "okafor", "told")


@pytest.mark.model
def test_quotes_short_phrase_under_an_evaluative_verb_goes_to_its_subject(quoted):
    q = _quote_with(quoted, "remarkable patience")
    assert q.speaker == "okafor" and q.cue == "praised"


@pytest.mark.model
def test_quotes_mixed_quote_by_pronoun(quoted):
    q = _quote_with(quoted, "the plan would")
    assert q.kind == "mixed" and q.speaker == "ardern"


@pytest.mark.model
def test_quotes_indirect_with_that(quoted):
    q = _quote_with(quoted, "the ministry had spent")
    assert q.kind == "indirect" and q.speaker == "okafor" and q.cue == "said"


@pytest.mark.model
def test_quotes_according_to_is_speaker_alone_and_channel_beside_a_speaker(quoted):
    alone = _quote_with(quoted, "The talks were tense")
    assert alone.speaker == "kbc" and alone.cue == "according to" and alone.via is None
    assert alone.text == "The talks were tense"
    told = _quote_with(quoted, "the border would stay open")
    assert told.speaker == "okafor" and told.via == "kbc"


@pytest.mark.model
def test_quotes_scare_quotes_without_a_cue_are_not_quotes(quoted):
    assert not any("friendship first" in q.text and q.kind == "direct" for q in quoted.document.quotes)


@pytest.mark.model
def test_quotes_data_shows_gives_the_owner_of_the_data(quoted):
    q = _quote_with(quoted, "Exports rose sharply")
    assert q.cue == "shows" and q.speaker_text == "Treasury"
    assert quoted.document.actor(q.speaker).name == "Treasury"   # made by the stage as a fallback


@pytest.mark.model
def test_quotes_naming_verb_gives_a_one_word_quote_to_an_unresolved_pronoun(quoted):
    q = _quote_with(quoted, "fair")
    assert q.cue == "described" and q.speaker == "okafor"   # the person quoted just before


@pytest.mark.model
def test_quotes_pronoun_does_not_jump_over_another_named_person(quoted):
    # "She said …" follows a quote by Mr Okafor; the actors stage's "She" → Ardern stands
    assert _quote_with(quoted, "the plan would").speaker == "ardern"


@pytest.mark.model
def test_quotes_ids_are_stable_and_offsets_valid(quoted):
    for q in quoted.document.quotes:
        assert q.id == stable_id("test-quotes", "quote", q.start, q.end)
        assert 0 <= q.start < q.end <= len(ARTICLE)


@pytest.mark.model
def test_quotes_evidence_verb_needs_a_source_and_no_actor_is_made_from_a_modifier(quoted):
    assert not any(q.cue == "showing" for q in quoted.document.quotes)
    assert not any(a.name == "Narnia" for a in quoted.document.actors)


@pytest.mark.model
def test_quotes_reporting_clause_inside_the_sentence_gives_the_whole_sentence(quoted):
    q = _quote_with(quoted, "The new terminal")
    assert q.text == "The new terminal, an aide said, will open in May"
    assert q.speaker_text == "an aide" and q.speaker is None and q.cue == "said"


@pytest.mark.model
def test_quotes_doubled_apostrophes_are_quote_marks(quoted):
    q = _quote_with(quoted, "We will rebuild the docks")
    assert (q.kind, q.speaker, q.text) == ("direct", "okafor", "We will rebuild the docks")


@pytest.mark.model
def test_quotes_second_report_in_a_coordinated_sentence_is_its_own_quote(quoted):
    safe, late = _quote_with(quoted, "the port was safe"), _quote_with(quoted, "the ships were late")
    assert safe is not late and "ships" not in safe.text
    assert (safe.speaker, late.speaker) == ("ardern", "okafor")


@pytest.mark.model
def test_quotes_stance_verb_with_object_and_complement(quoted):
    q = _quote_with(quoted, "the ministry for its slow repairs")
    assert q.speaker == "okafor" and q.cue == "criticized" and q.kind == "indirect"


@pytest.mark.model
def test_quotes_naming_verb_content_runs_to_the_end_of_its_phrase(quoted):
    assert _quote_with(quoted, "fair").text == "the outcome as a “fair” result"


@pytest.mark.model
def test_quotes_addressee_of_a_quoted_cue_is_not_a_quote(quoted):
    # "“…,” Mr Okafor told reporters": the cue has its quotation; even a scorer that takes
    # every object adds nothing for a cue the rules already used
    eager = QuoteModel({"TB=dobj": 10.0}, bias=-5.0, threshold=0.5, version="test")
    found = Finder(quoted.parsed, model=eager).find()
    text = quoted.document.text
    assert not any(text[a.start:a.end] == "reporters" for a in found)
    assert any(a.how.startswith("learned:") for a in found)
