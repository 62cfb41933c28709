"""The quality floor: a fixed small sample of MUC-4 dev and wiki lines, scored in `make test`.

``python -m eventwire.evaluate.floor`` prints the sample's figures;
``python -m eventwire.evaluate.floor --record`` writes them, less a margin, as the new floors
in ``tests/quality_floor.toml`` (the test fails when a figure drops below its floor).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .. import errors
from ..records import Result
from . import muc4, wiki
from .corpus import code_articles, sample
from .report import Report

MUC4_DOCS = 60
WIKI_LINES = 400
SEED = 4
MARGIN = 3.0
FLOOR_FILE = Path(__file__).resolve().parents[3] / "tests" / "quality_floor.toml"


@dataclass(frozen=True)
class Sample:
    """The scored sample, with the MUC-4 results kept for cross-checking the scorer."""

    muc4: Report
    wiki: Report
    muc4_results: tuple[Result, ...]
    muc4_gold: tuple[muc4.Gold, ...]
    seconds: float


def run_sample() -> Sample:
    """Code and score the fixed sample (60 MUC-4 dev documents, 400 wiki lines)."""
    muc = sample(muc4.load("dev"), MUC4_DOCS, SEED)
    lines = sample(wiki.load("dev"), WIKI_LINES, SEED)
    coded_muc = code_articles([a for a, _ in muc])
    coded_wiki = code_articles([a for a, _ in lines])
    gold = tuple(g for _, g in muc)
    return Sample(
        muc4=muc4.score(coded_muc.results, gold),
        wiki=wiki.score(coded_wiki.results, [g for _, g in lines]),
        muc4_results=coded_muc.results,
        muc4_gold=gold,
        seconds=coded_muc.seconds + coded_wiki.seconds,
    )


def figures(found: Sample) -> dict[str, float]:
    """The guarded figures, in percent."""
    return {
        "muc4_roles_f1": found.muc4.scores["roles"]["f1"],
        "muc4_date_f1": found.muc4.scores["date"]["f1"],
        "muc4_location_f1": found.muc4.scores["location"]["f1"],
        "wiki_killed_accuracy": found.wiki.scores["killed"]["accuracy"],
        "wiki_injured_accuracy": found.wiki.scores["injured"]["accuracy"],
        "wiki_perpetrator_accuracy": found.wiki.scores["perpetrator"]["accuracy"],
    }


def read_floors(path: Path = FLOOR_FILE) -> dict[str, float]:
    """The recorded floors: figure name -> lowest acceptable value."""
    try:
        with path.open("rb") as handle:
            return {k: float(v) for k, v in tomllib.load(handle)["floors"].items()}
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise errors.BenchmarkError(errors.E306.format(path=path, reason=exc)) from None


def write_floors(measured: dict[str, float], path: Path = FLOOR_FILE, margin: float = MARGIN) -> None:
    """Record floors ``margin`` points under the measured figures (never below 0)."""
    lines = [
        "# Quality floors for tests/test_quality_floor.py: figures in percent on a fixed sample",
        f"# ({MUC4_DOCS} MUC-4 dev documents, {WIKI_LINES} wiki lines, seed {SEED}), each set",
        f"# {margin:g} points under what the pipeline measured.",
        "# Re-record: .venv/bin/python -m eventwire.evaluate.floor --record",
        f'recorded = "{dt.date.today().isoformat()}"',
        "",
        "[measured]",
        *(f"{name} = {value:.1f}" for name, value in measured.items()),
        "",
        "[floors]",
        *(f"{name} = {max(0.0, value - margin):.1f}" for name, value in measured.items()),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Print the sample's figures; with --record, write them as the new floors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="write the floors file")
    parser.add_argument("--margin", type=float, default=MARGIN, help="points under the measure")
    args = parser.parse_args(argv)
    found = run_sample()
    measured = figures(found)
    for name, value in measured.items():
        print(f"{name:28} {value:6.1f}")
    print(f"{'seconds':28} {found.seconds:6.1f}")
    if args.record:
        write_floors(measured, margin=args.margin)
        print(f"recorded in {FLOOR_FILE}")


if __name__ == "__main__":
    main()
