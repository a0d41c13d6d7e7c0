"""Dask executor: the same shards and the same `run_shard`, on a Dask cluster.

`readout ingest --workers N` starts a `LocalCluster` of N single-threaded worker
processes; `--scheduler tcp://HOST:PORT` uses a running cluster. Every worker loads the
spaCy model once (a worker plugin, so workers that join later do too). Workers write
their shards straight into the shards folder, which must therefore be on a file system
the workers share with the driver (as on any Slurm cluster), and so must the inputs.

Slurm recipe (dask-jobqueue; `pip install dask-jobqueue` on the cluster):

    from dask_jobqueue import SLURMCluster
    from distributed import Client
    import readout.api

    cluster = SLURMCluster(cores=1, processes=1, memory="4GB", walltime="04:00:00",
                           job_extra_directives=["--cpus-per-task=1"])
    cluster.scale(jobs=32)                      # 32 single-core workers
    client = Client(cluster)
    print(client.dashboard_link)
    readout.api.ingest(["/scratch/corpus/"], db="/scratch/readout.duckdb", scheduler=client)

or, from a shell, `python -c "…cluster.scale(32); print(cluster.scheduler_address); …"` then
`readout ingest /scratch/corpus --db /scratch/readout.duckdb --scheduler tcp://HOST:PORT`.
(`examples/slurm/` in the repository has both as files.) Re-running after a job was
cancelled resumes: finished shards are skipped.
"""
from __future__ import annotations

import importlib.util
import logging
import uuid
from typing import Iterable

from ..config import Config
from ..errors import ConfigError
from .local import cpu_count, warm_pipeline
from .shards import ShardSpec, run_shard


def _dashboard_available() -> bool:
    return importlib.util.find_spec("bokeh") is not None


class _WarmModel:
    """Worker plugin: load the model and the stages once on every worker, also ones that join later."""

    idempotent = True
    name = "readout-warm-model"

    def __init__(self, config: Config):
        self.config = config

    def setup(self, worker=None) -> None:
        warm_pipeline(self.config)

    def teardown(self, worker=None) -> None:
        pass


class DaskExecutor:
    name = "dask"

    def __init__(self, config: Config, workers: int | None = None, scheduler=None,
                 processes: bool = True):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover
            raise ConfigError("Dask is not installed: pip install 'dask[distributed]'") from exc
        self.cluster = None
        self._own_client = True
        if scheduler is not None:
            if isinstance(scheduler, Client):
                self.client, self._own_client = scheduler, False
            else:
                try:
                    self.client = Client(scheduler)   # distributed.comm.timeouts.connect (30 s)
                except (OSError, TimeoutError) as exc:
                    raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        else:
            self.cluster = LocalCluster(
                n_workers=workers or cpu_count(), threads_per_worker=1, processes=processes,
                dashboard_address=":8787" if _dashboard_available() else None,
                silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        try:
            from distributed.diagnostics.plugin import WorkerPlugin
            plugin = type("ReadoutWarmModel", (_WarmModel, WorkerPlugin), {})(config)
            self.client.register_plugin(plugin, name=_WarmModel.name)
        except (ImportError, AttributeError):  # older distributed: warm the workers there are
            self.client.run(warm_pipeline, config)
        self.dashboard = self.client.dashboard_link if (_dashboard_available() or scheduler) else None

    @property
    def workers(self) -> int:
        return len(self.client.nthreads())

    @property
    def capacity(self) -> int:
        return 2 * max(1, sum(self.client.nthreads().values()))

    def submit(self, spec: ShardSpec, config: Config, published, out_dir):
        if config.n_process != 1:
            config = config.with_overrides(n_process=1)
        return self.client.submit(run_shard, spec, config, published, out_dir, pure=False,
                                  key=f"readout-shard-{spec.key}-{uuid.uuid4().hex[:8]}", retries=1)

    def wait(self, futures: Iterable, timeout: float) -> set:
        from distributed import wait
        futures = list(futures)
        try:
            done, _ = wait(futures, timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return set()
        return set(done)

    def progress(self) -> int:
        return 0    # Dask reports per shard; the dashboard shows the tasks

    def restart(self) -> None:
        pass        # Dask reschedules the tasks of a lost worker itself

    def close(self) -> None:
        if self._own_client:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
