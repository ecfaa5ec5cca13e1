"""Stage 1, ingest: files, folders, JSON/JSONL and stdin → ``Article`` records.

Reads: paths (``-`` for stdin). Writes: ``Article`` or ``InputError`` per article, in input
order, so one bad input never stops the others.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from . import errors, tables
from .errors import InputError
from .records import Article

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".parquet")
META = ("id", "title", "published", "source", "outlet", "url", "country")  # optional article fields
COLLECTION = 100  # a .json list may hold this many articles' worth of bytes
MAX_BYTES = 1_000_000  # a long feature is 100 kB; the parser's own limit is 1,000,000 characters


@dataclass(frozen=True)
class Options:
    published: dt.date | None = None
    source: str | None = None
    max_bytes: int = MAX_BYTES
    min_words: int = 4  # fewer cannot hold an event; the dates command takes any text
    country: str | None = None  # the country of every input (a local paper's), as a prior


def read(inputs: Sequence[str], opts: Options = Options()) -> Iterator[Article | InputError]:
    """Every article of every input, or the error that stopped it; nothing is dropped.

    inputs (Sequence[str]): files, folders, or '-' for stdin.
    RETURNS (Iterator[Article | InputError]): in input order.
    """
    for name in inputs:
        if name == "-":
            yield from _from_bytes("-", sys.stdin.buffer.read(), None, opts)
            continue
        path = Path(name)
        if path.is_dir():
            empty = True
            for file in _files(path):
                empty = False
                yield from _from_file(file, opts)
            if empty:
                yield InputError(name, errors.E_FOLDER_EMPTY)
        elif path.is_file():
            yield from _from_file(path, opts)
        else:
            yield InputError(name, errors.E_MISSING)


def count(inputs: Sequence[str]) -> int | None:
    """About how many items ``read`` will yield (a file each; a JSONL file a line each), for
    a progress bar; None when an input is stdin."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        files = _files(path) if path.is_dir() else [path]
        for file in files:
            total += _lines(file) if _kind(file) == ".jsonl" and file.is_file() else 1
    return total


def _files(folder: Path) -> Iterator[Path]:
    """The article files under ``folder``, in name order, one folder at a time (a folder of
    millions of files is never listed whole)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _files(Path(entry.path))
        elif entry.is_file() and _kind(Path(entry.name)) in SUFFIXES:
            yield Path(entry.path)


def _kind(path: Path) -> str:
    """The input kind by name: ".jsonl" for "feed.jsonl.gz", else the suffix."""
    name = path.name.lower()
    return ".jsonl" if name.endswith(".jsonl.gz") else path.suffix.lower()


def _lines(path: Path) -> int:
    try:
        with _open_lines(path) as handle:
            return sum(1 for line in handle if line.strip())
    except (OSError, EOFError, gzip.BadGzipFile):
        return 1


def _open_lines(path: Path) -> Any:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _from_file(path: Path, opts: Options) -> Iterator[Article | InputError]:
    suffix = _kind(path)
    if suffix not in SUFFIXES:
        yield InputError(str(path), errors.E_KIND.format(suffix=suffix or "(none)"))
        return
    if suffix == ".jsonl":  # a feed of any length, read line by line; the limit is per article
        lineno = 0
        try:
            with _open_lines(path) as lines:
                for lineno, raw in enumerate(lines, 1):
                    yield from _jsonl_line(f"{path}:{lineno}", raw, opts)
        except (OSError, EOFError, gzip.BadGzipFile) as err:  # a truncated or corrupt .gz
            yield InputError(f"{path}:{lineno + 1}", errors.E_COMPRESSED.format(detail=err))
        return
    if suffix == ".parquet":
        yield from _from_parquet(path, opts)
        return
    size = path.stat().st_size
    limit = _limit(suffix, opts)
    if size > limit:
        yield InputError(str(path), errors.E_TOO_BIG.format(size=size, limit=limit))
        return
    yield from _from_bytes(str(path), path.read_bytes(), suffix, opts)


def _from_parquet(path: Path, opts: Options) -> Iterator[Article | InputError]:
    """One article per row of a Parquet file with a ``text`` column (and any of the optional
    fields of a JSON article), read a row group at a time."""
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
        names = set(table.schema_arrow.names)
    except Exception as err:  # pyarrow raises its own kinds for a file that is not Parquet
        yield InputError(str(path), errors.E_PARQUET.format(detail=err))
        return
    if "text" not in names:
        detail = f"no 'text' column (it has: {', '.join(sorted(names)[:8])})"
        yield InputError(str(path), errors.E_PARQUET.format(detail=detail))
        return
    columns = ["text", *(c for c in META if c in names)]
    row = 0
    for batch in table.iter_batches(columns=columns, batch_size=1000):
        for record in batch.to_pylist():
            row += 1
            origin = f"{path}:{row}"
            text = record.pop("text")
            if not isinstance(text, str):
                yield InputError(origin, errors.E_JSON_TEXT)
                continue
            meta = {k: str(v) for k, v in record.items() if v not in (None, "")}
            yield _guard(origin, lambda o=origin, t=text, m=meta: _checked(o, t, m, opts))


def _checked(origin: str, text: str, meta: dict[str, Any], opts: Options) -> Article:
    size = len(text.encode("utf-8"))
    if size > opts.max_bytes:
        raise InputError(origin, errors.E_TOO_BIG.format(size=size, limit=opts.max_bytes))
    return make_article(origin, text, meta, opts)


def _limit(kind: str, opts: Options) -> int:
    """Bytes a whole input may have: one article's worth, or many for a JSON list."""
    return opts.max_bytes * (COLLECTION if kind == ".json" else 1)


