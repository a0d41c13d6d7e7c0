"""Ingest a large corpus on a Slurm cluster: Dask workers as Slurm jobs (dask-jobqueue).

    pip install readout dask-jobqueue          # in an environment every node can see
    python ingest_slurm.py /scratch/corpus --db /scratch/readout.duckdb \
        --partition standard --account myproject --jobs 8 --workers-per-job 8

Each Slurm job runs `--workers-per-job` single-threaded Dask workers (one per core);
each worker loads the spaCy model once. The driver (this script) plans the shards,
hands them to the workers and loads the finished Parquet shards into DuckDB. Inputs,
the DuckDB file and the shards folder must be on a file system the nodes share.
If the allocation ends or the script is killed, run the same command again: finished
shards are skipped. Print the dashboard link to watch the workers.

Without dask-jobqueue: start `dask scheduler --scheduler-file s.json` and
`srun dask worker --scheduler-file s.json --nthreads 1` in one allocation, then
`readout ingest /scratch/corpus --db /scratch/readout.duckdb --scheduler tcp://HOST:PORT`.
"""
from __future__ import annotations

import argparse
import sys

from rich.console import Console


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--db", required=True)
    ap.add_argument("--shards", default=None, help="shards folder (default DB.shards)")
    ap.add_argument("--partition", default=None)
    ap.add_argument("--account", default=None)
    ap.add_argument("--jobs", type=int, default=4, help="Slurm jobs (nodes or node slices)")
    ap.add_argument("--workers-per-job", type=int, default=8, help="worker processes (cores) per job")
    ap.add_argument("--memory-per-worker-gb", type=float, default=2.0,
                    help="GiB per worker (a full-pipeline worker peaks near 1 GiB)")
    ap.add_argument("--walltime", default="04:00:00")
    return ap.parse_args(argv)


def make_cluster(args: argparse.Namespace):
    """The Slurm cluster: each job one node slice of `workers_per_job` single-threaded workers."""
    from dask_jobqueue import SLURMCluster
    n = args.workers_per_job
    return SLURMCluster(
        queue=args.partition, account=args.account, cores=n, processes=n,
        memory=f"{args.memory_per_worker_gb * n:g}GiB", walltime=args.walltime,
        python=sys.executable, job_extra_directives=[f"--cpus-per-task={n}"])


def main() -> None:
    from distributed import Client

    import readout.api
    from readout.run.progress import RichReporter

    args = parse_args()
    cluster = make_cluster(args)
    cluster.scale(jobs=args.jobs)
    client = Client(cluster)
    err = Console(stderr=True)
    err.print(f"dashboard: {client.dashboard_link}")
    client.wait_for_workers(1)
    summary = readout.api.ingest(args.paths, db=args.db, scheduler=client, shards_dir=args.shards,
                                 on_progress=RichReporter(err))
    print(f"stored {summary['articles_stored']} articles, {summary['errors']} errors, "
          f"{summary['articles_per_second']:.1f} articles/s")
    client.close()
    cluster.close()


if __name__ == "__main__":
    main()
