"""Time expressions resolved against the publication date, and the date of one event.

``find_date_mentions`` lists the time expressions of a text in order, each resolved to a
range of dates no later than publication (the patterns and rules live in ``timex``).
Expressions relative to another event ("three days before the strike", "the month before")
name their anchor and resolve only when the anchor's date is known: from a date inside the
anchor phrase, or, for a bare "the day before", from the nearest earlier date in the text.
``event_date`` picks the date of one event from the sentences that describe it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Optional

from ..pipeline import Coding, stage
from ..read.dateline import find_dateline
from ..records import DatePrecision, EventDate, Span
from . import timex
from .timex import Resolution, Timex, fill, precision_of, scan

FALLBACK_DAYS = 6
"""A reported event with no time expression happened in the week up to publication:
``published - 6 days .. published``, precision "week" (wire reports are filed within days),
or on the one day the article names in that week."""


PARAGRAPH_REACH = 500
"""Past its own sentences an event takes a date from its paragraph only this close (characters)."""


@dataclass(frozen=True)
class DateMention:
    """One time expression in the text, resolved to ``[start, end]``."""

    text: str
    span: Span
    start: dt.date
    end: dt.date
    precision: DatePrecision
    relative: bool = False  # resolved against the publication date, not written out in full
    anchor: Optional[str] = None  # the event or date it is relative to ("the strike")
    past_marker: bool = False  # history: "since 2014", "last year", "in recent weeks"


_FILLER = frozenset({"on", "in", "at", "during", "by", "of", "since", "from", "the", "until"})


def resolve(expression: str, published: Optional[dt.date]) -> Optional[Resolution]:
    """The dates one expression denotes ("last Monday", "30 DEC 89"), or None if it names none."""
    expression = expression.strip().rstrip(".,;:")
    mentions = find_date_mentions(expression, published)
    if mentions:
        best = max(mentions, key=lambda m: m.span[1] - m.span[0])
        rest = (expression[: best.span[0]] + " " + expression[best.span[1]:]).split()
        if all(word.lower() in _FILLER for word in rest):
            return best.start, best.end, best.precision
    if not re.search(r"\d", expression) or re.fullmatch(r"\d+[\d,.]*", expression):
        return None  # dateparser reads bare numbers and loose words as dates
    day = parse_with_dateparser(expression, published)
    if day is None or (published is not None and day > published):
        return None
    return day, day, "day"


def find_date_mentions(
    text: str, published: Optional[dt.date], doc: Any = None
) -> tuple[DateMention, ...]:
    """Every resolvable time expression in ``text``, in text order (the dateline's date excluded)."""
    found = [t for t in scan(text, published) if not _is_verb(t, doc)]
    header = _header_date(text)
    if header is not None:
        found = [t for t in found if t.span != header.span]
    taken = [t.span for t in found]
    anchored = []
    for m in ANCHORED.finditer(text):
        if _is_anchored(m) and not _overlaps(m.span(), taken):
            phrase = _anchor_phrase(m, text, doc)
            inner = [t for t in found if phrase and phrase[0] <= t.span[0] < phrase[1]]
            found = [t for t in found if t not in inner]  # the anchor's date, used up here
            anchored.append((m, phrase, inner[0] if inner else None))
    items = [(t.span[0], t) for t in found] + [(a[0].start(), a) for a in anchored]
    mentions: list[DateMention] = []
    for _, item in sorted(items, key=lambda pair: pair[0]):
        if isinstance(item, Timex):
            mentions.append(_mention(item))
            continue
        mention = _anchored_mention(*item, text=text, earlier=mentions, published=published)
        if mention is not None:
            mentions.append(mention)
    return tuple(mentions)


@stage(requires=("doc",), provides=("dates",))
def find_dates(coding: Coding) -> Coding:
    """Resolve the article's time expressions against its publication date (or its dateline's)."""
    text = coding.article.text
    published = coding.article.published or publication_date(text)
    return coding.with_(dates=find_date_mentions(text, published, coding.doc))


def event_date(
    coding: Coding, spans: Sequence[Span], anchor: Optional[int] = None, status: str = "reported"
) -> Optional[EventDate]:
    """The date of the event told in ``spans``: the nearest fitting time expression, else a
    week up to publication for a reported event (None for background, or with no date)."""
    mentions = coding.dates or find_date_mentions(coding.article.text, _published(coding), coding.doc)
    if status == "reported":
        mentions = tuple(m for m in mentions if not m.past_marker)
    text = coding.article.text
    if anchor is not None and not _REPORTING.match(text, anchor):
        # "the minister said today that ...": today dates the statement, not the event
        mentions = tuple(m for m in mentions if not _dates_a_statement(text, m.span, coding.doc))
    inside = [m for m in mentions if any(s[0] <= m.span[0] and m.span[1] <= s[1] for s in spans)]
    chosen: Optional[DateMention] = None
    if anchor is None:
        chosen = inside[0] if inside else None
    else:
        sentence = [s for s in spans if s[0] <= anchor <= s[1]]
        paragraph = _paragraph(text, anchor)
        clause = _clause(coding.doc, (anchor, anchor + 1))
        tiers = (
            [m for m in inside if clause is not None and _clause(coding.doc, m.span) == clause],
            [m for m in inside if any(s[0] <= m.span[0] and m.span[1] <= s[1] for s in sentence)],
            inside,
            [m for m in mentions if paragraph[0] <= m.span[0] and m.span[1] <= paragraph[1]
             and _distance(m.span, anchor) <= PARAGRAPH_REACH],
        )
        for tier in tiers:
            if tier:
                chosen = min(tier, key=lambda m: _distance(m.span, anchor))
                break
    if chosen is not None:
        return EventDate(chosen.start, chosen.end, chosen.precision, chosen.text, chosen.span)
    published = _published(coding)
    if status != "reported" or published is None:
        return None
    first = published - dt.timedelta(days=FALLBACK_DAYS)
    in_week = [m for m in mentions if m.precision == "day" and first <= m.start <= published]
    if len({m.start for m in in_week}) == 1:
        # the one day the article names in the week up to publication ("Saturday night", told
        # in another paragraph) dates a report its own sentences leave undated
        m = min(in_week, key=lambda m: m.span[0])
        return EventDate(m.start, m.end, m.precision, m.text, m.span)
    return EventDate(first, published, "week")


# --- anchored expressions -----------------------------------------------------------------------

# "three days before X", "the month before", "two days later", "the next day".
ANCHORED = re.compile(
    fill(
        r"\b(?:(?P<n>@NUM@)\s+(?P<unit>@UNIT@)|(?:the\s+)?(?P<the>day|night|week|month|year)|the\s+"
        r"(?P<rel>next|following|previous|preceding|same)\s+(?P<runit>day|night|week|month|year)\b)"
        r"(?:\s+(?P<dir>before|after|earlier|later|prior\s+to))?"
    ),
    re.IGNORECASE,
)

_ANCHOR_END = re.compile(
    r"[,.;:!?()\"]|\n\s*\n|\s(?:and|but|when|while|as|in\s+which|where|that|which|who|"
    r"they|he|she|we|it|was|were|is|are|had|has|have|will|would)\s",
    re.IGNORECASE,
)
_NO_ANCHOR = re.compile(r"(?:it|that|this|then|there|he|she|they|we|I|you)\b|\W|$",
                        re.IGNORECASE)


def _is_anchored(m: re.Match) -> bool:
    if m["rel"]:
        return True
    return bool(m["dir"]) and bool(m["n"] or m["the"])


def _anchored_mention(
    m: re.Match,
    phrase: Optional[Span],
    inner: Optional[Timex],
    *,
    text: str,
    earlier: list[DateMention],
    published: Optional[dt.date],
) -> Optional[DateMention]:
    """ "three days before X": X's date shifted; "the month before": the last date shifted.

    The mention spans the anchor phrase too, so that "the assassination" in "three days
    before the assassination" reads as an anchor, not as a new event."""
    direction_word = (m["dir"] or "").lower()
    rel = (m["rel"] or "").lower()
    sign = 0 if rel == "same" else -1 if rel in ("previous", "preceding") or direction_word in (
        "before", "earlier") or direction_word.startswith("prior") else 1
    unit = (m["unit"] or m["the"] or m["runit"]).lower().rstrip("s")
    low, high = timex.amount(m["n"]) if m["n"] else (1, 1)
    span = m.span()
    if phrase is not None:
        if inner is None:
            return None  # the anchor event has no date we can read
        anchor_text = text[phrase[0]:phrase[1]]
        base = (inner.start, inner.end, inner.relative)
        span = (m.start(), phrase[1])
    elif earlier:
        anchor_text = earlier[-1].text
        base = (earlier[-1].start, earlier[-1].end, earlier[-1].relative)
    else:
        return None
    start, end = _shift(base[0], base[1], sign, low, high, unit)
    if published is not None:
        if start > published:
            return None
        end = min(end, published)
    return DateMention(
        text=text[span[0]:span[1]], span=span, start=start, end=end,
        precision=precision_of(start, end) if unit != "year" or m["n"] else "year",
        relative=base[2], anchor=anchor_text,
    )


def _anchor_phrase(m: re.Match, text: str, doc: Any) -> Optional[Span]:
    """Where the X of "before/after X" lies: a noun phrase (with its "of/on/in" complement);
    None for a bare "the day before" whose anchor is the previous date."""
    word = (m["dir"] or "").lower()
    if not (word in ("before", "after") or word.startswith("prior")):
        return None
    start = m.end() + len(text[m.end():]) - len(text[m.end():].lstrip())
    rest = text[start:start + 100]
    if _NO_ANCHOR.match(rest):
        return None
    if doc is not None:
        chunk = _chunk_at(doc, start)
        if chunk is not None:
            return chunk
    stop = _ANCHOR_END.search(rest)
    words = list(re.finditer(r"\S+", rest[: stop.start() if stop else len(rest)]))[:6]
    if not words:
        return None
    return start, start + words[-1].end()


def _chunk_at(doc: Any, offset: int) -> Optional[Span]:
    """The noun chunk that starts at ``offset``, extended over one "of/on/in" complement."""
    chunks = {c.start_char: c for c in doc.noun_chunks}
    ends = {c.start: c for c in doc.noun_chunks}
    chunk = chunks.get(offset)
    if chunk is None:
        return None
    end = chunk.end_char
    nxt = chunk.end
    if nxt < len(doc) - 1 and doc[nxt].lower_ in ("of", "on", "in", "against") and nxt + 1 in ends:
        end = ends[nxt + 1].end_char
    return offset, end


def _shift(start: dt.date, end: dt.date, sign: int, low: int, high: int, unit: str
           ) -> tuple[dt.date, dt.date]:
    """Move ``[start, end]`` by ``low..high`` units in direction ``sign`` (0: the same day)."""
    if sign == 0:
        return start, end
    if unit in ("day", "night"):
        if sign < 0:
            return start - dt.timedelta(days=high), start - dt.timedelta(days=low)
        return end + dt.timedelta(days=low), end + dt.timedelta(days=high)
    if unit == "week":
        if sign < 0:
            return start - dt.timedelta(days=7 * high), start - dt.timedelta(days=7 * (low - 1) + 1)
        return end + dt.timedelta(days=7 * (low - 1) + 1), end + dt.timedelta(days=7 * high)
    months = 1 if unit == "month" else 12
    pivot = start if sign < 0 else end
    far = timex.add_months(pivot, sign * high * months)
    near = timex.add_months(pivot, sign * low * months)
    first, last = (far, near) if sign < 0 else (near, far)
    if unit == "month":
        return timex.month_range(first.year, first.month)[0], timex.month_range(last.year, last.month)[1]
    return dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)


