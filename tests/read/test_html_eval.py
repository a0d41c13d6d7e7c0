"""Eval gate: the HTML reader + clean keep main text and drop boilerplate on 23 news pages."""
from __future__ import annotations

import importlib.util

from ..conftest import REPO, SHARED, need_shared


def test_html_eval_gate(capsys):
    need_shared(SHARED / "data" / "html" / "evaldata_en_news_subset.json")
    spec = importlib.util.spec_from_file_location("eval_html", REPO / "eval" / "eval_html.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.main(SHARED)
    # pinned floors (measured 0.87 / 0.96); a drop below means extraction got worse
    assert result["kept"] >= 0.85
    assert result["dropped"] >= 0.93
