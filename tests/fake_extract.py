"""A tiny deterministic stand-in for the extraction pipeline, for store, ingest and export tests.

It codes one Erbil-style event per article from a few literal cues, so that these tests check
the store and not the (separately tested) pipeline. ``EVENTWIRE_FAKE_DELAY`` (seconds) slows
each article down, for the tests that kill an ingest mid-run.
"""

from __future__ import annotations

import datetime as dt
import os
import time

from eventwire.records import (
    Actor,
    Article,
    Count,
    Event,
    EventDate,
    Evidence,
    Location,
    Plover,
    Result,
    content_id,
)

ERBIL = Location("Erbil", "Erbil", "IQ", 36.19, 44.01, 95446, "city", "Erbil")
MOSUL = Location("Mosul", "Nineveh", "IQ", 36.34, 43.13, 99072, "city", "Mosul")


def extract(article: Article) -> Result:
    """One event per article: place from the first known town, killed when 'killing' appears."""
    delay = float(os.environ.get("EVENTWIRE_FAKE_DELAY", "0"))
    if delay:
        time.sleep(delay)
    text = article.text
    if "POISON" in text:
        raise ValueError("poisoned test article")
    place = ERBIL if "Erbil" in text else MOSUL if "Mosul" in text else None
    day = article.published - dt.timedelta(days=1) if article.published else None
    actors = ()
    if "Guardians of Blood" in text:
        start = text.index("Guardians of Blood")
        actors = (
            Actor("perpetrator", "Guardians of Blood", "organization", ("Awliyaa al-Dam",),
                  "claimed", span=(start, start + 18)),
        )  # fmt: skip
    first = text.split("\n", 1)[0]
    event = Event(
        id=content_id(text)[:12],
        status="reported",
        type="explosion_remote_violence",
        subtype="shelling_artillery_missile_attack",
        plover=Plover("ASSAULT", "heavy-weapons"),
        date=EventDate(day, day, "day", "Monday", None) if day else None,
        location=place,
        actors=actors,
        killed=Count(1, 1) if "killing" in text else None,
        injured=Count(9, None) if "nine" in text else None,
        evidence=(Evidence("type", first, (0, len(first)), "fake"),),
        confidence=0.9,
    )
    return Result(article=article, events=(event,))


def extract_batch(articles: list[Article]) -> list[Result | Exception]:
    """``extract`` over a batch, as the engine calls the real pipeline's ``extract_batch``."""
    out: list[Result | Exception] = []
    for article in articles:
        try:
            out.append(extract(article))
        except Exception as exc:  # one bad article fails alone
            out.append(exc)
    return out