# --- small pieces --------------------------------------------------------------------------------


def _mention(t: Timex) -> DateMention:
    return DateMention(t.text, t.span, t.start, t.end, t.precision, t.relative, None, t.past_marker)


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _is_verb(t: Timex, doc: Any) -> bool:
    """With a parse, "they may attack" is a verb: a lone "may"/"march" tagged as one is no month."""
    if doc is None or not re.search(r"\b(?:may|march)$", t.text, re.IGNORECASE):
        return False
    span = doc.char_span(t.span[1] - len(t.text.split()[-1]), t.span[1])
    return bool(span) and span[0].pos_ in ("AUX", "VERB")


_REPORTING = re.compile(
    r"(?:said|says|announced|reported|stated|told|declared|condemned|denounced|demanded|"
    r"called|charged|confirmed|denied|disclosed|revealed|added|noted|explained|asserted|"
    r"claimed|indicated|informed|urged|asked|accused|released|issued|published|broadcast|"
    r"protested|repudiated|deplored|lamented|sources)\b",
    re.IGNORECASE,
)


_STATEMENT_VERBS = frozenset(
    "say tell announce report confirm identify investigate release name charge arraign "
    "struggle mourn remember gather hold vigil plead appear testify sentence".split()
)
"""Verbs of the reporting, investigating and aftermath a date may belong to instead of the
incident: "Officials Wednesday identified three people", "Police on Friday were investigating"."""


