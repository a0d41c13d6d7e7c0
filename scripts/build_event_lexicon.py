#!/usr/bin/env python3
"""Build the event coder's data files from the public CAMEO/PLOVER tables.

Reads (from ../shared/data, never needed at run time):
  actors/CAMEO.2.0.txt            PETRARCH2 CAMEO verb-pattern dictionary (MIT)
  events/cameo_event_codes.tsv    CAMEO codes, names, Goldstein values (MIT, andybega/icews)
  events/CAMEO2PLOVER-2021.txt    CAMEO -> PLOVER crosswalk (CC BY-SA 4.0, openeventdata/PLOVER)
  formats/*.tsv                   GDELT 2.0 and ICEWS event-file column lists

Writes into src/readout/knowledge/events/:
  verb_patterns.json   verbs -> pattern blocks, patterns compiled to a small JSON form
  cameo_codes.tsv      code, name, goldstein, cameo quad class
  cameo_plover.tsv     code -> PLOVER type, mode, context
  gdelt2_event_columns.tsv, icews_event_columns.tsv

usage: python scripts/build_event_lexicon.py [SHARED_DATA_DIR]
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "readout" / "knowledge" / "events"
VERSION = "1"

# CAMEO root 02 (APPEAL) is not in the 2021 crosswalk file; the PLOVER manual folds
# CAMEO 02 (appeal) and 10 (demand) into REQUEST, with the modes used for 10x.
# The crosswalk file codes 163 (sanctions, embargo) as COERCE/restrict, but the PLOVER
# manual's mode list says international sanctions are SANCTION 'discontinue'.
OVERRIDES = {"163": ("SANCTION", "discontinue", "economic")}

APPEAL_MODES = {"021": "assist", "022": "assist", "023": "assist", "024": "change",
                "025": "yield", "026": "meet", "027": "meet", "028": "meet"}


# ---------------------------------------------------------------- verb patterns

def _tokens(s: str) -> list[str]:
    """Split a pattern side into elements, keeping (...) and {...} groups whole."""
    out, depth, cur = [], 0, ""
    for ch in s:
        if ch in "({":
            if depth == 0 and cur.strip():
                out.extend(cur.split())
                cur = ""
            depth += 1
            cur += ch
        elif ch in ")}":
            depth -= 1
            cur += ch
            if depth == 0:
                out.append(cur.strip())
                cur = ""
        else:
            cur += ch
    if cur.strip():
        out.extend(cur.split())
    return out


def _word(w: str) -> str:
    """Dictionary word -> lower-case text; '_' joins words of a phrase, a final '_' marks 'exact'."""
    return w.strip("_").replace("_", " ").lower()


def _element(tok: str):
    """One pattern element: a word, a synset ref, a {sequence} or a (prep phrase); None = marker."""
    if tok in {"$", "^", "+", "%", "*"}:
        return None
    if tok.startswith("("):
        inner = _tokens(tok[1:-1])
        if not inner:
            return None
        prep = _word(inner[0])
        words = [e for e in (_element(t) for t in inner[1:]) if e is not None]
        return {"prep": prep, "in": words}
    if tok.startswith("{"):
        seq = [e for e in (_element(t) for t in _tokens(tok[1:-1])) if e is not None]
        return {"seq": seq} if seq else None
    if tok.startswith("&"):
        return {"syn": tok[1:].lower()}
    w = tok.lstrip("+$^%")
    if not w:
        return None
    return {"w": _word(w)}


def _code(s: str) -> tuple[str | None, str | None]:
    """'[042:043]' -> ('042', '043'); '[:173]' -> (None, '173'); '[---]' -> (None, None)."""
    s = s.strip("[] ")
    if not s or s == "---":
        return None, None
    if ":" in s:
        a, b = s.split(":", 1)
        return (a or None, b or None)
    return s, None


def parse_cameo_verbs(path: Path) -> dict:
    lines = path.read_text("latin-1").splitlines()
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    verbs: dict[str, list[list]] = {}
    mode = "head"
    cur_syn = None
    block = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if "SYNONYM SETS" in raw:
            mode = "syn"
            continue
        if "VERB PATTERNS" in raw:
            mode = "verbs"
            continue
        if not line.strip():
            continue
        if mode == "syn":
            if line.startswith("&"):
                cur_syn = line.strip()[1:].lower()
                synsets[cur_syn] = []
            elif line.startswith("+") and cur_syn:
                synsets[cur_syn].append(_word(line.strip()[1:]))
            continue
        if mode != "verbs":
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            default, default_rev = _code(m.group(2))
            block = {"name": m.group(1).lower(), "default": default, "default_rev": default_rev,
                     "patterns": []}
            blocks.append(block)
            continue
        if block is None:
            continue
        s = line.strip()
        if s.startswith("-"):
            cm = re.search(r"\[([^\]]*)\]\s*$", s)
            if not cm:
                continue
            code, rev = _code(cm.group(1))
            body = s[1:cm.start()].strip()
            if "*" not in body:
                continue
            pre_s, post_s = body.split("*", 1)
            pre = [e for e in (_element(t) for t in _tokens(pre_s)) if e is not None]
            post = [e for e in (_element(t) for t in _tokens(post_s)) if e is not None]
            block["patterns"].append({"pre": pre, "post": post, "code": code, "rev": rev})
            continue
        # a verb line: WORD {FORMS} [CODE]  or  +MULTI_WORD {FORMS} [CODE]
        cm = re.search(r"\[([^\]]*)\]", s)
        own = _code(cm.group(1)) if cm else (None, None)
        head = re.sub(r"\{[^}]*\}", " ", s)
        head = re.sub(r"\[[^\]]*\]", " ", head).split()
        if not head:
            continue
        words = _word(head[0].lstrip("+")).split()
        if not words:
            continue
        verb, extra = words[0], words[1:]
        entry = [len(blocks) - 1, own[0], own[1], extra]
        if entry not in verbs.setdefault(verb, []):
            verbs[verb].append(entry)
    return {"synsets": synsets, "blocks": blocks, "verbs": verbs}


# ---------------------------------------------------------------- code tables

def read_codes(path: Path) -> list[tuple]:
    rows = []
    for i, line in enumerate(path.read_text("utf-8").splitlines()):
        if i == 0 or not line.strip():
            continue
        code, root, level, name, gold, quad = line.split("\t")
        rows.append((code, name.strip(), float(gold), int(quad)))
    return rows


def read_crosswalk(path: Path) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?", line)
        if not m or len(m.group(1)) == 2:
            continue
        code, typ = m.group(1), m.group(2)
        mode = (m.group(3) or "").strip()
        ctx = (m.group(4) or "").strip().replace(" ", "")
        out.setdefault(code, (typ, mode, ctx))
    return out


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data"
    OUT.mkdir(parents=True, exist_ok=True)

    lex = parse_cameo_verbs(shared / "actors" / "CAMEO.2.0.txt")
    lex = {"source": "openeventdata/petrarch2 CAMEO.2.0.txt (MIT), compiled by scripts/build_event_lexicon.py",
           "version": VERSION, **lex}
    (OUT / "verb_patterns.json").write_text(json.dumps(lex, separators=(",", ":")), "utf-8")

    codes = read_codes(shared / "events" / "cameo_event_codes.tsv")
    with open(OUT / "cameo_codes.tsv", "w", encoding="utf-8") as fh:
        fh.write("# CAMEO event codes with Goldstein value and CAMEO quad class.\n"
                 "# source: andybega/icews data-raw/cameo-codes.csv @ 3746c72 (MIT), via "
                 "shared/data/events/cameo_event_codes.tsv\n"
                 f"# version: {VERSION}\ncode\tname\tgoldstein\tquad\n")
        for code, name, gold, quad in codes:
            fh.write(f"{code}\t{name}\t{gold:g}\t{quad}\n")

    cross = read_crosswalk(shared / "events" / "CAMEO2PLOVER-2021.txt")
    cross.update(OVERRIDES)
    # Keep only (type, mode) pairs the PLOVER manual defines; the crosswalk has a few strays.
    valid = set()
    for line in (shared / "events" / "plover_modes_from_manual.tsv").read_text("utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1].strip():
            valid.add((parts[0].strip(), parts[1].strip()))
    cross = {c: (t, m if (t, m) in valid else "", ctx) for c, (t, m, ctx) in cross.items()}
    with open(OUT / "cameo_plover.tsv", "w", encoding="utf-8") as fh:
        fh.write("# CAMEO code -> PLOVER type, mode, context.\n"
                 "# source: openeventdata/PLOVER CAMEO2PLOVER-2021.txt @ 5e0c24f (CC BY-SA 4.0);\n"
                 "# rows for CAMEO 02x (APPEAL) added as REQUEST per the PLOVER manual; 163 as SANCTION\n"
                 "# (manual: international sanctions are SANCTION/discontinue); modes not in the\n"
                 "# manual's mode list (plover_modes_from_manual.tsv) left empty.\n"
                 f"# version: {VERSION}\ncode\ttype\tmode\tcontext\n")
        known = {c for c, *_ in codes}
        for code, _name, _g, _q in codes:
            if code.startswith("02") and len(code) >= 3:
                fh.write(f"{code}\tREQUEST\t{APPEAL_MODES.get(code[:3], '')}\t\n")
            elif code in cross:
                typ, mode, ctx = cross[code]
                fh.write(f"{code}\t{typ}\t{mode}\t{ctx}\n")
        for code, (typ, mode, ctx) in sorted(cross.items()):
            if code not in known:
                fh.write(f"{code}\t{typ}\t{mode}\t{ctx}\n")

    for name in ("gdelt2_event_columns.tsv", "icews_event_columns.tsv"):
        src = (shared / "formats" / name).read_text("utf-8")
        head = ("# GDELT 2.0 event export columns, from the GDELT Event Codebook V2.0\n"
                if name.startswith("gdelt") else
                "# ICEWS event file columns, as read by andybega/icews\n")
        (OUT / name).write_text(head + f"# version: {VERSION}\n" + src, "utf-8")
    n_pat = sum(len(b["patterns"]) for b in lex["blocks"])
    print(f"verbs {len(lex['verbs'])}, blocks {len(lex['blocks'])}, patterns {n_pat}, "
          f"synsets {len(lex['synsets'])}, codes {len(codes)}, crosswalk {len(cross)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
