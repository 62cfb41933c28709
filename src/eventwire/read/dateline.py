"""Wire datelines: "LIMA, 10 JAN 90 (EFE) --", "BAGHDAD (Reuters) -", "Kabul, March 3 (AP) -".

The dateline gives where the report was filed and, often, the date it was filed: the
publication date when nothing else gives one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from ..extract.timex import MONTHS
from ..records import Span

_MONTHS = MONTHS
_MONTH = r"(?:%s)\.?" % "|".join(sorted(_MONTHS, key=len, reverse=True))

# PLACE, <date>  ... with the date either "10 JAN 90" or "March 3, 2021" or absent.
_DATELINE = re.compile(
    r"""^\s*(?:\[[^\]]*\]\s*)*
    (?P<place>[A-Z][A-Za-z.'\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.'\- ]{1,30}?)?)
    (?:\s*\((?P<region>[A-Z][A-Za-z.' ]{1,30})\))?
    \s*,?\s*
    (?:(?P<dmy>(?P<d1>\d{1,2})\s+(?P<m1>%(m)s)(?:\s+(?P<y1>\d{2,4}))?)
      |(?P<mdy>(?P<m2>%(m)s)\s+(?P<d2>\d{1,2})(?:,?\s+(?P<y2>\d{4}|\d{2}))?))?
    \s*(?:\((?P<agency>[A-Za-z0-9 .&/-]{2,40})\))?
    \s*(?:--|-|\u2014|\u2013|:)\s""" % {"m": _MONTH},
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Dateline:
    place: str
    place_span: Span
    date: Optional[dt.date]
    date_span: Optional[Span]
    agency: Optional[str] = None


def find_dateline(text: str, reference: Optional[dt.date] = None) -> Optional[Dateline]:
    """The dateline at the start of ``text`` or of one of its first paragraphs (web copy puts a
    headline and a byline first), or None. Two-digit years are 19xx/20xx by pivot 50."""
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text[:800])]
    for start in starts:
        line = _match(text, start, reference)
        if line is not None:
            return line
    # Web copy: a photo caption's credit before the dateline, on the same line ("Shooting
    # scene (Photo: KENS 5) UNIVERSAL CITY -- The teenager ...").
    for m in _CREDIT.finditer(text[:400]):
        line = _match(text, m.end(), reference, first=True)
        if line is not None:
            return line
    return None


_CREDIT = re.compile(r"\([^()]{0,80}\b(?:photo|image|video|file)\b[^()]{0,80}\)\s*", re.I)


def _match(text: str, offset: int, reference: Optional[dt.date], first: bool = False) -> Optional[Dateline]:
    head = text[offset : offset + 200]
    m = _DATELINE.match(head)
    if not m:
        return None
    if offset and not first and not (m.group("agency") or m.group("region") or m.group("dmy") or m.group("mdy")) \
            and not _web_dateline(m, head):
        return None  # past the first line, only a dateline with an agency or a date counts
    has_date = m.group("dmy") or m.group("mdy")
    if not has_date and not (m.group("agency") or m.group("region")):
        # A bare "WORD -" is too weak: it must be upper case to count as a dateline (the
        # state after it may not be: "GREENACRES, Fla. --").
        if not m.group("place").split(",")[0].isupper():
            return None
    place = m.group("place").strip()
    if len(place.split()) > 5:
        return None
    date = None
    date_span = None
    if m.group("dmy"):
        date = _make_date(m.group("y1"), m.group("m1"), m.group("d1"), reference)
        date_span = m.span("dmy")
    elif m.group("mdy"):
        date = _make_date(m.group("y2"), m.group("m2"), m.group("d2"), reference)
        date_span = m.span("mdy")
    start = offset + m.start("place")
    if date_span is not None:
        date_span = (offset + date_span[0], offset + date_span[1])
    return Dateline(
        place=place,
        place_span=(start, start + len(place)),
        date=date,
        date_span=date_span,
        agency=m.group("agency") or (None if has_date else m.group("region")),
    )


def _web_dateline(m: re.Match[str], head: str) -> bool:
    """A web page's bare dateline past its first lines (a video notice, a photo credit, a
    teaser before it): the town in capitals, a dash, then mixed-case prose ("SALT LAKE CITY — A
    man who ..."), not a capitalised heading of wire copy."""
    town = m.group("place").split(",")[0]
    dash = head[m.end() - 2 : m.end()].strip() in ("-", "--", "\u2014", "\u2013")
    return town.isupper() and len(town) >= 3 and dash and bool(re.search(r"[a-z]", head[m.end() : m.end() + 30]))


def _make_date(
    year: Optional[str], month: str, day: str, reference: Optional[dt.date] = None
) -> Optional[dt.date]:
    mon = _MONTHS.get(month.lower().rstrip("."))
    if mon is None:
        return None
    if year is None:
        if reference is None:
            return None
        y = reference.year
    else:
        y = int(year)
        if y < 100:
            y += 1900 if y >= 50 else 2000
    try:
        return dt.date(y, mon, int(day))
    except ValueError:
        return None
