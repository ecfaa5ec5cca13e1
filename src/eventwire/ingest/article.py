"""One article from its text and metadata: the checks every input gets (encoding, size,
length, language), its publication date and its country."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from .. import errors, tables
from ..errors import InputError
from ..records import Article

META = ("id", "title", "published", "source", "outlet", "url", "country")  # optional article fields
MAX_BYTES = 1_000_000  # a long feature is 100 kB; the parser's own limit is 1,000,000 characters


@dataclass(frozen=True)
class Options:
    published: dt.date | None = None
    source: str | None = None
    max_bytes: int = MAX_BYTES
    min_words: int = 4  # fewer cannot hold an event; the dates command takes any text
    country: str | None = None  # the country of every input (a local paper's), as a prior


_SURROGATE = re.compile("[\ud800-\udfff]")


def from_object(origin: str, obj: Any, opts: Options) -> Article:
    """An article from one object of the input JSON format (``text`` and metadata)."""
    if not isinstance(obj, dict):
        raise InputError(origin, errors.E_JSON.format(detail="expected an object with a 'text' field"))
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, errors.E_JSON_TEXT)
    for name in META:
        value = obj.get(name)
        if value is not None and not isinstance(value, str | int | float):
            detail = f"'{name}' must be a string, not {type(value).__name__}"
            raise InputError(origin, errors.E_JSON.format(detail=detail))
    return make_article(origin, text, obj, opts)


def make_article(origin: str, text: str, meta: dict[str, Any], opts: Options) -> Article:
    """Validate the text and build the Article; metadata from ``meta`` and the options."""
    for name, value in (("the text", text), *((f"'{k}'", meta.get(k)) for k in META)):
        broken = _SURROGATE.search(value) if isinstance(value, str) else None
        if broken:  # UTF-8 cannot hold it: the parser and the store would fail on it
            char = ascii(broken.group())
            raise InputError(origin, errors.E_SURROGATE.format(field=name, char=char, pos=broken.start()))
    size = len(text.encode("utf-8"))
    if size > opts.max_bytes:
        raise InputError(origin, errors.E_TOO_BIG.format(size=size, limit=opts.max_bytes))
    words = re.findall(r"[A-Za-z\u00C0-\u024F']+|[^\W\d_]+", text)
    if not text.strip():
        raise InputError(origin, errors.E_EMPTY)
    if len(words) < opts.min_words:
        raise InputError(origin, errors.E_TOO_SHORT.format(words=len(words)))
    share = english_share(words)
    if share is not None:
        raise InputError(origin, errors.E_LANGUAGE.format(share=share))
    warnings: list[str] = []
    published, basis = opts.published, "given"
    if published is None:
        raw = meta.get("published")
        basis = "metadata"
        published = None
        if raw not in (None, ""):
            published = parse_date(str(raw))
            if published is None:
                warnings.append(errors.E_DATE.format(value=raw) + "; inferring it from the text")
        if published is None:
            basis = "unknown"
    raw_country = opts.country or meta.get("country")
    country = country_code(str(raw_country)) if raw_country not in (None, "") else ""
    if country is None:
        raise InputError(origin, errors.E_COUNTRY.format(value=raw_country))
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return Article(
        id=str(meta.get("id") or digest),
        text=text,
        origin=origin,
        title=str(meta.get("title") or ""),
        published=published,
        published_basis=basis,  # type: ignore[arg-type]
        source=opts.source or str(meta.get("source") or meta.get("outlet") or ""),  # some corpora say outlet
        url=str(meta.get("url") or ""),
        warnings=tuple(warnings),
        country=country,
    )


def country_code(value: str) -> str | None:
    """ISO alpha-2 for a country's name, another name of it or an ISO code ("Kenya", "DR
    Congo", "KE", "KEN"); None if it names none. The gazetteer reads it, as the query filters
    and the API do, so that a country one command takes every other takes too."""
    from ..gazetteer import open_gazetteer  # opened only when an input names a country

    return open_gazetteer().country_code(value)


@tables.table
def _languages() -> tuple[float, int, dict[str, frozenset[str]]]:
    data = tables.load_yaml("ingest/languages.yaml", ("min_share", "short_text", "function_words"))
    words = {lang: frozenset(str(w).split()) for lang, w in data["function_words"].items()}
    return float(data["min_share"]), int(data["short_text"]), words


def english_share(words: list[str]) -> float | None:
    """None when the words read as English; else the share of English function words."""
    min_share, short, function_words = _languages()
    lowered = [w.lower() for w in words]
    latin = sum(all(ord(c) < 0x250 for c in w) for w in lowered)
    if latin < len(lowered) / 2:  # Arabic, Cyrillic, Chinese ...: not English, however short
        return 0.0
    # Capitalised words in English text are mostly names ("El Wak", "Al Shabaab", "De Beers"),
    # so another language's function words count only in lower case.
    small = [w for w in words if w.islower()]
    hits = {
        lang: sum(w in fw for w in (lowered if lang == "en" else small))
        for lang, fw in function_words.items()
    }
    share = hits["en"] / len(lowered)
    other = max(v for k, v in hits.items() if k != "en")
    short_text = len(lowered) < short
    # A headline-length text may have no function words at all; only a foreign majority counts.
    if (short_text and hits["en"] >= other) or (hits["en"] > other and share >= min_share):
        return None
    return share


# Two readings of a publication date with different fixed defaults: a part the value does
# not give (the day of "January 2020", the year of "5 January") comes out different in the
# two, and the value is refused rather than completed from a default or from today.
_DEFAULTS = (dt.datetime(2000, 1, 1), dt.datetime(2004, 12, 28))
# Day and month both as numbers, year last ("05/01/2020"): 5 January or May 1?
_NUMERIC_DMY = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")


def parse_date(value: str) -> dt.date | None:
    """The calendar day a publication date names, else None.

    value (str): ISO 8601 ("2020-01-05", "2020-01-05T10:00:00Z"), RFC 2822 ("Sun, 05 Jan
    2020 14:03:00 +0000"), or a written date ("January 5, 2020", "5 January 2020"). A time
    and its zone are read past: the day is the one written, not moved into another zone.
    RETURNS (dt.date | None): None when the value lacks the day, month or a four-digit year
    ("January 2020", "5 Jan 20"), names an impossible day ("2020-02-30"), puts day and month
    in an order that cannot be told ("05/01/2020"), or is not a date at all.
    """
    from dateutil import parser

    if len(value) > 100:  # a date, not a paragraph
        return None
    numeric = _NUMERIC_DMY.match(value)
    if numeric and numeric[1] != numeric[2] and max(int(numeric[1]), int(numeric[2])) <= 12:
        return None
    try:
        first, second = (parser.parse(value, default=d, ignoretz=True) for d in _DEFAULTS)
    except Exception:  # ParserError, OverflowError and others on odd values: not a date
        return None
    day: dt.date = first.date()
    if day != second.date() or not re.search(rf"(?<!\d){day.year:04d}", value):
        return None
    return day
