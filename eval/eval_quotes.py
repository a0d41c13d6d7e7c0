"""Quotes against PolNeAR attributions: content P/R/F1 and speaker accuracy.

usage: python eval/eval_quotes.py [--split dev|train] [--limit N] [--cache DIR] [--errors FILE]
                                 [--rules-only]

Each article runs through the pipeline (clean → parse → times → actors → quotes);
spaCy parses are cached as DocBin files keyed by the text, so re-runs skip parsing.
Gold offsets are mapped from the raw text onto the cleaned text (the title line goes).

Matching (headline): a predicted quote matches a gold Content span when their token sets
(words and punctuation marks, regex \w+|[^\w\s]) overlap with intersection-over-union
|shared| / |union| ≥ 0.3 — strict: a long prediction around a short gold span fails —
one-to-one, best overlap first; "exact" needs the same span after trimming spaces,
punctuation and quote marks at both ends. For reference the table also shows the laxer
|shared| / |gold| ≥ 0.3 (how much of the gold span is covered, whatever the prediction's
length), and one-to-one matching on any shared token (the upper bound of what boundary
differences cost). --rules-only scores the hand rules without the learned candidate
scorer (stages/quotes_learned.py), for comparison. Speaker accuracy is over matched pairs whose gold attribution has a Source: right when
the predicted speaker phrase, or a mention of the predicted speaker actor, overlaps
the gold Source span (a gold relative pronoun, "Podesta, who said", counts as its antecedent:
right when the speaker phrase or a mention ends just before it). Use train for development;
report dev.

Speech only: gold attributions whose cue (with its source) `quotes/category.py` calls
speech, against predicted quotes of category speech, matched within that subset the same
way (a speech prediction that overlaps only a thought or stance gold span is a false
positive, a speech gold span found only as a stance quote a false negative).
"""
from __future__ import annotations

import argparse
import collections
import difflib
import hashlib
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import polnear  # noqa: E402

from readout.config import load_config  # noqa: E402
from readout.records import RawArticle  # noqa: E402
from readout.stages import stage_factory  # noqa: E402
from readout.work import WorkItem  # noqa: E402
from readout.clean.document import document_from_raw  # noqa: E402
from readout.nlp.model import load_model  # noqa: E402
from readout.nlp.sentences import sentences_of  # noqa: E402
from readout.quotes.speakers import quotes_for  # noqa: E402
from readout.quotes.find import find_attributions  # noqa: E402
from readout.quotes.learned import quote_model  # noqa: E402
from readout.quotes.marks import strip_span  # noqa: E402
from readout.quotes.category import quote_category  # noqa: E402

TOKEN = re.compile(r"\w+|[^\w\s]")


