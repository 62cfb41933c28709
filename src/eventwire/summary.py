"""A short human-readable rendering of one article's events, for the terminal."""

from __future__ import annotations

from .records import Count, Event, Result


def _count(c: Count | None) -> str:
    if c is None:
        return "not stated"
    if c.max == c.min:
        return str(c.min)
    return f"{c.min}+" if c.max is None else f"{c.min}-{c.max}"


def _event_lines(event: Event) -> list[str]:
    lines = [f"[{event.status}] {event.type} / {event.subtype}  ({event.plover.event}"
             f"{'/' + event.plover.mode if event.plover.mode else ''})"]
    if event.date:
        lines.append(f"  when:   {event.date.start} .. {event.date.end} ({event.date.precision}) "
                     f"from {event.date.text!r}")
    if event.location:
        loc = event.location
        lines.append(f"  where:  {loc.name}, {loc.admin1 or '-'}, {loc.country or '-'} "
                     f"({loc.precision}; {loc.lat}, {loc.lon})")
    for a in event.actors:
        extra = f", {a.attribution}" if a.attribution else ""
        by = f" by {a.attributed_by}" if a.attributed_by else ""
        lines.append(f"  {a.role:<11} {a.name} ({a.entity}{extra}{by})")
    for w in event.weapons:
        lines.append(f"  weapon:  {w.name} [{w.class_}] x{_count(w.count) if w.count else '?'}")
    lines.append(f"  killed: {_count(event.killed)}   injured: {_count(event.injured)}")
    return lines


def summarize(result: Result) -> str:
    head = f"{result.article.id}: {len(result.events)} event(s), published {result.article.published}"
    body = [line for e in result.events for line in _event_lines(e)]
    return "\n".join([head, *body])
