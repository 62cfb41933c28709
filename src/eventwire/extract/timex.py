"""Time expressions in news text, found with compiled patterns and resolved to date ranges.

``scan`` finds candidate expressions ("30 DEC 89", "last night", "Monday's attack", "three
days before X", "between 10 and 12 March") and resolves each against the publication date.
A resolution is a ``[start, end]`` range of dates with a precision; nothing resolves to a
date after the publication date: a year-less date moves back a year, a range that runs past
publication is cut there, and an expression wholly in the future is dropped.

Rules chosen here (each documented where it is applied):
- a weekday is the most recent such day on or before publication; "last Monday" is strictly
  before it; "early/late Monday" and "Monday night" are that same day;
- "last night" and "last evening" are the day before publication (the evening before the
  report is filed); "overnight" is publication day (the night ran into the morning the report
  was filed: news of the night's events is dated that day, as GVA and MUC-4 coders do);
- "last week/month/year" is the previous calendar week (Monday-Sunday), month or year;
  "this week/month/year" runs from its first day to publication;
- "early/mid/late" split a month into days 1-10, 11-20, 21-end and a year into
  January-April, May-August, September-December;
- two-digit years pivot at 50 ("89" is 1989, "12" is 2012).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Optional

from ..records import DatePrecision, Span

Resolution = tuple[dt.date, dt.date, DatePrecision]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
FULL_MONTHS = tuple(calendar.month_name[i].lower() for i in range(1, 13))
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}
NUMBERS = {
    "a": (1, 1), "an": (1, 1), "one": (1, 1), "two": (2, 2), "three": (3, 3), "four": (4, 4),
    "five": (5, 5), "six": (6, 6), "seven": (7, 7), "eight": (8, 8), "nine": (9, 9),
    "ten": (10, 10), "eleven": (11, 11), "twelve": (12, 12), "fifteen": (15, 15),
    "twenty": (20, 20), "thirty": (30, 30),
    # vague amounts become ranges: "a few days after" is two to five days after
    "a few": (2, 5), "few": (2, 5), "several": (3, 7), "a couple of": (2, 2), "couple of": (2, 2),
}
UNIT_DAYS = {"day": 1, "night": 1, "week": 7, "month": 30, "year": 365}

# --- pattern pieces (all compiled case-insensitive, whitespace-verbose) -------------------------

def fill(pattern: str) -> str:
    """Put the named pieces into a pattern: ``@MON@`` becomes the month-name alternatives."""
    return re.sub(r"@(\w+)@", lambda m: PIECES[m.group(1)], pattern)


PIECES = {
    "MON": r"(?:(?:" + "|".join(FULL_MONTHS) + r")\b|(?:"
    + "|".join(sorted(set(MONTHS) - set(FULL_MONTHS), key=len, reverse=True)) + r")(?:\.|\b))",
    "FULLMON": r"(?:" + "|".join(FULL_MONTHS) + r")\b",
    "DAY": r"(?:[0-3]?\d)(?:st|nd|rd|th)?\b",
    "YEAR4": r"(?:1[89]\d\d|20\d\d)\b(?![,.]?\d|'?s\b)",  # not "2,500", not "the 1970s"
    "YEAR2": r"(?:'?\d\d)\b(?![,.:]?\d)",
    "WEEKDAY": r"(?:" + "|".join(WEEKDAYS) + r")\b",
    "PART": r"(?:morning|afternoon|evening|night)\b",
    "NUM": r"(?:\d{1,3}|" + "|".join(
        re.escape(k).replace(r"\ ", r"\s+") for k in sorted(NUMBERS, key=len, reverse=True)
    ) + ")",
    "UNIT": r"(?:days?|nights?|weeks?|months?|years?)\b",
    "EDGE": r"(?:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)",
    "SEP": r"\s*(?:-|\u2013|\u2014|to|until|till|through|and)\s*",
    "PREP": r"(?:in|since|during|until|till|by|through|throughout|before|after|from)",
}
# An explicit calendar date, with optional year: "13 January 1970", "Jan. 13", "30 DEC 89".
_DMY = fill(r"(?P<d>@DAY@)\s+(?:of\s+)?(?P<m>@MON@)(?:,?\s+(?P<y>@YEAR4@|@YEAR2@))?")
_MDY = fill(r"(?P<m>@MON@)\s+(?P<d>@DAY@)(?:,?\s+(?P<y>@YEAR4@)|,\s*(?P<y2>@YEAR2@))?")
PIECES.update(DMY=_DMY, MDY=_MDY)
for suffix in ("a1", "a2", "b1", "b2", "_"):
    PIECES["DMY" + suffix] = re.sub(r"\(\?P<(\w+)>", rf"(?P<\g<1>{suffix}>", _DMY)
    PIECES["MDY" + suffix] = re.sub(r"\(\?P<(\w+)>", rf"(?P<\g<1>{suffix}>", _MDY)


@dataclass(frozen=True)
class Timex:
    """One time expression: where it is, what it resolves to, and how it was resolved."""

    text: str
    span: Span
    start: dt.date
    end: dt.date
    precision: DatePrecision
    relative: bool = False
    past_marker: bool = False


# --- calendar arithmetic -----------------------------------------------------------------------


def _year(text: str) -> int:
    y = int(text.lstrip("'"))
    if y < 100:
        y += 1900 if y >= 50 else 2000
    return y


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier), cut to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def precision_of(start: dt.date, end: dt.date) -> DatePrecision:
    """The precision a range of dates supports: day, week (up to 7 days), month (31), year."""
    days = (end - start).days + 1
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 31:
        return "month"
    return "year"


def _edge(edge: Optional[str], start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """Narrow a month or year to its early, middle or late part."""
    if not edge:
        return start, end
    word = edge.split()[-2] if edge.lower().startswith("the") else edge
    word = word.lower()
    if (end - start).days > 40:  # a year: thirds of four months
        thirds = {"early": (1, 4), "beginning": (1, 4), "start": (1, 4), "mid": (5, 8),
                  "middle": (5, 8), "late": (9, 12), "end": (9, 12)}
        first, last = thirds[word]
        return month_range(start.year, first)[0], month_range(start.year, last)[1]
    thirds = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
              "middle": (11, 20), "late": (21, 31), "end": (21, 31)}
    first, last = thirds[word]
    return start.replace(day=first), end.replace(day=min(last, end.day))


FUTURE_DAYS = 7
"""A year-less date up to a week after publication is a plan ("the strike set for 1 November"),
not last year's date: it is dropped. Further ahead it moves back a year ("March 3" in February)."""


