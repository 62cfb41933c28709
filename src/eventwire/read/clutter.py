"""Web-page clutter that extraction must not read: a photo gallery's counters ("Image 8 of 8",
"1 / 8 Back to Gallery"), video-player and caption controls ("Skip Ad", "View Full Caption").

Copied with the story off a news site, "Image 8 of 8 4-year-old who shot himself dies" reads
as eight dead. ``tidy`` blanks such clutter with spaces, so that every character keeps its
offset and evidence spans still point into the article's own text; the stage ``tidy_article``
hands the tidied text to the later stages, and the coded result keeps the article as read.
"""

from __future__ import annotations

import dataclasses
import re

from ..pipeline import Coding, stage

_CLUTTER = re.compile(
    r"(?:\bPhoto:\s[^\n]{0,60}?)?"  # the photo's credit ("Photo: Pro 21 Video"), then
    r"\b(?:Image|Photo|Slide|Picture)\s+\d{1,3}\s+of\s*/?\s*\d{1,3}\b"  # a gallery's counter
    r"|(?<![\w/])\d{1,3}\s*/\s*\d{1,3}(?=\s+Back\s+to\s+Gallery\b)"  # "1 / 8 Back to Gallery"
    r"|\bBack\s+to\s+Gallery\b|\bCaption\s+Close\b|\bView\s+(?:Full\s+Caption|Gallery|Comments)\b"
    r"|\bSkip\s+Ad\b|\bAd\s+Loading\.{3}|\bLoading\.{3}"
)


def tidy(text: str) -> str:
    """``text`` with its web clutter blanked: the same length, every other character in place."""
    return _CLUTTER.sub(lambda m: " " * len(m.group(0)), text)


@stage(provides=("article",))
def tidy_article(coding: Coding) -> Coding:
    """The article with its web clutter blanked, for the stages that read its text."""
    text = tidy(coding.article.text)
    if text == coding.article.text:
        return coding
    return coding.with_(article=dataclasses.replace(coding.article, text=text))
