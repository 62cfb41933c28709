"""The benchmarks `eventwire eval` knows, and how an adapter is found and run."""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType
from typing import Optional

from .. import errors
from .report import Report

BENCHMARKS = {
    "muc4": "MUC-4 terrorism templates: role fillers (GRIT-style), date, place, killed, injured",
    "wiki": "Wikipedia incident lists: killed, injured, perpetrator, place",
    "seed": "The Erbil rocket attack example, field by field",
    "gvc": "Gun Violence Corpus: US shootings, several reports per incident",
    "ecbplus": "ECB+ look-alike incidents: cross-article de-duplication",
}
"""Benchmark name -> what it measures; the adapter is ``eventwire.evaluate.<name>``."""

DEFAULT_LIMITS: dict[str, Optional[int]] = {}
"""Samples ``eval all`` uses instead of a whole set (none: the README's figures are on full
sets; muc4 dev takes about 2 minutes, the 6,541 wiki lines about 7 on a 2-core laptop)."""


def adapter(name: str) -> ModuleType:
    """The adapter module of a benchmark, or a BenchmarkError that says what to do."""
    if name not in BENCHMARKS:
        raise errors.BenchmarkError(errors.E303.format(name=name, names=", ".join(BENCHMARKS)))
    module = f"{__package__}.{name}"
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        raise errors.BenchmarkError(
            errors.E304.format(name=name, reason="its module is absent", names=", ".join(available()))
        ) from None
    if not callable(getattr(found, "run", None)):
        raise errors.BenchmarkError(
            errors.E304.format(name=name, reason="it has no run()", names=", ".join(available()))
        )
    return found


def available() -> list[str]:
    """Benchmarks whose adapter module is present."""
    return [name for name in BENCHMARKS if importlib.util.find_spec(f"{__package__}.{name}")]


def run_benchmark(
    name: str, split: str = "dev", errors: int = 0, limit: Optional[int] = None
) -> Report:
    """Run one benchmark's adapter and return its report."""
    return adapter(name).run(split=split, errors=errors, limit=limit)
