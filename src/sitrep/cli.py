"""The `sitrep` command: a thin shell over the library.

Each command parses its input, calls the library, prints, and turns our exceptions into
one clear line and a non-zero exit code.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sitrep import config
from sitrep.errors import SitrepError

app = typer.Typer(
    help="Sitrep: turn news reports into sourced incident records (one record per real-world incident).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Piped or redirected output (a report, a log) gets a wide page instead of rich's 80 columns.
_WIDTH = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 140
out = Console(width=_WIDTH)
err = Console(stderr=True, width=_WIDTH)


class State:
    db: str | None = None
    quiet = False


state = State()


@app.callback()
def main_options(
    db: Annotated[str | None, typer.Option("--db", help=config.help_of("db"), envvar="SITREP_DB")] = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv for debug).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors and results.")] = False,
) -> None:
    """Global options."""
    state.db = db
    state.quiet = quiet
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def db_path() -> str:
    """The --db value: a DuckDB file path or a postgresql:// URL (kept a string: a Path would mangle a URL)."""
    return state.db or str(config.default_db_path())


def is_server_db(db: str) -> bool:
    return db.lower().startswith(("postgresql://", "postgres://"))


@contextmanager
def open_store(*, read_only: bool = False) -> Iterator:
    from sitrep.store import open_store as open_any

    db = db_path()
    if is_server_db(db):
        pass  # a server database: nothing on disk to create or check
    elif not read_only:
        Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
    elif not Path(db).expanduser().exists():
        raise SitrepError(f"{db}: no database yet; run `sitrep ingest PATH` or `sitrep demo` first")
    store = open_any(db if is_server_db(db) else str(Path(db).expanduser()), read_only=read_only)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def progress_bar(label: str, total: int) -> Iterator:
    """A rich progress bar on stderr (hidden with -q or when there is little to do)."""
    if state.quiet or total < 2:
        yield lambda n: None
        return
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def fail(e: Exception) -> typer.Exit:
    err.print(f"[red]error:[/red] {e}", highlight=False, markup=True)
    return typer.Exit(1)


def _options(processes: int | None):
    from sitrep.pipeline import PipelineOptions

    return PipelineOptions(processes=processes or config.get_int("processes"),
                           batch_size=config.get_int("batch_size"))


def _process(store, processes: int | None):
    from sitrep.pipeline import Pipeline

    pipe = Pipeline(store, options=_options(processes))
    todo = store.count_articles(unprocessed=True, include_foreign=True)  # every language is read
    with progress_bar("extracting", todo) as advance:
        summary = pipe.process(progress=advance)
    if summary.failed:
        err.print(f"[yellow]warning:[/yellow] extraction failed on {summary.failed} article(s); they are "
                  "stored and skipped from now on (`sitrep check` lists them, `sitrep remove ID` removes one)",
                  highlight=False)
    if not state.quiet:
        err.print(f"extracted {summary.extracted} article(s); {summary.main_incidents} incident(s) "
                  f"({summary.incidents - summary.main_incidents} referenced only)")
    return summary


# --- commands ------------------------------------------------------------------------------------

