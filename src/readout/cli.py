"""The `readout` command: a thin shell over the library (parse arguments, call, print)."""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from . import api
from .config import Config, load_config
from .errors import ReadoutError

app = typer.Typer(help="readout: news reports to sourced political event data, quotes and figures.",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True)
out = Console()


def _config(ctx: typer.Context) -> Config:
    return ctx.obj["config"]


@app.callback()
def main(ctx: typer.Context,
         config: Optional[Path] = typer.Option(None, "--config", help="User TOML config file (over the shipped defaults)."),
         model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to load (name or path)."),
         batch_size: Optional[int] = typer.Option(None, "--batch-size", help="Articles per parse batch."),
         n_process: Optional[int] = typer.Option(None, "--n-process", help="spaCy processes."),
         encoding: Optional[str] = typer.Option(None, "--encoding", help="Encoding of .txt/.html inputs (default utf-8)."),
         ) -> None:
    """Shared options; every command takes them before its name."""
    try:
        cfg = load_config(config, model=model, batch_size=batch_size, n_process=n_process, encoding=encoding)
    except ReadoutError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    ctx.obj = {"config": cfg}


def _print_error(exc) -> None:
    err.print(f"[red]error:[/red] {exc}", highlight=False)


@app.command()
def extract(ctx: typer.Context,
            files: List[str] = typer.Argument(..., help="Files or folders (.txt, .html, .jsonl[.gz]); '-' for stdin."),
            published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD (else from metadata or inferred)."),
            pretty: bool = typer.Option(False, "--pretty", help="Indent the JSON (one record per block)."),
            ) -> None:
    """Print one JSON record per article (JSON Lines) on stdout; errors go to stderr."""
    cfg = _config(ctx)
    failed = 0
    for res in api.extract_items(files, published, cfg):
        if isinstance(res, api.WorkItem):
            sys.stdout.write(json.dumps(res.document.to_dict(), ensure_ascii=False,
                                        indent=2 if pretty else None) + "\n")
            sys.stdout.flush()
        else:
            failed += 1
            _print_error(res)
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(ctx: typer.Context,
           paths: List[str] = typer.Argument(..., help="Files or folders (recursively); '-' for stdin."),
           db: Optional[str] = typer.Option(None, "--db", help="DuckDB file (default readout.duckdb)."),
           published: Optional[str] = typer.Option(None, "--published", help="Publication date for all inputs."),
           jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Local worker processes (default: all cores)."),
           workers: Optional[int] = typer.Option(None, "--workers", help="Run on a Dask LocalCluster of N workers."),
           scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run on a Dask cluster: tcp://HOST:PORT."),
           shard_size: Optional[int] = typer.Option(None, "--shard-size", help="Articles per shard (default 64)."),
           shards: Optional[str] = typer.Option(None, "--shards", help="Folder for Parquet shards and the manifest (default DB.shards)."),
           keep_shards: bool = typer.Option(True, "--keep-shards/--drop-shards", help="Keep the Parquet shards after loading (needed to resume)."),
           ) -> None:
    """Extract articles and store them (idempotent, resumable: re-running never duplicates)."""
    from .run.progress import RichReporter
    try:
        summary = api.ingest(paths, db=db, published=published, config=_config(ctx),
                             on_progress=RichReporter(err), jobs=jobs, workers=workers,
                             scheduler=scheduler, shard_size=shard_size, shards_dir=shards,
                             keep_shards=keep_shards)
    except ReadoutError as exc:
        _print_error(exc)
        raise typer.Exit(2)
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/yellow]: re-run the same command to resume")
        raise typer.Exit(130)
    _print_summary(summary)


