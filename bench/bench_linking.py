"""What linking (story clustering + event linking) adds to the cost of ingest.

Two measurements, side by side in one run:

1. Real: `ingest` of --n PolNeAR train articles (real news, the whole pipeline, one
   process) with linking off and with linking on (best of --repeat each). Printed: both
   times and the ratio.
2. 10,000 articles: parsing 10,000 articles would take most of an hour on 2 cores, so the
   Documents extracted in (1) are copied to --big synthetic stored documents: copy i is
   article i mod n with its own id, a publication date advancing by one day every
   date such that stories of 1 to 6 copies come and go (see synthetic_copies), its
   sentences rotated and its event dates moved to its own date. They are
   written batch by batch (Store.write, batches of 64) and linked after each batch
   (link_batch) exactly as ingest does; write and link times are summed separately. The
   cost of ingest without linking for 10,000 articles is the per-article time measured in
   (1) times 10,000, plus nothing else (the writes are part of it). Printed: linking time,
   the ratio to that ingest time (acceptance: ≤ 1.15, i.e. linking ≤ 15% of ingest), and
   the link time per article in the first and the last tenth (flat = no growth with store
   size).

    python bench/bench_linking.py                 # n=100, big=10000
    python bench/bench_linking.py --n 60 --big 10000 --repeat 1
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

from scale_corpus import write_jsonl

from readout.config import load_config
from readout.records import stable_id


_LINK_SECONDS = [0.0]


def _timed_link_batch():
    """Wrap link.link_batch (link.Linker looks it up at each call) to sum its time."""
    import readout.link as link
    original = link.link_batch

    def timed(*args, **kw):
        t0 = time.perf_counter()
        try:
            return original(*args, **kw)
        finally:
            _LINK_SECONDS[0] += time.perf_counter() - t0
    link.link_batch = timed


def ingest_once(src: Path, db: Path, cfg) -> float:
    from readout.run.ingest import ingest_sharded
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    shutil.rmtree(str(db) + ".shards", ignore_errors=True)
    t0 = time.perf_counter()
    ingest_sharded([str(src)], str(db), None, cfg, jobs=1, keep_shards=False)
    return time.perf_counter() - t0


def synthetic_copies(docs, n: int, gap_days: int = 12):
    """`n` Documents copied from `docs` with their own ids, in date order (see above).

    Copy c of seed b belongs to generation c // k (k = 1 + b mod 6 copies per generation,
    spread over k days); generations lie `gap_days` apart, beyond the story window, so the
    feed has stories of 1 to 6 articles that come and go, as a real one has.
    """
    start = dt.date(2024, 1, 1)
    plan = []
    for i in range(n):
        b, copy = i % len(docs), i // len(docs)
        k = 1 + b % 6
        day = start + dt.timedelta(days=(copy // k) * gap_days + copy % k + b % 7)
        plan.append((day, b, copy))
    plan.sort()
    for day_date, b, copy in plan:
        base = docs[b]
        day = day_date.isoformat()
        aid = stable_id("bench-copy", base.id, copy)
        parts = [base.text[s.start:s.end] for s in base.sentences]
        k = copy % max(len(parts), 1)
        text = " ".join(parts[k:] + parts[:k]) if parts else base.text
        actors = [dataclasses.replace(a, id=stable_id(aid, a.id)) for a in base.actors]
        remap = {a.id: b.id for a, b in zip(base.actors, actors)}
        events = [dataclasses.replace(
            e, id=stable_id(aid, e.id), source=remap.get(e.source), target=remap.get(e.target),
            date=dataclasses.replace(e.date, start_date=day, end_date=day) if e.date else None)
            for e in base.events]
        quotes = [dataclasses.replace(q, id=stable_id(aid, q.id), speaker=remap.get(q.speaker))
                  for q in base.quotes]
        figures = [dataclasses.replace(f, id=stable_id(aid, f.id), claimant=remap.get(f.claimant))
                   for f in base.figures]
        yield dataclasses.replace(base, id=aid, text=text, published=day,
                                  title=f"{base.title} [{copy}]", actors=actors, events=events,
                                  quotes=quotes, figures=figures)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100, help="real articles ingested (with/without linking)")
    ap.add_argument("--big", type=int, default=10000, help="synthetic stored documents linked")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    from readout.link import link_batch
    from readout.store.writer import Store

    base = load_config().with_overrides(n_process=1)
    off = base.with_overrides(link={"enabled": False})
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "bench.jsonl"
        write_jsonl(src, args.n)
        ingest_once(src, tmp / "warm.duckdb", off)    # load the model and data once, untimed
        _timed_link_batch()
        t_off = t_on = t_in_link = float("inf")
        for _ in range(args.repeat):
            t_off = min(t_off, ingest_once(src, tmp / "off.duckdb", off))
            _LINK_SECONDS[0] = 0.0
            t_on = min(t_on, ingest_once(src, tmp / "on.duckdb", base))
            t_in_link = min(t_in_link, _LINK_SECONDS[0])
        with Store(tmp / "on.duckdb", read_only=True) as store:
            n_stories = store.count("stories")
            n_linked = store.count("linked_events")
        per_article = t_off / args.n
        print(f"real ingest of {args.n} PolNeAR articles, 1 process (best of {args.repeat}):")
        print("| ingest | seconds | articles/s |\n|---|---|---|")
        print(f"| linking off | {t_off:.1f} | {args.n / t_off:.2f} |")
        print(f"| linking on | {t_on:.1f} | {args.n / t_on:.2f} |")
        print(f"ratio on/off (wall clock, noisy on a shared machine): {t_on / t_off:.3f}; "
              f"time inside link_batch {t_in_link:.2f} s = {100 * t_in_link / t_off:.1f}% of ingest "
              f"without linking ({n_stories} stories, {n_linked} linked events)\n")

        # the extracted documents, back from the store, as the seed of the synthetic feed
        from readout.store.documents import documents_from_tables
        with Store(tmp / "off.duckdb", read_only=True) as store:
            tables = {t: store.con.sql(f'SELECT * FROM "{t}"').to_arrow_table()
                      for t in ("articles", "sentences", "actors", "mentions", "events", "quotes", "figures")}
        seeds = documents_from_tables(tables)
        n_events = sum(len(d.events) for d in seeds) / len(seeds)
        t_write = t_link = 0.0
        per_batch: list[tuple[int, float]] = []
        batch: list = []
        with Store(tmp / "big.duckdb") as store:
            def flush():
                nonlocal t_write, t_link
                t0 = time.perf_counter()
                store.write(batch)
                t1 = time.perf_counter()
                link_batch(store, batch, base)
                t2 = time.perf_counter()
                t_write += t1 - t0
                t_link += t2 - t1
                per_batch.append((len(batch), t2 - t1))
                batch.clear()
            for doc in synthetic_copies(seeds, args.big):
                batch.append(doc)
                if len(batch) == 64:
                    flush()
            if batch:
                flush()
            big_stories = store.count("stories")
            big_linked = store.count("linked_events")
            big_mentions = store.count("event_mentions")
        tenth = max(1, len(per_batch) // 10)
        first = sum(t for _, t in per_batch[:tenth]) / sum(n for n, _ in per_batch[:tenth])
        last = sum(t for _, t in per_batch[-tenth:]) / sum(n for n, _ in per_batch[-tenth:])
        ingest_big = per_article * args.big
        print(f"{args.big} synthetic stored documents ({n_events:.1f} events each), "
              f"batches of 64:")
        print("| step | seconds | ms/article |\n|---|---|---|")
        print(f"| store write (part of ingest) | {t_write:.1f} | {1000 * t_write / args.big:.2f} |")
        print(f"| linking | {t_link:.1f} | {1000 * t_link / args.big:.2f} |")
        print(f"| ingest without linking (measured {1000 * per_article:.0f} ms/article x {args.big}) | "
              f"{ingest_big:.0f} | {1000 * per_article:.0f} |")
        print(f"linking, first tenth {1000 * first:.2f} ms/article, last tenth {1000 * last:.2f} ms/article")
        print(f"{big_stories} stories, {big_linked} linked events, {big_mentions} mentions")
        print(f"ratio ingest with linking / without, 10,000 articles: {(ingest_big + t_link) / ingest_big:.3f}")


if __name__ == "__main__":
    main()
