"""Benchmarks and scorers: `eventwire eval BENCHMARK` runs one of these adapters.

Each adapter is a module here exposing ``run(split="dev", errors=0, limit=None) -> Report``.
"""

from __future__ import annotations

from .report import Case, Report

__all__ = ["Case", "Report"]
