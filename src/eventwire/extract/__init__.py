"""From article to events: the default pipeline and the one-call entry points."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Optional

from ..pipeline import Pipeline
from ..records import Article, Result


@functools.lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """tidy → parse → places → dates → mentions → roles → events."""
    from ..geo import find_places
    from ..nlp import parse_article
    from ..read.clutter import tidy_article
    from .assemble import assemble_events
    from .dates import find_dates
    from .mentions import find_mentions
    from .roles import tag_roles

    return Pipeline([tidy_article, parse_article, find_places, find_dates, find_mentions, tag_roles, assemble_events])


def extract(article: Article) -> Result:
    """Code one article into its events."""
    coding = default_pipeline()(article)
    return Result(article=article, events=coding.events)


def extract_batch(articles: Sequence[Article]) -> list[Result | Exception]:
    """Code several articles at once (spaCy batches their parses): each one's Result, or the
    exception that stopped it; one bad article never stops the others."""
    codings = default_pipeline().many(articles)
    return [c if isinstance(c, Exception) else Result(article=a, events=c.events)
            for a, c in zip(articles, codings, strict=True)]


def extract_text(
    text: str, published: Optional[dt.date] = None, id: str = "text", **meta: Optional[str]
) -> Result:
    """Code a plain text: a convenience for tests, notebooks and the web app."""
    from ..read import read_text_article

    return extract(read_text_article(text, id, published, **meta))
