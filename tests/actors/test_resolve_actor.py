"""Table-driven checks of readout.resolve_actor: phrase and date → country, sector (and kind/name).

Cases are written for this project from public facts (offices and their dates), not taken
from the seed article. `None` as the expectation means "not an actor" (a place, a time, noise).
"""
from __future__ import annotations

import pytest

from readout.actors import resolve_actor

# (phrase, date, country, sector, extra) — extra: {"kind": …, "name": substring of the name}
CASES = [
    # --- full names on a date
    ("Vladimir Putin", "2022-12-30", "RUS", "GOV", {"kind": "person", "name": "Putin"}),
    ("Vladimir Putin", "2009-06-01", "RUS", "GOV", {}),          # prime minister then: still government
    ("Vladimir Putin", "1995-01-01", "RUS", "ELI", {}),          # before office
    ("Xi Jinping", "2022-12-30", "CHN", "GOV", {"kind": "person"}),
    ("Xi Jinping", "2010-05-01", "CHN", "GOV", {}),              # vice president
    ("Joe Biden", "2022-11-14", "USA", "GOV", {"name": "Biden"}),
    ("Joe Biden", "2019-06-01", "USA", "ELI", {}),               # between vice presidency and presidency
    ("Joe Biden", "2025-06-01", "USA", "ELI", {}),
    ("Donald Trump", "2018-03-01", "USA", "GOV", {}),
    ("Donald Trump", "2023-03-01", "USA", "ELI", {}),
    ("Donald Trump", "2025-06-01", "USA", "GOV", {}),
    ("Barack Obama", "2012-01-01", "USA", "GOV", {}),
    ("Barack Obama", "2022-01-01", "USA", "ELI", {}),
    ("Dmitry Medvedev", "2010-01-01", "RUS", "GOV", {}),
    ("Dmitry Medvedev", "2022-12-30", "RUS", "GOV", {}),        # security council deputy chairman
    ("Sergei Lavrov", "2022-04-01", "RUS", "GOV", {}),
    ("Sergey Lavrov", "2022-04-01", "RUS", "GOV", {"name": "Lavrov"}),
    ("Volodymyr Zelensky", "2023-02-24", "UKR", "GOV", {}),
    ("Volodymyr Zelenskyy", "2024-02-24", "UKR", "GOV", {"name": "Zelensky"}),
    ("Emmanuel Macron", "2020-01-01", "FRA", "GOV", {}),
    ("Olaf Scholz", "2023-01-01", "DEU", "GOV", {}),
    ("Angela Merkel", "2015-01-01", "DEU", "GOV", {}),
    ("Angela Merkel", "2023-01-01", "DEU", "ELI", {}),
    ("Friedrich Merz", "2025-06-01", "DEU", "GOV", {}),
    ("Friedrich Merz", "2023-06-01", "DEU", "OPP", {}),
    ("Keir Starmer", "2025-01-01", "GBR", "GOV", {}),
    ("Keir Starmer", "2023-01-01", "GBR", "OPP", {}),
    ("Rishi Sunak", "2023-06-01", "GBR", "GOV", {}),
    ("Boris Johnson", "2021-01-01", "GBR", "GOV", {}),
    ("Narendra Modi", "2023-01-01", "IND", "GOV", {}),
    ("Recep Tayyip Erdogan", "2021-01-01", "TUR", "GOV", {}),
    ("Recep Tayyip Erdoğan", "2021-01-01", "TUR", "GOV", {}),
    ("Luiz Inacio Lula da Silva", "2023-06-01", "BRA", "GOV", {}),
    ("Jair Bolsonaro", "2020-06-01", "BRA", "GOV", {}),
    ("Javier Milei", "2024-06-01", "ARG", "GOV", {}),
    ("Claudia Sheinbaum", "2025-01-15", "MEX", "GOV", {}),
    ("Anthony Albanese", "2023-01-01", "AUS", "GOV", {}),
    ("Justin Trudeau", "2020-01-01", "CAN", "GOV", {}),
    ("Mark Carney", "2025-06-01", "CAN", "GOV", {}),
    ("Fumio Kishida", "2023-01-01", "JPN", "GOV", {}),
    ("Shigeru Ishiba", "2025-01-01", "JPN", "GOV", {}),
    ("Cyril Ramaphosa", "2022-01-01", "ZAF", "GOV", {}),
    ("Yoon Suk Yeol", "2023-01-01", "KOR", "GOV", {}),
    ("Joko Widodo", "2020-01-01", "IDN", "GOV", {}),
    ("Prabowo Subianto", "2025-01-01", "IDN", "GOV", {}),
    ("Mohammed bin Salman", "2023-01-01", "SAU", "GOV", {}),
    ("Giorgia Meloni", "2023-01-01", "ITA", "GOV", {}),
    ("Benjamin Netanyahu", "2022-03-01", "ISR", "OPP", {}),
    ("Benjamin Netanyahu", "2024-03-01", "ISR", "GOV", {}),
    ("Kim Jong Un", "2023-01-01", "PRK", "GOV", {}),
    ("Kim Jong-un", "2023-01-01", "PRK", "GOV", {"name": "Kim Jong"}),
    ("Antonio Guterres", "2023-01-01", None, "IGO", {"name": "Guterres"}),
    ("Jens Stoltenberg", "2022-01-01", "WST", "IGO", {}),
    ("Mark Rutte", "2022-01-01", "NLD", "GOV", {}),
    ("Mark Rutte", "2025-01-01", "WST", "IGO", {}),
    ("Kristalina Georgieva", "2022-01-01", None, "IGO", {}),
    ("Ursula von der Leyen", "2022-01-01", "EUR", "IGO", {}),
    ("Alexei Navalny", "2021-01-01", "RUS", "OPP", {}),
    ("Bashar al-Assad", "2020-01-01", "SYR", "GOV", {}),
    ("Bashar al-Assad", "2025-03-01", "SYR", "ELI", {}),
    ("Ahmed al-Sharaa", "2025-03-01", "SYR", "GOV", {}),
    ("Ahmed al-Sharaa", "2023-03-01", "SYR", "REB", {}),
    ("Ali Khamenei", "2020-01-01", "IRN", "GOV", {}),
    ("Ismail Haniyeh", "2023-11-01", "PSE", "REB", {}),
    # --- honorifics and surnames alone
    ("Mr Putin", "2022-12-30", "RUS", "GOV", {"name": "Putin"}),
    ("Mr Xi", "2022-12-30", "CHN", "GOV", {"name": "Xi"}),
    ("President Xi", "2019-01-01", "CHN", "GOV", {"name": "Xi Jinping"}),
    ("Mr Lavrov", "2021-01-01", "RUS", "GOV", {}),
    ("Mrs Merkel", "2019-01-01", "DEU", "GOV", {}),
    ("Ms Sheinbaum", "2025-02-01", "MEX", "GOV", {}),
    ("Mr Zelensky", "2022-03-01", "UKR", "GOV", {}),
    ("Erdogan", "2019-01-01", "TUR", "GOV", {}),
    ("Macron", "2019-01-01", "FRA", "GOV", {}),
    ("Mr Modi", "2019-01-01", "IND", "GOV", {}),
    # --- titles with names
    ("Chinese President Xi Jinping", "2022-12-30", "CHN", "GOV", {"kind": "person"}),
    ("Russian President Vladimir Putin", "2022-12-30", "RUS", "GOV", {}),
    ("former Russian President Dmitry Medvedev", "2022-12-30", "RUS", "GOV", {"name": "Medvedev"}),
    ("former US President Barack Obama", "2022-01-01", "USA", "ELI", {}),
    ("former British prime minister Theresa May", "2021-01-01", "GBR", "ELI", {}),
    ("US President Joe Biden", "2022-11-14", "USA", "GOV", {}),
    ("US Secretary of State Antony Blinken", "2023-01-01", "USA", "GOV", {"name": "Blinken"}),
    ("Foreign Minister Wang Yi", "2020-01-01", "CHN", "GOV", {}),
    ("Kremlin spokesman Dmitry Peskov", "2023-01-01", "RUS", "GOV", {}),
    ("UN Secretary-General Antonio Guterres", "2023-05-01", None, "IGO", {"kind": "person"}),
    ("Nato Secretary General Jens Stoltenberg", "2023-05-01", "WST", "IGO", {"kind": "person"}),
    ("Xi Jinping, China's president", "2022-01-01", "CHN", "GOV", {"name": "Xi"}),
    ("Prime Minister Narendra Modi", "2024-01-01", "IND", "GOV", {}),
    ("Crown Prince Mohammed bin Salman", "2020-01-01", "SAU", "GOV", {}),
    ("Pope Francis", "2020-01-01", "VAT", "GOV", {}),
    ("Pope Francis", "2025-06-01", "VAT", "ELI", {"kind": "person"}),
    # --- role phrases without names, resolved through the office on the date
    ("the Chinese leader", "2022-12-30", "CHN", "GOV", {"name": "Xi"}),
    ("the Chinese President", "2016-01-01", "CHN", "GOV", {"name": "Xi"}),
    ("the Chinese premier", "2024-01-01", "CHN", "GOV", {"name": "Li Qiang"}),
    ("the Chinese premier", "2020-01-01", "CHN", "GOV", {"name": "Li Keqiang"}),
    ("the US president", "2018-01-01", "USA", "GOV", {"name": "Trump"}),
    ("the US president", "2022-01-01", "USA", "GOV", {"name": "Biden"}),
    ("the American president", "2015-01-01", "USA", "GOV", {"name": "Obama"}),
    ("the British prime minister", "2017-06-01", "GBR", "GOV", {"name": "May"}),
    ("the British prime minister", "2023-05-01", "GBR", "GOV", {"name": "Sunak"}),
    ("Britain's prime minister", "2024-09-01", "GBR", "GOV", {"name": "Starmer"}),
    ("the German chancellor", "2010-01-01", "DEU", "GOV", {"name": "Merkel"}),
    ("the German chancellor", "2023-05-01", "DEU", "GOV", {"name": "Scholz"}),
    ("the French president", "2015-01-01", "FRA", "GOV", {"name": "Hollande"}),
    ("the French president", "2019-01-01", "FRA", "GOV", {"name": "Macron"}),
    ("Japan's prime minister", "2019-01-01", "JPN", "GOV", {"name": "Abe"}),
    ("the Indian prime minister", "2020-01-01", "IND", "GOV", {"name": "Modi"}),
    ("the Russian foreign minister", "2020-01-01", "RUS", "GOV", {"name": "Lavrov"}),
    ("the Ukrainian president", "2023-01-01", "UKR", "GOV", {"name": "Zelensky"}),
    ("the Ukrainian president", "2017-01-01", "UKR", "GOV", {"name": "Poroshenko"}),
    ("the Brazilian president", "2020-01-01", "BRA", "GOV", {"name": "Bolsonaro"}),
    ("the Brazilian president", "2024-01-01", "BRA", "GOV", {"name": "Lula"}),
    ("the Turkish president", "2020-01-01", "TUR", "GOV", {"name": "Erdo"}),
    ("the Canadian prime minister", "2020-01-01", "CAN", "GOV", {"name": "Trudeau"}),
    ("the Israeli prime minister", "2022-03-01", "ISR", "GOV", {"name": "Bennett"}),
    ("the president of Russia", "2022-01-01", "RUS", "GOV", {"name": "Putin"}),
    ("the Saudi crown prince", "2020-01-01", "SAU", "GOV", {"name": "Salman"}),
    ("the US secretary of state", "2019-01-01", "USA", "GOV", {"name": "Pompeo"}),
    ("the NATO chief", "2023-01-01", "WST", "IGO", {"name": "Stoltenberg"}),
    ("the Iranian supreme leader", "2023-01-01", "IRN", "GOV", {"name": "Khamenei"}),
    ("his Chinese counterpart", "2022-12-30", "CHN", "GOV", {"kind": "person"}),
    ("China's ambassador to the US", "2022-12-30", "CHN", "GOV", {"kind": "person"}),
    ("the Russian ambassador", None, "RUS", "GOV", {"kind": "person"}),
    ("a Kremlin spokesman", None, "RUS", "GOV", {"kind": "person"}),
    ("the president", None, None, "GOV", {"kind": "person"}),
    # --- capitals and seats used as agents are governments
    ("Beijing", None, "CHN", "GOV", {"kind": "organisation"}),
    ("Moscow", None, "RUS", "GOV", {}),
    ("Washington", None, "USA", "GOV", {}),
    ("Kyiv", None, "UKR", "GOV", {}),
    ("Kiev", None, "UKR", "GOV", {}),
    ("Tehran", None, "IRN", "GOV", {}),
    ("London", None, "GBR", "GOV", {}),
    ("Paris", None, "FRA", "GOV", {}),
    ("Tokyo", None, "JPN", "GOV", {}),
    ("New Delhi", None, "IND", "GOV", {}),
    ("Ankara", None, "TUR", "GOV", {}),
    ("Pyongyang", None, "PRK", "GOV", {}),
    ("the Kremlin", None, "RUS", "GOV", {}),
    ("the White House", None, "USA", "GOV", {}),
    ("Whitehall", None, "GBR", "GOV", {}),
    ("Downing Street", None, "GBR", "GOV", {}),
    ("Zhongnanhai", None, "CHN", "GOV", {}),
    ("the Elysee", None, "FRA", "GOV", {}),
    ("Brussels", None, "EUR", "IGO", {"kind": "igo"}),
    ("Beijing", "2022-12-30", "CHN", "GOV", {"context": "Beijing has refused to condemn the war."}),
    # --- countries and regions
    ("Russia", None, "RUS", None, {"kind": "country"}),
    ("the US", None, "USA", None, {"kind": "country"}),
    ("the United States", None, "USA", None, {}),
    ("U.S.", None, "USA", None, {}),
    ("China", None, "CHN", None, {}),
    ("Britain", None, "GBR", None, {}),
    ("the UK", None, "GBR", None, {}),
    ("Saudi Arabia", None, "SAU", None, {}),
    ("South Korea", None, "KOR", None, {}),
    ("North Korea", None, "PRK", None, {}),
    ("Türkiye", None, "TUR", None, {}),
    ("the Netherlands", None, "NLD", None, {}),
    ("Ivory Coast", None, "CIV", None, {}),
    ("Europe", None, "EUR", None, {}),
    ("the West", None, "WST", None, {}),
    ("the Russians", None, "RUS", None, {"kind": "country"}),
    # --- organisations
    ("Nato", None, "WST", "IGO", {"kind": "igo"}),
    ("NATO", None, "WST", "IGO", {"kind": "igo"}),
    ("North Atlantic Treaty Organisation", None, "WST", "IGO", {"kind": "igo"}),
    ("the EU", None, "EUR", "IGO", {"kind": "igo"}),
    ("the European Union", None, "EUR", "IGO", {}),
    ("IMF", None, None, "IGO", {"kind": "igo", "name": "Monetary Fund"}),
    ("the International Monetary Fund", None, None, "IGO", {}),
    ("G-20", None, None, "IGO", {"kind": "igo"}),
    ("G20", None, None, "IGO", {}),
    ("the G7", None, None, "IGO", {}),
    ("the UN", None, None, "IGO", {}),
    ("the UN Security Council", None, None, "IGO", {}),
    ("the World Bank", None, None, "IGO", {}),
    ("WHO", None, None, "IGO", {"name": "Health"}),
    ("the IAEA", None, None, "IGO", {}),
    ("OPEC", None, None, "IGO", {}),
    ("Reuters", None, "GBR", "MED", {"kind": "organisation"}),
    ("CCTV", None, "CHN", "MED", {}),
    ("state broadcaster CCTV", None, "CHN", "MED", {}),
    ("Xinhua", None, "CHN", "MED", {}),
    ("AFP", None, "FRA", "MED", {}),
    ("Hamas", None, "PSE", "REB", {}),
    ("Hezbollah", None, "LBN", "REB", {}),
    ("the Taliban", "2019-01-01", "AFG", "REB", {}),
    ("the Taliban", "2023-01-01", "AFG", "GOV", {}),
    ("the Pentagon", None, "USA", "MIL", {}),
    # --- generic agents → sectors
    ("police", None, None, "COP", {"kind": "group"}),
    ("rebels", None, None, "REB", {}),
    ("protesters", None, None, "OPP", {}),
    ("officials", None, None, "GOV", {}),
    ("ambassador", None, None, "GOV", {}),
    ("Chinese officials", None, "CHN", "GOV", {"kind": "group"}),
    ("Russian troops", None, "RUS", "MIL", {}),
    ("Ukrainian soldiers", None, "UKR", "MIL", {}),
    ("a Ukrainian soldier", None, "UKR", "MIL", {"kind": "person"}),
    ("Iranian protesters", None, "IRN", "OPP", {}),
    ("Israeli police", None, "ISR", "COP", {}),
    ("Syrian rebels", None, "SYR", "REB", {}),
    ("the Chinese government", None, "CHN", "GOV", {"kind": "organisation"}),
    ("Turkish authorities", None, "TUR", "GOV", {}),
    ("the Russian military", None, "RUS", "MIL", {}),
    ("US lawmakers", None, "USA", "LEG", {}),
    ("Chinese state media", None, "CHN", "MED", {}),
    ("Afghan refugees", None, "AFG", "REF", {}),
    ("Indian farmers", None, "IND", "AGR", {}),
    # --- unknown names: no guessed country
    ("John Smith", None, None, None, {"kind": "person"}),
    ("Mr Hargreaves-Pilkington", None, None, None, {"kind": "person"}),
    ("Ukrainian soldier Ivan Petrenkovych", None, "UKR", "MIL", {"kind": "person"}),
    ("Brazilian activist Maria Quelhas", None, "BRA", "OPP", {"kind": "person"}),
    ("former Kenyan minister Zawadi Otieno", None, "KEN", "ELI", {"kind": "person"}),
    # --- not actors: places, times, noise
    ("in Beijing", None, None, None, None),
    ("in Moscow", None, None, None, None),
    ("at the White House", None, None, None, None),
    ("in Uzbekistan", None, None, None, None),
    ("Shanghai", None, None, None, None),
    ("Bavaria", None, None, None, None),
    ("Manchester", None, None, None, None),
    ("yesterday", None, None, None, None),
    ("the weather", None, None, None, None),
    ("", None, None, None, None),
    ("Beijing", None, None, None, {"context": "The Winter Olympics were held in Beijing last year.", "none": True}),
    ("Ukraine", None, None, None, {"context": "They met in Ukraine in May.", "none": True}),
]


