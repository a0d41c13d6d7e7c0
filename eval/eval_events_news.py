"""Events on real news: readout's coder against its own gold set (eval/events_gold/).

usage: python eval/eval_events_news.py [--part dev|train|all] [--errors FILE] [--min-confidence X]

Each gold article (its clean text and sentences, as `scripts/prepare_event_gold.py` made
them) runs through parse → times → actors → quotes → events. A coded event and a gold event
are the same when they are in the same sentence and their triggers share a word. Then:

  lenient  PLOVER type, source country and target country (first three letters of the CAMEO
           actor code; both null counts as agreeing) and status right (`claimed` in the gold
           counts as `occurred`, which is how readout reports claims); CONSULT and AGREE may
           have their sides swapped
  strict   the same with whole actor codes (country + sector)
  partly   trigger and type right

precision = right coded events / coded events; recall = gold events found right / gold events.
Also: coded events in sentences with no gold event at all (the "fires on words" class), and
the confidence calibration (share right per confidence band).
The dev part is frozen: report on it, never tune on it (see eval/ANNOTATION.md).
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

from readout.config import load_config
from readout.pipeline import build_pipeline, run_batch
from readout.records import Document, RawArticle
from readout.work import WorkItem

GOLD = Path(__file__).resolve().parent / "events_gold"
SWAPPABLE = {"CONSULT", "AGREE"}
GIVEN = ("raw", "document", "text", "title", "caption", "dateline", "credits", "removed")
WORD = re.compile(r"[a-z0-9]+")


def load_gold(part: str) -> list[tuple[dict, dict]]:
    split = json.loads((GOLD / "split.json").read_text("utf-8"))
    out = []
    for aid, p in sorted(split.items()):
        if part != "all" and p != part:
            continue
        ann = GOLD / "annotations" / f"{aid}.json"
        if not ann.exists():
            continue
        art = json.loads((GOLD / "articles" / f"{aid}.json").read_text("utf-8"))
        out.append((art, json.loads(ann.read_text("utf-8"))))
    return out


def code_documents(articles: list[dict], config) -> list[Document]:
    items = []
    for a in articles:
        it = WorkItem(raw=RawArticle(text=a["text"], input_name=a["id"]))
        it.document = Document(a["id"], a["text"], title=a["title"], published=a["published"],
                               published_source="given" if a["published"] else None)
        items.append(it)
    stages = build_pipeline(["parse", "times", "actors", "quotes", "events"], given=GIVEN)
    for k in range(0, len(items), config.batch_size):
        run_batch(items[k:k + config.batch_size], stages, config)
    for it in items:
        if it.error is not None:
            raise SystemExit(f"{it.raw.input_name}: {it.error}")
    return [it.document for it in items]


def _stems(text: str | None) -> set[str]:
    return {w[:5] for w in WORD.findall((text or "").lower()) if len(w) > 1}


def _country(code: str | None) -> str | None:
    return code[:3] if code else None


def _sides_agree(sys_src, sys_tgt, g: dict, typ: str, key) -> bool:
    gs, gt = key(g.get("source_code")), key(g.get("target_code"))
    if (key(sys_src), key(sys_tgt)) == (gs, gt):
        return True
    return typ in SWAPPABLE and (key(sys_src), key(sys_tgt)) == (gt, gs)


def _status(s: str) -> str:
    return "occurred" if s == "claimed" else s


def gold_sentence(spans: list, start: int, end: int, fallback: int) -> int:
    """The gold sentence (by the character spans the gold set was annotated on) that overlaps
    an event's evidence most: the parse's own sentence numbering may differ by a split."""
    best, best_overlap = fallback, 0
    for i, (s, e) in enumerate(spans):
        ov = min(e, end) - max(s, start)
        if ov > best_overlap:
            best, best_overlap = i, ov
    return best


def judge(doc: Document, ann: dict, min_confidence: float | None = None,
          spans: list | None = None) -> tuple[list[dict], list[dict]]:
    """Per coded event and per gold event: what matched and how well."""
    actors = {a.id: a for a in doc.actors}
    gold_by_sent = {s["i"]: s["events"] for s in ann["sentences"]}
    coded, gold_out = [], []
    used: set[tuple[int, int]] = set()
    for e in doc.events:
        if min_confidence is not None and e.confidence < min_confidence:
            continue
        si = e.evidence.sentence if not spans else gold_sentence(spans, e.evidence.start, e.evidence.end,
                                                                 e.evidence.sentence)
        src, tgt = actors.get(e.source), actors.get(e.target)
        sc = src.code if src and src.code else (src.country if src else None)
        tc = tgt.code if tgt and tgt.code else (tgt.country if tgt else None)
        rec = {"article": doc.id, "sentence": si, "trigger": e.trigger, "type": e.type, "cameo": e.cameo,
               "source": src.name if src else None, "source_code": sc,
               "target": tgt.name if tgt else None, "target_code": tc, "status": e.status,
               "confidence": e.confidence, "text": e.evidence.text, "verdict": "spurious"}
        golds = gold_by_sent.get(si, [])
        if not golds:
            rec["verdict"] = "no gold event in sentence"
        best = None
        for k, g in enumerate(golds):
            if not (_stems(e.trigger) & _stems(g["trigger"])):
                continue
            score = (g["plover"] == e.type,
                     _sides_agree(sc, tc, g, e.type, _country),
                     _status(g["status"]) == e.status,
                     _sides_agree(sc, tc, g, e.type, lambda c: c))
            if best is None or score > best[0]:
                best = (score, k, g)
        if best is not None:
            (typ, sides, status, strict), k, g = best
            rec["gold"] = g
            rec["verdict"] = ("right" if typ and sides and status else
                              "wrong type" if not typ else "wrong sides" if not sides else "wrong status")
            rec["strict"] = bool(typ and strict and status)
            rec["partly"] = bool(typ)
            if rec["verdict"] == "right":
                used.add((si, k))
        coded.append(rec)
    for si, golds in gold_by_sent.items():
        for k, g in enumerate(golds):
            gold_out.append({"article": doc.id, "sentence": si, **g, "found": (si, k) in used})
    return coded, gold_out


def report(coded: list[dict], gold: list[dict], n_articles: int, out=sys.stdout) -> dict:
    n = len(coded)
    right = sum(c["verdict"] == "right" for c in coded)
    strict = sum(bool(c.get("strict")) for c in coded)
    partly = sum(bool(c.get("partly")) for c in coded)
    found = sum(g["found"] for g in gold)
    p = right / n if n else 0.0
    r = found / len(gold) if gold else 0.0
    res = {"articles": n_articles, "coded": n, "gold": len(gold), "precision": p, "recall": r,
           "strict_precision": strict / n if n else 0.0, "partly": partly / n if n else 0.0,
           "verdicts": collections.Counter(c["verdict"] for c in coded)}
    print(f"articles {n_articles}, coded events {n}, gold events {len(gold)}", file=out)
    print(f"lenient precision {p:.3f}  recall {r:.3f}  F1 {2 * p * r / (p + r) if p + r else 0:.3f}", file=out)
    print(f"strict precision {res['strict_precision']:.3f}  partly right (trigger+type) {res['partly']:.3f}",
          file=out)
    print("verdicts: " + ", ".join(f"{k} {v}" for k, v in res["verdicts"].most_common()), file=out)
    bands = collections.defaultdict(lambda: [0, 0])
    for c in coded:
        b = min(int(c["confidence"] * 10), 9) / 10
        bands[b][0] += 1
        bands[b][1] += c["verdict"] == "right"
    print("calibration (confidence band: n, share right): " +
          "  ".join(f"{b:.1f}: {n_}, {k / n_:.2f}" for b, (n_, k) in sorted(bands.items())), file=out)
    types = collections.Counter(c["type"] for c in coded)
    right_types = collections.Counter(c["type"] for c in coded if c["verdict"] == "right")
    print("by type (coded/right): " + ", ".join(f"{t} {k}/{right_types[t]}" for t, k in types.most_common()),
          file=out)
    statuses = collections.Counter(c["status"] for c in coded)
    right_statuses = collections.Counter(c["status"] for c in coded if c["verdict"] == "right")
    print("by status (coded/right): " + ", ".join(f"{t} {k}/{right_statuses[t]}" for t, k in statuses.most_common()),
          file=out)
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", default="dev", choices=("dev", "train", "all"))
    ap.add_argument("--errors", type=Path)
    ap.add_argument("--min-confidence", type=float, default=None)
    args = ap.parse_args(argv)
    config = load_config()
    pairs = load_gold(args.part)
    if not pairs:
        print(f"no annotated articles in part {args.part!r}")
        return 1
    docs = code_documents([a for a, _ in pairs], config)
    coded, gold = [], []
    for doc, (art, ann) in zip(docs, pairs):
        c, g = judge(doc, ann, args.min_confidence, art.get("sentences"))
        coded += c
        gold += g
    report(coded, gold, len(pairs))
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as f:
            for c in coded:
                if c["verdict"] != "right":
                    f.write(json.dumps(c, ensure_ascii=False) + "\n")
            for g in gold:
                if not g["found"]:
                    f.write(json.dumps({"missed": g}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