@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, URLs, feeds, or - for stdin.")],
    allow_private: Annotated[bool, typer.Option(help=config.help_of("allow_private"), envvar="SITREP_ALLOW_PRIVATE")] = False,
    fetch_links: Annotated[bool, typer.Option(help="For a feed: read each item's linked page instead of its summary.")] = False,
    encoding: Annotated[str | None, typer.Option(help="Read text files in this encoding, e.g. latin-1.")] = None,
    process: Annotated[bool, typer.Option(help="Extract and link right after storing.")] = True,
    processes: Annotated[int | None, typer.Option(help=config.help_of("processes"))] = None,
) -> None:
    """Read articles into the database (idempotent), then extract and link incidents."""
    from sitrep.ingest import IngestOptions
    from sitrep.pipeline import Pipeline

    try:
        opts = IngestOptions(allow_private=allow_private, encoding=encoding, fetch_links=fetch_links,
                             max_bytes=config.get_int("max_bytes"), timeout=config.get_float("timeout"))
        with open_store() as store:
            summary = Pipeline(store, options=_options(processes)).ingest(sources, stdin=sys.stdin,
                                                                          ingest_options=opts)
            for r in summary.results:
                if r.status == "error":
                    err.print(f"[red]error:[/red] {r.message}", highlight=False)
                elif not state.quiet:
                    note = {"new": "stored", "duplicate": "already stored (no-op)",
                            "alias": "already stored; new id recorded", "foreign": r.message}[r.status]
                    err.print(f"{r.source}: {note} [{r.article_id}]", highlight=False, markup=False)
            if not state.quiet:
                err.print(f"{summary.count('new') + summary.count('foreign')} new, "
                          f"{summary.count('duplicate') + summary.count('alias')} already stored, "
                          f"{summary.failed} failed; database {store.path}")
            if process:
                _process(store, processes)
    except SitrepError as e:
        raise fail(e) from e
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="JSONL or Parquet files, or folders of files.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the reports (OUT/reports/<shard>.parquet).")],
    cpus: Annotated[int | None, typer.Option(help="Actors on the local Ray cluster (default: every CPU).")] = None,
    address: Annotated[str | None, typer.Option(help="An existing Ray cluster to run on ('auto', 'ray://host:10001').")] = None,
    shard_size: Annotated[int, typer.Option(help="Articles per shard (the unit of work and of a rerun).")] = 200,
    ray: Annotated[bool, typer.Option(help="Run on Ray; --no-ray extracts in this process, one shard after another.")] = True,
) -> None:
    """Extract many articles in shards on Ray; write reports as Parquet (a rerun skips finished shards)."""
    from sitrep.batch import BatchOptions, run_batch

    opts = BatchOptions(shard_size=shard_size, cpus=cpus, address=address, ray=ray,
                        batch_size=config.get_int("batch_size"))
    try:
        with progress_bar("extracting", 2) as advance:
            summary = run_batch(inputs, out_dir, options=opts, progress=advance)
    except SitrepError as e:
        raise fail(e) from e
    for e in summary.errors:
        err.print(f"[red]error:[/red] {e}", highlight=False)
    if not state.quiet:
        rate = f" in {summary.seconds:.1f} s ({summary.extracted / summary.seconds:.1f} articles/s)" \
            if summary.seconds else ""
        err.print(f"{summary.articles} article(s) in {summary.shards} shard(s): {summary.skipped} shard(s) "
                  f"already done, {summary.extracted} article(s) extracted{rate}; reports in {out_dir}")
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def link(
    batch_dir: Annotated[Path, typer.Argument(help="A folder written by `sitrep batch --out`.")],
    processes: Annotated[int | None, typer.Option(help=config.SETTINGS[1].help)] = None,
) -> None:
    """Store a batch folder's articles and reports, then link them into incidents."""
    from sitrep.batch import store_batch
    from sitrep.pipeline import Pipeline

    try:
        with open_store() as store:
            with progress_bar("storing", 2) as advance:
                ids = store_batch(store, batch_dir, progress=advance)
            if not state.quiet:
                err.print(f"stored {len(ids)} report(s) from {batch_dir}; linking the blocks they touch")
            Pipeline(store, options=_options(processes)).link(ids)
            _process(store, processes)  # articles the batch did not extract (other languages)
    except SitrepError as e:
        raise fail(e) from e


@app.command()
def relink() -> None:
    """Link every stored report again (the full pass, after the linking rules change); ids stay stable."""
    from sitrep.pipeline import Pipeline

    try:
        with open_store() as store:
            Pipeline(store).relink()
            if not state.quiet:
                err.print(f"{store.count_incidents()} incident(s) "
                          f"({store.count_incidents(main_only=False) - store.count_incidents()} referenced only)")
    except SitrepError as e:
        raise fail(e) from e


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="Feed URLs, or files listing one feed URL per line.")],
    interval: Annotated[float, typer.Option(help="Seconds between two polls of a feed.")] = 900.0,
    max_backoff: Annotated[float, typer.Option(help="Longest wait, in seconds, before retrying a failing feed.")] = 6 * 3600.0,
    once: Annotated[bool, typer.Option(help="One round (every feed that is due), then exit: for cron.")] = False,
    allow_private: Annotated[bool, typer.Option(help=config.SETTINGS[3].help)] = False,
    process: Annotated[bool, typer.Option(help="Extract and link what arrives after each round.")] = True,
    processes: Annotated[int | None, typer.Option(help=config.SETTINGS[1].help)] = None,
) -> None:
    """Poll feeds on an interval (conditional GET, backoff on errors) and process what arrives; stop with SIGTERM."""
    import signal

    from sitrep.ingest import IngestOptions
    from sitrep.watch import Watcher, WatchOptions, feed_urls

    try:
        urls = feed_urls(feeds)
        opts = WatchOptions(interval=interval, max_backoff=max_backoff, process=process,
                            ingest=IngestOptions(allow_private=allow_private, max_bytes=config.get_int("max_bytes"),
                                                 timeout=config.get_float("timeout")),
                            pipeline=_options(processes))
        with open_store() as store:
            watcher = Watcher(store, urls, options=opts)
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_: watcher.stop())

            def said(r) -> None:
                for why in r.failed.values():
                    err.print(f"[red]error:[/red] {why}", highlight=False)
                if not state.quiet:
                    linked = f"; {r.incidents} incident(s)" if r.incidents is not None else ""
                    err.print(f"polled {len(r.polled)} feed(s): {len(r.not_modified)} unchanged, "
                              f"{len(r.failed)} failed, {r.new_articles} new article(s){linked}", highlight=False)

            rounds = watcher.run(on_round=said, max_rounds=1 if once else None)
            if not state.quiet and not once:
                err.print(f"stopped after {rounds} round(s); feed state saved in {store.path}")
    except SitrepError as e:
        raise fail(e) from e