def _jsonl_line(origin: str, raw: bytes, opts: Options) -> Iterator[Article | InputError]:
    if not raw.strip():
        return
    if len(raw) > opts.max_bytes:
        yield InputError(origin, errors.E_TOO_BIG.format(size=len(raw), limit=opts.max_bytes))
        return
    try:
        line = decode(origin, raw)
    except InputError as err:
        yield err
        return
    yield _guard(origin, lambda: _from_json(origin, line, opts))


def _from_bytes(
    origin: str, data: bytes, suffix: str | None, opts: Options
) -> Iterator[Article | InputError]:
    try:
        text = decode(origin, data)
    except InputError as err:
        yield err
        return
    kind = suffix or _sniff(text)
    if kind == ".jsonl":
        for lineno, line in enumerate(data.splitlines(), 1):
            yield from _jsonl_line(f"{origin}:{lineno}", line, opts)
        return
    if len(data) > _limit(kind, opts):
        yield InputError(origin, errors.E_TOO_BIG.format(size=len(data), limit=_limit(kind, opts)))
        return
    if kind == ".json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as err:
            yield InputError(origin, errors.E_JSON.format(detail=err))
            return
        items = obj if isinstance(obj, list) else [obj]
        for n, item in enumerate(items):
            where = origin if len(items) == 1 else f"{origin}[{n}]"
            yield _guard(where, lambda o=where, i=item: from_object(o, i, opts))
    elif kind in (".html", ".htm"):
        yield _guard(origin, lambda: _from_html(origin, text, opts))
    else:
        yield _guard(origin, lambda: make_article(origin, text, {}, opts))


def _guard(origin: str, build: Any) -> Article | InputError:
    try:
        article: Article = build()
        return article
    except InputError as err:
        return err


def decode(origin: str, data: bytes) -> str:
    """UTF-8 text of ``data`` or an InputError saying why not."""
    if b"\x00" in data[:65536]:
        raise InputError(origin, errors.E_BINARY)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(origin, errors.E_ENCODING.format(pos=err.start)) from err


def _sniff(text: str) -> str:
    head = text.lstrip()[:1]
    if head == "{":
        lines = [line for line in text.splitlines() if line.strip()]
        return ".jsonl" if len(lines) > 1 and all(x.lstrip().startswith("{") for x in lines) else ".json"
    if head == "[":
        return ".json"
    if head == "<":
        return ".html"
    return ".txt"


def _from_json(origin: str, line: str, opts: Options) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(origin, errors.E_JSON.format(detail=err)) from err
    return from_object(origin, obj, opts)


def from_object(origin: str, obj: Any, opts: Options) -> Article:
    """An article from one object of the input JSON format (``text`` and metadata)."""
    if not isinstance(obj, dict):
        raise InputError(origin, errors.E_JSON.format(detail="expected an object with a 'text' field"))
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, errors.E_JSON_TEXT)
    return make_article(origin, text, obj, opts)


def make_article(origin: str, text: str, meta: dict[str, Any], opts: Options) -> Article:
    """Validate the text and build the Article; metadata from ``meta`` and the options."""
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
    """ISO alpha-2 for an ISO code or a country name ("KE", "KEN", "Kenya"); None if none."""
    import pycountry

    try:
        return str(pycountry.countries.lookup(value.strip()).alpha_2)
    except LookupError:
        return None


@cache
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
    except (ValueError, OverflowError):  # dateutil's ParserError is a ValueError
        return None
    day: dt.date = first.date()
    if day != second.date() or not re.search(rf"(?<!\d){day.year:04d}", value):
        return None
    return day


# --- HTML ---------------------------------------------------------------------------------

SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "button"}
BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "div",
    "section",
    "article",
    "br",
    "tr",
    "dd",
    "dt",
    "figcaption",
}


class _Extractor(HTMLParser):
    """Collects block texts outside boilerplate elements, and a few metadata fields."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.in_title = False
        self.in_article = 0
        self.blocks: list[tuple[bool, str]] = []  # (inside <article>, text)
        self.buf: list[str] = []
        self.meta: dict[str, str] = {}

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
        if text:
            self.blocks.append((self.in_article > 0, text))
        self.buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = a.get("property") or a.get("name") or ""
            if key in ("og:title", "article:published_time", "og:site_name", "og:url", "date"):
                self.meta.setdefault(key, a.get("content", ""))
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag == "article":
            self.in_article += 1
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP and self.skip:
            self.skip -= 1
        elif tag == "title":
            self.in_title = False
        if tag in BLOCKS:
            self._flush()
        if tag == "article" and self.in_article:
            self.in_article -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.meta.setdefault("title", data.strip())
        elif not self.skip:
            self.buf.append(data)


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """Main text (paragraphs joined by blank lines) and metadata of an HTML page."""
    parser = _Extractor()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):  # html.parser raises these on broken markup
        pass
    parser._flush()
    inside = [t for flag, t in parser.blocks if flag]
    blocks = inside if sum(len(t) for t in inside) > 200 else [t for _, t in parser.blocks]
    # Navigation and bylines are short and sentence-less; article paragraphs are neither.
    prose = [t for t in blocks if len(t.split()) >= 8 and re.search(r"[.!?\"”]$", t)]
    return "\n\n".join(prose), parser.meta


def _from_html(origin: str, html: str, opts: Options) -> Article:
    text, meta = extract_html(html)
    if len(text.split()) < 15:
        raise InputError(origin, errors.E_NO_ARTICLE)
    obj = {
        "title": meta.get("og:title") or meta.get("title", ""),
        "published": meta.get("article:published_time") or meta.get("date") or meta.get("time", ""),
        "source": meta.get("og:site_name", ""),
        "url": meta.get("og:url", ""),
    }
    return make_article(origin, text, obj, opts)