def _print_summary(summary: dict) -> None:
    table = Table(title=f"readout store {summary['db']}")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in summary["tables"].items():
        table.add_row(name, str(n))
    out.print(f"stored {summary['articles_stored']} article(s), {summary['errors']} error(s)")
    if summary.get("shards_reused"):
        out.print(f"{summary['shards_reused']} of {summary['shards']} shard(s) were finished by an earlier run")
    if summary.get("new_articles"):
        out.print(f"{summary['articles_per_second']:.1f} articles/s with {summary.get('workers', 1)} "
                  f"worker(s) ({summary.get('executor')})")
    out.print(table)


@app.command()
def export(ctx: typer.Context,
           db: str = typer.Option("readout.duckdb", "--db", help="DuckDB file."),
           table: str = typer.Option("events", "--table", help="Table to export (articles, events, quotes, figures …)."),
           fmt: str = typer.Option("parquet", "--format", help="parquet | csv | jsonl | gdelt | icews | plover."),
           output: Path = typer.Option(..., "-o", "--output", help="Output file."),
           ) -> None:
    """Export a table (or events in GDELT/ICEWS/PLOVER columns) to a file."""
    from .store.export import export_table
    from .store.writer import Store
    try:
        with Store(db, read_only=True) as store:
            n = export_table(store, table, fmt, output)
    except ReadoutError as exc:
        _print_error(exc)
        raise typer.Exit(2)
    out.print(f"wrote {n} row(s) to {output}")


def example_files() -> list[Path]:
    folder = Path(str(resources.files("readout").joinpath("examples")))
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".jsonl", ".html"))


@app.command()
def demo(ctx: typer.Context,
         db: str = typer.Option("readout-demo.duckdb", "--db", help="DuckDB file to ingest the examples into."),
         ) -> None:
    """Ingest the bundled example articles and print a summary."""
    cfg = _config(ctx)
    summary = api.ingest([str(p) for p in example_files()], db=db, config=cfg)
    _print_summary(summary)
    from .store.writer import Store
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT type, cameo, source_name, target_name, status, date_start, evidence "
                           "FROM events ORDER BY article_id, start LIMIT 15")
    if rows:
        t = Table(title="events (first 15)")
        for c in ("type", "cameo", "source", "target", "status", "date"):
            t.add_column(c)
        for r in rows:
            t.add_row(r["type"], r["cameo"], r["source_name"] or "", r["target_name"] or "",
                      r["status"], r["date_start"] or "")
        out.print(t)


@app.command()
def actors(ctx: typer.Context,
           text: str = typer.Argument(..., help="A name, title or role phrase, e.g. 'Chinese President Xi Jinping'."),
           date: Optional[str] = typer.Option(None, "--date", help="Date the phrase refers to (YYYY-MM-DD)."),
           context: Optional[str] = typer.Option(None, "--context", help="Sentence the phrase appears in."),
           ) -> None:
    """Resolve a name or phrase to an actor (name, country, sector, CAMEO code, kind)."""
    try:
        from .actors import resolve_actor
    except ImportError:
        err.print("actor resolution is not available in this build")
        raise typer.Exit(2)
    actor = resolve_actor(text, context=context, date=date)
    if actor is None:
        out.print_json(json.dumps(None))
        raise typer.Exit(1)
    data = actor.to_dict() if hasattr(actor, "to_dict") else dict(actor)
    out.print_json(json.dumps(data, ensure_ascii=False))


@app.command()
def serve(ctx: typer.Context,
          db: str = typer.Option("readout.duckdb", "--db", help="DuckDB file (opened read-only)."),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (localhost by default)."),
          port: int = typer.Option(8000, "--port", help="Port to listen on."),
          query_timeout: float = typer.Option(5.0, "--query-timeout", help="Seconds before a query is stopped (503)."),
          ) -> None:
    """Serve the store as a local web app: pages, a JSON API (/api, /openapi.json, /api-docs)."""
    from .serve.app import run
    try:
        run(db, host=host, port=port, query_timeout=query_timeout)
    except ReadoutError as exc:
        _print_error(exc)
        raise typer.Exit(2)


if __name__ == "__main__":  # pragma: no cover
    app()
