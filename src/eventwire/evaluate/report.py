"""What every benchmark adapter returns: scores in percent, and the cases it got wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    """One miss or false alarm, with the text around it, for error analysis."""

    doc: str
    field: str
    kind: str  # "miss" | "false_alarm" | "wrong"
    expected: Any
    predicted: Any
    context: str = ""


@dataclass(frozen=True)
class Report:
    """Scores of one benchmark run.

    ``scores`` maps a measured field to its figures in percent, e.g.
    ``{"roles": {"precision": 51.2, "recall": 44.0, "f1": 47.3}, "killed": {"accuracy": 93.1, "n": 812}}``.
    """

    benchmark: str
    split: str
    scores: dict[str, dict[str, float]]
    documents: int
    cases: tuple[Case, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {"benchmark": self.benchmark, "split": self.split, "documents": self.documents,
                **self.scores}
