"""RSS and Atom feeds: one article per item, from the item's own text (feedparser)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Optional, Union

from .. import errors
from ..records import Article
from .files import Failure, read_text_article


def read_feed(
    path: Path, published: Optional[dt.date], max_chars: int
) -> Iterator[Union[Article, Failure]]:
    """One Article per feed item: its full content, or else its summary; title, link and date kept."""
    try:
        import feedparser

        parsed = feedparser.parse(path.read_bytes())
    except (OSError, ImportError) as exc:
        yield Failure(path.name, errors.E109.format(path=path, reason=exc))
        return
    if parsed.bozo and not parsed.entries:
        yield Failure(path.name, errors.E109.format(path=path, reason=parsed.get("bozo_exception")))
        return
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        id = entry.get("id") or entry.get("link") or f"{path.name}:{number}"
        try:
            yield _article(entry, id, feed_title, published, max_chars)
        except errors.ReadError as exc:
            yield Failure(id, str(exc))


def _article(
    entry: Any, id: str, feed_title: Optional[str], published: Optional[dt.date], max_chars: int
) -> Article:
    body = entry.get("content", [{}])[0].get("value") or entry.get("summary") or ""
    date = _entry_date(entry) or published
    if "<" in body and ">" in body:
        body = item_text(body)
    return read_text_article(
        body, id, date, max_chars,
        title=entry.get("title"), source=feed_title, url=entry.get("link"),
    )  # fmt: skip


def _entry_date(entry: Any) -> Optional[dt.date]:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}


class _ItemText(HTMLParser):
    """Text of an item's HTML fragment: inline tags vanish, block tags break lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in {"script", "style"}:
            self.skip += 1
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def item_text(fragment: str) -> str:
    """Plain text of a feed item's HTML (paragraphs kept apart by blank lines)."""
    parser = _ItemText()
    parser.feed(fragment)
    parser.close()
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
    return "\n\n".join(line for line in lines if line)
