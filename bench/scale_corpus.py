"""Benchmark corpora: PolNeAR train texts (real news) repeated to the size asked for.

Each copy gets its own title (and so its own article id), so the store holds as many
articles as were read. Texts stay in /work/shared: they are written to a temporary file
for a benchmark run, never into the repository.
"""
from __future__ import annotations

import json
from pathlib import Path

POLNEAR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "quotes" / "polnear" / "train" / "text"


def polnear_articles() -> list[tuple[str, str, str]]:
    """(name, title, body) for every PolNeAR train text; the first line is the title."""
    if not POLNEAR.exists():
        raise SystemExit(f"{POLNEAR} not found: the benchmarks need ../shared/data/quotes/polnear")
    out = []
    for path in sorted(POLNEAR.glob("*.txt")):
        title, _, body = path.read_text("utf-8").partition("\n")
        if body.strip():
            out.append((path.stem, title.strip(), body.strip()))
    return out


def write_jsonl(path: Path, n: int) -> list[str]:
    """Write `n` articles (repeating the texts) as JSON Lines; return their bodies."""
    articles = polnear_articles()
    bodies = []
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            name, title, body = articles[i % len(articles)]
            copy = i // len(articles)
            fh.write(json.dumps({"id": f"{name}#{copy}", "title": f"{title} [{copy}]",
                                 "text": body}) + "\n")
            bodies.append(body)
    return bodies
