"""Shared fixtures: paths to ../shared, and one model-backed extraction of the seed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEED = SHARED / "seed" / "000_f58a14f71592a0b6.txt"
SEED_EXPECTED = SHARED / "seed" / "000_f58a14f71592a0b6.expected.json"
SCHEMA = SHARED / "contract" / "document.schema.json"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need_shared(SEED)


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads(need_shared(SEED_EXPECTED).read_text("utf-8"))


@pytest.fixture(scope="session")
def document_schema() -> dict:
    return json.loads(need_shared(SCHEMA).read_text("utf-8"))


@pytest.fixture(scope="session")
def seed_document(seed_path):
    """The seed through the whole pipeline with the given publication date (parsed once)."""
    import readout
    return readout.extract(seed_path, published="2022-12-30")[0]


class BoundedRun:
    """A finished subprocess: exit code, output, and its peak resident memory in MiB: the
    kernel's high-water mark of the process's memory (`VmHWM`, read every 20 ms) and its RSS
    sampled as often. (Not `wait4`'s ru_maxrss: that also counts the test process's own
    memory, copied at fork before the exec.)"""

    def __init__(self, returncode, stdout: bytes, stderr: bytes, peak_mib: float, seconds: float,
                 killed: str | None):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr
        self.peak_mib, self.seconds, self.killed = peak_mib, seconds, killed


def run_bounded(argv, *, max_mib: float, timeout: float, stdin=None, env=None, cwd=None) -> BoundedRun:
    """Run `argv`; kill it once its RSS passes `max_mib` or `timeout` seconds pass (so a
    regression fails the test quickly instead of eating the machine)."""
    import os
    import subprocess
    import tempfile
    import threading
    import time

    import psutil

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        proc = subprocess.Popen(argv, stdin=stdin, stdout=out, stderr=err, env=env, cwd=cwd)
        state = {"peak": 0.0, "killed": None}
        done = threading.Event()

        def hwm() -> float:
            try:
                with open(f"/proc/{proc.pid}/status") as fh:
                    for line in fh:
                        if line.startswith("VmHWM:"):
                            return int(line.split()[1]) / 1024
            except OSError:
                pass
            return 0.0

        def watch():
            try:
                ps = psutil.Process(proc.pid)
                while not done.wait(0.02):
                    rss = ps.memory_info().rss / 2**20
                    state["peak"] = max(state["peak"], rss, hwm())
                    if rss > max_mib or time.monotonic() - t0 > timeout:
                        state["killed"] = f"rss {rss:.0f} MiB" if rss > max_mib else f"timeout {timeout} s"
                        proc.kill()
                        return
            except psutil.Error:
                return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        # wait without reaping, so the last high-water mark can still be read
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
        state["peak"] = max(state["peak"], hwm())
        _pid, status, _usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - t0
        done.set()
        watcher.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return BoundedRun(proc.returncode, out.read(), err.read(), state["peak"], seconds, state["killed"])


def big_line_gzip(path: Path, line_bytes: int, good_after: int = 1) -> Path:
    """A .jsonl.gz holding one JSON line of about `line_bytes` bytes (then `good_after` good
    lines), written in a fraction of a second: gzip members of 64 MiB of 'x' compress ~1000:1
    and a gzip file may be a sequence of members."""
    import gzip
    block_size = 64 << 20
    block = gzip.compress(b"x" * block_size, compresslevel=9)
    good = json.dumps({"text": "The minister said the talks on the border of the two states went well."})
    with open(path, "wb") as fh:
        fh.write(gzip.compress(b'{"text": "'))
        for _ in range(max(1, line_bytes // block_size)):
            fh.write(block)
        fh.write(gzip.compress(b'"}\n' + (good.encode() + b"\n") * good_after))
    return path


@pytest.fixture(scope="session")
def clean_only_config_file(tmp_path_factory) -> Path:
    """A user config running the clean stage only (reader behaviour without the model)."""
    path = tmp_path_factory.mktemp("config") / "clean_only.toml"
    path.write_text('[readout]\nstages = ["clean"]\n', "utf-8")
    return path
