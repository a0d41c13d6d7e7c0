"""The number reader without a parse: money, per cent, fractions, ranks, physical units."""
import pytest

from readout.figures.quantities import find_quantities, number_value, unit_code


def _one(text):
    found = find_quantities(text)
    assert len(found) == 1, [(text[q.start:q.end], q.value, q.unit) for q in found]
    q = found[0]
    return text[q.start:q.end], q.value, q.unit


@pytest.mark.parametrize("text,span,value,unit", [
    ("It shipped 13.8 billion cubic metres of gas.", "13.8 billion cubic metres", 13.8e9, "m3"),
    ("Output fell 3.5 bcm in a year.", "3.5 bcm", 3.5e9, "m3"),
    ("The fund pledged US$5.2bn on Monday.", "US$5.2bn", 5.2e9, "USD"),
    ("Congress approved $70 billion in aid.", "$70 billion", 70e9, "USD"),
    ("a $48.2 million deal", "$48.2 million", 48.2e6, "USD"),
    ("It was given a S$300k grant.", "S$300k", 3e5, "SGD"),
    ("The bank lent 100 million yuan.", "100 million yuan", 1e8, "CNY"),
    ("The bill came to EUR 5bn.", "EUR 5bn", 5e9, "EUR"),
    ("Prices rose 18 per cent last year.", "18 per cent", 18, "%"),
    ("Prices rose 4.5% last year.", "4.5%", 4.5, "%"),
    ("Turnout fell by about twenty percent.", "about twenty percent", 20, "%"),
    ("Rates went up 2.5 percentage points.", "2.5 percentage points", 2.5, "pp"),
    ("Russia is the second-largest supplier.", "second-largest", 2, "rank"),
    ("Nearly two-thirds of voters agreed.", "Nearly two-thirds", 66.6667, "%"),
    ("The field makes 1.5 million barrels per day.", "1.5 million barrels per day", 1.5e6, "bbl/d"),
    ("The road is 20 km long.", "20 km", 20, "km"),
    ("The parcel weighs 25 pounds.", "25 pounds", 25, "lb"),
    ("He was fined 500 pounds.", "500 pounds", 500, "GBP"),
    ("He is 5 ft 2 in tall.", "5 ft 2 in", 5 + 2 / 12, "ft"),
])
def test_figures_parse_reads_value_and_unit(text, span, value, unit):
    got_span, got_value, got_unit = _one(text)
    assert got_span == span and got_unit == unit
    assert got_value == pytest.approx(value, rel=1e-3)


@pytest.mark.parametrize("text", [
    "He met the president in 2019.",
    "He has lost his pen 7 times since Monday.",
    "They tried hard.",
])
def test_figures_parse_finds_nothing_in_plain_years_and_words(text):
    assert find_quantities(text) == []


def test_figures_parse_number_words_and_separators():
    assert number_value("twenty-two") == 22
    assert number_value("one hundred") == 100
    assert number_value("1,200") == 1200
    assert number_value("12,34,567.89") == pytest.approx(1234567.89)
    assert number_value("a quarter") == 0.25
    assert number_value("banana") is None


def test_figures_parse_unit_names_from_other_tools_map_to_codes():
    assert unit_code("cubic metre") == unit_code("Cubic meter") == "m3"
    assert unit_code("United States dollar") == "USD"
    assert unit_code("Kilometers") == "km"
    assert unit_code("inverse femtobarn") is None