def _id(case):
    return f"{case[0]}@{case[1]}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_resolve_actor_table(case):
    text, date, country, sector, extra = case
    extra_d = extra or {}
    actor = resolve_actor(text, context=extra_d.get("context"), date=date)
    if extra is None or extra_d.get("none"):
        assert actor is None, f"{text!r} should not be an actor, got {actor}"
        return
    assert actor is not None, f"{text!r} was not resolved"
    assert (actor.country, actor.sector) == (country, sector), actor
    if "kind" in extra_d:
        assert actor.kind == extra_d["kind"], actor
    if "name" in extra_d:
        assert extra_d["name"] in actor.name, actor
    if actor.code and sector not in ("IGO", None):
        assert actor.code.startswith(country or "") and actor.code[len(country or ""):].startswith(sector)


def test_resolve_actor_table_is_large_enough():
    assert len(CASES) >= 150
    assert sum(1 for c in CASES if c[4] is None or (c[4] or {}).get("none")) >= 10


def test_resolve_actor_same_actor_same_id():
    a = resolve_actor("Mr Putin", date="2022-12-30")
    b = resolve_actor("Russian President Vladimir Putin", date="2022-12-30")
    assert a.id == b.id and a.name == b.name == "Vladimir Putin"


def test_resolve_actor_accepts_date_objects():
    import datetime as dt
    a = resolve_actor("the German chancellor", date=dt.date(2023, 5, 1))
    assert a is not None and "Scholz" in a.name


def test_resolve_actor_code_is_country_plus_sector():
    a = resolve_actor("Chinese President Xi Jinping", date="2022-12-30")
    assert a.code == "CHNGOV"
    n = resolve_actor("Nato")
    assert n.code == "IGOWSTNAT"
