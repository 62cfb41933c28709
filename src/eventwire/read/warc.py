"""Web archives: every HTML page (``response`` or ``resource`` record) of a WARC file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Optional, Union

from .. import errors
from ..records import Article
from .files import Failure, decode, read_text_article
from .html import article_from_html


def read_warc(
    path: Path, published: Optional[dt.date], max_chars: int
) -> Iterator[Union[Article, Failure]]:
    """One Article per archived HTML page of a ``.warc`` or ``.warc.gz`` file (warcio)."""
    try:
        from warcio.archiveiterator import ArchiveIterator

        with open(path, "rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.rec_type not in {"response", "resource"}:
                    continue
                kind = _content_type(record)
                if "html" not in kind and "text/plain" not in kind:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                id = url or f"{path.name}:{number}"
                yield _article(record.content_stream().read(), id, url, kind, published, max_chars)
    except (OSError, ImportError, ValueError) as exc:  # warcio raises ArchiveLoadFailed(ValueError)
        yield Failure(path.name, errors.E109.format(path=path, reason=exc))


def _content_type(record: object) -> str:
    http = getattr(record, "http_headers", None)
    if http is not None:
        return (http.get_header("Content-Type") or "").lower()
    return (record.rec_headers.get_header("Content-Type") or "").lower()  # type: ignore[attr-defined]


def _article(
    data: bytes, id: str, url: Optional[str], kind: str, published: Optional[dt.date], max_chars: int
) -> Union[Article, Failure]:
    try:
        text = decode(data, id)
        if "html" in kind:
            page = article_from_html(text, id, published, url=url)
            return read_text_article(
                page.text, id, page.published, max_chars,
                title=page.title, source=page.source, url=url,
            )  # fmt: skip
        return read_text_article(text, id, published, max_chars, url=url)
    except errors.ReadError as exc:
        return Failure(id, str(exc))
