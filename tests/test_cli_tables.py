"""Tables and output for people: ids whole at 80 columns, id prefixes, help without Python
types, plurals, quotes marked once, the demo's next commands."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from readout.cli import app, next_commands
from readout.cli_tables import plural, quoted

runner = CliRunner()
COMMANDS = ("extract", "ingest", "export", "demo", "actors", "serve", "stories", "accounts")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, clean_only_config_file):
    db = tmp_path_factory.mktemp("demo") / "my demo.duckdb"
    res = runner.invoke(app, ["--config", str(clean_only_config_file), "demo", "--db", str(db)],
                        env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    return db, res.stdout


def _story_ids(db) -> list[str]:
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT id FROM stories ORDER BY id").fetchall()]
    finally:
        con.close()


def test_cli_demo_ends_with_next_commands_for_its_db(demo_db):
    db, stdout = demo_db
    last = stdout.rstrip().splitlines()[-4:]
    assert last[0] == "next, on the store the demo wrote:"
    assert f"readout stories --db '{db}'" in last[1] and f"readout serve --db '{db}'" in last[2]
    assert next_commands("readout-demo.duckdb")[2].startswith("  readout serve --db readout-demo.duckdb ")


def test_cli_stories_keeps_ids_whole_at_80_columns(demo_db):
    db, _ = demo_db
    ids = _story_ids(db)
    res = runner.invoke(app, ["stories", "--db", str(db)], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    assert all(len(line) <= 80 for line in res.stdout.splitlines())
    assert "…" not in res.stdout
    for story_id in ids:
        assert re.search(rf"^ {story_id} ", res.stdout, re.M), story_id


def test_cli_stories_accepts_a_unique_id_prefix(demo_db):
    db, _ = demo_db
    ids = _story_ids(db)
    prefix = next(i[:4] for i in ids if sum(j.startswith(i[:4]) for j in ids) == 1)
    res = runner.invoke(app, ["stories", prefix, "--db", str(db)], env={"COLUMNS": "80"})
    full = next(i for i in ids if i.startswith(prefix))
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"story {full}: ") and "(1 article, 1 source)" in res.stdout
    from readout.errors import StoreError
    from readout.link.views import resolve_id
    from readout.store.writer import Store
    with Store(db, read_only=True) as store:
        assert resolve_id(store, "stories", full, "story") == full
        with pytest.raises(StoreError, match="starts more than one story id"):
            resolve_id(store, "stories", "", "story")                  # every id starts so
    res = runner.invoke(app, ["accounts", "zzzz", "--db", str(db)])
    assert res.exit_code == 2 and "no linked event 'zzzz'" in res.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_help_shows_no_python_types(command):
    res = runner.invoke(app, [command, "--help"], env={"COLUMNS": "120"})
    assert res.exit_code == 0
    assert not re.search(r"<(bool|str|int|float|list\[[a-z]+\]|Path)>", res.output), res.output
    if command == "ingest":
        assert re.search(r"--db\s+DB\s", res.output)


def test_cli_plural_and_quoted():
    assert plural(1, "article") == "1 article" and plural(2, "article") == "2 articles"
    assert plural(0, "error") == "0 errors" and plural(1_000, "row") == "1,000 rows"
    assert quoted("we will win") == "\u201cwe will win\u201d"
    assert quoted("\u201cwe will win\u201d") == "\u201cwe will win\u201d"       # no doubled marks
    assert quoted('we will win"') == "\u201cwe will win\u201d"
    assert quoted('the talks had been "frank and constructive') == \
        '\u201cthe talks had been "frank and constructive"\u201d'


def test_cli_stories_counts_are_right_aligned(demo_db):
    """Each count ends where its header ends, whatever its number of digits."""
    db, _ = demo_db
    res = runner.invoke(app, ["stories", "--db", str(db)], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    head = next(line for line in lines if line.lstrip().startswith("story "))
    ids = set(_story_ids(db))
    rows = [line for line in lines if line[1:17] in ids]
    assert rows
    for header in ("articles", "sources", "events"):
        end = head.index(header) + len(header)
        for line in rows:
            assert line[end - 1].isdigit() and line[end] == " ", (header, line)
            assert line[head.index(header)] in " 0123456789" and not line[head.index(header) - 1].isdigit()


def test_people_table_right_aligns_counts_of_any_width():
    from rich.console import Console
    from readout.cli_tables import people_table
    console = Console(width=80, record=True)
    console.print(people_table("t", [("id", "id"), ("n", "count"), ("title", "text")],
                               [["a1", 7, "seven"], ["a2", 12345, "many"]]))
    text = console.export_text()
    seven = next(line for line in text.splitlines() if " a1 " in f" {line}")
    many = next(line for line in text.splitlines() if " a2 " in f" {line}")
    assert seven.index("7") == many.index("12345") + 4          # the last digits line up
