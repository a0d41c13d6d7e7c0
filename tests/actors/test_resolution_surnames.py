"""A surname alone, a given name alone and full names: resolution that uses the article.

Rules (issue 14): full-name matches first; a surname (or given name) alone names a person
already named in full in the article, or a knowledge person only with strong context (the
country the text or the article gives, a title that fits the office); never a namesake of
another country; a given name alone never matches someone's surname. Unknown persons keep
no country unless a cue in the text gives one.
"""
from __future__ import annotations

import datetime as dt

import pytest

from readout.actors import resolve_actor
from readout.actors.knowledge import knowledge, split_code

from .test_actors import run_actors

US = ("The US Congress met in Washington on Monday. Americans in Ohio and Texas watched the debate "
      "in the United States closely.\n\n")

ARTICLES = {
    # a US justice who shares a surname with a person of another country in the knowledge
    "justice": ("2016-07-13", "Trump demands {S} resign\n\n" + US +
                "Donald Trump called on Supreme Court Justice Ruth Bader {S} to resign. "
                "{S} said in Washington she would not.\n\n{S} later apologised in the US."),
    "governor": ("2016-02-07", US + "New Jersey Gov. Chris {S2} attacked Marco Rubio in Iowa. "
                 "{S2} said Rubio was not ready.\n\nMr {S2} spoke again in the United States."),
    "given": ("2016-03-01", US + "Bernie Sanders won in Vermont. Bernie told supporters in the US "
              "that the fight was not over. Sanders thanked them."),
    "headline": ("2016-04-26", "Sanders will back Clinton\n\n" + US +
                 "Bernie Sanders said in Washington he would back Hillary Clinton in the United States."),
    "spokesman": ("2016-06-01", "A UN refugee agency spokesman, Adrian {S3}, said thousands had fled "
                  "Syria. {S3} said the agency was worried about Syria."),
}


def one_country_surname(exclude: set[str], min_len: int = 5) -> tuple[str, str]:
    """A surname the knowledge gives only to persons of one (non-US) country, and not a name key
    of its own: (Surname, country)."""
    k = knowledge()
    for token, idxs in sorted(k.surnames.items()):
        if len(token) < min_len or not token.isalpha() or token in k.names or token in k.places \
                or token in k.roles or token in k.demonyms or token in exclude:
            continue
        ents = [k.entry(i) for i in idxs]
        if len(ents) != 1 or ents[0].kind != "person":
            continue
        cs = {split_code(r.code, k.regions)[0] for r in ents[0].roles}
        cs.discard(None)
        if len(cs) == 1 and "USA" not in cs and not (cs & k.regions):
            return token.capitalize(), cs.pop()
    raise AssertionError("no one-country surname in the knowledge")


@pytest.fixture(scope="module")
def surnames():
    s1 = one_country_surname(set())
    s2 = one_country_surname({s1[0].lower()})
    s3 = one_country_surname({s1[0].lower(), s2[0].lower()})
    return s1, s2, s3


@pytest.fixture(scope="module")
def docs(surnames):
    (s1, _), (s2, _), (s3, _) = surnames
    arts = {name: (date, text.format(S=s1, S2=s2, S3=s3)) for name, (date, text) in ARTICLES.items()}
    return {name: it.document for name, it in run_actors(arts).items()}


def actors_mentioning(doc, word):
    return [a for a in doc.actors if any(word in m.text.split() for m in a.mentions)]


def test_resolution_surname_of_a_person_named_in_full_is_that_person(docs, surnames):
    (s1, c1), (s2, c2), (s3, c3) = surnames
    for name, word, foreign in (("justice", s1, c1), ("governor", s2, c2), ("spokesman", s3, c3)):
        found = actors_mentioning(docs[name], word)
        assert len(found) == 1, (name, [(a.name, a.code) for a in found])
        a = found[0]
        assert a.country != foreign, (name, a)
        assert len({m.text for m in a.mentions if word in m.text}) >= 2, a
    a = actors_mentioning(docs["justice"], s1)[0]
    assert "Ruth" in a.name and a.country == "USA", a   # the domestic default gives the country


