"""The figures stage on a made-up report: measure, period and claimant (times and actors given)."""
from __future__ import annotations

import pytest

from readout.config import load_config
from readout.pipeline import RawArticle, WorkItem
from readout.records import Actor, Document, Mention, TimeExpression, stable_id
from readout.stages.figures import FiguresStage
from readout.nlp.model import load_model
from readout.nlp.sentences import sentences_of
from readout.stages.quotes import QuotesStage

ARTICLE = (
    "Mr Okafor said that the port handled 4.2 million tonnes of grain shipped to Asia "
    "in the first half of 2023.\n\n"
    "Fuel imports will fall this year by around 12 per cent compared to 2022, according to "
    "the World Bank.\n\n"
    "About 1,200 troops arrived in the Group of 20 host city on Monday.\n\n"
    "The government approved a $70 billion aid package."
)


def _at(text, s, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.find(s, i + 1)
    return i, i + len(s)


@pytest.fixture(scope="module")
def figured():
    nlp = load_model(load_config().model)
    doc = Document(id="test-figures", text=ARTICLE)
    item = WorkItem(raw=RawArticle(text=ARTICLE, input_name="<test>"), document=doc)
    item.parsed = nlp(ARTICLE)
    doc.sentences = sentences_of(item.parsed)
    s, e = _at(ARTICLE, "first half of 2023")
    doc.times.append(TimeExpression("first half of 2023", s, e, "2023-01-01", "2023-06-30", "half"))
    s, e = _at(ARTICLE, "this year")
    doc.times.append(TimeExpression("this year", s, e, "2024-01-01", "2024-12-31", "year"))
    s, e = _at(ARTICLE, "2022")
    doc.times.append(TimeExpression("2022", s, e, "2022-01-01", "2022-12-31", "year"))
    s, e = _at(ARTICLE, "Monday")
    doc.times.append(TimeExpression("Monday", s, e, "2024-05-06", "2024-05-06", "day"))
    doc.times.sort(key=lambda t: t.start)
    doc.actors = [
        Actor("okafor", "Ngozi Okafor", "NGA", "GOV", "NGAGOV", "person",
              [Mention(*_at(ARTICLE, "Mr Okafor"), "Mr Okafor")]),
        Actor("wb", "World Bank", None, "IGO", "IGOWBK", "igo",
              [Mention(*_at(ARTICLE, "World Bank"), "World Bank")]),
    ]
    QuotesStage().run([item], load_config())
    FiguresStage().run([item], load_config())
    return item


def _figure(item, text):
    found = [f for f in item.document.figures if text in f.text]
    assert found, [f.text for f in item.document.figures]
    return found[0]


@pytest.mark.model
def test_figures_quoted_physical_figure_has_measure_period_and_claimant(figured):
    f = _figure(figured, "4.2 million tonnes")
    assert (f.value, f.unit) == (4.2e6, "t")
    assert f.measure == "grain shipped to Asia"
    assert (f.period.start_date, f.period.end_date) == ("2023-01-01", "2023-06-30")
    assert f.claimant == "okafor"


@pytest.mark.model
def test_figures_percent_takes_subject_and_skips_the_comparison_year(figured):
    f = _figure(figured, "12 per cent")
    assert f.unit == "%" and f.value == 12 and f.measure == "Fuel imports"
    assert f.period.start_date == "2024-01-01"       # "this year", not "compared to 2022"
    assert f.claimant == "wb"


@pytest.mark.model
def test_figures_count_has_null_unit_and_names_are_not_counts(figured):
    f = _figure(figured, "1,200")
    assert f.unit is None and f.value == 1200 and f.measure == "troops" and f.claimant is None
    assert not any(fig.text == "20" for fig in figured.document.figures)


@pytest.mark.model
def test_figures_money_modifying_a_noun_measures_that_noun(figured):
    f = _figure(figured, "$70 billion")
    assert (f.value, f.unit, f.measure) == (70e9, "USD", "aid package")
    assert f.id == stable_id("test-figures", "figure", f.start, f.end)
    assert ARTICLE[f.start:f.end] == f.text
