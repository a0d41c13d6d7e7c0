"""The `readout` command: a thin shell over the library (parse arguments, call, print)."""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import api
from .config import Config, load_config
from .cli_tables import people_table, plural, quoted
from .errors import ReadoutError
from .records import Document

def _help_metavars() -> None:
    """Typer's help shows Python types (`<bool>`, `<list[str]>`); show nothing for flags and
    arguments (their help says what they are) and the option's name for a value (`--db DB`)."""
    from typer import core

    def option_type(self, ctx):
        if self.metavar is not None:
            return self.metavar
        return None if self.is_flag or self.count else (self.name or "").upper() or None

    core.TyperOption.display_type_rich = option_type
    core.TyperArgument.display_type_rich = lambda self, ctx: self.metavar


_help_metavars()

app = typer.Typer(help="readout: news reports to sourced political event data, quotes and figures.",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True)
out = Console()
PUBLISHED_HELP = ("Publication date of every input: YYYY-MM-DD (also '30 December 2022'), or "
                  "today, yesterday, N days ago (this machine's date); else from metadata or inferred.")


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
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2)
    ctx.obj = {"config": cfg}


def _print_error(exc) -> None:
    err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)


def _fail(message: str) -> None:
    """An ordinary mistake (a bad option, a missing folder): one line on stderr, exit code 2."""
    _print_error(message)
    raise typer.Exit(2)


def _given_date(value: Optional[str], option: str) -> Optional[str]:
    """A --published value as ISO (relative forms against today), else exit 2 naming it."""
    from .times.given import parse_given_date
    try:
        got = parse_given_date(value, option, relative=True)
    except ReadoutError as exc:
        _fail(str(exc))
    return got.isoformat() if got else None


