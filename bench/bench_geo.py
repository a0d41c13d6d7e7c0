"""Geocoding time / parse time, and the gazetteer's load time and memory.

usage: python bench/bench_geo.py [FILES…]   (default: the seed when present, and the bundled examples)

Runs the full pipeline once over the articles, timing `nlp.pipe` (the parse stage) and the
geocoder inside the actors stage (`readout.actors.geocode.geocode_places`, wrapped), and
prints their ratio; then loads the gazetteer in a fresh process and prints seconds and the
resident memory it added.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main(argv=None) -> int:
    files = (argv if argv is not None else sys.argv[1:]) or []
    import readout
    from readout import api
    if not files:
        seed = ROOT.parent / "shared" / "seed" / "000_f58a14f71592a0b6.txt"
        files = ([str(seed)] if seed.exists() else []) + [str(p) for p in api.example_files()]
    import readout.actors.geocode as geo_mod
    import readout.stages.actors as actors_stage
    spent = {"geo": 0.0}
    inner = geo_mod.geocode_places

    def timed(*a, **k):
        t = time.perf_counter()
        try:
            return inner(*a, **k)
        finally:
            spent["geo"] += time.perf_counter() - t
    actors_stage.geocode_places = timed
    from readout.nlp.model import load_model
    readout.extract(files[:1])            # warm: model, tables, gazetteer
    spent["geo"] = 0.0
    texts = [d.text for d in readout.extract(files)]
    from readout.config import load_config
    nlp = load_model(load_config().model)
    reps = 3
    t = time.perf_counter()
    for _ in range(reps):
        list(nlp.pipe(texts))
    parse = (time.perf_counter() - t) / reps
    spent["geo"] = 0.0
    for _ in range(reps):
        readout.extract(files)
    geo = spent["geo"] / reps
    print(f"articles {len(texts)}: parse {parse:.3f} s, geocoding {geo:.4f} s, ratio {geo / parse:.4f}")
    code = ("import gc,time,psutil;p=psutil.Process();import readout.geo as g;gc.collect();r=p.memory_info().rss;"
            "t=time.perf_counter();g.gazetteer();d=time.perf_counter()-t;gc.collect();"
            "print(f'gazetteer load {d:.2f} s, +{(p.memory_info().rss-r)/2**20:.0f} MiB resident')")
    subprocess.run([sys.executable, "-c", code], check=True, env={"PYTHONPATH": str(ROOT / "src")})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