def _past_day(published: dt.date, month: int, day: int) -> Optional[dt.date]:
    """The most recent ``month``/``day`` on or before publication (None for the coming week)."""
    for year in (published.year + 1, published.year, published.year - 1, published.year - 2):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date <= published:
            return date
        if (date - published).days <= FUTURE_DAYS:
            return None
    return None


def _weekday(published: dt.date, weekday: int, strictly_before: bool) -> dt.date:
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - dt.timedelta(days=back)


# --- resolvers: match -> (start, end, precision, relative) --------------------------------------

Found = Optional[tuple[dt.date, dt.date, Optional[DatePrecision], bool]]


def _calendar_date(g: dict[str, Optional[str]], published: Optional[dt.date], s: str = "") -> Found:
    month = MONTHS[g["m" + s].lower().rstrip(".")]
    day = int(re.match(r"\d+", g["d" + s]).group())
    year_text = g.get("y" + s) or g.get("y2" + s)
    if year_text:
        year = _year(year_text)
        if published and year > published.year and len(year_text.lstrip("'")) == 2:
            year_text = None  # "ON 3 JANUARY 12 PEOPLE ...": a count, not a year
    if year_text:
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return None
        return date, date, "day", False
    if published is None:
        return None
    date = _past_day(published, month, day)
    return (date, date, "day", True) if date else None


def _explicit(m: re.Match, published: Optional[dt.date]) -> Found:
    return _calendar_date(m.groupdict(), published, "" if m["d"] else "_")


def _month_year(m: re.Match, published: Optional[dt.date]) -> Found:
    start, end = month_range(int(m["y"]), MONTHS[m["m"].lower().rstrip(".")])
    start, end = _edge(m["edge"], start, end)
    return start, end, None, False


def _month_alone(m: re.Match, published: Optional[dt.date]) -> Found:
    """ "in January", "early March", "January last year", "last January"."""
    if published is None:
        return None
    month = MONTHS[m["m"].lower()]
    which = (m["which"] or "").lower()
    year = published.year if month <= published.month else published.year - 1
    if which == "last" and month == published.month:
        year -= 1
    after = re.sub(r"\s+", " ", (m["after"] or "").lower())
    if after == "last year":
        year = published.year - 1
    elif after == "this year":
        year = published.year
    start, end = month_range(year, month)
    start, end = _edge(m["edge"], start, end)
    return start, end, None, True


def _year_alone(m: re.Match, published: Optional[dt.date]) -> Found:
    year, edge = int(m["y"]), m["edge"] or m["edge_"]
    start, end = _edge(edge, dt.date(year, 1, 1), dt.date(year, 12, 31))
    return start, end, None if edge else "year", False


