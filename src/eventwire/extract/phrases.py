"""Noun phrases as names: the words that name a group or a thing, without articles or numbers."""

from __future__ import annotations

from typing import Any, Optional

from ..records import Span

DROP = {
    "at", "least", "more", "than", "over", "about", "around", "some", "nearly", "almost",
    "up", "to", "as", "many", "several", "dozens", "dozen", "of", "a", "an", "one", "few",
    "scores", "hundreds", "thousands", "another", "other", "the", "his", "her", "their", "its",
    "numerous", "multiple", "no", "estimated", "approximately", "roughly", "only", "all",
    "this", "that", "these", "those", "our", "my", "your", "such", "same", "two", "three",
    "both", "each", "every", "any", "further", "additional", "'s", "’s",
    "dead", "killed", "wounded", "injured", "hurt",
}


def phrase_tokens(head: Any, trim: bool = True, appos: bool = False) -> tuple[int, int]:
    """Token range [left, right] of the phrase ending at ``head`` (no trailing clauses).

    ``trim`` keeps only the part of the left edge that modifies the head directly (for a
    name); counting wants the whole left edge, where the number may sit. ``appos`` lets an
    apposition right after the head belong to the phrase.
    """
    left = head.left_edge.i
    if trim:
        for t in head.doc[left : head.i]:
            if t.dep_ in ("prep", "relcl", "acl", "punct") and t.head.i != head.i:
                left = t.i + 1
    right = head.i
    joining = ("compound", "amod", "nummod", "appos") if appos else ("compound", "amod", "nummod")
    for c in head.rights:
        if c.dep_ in joining and c.i == right + 1:
            right = c.i
    return left, right


def name_of(head: Any, text: str) -> tuple[Optional[str], Span]:
    """The naming words of the noun phrase headed by ``head`` and their span in ``text``."""
    doc = head.doc
    left, right = phrase_tokens(head)
    tokens = [
        t for t in doc[left : right + 1]
        if t.lower_ not in DROP and not t.like_num and t.dep_ not in ("punct", "det", "poss", "case", "predet")
    ]
    # Everything between the first kept word and the head, so the span is contiguous.
    if not tokens or head.like_num:
        return None, (head.idx, head.idx + len(head.text))
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    name = text[start:end].strip(" '\"‘’“”,")
    return (name or None), (start, end)
