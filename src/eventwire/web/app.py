"""The FastAPI app of `eventwire serve`: a JSON API over the store and the pages that use it.

Reads are open; writes (corrections, saved articles) need the token the server was started
with. Article text is untrusted: the pages build their DOM with textContent only, and every
response carries a Content-Security-Policy that allows nothing but this server.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from .. import __version__, errors
from ..records import to_dict
from ..store import Correction, Filters, Store, article_hash, open_store, parse_bbox
from . import review
from .guard import BodyLimit, SecurityHeaders

STATIC = Path(__file__).parent / "static"
BODY_LIMIT = 2 * 1024 * 1024
# the npm packages (package.json at the repository root; `make install` runs npm ci)
VENDOR = {
    "leaflet": "leaflet/dist",
    "world-atlas": "world-atlas",
    "topojson-client": "topojson-client/dist",
}


class CorrectionIn(BaseModel):
    """A reviewer's new value for one field of an event."""

    field: str
    value: Any = None
    reviewer: str = Field(min_length=1, max_length=200)
    note: Optional[str] = Field(None, max_length=2000)


class Verdict(BaseModel):
    """A reviewer's judgement without a value (e.g. "this record is not an event")."""

    reviewer: str = Field(min_length=1, max_length=200)
    note: Optional[str] = Field(None, max_length=2000)


class IncidentChange(BaseModel):
    """Events whose incidents a reviewer merges (two events) or splits off (one or more)."""

    events: list[str] = Field(min_length=1, max_length=500)
    reviewer: str = Field(min_length=1, max_length=200)
    note: Optional[str] = Field(None, max_length=2000)


class CodeIn(BaseModel):
    """A pasted article to code, and whether to save it to the store."""

    text: str = Field(min_length=1)
    published: Optional[dt.date] = None
    title: Optional[str] = None
    source: Optional[str] = None
    save: bool = False


