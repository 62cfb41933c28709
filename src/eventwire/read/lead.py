"""An article's lead: the opening paragraphs that say which story it tells.

De-duplication reads the lead's words (and its dateline) beside the headline; the store hands
each event its article's lead, cut the same way as the evaluation cuts it.
"""

from __future__ import annotations

LEAD_CHARS = 1200
"""How much of an article's opening the lead keeps."""


def lead_text(text: str, limit: int = LEAD_CHARS) -> str:
    """The article's opening paragraphs, cut at a sentence end near ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    return text[: cut + 1 if cut > limit // 2 else limit]