_PART_OF_DAY = {"today": 0, "tonight": 0, "this": 0, "earlier today": 0, "yesterday": 1,
                "last": 1, "overnight": 0, "the day before yesterday": 2}


def _deictic(m: re.Match, published: Optional[dt.date]) -> Found:
    """today, tonight, this morning, yesterday (evening), last night, overnight."""
    if published is None:
        return None
    word = re.sub(r"\s+", " ", m["word"].lower())
    back = _PART_OF_DAY[word.split()[0] if word.startswith(("this", "last")) else word]
    date = published - dt.timedelta(days=back)
    return date, date, "day", True


def _period(m: re.Match, published: Optional[dt.date]) -> Found:
    """last/this/past week, month, year, weekend; earlier this week."""
    if published is None:
        return None
    which, unit = m["which"].lower().split()[-1], m["unit"].lower()
    if unit == "weekend":
        saturday = _weekday(published, 5, strictly_before=(which == "last"))
        if which == "last" and saturday + dt.timedelta(days=1) >= published:
            saturday -= dt.timedelta(days=7)
        return saturday, saturday + dt.timedelta(days=1), "week", True
    if which == "past":
        back = {"week": 6, "month": 30, "year": 365}[unit]  # "the past week": seven days
        return published - dt.timedelta(days=back), published, None, True
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday())
        if which == "last":
            return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "week", True
        return monday, published, "week", True
    if unit == "month":
        month = add_months(published.replace(day=1), -1 if which == "last" else 0)
        start, end = _edge(m.groupdict().get("edge"), *month_range(month.year, month.month))
        return start, end, "month", True  # "late last month": its last ten days
    year = published.year - 1 if which == "last" else published.year
    start, end = _edge(m.groupdict().get("edge"), dt.date(year, 1, 1), dt.date(year, 12, 31))
    return start, end, "year", True


def _ago(m: re.Match, published: Optional[dt.date]) -> Found:
    """ "two days ago", "2 DAYS AGO", "a few weeks ago", "three years ago"."""
    if published is None:
        return None
    low, high = amount(m["n"])
    unit = m["unit"].lower().rstrip("s")
    if unit in ("day", "night"):
        return published - dt.timedelta(days=high), published - dt.timedelta(days=low), None, True
    if unit == "week":
        start = published - dt.timedelta(days=7 * high + 3)
        return start, published - dt.timedelta(days=7 * low - 3), None, True
    if unit == "month":
        first, last = add_months(published, -high), add_months(published, -low)
        return first.replace(day=1), month_range(last.year, last.month)[1], None, True
    return dt.date(published.year - high, 1, 1), dt.date(published.year - low, 12, 31), None, True


def amount(text: str) -> tuple[int, int]:
    """The number a count word stands for, as a range: "two" is 2..2, "a few" is 2..5."""
    key = re.sub(r"\s+", " ", text.lower())
    if key.isdigit():
        return int(key), int(key)
    return NUMBERS[key]


def _weekday_expr(m: re.Match, published: Optional[dt.date]) -> Found:
    """ "on Monday", "Monday evening", "Monday's attack", "late Monday", "last Friday"."""
    if published is None:
        return None
    which = (m["which"] or "").lower()
    date = _weekday(published, WEEKDAYS[m["wd"].lower()], strictly_before=(which == "last"))
    return date, date, "day", True


def _numeric(m: re.Match, published: Optional[dt.date]) -> Found:
    """ "2021-02-16"; "16/02/2021" and "02/16/2021" when one part is over 12 (else ambiguous)."""
    try:
        if m["iso"]:
            date = dt.date.fromisoformat(m["iso"])
        else:
            a, b = int(m["a"]), int(m["b"])
            if a > 12 >= b:
                date = dt.date(int(m["ny"]), b, a)
            elif b > 12 >= a:
                date = dt.date(int(m["ny"]), a, b)
            else:
                return None
    except ValueError:
        return None
    return date, date, "day", False


def _day_range(m: re.Match, published: Optional[dt.date]) -> Found:
    """ "between 10 and 12 March", "10-12 MARCH 1990", "March 10 to 12"."""
    g, s = m.groupdict(), "" if m["d0"] else "_"
    end = _calendar_date(g, published, s)
    if end is None:
        return None
    first = int(re.match(r"\d+", g["d0" + s]).group())
    try:
        start = end[0].replace(day=first)
    except ValueError:
        return None
    if start > end[0]:
        return None
    return start, end[1], None, end[3]


