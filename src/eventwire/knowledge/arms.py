"""Weapons: entries, matches and the matcher that keeps a calibre inside the match."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from ..records import Span
from .phrases import compile_phrases, fold, key_variants, lookup_key, phrase_key, scan


@dataclass(frozen=True)
class WeaponEntry:
    """A weapon and what it implies for the event: its class, PLOVER mode, sub-type hint."""

    name: str
    aliases: tuple[str, ...]
    class_: str
    plover_mode: str
    subtype_hint: Optional[str]
    source: Optional[str] = None


@dataclass(frozen=True)
class WeaponMatch:
    """A weapon found in text, calibre included ("107mm rockets"), with a count before it."""

    span: Span
    text: str
    entry: WeaponEntry
    count_text: Optional[str] = None
    count_span: Optional[Span] = None
    calibre: Optional[str] = None


class PhraseIndex:
    """Entries by every folded spelling, and one trie regex that finds them in text."""

    def __init__(self, spellings: dict[str, tuple[Any, str]], prefix: str = "") -> None:
        self.by_key: dict[str, tuple[Any, str]] = {}
        keys = []
        for spelling, (entry, alias) in spellings.items():
            for variant in key_variants(spelling):
                self.by_key.setdefault(lookup_key(variant), (entry, alias))
                keys.append(variant)
        self.pattern = compile_phrases(keys, prefix)

    def lookup(self, phrase: str) -> Optional[tuple[Any, str]]:
        return self.by_key.get(lookup_key(phrase_key(phrase)))


_CALIBRE = (
    r"(?:(?P<calibre>(?:\d+(?:[.,]\d+)?|\.\d+) *"
    r"(?:mm|millimet(?:er|re)s?|cm|inch|in|caliber|calibre|cal|kg|kilo(?:gram)?s?|pounds?|lbs?)"
    r"\.?(?![a-z])) *)?"
)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundred|a hundred|hundreds of|a dozen|dozens of|two dozen|a few|few|"
    "several|many|scores of|a number of|a couple of|a pair of|multiple|numerous|some|a|an"
)
_COUNT = re.compile(
    r"(?<![a-z0-9])(?P<count>(?:(?:more than|at least|about|around|approximately|nearly|almost|"
    r"over|up to|as many as|some|less than|fewer than) +)?(?:\d[\d,]*|"
    + _NUMBER_WORDS
    + r")) +$"
)


class WeaponKB:
    """Weapon names and patterns; ``find`` keeps a calibre prefix inside the match."""

    def __init__(self, entries: tuple[WeaponEntry, ...]) -> None:
        self.entries = entries
        spellings: dict[str, tuple[WeaponEntry, str]] = {}
        for entry in entries:
            for alias in (entry.name, *entry.aliases):
                for form in _weapon_forms(phrase_key(alias)):
                    spellings.setdefault(form, (entry, alias))
        self._index = PhraseIndex(spellings, prefix=_CALIBRE)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def get(self, name: str) -> Optional[WeaponEntry]:
        """The weapon entry for a name or alias in any case or number, else None."""
        hit = self._index.lookup(name)
        return hit[0] if hit else None

    def find(self, text: str) -> list[WeaponMatch]:
        """Every weapon in ``text``: "More than a dozen 107mm rockets" gives one match
        "107mm rockets" with count_text "More than a dozen"."""
        folded = fold(text)
        found = []
        for hit in scan(self._index.pattern, folded):
            entry, _ = self._index.by_key[hit.key]
            count_text = count_span = None
            before = _COUNT.search(folded, max(0, hit.start - 40), hit.start)
            if before:
                count_span = before.span("count")
                count_text = text[count_span[0] : count_span[1]]
            calibre = hit.groups.get("calibre")
            found.append(
                WeaponMatch(
                    (hit.start, hit.end),
                    text[hit.start : hit.end],
                    entry,
                    count_text,
                    count_span,
                    text[hit.start : hit.start + len(calibre)] if calibre else None,
                )
            )
        return found


def _weapon_forms(key: str) -> set[str]:
    """A weapon name with its plain plural and hyphen-free model forms ("m 16" -> "m16")."""
    forms = {key}
    glued = re.sub(r"(?<=[a-z]) (?=\d)", "", key)
    forms.add(glued)
    for form in list(forms):
        if not form.endswith(("s", "ry", ".")) and form[-1].isalnum():
            forms.add(form + ("es" if form.endswith(("ch", "sh", "x")) else "s"))
    return forms
