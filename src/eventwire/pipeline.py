"""The stage protocol, the working record that flows between stages, and the loop that runs them.

A stage is a plain callable ``Coding -> Coding`` that says which slots of ``Coding`` it
``requires`` and which it ``provides``; ``Pipeline`` checks the order when it is built.
Stages never mutate: they return ``dataclasses.replace(coding, slot=new_value)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from . import errors
from .records import Article, Event


@dataclass(frozen=True)
class Coding:
    """An article on its way through the pipeline, with what each stage has added so far."""

    article: Article
    doc: Any = None  # the spaCy Doc of article.text (same character offsets)
    toponyms: tuple[Any, ...] = ()  # geo.Toponym: place names found in the text
    dates: tuple[Any, ...] = ()  # extract.dates.DateMention: time expressions, resolved
    roles: tuple[Any, ...] = ()  # extract.roles.RoleSpan: learned role-filler spans
    relevance: Any = None  # P(the article reports an incident), from the learned classifier
    mentions: tuple[Any, ...] = ()  # extract.mentions.Mention: one violent-event mention each
    events: tuple[Event, ...] = ()

    def with_(self, **changes: Any) -> Coding:
        return dataclasses.replace(self, **changes)


SLOTS = frozenset(f.name for f in dataclasses.fields(Coding))


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, coding: Coding) -> Coding: ...


def stage(
    *, requires: Iterable[str] = (), provides: Iterable[str] = ()
) -> Callable[[Callable[[Coding], Coding]], Stage]:
    """Mark a function as a pipeline stage, declaring the slots it reads and writes."""

    def mark(func: Callable[[Coding], Coding]) -> Stage:
        func.name = func.__name__  # type: ignore[attr-defined]
        func.requires = tuple(requires)  # type: ignore[attr-defined]
        func.provides = tuple(provides)  # type: ignore[attr-defined]
        unknown = (set(func.requires) | set(func.provides)) - SLOTS  # type: ignore[attr-defined]
        if unknown:
            raise errors.PipelineError(f"stage {func.__name__!r} names unknown slots {sorted(unknown)}")
        return func  # type: ignore[return-value]

    return mark


class Pipeline:
    """An ordered list of stages, checked once so that every requirement is met upstream."""

    def __init__(self, stages: Sequence[Stage]):
        have = {"article"}
        for st in stages:
            missing = [r for r in st.requires if r not in have]
            if missing:
                raise errors.PipelineError(
                    errors.E008.format(
                        stage=st.name, missing=missing, order=[s.name for s in stages]
                    )
                )
            have.update(st.provides)
        self.stages = tuple(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, article: Article) -> Coding:
        coding = Coding(article=article)
        for st in self.stages:
            coding = st(coding)
        return coding
