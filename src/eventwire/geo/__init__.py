"""Offline gazetteer, toponym recognition and the event's place.

``find_places`` is the pipeline stage (``coding.toponyms``); ``locate`` picks an event's
place from the toponyms of its sentences; ``default_gazetteer()`` answers name lookups,
``country_of`` and ``resolve_country``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from ..pipeline import Coding, stage
from .build import fold
from .gazetteer import Gazetteer, Place, default_gazetteer
from .locate import locate
from .toponyms import Toponym, find_toponyms


def find(
    text: str,
    doc: Any = None,
    countries: Sequence[str] = (),
    published: Any = None,
    gazetteer: Optional[Gazetteer] = None,
) -> tuple[Toponym, ...]:
    """The toponyms of ``text`` in text order; ``countries`` (ISO2) hints the article's focus."""
    from ..read import find_dateline

    dl = find_dateline(text, published)
    return find_toponyms(
        text,
        gazetteer or default_gazetteer(),
        doc,
        countries=countries,
        dateline=dl.place_span if dl else None,
    )


@stage(requires=("doc",), provides=("toponyms",))
def find_places(coding: Coding) -> Coding:
    """Place names of the article, resolved against the gazetteer."""
    article = coding.article
    return coding.with_(toponyms=find(article.text, coding.doc, published=article.published))


def country_of(name: str) -> Optional[str]:
    """The ISO2 country of a place, country or demonym name ("Erbil" → IQ), or None."""
    return default_gazetteer().country_of(name)


def resolve_country(text: str) -> Optional[str]:
    """The ISO2 code when ``text`` names a country ("USA", "Iraqi", "IRQ"), or None."""
    return default_gazetteer().resolve_country(text)


__all__ = [
    "Gazetteer",
    "Place",
    "Toponym",
    "country_of",
    "default_gazetteer",
    "find",
    "find_places",
    "fold",
    "locate",
    "resolve_country",
]
