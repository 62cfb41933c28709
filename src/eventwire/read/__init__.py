"""Article readers: plain text, HTML (through trafilatura), JSONL; stdin; datelines.

``read_paths`` yields one ``Article`` or one ``Failure`` per input article, in input
order, so that one unreadable article never stops a batch.
"""

from __future__ import annotations

from .dateline import Dateline, find_dateline
from .files import Failure, read_paths, read_text_article
from .html import article_from_html

__all__ = [
    "Dateline",
    "Failure",
    "article_from_html",
    "find_dateline",
    "read_paths",
    "read_text_article",
]