def test_resolution_given_name_alone_is_the_person_named_in_full(docs):
    found = actors_mentioning(docs["given"], "Bernie")
    assert len(found) == 1 and found[0].name == "Bernie Sanders", [(a.name, a.code) for a in found]
    assert {m.text for m in found[0].mentions} >= {"Bernie Sanders", "Bernie", "Sanders"}


def test_resolution_surname_before_the_full_name_joins_it(docs):
    found = actors_mentioning(docs["headline"], "Sanders")
    assert len(found) == 1 and found[0].kind == "person", [(a.name, a.kind) for a in found]
    assert found[0].name == "Bernie Sanders"


# phrase, date, expected country (None = no country), name substring or ""
def phrase_cases(surnames):
    (s1, c1), (s2, c2), _ = surnames
    k = knowledge()
    return [
        (s1, "2016-06-01", None, s1),                       # a surname alone: nobody in particular
        (f"Mr {s1}", "2016-06-01", None, s1),               # an honorific is not strong context
        (f"{k.demonym(c1)} official {s1}", "2016-06-01", c1, ""),   # the text gives the country
        (f"{k.demonym(c2)} politician {s2}", "2016-06-01", c2, ""),
        (f"Chris {s2}", "2016-06-01", None, f"Chris {s2}"),  # another given name: not the namesake
    ]


def test_resolution_surname_phrases(surnames):
    for text, date, country, name in phrase_cases(surnames):
        a = resolve_actor(text, date=date)
        assert a is not None, text
        assert a.country == country, (text, a)
        assert name in a.name, (text, a)


def test_resolution_title_that_fits_only_one_country_resolves_a_surname():
    """A title fitting persons of two countries leaves the surname to the article."""
    k = knowledge()
    d = dt.date(2016, 6, 1)
    for token, idxs in k.surnames.items():
        ents = [k.entry(i) for i in idxs if k.entry(i).kind == "person"]
        if token in k.names or len(ents) < 2:
            continue
        countries = {split_code(r.code, k.regions)[0] for e in ents for r in e.roles if "GOV" in r.code}
        countries.discard(None)
        if len(countries) < 2:
            continue
        a = resolve_actor(f"Minister {token.capitalize()}", date=d)
        assert a is None or a.country is None, (token, a)
        break
    else:
        pytest.skip("no surname shared across countries")


def foreign_short_party():
    """An acronym or one-word name the knowledge gives only to a party of one non-US country."""
    k = knowledge()
    for key, idxs in sorted(k.names.items()):
        if " " in key or not key.isalpha() or len(idxs) != 1 or key in k.country_names or key in k.demonyms:
            continue
        e = k.entry(idxs[0])
        codes = {r.code for r in e.roles}
        if e.kind != "organisation" or not codes or not all(split_code(c, k.regions)[1] == "PTY" for c in codes):
            continue
        cs = {split_code(c, k.regions)[0] for c in codes}
        if len(cs) == 1 and None not in cs and "USA" not in cs and not (cs & k.regions):
            surface = key.upper() if key in k.upper_only else key.capitalize()
            return surface, cs.pop()
    pytest.skip("no one-word party name in the knowledge")


def test_resolution_short_party_name_of_a_country_the_article_never_names_is_not_that_party():
    surface, country = foreign_short_party()
    k = knowledge()
    other = {"text": (f"The {surface} spokesman spoke in Ohio on Monday. Voters in Texas said the {surface} "
                      f"was wrong, and the {surface} said it would appeal in the United States."),
             "home": (f"The {surface} said in {k.country_name(country)} on Monday that it would "
                      f"appeal, and the {surface} won votes in {k.country_name(country)}.")}
    docs = {n: it.document for n, it in run_actors({n: ("2016-06-01", t) for n, t in other.items()}).items()}
    assert not any(a.country == country for a in docs["text"].actors), \
        [(a.name, a.code) for a in docs["text"].actors]
    home = [a for a in docs["home"].actors if any(m.text == surface for m in a.mentions)]
    assert home and home[0].country == country, [(a.name, a.code) for a in docs["home"].actors]
