"""Train knowledge/quote_model.json: logistic weights over attribution candidates.

usage: python scripts/train_quote_model.py [--limit N] [--l2 1.0] [--min-count 5]
                                          [--min-weight 0.05] [--threshold 0.3]

Reads the PolNeAR v1.0 *train* split (../shared/data/quotes/polnear; never dev), parses
it (parses cached like eval/eval_quotes.py), makes the candidates of
`readout.quotes.learned` and labels one positive when its tokens overlap the
Content of a gold attribution whose Cue is the candidate's cue word with IoU >= 0.3.
The model is L2-regularised logistic regression fitted with numpy (full-batch Adam);
features seen in fewer than --min-count candidates and weights below --min-weight are
left out. Only feature names (lemmas, dependency labels, parse categories) and weights
are written: no PolNeAR text goes into the package. The threshold (0.3) was chosen by
3-fold cross-validation on train through the eval scorer (0.25–0.35 give the same F1).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
import polnear  # noqa: E402
from eval_quotes import TOKEN, map_span, offset_map, parse_cached  # noqa: E402

from readout.config import load_config  # noqa: E402
from readout.records import RawArticle  # noqa: E402
from readout.work import WorkItem  # noqa: E402
from readout.clean.document import document_from_raw  # noqa: E402
from readout.nlp.sentences import sentences_of  # noqa: E402
from readout.quotes.find import Finder  # noqa: E402
from readout.quotes.learned import DocView, candidates, features, subject_kind  # noqa: E402

OUT = ROOT / "src" / "readout" / "knowledge" / "quote_model.json"
CHUNK = 300   # parse cache granularity (eval_quotes.py --limit 300 caches train[:300])


def load_items(split: str, limit: int | None, cache: Path):
    arts = polnear.load(split, limit=limit)
    config = load_config()
    items = []
    for a in arts:
        raw = RawArticle(text=a.text, input_name=a.name, title_in_text=True)
        it = WorkItem(raw=raw)
        it.document = document_from_raw(raw, config)
        items.append(it)
    bounds = [(0, min(CHUNK, len(items)))] + ([(CHUNK, len(items))] if len(items) > CHUNK else [])
    for lo, hi in bounds:   # train[:300] and train[300:] are cached separately
        docs = parse_cached([it.document.text for it in items[lo:hi]], config.model, cache)
        for it, d in zip(items[lo:hi], docs):
            it.parsed = d
            it.document.sentences = sentences_of(d)
    return arts, items


def _token_sets(text: str, parsed):
    """Eval tokens of the text, and for each spaCy token the eval token ids it covers."""
    toks = [(x.start(), x.end()) for x in TOKEN.finditer(text)]
    owner = [-1] * (len(text) + 1)
    for k, (s, e) in enumerate(toks):
        for c in range(s, e):
            owner[c] = k
    per_tok = [frozenset(x for x in owner[t.idx:t.idx + len(t)] if x >= 0) for t in parsed]
    return toks, owner, per_tok


def gold_of(art, text: str, owner):
    """(cue ids, content ids) of each gold attribution, in eval tokens of the clean text."""
    m = offset_map(art.text, text)
    out = []
    for g in art.attributions:
        if g.content is None:
            continue
        sets = []
        for span in (g.cue, g.content):
            ids: set[int] = set()
            for s, e in (span.pieces if span else ()):
                sp = map_span(m, s, e)
                if sp:
                    ids.update(x for x in owner[sp[0]:sp[1]] if x >= 0)
            sets.append(ids)
        if sets[1]:
            out.append(tuple(sets))
    return out


def article_rows(art, item):
    """(feature lists, labels) of one article's candidates."""
    doc = item.parsed
    text = item.document.text
    _, owner, per_tok = _token_sets(text, doc)
    gold = gold_of(art, text, owner)
    finder = Finder(doc)
    dv = DocView(doc, finder.tok_quote)
    rows, labels = [], []
    kinds: dict[int, str] = {}
    for c in candidates(dv):
        if c.cue not in kinds:
            kinds[c.cue] = subject_kind(finder.holder_of(doc[c.cue]))
        feats = features(dv, c, kinds[c.cue], finder.lex)
        cue_ids = per_tok[c.cue] | (per_tok[c.extra] if c.extra >= 0 else frozenset())
        ids = set()
        for i in range(c.lo, c.hi + 1):
            ids |= per_tok[i]
        y = any(cue & cue_ids and len(ids & cont) / len(ids | cont) >= 0.3 for cue, cont in gold)
        rows.append(feats)
        labels.append(1 if y else 0)
    return rows, labels