def _dates_a_statement(text: str, span: Span, doc: Any = None) -> bool:
    """True when the expression dates the report, not the event reported: a reporting verb
    stands right beside it ("said today", "today demanded"), or, with a parse, the verb it
    belongs to is one of reporting, investigating or aftermath."""
    before = text[max(0, span[0] - 40):span[0]].split()[-1:]
    after = text[span[1]:span[1] + 40].split()[:1]
    if text[span[1]:span[1] + 1] in ",.;:":
        after = []
    if any(_REPORTING.fullmatch(w.strip("()[]\"'“”‘’—–-")) for w in before + after):
        return True  # "(Published Wednesday, Jan. 21, 2015)" too
    token = _verb_of(doc, span)
    return token is not None and token.pos_ == "VERB" and token.lemma_.lower() in _STATEMENT_VERBS


def _verb_of(doc: Any, span: Span) -> Any:
    """With a parse, the verb ``span`` belongs to (the root of the tree when none is above it)."""
    if doc is None:
        return None
    chunk = doc.char_span(span[0], span[1], alignment_mode="expand")
    if chunk is None or len(chunk) == 0:
        return None
    token = chunk.root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _clause(doc: Any, span: Span) -> Optional[int]:
    """With a parse, the index of the verb that heads the clause around ``span`` (verbs joined
    by "and" count as one clause: "shooting and killing his friend 18 months ago")."""
    token = _verb_of(doc, span)
    if token is None:
        return None
    while token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
        token = token.head
    return token.i


