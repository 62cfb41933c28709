"""The stage protocol, the working record that flows between stages, and the loop that runs them.

A stage is a plain callable ``Coding -> Coding`` that says which slots of ``Coding`` it
``requires`` and which it ``provides``; ``Pipeline`` checks the order when it is built.
Stages never mutate: they return ``dataclasses.replace(coding, slot=new_value)``.

A stage may also carry ``batch``, a callable ``list[Coding] -> list[Coding]`` that does the
same work for several articles at once (spaCy parses a batch faster than its articles one by
one); ``Pipeline.many`` uses it and falls back to one article at a time when it raises, so
one bad article fails alone.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, MutableMapping, Sequence
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

    def many(
        self, articles: Sequence[Article], seconds: MutableMapping[str, float] | None = None
    ) -> list[Coding | Exception]:
        """Run the stages over several articles, stage by stage, batching where a stage can.

        Each item of the answer is the article's finished Coding or the exception that stopped
        it; an article that failed skips the later stages, the others go on. ``seconds``, when
        given, gathers the time each stage took (the benchmark's breakdown).
        """
        codings: list[Coding | Exception] = [Coding(article=a) for a in articles]
        for st in self.stages:
            started = time.perf_counter()
            self._run_stage(st, codings)
            if seconds is not None:
                seconds[st.name] = seconds.get(st.name, 0.0) + time.perf_counter() - started
        return codings

    @staticmethod
    def _run_stage(st: Stage, codings: list[Coding | Exception]) -> None:
        live = [i for i, c in enumerate(codings) if isinstance(c, Coding)]
        batch = getattr(st, "batch", None)
        if batch is not None and len(live) > 1:
            try:
                done = batch([codings[i] for i in live])
            except Exception:  # find the bad article one at a time below
                pass
            else:
                for i, coding in zip(live, done, strict=True):
                    codings[i] = coding
                return
        for i in live:
            try:
                codings[i] = st(codings[i])  # type: ignore[arg-type]
            except Exception as exc:  # one bad article never stops the others
                codings[i] = exc
