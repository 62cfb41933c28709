"""The frozen record types of the event contract (see SPEC.md, "The event record").

Every stage of the pipeline produces these values; nothing mutates them. ``to_dict``
turns any record into the JSON shape of the contract, and ``json_schema`` describes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Optional

Span = tuple[int, int]
"""A ``[start, end)`` character range into the article text."""

EventType = Literal[
    "battle",
    "explosion_remote_violence",
    "violence_against_civilians",
    "protest",
    "riot",
    "strategic_development",
]
Status = Literal["reported", "background"]
Role = Literal["perpetrator", "victim", "target"]
Entity = Literal["organization", "individual", "facility", "object"]
Attribution = Literal["reported", "claimed", "accused", "suspected"]
DatePrecision = Literal["day", "week", "month", "year"]
PlacePrecision = Literal["site", "city", "near_city", "admin2", "admin1", "country"]
Effect = Literal["killed", "injured", "kidnapped"]
Side = Literal["perpetrator", "victim", "unknown"]


@dataclass(frozen=True)
class Article:
    """One news report: the text every span points into."""

    id: str
    text: str
    title: Optional[str] = None
    published: Optional[dt.date] = None
    source: Optional[str] = None
    url: Optional[str] = None
    language: str = "en"


@dataclass(frozen=True)
class Count:
    """A conservative range: ``min`` is the lowest number the text supports; ``max`` None is open."""

    min: Optional[int]
    max: Optional[int]

    def __add__(self, other: Count) -> Count:
        low = (self.min or 0) + (other.min or 0)
        high = None if self.max is None or other.max is None else self.max + other.max
        return Count(low, high)


@dataclass(frozen=True)
class EventDate:
    start: Optional[dt.date]
    end: Optional[dt.date]
    precision: Optional[DatePrecision]
    text: Optional[str] = None
    span: Optional[Span] = None


@dataclass(frozen=True)
class Location:
    name: Optional[str]
    admin1: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    geonameid: Optional[int] = None
    precision: Optional[PlacePrecision] = None
    text: Optional[str] = None
    span: Optional[Span] = None


@dataclass(frozen=True)
class Actor:
    role: Role
    name: str
    entity: Entity
    aliases: tuple[str, ...] = ()
    attribution: Optional[Attribution] = None
    attributed_by: Optional[str] = None
    span: Optional[Span] = None


@dataclass(frozen=True)
class Weapon:
    name: str
    class_: str
    count: Optional[Count] = None
    span: Optional[Span] = None


@dataclass(frozen=True)
class Casualty:
    effect: Effect
    count: Count
    who: Optional[str] = None
    side: Side = "unknown"
    span: Optional[Span] = None
    includes: tuple[Casualty, ...] = ()  # a breakdown that restates this group, not added to it


@dataclass(frozen=True)
class Evidence:
    field: str
    text: str
    span: Span
    stage: Optional[str] = None


@dataclass(frozen=True)
class Plover:
    event: str
    mode: Optional[str] = None


@dataclass(frozen=True)
class Event:
    id: str
    status: Status
    type: EventType
    subtype: str
    plover: Plover
    date: Optional[EventDate] = None
    location: Optional[Location] = None
    actors: tuple[Actor, ...] = ()
    weapons: tuple[Weapon, ...] = ()
    killed: Optional[Count] = None
    injured: Optional[Count] = None
    casualties: tuple[Casualty, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 0.5

    def actors_in(self, role: Role) -> tuple[Actor, ...]:
        return tuple(a for a in self.actors if a.role == role)


@dataclass(frozen=True)
class Result:
    """What ``eventwire extract`` prints for one article."""

    article: Article
    events: tuple[Event, ...] = ()


def content_id(*parts: Any) -> str:
    """A short stable hash of the given values: the same input gives the same id."""
    payload = json.dumps([to_dict(p) for p in parts], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


def to_dict(value: Any) -> Any:
    """The JSON-ready form of a record: dates as ISO strings, spans as lists, ``class_`` as ``class``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            _json_name(f.name): to_dict(getattr(value, f.name)) for f in dataclasses.fields(value)
        }
    if isinstance(value, (list, tuple)):
        return [to_dict(v) for v in value]
    if isinstance(value, dict):
        return {k: to_dict(v) for k, v in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _json_name(name: str) -> str:
    return name[:-1] if name.endswith("_") else name


# --- JSON Schema ---------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one line of ``eventwire extract`` output."""
    defs: dict[str, Any] = {}
    root = _schema_for(Result, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "eventwire extract output",
        **root,
        "$defs": defs,
    }


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Span:
        return {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = _schema_for(options[0], defs) if len(options) == 1 else {"anyOf": [_schema_for(o, defs) for o in options]}
        return {"anyOf": [inner, {"type": "null"}]} if type(None) in args else inner
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (tuple, list):
        if tp is not Span and len(args) == 2 and args[1] is not Ellipsis:
            return {"type": "array", "items": {"type": "integer"}}
        return {"type": "array", "items": _schema_for(args[0], defs)}
    if dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # reserve against recursion
            hints = typing.get_type_hints(tp, globalns=globals())
            props = {_json_name(f.name): _schema_for(hints[f.name], defs) for f in dataclasses.fields(tp)}
            required = [
                _json_name(f.name)
                for f in dataclasses.fields(tp)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            ]
            defs[name] = {"type": "object", "properties": props, "required": required}
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    if tp is Any:
        return {}
    raise TypeError(f"no JSON Schema rule for {tp!r}")


__all__ = [
    "Actor",
    "Article",
    "Casualty",
    "Count",
    "Event",
    "EventDate",
    "Evidence",
    "Location",
    "Plover",
    "Result",
    "Span",
    "Weapon",
    "content_id",
    "field",
    "json_schema",
    "to_dict",
]
