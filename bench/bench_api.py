"""Latency of the dyad and events API on a store of synthetic events (1 million by default).

Generates the store (bulk insert from Arrow tables, never executemany), starts
`readout serve` on a free localhost port, sends a bounded number of concurrent
requests (a mix of dyad series and event lists with typical filters), and prints
p50/p95 per endpoint beside the same queries run directly on DuckDB in this process,
with the ratio HTTP/direct. The target: p95 under 200 ms for the dyad and events API.

Then an overload run: `--overload` requests (default 2,000) from 200 concurrent clients
(asyncio, one connection each, waiting the Retry-After second after a 503) over the cheap endpoints (dyad series, event lists, one
event, a static file). The server answers at most `serve_max_active` at once and lets
`serve_max_waiting` wait; the rest get a 503 with Retry-After at once. Printed per
endpoint: p95 of all answers and of the 200s, and the share of 503s with their p95.
The target: p95 under 1 s for every cheap endpoint.

    python bench/bench_api.py                       # 1M events, 400 requests 8 at a time, then 2,000 at 200
    python bench/bench_api.py --events 100000 --requests 200 --overload 0
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import httpx
import numpy as np
import psutil
import pyarrow as pa

from readout.records import PLOVER_TYPES
from readout.serve import queries
from readout.serve.db import ReadOnlyStore
from readout.serve.filters import ActorKey, EventFilter
from readout.store.schema import TABLES
from readout.store.writer import create_sql

COUNTRIES = ["USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "IND", "PAK", "IRN", "ISR", "PSE",
             "TUR", "SYR", "IRQ", "SAU", "EGY", "JPN", "KOR", "PRK", "BRA", "MEX", "ZAF", "NGA",
             "ETH", "KEN", "AFG", "VEN", "COL", "POL", "BLR", "GEO", "ARM", "AZE", "TWN", "VNM",
             "PHL", "IDN", "AUS", "CAN"]
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 2, "COOPERATE": 2, "AID": 2,
        "RETREAT": 2, "REQUEST": 1, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3,
        "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}
STATUSES = ["occurred", "intended", "negated", "hypothetical"]
DAYS = 5 * 365


def generate(path: Path, n_events: int, n_articles: int, seed: int = 7) -> float:
    """Write a store of synthetic articles and events; returns seconds taken."""
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    if path.exists():
        path.unlink()
    con = duckdb.connect(str(path))
    for name, schema in TABLES.items():
        con.execute(create_sql(name, schema))
    start = dt.date(2020, 1, 1)
    art_day = rng.integers(0, DAYS, n_articles)
    art_ids = np.char.add("a", np.arange(n_articles).astype(str))
    published = np.array([(start + dt.timedelta(days=int(d))).isoformat() for d in range(DAYS)])
    articles = pa.table({
        "id": art_ids, "title": np.char.add("Synthetic report ", np.arange(n_articles).astype(str)),
        "outlet": rng.choice(["Wire A", "Wire B", "Daily C"], n_articles),
        "published": published[art_day], "text": np.full(n_articles, "Synthetic text."),
        "n_sentences": np.full(n_articles, 1, dtype=np.int32)})
    con.register("_a", articles)
    con.execute(f"INSERT INTO articles ({_cols(articles)}) SELECT * FROM _a")
    # countries weighted like news coverage: a few dominate
    weights = 1 / np.arange(1, len(COUNTRIES) + 1) ** 0.9
    weights /= weights.sum()
    src = rng.choice(len(COUNTRIES), n_events, p=weights)
    tgt = (src + 1 + rng.choice(len(COUNTRIES) - 1, n_events, p=_shift(weights))) % len(COUNTRIES)
    countries = np.array(COUNTRIES)
    types = np.array(PLOVER_TYPES)
    t = rng.integers(0, len(types), n_events)
    quad = np.array([QUAD[x] for x in types], dtype=np.int32)[t]
    gold = np.round(np.where(quad <= 2, 1, -1) * rng.uniform(0, 10, n_events), 1)
    art = rng.integers(0, n_articles, n_events)
    day = art_day[art] - rng.integers(0, 10, n_events)
    dated = rng.random(n_events) < 0.7
    date_start = np.where(dated, published[np.clip(day, 0, DAYS - 1)], None)
    events = pa.table({
        "id": np.char.add("e", np.arange(n_events).astype(str)), "article_id": art_ids[art],
        "type": types[t], "cameo": np.char.zfill(rng.integers(1, 21, n_events).astype(str), 2),
        "source_name": countries[src], "source_country": countries[src], "source_code": countries[src],
        "target_name": countries[tgt], "target_country": countries[tgt], "target_code": countries[tgt],
        "status": rng.choice(STATUSES, n_events, p=[0.7, 0.2, 0.05, 0.05]),
        "date_start": pa.array(date_start, pa.string()), "date_end": pa.array(date_start, pa.string()),
        "goldstein": gold, "quad_class": quad, "confidence": rng.uniform(0.3, 1, n_events),
        "sentence": np.zeros(n_events, dtype=np.int32), "start": np.zeros(n_events, dtype=np.int32),
        "end": np.full(n_events, 15, dtype=np.int32),
        "evidence": np.char.add(np.char.add(countries[src], " and "), countries[tgt]),
        "published": published[art_day[art]], "outlet": articles["outlet"].to_numpy()[art]})
    con.register("_e", events)
    con.execute(f"INSERT INTO events ({_cols(events)}) SELECT * FROM _e")
    actors = pa.table({"id": np.char.add("c", countries), "article_id": np.full(len(COUNTRIES), "a0"),
                       "name": countries, "country": countries, "code": countries,
                       "kind": np.full(len(COUNTRIES), "country"),
                       "n_mentions": np.ones(len(COUNTRIES), dtype=np.int32)})
    con.register("_c", actors)
    con.execute(f"INSERT INTO actors ({_cols(actors)}) SELECT * FROM _c")
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - t0


def _cols(table: pa.Table) -> str:
    return ", ".join(f'"{c}"' for c in table.column_names)


def _shift(weights):
    w = np.roll(weights, -1)[:-1]
    return w / w.sum()


def request_mix(n: int, seed: int = 11) -> list[tuple[str, str, dict]]:
    """(endpoint group, path, params): typical page loads of the dyad view and event search."""
    rng = random.Random(seed)
    top = COUNTRIES[:12]
    out = []
    for i in range(n):
        a, b = rng.sample(top, 2)
        kind = i % 4
        if kind == 0:
            out.append(("dyad series", f"/api/dyads/{a}/{b}", {}))
        elif kind == 1:
            out.append(("events: dyad list", "/api/events", {
                "source": a, "target": b, "by": "country", "both_directions": "true",
                "page_size": 50}))
        elif kind == 2:
            out.append(("events: dyad + type/status", "/api/events", {
                "source": a, "target": b, "by": "country", "both_directions": "true",
                "type": rng.choice(PLOVER_TYPES), "status": "occurred", "page_size": 50}))
        else:
            d0 = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(DAYS - 90))
            out.append(("events: type + dates", "/api/events", {
                "type": rng.choice(PLOVER_TYPES), "date_from": d0.isoformat(),
                "date_to": (d0 + dt.timedelta(days=90)).isoformat(), "page": rng.randint(1, 3),
                "page_size": 50}))
    return out


def direct(store: ReadOnlyStore, path: str, params: dict):
    """The same work as the endpoint, called in-process (no HTTP, no JSON, no threads)."""
    if path.startswith("/api/dyads/"):
        a, b = path.rsplit("/", 2)[1:]
        return queries.dyad_series(store, a, b, "country")
    flt = EventFilter(both_directions=params.get("both_directions") == "true",
                      type=params.get("type"), status=params.get("status"),
                      date_from=dt.date.fromisoformat(params["date_from"]) if "date_from" in params else None,
                      date_to=dt.date.fromisoformat(params["date_to"]) if "date_to" in params else None)
    if "source" in params:
        flt.source, flt.target = ActorKey("country", params["source"]), ActorKey("country", params["target"])
    return queries.events(store, flt, int(params.get("page", 1)), int(params["page_size"]))


def overload_mix(n: int, seed: int = 13) -> list[tuple[str, str, dict]]:
    """The cheap endpoints of a page load: dyad series, event lists, one event, a static file."""
    rng = random.Random(seed)
    base = request_mix(n, seed)
    out = []
    for i, item in enumerate(base):
        kind = i % 5
        if kind == 3:
            out.append(("one event", f"/api/events/e{rng.randrange(100_000)}", {}))
        elif kind == 4:
            out.append(("static file", rng.choice(["/static/style.css", "/static/chart.js",
                                                    "/static/common.js"]), {}))
        else:
            out.append(item)
    return out


FAST_503_MS = 100


async def _get(conn, host: str, target: str):
    """One GET on a keep-alive HTTP/1.1 connection: the status (a small client of its own:
    httpx's pool spends seconds of CPU per hundred requests at 200 connections, which
    would measure the client, not the server)."""
    reader, writer = conn
    writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status


async def _overload(base: str, mix: list, concurrency: int, max_seconds: float) -> list:
    """(group, ms, status) for each request, `concurrency` clients sending back to back,
    each on its own connection (status 0: the connection failed); a client told 503 waits
    the second its Retry-After asks before its next request."""
    from urllib.parse import urlencode, urlsplit
    url = urlsplit(base)
    queue = list(reversed(mix))
    results = []
    stop_at = time.monotonic() + max_seconds

    async def worker():
        conn = None
        while queue and time.monotonic() < stop_at:
            group, path, params = queue.pop()
            target = path + ("?" + urlencode(params) if params else "")
            t0 = time.perf_counter()
            try:
                if conn is None:
                    conn = await asyncio.open_connection(url.hostname, url.port)
                status = await _get(conn, url.netloc, target)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                status, conn = 0, None
            results.append((group, (time.perf_counter() - t0) * 1000, status))
            if status == 503:
                await asyncio.sleep(1.0)         # as the Retry-After header asks
        if conn is not None:
            conn[1].close()
    await asyncio.gather(*[worker() for _ in range(concurrency)])
    return results


def report_overload(results: list, concurrency: int, wall: float) -> bool:
    n = len(results)
    n503 = sum(s == 503 for _, _, s in results)
    fast = sum(s == 503 and ms < FAST_503_MS for _, ms, s in results)
    other = sum(s not in (200, 503) for _, _, s in results)
    print(f"\noverload: {n} requests from {concurrency} concurrent clients in {wall:.1f} s "
          f"({n / wall:.0f} answers/s); 503 (busy, Retry-After): {n503 / max(n, 1):.0%} of answers, "
          f"{fast / max(n503, 1):.0%} of them at once (< {FAST_503_MS} ms, the rest after waiting "
          f"serve_max_wait for a turn); other non-200: {other}")
    head = (f"{'endpoint':28} {'n':>5} {'p50 all':>9} {'p95 all':>9} {'p95 200':>9} "
            f"{'503 share':>9} {'p95 503':>9}")
    print(head)
    print("-" * len(head))
    ok = other == 0
    for group in sorted({g for g, _, _ in results}):
        rows = [(ms, s) for g, ms, s in results if g == group]
        all_ms = [ms for ms, _ in rows]
        good = [ms for ms, s in rows if s == 200]
        busy = [ms for ms, s in rows if s == 503]
        p95 = pct(all_ms, 0.95)
        ok = ok and p95 < 1000
        print(f"{group:28} {len(rows):>5} {statistics.median(all_ms):>7.0f}ms {p95:>7.0f}ms "
              f"{(f'{pct(good, 0.95):.0f}ms' if good else '-'):>9} {len(busy) / len(rows):>9.0%} "
              f"{(f'{pct(busy, 0.95):.0f}ms' if busy else '-'):>9}")
    print(f"\noverload: {'PASS' if ok else 'FAIL'} against p95 < 1 s for every cheap endpoint "
          f"(all answers, 503s included) with no errors")
    return ok


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=50_000)
    ap.add_argument("--requests", type=int, default=400, help="HTTP requests in all (bounded)")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--max-seconds", type=float, default=180, help="stop sending after this long")
    ap.add_argument("--overload", type=int, default=2000, help="requests of the overload run (0: none)")
    ap.add_argument("--overload-concurrency", type=int, default=200)
    ap.add_argument("--db", type=Path, default=Path(__file__).parent / "out" / "bench_api.duckdb")
    ap.add_argument("--reuse", action="store_true", help="reuse --db if it exists")
    args = ap.parse_args()

    args.db.parent.mkdir(parents=True, exist_ok=True)
    if not (args.reuse and args.db.exists()):
        secs = generate(args.db, args.events, args.articles)
        print(f"generated {args.events:,} events, {args.articles:,} articles in {secs:.1f} s "
              f"({args.db.stat().st_size / 1e6:.0f} MB)")
    mix = request_mix(args.requests)

    # direct: the same queries in-process, one at a time
    store = ReadOnlyStore(args.db)
    direct_ms: dict[str, list[float]] = {}
    for group, path, params in mix[:min(len(mix), 200)]:
        t0 = time.perf_counter()
        direct(store, path, params)
        direct_ms.setdefault(group, []).append((time.perf_counter() - t0) * 1000)
    store.close()

    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen([sys.executable, "-m", "readout.cli", "serve", "--db", str(args.db),
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as probe:
            deadline = time.monotonic() + 60
            while True:
                try:
                    probe.get("/openapi.json").raise_for_status()
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise SystemExit("server did not start: " + server.stderr.read().decode()[-2000:])
                    time.sleep(0.2)
            for group, path, params in mix[:8]:            # warm-up, not counted
                probe.get(path, params=params).raise_for_status()

        http_ms: dict[str, list[float]] = {}
        errors = 0
        stop_at = time.monotonic() + args.max_seconds
        limits = httpx.Limits(max_connections=args.concurrency)
        with httpx.Client(base_url=base, timeout=30, limits=limits) as client:
            def one(item):
                group, path, params = item
                if time.monotonic() > stop_at:
                    return group, None, None
                t0 = time.perf_counter()
                res = client.get(path, params=params)
                return group, (time.perf_counter() - t0) * 1000, res.status_code

            proc = psutil.Process(server.pid)
            cpu0 = sum(proc.cpu_times()[:2])
            t_all = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                for group, ms, status in pool.map(one, mix):
                    if ms is None:
                        continue
                    if status != 200:
                        errors += 1
                    http_ms.setdefault(group, []).append(ms)
            wall = time.perf_counter() - t_all
            server_cpu = sum(proc.cpu_times()[:2]) - cpu0
        overload = None
        if args.overload:
            t_over = time.perf_counter()
            overload = asyncio.run(_overload(base, overload_mix(args.overload), args.overload_concurrency,
                                             args.max_seconds))
            over_wall = time.perf_counter() - t_over
    finally:
        server.terminate()
        server.wait(10)

    n_sent = sum(len(v) for v in http_ms.values())
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{n_sent} requests, {args.concurrency} concurrent, {wall:.1f} s "
          f"({n_sent / wall:.0f} req/s), {errors} non-200; {os.cpu_count()} CPU(s), "
          f"load average {load} (other work on the machine slows every number)")
    print(f"server CPU time {server_cpu * 1000 / max(n_sent, 1):.1f} ms per request (all threads): "
          f"at most ~{os.cpu_count() / max(server_cpu / max(n_sent, 1), 1e-9):.0f} req/s on this machine "
          "when nothing else runs\n")
    head = f"{'endpoint':28} {'n':>4} {'http p50':>9} {'http p95':>9} {'direct p50':>11} {'direct p95':>11} {'p95 ratio':>9}"
    print(head)
    print("-" * len(head))
    worst = 0.0
    for group in sorted(http_ms):
        h, d = http_ms[group], direct_ms.get(group, [float("nan")])
        hp95, dp95 = pct(h, 0.95), pct(d, 0.95)
        worst = max(worst, hp95)
        print(f"{group:28} {len(h):>4} {statistics.median(h):>8.1f}ms {hp95:>8.1f}ms "
              f"{statistics.median(d):>10.1f}ms {dp95:>10.1f}ms {hp95 / dp95:>8.1f}x")
    all_ms = [x for v in http_ms.values() for x in v]
    print(f"{'all':28} {len(all_ms):>4} {statistics.median(all_ms):>8.1f}ms {pct(all_ms, 0.95):>8.1f}ms")
    verdict = "PASS" if pct(all_ms, 0.95) < 200 and errors == 0 else "FAIL"
    print(f"\np95 over all requests {pct(all_ms, 0.95):.1f} ms (worst endpoint {worst:.1f} ms): "
          f"{verdict} against the 200 ms target")
    over_ok = report_overload(overload, args.overload_concurrency, over_wall) if overload else True
    return 0 if verdict == "PASS" and over_ok else 1


if __name__ == "__main__":
    sys.exit(main())
