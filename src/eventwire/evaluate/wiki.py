"""Wikipedia incident lists: killed, injured, perpetrator and place, where the text gives them.

Each line is one incident, so the pipeline's *first reported event* is compared (the first
event of any status when none is reported). A field is scored only where its gold value
appears in the text: the count as digits or words ("seven", "23"), the perpetrator's
normalized name on word boundaries, one comma-separated part of the location.

Counts are compared as the lists write them (``listed_count``): without the attackers (ours
less casualties with side "perpetrator"); the figure the text states: "more than 50" as 50
(the list's "50+", whose numeric column says 50; we store min 51, as SPEC asks), "nearly 50"
as 50 (we store 49); and, where the attack wounded no one,
the kidnapped in the injured column (the lists' raw cells say "17 kidnapped", "25
(abducted)"). ``score`` also reports ``injured_strict`` and ``killed_strict``, without the
last two mappings. Perpetrators: any perpetrator of the reported events whose name, alias or
span text equals the gold name (normalized), or contains it or is contained in it when the
shorter of the two has at least two words ("Ulster Volunteer Force" vs "the UVF's Ulster
Volunteer Force" matches; "IRA" never matches "Irish IRA supporters" by containment).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

from .. import errors
from ..records import Article, Event, Result
from .corpus import benchmark_file, code_articles, read_jsonl, sample, with_timing
from .match import contains_words, normalize, span_text, victims_count
from .report import Case, Report

SPLITS = ("dev",)
DEFAULT_LIMIT = None

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


@dataclass(frozen=True)
class Incident:
    """One line of the list: the gold values the text supports (None where it does not)."""

    id: str
    dead: Optional[int]
    injured: Optional[int]
    perpetrator: Optional[str]
    places: frozenset[str]


def number_words(n: int) -> set[str]:
    """English spellings of 0..999 as they appear after normalize ('twenty three')."""
    if n < 20:
        return {_UNITS[n]}
    if n < 100:
        tens, unit = divmod(n, 10)
        return {_TENS[tens - 2] + ("" if not unit else " " + _UNITS[unit])}
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = f"{_UNITS[hundreds]} hundred"
        if not rest:
            return {head, "a hundred"} if hundreds == 1 else {head}
        return {f"{head} {w}" for w in number_words(rest)} | {f"{head} and {w}" for w in number_words(rest)}
    return set()


def number_in_text(n: Optional[int], text: str) -> bool:
    """True when the text writes ``n`` as digits ('23', '1,200') or as words ('seven')."""
    if n is None:
        return False
    if re.search(rf"(?<![\d,.]){n:,}(?![\d,])|(?<![\d,.]){n}(?![\d,])", text):
        return True
    plain = normalize(text)
    return any(contains_words(plain, words) for words in number_words(n))


def make_incident(record: dict) -> Incident:
    """Keep the gold values that appear in the record's text."""
    text = record.get("text", "")
    plain = normalize(text)
    perpetrator = record.get("perpetrator") or None
    if perpetrator and not contains_words(plain, normalize(perpetrator)):
        perpetrator = None
    parts = {normalize(p) for p in (record.get("location") or "").split(",")} - {""}
    return Incident(
        id=record.get("id", ""),
        dead=record.get("dead") if number_in_text(record.get("dead"), text) else None,
        injured=record.get("injured") if number_in_text(record.get("injured"), text) else None,
        perpetrator=perpetrator,
        places=frozenset(p for p in parts if contains_words(plain, p)),
    )


def load(split: str = "dev") -> list[tuple[Article, Incident]]:
    """Articles (text, gold date as publication date) and what each one is scored on."""
    if split not in SPLITS:
        raise errors.BenchmarkError(errors.E305.format(name="wiki", split=split, splits=SPLITS))
    pairs = []
    for record in read_jsonl(benchmark_file("wiki-incidents", "incidents_dev.jsonl")):
        published = dt.date.fromisoformat(record["date"]) if record.get("date") else None
        article = Article(id=record["id"], text=record["text"], published=published)
        pairs.append((article, make_incident(record)))
    return pairs


def main_event(result: Result) -> Optional[Event]:
    """The first reported event, else the first event, else None; among them a violent one
    first, since the lists list attacks ("A man was detained ... activated the explosive
    device": the bombing, not the arrest)."""
    pool = [e for e in result.events if e.status == "reported"] or list(result.events)
    violent = [e for e in pool if e.type != "strategic_development"]
    return (violent or pool or [None])[0]


_ABOVE = ("more than", "over", "above", "upwards of", "in excess of")
_BELOW = ("nearly", "almost", "close to", "just under")


