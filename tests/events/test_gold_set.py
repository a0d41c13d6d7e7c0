"""readout's own event gold set (eval/events_gold) is well formed, and its frozen dev part
stays out of everything that is trained."""
from __future__ import annotations

import json
from pathlib import Path

GOLD = Path(__file__).resolve().parents[2] / "eval" / "events_gold"
STATUSES = {"occurred", "intended", "negated", "hypothetical", "claimed"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_split_has_a_frozen_dev_part_of_at_least_twenty_articles():
    split = json.loads((GOLD / "split.json").read_text("utf-8"))
    assert sum(p == "dev" for p in split.values()) >= 20 and sum(p == "train" for p in split.values()) >= 40


def test_every_annotation_covers_every_sentence_with_spans_from_it():
    for path in sorted((GOLD / "annotations").glob("*.json")):
        ann = json.loads(path.read_text("utf-8"))
        art = json.loads((GOLD / "articles" / path.name).read_text("utf-8"))
        sents = [art["text"][s:e] for s, e in art["sentences"]]
        assert [s["i"] for s in ann["sentences"]] == list(range(len(sents))), path.name
        for s in ann["sentences"]:
            for ev in s["events"]:
                for key in ("trigger", "source", "target"):
                    assert ev.get(key) is None or ev[key] in sents[s["i"]], (path.name, s["i"], key)
                assert ev["status"] in STATUSES and ev["plover"] in PLOVER, (path.name, ev)


def test_judged_proposals_are_from_the_training_part_only():
    split = json.loads((GOLD / "split.json").read_text("utf-8"))
    rows = [json.loads(line) for line in (GOLD / "judged_train.jsonl").read_text("utf-8").splitlines()]
    assert rows and all(split[r["article"]] == "train" for r in rows)