@app.command()
def extract(ctx: typer.Context,
            files: List[str] = typer.Argument(..., help="Files or folders (.txt, .html, .jsonl[.gz]); '-' for stdin."),
            published: Optional[str] = typer.Option(None, "--published", help=PUBLISHED_HELP),
            pretty: bool = typer.Option(False, "--pretty", help="Indent the JSON (one record per block)."),
            ) -> None:
    """Print one JSON record per article (JSON Lines) on stdout; errors go to stderr."""
    cfg = _config(ctx)
    published = _given_date(published, "--published")
    failed = 0
    for res in api.extract_iter(files, published, cfg):
        if isinstance(res, Document):
            sys.stdout.write(json.dumps(res.to_dict(), ensure_ascii=False,
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
           published: Optional[str] = typer.Option(None, "--published", help=PUBLISHED_HELP),
           jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Local worker processes (default: all cores)."),
           workers: Optional[int] = typer.Option(None, "--workers", help="Run on a Dask LocalCluster of N workers."),
           scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run on a Dask cluster: tcp://HOST:PORT."),
           shard_size: Optional[int] = typer.Option(None, "--shard-size", help="Articles per shard (default 64)."),
           shards: Optional[str] = typer.Option(None, "--shards", help="Folder for Parquet shards and the manifest (default DB.shards)."),
           keep_shards: bool = typer.Option(True, "--keep-shards/--drop-shards", help="Keep the Parquet shards after loading (needed to resume)."),
           ) -> None:
    """Extract articles and store them (idempotent, resumable: re-running never duplicates)."""
    from .run.progress import RichReporter
    published = _given_date(published, "--published")
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


MAX_SKIPPED_SHOWN = 10


def _print_summary(summary: dict) -> None:
    """The ingest summary; exits 1 when every input failed (nothing was stored)."""
    skipped = summary.get("skipped") or []
    if skipped:
        err.print(f"not read: {plural(len(skipped), 'file')} in the folders given:", highlight=False)
        for x in skipped[:MAX_SKIPPED_SHOWN]:
            err.print(f"  {escape(x['path'])}: {escape(x['reason'])}", highlight=False, soft_wrap=True)
        if len(skipped) > MAX_SKIPPED_SHOWN:
            err.print(f"  … and {len(skipped) - MAX_SKIPPED_SHOWN:,} more", highlight=False)
    if not summary.get("db_created", True):     # the errors were shown as they came
        err.print(f"nothing stored: {plural(summary['errors'], 'error')} and no article; "
                  f"{summary['db']} was not created", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    table = Table(title=f"readout store {summary['db']}")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in summary["tables"].items():
        table.add_row(name, str(n))
    out.print(f"stored {plural(summary['articles_stored'], 'article')}, "
              f"{plural(summary['errors'], 'error')} (in the errors table)"
              if summary["errors"] else f"stored {plural(summary['articles_stored'], 'article')}, no errors",
              highlight=False)
    if summary.get("shards_reused"):
        out.print(f"{summary['shards_reused']} of {plural(summary['shards'], 'shard')} were finished "
                  f"by an earlier run", highlight=False)
    if summary.get("new_articles"):
        load = summary.get("startup_seconds")
        out.print(f"{summary['articles_per_second']:.1f} articles/s with "
                  f"{plural(summary.get('workers', 1), 'worker')} ({summary.get('executor')})"
                  + (f", after {load:.1f} s loading the model and tables" if load else ""), highlight=False)
    out.print(table)
    if summary["articles_stored"] == 0 and summary["errors"]:
        raise typer.Exit(1)


QUOTE_CATEGORIES_OPTION = typer.Option(
    None, "--quote-categories",
    help="Quotes to use: comma-separated speech, thought, stance, evidence, or all "
         "(default: the config's quote_categories, speech).")


def _quote_categories(ctx: typer.Context, value: str | None) -> tuple[str, ...]:
    """The quote categories a command uses: the option, else the configuration's."""
    from .config import quote_categories
    if value is None:
        return _config(ctx).quote_categories
    try:
        return quote_categories(value)
    except ReadoutError as exc:
        _print_error(exc)
        raise typer.Exit(2)


@app.command()
def export(ctx: typer.Context,
           db: str = typer.Option("readout.duckdb", "--db", help="DuckDB file."),
           table: str = typer.Option("events", "--table", help="Table to export (articles, events, quotes, figures …)."),
           fmt: str = typer.Option("parquet", "--format", help="parquet | csv | jsonl | gdelt | icews | plover."),
           output: str = typer.Option(..., "-o", "--output", help="Output file; '-' for stdout."),
           complete_only: Optional[bool] = typer.Option(
               None, "--complete-only/--all-events",
               help="Event formats: only events with both source and target (default for gdelt and icews)."),
           quote_categories: Optional[str] = QUOTE_CATEGORIES_OPTION,
           ) -> None:
    """Export a table (or events in GDELT/ICEWS/PLOVER columns) to a file."""
    from .store.export import export_table
    cats = _quote_categories(ctx, quote_categories)
    n = _read_store(db, lambda store: export_table(store, table, fmt, output, complete_only, cats))
    (err if output == "-" else out).print(f"wrote {plural(n, 'row')} to "
                                          f"{'stdout' if output == '-' else output}", highlight=False)


def _read_store(db: str, read):
    """`read(store)` on the database opened read-only; a readout error exits with code 2."""
    from .store.writer import Store
    try:
        with Store(db, read_only=True) as store:
            return read(store)
    except ReadoutError as exc:
        _print_error(exc)
        raise typer.Exit(2)


def _write_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str, indent=2) + "\n")


@app.command()
def demo(ctx: typer.Context,
         db: str = typer.Option("readout-demo.duckdb", "--db", help="DuckDB file to ingest the examples into."),
         ) -> None:
    """Ingest the bundled example articles and print a summary."""
    cfg = _config(ctx)
    summary = api.ingest([str(p) for p in api.example_files()], db=db, config=cfg)
    _print_summary(summary)
    rows = api.first_events(db, limit=15)
    if rows:
        out.print(people_table("events (first 15)", [
            ("type", "text"), ("cameo", "id"), ("source", "text"), ("target", "text"),
            ("status", "text"), ("date", "date")],
            [[r["type"], r["cameo"], r["source_name"] or "", r["target_name"] or "", r["status"],
              r["date_start"] or ""] for r in rows]))
    for line in next_commands(db):
        out.print(line, highlight=False, markup=False, soft_wrap=True)


