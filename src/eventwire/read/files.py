"""Reading articles from paths: ``.txt``, ``.html``/``.htm``, ``.jsonl`` and ``-`` (stdin)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from .. import errors
from ..records import Article
from .dateline import find_dateline
from .html import article_from_html

MAX_CHARS = 1_000_000
"""Longest article accepted: spaCy's own limit, and far above any real news report."""


@dataclass(frozen=True)
class Failure:
    """An article that could not be read or coded, with the reason."""

    id: str
    reason: str


def decode(data: bytes, id: str) -> str:
    """Bytes to text: UTF-8 first, then the most likely encoding; binary is refused."""
    if b"\x00" in data[:65536]:
        raise errors.ReadError(errors.E002.format(id=id))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise errors.ReadError(errors.E002.format(id=id)) from None
        text = str(best)
    control = sum(1 for c in text[:10000] if ord(c) < 32 and c not in "\n\r\t\f")
    if text and control / min(len(text), 10000) > 0.1:
        raise errors.ReadError(errors.E002.format(id=id))
    return text


def read_text_article(
    text: str,
    id: str,
    published: Optional[dt.date] = None,
    max_chars: int = MAX_CHARS,
    **meta: Optional[str],
) -> Article:
    """Check a plain text and wrap it as an Article, taking the date from a dateline if needed."""
    if not text or not text.strip():
        raise errors.ReadError(errors.E001.format(id=id))
    if len(text) > max_chars:
        raise errors.ReadError(errors.E003.format(id=id, size=len(text), limit=max_chars))
    if published is None:
        line = find_dateline(text)
        if line is not None and line.date is not None:
            published = line.date
    return Article(id=id, text=text, published=published, **meta)


def parse_date(value: Union[str, dt.date, None]) -> Optional[dt.date]:
    if value is None or isinstance(value, dt.date):
        return value
    value = str(value).strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise errors.ReadError(errors.E010.format(value=value)) from None


def read_paths(
    paths: Iterable[str], published: Optional[dt.date] = None, max_chars: int = MAX_CHARS
) -> Iterator[Union[Article, Failure]]:
    """Every article under the given paths, in order; unreadable ones come as ``Failure``."""
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read()
            yield from _read_blob(data, "stdin", "", published, max_chars, "-")
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix.lower() in {".txt", ".html", ".htm", ".jsonl"} or _archive_or_feed(child):
                    yield from read_paths([str(child)], published, max_chars)
            continue
        suffix = path.suffix.lower()
        if _archive_or_feed(path):
            from .feed import read_feed
            from .warc import read_warc

            reader = read_feed if suffix in {".rss", ".atom", ".xml"} else read_warc
            yield from reader(path, published, max_chars)
            continue
        if suffix not in {".txt", ".html", ".htm", ".jsonl", ".text", ".md"}:
            yield Failure(path.stem, errors.E009.format(suffix=suffix, path=path))
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield Failure(path.stem, errors.E004.format(path=path, reason=exc.strerror or exc))
            continue
        yield from _read_blob(data, path.stem, suffix, published, max_chars, str(path))


def _archive_or_feed(path: Path) -> bool:
    """WARC archives (read/warc.py) and RSS/Atom feeds (read/feed.py) have their own readers."""
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz", ".rss", ".atom", ".xml"))


def _read_blob(
    data: bytes, id: str, suffix: str, published: Optional[dt.date], max_chars: int, where: str
) -> Iterator[Union[Article, Failure]]:
    if suffix == ".jsonl":
        yield from _read_jsonl(data, where, published, max_chars)
        return
    try:
        text = decode(data, id)
        if suffix in {".html", ".htm"} or (not suffix and _looks_html(text)):
            if len(text) > max_chars * 5:
                raise errors.ReadError(errors.E003.format(id=id, size=len(text), limit=max_chars))
            article = article_from_html(text, id, published)
            yield read_text_article(
                article.text, id, article.published, max_chars,
                title=article.title, source=article.source, url=article.url,
            )
        else:
            yield read_text_article(text, id, published, max_chars)
    except errors.ReadError as exc:
        yield Failure(id, str(exc))


def _looks_html(text: str) -> bool:
    head = text[:1000].lower()
    return "<html" in head or "<body" in head or "<!doctype html" in head


def _read_jsonl(
    data: bytes, where: str, published: Optional[dt.date], max_chars: int
) -> Iterator[Union[Article, Failure]]:
    stem = Path(where).stem if where != "-" else "stdin"
    try:
        text = decode(data, stem)
    except errors.ReadError as exc:
        yield Failure(stem, str(exc))
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fallback_id = f"{stem}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not an object")
        except ValueError as exc:
            yield Failure(fallback_id, errors.E005.format(line=number, path=where, reason=exc))
            continue
        id = str(record.get("id") or record.get("docid") or fallback_id)
        body = record.get("text")
        if not isinstance(body, str):
            yield Failure(id, errors.E006.format(line=number, path=where))
            continue
        try:
            date = parse_date(record.get("published")) or published
            if _looks_html(body):
                body = article_from_html(body, id, date).text
            yield read_text_article(
                body, id, date, max_chars,
                title=record.get("title"), source=record.get("source"), url=record.get("url"),
            )
        except errors.ReadError as exc:
            yield Failure(id, str(exc))
