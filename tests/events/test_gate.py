"""The learned event gate: its features, its probability as the event's confidence, and the
`min_confidence` setting that trades recall for precision."""
from __future__ import annotations

import math

import readout
from readout.config import load_config
from readout.events.coder import DocumentCoder
from readout.events.gate import candidate_features, gate_model, probability
from readout.pipeline import build_pipeline, run_batch
from readout.records import RawArticle
from readout.work import WorkItem

TEXT = "Russia and China held talks in Moscow on Monday. Russian troops attacked the village."


def _coder() -> DocumentCoder:
    item = WorkItem(raw=RawArticle(text=TEXT, input_name="t", published="2016-03-01",
                                   published_source="given"))
    run_batch([item], build_pipeline(["clean", "parse", "times", "actors", "quotes"]), load_config())
    return DocumentCoder(item)


def test_the_shipped_gate_has_weights_and_says_where_they_come_from():
    model = gate_model()
    assert model is not None and len(model["weights"]) > 100
    assert "train_event_gate.py" in model["script"] and model["data"]["plv_examples"] > 0


def test_every_coded_event_has_its_gate_features_and_confidence_is_their_probability():
    coder = _coder()
    events = coder.code()
    assert events
    for e in events:
        feats = coder.features[e.id]
        assert feats["bias"] == 1.0 and any(k.startswith("lemma=") for k in feats)
        assert math.isclose(e.confidence, round(probability(feats, gate_model()), 3))
    talks = next(e for e in events if e.type == "CONSULT")
    assert coder.features[talks.id].get("both_sides") == 1.0


def test_probability_follows_the_weights():
    model = {"weights": {"bias": 0.0, "lemma=attack": 2.0, "modal=would": -3.0}}
    base = probability({"bias": 1.0}, model)
    assert math.isclose(base, 0.5)
    assert probability({"bias": 1.0, "lemma=attack": 1.0}, model) > base
    assert probability({"bias": 1.0, "lemma=attack": 1.0, "modal=would": 1.0}, model) < base


def test_candidate_features_read_modality_and_objects():
    coder = _coder()
    coder.code()
    feats = list(coder.features.values())
    assert any("root=04" in f for f in feats) and any("root=19" in f or "root=18" in f for f in feats)
    assert all(0.0 <= f["heuristic"] <= 1.0 for f in feats)
    assert candidate_features.__doc__


def test_min_confidence_trades_recall_for_precision():
    kept_all = readout.extract_text(TEXT, published="2016-03-01",
                                    config=load_config().with_overrides(min_confidence=0.0))
    none = readout.extract_text(TEXT, published="2016-03-01",
                                config=load_config().with_overrides(min_confidence=1.0))
    assert kept_all.events and not none.events
    assert all(0.0 <= e.confidence <= 1.0 for e in kept_all.events)
