"""What two event reports are compared on, and the explainable score of one pair.

Each stored event is reduced once to a ``Profile`` (a day window, a point and radius, counts,
name and word sets); ``compare`` then scores a pair in a few microseconds and says why.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, Optional

from ..records import Count, Event

PLACE_RANK = {"site": 0, "city": 1, "near_city": 2, "admin2": 3, "admin1": 4, "country": 5}
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
_STOP = frozenset(
    """the and was were has have had for from that this with said says after into their they
    them been being are his her its who when where which while about police officer officers
    two three four five one more than least also but not will would could other some there
    told what our out over per man men woman women people near say monday tuesday wednesday
    thursday friday saturday sunday morning night afternoon evening shot shooting shootings
    killed dead death wounded injured attack year old""".split()
)


@dataclass(frozen=True)
class Rules:
    """The thresholds and points of ``knowledge/dedup.toml``."""

    version: str
    radius: dict[str, float]
    same_place_km: float
    slack_days: int
    near_days: int
    undated_days: int
    coarse_days: int
    ratio: float
    margin: int
    score: dict[str, float]
    compatible: frozenset[frozenset[str]]


@functools.lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The de-duplication rules shipped in ``knowledge/dedup.toml``, read once."""
    text = resources.files("eventwire.knowledge").joinpath("dedup.toml").read_text("utf-8")
    return rules_from(tomllib.loads(text))


def rules_from(data: dict[str, Any]) -> Rules:
    """Rules from the parsed TOML (tests pass their own variants)."""
    place = dict(data["place"])
    same = float(place.pop("same_place"))
    return Rules(
        version=str(data["version"]),
        radius={k: float(v) for k, v in place.items()},
        same_place_km=same,
        slack_days=int(data["date"]["slack_days"]),
        near_days=int(data["date"]["near_days"]),
        undated_days=int(data["date"]["undated_days"]),
        coarse_days=int(data["date"]["coarse_days"]),
        ratio=float(data["counts"]["ratio"]),
        margin=int(data["counts"]["margin"]),
        score={k: float(v) for k, v in data["score"].items()},
        compatible=frozenset(frozenset((c["a"], c["b"])) for c in data.get("compatible", [])),
    )


@dataclass(frozen=True)
class Profile:
    """The comparable features of one event report."""

    index: int
    article: str
    type: str
    subtype: str
    lo: Optional[int]  # first possible day (ordinal), None when nothing is known
    hi: Optional[int]
    precision: str  # day | week | month | year | undated | none
    lat: Optional[float]  # radians
    lon: Optional[float]
    place_rank: int  # PLACE_RANK, 6 when unknown
    geonameid: Optional[int]
    country: Optional[str]
    admin1: Optional[str]
    killed: Optional[int]
    injured: Optional[int]
    names: frozenset[str]  # lower-cased proper names of people and groups
    perpetrators: frozenset[str]  # named organizations reported or claimed as perpetrator
    words: frozenset[str]  # content words of the evidence sentences and title
    place_words: frozenset[str] = frozenset()  # the words of the place name as the text gives it


def date_window(event: Event, published: Optional[dt.date], rules: Rules) -> tuple[
    Optional[int], Optional[int], str
]:
    """The days (ordinals) the event may have happened on, given its date precision."""
    d = event.date
    if d is not None and d.start is not None:
        start = d.start
        precision = d.precision or "day"
        if d.end is not None and d.end >= start:
            end = d.end
        elif precision == "week":
            end = start + dt.timedelta(days=6)
        elif precision == "month":
            start = start.replace(day=1)
            end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        elif precision == "year":
            start, end = start.replace(month=1, day=1), start.replace(month=12, day=31)
        else:
            end = start
        return start.toordinal(), end.toordinal(), precision
    if published is not None:
        day = published.toordinal()
        return day - rules.undated_days, day, "undated"
    return None, None, "none"


