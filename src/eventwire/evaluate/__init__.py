"""Benchmarks and scorers: `eventwire eval BENCHMARK` runs one of these adapters.

Each adapter is a module here exposing ``run(split="dev", errors=0, limit=None) -> Report``:
``muc4``, ``wiki``, ``seed``, ``gvc``, ``ecbplus`` (``registry`` lists them). Shared pieces:
``match`` (normalisation, one-to-one matching, MUC-4's event scope), ``corpus`` (data paths,
coding articles through ``eventwire.extract.extract``), ``table`` (tables, README results),
``floor`` (the quality floor sample behind tests/test_quality_floor.py).
"""

from __future__ import annotations

from .report import Case, Report

__all__ = ["Case", "Report"]
