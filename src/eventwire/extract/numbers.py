"""Numbers in news text, exact and vague, as conservative ranges.

"nine" → 9..9, "at least five" → 5..open, "more than a dozen" → 13..open, "several" → 3..open.
Vague words and modifiers come from knowledge/quantities.toml.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Optional

from ..records import Count, Span

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12, "twin": 2, "double": 2, "triple": 3,
}


WORD_PATTERN = "|".join(sorted((w for w in _WORD_NUMBERS if len(w) > 2), key=len, reverse=True))
"""Number words as a regular-expression alternation ("a"/"an" left out: too common alone)."""


@dataclass(frozen=True)
class Quantity:
    """A number found in text: its range, the words it came from, and whether it was vague."""

    count: Count
    text: str
    span: Span
    vague: bool = False


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    data = resources.files("eventwire.knowledge").joinpath("quantities.toml").read_text("utf-8")
    return tomllib.loads(data)


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = _table()
    vague = sorted(table["words"], key=len, reverse=True)
    mods = sorted(table["modifiers"], key=len, reverse=True)
    words = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
    # "one hundred and forty-seven": "and" joins only after hundred or thousand
    number = r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:%s)(?:(?:[\s-]+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)(?:%s))*)" % (
        words, words,
    )
    exact = re.compile(
        r"\b(?:(?P<mod>%s)\s+)?(?P<num>%s)\b(?!\s*(?:mm|-mm|millimet|km|miles|kilomet|percent|%%|year|-year|-month|-week|-day|-hour|am\b|pm\b|:))"
        % ("|".join(map(re.escape, mods)), number),
        re.IGNORECASE,
    )
    fuzzy = re.compile(r"\b(?P<vague>%s)\b" % "|".join(map(re.escape, vague)), re.IGNORECASE)
    return exact, fuzzy


def value_of(words: str) -> Optional[int]:
    """The integer a number word or numeral stands for, or None ("twenty-three" → 23)."""
    w = words.strip().lower().replace(",", "")
    if w.startswith(("a ", "an ")) and len(w.split()) > 1:
        w = w.split(" ", 1)[1]  # "a hundred"
    if w.isdigit():
        return int(w)
    if w in _WORD_NUMBERS:
        return _WORD_NUMBERS[w]
    try:
        from text_to_num import text2num

        return int(text2num(w.replace("-", " "), "en"))
    except (ValueError, ImportError):
        return None


def _apply(mod: Optional[str], n: int) -> Count:
    if not mod:
        return Count(n, n)
    rule = _table()["modifiers"][mod.lower()]

    def ev(v: object) -> Optional[int]:
        if isinstance(v, int):
            return v
        if v == "n":
            return n
        if v == "n+1":
            return n + 1
        if v == "n-1":
            return max(n - 1, 0)
        return None

    return Count(ev(rule.get("min")), ev(rule.get("max")))


def find_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every number or vague amount in ``text`` (offsets shifted by ``offset``)."""
    exact, fuzzy = _patterns()
    found: list[Quantity] = []
    taken: list[Span] = []
    # "as many as ten": a modifier that holds a vague word reads with its number
    modified = [(m.start(), m.end()) for m in exact.finditer(text) if m.group("mod")]
    for m in fuzzy.finditer(text):
        if any(s < m.start() < e for s, e in modified):
            continue
        phrase = m.group("vague").lower()
        if phrase in _table()["modifiers"] and exact.match(text, m.end() + 1) and text[m.end() : m.end() + 1].isspace():
            continue  # "some 50 wounded": a modifier of the number, not a vague amount
        rule = _table()["words"][phrase]
        span = (offset + m.start(), offset + m.end())
        found.append(Quantity(Count(rule.get("min"), rule.get("max")), m.group(0), span, vague=True))
        taken.append(span)
    for m in exact.finditer(text):
        span = (offset + m.start(), offset + m.end())
        if any(s <= span[0] < e or s < span[1] <= e for s, e in taken):
            continue
        n = value_of(m.group("num"))
        if n is None or (1900 <= n <= 2099 and re.fullmatch(r"\d{4}", m.group("num"))):
            continue  # a year, not a number of people
        found.append(Quantity(_apply(m.group("mod"), n), m.group(0), span))
    return _ranges(sorted(found, key=lambda q: q.span), text, offset)


_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|or)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)


def _ranges(found: list[Quantity], text: str, offset: int) -> list[Quantity]:
    """"40–50 others", "10 to 15 people", "between 10 and 13": one range from the lower number
    to the higher ("from 5 to 10" is a change, not a range, and stays two numbers)."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and not prev.vague and not q.vague and prev.count.min is not None \
                and q.count.max is not None and prev.count.min < q.count.max:
            gap = text[prev.span[1] - offset : q.span[0] - offset]
            before = text[: prev.span[0] - offset]
            joined = (_RANGE_JOIN.fullmatch(gap) or (gap.strip().lower() == "and" and _BETWEEN.search(before))) \
                and not re.search(r"\bfrom\s+$", before, re.IGNORECASE)
            if joined:
                out[-1] = Quantity(Count(prev.count.min, q.count.max), text[prev.span[0] - offset : q.span[1] - offset],
                                   (prev.span[0], q.span[1]))
                continue
        out.append(q)
    return out


def noun_count(word: str) -> Optional[Count]:
    """The number a bare noun carries by itself ("parents" → 2), or None (knowledge/quantities.toml)."""
    rule = _table().get("nouns", {}).get(word.lower())
    return Count(rule.get("min"), rule.get("max")) if rule else None


def parse_quantity(text: str) -> Optional[Quantity]:
    """The first quantity in a short phrase ("at least five", "dozens of"), or None."""
    found = find_quantities(text)
    return found[0] if found else None