def next_commands(db: str) -> list[str]:
    """The demo's last lines: what to run next on the store it wrote."""
    import shlex
    q = shlex.quote(db)
    return ["next, on the store the demo wrote:",
            f"  readout stories --db {q}            # stories, then `readout stories ID`",
            f"  readout serve --db {q}              # the dashboard on http://127.0.0.1:8000",
            f"  readout export --db {q} --format gdelt -o events.tsv"]


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
    try:
        actor = resolve_actor(text, context=context, date=date)
    except ValueError as exc:
        _fail(f"--date: {exc}")
    if actor is None:
        out.print_json(json.dumps(None))
        raise typer.Exit(1)
    data = actor.to_dict() if hasattr(actor, "to_dict") else dict(actor)
    out.print_json(json.dumps(data, ensure_ascii=False))


@app.command()
def serve(ctx: typer.Context,
          db: str = typer.Option("readout.duckdb", "--db", help="DuckDB file (a snapshot of it is served)."),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (localhost by default)."),
          port: int = typer.Option(8000, "--port", help="Port to listen on."),
          query_timeout: float = typer.Option(5.0, "--query-timeout", help="Seconds before a query is stopped (503); > 0."),
          allowed_host: List[str] = typer.Option([], "--allowed-host", help="Another name or address clients use in the Host header (repeatable)."),
          token: Optional[str] = typer.Option(None, "--token", envvar="READOUT_TOKEN", show_envvar=True,
                                              help="A secret every request must carry (Bearer header, cookie, or ?token= once)."),
          snapshot: bool = typer.Option(True, "--snapshot/--no-snapshot",
                                        help="Serve a copy of the store, so that ingest can write it meanwhile (--no-snapshot: read the file itself and hold it)."),
          refresh: float = typer.Option(30.0, "--refresh", help="Seconds between checks for a changed store to serve anew (0: never)."),
          ) -> None:
    """Serve the store as a local web app: pages, a JSON API (/api, /openapi.json, /api-docs)."""
    from .serve.app import run
    try:
        run(db, host=host, port=port, query_timeout=query_timeout, allowed_host=allowed_host,
            token=token, config=_config(ctx), snapshot=snapshot, refresh=refresh)
    except ReadoutError as exc:
        _print_error(exc)
        raise typer.Exit(2)


@app.command()
def stories(ctx: typer.Context,
            story_id: Optional[str] = typer.Argument(None, help="A story id, or its first characters: list its articles and linked events."),
            db: str = typer.Option("readout.duckdb", "--db", help="DuckDB file."),
            limit: int = typer.Option(30, "--limit", help="Most stories (or linked events) to list."),
            as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
            ) -> None:
    """List stories (articles about one happening), or one story's articles and linked events."""
    from .link.views import list_stories, resolve_id, story_detail
    data = _read_store(db, lambda store: story_detail(
        store, resolve_id(store, "stories", story_id, "story"), limit) if story_id
        else list_stories(store, limit))
    if as_json:
        _write_json(data)
        return
    if story_id is None:
        rows = [[r["id"], r["n_articles"], r["n_sources"], r["n_linked_events"],
                 " – ".join(dict.fromkeys(x for x in (r["date_min"], r["date_max"]) if x)),
                 r["title"] or r["label"] or ""] for r in data]
        out.print(people_table(f"stories in {db}", [
            ("story", "id"), ("articles", "count"), ("sources", "count"), ("events", "count"),
            ("dates", "text"), ("title / label", "text")], rows))
        return
    st = data["story"]
    out.print(f"story {st['id']}: {st['title'] or st['label'] or ''} "
              f"({plural(st['n_articles'], 'article')}, {plural(st['n_sources'], 'source')})",
              highlight=False, soft_wrap=True)
    out.print(people_table("articles", [("published", "date"), ("outlet", "text"), ("title", "text")],
                           [[a["published"] or "", a["outlet"] or "", a["title"] or a["id"]]
                            for a in data["articles"]]))
    out.print(people_table("linked events (readout accounts EVENT_ID)", [
        ("event", "id"), ("type", "text"), ("source", "text"), ("target", "text"), ("date", "date"),
        ("m/a/s", "count")],
        [[e["id"], e["type"] or e["cameo"] or "", e["source_name"] or "", e["target_name"] or "",
          e["date_start"] or "", f"{e['n_mentions']}/{e['n_articles']}/{e['n_sources']}"]
         for e in data["linked_events"]], caption="m/a/s: mentions / articles / sources"))


