"""The Slurm recipe in examples/slurm builds a valid dask-jobqueue job (nothing is submitted)."""
from __future__ import annotations

import importlib.util
import subprocess

import pytest

from ..conftest import REPO

jobqueue = pytest.importorskip("dask_jobqueue")
RECIPE = REPO / "examples" / "slurm"


def _recipe():
    spec = importlib.util.spec_from_file_location("ingest_slurm", RECIPE / "ingest_slurm.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_slurm_job_script_asks_for_single_threaded_workers_on_one_node_slice():
    recipe = _recipe()
    args = recipe.parse_args(["/scratch/corpus", "--db", "/scratch/r.duckdb", "--partition", "standard",
                              "--account", "proj", "--workers-per-job", "4", "--memory-per-worker-gb", "2.5",
                              "--walltime", "02:00:00"])
    cluster = recipe.make_cluster(args)
    try:
        script = cluster.job_script()
    finally:
        cluster.close()
    assert "#SBATCH -p standard" in script and "#SBATCH -A proj" in script
    assert "#SBATCH --cpus-per-task=4" in script and "#SBATCH -t 02:00:00" in script
    assert "--nworkers 4" in script and "--nthreads 1" in script   # one worker per core
    assert "--memory-limit 2.50GiB" in script                     # memory per worker


def test_sbatch_file_is_valid_bash_and_calls_the_recipe():
    text = (RECIPE / "ingest.sbatch").read_text("utf-8")
    assert text.startswith("#!/bin/bash") and "ingest_slurm.py" in text
    subprocess.run(["bash", "-n", str(RECIPE / "ingest.sbatch")], check=True)