def _states(text: str, n: int, hedges: tuple[str, ...]) -> bool:
    """The text writes ``n`` after one of ``hedges`` ("more than 50"), in digits or words."""
    if n <= 0:
        return False
    plain = normalize(text)
    spelled = {str(n), f"{n:,}".replace(",", " "), *number_words(n)}
    return any(re.search(rf"\b{h} {re.escape(w)}\b", plain) for h in hedges for w in spelled)


def listed_count(event: Optional[Event], effect: str, text: str) -> Optional[int]:
    """Our count of ``effect`` as a Wikipedia incident list writes it (see the module notes)."""
    n = victims_count(event, effect)
    if n is None and effect == "injured" and event is not None:
        taken = [c.count.min for c in event.casualties
                 if c.effect == "kidnapped" and c.side != "perpetrator" and c.count.min]
        n = sum(taken) if taken else None
    if n and event is not None:
        count = getattr(event, effect) or next(
            (c.count for c in event.casualties if c.effect == "kidnapped"), None)
        if count is not None and count.max is None and _states(text, n - 1, _ABOVE):
            n -= 1  # "more than 50": we store min 51, the list writes 50
        elif _states(text, n + 1, _BELOW):
            n += 1  # "nearly 50": we store 49, the list writes 50
    return n


def names_agree(predicted: str, gold: str) -> bool:
    """Equal when normalized, or containment either way when the shorter has two words or more."""
    if not predicted or not gold:
        return False
    if predicted == gold:
        return True
    shorter, longer = sorted((predicted, gold), key=len)
    return len(shorter.split()) >= 2 and contains_words(longer, shorter)


def perpetrator_found(result: Result, gold: str) -> bool:
    """Any perpetrator of a reported event (or of any event when none is) names the gold one."""
    event = main_event(result)
    events = [e for e in result.events if e.status == (event.status if event else "reported")]
    target = normalize(gold)
    for e in events:
        for actor in e.actors_in("perpetrator"):
            names = (actor.name, *actor.aliases, span_text(result.article.text, actor.span))
            if any(names_agree(normalize(n), target) for n in names):
                return True
    return False


def place_named(result: Result, parts: frozenset[str]) -> bool:
    """The main event's location name, text, admin1 or country equals a part of the gold place."""
    event = main_event(result)
    if event is None or event.location is None:
        return False
    loc = event.location
    names = {normalize(loc.name), normalize(loc.text), normalize(loc.admin1),
             normalize(_country_name(loc.country))}
    return bool(names & parts)


def _country_name(code: Optional[str]) -> Optional[str]:
    if not code:
        return None
    try:
        import pycountry

        country = pycountry.countries.get(alpha_2=code.upper())
    except (ImportError, LookupError):
        return code
    return getattr(country, "common_name", None) or getattr(country, "name", code) if country else code


def score(results: Sequence[Result], gold: Sequence[Incident], split: str = "dev",
          errors: int = 0) -> Report:
    """Accuracy of each field over the incidents whose text gives its gold value."""
    checks: dict[str, list[bool]] = {"killed": [], "injured": [], "perpetrator": [], "place": [],
                                     "killed_strict": [], "injured_strict": []}
    cases: list[Case] = []

    def check(field: str, ok: bool, result: Result, expected: object, predicted: object) -> None:
        checks[field].append(ok)
        if not ok and len(cases) < errors:
            text = " ".join(result.article.text.split())
            cases.append(Case(result.article.id, field, "wrong", expected, predicted, text[:240]))

    for result, incident in zip(results, gold, strict=True):
        event = main_event(result)
        for field, value in (("killed", incident.dead), ("injured", incident.injured)):
            if value is not None:
                guess = listed_count(event, field, result.article.text)
                check(field, guess == value, result, value, guess)
                checks[f"{field}_strict"].append(victims_count(event, field) == value)
        if incident.perpetrator:
            ok = perpetrator_found(result, incident.perpetrator)
            names = [a.name for e in result.events for a in e.actors_in("perpetrator")]
            check("perpetrator", ok, result, incident.perpetrator, names)
        if incident.places:
            ok = place_named(result, incident.places)
            loc = event.location if event else None
            check("place", ok, result, sorted(incident.places), loc.name if loc else None)
    scores = {
        field: {"accuracy": round(100 * sum(oks) / len(oks), 1) if oks else 0.0, "n": len(oks)}
        for field, oks in checks.items()
    }
    return Report("wiki", split, scores, len(gold), tuple(cases))


def run(split: str = "dev", errors: int = 0, limit: Optional[int] = None) -> Report:
    """Code the incident lines (a fixed sample of ``limit`` of them) and score them."""
    pairs = load(split)
    if limit is not None:
        pairs = sample(pairs, limit)
    coded = code_articles([a for a, _ in pairs])
    return with_timing(score(coded.results, [g for _, g in pairs], split, errors), coded)
