"""Issue 17: accounts side by side give one column per source, not one per mention (the same
article repeated) nor one per article of the same outlet — on the event page (Playwright,
screenshot in test-artifacts/serve/) and in `readout accounts`. The store (`accounts_db`):
one signing, reported by "Wire A" twice in one article and once in another, and by "Post B"."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from readout.cli import app

from .conftest import LiveServer, screenshot


@pytest.fixture(scope="module")
def server(accounts_db):
    s = LiveServer(accounts_db["path"])
    yield s
    s.stop()


@pytest.mark.browser
def test_browser_event_accounts_one_column_per_source(page, server, accounts_db):
    page.goto(server.url + "/events/lesign")
    assert page.locator("#mentions li.mention").count() == 4           # every mention is listed
    heads = page.locator("#accounts thead th.account-source").all_inner_texts()
    assert heads == ["Post B", "Wire A"]          # in order of first report (ties by article id)
    table = page.locator("#accounts")
    post, wire = (table.locator("tr.account-articles td").nth(i) for i in range(2))
    assert wire.locator("a.article-link").all_inner_texts() == [
        "Arland and Borvia sign a treaty", "Treaty signed, Wire A follow-up"]
    assert post.locator("a.article-link").all_inner_texts() == ["Borvia and Arland treaty"]
    mentions = table.locator("tr", has=page.locator("th", has_text="mentions")).locator("td")
    assert mentions.all_inner_texts() == ["1", "3"]
    # Wire A's evidence: its three sentences, each once; the same value is shown once
    evidence = table.locator("tr", has=page.locator("th", has_text="evidence")).locator("td").nth(1)
    assert evidence.locator("p").count() == 3
    assert table.locator('tr[data-field="type"] td').all_inner_texts() == ["AGREE", "AGREE"]
    assert "differs" not in (table.locator('tr[data-field="type"]').get_attribute("class") or "")
    # the dates differ: Wire A's follow-up dates it to the week
    assert "differs" in table.locator('tr[data-field="date_end"]').get_attribute("class")
    assert table.locator('tr[data-field="published"] td').all_inner_texts() == [
        "2024-10-01", "2024-10-01 · 2024-10-02"]
    screenshot(page, "issue17-accounts-per-source")
    assert page.errors == []


def test_cli_accounts_one_column_per_source(accounts_db):
    res = CliRunner().invoke(app, ["accounts", "lesign", "--db", str(accounts_db["path"])],
                             env={"COLUMNS": "120"})
    assert res.exit_code == 0, res.output
    header = next(line for line in res.stdout.splitlines() if "Wire A" in line)
    cells = [c.strip() for c in re.split(r"[┃│]", header)[1:-1]]
    assert sorted(cells[1:]) == ["Post B", "Wire A"]                   # each source once
    assert res.stdout.count("Wire A") == 2                            # the header and one article title
    for text in ("Arland and Borvia signed a treaty on Tuesday",
                 "Arland and Borvia signed the treaty again in", "Arland signed a treaty with Borvia this week",
                 "[Arland and Borvia sign a treaty]", "[Treaty signed, Wire A follow-up]"):
        assert text in res.stdout, text
    articles = next(line for line in res.stdout.splitlines() if line.startswith("│ articles"))
    assert [c.strip() for c in articles.split("│")[2:-1]] == (["1", "2"] if cells[1] == "Post B" else ["2", "1"])