def _date_range(m: re.Match, published: Optional[dt.date]) -> Found:
    """ "from 30 December to 2 January", "between Monday and Wednesday"."""
    g = m.groupdict()
    if g.get("wd1"):
        if published is None:
            return None
        end = _weekday(published, WEEKDAYS[g["wd2"].lower()], strictly_before=False)
        back = (WEEKDAYS[g["wd2"].lower()] - WEEKDAYS[g["wd1"].lower()]) % 7
        return end - dt.timedelta(days=back), end, None, True
    one = "a1" if g.get("da1") else "b1"
    two = "a2" if g.get("da2") else "b2"
    first, last = _calendar_date(g, published, one), _calendar_date(g, published, two)
    if first is None or last is None:
        return None
    start = first[0]
    if start > last[0] and not g.get("y" + one):
        start = start.replace(year=start.year - 1)
    if start > last[0]:
        return None
    return start, last[1], None, first[3] or last[3]


# --- the patterns (where two overlap, ``scan`` keeps the longer) ----------------------------------

_PATTERNS: list[tuple[str, str, Callable[[re.Match, Optional[dt.date]], Found]]] = [
    ("date_range", r"\b(?:between|from)\s+(?:@DMYa1@|@MDYb1@)@SEP@(?:@DMYa2@|@MDYb2@)", _date_range),
    ("weekday_range", r"\b(?:between|from)\s+(?:on\s+)?(?P<wd1>@WEEKDAY@)@SEP@(?P<wd2>@WEEKDAY@)",
     _date_range),
    (
        "day_range",  # "10-12 March", "between 10 and 12 March", "March 10-12, 2020"
        r"(?<![\d,.])(?:\b(?:between|from)\s+)?(?P<d0>@DAY@)@SEP@@DMY@"
        r"|(?P<m_>@MON@)\s+(?P<d0_>@DAY@)@SEP@(?P<d_>@DAY@)(?:,?\s+(?P<y_>@YEAR4@))?",
        _day_range,
    ),
    # "on Monday, 4 August": the calendar date decides, the weekday only restates it
    ("explicit", r"\b(?:on\s+)?@WEEKDAY@,?\s+(?:the\s+)?@DMY@|\b(?:on\s+)?@WEEKDAY@,?\s+@MDY_@", _explicit),
    ("explicit", r"(?<![\d,.])\b(?:the\s+)?@DMY@|\b@MDY_@", _explicit),
    ("month_year", r"\b(?:(?P<edge>@EDGE@)[\s-]*)?(?P<m>@MON@),?\s+(?:of\s+)?(?P<y>@YEAR4@)",
     _month_year),
    (
        "month_alone",  # "in January", "early March", "last June", "January last year"
        r"\b(?:(?P<prep>@PREP@|of)\s+|(?P<edge>@EDGE@)[\s-]*|(?P<which>last|this)\s+)(?P<m>@FULLMON@)"
        r"(?:\s+(?P<after>last\s+year|this\s+year))?",
        _month_alone,
    ),
    ("month_alone", r"\b(?P<m>@FULLMON@)\s+(?P<after>last\s+year|this\s+year)(?P<edge>)(?P<which>)",
     _month_alone),
    ("year_alone", r"\b(?:@PREP@\s+(?:(?P<edge>@EDGE@)[\s-]*)?|(?P<edge_>@EDGE@)[\s-]*)(?P<y>@YEAR4@)",
     _year_alone),
    (
        "deictic",
        r"\b(?:(?:early|late|earlier|later)\s+)?(?P<word>the\s+day\s+before\s+yesterday|"
        r"yesterday|earlier\s+today|today|tonight|overnight|last\s+(?:night|evening)|"
        r"this\s+(?:morning|afternoon|evening))\b(?:\s+@PART@)?",
        _deictic,
    ),
    ("period", r"\b(?P<which>(?:over|during)\s+the)\s+(?P<unit>weekend)\b", _period),
    ("period", r"\b(?:(?P<edge>@EDGE@)[\s-]*)?(?P<which>last|this|(?:the\s+)?past|earlier\s+this)"
     r"\s+(?P<unit>week|month|year|weekend)\b", _period),
    ("ago", r"\b(?P<n>@NUM@)\s+(?P<unit>@UNIT@)\s+ago\b", _ago),
    ("numeric", r"(?<![\d/.-])(?:(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)|(?P<a>[01]?\d|[23]\d)/"
     r"(?P<b>[0-3]?\d)/(?P<ny>(?:19|20)\d\d))(?![\d/.-]?\d)", _numeric),
    (
        "weekday",
        r"\b(?:(?P<which>last|this|past|early|late|on|before\s+dawn)\s+)?(?P<wd>@WEEKDAY@)"
        r"(?:'s)?(?:\s+@PART@)?",
        _weekday_expr,
    ),
]


