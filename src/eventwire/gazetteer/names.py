"""The keys places are looked up by: accent-, case- and punctuation-insensitive
(``key``), transliteration-tolerant (``loose``), and the area words a name may carry."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

from .. import tables
from ..errors import TableError

QUOTES = re.compile(r"['’‘`ʼʻ]")
NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1 << 17)
def key(name: str) -> str:
    """Accent-, case- and punctuation-insensitive form of a name (worked out once per name
    and process: places and actors ask for the same names over and over)."""
    if name.isascii():
        text = name.lower()  # nothing to decompose
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return NOT_ALNUM.sub(" ", QUOTES.sub("", text)).strip()


def _edits(a: str, b: str, most: int) -> int:
    """The edit distance of two strings (insertions, deletions, substitutions and swaps of
    neighbours), or ``most + 1`` once it must exceed ``most``."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    before: list[int] | None = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        now = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            now[j] = min(row[j] + 1, now[j - 1] + 1, row[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                now[j] = min(now[j], before[j - 2] + 1)
        if min(now) > most:
            return most + 1
        before, row = row, now
    return row[-1]


def _area_stem(name: str) -> str:
    """An area's loose key without its area word ("Rakhine State": rakhine)."""
    return loose(area_words().sub("", name.strip()))


def ascii_name(name: str) -> str:
    """ "Kirkūk" → "Kirkuk": ACLED writes place names without diacritics."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


@cache
def _articles() -> frozenset[str]:
    return frozenset(tables.load_yaml("places/places.yaml", ("articles",))["articles"])


SYLLABLE_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")  # "Mu-se", "Hpa-an", not "al-Fallujah"
VOWEL_H = re.compile(r"([aeiou])h$")
DOUBLE = re.compile(r"(.)\1")


@tables.table
def _spellings() -> tuple[tuple[str, str], ...]:
    """The letter groups that transliterations write either way, as (written, key) pairs in
    the order they apply (``spellings`` of places.yaml)."""
    rows = tables.load_yaml("places/places.yaml", ("spellings",))["spellings"]
    if not isinstance(rows, list) or not all(_letter_pair(r) for r in rows):
        raise TableError("places/places.yaml", "spellings", "each row must be [letters, letters]")
    return tuple((str(a), str(b)) for a, b in rows)


def _letter_pair(row: object) -> bool:
    return isinstance(row, list) and len(row) == 2 and all(isinstance(x, str) and x.isalpha() for x in row)


@tables.made_from_tables
@lru_cache(maxsize=1 << 17)
def loose(name: str) -> str:
    """A transliteration-tolerant key: Al Fallujah, Falluja and Fallujah agree (the letter
    groups written either way are the ``spellings`` of places.yaml), and so do syllables
    written apart or together (Mu-se and Muse, Kyauk-phyu and Kyaukphyu; not Al-Fallujah,
    whose article stands apart)."""
    words = key(SYLLABLE_HYPHEN.sub("", name)).split()
    articles = _articles()
    while len(words) > 1 and words[0] in articles:
        words = words[1:]
    out = []
    for w in words:
        w = VOWEL_H.sub(r"\1", w)
        w = DOUBLE.sub(r"\1", w)
        for written, kept in _spellings():
            w = w.replace(written, kept)
        out.append(w)
    return " ".join(out)


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in unicodedata.normalize("NFKD", name))


Row = tuple[Any, ...]


WORDS = "places/gazetteer.yaml"


@tables.table
def area_words() -> re.Pattern[str]:
    """The words an area's name may carry before or after it ("State of", "Governorate"), as
    one pattern that takes them off (``area_words`` of gazetteer.yaml, tried in order)."""
    table = tables.load_yaml(WORDS, ("area_words",))["area_words"]
    if (
        not isinstance(table, dict)
        or set(table) != {"before", "after"}
        or not all(map(_word_list, table.values()))
    ):
        raise TableError(WORDS, "area_words", "must give lists of words before and after a name")
    before, after = ("|".join(map(re.escape, table[side])) for side in ("before", "after"))
    return re.compile(rf"^(?:{before})\s+|\s+(?:{after})$", re.IGNORECASE)


def _word_list(value: object) -> bool:
    """A list of words, one at least (YAML reads a bare on or yes as true: no word)."""
    return isinstance(value, list) and bool(value) and all(isinstance(w, str) and w.strip() for w in value)
