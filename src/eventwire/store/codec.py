"""Records back from their JSON form: the inverse of ``records.to_dict`` for stored events."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from typing import Any, Literal

from .. import records
from ..records import Event


def event_from_dict(data: dict[str, Any]) -> Event:
    """Rebuild an ``Event`` from its contract dict; fields the record does not know are ignored."""
    return _build(Event, data)


@functools.lru_cache(maxsize=64)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, globalns=vars(records))


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        return _build(options[0], value)
    if origin is Literal or tp is Any:
        return value
    if origin is tuple:
        if len(args) == 2 and args[1] is not Ellipsis:  # Span
            return tuple(value)
        return tuple(_build(args[0], v) for v in value)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            name = f.name[:-1] if f.name.endswith("_") else f.name
            if name in value:
                kwargs[f.name] = _build(hints[f.name], value[name])
        return tp(**kwargs)
    if tp is dt.date:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if tp is float and isinstance(value, int):
        return float(value)
    return value