@app.command()
def accounts(ctx: typer.Context,
             event_id: str = typer.Argument(..., help="A linked event id, or its first characters (see `readout stories STORY_ID`)."),
             db: str = typer.Option("readout.duckdb", "--db", help="DuckDB file."),
             as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
             quote_categories: Optional[str] = QUOTE_CATEGORIES_OPTION,
             ) -> None:
    """Show the accounts of one linked event side by side, one column per source, and where they differ."""
    from .link.accounts import accounts as event_accounts
    from .link.views import resolve_id
    cfg = _config(ctx)
    cats = _quote_categories(ctx, quote_categories)
    data = _read_store(db, lambda store: event_accounts(
        store, resolve_id(store, "linked_events", event_id, "linked event"), config=cfg,
        quote_categories=cats))
    if as_json:
        _write_json(data)
        return
    e = data["event"]
    who = " → ".join(x for x in (e["source_name"], e["target_name"]) if x)
    out.print(f"{e['id']}: {e['type'] or e['cameo']} {who} {e['date_start'] or ''} — "
              f"{plural(e['n_mentions'], 'mention')}, {plural(e['n_articles'], 'article')}, "
              f"{plural(e['n_sources'], 'source')}", highlight=False, soft_wrap=True)
    from rich.text import Text
    # one column per source (outlet): its articles one after another, each named when it has several
    columns: dict[str, list[dict]] = {}
    for s in data["sources"]:
        columns.setdefault(s["source"], []).append(s)
    t = Table(title="accounts", show_lines=True)
    t.add_column("")
    for source, arts in columns.items():
        dates = " ".join(dict.fromkeys((a["published"] or "")[:10] for a in arts if a["published"]))
        t.add_column(Text(f"{source}\n{dates}" if dates else source))

    def voice_text(s, key, fmt):
        lines = []
        for v in s["voices"]:
            for item in v[key]:
                lines.append((f"{v['speaker']}: " if v["speaker"] else "") + fmt(item))
        return "\n".join(lines)

    def cell(arts, text_of):
        if len(arts) == 1:
            return text_of(arts[0])
        parts = []
        for a in arts:
            body = text_of(a)
            if body:
                parts.append(f"[{a['title'] or a['article_id']}]\n{body}")
        return "\n".join(parts)
    def row(label, cells):
        t.add_row(label, *[Text(c) for c in cells])        # plain text: "[…]" is no markup
    row("articles", [str(len(arts)) for arts in columns.values()])
    row("reports", [cell(arts, lambda s: "\n".join(m["evidence"] or "" for m in s["mentions"]))
                    for arts in columns.values()])
    row("participants", [", ".join(sorted({p for a in arts for p in a["participants"]}))
                         for arts in columns.values()])
    row("figures", [cell(arts, lambda s: voice_text(s, "figures", lambda f: f["text"]))
                    for arts in columns.values()])
    row("quotes", [cell(arts, lambda s: voice_text(s, "quotes", lambda q: quoted(q["text"])))
                   for arts in columns.values()])
    out.print(t)
    if data["differences"]:
        out.print("[bold]where they differ[/bold]")
        for d in data["differences"]:
            out.print(f"- {d['what']}: {d['detail']}", highlight=False)


if __name__ == "__main__":  # pragma: no cover
    app()
