"""Evaluate across-article linking.

1. ECB+ (../shared/data/linking, CC BY 3.0): every document is stored and linked through
   the same code the ingest runs (Store.write → link.link_batch, batches of 32, in arrival
   order = file order) and its story is compared with the gold `subtopic` (one real-world
   happening) by B-cubed precision, recall and F1, for the dev topics (2 5 12 18 21 23 34
   35) and the train topics separately. ECB+ gives no dates, outlets or titles, and the
   documents are not run through spaCy here (words-only path: the actor, place and event
   type terms are empty); so this measures the text signals of the clustering alone.
2. The linking corpus (tests/data/linking_corpus, our own articles): run through the whole
   pipeline; stories against the gold happenings, linked events and accounts.

   With --full, ECB+ goes through the whole pipeline instead (api.ingest; ~2 minutes), so
   actors, places, event types and publication dates inferred from the text take part.

    python eval/eval_linking.py                 # ECB+ words-only (all and dev streams) + corpus
    python eval/eval_linking.py --ecb --streams dev   # dev topics streamed alone
    python eval/eval_linking.py --full /tmp/ecb.duckdb [--relink]   # whole pipeline, store kept
    python eval/eval_linking.py --sweep         # parameter sweep on the TRAIN topics
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ECB = REPO / ".." / "shared" / "data" / "linking" / "ecbplus_train_dev_allsent.jsonl"
CORPUS = REPO / "tests" / "data" / "linking_corpus" / "articles.jsonl"
DEV_TOPICS = {2, 5, 12, 18, 21, 23, 34, 35}


def bcubed(pred: dict, gold: dict) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of the clustering `pred` (item → cluster) against `gold`."""
    items = list(gold)
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    p = r = 0.0
    for i in items:
        same = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += same / len(by_pred[pred[i]])
        r += same / len(by_gold[gold[i]])
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_ecb() -> list[dict]:
    if not ECB.exists():
        sys.exit(f"{ECB} not found")
    return [json.loads(line) for line in ECB.open(encoding="utf-8")]


def cluster_ecb(docs: list[dict], overrides: dict | None = None, batch_size: int = 32) -> dict:
    """Store and link the documents in the given order; returns {doc_id: story_id}."""
    from readout.config import load_config
    from readout.link import link_batch
    from readout.records import Document, Sentence, stable_id
    from readout.store.writer import Store

    cfg = load_config()
    if overrides:
        cfg = cfg.with_overrides(link={"stories": overrides})
    ids = {}
    with Store(":memory:") as store:
        for i in range(0, len(docs), batch_size):
            batch = []
            for d in docs[i:i + batch_size]:
                doc = Document(id=stable_id("ecbplus", d["doc_id"]), text=d["text"],
                               sentences=[Sentence(s["start"], s["end"]) for s in d["sentences"]],
                               input_id=d["doc_id"])
                ids[doc.id] = d["doc_id"]
                batch.append(doc)
            store.write(batch)
            link_batch(store, batch, cfg)
        rows = store.query("SELECT id, story_id FROM articles")
    return {ids[r["id"]]: r["story_id"] for r in rows}


def report_ecb(docs, pred, label: str) -> dict:
    out = {}
    for split, keep in (("dev", lambda d: d["topic"] in DEV_TOPICS),
                        ("train", lambda d: d["topic"] not in DEV_TOPICS)):
        sub = [d for d in docs if keep(d)]
        if not sub:
            continue
        gold = {d["doc_id"]: d["subtopic"] for d in sub}
        p, r, f = bcubed({d["doc_id"]: pred[d["doc_id"]] for d in sub}, gold)
        tp, tr, tf = bcubed({d["doc_id"]: pred[d["doc_id"]] for d in sub},
                            {d["doc_id"]: d["topic"] for d in sub})
        n_pred = len({pred[d["doc_id"]] for d in sub})
        out[split] = (p, r, f)
        print(f"| {label} | {split} | {len(sub)} | {len(set(gold.values()))} | {n_pred} | "
              f"{p:.3f} | {r:.3f} | **{f:.3f}** | {tf:.3f} |")
    return out


