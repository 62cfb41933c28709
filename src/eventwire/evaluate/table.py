"""How reports are shown: a rich table per benchmark, cases for error analysis, and the
Markdown results table written into README.md between its markers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .report import Case, Report

START, END = "<!-- results:start -->", "<!-- results:end -->"

PUBLISHED = (
    "Published MUC-4 scores for comparison: role-filler F1 GRIT 54.5, IterX 53.0, GTT 50.2; "
    "best 1992 system 55.9 F over all slots (it scored incident date about 59 and location "
    "about 61)."
)

_COLUMNS = ("precision", "recall", "f1", "accuracy", "n", "pass", "matched", "predicted", "gold")


def _figure(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def print_report(report: Report, console: Any = None) -> None:
    """A rich table of one report: one row per measured field."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    fields = [(name, figures) for name, figures in report.scores.items() if name != "run"]
    columns = [c for c in _COLUMNS if any(c in figures for _, figures in fields)]
    title = f"{report.benchmark} ({report.split}, {report.documents} documents)"
    run = report.scores.get("run")
    if run:
        title += f" — {run.get('seconds', 0):.0f} s, {run.get('failed', 0):g} failed"
    table = Table(title=title)
    table.add_column("field")
    for column in columns:
        table.add_column(column, justify="right")
    for name, figures in fields:
        table.add_row(name, *(_figure(figures.get(c, "")) for c in columns))
    console.print(table)


def format_case(case: Case) -> str:
    """One miss, false alarm or wrong value on two lines: what, then the text around it."""
    head = f"{case.doc} {case.field} {case.kind}: expected {case.expected!r}, got {case.predicted!r}"
    return head + (f"\n    … {case.context} …" if case.context else "")


def print_cases(cases: Sequence[Case], console: Any = None) -> None:
    """The cases of a report, to stderr unless another console is given."""
    from rich.console import Console

    console = console or Console(stderr=True, highlight=False)
    for case in cases:
        console.print(format_case(case), markup=False)


def as_json(report: Report) -> str:
    """The report as one JSON object, figures in percent."""
    return json.dumps(report.as_json(), ensure_ascii=False)


def _cell(figures: dict[str, Any] | None, key: str) -> str:
    if not figures or key not in figures:
        return "–"
    return _figure(figures[key])


def markdown(reports: Sequence[Report]) -> str:
    """The results table: one line per benchmark and headline measure, then the published scores."""
    lines = ["| benchmark | split | documents | measure | P | R | F1 / accuracy | n |",
             "|---|---|---:|---|---:|---:|---:|---:|"]
    for report in reports:
        for name, figures in report.scores.items():
            if name == "run" or (report.benchmark == "seed" and name != "fields"):
                continue
            if "f1" in figures:
                row = [_cell(figures, "precision"), _cell(figures, "recall"), _cell(figures, "f1"),
                       _cell(figures, "gold")]
            elif "accuracy" in figures:
                row = ["–", "–", _cell(figures, "accuracy"), _cell(figures, "n")]
            elif "percent" in figures:
                row = ["–", "–", _cell(figures, "percent"), _cell(figures, "total")]
            else:
                continue
            lines.append(f"| {report.benchmark} | {report.split} | {report.documents} | {name} | "
                         + " | ".join(row) + " |")
    notes = ("For F1 rows n is the number of gold items; for accuracy rows, the number of "
             "documents whose text gives the value. Regenerate with `make results`.")
    times = [f"{r.benchmark} {r.scores['run']['seconds']:.0f} s" for r in reports
             if "seconds" in r.scores.get("run", {})]
    if times:
        notes += " Coding time: " + ", ".join(times) + "."
    from ..extract.roles import tagger_name

    notes += (" Role tagger: the MiniLM encoder (the `encoder` extra, which `make install` installs)."
              if tagger_name() == "encoder" else
              " Role tagger: the spaCy tagger (the `encoder` extra is not installed).")
    return "\n".join(lines) + "\n\n" + PUBLISHED + "\n\n" + notes + "\n"


def write_readme(path: Path, table: str) -> None:
    """Replace what lies between the results markers of ``path`` (appending them if absent)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{START}\n{table}{END}"
    if START in text and END in text and text.index(START) < text.index(END):
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + block + "\n"
    path.write_text(text, encoding="utf-8")
