"""First-name gender table (knowledge/first_names.tsv, US SSA baby-name counts)."""
from readout.actors.names import first_names, name_gender


def test_table_lists_one_sex_names_only():
    table = first_names()
    assert len(table) > 5000
    assert table["peter"][0] == "male" and table["karen"][0] == "female"
    assert table["belton"][1] < 20000 < table["julia"][1]   # births: how common a name is
    assert "jordan" not in table and "kim" not in table   # given to both sexes
    assert "general" not in table and "park" not in table   # a title, a surname first


def test_name_gender_needs_a_first_name_and_a_surname():
    assert name_gender("Sofia Marin") == "female"
    assert name_gender("Mr. Peter Holt", frozenset({"mr"})) == "male"
    assert name_gender("Peter") is None          # one word may be a surname
    assert name_gender("Xi Jinping") is None     # not in the table
