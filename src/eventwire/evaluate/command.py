"""The `eventwire eval` command: run benchmark adapters and show their reports.

cli.py registers ``eval_command``; this module only adapts arguments to the library.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .registry import BENCHMARKS, DEFAULT_LIMITS, adapter, available, run_benchmark
from .report import Report
from .table import as_json, markdown, print_cases, print_report, write_readme


def eval_command(
    benchmark: str = typer.Argument(..., help=f"One of {', '.join(BENCHMARKS)}, or all."),
    split: str = typer.Option("dev", "--split", "-s", help="dev or train (muc4, gvc); with all, benchmarks without it use dev."),
    json_: bool = typer.Option(False, "--json", help="Print one JSON object per benchmark."),
    errors: int = typer.Option(0, "--errors", "-e", help="Print N misses and false alarms to stderr."),
    limit: Optional[int] = typer.Option(
        None, "--limit", "-n", help="Score a fixed random sample of N documents (same every run)."
    ),
    markdown_: bool = typer.Option(
        False, "--markdown", help="With 'all': write the results table into README.md."
    ),
    readme: Path = typer.Option(Path("README.md"), "--readme", help="File that --markdown updates."),
) -> None:
    """Score the pipeline on a benchmark (figures in percent).

    Example: eventwire eval muc4 --split dev --errors 20
    Example: eventwire eval wiki --limit 400 --json
    Example: eventwire eval all --markdown
    """
    names = available() if benchmark == "all" else [benchmark]
    reports: list[Report] = []
    for name in names:
        size = limit if limit is not None or benchmark != "all" else DEFAULT_LIMITS.get(name)
        splits = getattr(adapter(name), "SPLITS", ("dev",))
        own_split = split if benchmark != "all" or split in splits else "dev"
        report = run_benchmark(name, split=own_split, errors=errors, limit=size)
        reports.append(report)
        if json_:
            typer.echo(as_json(report))
        elif not markdown_:
            print_report(report)
        if report.cases:
            print_cases(report.cases)
    if markdown_:
        table = markdown(reports)
        write_readme(readme, table)
        typer.echo(table)
