"""How well the HTML reader + clean stage keep the article and drop the page around it.

Data: trafilatura's evaluation annotations for the 23 English news pages in
../shared/data/html (adbar/trafilatura, Apache-2.0): for each page, snippets that must be
in the extracted text ("with") and boilerplate snippets that must not ("without").
Runs only the read and clean stages (no model). Prints a table and the totals.

usage: python eval/eval_html.py [SHARED_DIR]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from readout.config import load_config
from readout.errors import InputError
from readout.read.html import read_html_file
from readout.clean.document import document_from_raw


def main(shared: Path) -> dict:
    folder = shared / "data" / "html"
    cases = json.loads((folder / "evaldata_en_news_subset.json").read_text("utf-8"))
    config = load_config(stages=("clean",))
    kept = kept_total = dropped = dropped_total = failed = 0
    print(f"{'page':45} {'kept':>7} {'dropped':>8}")
    for url, case in sorted(cases.items(), key=lambda kv: kv[1]["file"]):
        raw = read_html_file(folder / "html" / case["file"], config)
        if isinstance(raw, InputError):
            failed += 1
            text = ""
        else:
            try:
                doc = document_from_raw(raw, config)
                text = " ".join(filter(None, [doc.title, doc.caption, doc.text]))
            except InputError:
                failed += 1
                text = ""
        k = sum(s in text for s in case["with"])
        d = sum(s not in text for s in case["without"])
        kept, kept_total = kept + k, kept_total + len(case["with"])
        dropped, dropped_total = dropped + d, dropped_total + len(case["without"])
        print(f"{case['file'][:45]:45} {k:>3}/{len(case['with']):<3} {d:>4}/{len(case['without']):<3}")
    result = {"pages": len(cases), "failed": failed, "kept": kept / kept_total,
              "dropped": dropped / dropped_total}
    print(f"\npages {len(cases)}, unreadable {failed}; main-text snippets kept "
          f"{kept}/{kept_total} = {result['kept']:.2f}; boilerplate snippets dropped "
          f"{dropped}/{dropped_total} = {result['dropped']:.2f}")
    return result


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[1] / ".." / "shared"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