def _paragraph(text: str, offset: int) -> Span:
    start = text.rfind("\n\n", 0, offset)
    end = text.find("\n\n", offset)
    return (0 if start < 0 else start, len(text) if end < 0 else end)


def _distance(span: Span, offset: int) -> int:
    if span[0] <= offset < span[1]:
        return 0
    return min(abs(span[0] - offset), abs(span[1] - offset))


def _published(coding: Coding) -> Optional[dt.date]:
    return coding.article.published or publication_date(coding.article.text)


def publication_date(text: str) -> Optional[dt.date]:
    """The date of the dateline ("LIMA, 10 JAN 90 (EFE) --", "ROME (ITALY), 11 JAN 90 --")."""
    header = _header_date(text)
    return header.start if header is not None else None


def _header_date(text: str) -> Optional[Timex]:
    """The full date written in the dateline, before its "--": the date of filing, not of an event."""
    line = find_dateline(text)
    if line is not None and line.date is not None and line.date_span is not None:
        return Timex(text[slice(*line.date_span)], line.date_span, line.date, line.date, "day")
    cut = text[:200].find("--")
    if cut < 0:
        return None
    for t in scan(text[:cut], None):
        if t.precision == "day" and not t.relative:
            return t
    return None


@functools.lru_cache(maxsize=4096)
def parse_with_dateparser(expression: str, published: Optional[dt.date]) -> Optional[dt.date]:
    """One expression no pattern here covers, read by dateparser against the publication date."""
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "STRICT_PARSING": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(expression, languages=["en"], settings=settings)
    return parsed.date() if parsed else None