def create_app(
    store_url: str, token: Optional[str] = None, vendor: Optional[Path] = None
) -> FastAPI:
    """The app over the store at ``store_url``; writable only when ``token`` is given."""
    app = FastAPI(
        title="eventwire", version=__version__, docs_url=None, redoc_url=None,
        description="Coded events of political violence: read, review, code.",
    )  # fmt: skip
    app.add_middleware(BodyLimit, limit=BODY_LIMIT)
    app.add_middleware(SecurityHeaders)

    @contextlib.contextmanager
    def opened() -> Iterator[Store]:
        store = open_store(store_url)  # one per request: SQLite connections stay in their thread
        try:
            yield store
        finally:
            store.close()

    def writer(request: Request) -> None:
        if not token:
            raise HTTPException(403, errors.E201)
        sent = request.headers.get("authorization", "")
        scheme, _, value = sent.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(value.encode(), token.encode()):
            raise HTTPException(401, errors.E202, headers={"WWW-Authenticate": "Bearer"})

    def filters(
        start: Optional[dt.date] = Query(None, description="Events ending on or after this day"),
        end: Optional[dt.date] = Query(None, description="Events starting on or before this day"),
        country: Optional[str] = Query(None, description="ISO 3166-1 alpha-2, e.g. IQ"),
        type: Optional[str] = Query(None, description="Event type, e.g. battle"),
        actor: Optional[str] = Query(None, description="Part of an actor's name or alias"),
        bbox: Optional[str] = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
        status: str = Query("reported", description="reported, background, not_event or all"),
    ) -> Filters:
        try:
            box = parse_bbox(bbox)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        return Filters(start, end, country, type, None if status == "all" else status, actor, box)

    def selected(store: Store, f: Filters, q: Optional[str]) -> list[review.ReviewedEvent]:
        rows = review.reviewed_events(store, f)
        if q:
            found = set(store.search(q, limit=100_000))
            rows = [r for r in rows if r.stored.article_id in found]
        return rows

    @app.get("/api/config", tags=["read"])
    def config() -> dict[str, Any]:
        """What the pages need to know: whether writes are possible, the version."""
        return {"writable": bool(token), "version": __version__, "fields": review.EDITABLE}

    @app.get("/api/events", tags=["read"])
    def list_events(
        f: Filters = Depends(filters),
        q: Optional[str] = Query(None, description="Full-text search of article titles and texts"),
        limit: int = Query(100, ge=1, le=5000),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        """Events (one per report, corrections applied) that pass the filters, a page at a time."""
        with opened() as store:
            rows = selected(store, f, q)
        page = rows[offset : offset + limit]
        return {
            "total": len(rows),
            "offset": offset,
            "limit": limit,
            "items": [_item(r) for r in page],
        }

    @app.get("/api/events/{key}", tags=["read"])
    def get_event(key: str) -> dict[str, Any]:
        """One event with its article text, evidence spans, corrections and the incident's other reports."""
        with opened() as store:
            rows = review.reviewed_events(store, Filters(status=None))
            this = next((r for r in rows if r.stored.key == key), None)
            if this is None:
                raise HTTPException(404, errors.E203.format(key=key))
            article = _article(store, this.stored.article_hash)
            log = review.audit_log(store, key, [r.stored for r in rows])
        others = [r for r in rows if r.incident == this.incident and r is not this]
        return {
            **_item(this),
            "machine": this.stored.data,
            "article": article,
            "highlights": highlights(this.data),
            "sources": [_source(r) for r in others],
            "corrections": log,
        }

    @app.get("/api/events/{key}/corrections", tags=["review"])
    def list_corrections(key: str) -> list[dict[str, Any]]:
        """The audit log of one event: who changed which field when, before and after."""
        with opened() as store:
            return review.audit_log(store, key)

    @app.get("/api/corrections", tags=["review"])
    def all_corrections() -> list[dict[str, Any]]:
        """The whole audit log, oldest first."""
        with opened() as store:
            return review.audit_log(store)

    @app.post("/api/events/{key}/corrections", tags=["review"], status_code=201,
              dependencies=[Depends(writer)])  # fmt: skip
    def correct(key: str, body: CorrectionIn) -> dict[str, Any]:
        """Correct one field of an event; the machine record stays as coded."""
        try:
            review.check_correction(body.field, body.value)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        with opened() as store:
            _known(store, [key])
            store.save_correction(Correction(key, body.field, body.value, body.reviewer, body.note))
        return get_event(key)

    @app.post("/api/events/{key}/not-event", tags=["review"], status_code=201,
              dependencies=[Depends(writer)])  # fmt: skip
    def not_event(key: str, body: Verdict) -> dict[str, Any]:
        """Mark a record as reporting no event: it leaves the default lists and exports."""
        with opened() as store:
            _known(store, [key])
            store.save_correction(
                Correction(key, "status", review.NOT_EVENT, body.reviewer, body.note)
            )
        return get_event(key)

    @app.post("/api/incidents/merge", tags=["review"], status_code=201,
              dependencies=[Depends(writer)])  # fmt: skip
    def merge(body: IncidentChange) -> dict[str, Any]:
        """Merge the incidents of the given events into the incident of the first one."""
        if len(body.events) < 2:
            raise HTTPException(
                422, errors.E207.format(field="events", reason="give two or more events")
            )
        with opened() as store:
            rows = _known(store, body.events)
            first, moved = body.events[0], set(body.events[1:])
            incidents = {rows[k].incident for k in moved} - {rows[first].incident}
            members = [r.stored.key for r in rows.values() if r.incident in incidents]
            for k in members:
                store.save_correction(review.join_correction(k, first, body.reviewer, body.note))
        return get_event(first)

    @app.post("/api/incidents/split", tags=["review"], status_code=201,
              dependencies=[Depends(writer)])  # fmt: skip
    def split(body: IncidentChange) -> dict[str, Any]:
        """Take the given events out of their incident into a new incident of their own."""
        with opened() as store:
            _known(store, body.events)
            first = body.events[0]
            store.save_correction(review.join_correction(first, None, body.reviewer, body.note))
            for k in body.events[1:]:
                store.save_correction(review.join_correction(k, first, body.reviewer, body.note))
        return get_event(first)

    def _known(store: Store, keys: list[str]) -> dict[str, review.ReviewedEvent]:
        rows = {r.stored.key: r for r in review.reviewed_events(store, Filters(status=None))}
        for k in keys:
            if k not in rows:
                raise HTTPException(404, errors.E203.format(key=k))
        return rows

    @app.get("/api/stats", tags=["read"])
    def stats(
        f: Filters = Depends(filters),
        q: Optional[str] = Query(None, description="Full-text search"),
    ) -> dict[str, Any]:
        """Counts of the filtered events by day (start date), type and country."""
        with opened() as store:
            rows = selected(store, f, q)
        days: Counter[str] = Counter()
        types: Counter[str] = Counter()
        countries: Counter[str] = Counter()
        for r in rows:
            start = (r.data.get("date") or {}).get("start")
            if start:
                days[start] += 1
            types[r.data.get("type") or "unknown"] += 1
            countries[(r.data.get("location") or {}).get("country") or "unknown"] += 1
        return {
            "total": len(rows),
            "by_day": dict(sorted(days.items())),
            "by_type": dict(types.most_common()),
            "by_country": dict(countries.most_common()),
        }

    @app.post("/api/code", tags=["code"])
    def code(body: CodeIn, request: Request) -> dict[str, Any]:
        """Code a pasted article and show its events with highlights; save it with the token."""
        if body.save:
            writer(request)
        from ..extract import extract
        from ..read import read_text_article

        try:
            article = read_text_article(
                body.text, "pasted", body.published, title=body.title, source=body.source
            )
        except errors.ReadError as exc:
            raise HTTPException(422, str(exc)) from None
        content_hash = article_hash(article)
        article = _with_id(article, f"pasted-{content_hash[:10]}")
        result = extract(article)
        saved = 0
        if body.save:
            with opened() as store:
                saved = store.save_result(result, content_hash)
        events = [
            {"event": to_dict(e), "highlights": highlights(to_dict(e))} for e in result.events
        ]
        return {
            "article": {**to_dict(article), "text": article.text},
            "events": events,
            "saved": saved,
        }

    _pages(app, vendor or default_vendor())
    return app


def _pages(app: FastAPI, vendor: Path) -> None:
    """The HTML pages, our own static files, and the npm packages from ``vendor``."""

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/events/{key}", include_in_schema=False)
    def event_page(key: str) -> FileResponse:
        return FileResponse(STATIC / "event.html")

    @app.get("/code", include_in_schema=False)
    def code_page() -> FileResponse:
        return FileResponse(STATIC / "code.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for name, folder in VENDOR.items():
        path = vendor / folder
        if path.is_dir():
            app.mount(f"/vendor/{name}", StaticFiles(directory=path), name=f"vendor-{name}")
        else:
            app.add_api_route(
                f"/vendor/{name}/{{rest:path}}", _missing(path), include_in_schema=False
            )


def _missing(path: Path) -> Any:
    def missing(rest: str) -> JSONResponse:
        message = f"{path} is missing: run `make install` (npm ci installs leaflet, world-atlas, topojson-client)."
        return JSONResponse({"detail": message}, status_code=404)

    return missing


def default_vendor() -> Path:
    """Where the npm packages are: EVENTWIRE_VENDOR, else node_modules at the repository root."""
    import os

    if os.environ.get("EVENTWIRE_VENDOR"):
        return Path(os.environ["EVENTWIRE_VENDOR"])
    return Path(__file__).resolve().parents[3] / "node_modules"


def highlights(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every span of an event that points into its article, labelled by field, in text order."""
    marks: dict[tuple[str, int, int], dict[str, Any]] = {}

    def add(field: str, span: Any) -> None:
        if (
            isinstance(span, (list, tuple))
            and len(span) == 2
            and all(isinstance(v, int) for v in span)
        ):
            if span[0] < span[1]:
                marks.setdefault(
                    (field, span[0], span[1]), {"field": field, "span": [span[0], span[1]]}
                )

    for item in data.get("evidence") or ():
        add(item.get("field") or "evidence", item.get("span"))
    add("date", (data.get("date") or {}).get("span"))
    add("location", (data.get("location") or {}).get("span"))
    for actor in data.get("actors") or ():
        add(actor.get("role") or "actor", actor.get("span"))
    for weapon in data.get("weapons") or ():
        add("weapon", weapon.get("span"))
    for casualty in data.get("casualties") or ():
        add(casualty.get("effect") or "casualties", casualty.get("span"))
    # evidence named "actors.perpetrator" repeats the actor's own "perpetrator" mark: keep one
    plain = {(f, a, b) for f, a, b in marks if "." not in f}
    kept = [
        m
        for (f, a, b), m in marks.items()
        if (f.rsplit(".", 1)[-1], a, b) not in plain or "." not in f
    ]
    return sorted(kept, key=lambda m: (m["span"][0], m["span"][1], m["field"]))


def _item(r: review.ReviewedEvent) -> dict[str, Any]:
    s = r.stored
    return {
        "id": s.key, "incident": r.incident, "article_id": s.article_id, "title": s.title,
        "source": s.source, "published": s.published.isoformat() if s.published else None,
        "corrected": list(r.corrected), "event": r.data,
    }  # fmt: skip


def _source(r: review.ReviewedEvent) -> dict[str, Any]:
    item = _item(r)
    item.pop("event")
    return {
        **item,
        "type": r.data.get("type"),
        "date": r.data.get("date"),
        "status": r.data.get("status"),
    }


def _article(store: Store, content_hash: str) -> dict[str, Any]:
    """The stored article with this content hash (its text is what the spans point into)."""
    row = store.execute(  # type: ignore[attr-defined]
        "SELECT id, title, published, source, url, language, text FROM articles WHERE hash = ?",
        (content_hash,),
    ).fetchone()
    id, title, published, source, url, language, text = row
    published = published.isoformat() if hasattr(published, "isoformat") else published
    return {"id": id, "title": title, "published": published, "source": source, "url": url,
            "language": language, "text": text}  # fmt: skip


def _with_id(article: Any, id: str) -> Any:
    import dataclasses

    return dataclasses.replace(article, id=id)
