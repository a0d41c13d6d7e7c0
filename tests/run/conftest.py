"""A small synthetic corpus in every input form the readers take, with some bad inputs."""
from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from readout.config import load_config

_WORDS = ("minister", "talks", "border", "government", "said", "on", "the", "of", "to", "in",
          "and", "a", "was", "that", "for", "with", "by", "at", "from", "troops", "sanctions",
          "agreement", "capital", "leaders", "meeting", "week", "officials", "report")


def article_text(rng: random.Random, n_paragraphs: int = 3) -> str:
    paras = []
    for _ in range(n_paragraphs):
        sents = []
        for _ in range(rng.randint(2, 4)):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 16))]
            sents.append(" ".join(words).capitalize() + ".")
        paras.append(" ".join(sents))
    return "\n\n".join(paras)


def make_corpus(root: Path, n_txt: int = 12, n_jsonl: int = 15, n_gz: int = 7, seed: int = 7,
                bad: bool = True) -> Path:
    """Folder with .txt files, a .jsonl, a .jsonl.gz and (if `bad`) inputs that must fail."""
    rng = random.Random(seed)
    folder = root / "corpus"
    (folder / "sub").mkdir(parents=True)
    for i in range(n_txt):
        (folder / ("sub" if i % 3 == 0 else "") / f"a{i:03d}.txt").write_text(
            f"Title number {i}\n\n" + article_text(rng), "utf-8")
    lines = [json.dumps({"id": f"j{i}", "title": f"JSON article {i}", "text": article_text(rng),
                         "published": "2024-03-0%d" % (1 + i % 9)}) for i in range(n_jsonl)]
    if bad:
        lines.insert(3, "{not json")
        lines.insert(7, "")
        lines.insert(9, json.dumps({"title": "no text"}))
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    gz_lines = [json.dumps({"title": f"GZ article {i}", "text": article_text(rng)}) for i in range(n_gz)]
    with gzip.open(folder / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(gz_lines) + "\n")
    if bad:
        (folder / "empty.txt").write_text("", "utf-8")
        (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
        (folder / "latin.txt").write_bytes("Caf\xe9 au lait for the minister".encode("latin-1"))
    return folder


@pytest.fixture()
def corpus(tmp_path) -> Path:
    return make_corpus(tmp_path)


@pytest.fixture(scope="session")
def clean_config():
    """Only the clean stage: the runner's machinery without the model (fast)."""
    return load_config().with_overrides(stages=("clean",))
