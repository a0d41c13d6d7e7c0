"""AttributeTable time / spaCy AttributeRuler time on the same tagged and parsed docs.

usage: python bench/bench_attribute_table.py [FILES…]   (default: the bundled examples, and
the seed when present)

The table replaces spaCy's attribute_ruler at load time (`readout.nlp.model.load_model`); it
must give the same annotations (tests/nlp/test_attribute_table.py) and should cost well under
half the ruler's time. Both run side by side on copies of the same docs, three rounds each,
and the best round of each is compared.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main(argv=None) -> int:
    files = (argv if argv is not None else sys.argv[1:]) or []
    from spacy.tokens import Doc

    from readout import api
    from readout.config import load_config
    from readout.nlp.attribute_table import AttributeTable
    from readout.nlp.model import load_model
    from readout.read import read_inputs
    if not files:
        seed = ROOT.parent / "shared" / "seed" / "000_f58a14f71592a0b6.txt"
        files = [str(p) for p in api.example_files()] + ([str(seed)] if seed.exists() else [])
    config = load_config()
    texts = [raw.text for raw in read_inputs([Path(f) for f in files], config)]
    nlp = load_model(config.model, fast_attributes=False)
    ruler = nlp.get_pipe("attribute_ruler")
    table = AttributeTable.from_ruler(ruler)
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(texts))
    tokens = sum(len(d) for d in docs)

    def best(step) -> float:
        times = []
        for _ in range(3):
            copies = [Doc(d.vocab).from_bytes(d.to_bytes()) for d in docs]
            t0 = time.perf_counter()
            for d in copies:
                step(d)
            times.append(time.perf_counter() - t0)
        return min(times)
    table(Doc(docs[0].vocab).from_bytes(docs[0].to_bytes()))   # warm caches
    t_ruler, t_table = best(ruler), best(table)
    print(f"docs {len(docs)}  tokens {tokens}")
    print(f"attribute_ruler  {t_ruler:.4f} s  ({tokens / t_ruler:,.0f} tokens/s)")
    print(f"AttributeTable   {t_table:.4f} s  ({tokens / t_table:,.0f} tokens/s)")
    print(f"ratio table/ruler {t_table / t_ruler:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