def _char_map(out, raw, clean, a_off, b_off) -> None:
    sm = difflib.SequenceMatcher(None, raw, clean, autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
            for k in range(a1 - a0):
                out[a_off + a0 + k] = b_off + b0 + k
        elif op == "replace":
            for k in range(a1 - a0):
                out[a_off + a0 + k] = b_off + b0 + min(k, b1 - b0 - 1)


def offset_map(raw: str, clean: str) -> list[int | None]:
    """For each raw offset, the clean offset it became (None where the text was dropped).

    Lines are aligned first (fast), then characters inside lines that differ.
    """
    out: list[int | None] = [None] * (len(raw) + 1)
    rl, cl = raw.splitlines(keepends=True), clean.splitlines(keepends=True)
    r_off = [0]
    for x in rl:
        r_off.append(r_off[-1] + len(x))
    c_off = [0]
    for x in cl:
        c_off.append(c_off[-1] + len(x))
    norm = lambda x: " ".join(x.split())  # noqa: E731
    sm = difflib.SequenceMatcher(None, [norm(x) for x in rl], [norm(x) for x in cl], autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
            for k in range(a1 - a0):
                ra, ca = rl[a0 + k], cl[b0 + k]
                if ra == ca or len(ra) == len(ca):
                    for c in range(len(ra)):
                        out[r_off[a0 + k] + c] = c_off[b0 + k] + min(c, len(ca) - 1)
                else:
                    _char_map(out, ra, ca, r_off[a0 + k], c_off[b0 + k])
        elif op == "replace":
            _char_map(out, "".join(rl[a0:a1]), "".join(cl[b0:b1]), r_off[a0], c_off[b0])
    out[len(raw)] = len(clean)
    return out


def map_span(m: list[int | None], s: int, e: int) -> tuple[int, int] | None:
    ss = next((m[i] for i in range(s, e) if m[i] is not None), None)
    ee = next((m[i] + 1 for i in range(e - 1, s - 1, -1) if m[i] is not None), None)
    if ss is None or ee is None or ee <= ss:
        return None
    return ss, ee


def token_ids(tokens: list[tuple[int, int]], s: int, e: int) -> set[int]:
    return {i for i, (a, b) in enumerate(tokens) if a < e and s < b}


def parse_cached(texts: list[str], model: str, cache: Path) -> list:
    from spacy.tokens import DocBin
    nlp = load_model(model)
    key = hashlib.sha256(("\x1f".join(texts) + model).encode()).hexdigest()[:16]
    path = cache / f"polnear_{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def run_pipeline(arts, cache: Path, stages=("times", "actors")):
    """Items after clean, parse (cached), times, actors; quotes are found by the caller."""
    config = load_config()
    items = []
    for a in arts:
        raw = RawArticle(text=a.text, input_name=a.name, title_in_text=True)
        it = WorkItem(raw=raw)
        it.document = document_from_raw(raw, config)
        items.append(it)
    docs = parse_cached([it.document.text for it in items], config.model, cache)
    for it, d in zip(items, docs):
        it.parsed = d
        it.document.sentences = sentences_of(d)
    for name in stages:
        try:
            stage_factory(name)().run(items, config)
        except Exception as exc:  # a stage still being built must not stop the quotes eval
            print(f"warning: stage {name} failed ({type(exc).__name__}: {exc}); going on without it",
                  file=sys.stderr)
    return items


def _one_to_one(gsets, psets, keep_g, keep_p, score) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold i, predicted j) among the kept ones, best score first;
    `score(g, p)` is None for a pair that may not match."""
    cands = []
    for i in keep_g:
        for j in keep_p:
            s = score(gsets[i], psets[j])
            if s is not None:
                cands.append((s, i, j))
    cands.sort(reverse=True)
    gu, pu, out = set(), set(), []
    for _, i, j in cands:
        if i not in gu and j not in pu:
            gu.add(i)
            pu.add(j)
            out.append((i, j))
    return out


def _iou(gs, ps):
    inter = len(gs & ps)
    if not inter:
        return None
    iou = inter / len(gs | ps)
    return iou if iou >= 0.3 else None


def _cover(gs, ps):
    return len(gs & ps) / len(gs) if gs and len(gs & ps) >= 0.3 * len(gs) else None


def _any(gs, ps):
    return len(gs & ps) or None


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


RELATIVE = ("who", "which", "that", "whom")


def _speaker_right(it, text: str, a, q, src: tuple[int, int]) -> bool:
    """The predicted speaker phrase or actor overlaps the gold Source; a gold relative pronoun
    ("Podesta, who said …") stands for its antecedent, the phrase ending just before it."""
    spans = [(a.speaker_start, a.speaker_end)] if a.speaker_start is not None else []
    if q.speaker:
        spans += [(mm.start, mm.end) for mm in it.document.actor(q.speaker).mentions]
    if any(s < src[1] and src[0] < e for s, e in spans):
        return True
    if text[src[0]:src[1]].lower() in RELATIVE:
        return any(e <= src[0] and not text[e:src[0]].strip(" ,") for s, e in spans)
    return False


def gold_category(g) -> str:
    """The category of a gold attribution, by its cue and source, with readout's own table."""
    return quote_category(g.cue.text if g.cue else None, g.source.text if g.source else None)


def evaluate(arts, items, errors=None, model=None):
    """Scores over all quotes and over the speech category only (gold by its cue and source,
    predictions by their `category`; matched within the category)."""
    c = collections.Counter()
    kinds = collections.Counter()
    fp_cues, fn_cues = collections.Counter(), collections.Counter()
    confusion = collections.Counter()   # (gold category, predicted category) of matched pairs
    for art, it in zip(arts, items):
        text = it.document.text
        m = offset_map(art.text, text)
        toks = [(x.start(), x.end()) for x in TOKEN.finditer(text)]
        gold = []
        for g in art.attributions:
            if g.content is None:
                continue
            span = map_span(m, g.content.start, g.content.end)
            if span is None:
                continue
            src = map_span(m, g.source.start, g.source.end) if g.source else None
            gold.append((span, src, g))
        atts = find_attributions(it.parsed, model=model, text=text)
        quotes = quotes_for(it, atts)
        pred = list(zip(atts, quotes))
        gsets = []
        for _, _, g in gold:
            ids: set[int] = set()
            for ps, pe in g.content.pieces:
                sp = map_span(m, ps, pe)
                if sp:
                    ids |= token_ids(toks, *sp)
            gsets.append(ids)
        psets = [set().union(*(token_ids(toks, s, e) for s, e in a.parts)) if a.parts
                 else token_ids(toks, a.start, a.end) for a, _ in pred]
        gcat = [gold_category(g) for _, _, g in gold]
        pcat = [q.category for _, q in pred]
        all_g, all_p = range(len(gold)), range(len(pred))
        sp_g = [i for i in all_g if gcat[i] == "speech"]
        sp_p = [j for j in all_p if pcat[j] == "speech"]
        c["cover_tp"] += len(_one_to_one(gsets, psets, all_g, all_p, _cover))
        c["any_tp"] += len(_one_to_one(gsets, psets, all_g, all_p, _any))
        c["sp_cover_tp"] += len(_one_to_one(gsets, psets, sp_g, sp_p, _cover))
        c["sp_n_gold"] += len(sp_g)
        c["sp_n_pred"] += len(sp_p)
        for scope, keep_g, keep_p in (("", all_g, all_p), ("sp_", sp_g, sp_p)):
            pairs = _one_to_one(gsets, psets, keep_g, keep_p, _iou)
            c[scope + "tp"] += len(pairs)
            for i, j in pairs:
                (gs_, ge_), src, g = gold[i]
                a, q = pred[j]
                if not scope:
                    kinds[q.kind] += 1
                    confusion[(gcat[i], pcat[j])] += 1
                if strip_span(text, gs_, ge_) == strip_span(text, a.start, a.end):
                    c[scope + "exact"] += 1
                if src is None:
                    continue
                c[scope + "spk_n"] += 1
                ok = _speaker_right(it, text, a, q, src)
                c[scope + "spk_ok"] += ok
                if errors is not None and scope:
                    errors.write(f"TP\t{art.name}\t{a.how}\tcue={q.cue!r}\t{text[a.start:a.end][:100]!r}\n")
                if errors is not None and not ok and scope:
                    errors.write(f"SPEAKER\t{art.name}\tgold={text[src[0]:src[1]]!r}\t"
                                 f"pred={q.speaker_text!r}\tcue={q.cue!r}\t{text[a.start:a.end][:100]!r}\n")
            used_p = {j for _, j in pairs}
            used_g = {i for i, _ in pairs}
            c[scope + "fp"] += len([j for j in keep_p if j not in used_p])
            c[scope + "fn"] += len([i for i in keep_g if i not in used_g])
            if scope != "sp_":
                for j in keep_p:
                    if j not in used_p:
                        fp_cues[(pred[j][1].cue or "").lower()] += 1
                for i in keep_g:
                    if i not in used_g:
                        fn_cues[gold[i][2].cue.text.lower() if gold[i][2].cue else ""] += 1
            if errors is None or not scope:
                continue
            for j in keep_p:
                if j in used_p:
                    continue
                a, q = pred[j]
                best = max(((len(gsets[i] & psets[j]) / len(gsets[i] | psets[j]), i)
                            for i in all_g if gsets[i] & psets[j]), default=(0, None))
                near = ""
                if best[1] is not None:
                    (s, e), _, g = gold[best[1]]
                    near = (f"\tbest={best[0]:.2f} used={best[1] in used_g} cat={gcat[best[1]]}"
                            f" gold={text[s:e][:140]!r}")
                errors.write(f"FP\t{art.name}\t{a.how}\tcue={q.cue!r}\t{text[a.start:a.end][:140]!r}{near}\n")
            for i in keep_g:
                if i in used_g:
                    continue
                (s, e), _, g = gold[i]
                best = max(((len(gsets[i] & psets[j]) / len(gsets[i] | psets[j]), j)
                            for j in all_p if gsets[i] & psets[j]), default=(0, None))
                near = ""
                if best[1] is not None:
                    a, q = pred[best[1]]
                    near = (f"\tbest={best[0]:.2f} cat={pcat[best[1]]} cue={q.cue!r}"
                            f" pred={text[a.start:a.end][:140]!r}")
                cue = g.cue.text.lower() if g.cue else ""
                errors.write(f"FN\t{art.name}\tcue={cue!r}\t{text[s:e][:140]!r}{near}\n")
    n_pred, n_gold = c["tp"] + c["fp"], c["tp"] + c["fn"]
    p, r, f = _prf(c["tp"], n_pred, n_gold)
    pe, re_, fe = _prf(c["exact"], n_pred, n_gold)
    pa, ra, fa = _prf(c["any_tp"], n_pred, n_gold)
    pcv, rcv, fcv = _prf(c["cover_tp"], n_pred, n_gold)
    sp, sr, sf = _prf(c["sp_tp"], c["sp_n_pred"], c["sp_n_gold"])
    scp, scr, scf = _prf(c["sp_cover_tp"], c["sp_n_pred"], c["sp_n_gold"])
    return {"cover_p": pcv, "cover_r": rcv, "cover_f1": fcv,
            "any_p": pa, "any_r": ra, "any_f1": fa,
            "tp": c["tp"], "fp": c["fp"], "fn": c["fn"], "p": p, "r": r, "f1": f,
            "exact_p": pe, "exact_r": re_, "exact_f1": fe,
            "speaker_acc": c["spk_ok"] / c["spk_n"] if c["spk_n"] else 0.0, "speaker_n": c["spk_n"],
            "speech": {"n_gold": c["sp_n_gold"], "n_pred": c["sp_n_pred"], "tp": c["sp_tp"],
                       "p": sp, "r": sr, "f1": sf, "cover_p": scp, "cover_r": scr, "cover_f1": scf,
                       "speaker_acc": c["sp_spk_ok"] / c["sp_spk_n"] if c["sp_spk_n"] else 0.0,
                       "speaker_n": c["sp_spk_n"]},
            "confusion": dict(confusion),
            "kinds": dict(kinds), "fp_cues": fp_cues.most_common(15),
            "fn_cues": fn_cues.most_common(15)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "readout_eval_cache")
    ap.add_argument("--errors", type=Path, default=None, help="write FP/FN/speaker errors here")
    ap.add_argument("--rules-only", action="store_true", help="without the learned candidate scorer")
    args = ap.parse_args(argv)
    if not polnear.ROOT.exists():
        print(f"PolNeAR not found at {polnear.ROOT}")
        return 2
    arts = polnear.load(args.split, limit=args.limit)
    t0 = time.perf_counter()
    items = run_pipeline(arts, args.cache)
    t1 = time.perf_counter()
    errors = open(args.errors, "w") if args.errors else None
    res = evaluate(arts, items, errors, model=None if args.rules_only else quote_model())
    t2 = time.perf_counter()
    if errors:
        errors.close()
    print(f"PolNeAR {args.split}{' (rules only)' if args.rules_only else ''}: {len(arts)} articles, "
          f"{res['tp'] + res['fn']} gold contents, {res['tp'] + res['fp']} predicted quotes")
    print(f"{'match':<22}{'P':>7}{'R':>7}{'F1':>7}")
    print(f"{'overlap IoU >= 0.3':<22}{res['p']:>7.3f}{res['r']:>7.3f}{res['f1']:>7.3f}")
    print(f"{'shared/gold >= 0.3':<22}{res['cover_p']:>7.3f}{res['cover_r']:>7.3f}{res['cover_f1']:>7.3f}")
    print(f"{'any token overlap':<22}{res['any_p']:>7.3f}{res['any_r']:>7.3f}{res['any_f1']:>7.3f}")
    print(f"{'exact (trimmed)':<22}{res['exact_p']:>7.3f}{res['exact_r']:>7.3f}{res['exact_f1']:>7.3f}")
    print(f"speaker accuracy on matched quotes with a gold source: "
          f"{res['speaker_acc']:.3f} (n={res['speaker_n']})")
    sp = res["speech"]
    print(f"speech only ({sp['n_gold']} gold by their cue, {sp['n_pred']} predicted with category speech):")
    print(f"{'overlap IoU >= 0.3':<22}{sp['p']:>7.3f}{sp['r']:>7.3f}{sp['f1']:>7.3f}")
    print(f"{'shared/gold >= 0.3':<22}{sp['cover_p']:>7.3f}{sp['cover_r']:>7.3f}{sp['cover_f1']:>7.3f}")
    print(f"speech speaker accuracy on matched quotes with a gold source: "
          f"{sp['speaker_acc']:.3f} (n={sp['speaker_n']})")
    print("matched pairs by (gold, predicted) category: "
          + ", ".join(f"{g}/{p_} {n}" for (g, p_), n in sorted(res["confusion"].items(), key=lambda x: -x[1])))
    print(f"matched by kind: {res['kinds']}")
    print(f"top false-positive cues: {res['fp_cues']}")
    print(f"top missed gold cues: {res['fn_cues']}")
    print(f"time: pipeline to actors {t1 - t0:.1f}s, quotes + scoring {t2 - t1:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
