"""Select and prepare the articles of readout's own event gold set (eval/events_gold/).

Articles come from training material only: PolNeAR's `train` compartment (political news,
2015–2016) and the ECB+ training topics (not the usual dev topics 2 5 12 18 21 23 34 35;
the test topics 36–45 are not in the shared file). Selection is deterministic (a seeded
shuffle of the articles of 120–650 words that name a political or violent action), and
the split into a training part and a frozen dev part is fixed here, before any tuning:
every third selected article (by selection order) is dev.

Each article is cleaned and sentence-split by readout itself, so the gold sentences are
the ones the coder sees: `articles/<id>.json` (clean text, sentence offsets, published
date) and `articles/<id>.txt` (numbered sentences, for the annotator). Annotations go to
`annotations/<id>.json` (see eval/ANNOTATION.md).

    python scripts/prepare_event_gold.py --polnear 48 --ecb 16

Later additions to the training part name their articles and leave every existing entry of
`split.json` as it is (ids already listed are refused):

    python scripts/prepare_event_gold.py --add-train ecb_19_1ecb pn_politico-2015-11-11-clinton-blasts-trump-over-deport
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from readout.config import load_config  # noqa: E402
from readout.pipeline import build_pipeline, run_batch  # noqa: E402
from readout.records import RawArticle  # noqa: E402
from readout.work import WorkItem  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
OUT = REPO / "eval" / "events_gold"
ECB_DEV_TOPICS = {2, 5, 12, 18, 21, 23, 34, 35}
ACTION = re.compile(r"\b(said|met|talks|attack\w*|kill\w*|arrest\w*|sanction\w*|protest\w*|accus\w*|"
                    r"agree\w*|threat\w*|troops|minister|president|government|police|vote\w*|"
                    r"deal|summit|visit\w*|urge\w*|demand\w*|reject\w*|condemn\w*|strike\w*)\b", re.I)


def polnear_candidates() -> list[dict]:
    meta = {}
    with open(SHARED / "quotes" / "polnear" / "metadata.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    out = []
    for path in sorted((SHARED / "quotes" / "polnear" / "train" / "text").glob("*.txt")):
        name = path.stem
        row = meta.get(name, {})
        if row.get("compartment") not in (None, "train"):
            continue
        text = path.read_text("utf-8")
        out.append({"id": "pn_" + re.sub(r"[^a-z0-9]+", "-", name.lower())[:48], "source": f"polnear/train/{name}",
                    "title": row.get("title") or None, "published": row.get("publication_date") or None,
                    "text": text, "title_in_text": row.get("title") is None})
    return out


def ecb_candidates() -> list[dict]:
    out = []
    with open(SHARED / "linking" / "ecbplus_train_dev_allsent.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["topic"] in ECB_DEV_TOPICS:
                continue
            out.append({"id": "ecb_" + d["doc_id"], "source": f"ecbplus/{d['doc_id']}", "title": None,
                        "published": None, "text": d["text"], "title_in_text": True})
    return out


def suitable(c: dict, lo: int, hi: int) -> bool:
    n = len(c["text"].split())
    return lo <= n <= hi and len(ACTION.findall(c["text"])) >= 3


def prepare(cands: list[dict]) -> list[dict]:
    config = load_config()
    stages = build_pipeline(["clean", "parse"])
    items = [WorkItem(raw=RawArticle(text=c["text"], input_name=c["id"], title=c["title"],
                                     published=c["published"], title_in_text=c["title_in_text"]))
             for c in cands]
    run_batch(items, stages, config)
    out = []
    for c, it in zip(cands, items):
        if it.error is not None or it.document is None:
            continue
        doc = it.document
        out.append({"id": c["id"], "source": c["source"], "title": doc.title, "published": c["published"],
                    "text": doc.text, "sentences": [[s.start, s.end] for s in doc.sentences]})
    return out


def write_article(a: dict) -> None:
    (OUT / "articles").mkdir(parents=True, exist_ok=True)
    (OUT / "articles" / f"{a['id']}.json").write_text(json.dumps(a, ensure_ascii=False, indent=1), "utf-8")
    lines = [f"# {a['id']}  ({a['source']}, published {a['published'] or 'unknown'})",
             f"# title: {a['title']}", ""]
    for i, (s, e) in enumerate(a["sentences"]):
        lines.append(f"[{i}] {a['text'][s:e]}")
    (OUT / "articles" / f"{a['id']}.txt").write_text("\n".join(lines) + "\n", "utf-8")


def add_train(ids: list[str]) -> int:
    split = json.loads((OUT / "split.json").read_text("utf-8"))
    taken = [i for i in ids if i in split]
    if taken:
        print("already in split.json: " + " ".join(taken), file=sys.stderr)
        return 2
    by_id = {c["id"]: c for c in polnear_candidates() + ecb_candidates()}
    missing = [i for i in ids if i not in by_id]
    if missing:
        print("not a train candidate: " + " ".join(missing), file=sys.stderr)
        return 2
    chosen = prepare([by_id[i] for i in ids])
    for a in chosen:
        write_article(a)
        split[a["id"]] = "train"
    (OUT / "split.json").write_text(json.dumps(split, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"{len(chosen)} articles added to the training part → {OUT}")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--polnear", type=int, default=48)
    ap.add_argument("--ecb", type=int, default=16)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--add-train", nargs="+", metavar="ID",
                    help="prepare these candidate ids and add them to split.json as train")
    args = ap.parse_args(argv)
    if args.add_train:
        return add_train(args.add_train)
    rng = random.Random(args.seed)
    pn = [c for c in polnear_candidates() if suitable(c, 120, 650)]
    ecb = [c for c in ecb_candidates() if suitable(c, 120, 650)]
    rng.shuffle(pn)
    rng.shuffle(ecb)
    chosen = prepare(pn[:args.polnear] + ecb[:args.ecb])
    (OUT / "articles").mkdir(parents=True, exist_ok=True)
    (OUT / "annotations").mkdir(parents=True, exist_ok=True)
    split = {}
    for k, a in enumerate(chosen):
        split[a["id"]] = "dev" if k % 3 == 2 else "train"
        write_article(a)
    (OUT / "split.json").write_text(json.dumps(split, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"{len(chosen)} articles ({sum(v == 'dev' for v in split.values())} dev) → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
