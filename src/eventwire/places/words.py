"""The places tables (``data/places/places.yaml``, ``words.yaml``) and the small readings
of a name built on them: its bare form ("the Iraq's" -> "Iraq"), a compass part ("north-east
Nigeria"), the area and settlement words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from .. import tables
from ..errors import TableError
from ..records import Parsed, Place, Token

PLACE_LABELS = ("GPE", "LOC", "FAC")


@cache
def _table() -> tuple[dict[str, int], frozenset[str], re.Pattern[str]]:
    data = tables.load_yaml("places/places.yaml", ("facility_heads", "admin_words", "relative_cues"))
    heads = {str(k).lower(): int(v) for k, v in data["facility_heads"].items()}
    try:
        relative = re.compile(data["relative_cues"], re.IGNORECASE)
    except re.error as err:
        raise TableError("places/places.yaml", "relative_cues", f"bad pattern: {err}") from err
    return heads, frozenset(data["admin_words"]), relative


@tables.table
def _context_words() -> dict[str, frozenset[str]]:
    keys = (
        "locative_preps",
        "settlements",
        "of_place",
        "place_verbs",
        "border_words",
        "away_preps",
        "community_words",
        "struck_preps",
        "named_things",
        "quarters",
        "held_people",
        "held_sites",
        "town_areas",
    )
    data = tables.load_yaml("places/places.yaml", keys)
    for k in keys:
        if not isinstance(data[k], list) or not all(isinstance(w, str) for w in data[k]):
            # (YAML reads a bare on, off, yes or no as true or false)
            raise TableError("places/places.yaml", k, "needs a list of words (quote on, off, yes, no)")
    return {k: frozenset(data[k]) for k in keys}


BIG_CITY = 100_000  # a city this big is known abroad and under its other names ("Katmandu")


def settlement_words() -> frozenset[str]:
    """Nouns that name a settlement ("village", "town"): "two villages" are two places."""
    return _context_words()["settlements"]


def unit_word(lemma: str) -> bool:
    """Whether a noun names a kind of place ("township", "district", "state"): a phrase it
    heads is a place, never an actor."""
    return lemma in _context_words()["settlements"] or lemma in _table()[1]


def area_words() -> frozenset[str]:
    """The words of a first-level area ("province", "state", "oblast")."""
    return frozenset(_table()[1])


@cache
def _admin_words() -> str:
    """The area words of the table (``admin_words``) as one alternation."""
    return "|".join(map(re.escape, sorted(_table()[1])))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _tokens_in(parsed: Parsed, start: int, end: int) -> Iterator[Token]:
    """The tokens that start inside [start, end)."""
    j = parsed.token_at(start)
    while j < len(parsed.tokens) and parsed.tokens[j].start < end:
        if parsed.tokens[j].start >= start:
            yield parsed.tokens[j]
        j += 1


@cache
def _where_words() -> frozenset[str]:
    """Prepositions that tell where something is or goes (the table's ``locative_preps`` and
    ``away_preps``)."""
    words = _context_words()
    return words["locative_preps"] | words["away_preps"]


NOT_PLACES = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY")


@tables.table
def _community_forms() -> tuple[tuple[str, str], ...]:
    pairs = tables.load_yaml("places/places.yaml", ("community_forms",))["community_forms"]
    if not isinstance(pairs, list) or not all(
        isinstance(p, list)
        and len(p) == 2
        and isinstance(p[0], str)
        and p[0]
        and isinstance(p[1], (str, type(None)))
        for p in pairs
    ):
        raise TableError("places/places.yaml", "community_forms", "needs [ending, town ending] pairs")
    return tuple((str(a).lower(), str(b or "")) for a, b in pairs)


def _compass(name: str) -> bool:
    """Whether the name is only a direction ("South", "North-East"), as several countries
    name areas."""
    bare = name.strip(" ,.;:")  # the tagger may take the comma of a list ("North,")
    m = direction().match(bare + " ")
    return m is not None and m.end() == len(bare) + 1


THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s$")


def _strip(name: str) -> str:
    return POSSESSIVE.sub("", THE.sub("", name.strip()))


def _region(name: str) -> tuple[str, bool]:
    """("Nigeria", True) for "north-east Nigeria": a part of a country."""
    stripped = direction().sub("", name)
    return stripped, stripped != name


def _with(place: Place, **changes: object) -> Place:
    return replace(place, **changes)  # type: ignore[arg-type]


WORDS = "places/words.yaml"
WORD_KEYS = (
    "directions",
    "direction_halves",
    "joined_directions",
    "name_suffixes",
    "county_words",
    "area_nouns",
    "town_nouns",
    "within_preps",
    "around_nouns",
)


@tables.table
def _words() -> dict[str, tuple[str, ...]]:
    """The word lists of ``words.yaml``, in their order (the patterns below are built from
    them in that order); a list that holds anything but words stops with its file and line."""
    return {k: tables.words(WORDS, k) for k in WORD_KEYS}


def _alternation(k: str) -> str:
    """The words of list ``k`` as one regex alternation, in their order; a phrase's words
    apart by any space ("local government")."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in _words()[k])


@tables.made_from_tables
@cache
def direction() -> re.Pattern[str]:
    """A compass word opening a name ("north-east Nigeria", "Southern Shan State")."""
    first, half, joined = (_alternation(k) for k in ("directions", "direction_halves", "joined_directions"))
    return re.compile(
        rf"^(?:(?:{first})(?:[- ]?(?:{half}))?(?:ern)?|(?:{joined})(?:{half})ern)\s+", re.IGNORECASE
    )


@tables.made_from_tables
@cache
def county_name() -> re.Pattern[str]:
    """A name that ends with its second-level area's word ("Rapides Parish"): (stem, word)."""
    return _ending("county_words")


@tables.made_from_tables
@cache
def county_word() -> re.Pattern[str]:
    """A second-level area's word right after a name ("Rapides" tagged alone before "Parish")."""
    return re.compile(rf"\s*({_alternation('county_words')})\b", re.IGNORECASE)


@tables.made_from_tables
@cache
def area_after() -> re.Pattern[str]:
    """ "Igabi and Giwa local government areas", "Kutru district": the names of areas called
    after their seats, which ACLED codes to the seat at geo_precision 2, not as the town
    itself."""
    return re.compile(
        r"(?:(?:\s*,\s*|\s+and\s+)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)*"
        rf"\s+(?i:(?:{_alternation('area_nouns')})s?)\b"
    )


@tables.made_from_tables
@cache
def name_suffix() -> re.Pattern[str]:
    """A name and a word its town's name lacks ("Isiolo South", "Thika Town"): (town, word)."""
    return _ending("name_suffixes")


def _ending(key: str) -> re.Pattern[str]:
    """A name that ends with a word of the list ``key``: (the name before it, the word)."""
    return re.compile(rf"(.+?)\s+({_alternation(key)})$", re.IGNORECASE)


@tables.made_from_tables
@cache
def town_nouns() -> frozenset[str]:
    """Nouns that tell a town ("the town of Kebili", "Kebili town")."""
    return frozenset(w.lower() for w in _words()["town_nouns"])


@tables.made_from_tables
@cache
def around_nouns() -> frozenset[str]:
    """Nouns whose "of" names the town a place lies around ("the outskirts of Goma")."""
    return frozenset(w.lower() for w in _words()["around_nouns"])


@tables.made_from_tables
@cache
def within_preps() -> frozenset[str]:
    """Prepositions after which a country is where the story is ("in Iraq")."""
    return frozenset(w.lower() for w in _words()["within_preps"])
