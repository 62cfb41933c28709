"""Whole-word phrase matching on a length-preserving folded copy of the text.

The text is folded character by character (lower case, accents off, every apostrophe one
``'``, hyphens and line breaks spaces) so that offsets into the fold are offsets into the
article. Phrases are compiled into one regular expression shaped like a character trie:
at each position the longest phrase wins, and matches never overlap. ``PhraseSet`` first
looks the text's words up in a set of first words, so that the trie is only tried where a
phrase can start; ``compile_phrases``/``scan`` try every word start and allow a prefix
pattern (the calibre before a weapon).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from unidecode import unidecode

APOSTROPHES = "'’‘ʼʻ`´′"
DASHES = "-‐‑‒–—―"
_WORD = "a-z0-9"


def _fold_table() -> dict[int, str]:
    """Non-ASCII letters to one ASCII letter where Unidecode gives exactly one."""
    table: dict[int, str] = {}
    for code in range(0x80, 0x2000):
        ch = chr(code)
        if not ch.isalpha():
            continue
        ascii_form = unidecode(ch).lower()
        if len(ascii_form) == 1 and ascii_form.isalpha():
            table[code] = ascii_form
    for ch in APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in DASHES + "\u00a0\u2009\u202f\u2002\u2003":
        table[ord(ch)] = " "
    for ch in "“”„«»":
        table[ord(ch)] = '"'
    return table


_TABLE = _fold_table()
_ASCII = str.maketrans({"-": " ", "\n": " ", "\r": " ", "\t": " ", "\f": " ", "\v": " ",
                        "_": " ", "`": "'"})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_char(m: re.Match[str]) -> str:
    ch = m.group()
    folded = _TABLE.get(ord(ch))
    if folded is None:
        low = ch.lower()
        folded = low if len(low) == 1 else ch
    return folded


def fold(text: str) -> str:
    """``text`` lower-cased, de-accented and with uniform apostrophes, dashes and spaces.

    The result has exactly the length of ``text``, so spans carry over unchanged.
    """
    if not text.isascii():
        text = _NON_ASCII.sub(_fold_char, text)
    folded = text.translate(_ASCII).lower()
    if len(folded) != len(text):  # a character whose lower case is longer: keep it as is
        folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in text.translate(_ASCII))
    return folded


def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase: folded, single-spaced, trimmed."""
    return " ".join(fold(unicodedata.normalize("NFC", phrase)).split())


def lookup_key(phrase: str) -> str:
    """The key a folded phrase is stored under: single-spaced, apostrophes dropped."""
    return " ".join(phrase.replace("'", "").split())


_CAPITALS = bytes(range(ord("A"), ord("Z") + 1))
_SMALL = bytes(range(ord("a"), ord("z") + 1))


def is_upper_case(text: str) -> bool:
    """True when most letters are capitals (wire copy such as MUC-4's FBIS texts)."""
    sample = text[:20000].encode("ascii", "ignore")
    upper = len(sample) - len(sample.translate(None, _CAPITALS))
    lower = len(sample) - len(sample.translate(None, _SMALL))
    if upper + lower < 12:
        return False
    return upper / (upper + lower) > 0.6


def _trie(keys: Iterable[str]) -> dict:
    """A character trie of the keys; a key with an apostrophe goes in with and without it.

    Every node's children are then distinct literal characters, so a greedy regex over the
    trie always takes the longest phrase ("al qaeda in iraq", not "al qaeda").
    """
    root: dict = {}
    for key in keys:
        for form in {key, key.replace("'", "")}:
            node = root
            for ch in form:
                node = node.setdefault(ch, {})
            node[""] = {}
    return root


def _char_pattern(ch: str) -> str:
    return " +" if ch == " " else re.escape(ch)


