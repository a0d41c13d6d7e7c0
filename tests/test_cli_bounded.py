"""`readout extract` and `readout ingest` on hostile inputs, as processes: a 2 GiB JSON line
(gzip) and 1.5 GB on stdin stay within 400 MiB, /dev/zero and a FIFO are refused within a
second, a gzip of ten million bad lines stops after `max_errors_per_input` errors.

Each run is killed as soon as it passes its memory or time bound, so a regression fails
fast instead of eating the machine (see `run_bounded`)."""
from __future__ import annotations

import gzip
import os
import subprocess
import sys

import duckdb
import pytest

from .conftest import big_line_gzip, run_bounded

MAX_MIB = 400


def readout(*args: str) -> list[str]:
    return [sys.executable, "-m", "readout.cli", *args]


@pytest.fixture(scope="module")
def big_gz(tmp_path_factory):
    return big_line_gzip(tmp_path_factory.mktemp("big") / "big.jsonl.gz", 2 << 30)


def test_cli_extract_2gib_line_bounded(big_gz, clean_only_config_file):
    res = run_bounded(readout("--config", str(clean_only_config_file), "extract", str(big_gz)),
                      max_mib=MAX_MIB, timeout=60)
    assert res.killed is None, res.killed
    assert res.peak_mib <= MAX_MIB
    err = res.stderr.decode()
    assert f"{big_gz}:1" in err and "2,147,483,6" in err and "over the limit" in err
    assert res.returncode == 1 and res.stdout.count(b'"schema"') == 1   # the line after it is read


def test_cli_ingest_2gib_line_bounded(big_gz, clean_only_config_file, tmp_path):
    db = tmp_path / "big.duckdb"
    res = run_bounded(readout("--config", str(clean_only_config_file), "ingest", str(big_gz),
                              "--db", str(db)), max_mib=MAX_MIB, timeout=60)
    assert res.killed is None, res.killed
    assert res.peak_mib <= MAX_MIB and res.returncode == 0, res.stderr.decode()[-2000:]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    (msg,) = con.execute("SELECT message FROM errors").fetchone()
    assert "over the limit" in msg
    con.close()


@pytest.mark.parametrize("what", ["text", "jsonl"])
def test_cli_extract_stdin_bounded(clean_only_config_file, what):
    # 1.5 GB on stdin: plain text (one article over the limit) or one endless JSON line
    head = b"A title\n\n" if what == "text" else b'{"text": "'
    writer = subprocess.Popen([sys.executable, "-c",
                               "import sys\nout = sys.stdout.buffer\nout.write(%r)\nb = b'word ' * (1 << 20)\n"
                               "try:\n    [out.write(b) for _ in range(300)]\nexcept BrokenPipeError:\n    pass\n" % head],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        res = run_bounded(readout("--config", str(clean_only_config_file), "extract", "-"),
                          stdin=writer.stdout, max_mib=MAX_MIB, timeout=60)
    finally:
        writer.stdout.close()
        writer.kill()
        writer.wait()
    assert res.killed is None, res.killed
    assert res.peak_mib <= MAX_MIB
    assert "<stdin>" in res.stderr.decode() and "over the limit" in res.stderr.decode()


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_cli_devices_and_fifos_refused_within_a_second(tmp_path, clean_only_config_file, command):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    extra = ["--db", str(tmp_path / "x.duckdb")] if command == "ingest" else []
    try:
        for target in ("/dev/zero", str(fifo)):
            # the process, python and readout's imports included, gets 20 s; reading it 1 s
            res = run_bounded(readout("--config", str(clean_only_config_file), command, target, *extra)
                              + [], max_mib=MAX_MIB, timeout=20)
            assert res.killed is None, res.killed
            out = " ".join((res.stderr + res.stdout).decode().split())
            assert target in out and "not a regular file" in out, out[-1000:]
    finally:
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass


def test_cli_ingest_many_bad_lines_capped(tmp_path, clean_only_config_file):
    # ten million bad lines in a 100 kB gzip: 1,000 errors, one summary, then the next input
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(gzip.compress(b"{not json\n" * 10_000_000, compresslevel=9))
    good = tmp_path / "good.txt"
    good.write_text("Talks resume\n\nThe foreign ministers of the two countries met on Monday "
                    "and agreed to resume talks, officials said.", "utf-8")
    db = tmp_path / "bad.duckdb"
    res = run_bounded(readout("--config", str(clean_only_config_file), "ingest", str(bad), str(good),
                              "--db", str(db)), max_mib=MAX_MIB, timeout=90)
    assert res.killed is None, res.killed
    assert res.returncode == 0, res.stderr.decode()[-2000:]
    con = duckdb.connect(str(db), read_only=True)
    n_errors, = con.execute("SELECT count(*) FROM errors").fetchone()
    summary = con.execute("SELECT input, message FROM errors WHERE message LIKE '%more than%'").fetchall()
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    con.close()
    assert n_errors == 1001 and summary == [(f"{bad}:1001", summary[0][1])]
    assert "more than 1,000 errors" in summary[0][1]
    shards = tmp_path / "bad.duckdb.shards"
    size = sum(f.stat().st_size for f in shards.rglob("*") if f.is_file()) if shards.exists() else 0
    assert size < 5_000_000
