"""Stage 1, ingest: files, folders, JSON/JSONL and stdin → ``Article`` records.

Reads: paths (``-`` for stdin). Writes: ``Article`` or ``InputError`` per article, in input
order, so one bad input never stops the others.

``files`` walks the inputs, ``formats`` reads each kind (text, JSON, JSONL, Parquet, HTML),
``page`` extracts an HTML page's article (for ``watch`` too), and ``article`` checks a text
and its metadata into an ``Article``.
"""

from .article import MAX_BYTES, META, Options, country_code, from_object, make_article, parse_date
from .files import count, read, read_capped
from .formats import bug
from .page import Page, read_page

__all__ = [
    "MAX_BYTES",
    "META",
    "Options",
    "Page",
    "bug",
    "count",
    "country_code",
    "from_object",
    "make_article",
    "parse_date",
    "read",
    "read_capped",
    "read_page",
]
