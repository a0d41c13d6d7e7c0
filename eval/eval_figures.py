"""Figures: value + unit accuracy of readout's number reader on public test cases.

usage: python eval/eval_figures.py [--errors FILE]

Sources (../shared/data/numbers): quantulum3's own `quantities.json`, and the English
Recognizers-Text specs `NumberWithUnit/CurrencyModel.json`, `DimensionModel.json` and
`Number/PercentModel.json`. A gold quantity is right when a figure found by
`readout.figures.quantities.find_quantities` overlaps its span with a value within
1% and the same unit code (gold unit names are mapped with the same `units.toml`).

In scope: gold quantities whose unit maps to a code readout gives — money, per cent,
length, area, volume, mass, speed, temperature, energy, data. Out of scope, and
counted separately: dimensionless numbers (years, bare counts: the stage needs the
parse for those), durations (the times stage's), currency sub-units (cent, penny,
pence, sen, satoshi), angles, kitchen measures and the physics units quantulum3 tests
(electronvolts, inverse femtobarns …). Recognizers-Text cases that expect nothing
(URLs) are scored as negatives: right when nothing is found.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from readout.figures.quantities import find_quantities, unit_code

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "numbers"
SUBUNITS = {"cent", "pence", "penny", "sen", "satoshi", "dime"}
OUT_OF_SCOPE = {"degree", "turn", "radian", "cup", "tablespoon", "teaspoon", "dram"}


def _load(path: Path):
    return json.loads(path.read_text("utf-8-sig"))


def cases():
    """(set name, input text, [(start, end, value, unit code or None, unit name)])."""
    for c in _load(DATA / "quantulum3" / "quantities.json"):
        text = c["req"]
        golds = []
        pos = 0
        for r in c["res"]:
            i = text.find(r["surface"], pos)
            if i < 0:
                i = text.find(r["surface"])
            if i >= 0:
                pos = i
            golds.append((i, i + len(r["surface"]), float(r["value"]), unit_code(r["unit"]), r["unit"]))
        yield "quantulum3", text, golds
    for name, rel, pound in (("RT currency", "NumberWithUnit/English/CurrencyModel.json", "GBP"),
                             ("RT dimension", "NumberWithUnit/English/DimensionModel.json", "lb")):
        for c in _load(DATA / rel):
            golds = []
            for r in c["Results"]:
                res = r.get("Resolution") or {}
                unit = res.get("unit") or ""
                code = pound if unit.lower() == "pound" else unit_code(unit)
                try:
                    value = float(res.get("value"))
                except (TypeError, ValueError):
                    continue
                golds.append((r["Start"], r["End"] + 1, value, code, unit))
            yield name, c["Input"], golds
    for c in _load(DATA / "Number/English/PercentModel.json"):
        golds = []
        for r in c["Results"]:
            v = (r.get("Resolution") or {}).get("value")
            if v in (None, "null"):
                golds.append((r["Start"], r["End"] + 1, None, None, "null"))
                continue
            golds.append((r["Start"], r["End"] + 1, float(v.rstrip("%")), "%", "percent"))
        yield "RT percent", c["Input"], golds


def in_scope(value, code, unit_name) -> bool:
    if value is None or code is None:
        return False
    return unit_name.lower() not in SUBUNITS | OUT_OF_SCOPE


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=Path, default=None)
    args = ap.parse_args(argv)
    if not DATA.exists():
        print(f"number test data not found at {DATA}")
        return 2
    rows: dict[str, list[int]] = {}
    errors = []
    for name, text, golds in cases():
        r = rows.setdefault(name, [0, 0, 0, 0, 0])   # right, in scope, out of scope, neg ok, neg
        found = find_quantities(text)
        if not golds:
            r[4] += 1
            r[3] += not found
            if found:
                errors.append(f"{name}\tNEG\t{text[:80]!r}\t{[text[q.start:q.end] for q in found]}")
            continue
        for s, e, value, code, unit_name in golds:
            if not in_scope(value, code, unit_name):
                r[2] += 1
                continue
            r[1] += 1
            ok = any(q.start < e and s < q.end and q.unit == code
                     and abs(q.value - value) <= 0.01 * max(abs(value), 1e-9) for q in found)
            r[0] += ok
            if not ok:
                errors.append(f"{name}\t{text[s:e]!r}\tgold={value} {code}\tgot="
                              f"{[(text[q.start:q.end], q.value, q.unit) for q in found]}")
    print(f"{'set':<14}{'in scope':>9}{'right':>7}{'acc':>7}{'out of scope':>14}{'negatives ok':>14}")
    tot = [0, 0, 0, 0, 0]
    for name, r in rows.items():
        acc = r[0] / r[1] if r[1] else 0.0
        print(f"{name:<14}{r[1]:>9}{r[0]:>7}{acc:>7.3f}{r[2]:>14}{f'{r[3]}/{r[4]}':>14}")
        tot = [a + b for a, b in zip(tot, r)]
    print(f"{'all':<14}{tot[1]:>9}{tot[0]:>7}{tot[0] / tot[1]:>7.3f}{tot[2]:>14}{f'{tot[3]}/{tot[4]}':>14}")
    if args.errors:
        args.errors.write_text("\n".join(errors) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