def profile(index: int, article: str, published: Optional[dt.date], event: Event,
            title: Optional[str], rules: Rules, context: Optional[str] = None) -> Profile:
    """Reduce one stored event to what ``compare`` needs.

    The article's title and lead (``context``) describe the story it reports, so they count
    for reported events only; a background event speaks through its own evidence."""
    lo, hi, precision = date_window(event, published, rules)
    loc = event.location
    lat = lon = None
    rank = 6
    geonameid = country = admin1 = None
    if loc is not None:
        rank = PLACE_RANK.get(loc.precision or "", 6 if loc.lat is None else 1)
        if loc.lat is not None and loc.lon is not None:
            lat, lon = math.radians(loc.lat), math.radians(loc.lon)
        geonameid = loc.geonameid
        country = (loc.country or "").upper() or None
        admin1 = (loc.admin1 or "").lower() or None
    story = [title or "", context or ""] if event.status == "reported" else []
    text = " ".join(story + [e.text for e in event.evidence])
    names = frozenset(
        a.name.lower() for a in event.actors
        if a.entity in ("individual", "organization") and _is_proper(a.name)
    ) | proper_words(text)
    perps = frozenset(
        a.name.lower() for a in event.actors
        if a.role == "perpetrator" and a.entity == "organization"
        and a.attribution in ("reported", "claimed") and _is_proper(a.name)
    )
    words = frozenset(w for w in (m.lower() for m in _WORD.findall(text)) if len(w) > 2 and w not in _STOP)
    place = " ".join(x for x in (loc.name, loc.text) if x) if loc is not None else ""
    place_words = frozenset(w.lower() for w in _WORD.findall(place) if len(w) > 2) - _STOP
    return Profile(
        index=index, article=article, type=event.type, subtype=event.subtype,
        lo=lo, hi=hi, precision=precision, lat=lat, lon=lon, place_rank=rank,
        geonameid=geonameid, country=country, admin1=admin1,
        killed=_low(event.killed), injured=_low(event.injured),
        names=names, perpetrators=perps, words=words, place_words=place_words,
    )