def fit(rows, labels, l2: float, min_count: int, iters: int = 300, lr: float = 0.1):
    """Logistic regression on binary features; returns (weights by name, bias)."""
    counts = collections.Counter(f for r in rows for f in set(r))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    cols, row_ids = [], []
    for r, feats in enumerate(rows):
        for f in set(feats):
            j = index.get(f)
            if j is not None:
                cols.append(j)
                row_ids.append(r)
    cols_a, rows_a = np.array(cols), np.array(row_ids)
    y = np.array(labels, dtype=float)
    n, d = len(rows), len(names)
    w, b = np.zeros(d), 0.0
    mw, vw, mb, vb = np.zeros(d), np.zeros(d), 0.0, 0.0
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, iters + 1):
        z = np.bincount(rows_a, weights=w[cols_a], minlength=n) + b
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        g = p - y
        gw = np.bincount(cols_a, weights=g[rows_a], minlength=d) / n + l2 * w / n
        gb = g.mean()
        mw = b1 * mw + (1 - b1) * gw
        vw = b2 * vw + (1 - b2) * gw * gw
        mb = b1 * mb + (1 - b1) * gb
        vb = b2 * vb + (1 - b2) * gb * gb
        w -= lr * (mw / (1 - b1 ** t)) / (np.sqrt(vw / (1 - b2 ** t)) + eps)
        b -= lr * (mb / (1 - b1 ** t)) / (np.sqrt(vb / (1 - b2 ** t)) + eps)
    return {f: float(round(w[i], 3)) for f, i in index.items() if abs(w[i]) >= 1e-3}, float(b)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--min-weight", type=float, default=0.05)
    ap.add_argument("--iters", type=int, default=300)
    ap.add_argument("--threshold", type=float, default=0.3)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "readout_eval_cache")
    args = ap.parse_args(argv)
    arts, items = load_items("train", args.limit, args.cache)
    rows, labels = [], []
    for a, it in zip(arts, items):
        r, y = article_rows(a, it)
        rows += r
        labels += y
    print(f"{len(arts)} articles, {len(rows)} candidates, {sum(labels)} positive")
    weights, bias = fit(rows, labels, args.l2, args.min_count, args.iters)
    weights = {f: w for f, w in weights.items() if abs(w) >= args.min_weight}
    data = {
        "about": "Attribution candidate scorer for readout's quotes stage (readout/quotes/learned.py). "
                 "Logistic weights over parse features (cue lemma, complement type, speaker kind, "
                 "span shape), trained by scripts/train_quote_model.py on the PolNeAR v1.0 train split "
                 "(Newell, Margolin & Ruths, LREC 2018; no licence file, news text for evaluation and "
                 "training only). Contains feature names and weights only, no PolNeAR text.",
        "version": "2026-11-27.1",
        "articles": len(arts), "candidates": len(rows), "positives": int(sum(labels)),
        "l2": args.l2, "min_count": args.min_count, "min_weight": args.min_weight,
        "threshold": args.threshold, "bias": round(bias, 4),
        "weights": dict(sorted(weights.items())),
    }
    OUT.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", "utf-8")
    print(f"{len(weights)} weights → {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