COMPILED = tuple(
    (name, re.compile(fill(pattern), re.IGNORECASE), resolver)
    for name, pattern, resolver in _PATTERNS
)

SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
RECENT = re.compile(
    fill(
        r"\b(?:in|during|over|for)\s+(?:the\s+)?(?:recent|past|last)\s+(?:(?P<n>@NUM@)\s+)?"
        r"(?P<unit>hours|days|weeks|months|years)\b|\brecent\s+(?P<unit2>days|weeks|months|years)\b"
    ),
    re.IGNORECASE,
)


def scan(text: str, published: Optional[dt.date]) -> list[Timex]:
    """Every time expression in ``text`` that resolves, longest first where they overlap."""
    found: list[tuple[int, int, str, Found]] = []
    for name, regex, resolver in COMPILED:
        for m in regex.finditer(text):
            if not _plausible(name, m, text):
                continue
            found.append((m.start(), m.end(), name, resolver(m, published)))
    found += _recent(text, published)
    # Where expressions overlap the longest wins ("in January 2020" over "in January").
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    chosen: list[Timex] = []
    for start, end, _name, res in found:
        if res is None or any(start < t.span[1] and t.span[0] < end for t in chosen):
            continue
        timex = _finish(text, start, end, res, published)
        if timex is not None:
            chosen.append(timex)
    return sorted(chosen, key=lambda t: t.span[0])


def _recent(text: str, published: Optional[dt.date]) -> list[tuple[int, int, str, Found]]:
    """ "in recent weeks", "over the past three years": history up to publication."""
    out: list[tuple[int, int, str, Found]] = []
    if published is None:
        return out
    for m in RECENT.finditer(text):
        unit = (m["unit"] or m["unit2"]).lower().rstrip("s")
        low, high = amount(m["n"]) if m["n"] else (2, 3)
        if unit == "hour":  # "in the last 24 hours": since the day before
            start = published - dt.timedelta(days=1 + high // 24 - (high % 24 == 0))
        elif unit == "day":  # "the past 3 days" counts publication day as one of them
            start = published - dt.timedelta(days=max(high - 1, 1))
        else:
            start = published - dt.timedelta(days=UNIT_DAYS[unit] * high)
        out.append((m.start(), m.end(), "recent", (start, published, None, True)))
    return out


_FUTURE_WORD = re.compile(r"\b(?:next|coming|by|until|till|following)\s+$", re.IGNORECASE)


def _plausible(name: str, m: re.Match, text: str) -> bool:
    """Reject look-alikes: "they may attack", "a march on", "2,500", "M-16", "107mm"."""
    if name == "month_alone":
        word = m["m"]
        if word.lower() in ("may", "march") and not word.isupper() and not word[0].isupper():
            return False
        prep = m.groupdict().get("prep")
        if word.lower() == "may" and prep and prep.lower() in ("by", "of"):
            return False
    if name in ("weekday", "weekday_range") and _FUTURE_WORD.search(
        text[max(0, m.start() - 12):m.start()]
    ):
        return False  # "next Monday", "by Friday": plans and deadlines
    after = text[m.end():m.end() + 3]
    if re.match(r"(?:mm|cm|km|kg|%|-year|-day|-month|\s*year-old)", after, re.IGNORECASE):
        return False
    if name in ("explicit", "day_range") and re.match(r"[-/]\d|:\d", after):
        return False
    before = text[max(0, m.start() - 2):m.start()]
    return not re.search(r"[A-Za-z]-$|\$$", before)


_HISTORY = re.compile(
    r"^since\b|years?\s+ago|last\s+year|"
    r"^(?:in|during|over|for)\s+(?:the\s+)?(?:recent|past|last)\s.*(?:weeks|months|years)$|"
    r"^recent\s+(?:weeks|months|years)$",
    re.IGNORECASE | re.DOTALL,
)
"""History rather than news: "since 2014", "last year", "in recent weeks", "three years ago"."""


def _finish(
    text: str, start: int, end: int, res: Found, published: Optional[dt.date]
) -> Optional[Timex]:
    """Keep a resolution out of the future and give it its precision."""
    first, last, precision, relative = res
    if published is not None:
        if first > published:
            return None
        last = min(last, published)
    piece = text[start:end]
    before = text[max(0, start - 12):start]
    past = bool(SINCE.search(before)) or bool(_HISTORY.search(piece))
    return Timex(
        text=piece,
        span=(start, end),
        start=first,
        end=last,
        precision=precision or precision_of(first, last),
        relative=relative,
        past_marker=past,
    )