def _trie_pattern(node: dict) -> str:
    """A regex for the trie below ``node``; a greedy optional tail, so the longest wins."""
    terminal = "" in node
    branches = [_char_pattern(ch) + _trie_pattern(child) for ch, child in node.items() if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        if len(branches) == 1:
            body = "(?:" + body + ")"
        return body + "?"
    return body


def compile_phrases(keys: Iterable[str], prefix: str = "") -> re.Pattern[str]:
    """One regex that finds any of ``keys`` (already folded) as whole words in folded text.

    ``prefix`` is an optional pattern (with its own groups) allowed before the phrase. The
    pattern opens with the one character before the phrase (``scan`` puts a space before the
    text): a leading character class lets the regex engine skip positions inside words fast.
    """
    keys = sorted({k for k in keys if k})
    if not keys:
        return re.compile(r"(?!x)x")
    # A key may end in a non-word character ("u.s."), so the right edge only forbids a
    # word character glued to a word character.
    body = _trie_pattern(_trie(keys))
    return re.compile(
        rf"[^{_WORD}](?P<all>{prefix}(?P<phrase>{body}))(?:(?<=[^{_WORD}])|(?![{_WORD}]))"
    )


@dataclass(frozen=True)
class Hit:
    """One phrase found: its span in the text and the folded, single-spaced key."""

    start: int
    end: int
    key: str
    groups: dict


def scan(pattern: re.Pattern[str], folded: str) -> Iterator[Hit]:
    """Leftmost-longest, non-overlapping hits of a ``compile_phrases`` pattern in folded text."""
    for m in pattern.finditer(" " + folded):
        start, end = m.span("all")
        key = lookup_key(m.group("phrase"))
        groups = {k: v for k, v in m.groupdict().items() if k not in ("phrase", "all")}
        yield Hit(start - 1, end - 1, key, groups)


def key_variants(key: str) -> set[str]:
    """Spelling variants of a folded key: apostrophes optional, "al-"/"el-" articles.

    "al qaeda" also gives "el qaeda" and "alqaeda"; "kata'ib" matches "kataib" by pattern.
    """
    out = {key}
    words = key.split(" ")
    for i, word in enumerate(words[:-1]):
        if word in ("al", "el"):
            for article in ("al", "el"):
                variant = words[:i] + [article] + words[i + 1 :]
                out.add(" ".join(variant))
                out.add(" ".join(variant[:i] + [article + variant[i + 1]] + variant[i + 2 :]))
    return out


_SEPARATORS = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _segments(text: str) -> list[str]:
    return text.translate(_SEPARATORS).split()


class PhraseSet:
    """Folded phrases found by their first word, then confirmed by an anchored trie regex.

    Looking up the text's words in a set first skips most of the text, which keeps a
    search over hundreds of aliases fast (several thousand articles a second).
    """

    def __init__(self, keys: Iterable[str]) -> None:
        keys = sorted({k for k in keys if k})
        self.firsts: set[str] = set()
        for key in keys:
            for form in (key, key.replace("'", "")):
                words = _segments(form)
                if words:
                    self.firsts.add(words[0])
        self._finders: dict[str, re.Pattern[str]] = {}
        body = _trie_pattern(_trie(keys)) if keys else "(?!x)x"
        self.pattern = re.compile(
            rf"(?P<all>(?P<phrase>{body}))(?:(?<=[^{_WORD}])|(?![{_WORD}]))"
        )

    def scan(self, folded: str) -> list[Hit]:
        """Leftmost-longest, non-overlapping hits in folded text."""
        candidates = self.firsts.intersection(_segments(folded))
        if not candidates:
            return []
        starts = []
        for word in candidates:
            finder = self._finders.get(word)
            if finder is None:
                # A pattern that opens with the word itself lets the engine jump to it.
                w = re.escape(word)
                finder = re.compile(rf"{w}(?<![{_WORD}]{w})(?![{_WORD}])")
                self._finders[word] = finder
            starts.extend(m.start() for m in finder.finditer(folded))
        starts.sort()
        hits: list[Hit] = []
        reach = 0
        for at in starts:
            if at < reach:
                continue
            m = self.pattern.match(folded, at)
            if m:
                reach = m.end()
                hits.append(Hit(at, reach, lookup_key(m.group("phrase")), {}))
        return hits
