"""Stage 4, places: toponym recognition and resolution to GeoNames.

Reads: ``Parsed`` (entities GPE/LOC/FAC, plus demonyms for the country focus).
Writes: ``Toponyms`` — resolved ``Place`` records in text order and the article's focus
country. Facilities resolve to the town they name; "near X" and "80 km north of X" give
geo_precision 2; a first-level division ("Borno state") precision 3; a country 4.

Submodules, in the order a name is read: ``words`` (the tables and the word lists of
``data/places/``; the actor names that are no places come from the actor dictionary,
``actors.names``), ``context`` (what the
words around a name say of where it lies), ``story`` (the countries and areas the article
names: its ``Scene``), ``candidates`` (the towns a name may be, and their scores),
``toponym`` (one name read as a country, area, county, facility or town), ``untagged``
(places the tagger missed: towns, "the town", quarters, capitals), ``recognise`` (every
toponym of an article), ``build`` (``Place`` records and the fallbacks an event takes) and
``report`` (what a user reads of each toponym, and why).
"""

from __future__ import annotations

from .build import (
    Toponyms,
    acled_admin1,
    capital_place,
    country_place,
    filed_town,
    measured_from,
    point,
    province_place,
    story_province,
    story_town,
)
from .context import told_in, told_inside, told_near
from .recognise import find, resolve
from .report import explain, records
from .untagged import is_quarter, quarter_of
from .words import area_words, around_nouns, settlement_words, unit_word

__all__ = [
    "Toponyms",
    "acled_admin1",
    "around_nouns",
    "capital_place",
    "country_place",
    "measured_from",
    "explain",
    "find",
    "is_quarter",
    "point",
    "province_place",
    "quarter_of",
    "records",
    "resolve",
    "settlement_words",
    "area_words",
    "story_province",
    "story_town",
    "filed_town",
    "told_in",
    "told_inside",
    "told_near",
    "unit_word",
]