def incident_table(incidents, title: str = "Incidents") -> Table:
    t = Table(title=title, show_lines=False)
    for col in ("id", "date", "place", "type", "killed", "injured", "sources"):
        t.add_column(col, no_wrap=col in ("id", "date"))
    for inc in incidents:
        place = (inc.place.label() if inc.place else "") or "?"
        t.add_row(inc.id, inc.date or "?", place, inc.kind, _fig(inc, "killed"), _fig(inc, "injured"),
                  f"{inc.independent_sources} ind. / {len(inc.sources)}")
    return t


def _fig(inc, category: str) -> str:
    r = inc.figures.get(category)
    if r is None or r.best is None:
        return "-"
    q = f"{r.qualifier} " if r.qualifier else ""
    return f"{q}{r.best}"


@app.command()
def incidents(
    since: Annotated[str | None, typer.Option(help="Earliest event date, YYYY-MM-DD (or YYYY-MM, YYYY).", callback=_date_option)] = None,
    until: Annotated[str | None, typer.Option(help="Latest event date, YYYY-MM-DD (or YYYY-MM, YYYY).", callback=_date_option)] = None,
    type: Annotated[str | None, typer.Option(help="Event type (ours, ACLED or GTD).")] = None,
    country: Annotated[str | None, typer.Option(help="Country name.")] = None,
    min_killed: Annotated[int | None, typer.Option(help="Only incidents with at least this many killed.")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Text search.")] = None,
    referenced: Annotated[bool, typer.Option(help="Include incidents known only from references.")] = False,
    limit: Annotated[int, typer.Option(min=0, help="How many to list (0: all).")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List incidents: id, date, place, type, killed, injured, sources."""
    filters = dict(since=since, until=until, type=type, country=country, min_killed=min_killed, q=search,
                   main_only=not referenced)
    try:
        with open_store(read_only=True) as store:
            found = store.incidents(**filters, limit=limit or None)
            total = store.count_incidents(**filters) if limit and len(found) == limit else len(found)
    except SitrepError as e:
        raise fail(e) from e
    if as_json:
        out.print_json(json.dumps([i.to_dict() for i in found], default=str))
    else:
        out.print(incident_table(found))
    if total > len(found):
        err.print(f"showing the first {len(found)} of {total} incidents; --limit N lists more (--limit 0: all)",
                  highlight=False)


def _date_option(value: str | None) -> str | None:
    """A --since/--until date: YYYY-MM-DD, YYYY-MM or YYYY, else a usage error saying so."""
    if value is None:
        return None
    import datetime as dt

    v = value.strip()
    for fmt, width in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            if len(v) == width:
                dt.datetime.strptime(v, fmt)
                return v
        except ValueError:
            pass
    raise typer.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD (or YYYY-MM, YYYY), "
                             "e.g. 2024-03-22")


@app.command()
def show(
    incident_id: Annotated[str, typer.Argument(help="Incident id (or a unique prefix of 6+ characters).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """One incident with its reconciled figures, every claim and its evidence sentence, and the figures'
    history: each reported figure in time order with its value, qualifier and source."""
    from sitrep.render import render_incident

    try:
        with open_store(read_only=True) as store:
            inc = store.get_incident(incident_id)
            claimed = [c.article_id for r in inc.figures.values() for c in r.claims if c.article_id]
            arts = {a.id: a for a in store.articles(ids=list(dict.fromkeys(inc.article_ids + claimed)))}
    except SitrepError as e:
        raise fail(e) from e
    if as_json:
        out.print_json(json.dumps(inc.to_dict(), default=str))
    else:
        out.print(render_incident(inc, arts), markup=False, highlight=False)


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="csv, json, geojson, acled or gtd.")] = "csv",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")] = None,
    conservative: Annotated[bool, typer.Option(help="ACLED-style: figures take the most conservative claim.")] = False,
    referenced: Annotated[bool, typer.Option(help="Include incidents known only from references.")] = False,
) -> None:
    """Export incidents for other tools (spreadsheets, GIS, ACLED/GTD-shaped tables)."""
    from sitrep.export import export_incidents

    try:
        with open_store(read_only=True) as store:
            found = store.incidents(main_only=not referenced, limit=None)
            arts = {a.id: a for a in store.articles(ids={x for i in found for x in i.article_ids})}
        handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            n = export_incidents(found, format, handle, conservative=conservative, articles=arts)
        finally:
            if output:
                handle.close()
    except SitrepError as e:
        raise fail(e) from e
    if output and not state.quiet:
        err.print(f"wrote {n} incident(s) to {output}")


@app.command()
def check(
    retry_failed: Annotated[bool, typer.Option(help="Extract the articles whose extraction failed once more.")] = False,
    repair: Annotated[bool, typer.Option(help="Finish what an interrupted run left (extract, relink).")] = True,
    processes: Annotated[int | None, typer.Option(help=config.help_of("processes"))] = None,
) -> None:
    """Find what an interrupted run left (articles not extracted, incidents not relinked) and finish it;
    list articles whose extraction failed."""
    try:
        with open_store() as store:
            h = store.health()
            pending = h["unextracted"] or h["link_needed"] or h["unlinked_mentions"]
            err.print(f"{store.path}: {h['articles']} article(s); {h['unextracted']} not extracted yet; "
                      f"{h['unlinked_mentions']} mention(s) in no incident; incidents "
                      f"{'need relinking' if h['link_needed'] else 'up to date'}", highlight=False)
            for aid in h["failed"]:
                err.print(f"{aid}: extraction failed (`sitrep remove {aid}` removes it; "
                          "`sitrep check --retry-failed` tries again)", highlight=False)
            if retry_failed and h["failed"]:
                store.forget_failures()
                pending = True
            if repair and pending:
                _process(store, processes)
                h = store.health()
                err.print("repaired: " + ("nothing left to do" if not (h["unextracted"] or h["link_needed"])
                                          else "some work is still left; see the log"), highlight=False)
            elif not pending:
                err.print("nothing to repair", highlight=False)
    except SitrepError as e:
        raise fail(e) from e


@app.command()
def remove(
    article_ids: Annotated[list[str], typer.Argument(help="Article ids (or external ids) to remove.")],
    process: Annotated[bool, typer.Option(help="Relink the incidents right after removing.")] = True,
) -> None:
    """Remove articles (with what was read from them) and relink the incidents they were part of."""
    try:
        with open_store() as store:
            removed = store.remove_articles(article_ids)
            if not state.quiet:
                err.print(f"removed {len(removed)} article(s): {', '.join(removed)}", highlight=False)
            if process:
                _process(store, None)
    except SitrepError as e:
        raise fail(e) from e


def _demo_db() -> str | None:
    """The database --db names on the command line, else None: the demo then uses its own."""
    explicit = state.db is not None and state.db != os.environ.get("SITREP_DB")
    return state.db if explicit else None


@app.command()
def demo(
    processes: Annotated[int | None, typer.Option(help=config.help_of("processes"))] = None,
) -> None:
    """Run the whole pipeline on the two bundled seed articles (no network needed), in a database of its own."""
    from sitrep.pipeline import Pipeline
    from sitrep.render import write_report
    from sitrep.store import open_store as open_any

    chosen = _demo_db()
    if chosen is None:
        # A fresh database of its own each time: the same output every run, the user's data untouched.
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        path = str(Path(base) / "sitrep" / "demo.duckdb")
        for stale in (path, f"{path}.wal"):
            Path(stale).unlink(missing_ok=True)
    else:
        path = chosen if is_server_db(chosen) else str(Path(chosen).expanduser())
    if not is_server_db(path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    seeds = resources.files("sitrep") / "data" / "seeds"
    with resources.as_file(seeds) as folder:
        try:
            with open_any(path) as store:
                summary = Pipeline(store, options=_options(processes)).ingest([str(folder)])
                for r in summary.results:
                    if r.status == "error":
                        err.print(f"[red]error:[/red] {r.message}", highlight=False)
                if not state.quiet:
                    err.print(f"ingested {len(summary.results)} seed article(s) into {store.path}")
                _process(store, processes)
                seed_ids = {r.article_id for r in summary.results if r.article_id}
                # Only what the seeds tell, even in a database (--db) that holds other articles.
                found = [i for i in store.incidents(limit=None) if set(i.article_ids) & seed_ids]
                arts = {a.id: a for a in store.articles(ids={x for i in found for x in i.article_ids})}
                report_path = (Path("sitrep-report.md") if is_server_db(store.path)
                               else Path(store.path).with_name(Path(store.path).stem + "-report.md"))
                write_report(found, arts, report_path)
        except SitrepError as e:
            raise fail(e) from e
    out.print(incident_table(found, title="Incidents read from the seed articles"))
    out.print(f"Database: {store.path}" + (" (the demo's own; yours is untouched)" if chosen is None else ""))
    out.print(f"Readable report: {report_path}")
    if found:
        db_opt = f"--db {store.path} "
        out.print(f"Details of one incident: sitrep {db_opt}show {found[0].id}")


@app.command("eval")
def eval_(
    suite: Annotated[Path | None, typer.Argument(help="A suite folder (suite.json, articles.jsonl, gold.jsonl).")] = None,
    all_: Annotated[Path | None, typer.Option("--all", help="Score every suite in this folder.")] = None,
    out_path: Annotated[Path | None, typer.Option("--out", help="Write predictions (JSONL) here; with --all, a folder.")] = None,
    gate: Annotated[bool, typer.Option(help="Fail when a score is under its pinned floor.")] = False,
    processes: Annotated[int | None, typer.Option(help=config.help_of("processes"))] = None,
    doc_cache: Annotated[Path | None, typer.Option(help="Developer aid: pre-parsed Docs (scripts/parse_cache.py).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Score Sitrep on evaluation suites (the format of the suites' FORMAT.md)."""
    from sitrep.evaluate import SuiteRun, find_suites, headline, run_suite
    from sitrep.evaluate.gate import Verdict, check

    if (suite is None) == (all_ is None):
        raise fail(SitrepError("give one suite folder, or --all FOLDER"))
    paths: list[Path] = find_suites(all_) if all_ else [suite] if suite else []
    if all_ and not paths:
        raise fail(SitrepError(f"{all_}: no suite folders (with suite.json) inside"))
    if all_ and out_path:
        out_path.mkdir(parents=True, exist_ok=True)
    runs: list[SuiteRun] = []
    verdicts: list[Verdict] = []
    try:
        for p in paths:
            target = (out_path / f"{p.name}.predictions.jsonl") if (all_ and out_path) else out_path
            n = _count_lines(Path(p) / "articles.jsonl")
            with progress_bar(f"{Path(p).name}", n) as advance:
                run = run_suite(p, options=_options(processes), out=target, doc_cache=doc_cache, progress=advance)
            runs.append(run)
            for line in run.skipped:
                err.print(f"{run.suite.name}: skipped {line}", highlight=False)
            if gate:
                verdicts.extend(check(run.suite.name, headline(run.metrics)))
    except SitrepError as e:
        raise fail(e) from e
    if as_json:
        out.print_json(json.dumps([r.metrics | {"seconds": round(r.seconds, 1)} for r in runs]))
    else:
        for r in runs:
            t = Table(title=f"{r.suite.name} ({r.suite.task}, {len(r.suite.articles)} articles, {r.seconds:.0f} s)")
            t.add_column("metric")
            t.add_column("value", justify="right")
            for name, value in headline(r.metrics).items():
                t.add_row(name, f"{value:.4f}")
            out.print(t)
    if gate:
        bad = [v for v in verdicts if not v.ok]
        for v in bad:
            err.print(f"[red]gate:[/red] {v.suite} {v.metric} = {v.value} is under its floor {v.floor}")
        err.print(f"gate: {len(verdicts) - len(bad)} passed, {len(bad)} failed")
        if bad:
            raise typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    token: Annotated[str | None, typer.Option(help=config.help_of("token"), envvar="SITREP_TOKEN")] = None,
    allow_private: Annotated[bool, typer.Option(help=config.help_of("allow_private") + " (the ingest page's URLs)", envvar="SITREP_ALLOW_PRIVATE")] = False,
) -> None:
    """Serve the web pages and the REST API."""
    from sitrep.api import serve as run_server

    db = db_path()
    if not is_server_db(db):
        Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
    run_server(db, host=host, port=port, token=token, allow_private=allow_private)


def _count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open(encoding="utf-8") as f:
        return sum(1 for line in f if line.strip())


def main() -> None:
    try:
        app()
    except (SitrepError, OSError) as e:  # anything a command did not turn into its own message
        err.print(f"[red]error:[/red] {e}", highlight=False)
        if logging.getLogger().isEnabledFor(logging.DEBUG):
            raise
        sys.exit(1)


if __name__ == "__main__":
    main()
