"""HTML articles: main text through trafilatura, title and date from the page's metadata."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from .. import errors
from ..records import Article


def article_from_html(
    html: str, id: str, published: Optional[dt.date] = None, url: Optional[str] = None
) -> Article:
    """The article inside an HTML page; raises ReadError when the page holds no text."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text or not text.strip():
        raise errors.ReadError(errors.E001.format(id=id))
    meta = trafilatura.extract_metadata(html)
    title = getattr(meta, "title", None) if meta else None
    if published is None and meta is not None and getattr(meta, "date", None):
        try:
            published = dt.date.fromisoformat(str(meta.date)[:10])
        except ValueError:
            published = None
    source = getattr(meta, "sitename", None) if meta else None
    return Article(
        id=id, text=text, title=title, published=published, source=source,
        url=url or (getattr(meta, "url", None) if meta else None),
    )
