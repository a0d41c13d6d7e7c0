"""Reader for PolNeAR brat standoff (Source / Cue / Content attributions).

Used by eval_quotes.py. One annotation file per text is used (the first by annotator
id when a text was annotated more than once). Discontinuous spans ("a b;c d") are
kept as their list of pieces.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "quotes" / "polnear"


@dataclass
class Span:
    pieces: list[tuple[int, int]]
    text: str

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


@dataclass
class Attribution:
    id: str
    content: Span | None
    cue: Span | None
    source: Span | None
    kind: str = "Attribution"


@dataclass
class Article:
    name: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


def _span(field_: str, text: str) -> tuple[str, Span]:
    kind, _, offsets = field_.partition(" ")
    pieces = []
    for part in offsets.split(";"):
        a, b = part.split()
        pieces.append((int(a), int(b)))
    return kind, Span(pieces, text)


def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, Span]] = {}
    events = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        cols = line.split("\t")
        if cols[0].startswith("T") and len(cols) >= 2:
            try:
                spans[cols[0]] = _span(cols[1], cols[2] if len(cols) > 2 else "")
            except ValueError:
                continue
        elif cols[0].startswith("E") and len(cols) >= 2:
            events.append((cols[0], cols[1].split()))
    out = []
    for eid, args in events:
        roles: dict[str, Span] = {}
        kind = "Attribution"
        for a in args:
            role, _, ref = a.partition(":")
            if ref not in spans:
                continue
            if role.startswith("Attribution"):
                kind = role
                continue
            roles[role.rstrip("0123456789").lower()] = spans[ref][1]
        out.append(Attribution(eid, roles.get("content"), roles.get("cue"), roles.get("source"), kind))
    return out


def load(split: str, root: Path = ROOT, limit: int | None = None) -> list[Article]:
    """Articles of a split ("train" or "dev") with their gold attributions."""
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    anns: dict[str, Path] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        stem = p.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, p)
    arts = []
    for t in sorted(text_dir.glob("*.txt")):
        if t.stem not in anns:
            continue
        arts.append(Article(t.stem, t.read_text("utf-8"), read_ann(anns[t.stem])))
        if limit and len(arts) >= limit:
            break
    return arts
