"""The README's Set up and examples say what the code does."""
from __future__ import annotations

from pathlib import Path

import readout

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    return README[start:README.index("\n## ", start + 1)]


def test_readme_setup_says_browser_tests_need_chromium():
    setup = _section("Set up")
    assert "chromium" in setup and "apt-get install chromium" in setup
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text("utf-8")
    assert "apt-get install" in ci and "chromium" in ci


def test_readme_medvedev_example_matches_the_resolver():
    assert "Dmitry Medvedev, RUS" in README and "RUSGOV in 2022" in README
    actor = readout.resolve_actor("former Russian President Dmitry Medvedev", date="2022-12-30")
    assert (actor.name, actor.country, actor.code) == ("Dmitry Medvedev", "RUS", "RUSGOV")


def test_readme_one_line_text_and_folder_types_are_documented():
    inputs = _section("Inputs")
    assert "a text of a single line is all body" in inputs
    from readout.read import READ_SUFFIXES
    for suffix in READ_SUFFIXES:
        assert f"`{suffix}`" in inputs or suffix in inputs, suffix