_SENTENCE = re.compile(r"[.!?\n:;\"]+")
_CAPITAL = re.compile(r"\b[A-Z][a-z]{2,}\b")
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december police officer sheriff county city
    department deputy deputies chief state news associated press the and but street avenue
    road block drive lane boulevard highway north south east west""".split()
)


def proper_words(text: str) -> frozenset[str]:
    """Capitalized words inside sentences (not the first word): names of people, streets, towns."""
    found = set()
    for sentence in _SENTENCE.split(text):
        sentence = sentence.strip()
        first = sentence.find(" ")
        if first > 0:
            found.update(w.lower() for w in _CAPITAL.findall(sentence, first))
    return frozenset(found - _NOT_NAMES - _STOP)


def _low(count: Optional[Count]) -> Optional[int]:
    return None if count is None else count.min


def _is_proper(name: str) -> bool:
    """A name worth matching on: it has a capital letter after the first word ("John Doe", "ISIS")."""
    words = name.split()
    return any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and name[:1].isupper() and len(name) > 2)


def distance_km(a: Profile, b: Profile) -> float:
    """Great-circle distance between two profiled points (haversine)."""
    dlat, dlon = b.lat - a.lat, b.lon - a.lon  # type: ignore[operator]
    h = math.sin(dlat / 2) ** 2 + math.cos(a.lat) * math.cos(b.lat) * math.sin(dlon / 2) ** 2  # type: ignore[arg-type]
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def counts_clash(a: Optional[int], b: Optional[int], rules: Rules) -> bool:
    """Two casualty figures too far apart for one incident (1 vs 12), a growing toll (3 → 5) is not."""
    if a is None or b is None:
        return False
    low, high = (a, b) if a <= b else (b, a)
    return high > rules.ratio * low + rules.margin


def types_compatible(a: Profile, b: Profile, rules: Rules) -> bool:
    """The same family, or two families listed as able to describe one incident."""
    return a.type == b.type or frozenset((a.type, b.type)) in rules.compatible


def place_explained(a: Profile, b: Profile) -> bool:
    """Two reports placed apart, yet one names the other's place: the geocoder, not the
    incident, differs (the same "Eureka" read as a town in two states). Otherwise the places
    rule the pair out: a bombing in Kabul and one in Jalalabad stay apart."""
    return bool(a.place_words and a.place_words <= (b.words | b.names)) or bool(
        b.place_words and b.place_words <= (a.words | a.names))


def compare(a: Profile, b: Profile, rules: Rules, common: frozenset[str] = frozenset(),
            one_article: bool = False) -> Optional[tuple[float, tuple[str, ...]]]:
    """The score and reasons of pairing two reports, or None when something rules it out.

    ``common`` holds names too frequent in the batch to tell incidents apart ("Texas").
    Two events of one article are ruled out, unless ``one_article`` asks whether they may be
    one incident told twice: then they must give the same tolls (a tally of the week is no
    restatement), and their words, which share the article's title and lead anyway, earn
    nothing."""
    if (a.article == b.article) != one_article or not types_compatible(a, b, rules):
        return None
    if one_article and (a.killed, a.injured) != (b.killed, b.injured):
        return None
    pts = rules.score
    score = 0.0
    why: list[str] = []
    # --- time
    if a.lo is None or b.lo is None:
        score += pts["undated"]
        why.append("no date")
    else:
        gap = max(a.lo, b.lo) - min(a.hi, b.hi)  # type: ignore[type-var]
        if gap > rules.near_days:
            return None
        if gap > rules.slack_days:
            # "Monday" resolved against a follow-up's own week: strong evidence may still join them
            score += pts["date_conflict"]
            why.append(f"dates {gap} days apart")
        elif a.precision == "day" and b.precision == "day":
            if a.lo == b.lo:
                score += pts["same_day"]
                why.append("same day")
            else:
                score += pts["near_day"]
                why.append(f"{abs(a.lo - b.lo)} day apart")
        elif "undated" in (a.precision, b.precision):
            score += pts["undated"] if gap > 0 else 0.0
            why.append("undated report")
        else:
            score += pts["overlapping_dates"]
            why.append(f"{a.precision}/{b.precision} dates overlap")
    # --- place
    coarse = max(a.place_rank, b.place_rank)
    if a.country and b.country and a.country != b.country:
        if not place_explained(a, b):
            return None
        score += 1.5 * pts["place_conflict"]
        why.append(f"countries {a.country} vs {b.country}")
    elif a.geonameid is not None and a.geonameid == b.geonameid and coarse <= PLACE_RANK["near_city"]:
        score += pts["same_place"]
        why.append("same place")
    elif coarse <= PLACE_RANK["admin2"] and a.lat is not None and b.lat is not None:
        km = distance_km(a, b)
        limit = max(rules.radius[p] for p, r in PLACE_RANK.items() if r == coarse)
        if km > limit and not place_explained(a, b):
            return None
        if km > limit:
            # explained above: a conflict counts heavily against, other evidence may outweigh it
            score += pts["place_conflict"]
            why.append(f"{km:.0f} km apart (over {limit:.0f})")
        elif km <= rules.same_place_km:
            score += pts["same_place"]
            why.append(f"{km:.0f} km apart")
        else:
            score += pts["near_place"]
            why.append(f"{km:.0f} km apart (within {limit:.0f})")
    elif coarse <= PLACE_RANK["admin1"] and a.admin1 and b.admin1:
        if a.admin1 != b.admin1 and not place_explained(a, b):
            return None
        if a.admin1 != b.admin1:
            score += pts["place_conflict"] / 2
            why.append(f"admin1 {a.admin1} vs {b.admin1}")
        else:
            score += pts["same_admin1"]
            why.append(f"same admin1 {a.admin1}")
    elif coarse == 6:
        score += pts["no_place"]
        why.append("no place")
    else:
        score += pts["country_only"]
        why.append("same country only")
    # --- type
    if a.subtype == b.subtype:
        score += pts["same_subtype"]
        why.append(f"same subtype {a.subtype}")
    elif a.type == b.type:
        score += pts["same_type"]
        why.append(f"same type {a.type}")
    # --- counts
    if counts_clash(a.killed, b.killed, rules) or counts_clash(a.injured, b.injured, rules):
        return None
    if a.killed is not None and a.killed == b.killed:
        # one dead is the commonest toll of all: agreeing on it proves little
        score += pts["same_killed"] if a.killed > 1 else pts["same_killed"] / 4
        why.append(f"both {a.killed} killed")
    if a.injured is not None and a.injured == b.injured and a.injured:
        score += pts["same_injured"]
        why.append(f"both {a.injured} injured")
    # --- actors and words
    shared = (a.names & b.names) - common
    if shared:
        score += min(pts["max_names"], pts["shared_name"] * len(shared))
        why.append("shared names: " + ", ".join(sorted(shared)[:3]))
    if a.perpetrators and b.perpetrators and not (a.perpetrators & b.perpetrators):
        score += pts["actor_clash"]
        why.append("different perpetrators")
    if a.words and b.words and not one_article:
        jac = len(a.words & b.words) / len(a.words | b.words)
        score += pts["text"] * (jac - pts["text_floor"])
        why.append(f"text overlap {jac:.2f}")
    return score, tuple(why)
