"""What a new user meets at the command line: dates, one-line texts, folders, short and
foreign texts, a held database, ordinary mistakes (one line, exit code 2), exports."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import readout
from readout.cli import app
from readout.errors import DateError, StoreError
from readout.times.given import parse_given_date

runner = CliRunner()
ARTICLE = ("Mr Xi met Mr Putin in Moscow on Monday to discuss trade, energy and security, "
           "the Kremlin said in a statement.")


def _cli(cfg: Path, *args, **kw):
    return runner.invoke(app, ["--config", str(cfg), *args], **kw)


def _one_error_line(stderr: str) -> str:
    lines = [l for l in stderr.splitlines() if l.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# --- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2022-12-30", dt.date(2022, 12, 30)),
    ("2022-12-30T08:15:00Z", dt.date(2022, 12, 30)),
    ("2022-12-30 08:15", dt.date(2022, 12, 30)),
    ("Fri, 30 Dec 2022 08:00:00 GMT", dt.date(2022, 12, 30)),
    ("30 December 2022", dt.date(2022, 12, 30)),
    ("December 30, 2022", dt.date(2022, 12, 30)),
    ("2022/12/30", dt.date(2022, 12, 30)),
])
def test_given_date_absolute_forms(value, expected):
    assert parse_given_date(value) == expected


@pytest.mark.parametrize("value", ["garbage", "2022-13-45", "2022-02-30", "yesterday", "30/12/2022x"])
def test_given_date_refuses_non_dates_naming_the_input(value):
    with pytest.raises(DateError) as info:
        parse_given_date(value, "feed.jsonl:3")
    assert str(info.value).startswith("feed.jsonl:3: ") and repr(value)[1:-1] in str(info.value)


def test_given_date_relative_forms_use_the_given_reference():
    ref = dt.date(2022, 12, 31)
    assert parse_given_date("today", relative=True, reference=ref) == ref
    assert parse_given_date("Yesterday", relative=True, reference=ref) == dt.date(2022, 12, 30)
    assert parse_given_date("3 days ago", relative=True, reference=ref) == dt.date(2022, 12, 28)
    assert parse_given_date("yesterday", relative=True) == dt.date.today() - dt.timedelta(days=1)


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_cli_published_not_a_date_is_one_line_exit_2(tmp_path, clean_only_config_file, command):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, "utf-8")
    db = tmp_path / "x.duckdb"
    extra = ["--db", str(db)] if command == "ingest" else []
    res = _cli(clean_only_config_file, command, str(src), "--published", "garbage", *extra)
    assert res.exit_code == 2
    line = _one_error_line(res.stderr)
    assert "--published" in line and "'garbage' is not a date" in line
    res = _cli(clean_only_config_file, command, str(src), "--published", "2022-13-45", *extra)
    assert res.exit_code == 2 and "not a real date" in res.stderr
    assert not db.exists()


def test_cli_published_relative_form_is_resolved_today(tmp_path, clean_only_config_file):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, "utf-8")
    res = _cli(clean_only_config_file, "extract", str(src), "--published", "yesterday")
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    assert rec["published"] == (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert rec["published_source"] == "given"


def test_api_published_not_a_date_raises(tmp_path):
    with pytest.raises(DateError, match="'garbage' is not a date"):
        readout.extract_text(ARTICLE, published="garbage")
    with pytest.raises(DateError):
        readout.ingest([str(tmp_path)], db=str(tmp_path / "x.duckdb"), published="2022-13-45")
    assert not (tmp_path / "x.duckdb").exists()


def test_jsonl_published_field_is_validated(tmp_path, clean_only_config_file):
    src = tmp_path / "feed.jsonl"
    rows = [{"text": ARTICLE, "published": "garbage"}, {"text": ARTICLE, "published": "yesterday"},
            {"text": ARTICLE + " Again.", "published": "Fri, 30 Dec 2022 08:00:00 GMT"},
            {"text": ARTICLE + " Thrice.", "published": 20221230}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    res = _cli(clean_only_config_file, "extract", str(src))
    assert res.exit_code == 1
    assert f"{src}:1: published: 'garbage' is not a date" in res.stderr
    assert f"{src}:2: published: 'yesterday' is not a date" in res.stderr   # no reference in data
    assert f"{src}:4: published: expected a date string, got a number" in res.stderr
    recs = [json.loads(l) for l in res.stdout.splitlines()]
    assert [r["published"] for r in recs] == ["2022-12-30"]


# --- one-line texts, folders, short and foreign texts ---------------------------------------

def test_cli_one_line_text_is_the_body(tmp_path, clean_only_config_file):
    res = _cli(clean_only_config_file, "extract", "-", input=ARTICLE + "\n")
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    assert rec["text"] == ARTICLE and rec["title"] is None
    src = tmp_path / "one.txt"
    src.write_text(ARTICLE, "utf-8")
    rec = json.loads(_cli(clean_only_config_file, "extract", str(src)).stdout)
    assert rec["text"] == ARTICLE
    src.write_text("A title\n" + ARTICLE, "utf-8")          # two lines: the first is the title
    rec = json.loads(_cli(clean_only_config_file, "extract", str(src)).stdout)
    assert rec["title"] == "A title" and rec["text"] == ARTICLE


def test_cli_ingest_folder_reads_documented_types_and_lists_the_rest(tmp_path, clean_only_config_file):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, "utf-8")
    (folder / "sub" / "b.jsonl").write_text(json.dumps({"text": ARTICLE + " Two."}) + "\n", "utf-8")
    (folder / "notes.md").write_text(ARTICLE + " Three.", "utf-8")
    (folder / "table.csv").write_text("a,b\n1,2\n", "utf-8")
    (folder / "blob.bin").write_bytes(bytes(range(256)))
    (folder / ".hidden.txt").write_text(ARTICLE, "utf-8")
    (folder / "gone.csv").symlink_to(folder / "missing.csv")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")     # a reader's type: an error
    os.mkfifo(folder / "pipe")
    os.mkfifo(folder / "pipe.txt")                                # a reader's type: an error
    db = tmp_path / "f.duckdb"
    res = _cli(clean_only_config_file, "ingest", str(folder), "--db", str(db))
    assert res.exit_code == 0, res.output
    assert "stored 2 articles, 2 errors" in res.stdout
    skipped = {Path(p).name: why for p, why in (
        line.strip().split(": ", 1) for line in res.stderr.splitlines() if line.startswith("  "))}
    assert set(skipped) == {"notes.md", "table.csv", "blob.bin", ".hidden.txt", "gone.csv", "pipe"}
    assert "not a type readout reads (.md" in skipped["notes.md"]
    assert skipped["gone.csv"] == "broken link" and skipped["pipe"] == "not a regular file"
    assert skipped[".hidden.txt"] == "hidden file"
    assert "not read: 6 files in the folders given" in res.stderr
    con = duckdb.connect(str(db), read_only=True)
    errors = dict(con.execute("SELECT input, message FROM errors").fetchall())
    con.close()
    assert errors[str(folder / "gone.txt")].endswith("broken link")
    assert "FIFO (named pipe), not a regular file" in errors[str(folder / "pipe.txt")]
    summary = readout.ingest([str(folder)], db=str(db), config=readout.load_config(clean_only_config_file))
    assert {Path(x["path"]).name for x in summary["skipped"]} == set(skipped)


def test_cli_tiny_html_body_is_not_an_article(tmp_path, clean_only_config_file):
    src = tmp_path / "cookie.html"
    src.write_text("<html><body><article><p>cookie</p></article></body></html>", "utf-8")
    res = _cli(clean_only_config_file, "extract", str(src))
    assert res.exit_code == 1
    assert "too short for an article" in res.stderr and "min_text_chars = 20" in res.stderr
    cfg = tmp_path / "short.toml"
    cfg.write_text('[readout]\nstages = ["clean"]\nmin_text_chars = 3\n', "utf-8")
    res = _cli(cfg, "extract", "-", input="cookie\n")
    assert res.exit_code == 0 and json.loads(res.stdout)["text"] == "cookie"


@pytest.mark.parametrize("text", [
    "Der Präsident traf sich heute mit dem Kanzler in Berlin.",
    "El presidente se reunió con el canciller en Madrid.",
    "Le président a rencontré le chancelier à Paris.",
    "Путин встретился с Си в Москве в понедельник.",
])
def test_cli_short_foreign_jsonl_text_is_refused(tmp_path, clean_only_config_file, text):
    src = tmp_path / "short.jsonl"
    src.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n", "utf-8")
    res = _cli(clean_only_config_file, "extract", str(src))
    assert res.exit_code == 1 and "does not look like English" in res.stderr


@pytest.mark.parametrize("text", [
    "Moscow rejected the proposal.",
    "Xi Jinping met Vladimir Putin.",
    "Ursula von der Leyen met Marine Le Pen in Los Angeles.",
    "Al Jazeera reported from El Paso and La Paz.",
])
def test_cli_short_english_text_with_foreign_names_is_kept(clean_only_config_file, text):
    res = _cli(clean_only_config_file, "extract", "-", input=json.dumps({"text": text}) + "\n")
    assert res.exit_code == 0, res.output


# --- the database, ordinary mistakes, exports ----------------------------------------------

def test_cli_ingest_of_missing_file_fails_and_creates_no_database(tmp_path, clean_only_config_file):
    db = tmp_path / "none.duckdb"
    res = _cli(clean_only_config_file, "ingest", str(tmp_path / "nope.txt"), "--db", str(db))
    assert res.exit_code == 1
    assert "nope.txt: no such file" in res.stderr and "was not created" in res.stderr
    assert not db.exists() and not (tmp_path / "none.duckdb.shards").exists()


def test_cli_ingest_while_another_process_holds_the_database(tmp_path, clean_only_config_file):
    db = tmp_path / "held.duckdb"
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, "utf-8")
    assert _cli(clean_only_config_file, "ingest", str(src), "--db", str(db)).exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        res = _cli(clean_only_config_file, "ingest", str(src), "--db", str(db))
        assert res.exit_code == 2
        line = _one_error_line(res.stderr)
        assert "is in use by python" in line and "-c import duckdb" in line
        assert f"(PID {holder.pid})" in line
        assert "wait until it has finished" in line and "-readonly" not in line
        res = _cli(clean_only_config_file, "stories", "--db", str(db))
        assert res.exit_code == 2 and "is being written by" in _one_error_line(res.stderr)
    finally:
        holder.stdin.close()
        holder.wait()


def test_serve_snapshot_lets_ingest_write_and_refresh_shows_it(tmp_path, clean_only_config_file):
    from readout.serve.db import ReadOnlyStore
    from readout.store.writer import Store
    db = tmp_path / "s.duckdb"
    cfg = readout.load_config(clean_only_config_file)
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    readout.ingest([str(tmp_path / "a.txt")], db=str(db), config=cfg)
    held = ReadOnlyStore(db)                     # the file itself: a writer cannot open it
    with pytest.raises(StoreError):
        Store(db).close()
    held.close()
    served = ReadOnlyStore(db, snapshot=True)
    try:
        assert served.scalar("SELECT count(*) FROM articles") == 1
        assert not served.refresh()              # nothing changed
        (tmp_path / "b.txt").write_text(ARTICLE + " Again on Tuesday.", "utf-8")
        summary = readout.ingest([str(tmp_path / "b.txt")], db=str(db), config=cfg)
        assert summary["articles_stored"] == 1
        assert served.scalar("SELECT count(*) FROM articles") == 1     # still the snapshot
        assert served.refresh()
        assert served.scalar("SELECT count(*) FROM articles") == 2
        snap = served.file
    finally:
        served.close()
    assert not os.path.exists(snap)


def test_cli_ordinary_mistakes_are_one_line_exit_2(tmp_path, clean_only_config_file):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, "utf-8")
    db = tmp_path / "e.duckdb"
    assert _cli(clean_only_config_file, "ingest", str(src), "--db", str(db)).exit_code == 0
    res = runner.invoke(app, ["export", "--db", str(db), "-o", str(tmp_path / "no" / "x.parquet")])
    assert res.exit_code == 2 and "no such folder" in _one_error_line(res.stderr)
    res = runner.invoke(app, ["export", "--db", str(db), "-o", str(tmp_path)])
    assert res.exit_code == 2 and "is a folder" in _one_error_line(res.stderr)
    res = runner.invoke(app, ["actors", "Xi Jinping", "--date", "2022-13-45"])
    assert res.exit_code == 2
    assert "--date" in _one_error_line(res.stderr) and "2022-13-45" in res.stderr
    res = runner.invoke(app, ["export", "--db", str(tmp_path / "missing.duckdb"), "-o", "-"])
    assert res.exit_code == 2 and "no such database" in _one_error_line(res.stderr)


def test_cli_export_event_format_of_another_table_and_stdout(tmp_path, clean_only_config_file):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE, "utf-8")
    db = tmp_path / "e.duckdb"
    assert _cli(clean_only_config_file, "ingest", str(src), "--db", str(db)).exit_code == 0
    res = runner.invoke(app, ["export", "--db", str(db), "--table", "quotes", "--format", "gdelt",
                              "-o", str(tmp_path / "q.tsv")])
    assert res.exit_code == 2
    assert "--format gdelt exports events only, not the 'quotes' table" in _one_error_line(res.stderr)
    assert not (tmp_path / "q.tsv").exists()
    res = runner.invoke(app, ["export", "--db", str(db), "--table", "articles", "--format", "jsonl",
                              "-o", "-"])
    assert res.exit_code == 0, res.output
    rows = [json.loads(l) for l in res.stdout.splitlines()]
    assert [r["text"] for r in rows] == [ARTICLE]
    assert "wrote 1 row to stdout" in res.stderr
    res = runner.invoke(app, ["export", "--db", str(db), "--format", "gdelt", "-o", "-"])
    assert res.exit_code == 0 and res.stdout.startswith("GlobalEventID\t")
