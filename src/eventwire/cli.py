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
    for item in read_paths(paths, _date_option(published)):
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
    """Print the version.

    Example: eventwire version
    """
    typer.echo(__version__)


app.command("eval")(eval_command)


def main() -> None:
    try:
        app()
    except errors.EventwireError as exc:
        _err(f"eventwire: {exc}")
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