def run_ecb(streams: list[str], orders: int) -> None:
    docs = load_ecb()
    print("ECB+ subtopic clustering (B-cubed; stories vs gold subtopics; last column: "
          "F1 against topics)\n")
    print("| stream | split | docs | gold | stories | P | R | F1 | topic F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for stream in streams:
        sel = [d for d in docs if stream == "all" or (d["topic"] in DEV_TOPICS) == (stream == "dev")]
        t0 = time.perf_counter()
        pred = cluster_ecb(sel)
        dt_ = time.perf_counter() - t0
        report_ecb(sel, pred, f"{stream}, file order ({dt_:.1f} s)")
        for seed in range(orders):
            shuffled = sel[:]
            random.Random(seed).shuffle(shuffled)
            report_ecb(shuffled, cluster_ecb(shuffled), f"{stream}, shuffled #{seed}")


def run_ecb_full(db: Path, relink: bool) -> None:
    """ECB+ through the whole pipeline (spaCy; minutes): actors, places, event types and
    publication dates inferred from the text join the words. The store is kept at `db` so
    that later runs only re-link (link_stored with reset)."""
    import tempfile

    from readout import api
    from readout.link import link_stored
    from readout.store.writer import Store

    docs = load_ecb()
    if not db.exists():
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "ecbplus.jsonl"
            with src.open("w", encoding="utf-8") as fh:
                for d in docs:
                    fh.write(json.dumps({"id": d["doc_id"], "text": d["text"]}) + "\n")
            t0 = time.perf_counter()
            api.ingest([str(src)], db=db, jobs=1)
            print(f"ingested {len(docs)} ECB+ documents in {time.perf_counter() - t0:.0f} s")
    with Store(db) as store:
        if relink:
            link_stored(store, reset=True, order="stored")
        rows = store.query("SELECT input_id, story_id, published FROM articles")
    pred = {r["input_id"]: r["story_id"] for r in rows}
    print(f"{sum(r['published'] is not None for r in rows)} of {len(rows)} documents got a "
          "publication date inferred from their text\n")
    print("| stream | split | docs | gold | stories | P | R | F1 | topic F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    report_ecb([d for d in docs if d["doc_id"] in pred], pred, "all, full pipeline")


def sweep() -> None:
    """Choose the clustering parameters on the TRAIN topics only (file order)."""
    import itertools
    docs = [d for d in load_ecb() if d["topic"] not in DEV_TOPICS]
    gold = {d["doc_id"]: d["subtopic"] for d in docs}
    print("parameter sweep on the ECB+ TRAIN topics (words only, file order)\n")
    print("| threshold | name_weight | signature_terms | P | R | F1 |\n|---|---|---|---|---|---|")
    for th, nw, size in itertools.product((0.18, 0.2, 0.22, 0.25), (2.0, 3.0), (80, 150)):
        pred = cluster_ecb(docs, {"threshold": th, "name_weight": nw, "signature_terms": size})
        p, r, f = bcubed(pred, gold)
        print(f"| {th} | {nw} | {size} | {p:.3f} | {r:.3f} | {f:.3f} |", flush=True)


def run_corpus() -> None:
    """The own linking corpus through the whole pipeline (loads the spaCy model)."""
    import tempfile

    from readout import api
    from readout.link.accounts import accounts
    from readout.store.writer import Store

    lines = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.duckdb"
        t0 = time.perf_counter()
        api.ingest([str(CORPUS)], db=db, jobs=1)
        took = time.perf_counter() - t0
        with Store(db, read_only=True) as store:
            rows = store.query("SELECT input_id, story_id FROM articles")
            pred = {r["input_id"]: r["story_id"] for r in rows}
            gold = {line["id"]: line["happening"] for line in lines}
            p, r, f = bcubed(pred, gold)
            print(f"\nlinking corpus: {len(lines)} articles, {len(set(gold.values()))} happenings, "
                  f"{len(set(pred.values()))} stories; B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f} "
                  f"(ingest {took:.1f} s)\n")
            events = store.query("SELECT id, type, source_name, target_name, n_mentions, n_articles, "
                                 "n_sources FROM linked_events ORDER BY n_articles DESC, id")
            print(f"{len(events)} linked events; the most widely reported:")
            print("| id | type | source | target | mentions | articles | sources |\n|---|---|---|---|---|---|---|")
            for e in events[:10]:
                print(f"| {e['id']} | {e['type']} | {e['source_name']} | {e['target_name']} | "
                      f"{e['n_mentions']} | {e['n_articles']} | {e['n_sources']} |")
            for e in events[:4]:
                acc = accounts(store, e["id"])
                print(f"\n{e['id']}: {len(acc['sources'])} source(s), "
                      f"{len(acc['differences'])} difference(s)")
                for diff in acc["differences"][:6]:
                    print(f"  - {diff['what']}: {diff['detail']}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ecb", action="store_true", help="ECB+ only")
    ap.add_argument("--corpus", action="store_true", help="own corpus only")
    ap.add_argument("--sweep", action="store_true", help="threshold sweep on ECB+ train topics")
    ap.add_argument("--streams", default="all,dev", help="all, dev, train (comma-separated)")
    ap.add_argument("--full", type=Path, default=None,
                    help="ECB+ through the whole pipeline, store kept at this DuckDB path")
    ap.add_argument("--relink", action="store_true", help="with --full: re-link the kept store")
    ap.add_argument("--orders", type=int, default=2, help="shuffled arrival orders per stream")
    args = ap.parse_args()
    if args.sweep:
        sweep()
        return
    if args.full:
        run_ecb_full(args.full, args.relink)
        return
    if not args.corpus:
        run_ecb(args.streams.split(","), args.orders)
    if not args.ecb:
        run_corpus()


if __name__ == "__main__":
    main()
