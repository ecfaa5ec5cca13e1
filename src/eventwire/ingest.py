"""Stage 1, ingest: files, folders, JSON/JSONL and stdin → ``Article`` records.

Reads: paths (``-`` for stdin). Writes: ``Article`` or ``InputError`` per article, in input
order, so one bad input never stops the others.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import gzip
import hashlib
import io
import itertools
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
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
    RETURNS (Iterator[Article | InputError]): in input order. An input that cannot be read
    (a permission, an I/O error, a FIFO in a folder, a bug) ends with an error naming it, and
    the inputs after it are read as if it were not there.
    """
    for name in inputs:
        if name == "-":
            yield from _guarded("-", _from_stream("-", sys.stdin.buffer, opts))
            continue
        path = Path(name)
        try:
            mode = os.stat(path).st_mode
        except OSError as err:
            yield InputError(name, _os_reason(err, path))
            continue
        if stat.S_ISDIR(mode):
            empty = True
            for file in _files(path):
                empty = False
                if isinstance(file, InputError):
                    yield file
                else:
                    yield from _guarded(str(file), _from_file(file, opts))
            if empty:
                yield InputError(name, errors.E_FOLDER_EMPTY)
        elif stat.S_ISREG(mode):
            yield from _guarded(name, _from_file(path, opts))
        elif stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
            # named by the user ("<(zcat feed.gz)", a device): read as stdin is, capped
            yield from _guarded(name, _from_pipe(path, opts))
        else:
            yield InputError(name, errors.E_SPECIAL.format(kind=_special(mode)))


def _guarded(origin: str, items: Iterator[Article | InputError]) -> Iterator[Article | InputError]:
    """``items``, and an error naming ``origin`` instead of an exception that would stop
    the run (the items read before it are kept)."""
    try:
        yield from items
    except InputError as err:
        yield err
    except OSError as err:  # an I/O error halfway through a file
        yield InputError(origin, errors.E_UNREADABLE.format(detail=err.strerror or err))
    except Exception as err:  # a bug must cost one input, never the batch
        yield bug(origin, err)


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
            if isinstance(file, Path) and _kind(file) == ".jsonl" and file.is_file():
                total += max(1, _count_lines(file))
            else:
                total += 1
    return total


def _files(folder: Path) -> Iterator[Path | InputError]:
    """The article files under ``folder``, in name order, one folder at a time (a folder of
    millions of files is never listed whole); what cannot be read there is named, not
    skipped: an unreadable folder, a FIFO, a device, a link to nothing or to itself."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        yield InputError(str(folder), _os_reason(err, folder))
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _files(Path(entry.path))
            elif entry.is_file():
                if _kind(Path(entry.name)) in SUFFIXES:  # other files (notes.pdf) are not inputs
                    yield Path(entry.path)
            else:
                kind = _special(os.stat(entry.path).st_mode)
                yield InputError(entry.path, errors.E_SPECIAL.format(kind=kind))
        except OSError as err:
            yield InputError(entry.path, _os_reason(err, Path(entry.path)))


def _special(mode: int) -> str:
    """What a file that is not a regular one is, in a user's words."""
    if stat.S_ISDIR(mode):
        return "a link to a folder, not followed: name the folder itself"
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISCHR: "a device", stat.S_ISBLK: "a device"}
    return next((name for test, name in kinds.items() if test(mode)), "a socket or other special file")


def _os_reason(err: OSError, path: Path) -> str:
    """The user's message for a file that cannot be opened or listed."""
    if err.errno == errno.ENOENT:
        return (
            errors.E_UNREADABLE.format(detail="a link to nothing") if path.is_symlink() else errors.E_MISSING
        )
    if err.errno == errno.ELOOP:
        return errors.E_UNREADABLE.format(detail="a symbolic link that loops back on itself")
    return errors.E_UNREADABLE.format(detail=err.strerror or err)


def _kind(path: Path) -> str:
    """The input kind by name: ".jsonl" for "feed.jsonl.gz", else the suffix."""
    name = path.name.lower()
    return ".jsonl" if name.endswith(".jsonl.gz") else path.suffix.lower()


def _count_lines(path: Path) -> int:
    try:
        with _open_lines(path) as handle:
            return sum(1 for _ in _numbered(_blocks(handle), 1))  # lines kept: none
    except (InputError, OSError, EOFError, zlib.error, UnicodeDecodeError):
        return 1  # read will say why


def _open_lines(path: Path) -> Any:
    handle = _open_regular(path)
    return gzip.GzipFile(fileobj=handle, mode="rb") if path.name.lower().endswith(".gz") else handle


def _open_regular(path: Path) -> Any:
    """``path`` opened for reading if it is a regular file (never blocking on a FIFO);
    InputError otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as err:
        raise InputError(str(path), _os_reason(err, path)) from err
    handle = os.fdopen(fd, "rb")
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        handle.close()
        raise InputError(str(path), errors.E_SPECIAL.format(kind=_special(mode)))
    return handle


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refused (E104) past ``limit`` as counted by
    the bytes read, not by the size the file claims (/proc files claim 0); InputError for
    anything that is not a readable regular file."""
    with _open_regular(path) as handle:
        data: bytes = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(str(path), errors.E_TOO_BIG_READ.format(limit=limit))
    return data


def _from_pipe(path: Path, opts: Options) -> Iterator[Article | InputError]:
    """The articles of a FIFO or device the user named, read as stdin is."""
    with path.open("rb") as handle:
        yield from _from_stream(str(path), handle, opts)


def _from_file(path: Path, opts: Options) -> Iterator[Article | InputError]:
    suffix = _kind(path)
    if suffix not in SUFFIXES:
        yield InputError(str(path), errors.E_KIND.format(suffix=suffix or "(none)"))
        return
    if suffix == ".jsonl":  # a feed of any length, read line by line; the limit is per article
        with _open_lines(path) as handle:
            yield from _jsonl(str(path), _blocks(handle), opts, path.name.lower().endswith(".gz"))
        return
    if suffix == ".parquet":
        yield from _from_parquet(path, opts)
        return
    yield from _from_bytes(str(path), read_capped(path, _limit(suffix, opts)), suffix, opts)


def _from_stream(origin: str, handle: Any, opts: Options) -> Iterator[Article | InputError]:
    """The articles of a stream whose kind is not named (stdin, a FIFO): read whole when it
    is within the limit of one input, else on line by line if it is a JSONL feed."""
    head: bytes = handle.read(BLOCK)
    if b"\x00" in head[:65536] and _bom(head) is None:  # /dev/zero: no need to read on
        yield InputError(origin, errors.E_BINARY)
        return
    cap = _limit(".json", opts)
    data = head + handle.read(cap + 1 - len(head))
    if len(data) <= cap:
        yield from _from_bytes(origin, data, None, opts)
        return
    if _sniff(head.decode("utf-8", "ignore")) != ".jsonl":
        yield InputError(origin, errors.E_TOO_BIG_READ.format(limit=cap))
        return
    yield from _jsonl(origin, itertools.chain([data], _blocks(handle)), opts, False)


BLOCK = 1 << 20  # bytes read at a time from a feed
_INK = re.compile(rb"\S")


def _blocks(handle: Any) -> Iterator[bytes]:
    """The bytes of ``handle`` a block at a time, as UTF-8 (a UTF-16 or UTF-32 file, known
    by its byte order mark, is decoded and encoded again)."""
    head: bytes = handle.read(4)
    encoding = _bom(head)
    if encoding is None:
        yield head
        yield from iter(lambda: handle.read(BLOCK), b"")
        return
    text = io.TextIOWrapper(io.BufferedReader(_Prefixed(head, handle)), encoding=encoding)
    for chunk in iter(lambda: text.read(BLOCK), ""):
        yield chunk.encode("utf-8", "surrogatepass")


class _Prefixed(io.RawIOBase):
    """``handle`` with ``head`` put back in front (what was read to find the encoding)."""

    def __init__(self, head: bytes, handle: Any) -> None:
        self.head, self.handle = head, handle

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.head[: len(buffer)] or self.handle.read(len(buffer))
        self.head = self.head[len(data) :]
        buffer[: len(data)] = data
        return len(data)


def _numbered(blocks: Iterable[bytes], limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line, its length) of every line that is not blank, from ``blocks``;
    the line is None when longer than ``limit`` bytes (so memory stays within ``limit`` and
    a block, whatever the feed holds), and runs of blank lines are skipped at C speed."""
    parts: list[bytes] = []
    lineno, size, inside = 1, 0, False
    for block in blocks:
        pos = 0
        while pos < len(block):
            if not inside:
                ink = _INK.search(block, pos)
                if ink is None:
                    lineno += block.count(b"\n", pos)
                    break
                lineno += block.count(b"\n", pos, ink.start())
                pos, parts, size, inside = ink.start(), [], 0, True
            end = block.find(b"\n", pos)
            stop = len(block) if end < 0 else end
            size += stop - pos
            if size <= limit:
                parts.append(block[pos:stop])
            else:
                parts = []
            if end < 0:
                break
            yield lineno, (b"".join(parts) if size <= limit else None), size
            lineno, pos, inside = lineno + 1, end + 1, False
    if inside:
        yield lineno, (b"".join(parts) if size <= limit else None), size


def _jsonl(
    origin: str, blocks: Iterable[bytes], opts: Options, compressed: bool
) -> Iterator[Article | InputError]:
    """One article (or error) per line of a JSONL feed; a feed with no line is empty (E101),
    and one that cannot be read on ends with an error at the line where reading stopped."""
    lineno = 0
    try:
        for lineno, line, size in _numbered(blocks, opts.max_bytes):
            where = f"{origin}:{lineno}"
            if line is None:
                yield InputError(where, errors.E_TOO_BIG.format(size=size, limit=opts.max_bytes))
            else:
                yield _line_article(where, line, opts)
    except (OSError, EOFError, zlib.error) as err:  # a truncated or corrupt .gz, an I/O error
        reason = errors.E_COMPRESSED if compressed else errors.E_UNREADABLE
        yield InputError(f"{origin}:{lineno + 1}", reason.format(detail=err))
        return
    except UnicodeDecodeError as err:
        yield InputError(f"{origin}:{lineno + 1}", errors.E_ENCODING.format(pos=err.start))
        return
    if lineno == 0:
        yield InputError(origin, errors.E_EMPTY)


def _from_parquet(path: Path, opts: Options) -> Iterator[Article | InputError]:
    """One article per row of a Parquet file with a ``text`` column (and any of the optional
    fields of a JSON article), read a row group at a time."""
    try:
        errors.needs("reading Parquet", "parquet", "pyarrow")
    except errors.MissingExtra as err:
        yield InputError(str(path), str(err))
        return
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


_SURROGATE = re.compile("[\ud800-\udfff]")


def _line_article(origin: str, raw: bytes, opts: Options) -> Article | InputError:
    """The article of one JSONL line (``_jsonl`` skips blank lines and measures the rest)."""
    return _guard(origin, lambda: _from_json(origin, decode(origin, raw), opts))


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
        yield from _jsonl(origin, [text.encode("utf-8")], opts, False)
        return
    if len(data) > _limit(kind, opts):
        yield InputError(origin, errors.E_TOO_BIG.format(size=len(data), limit=_limit(kind, opts)))
        return
    if kind == ".json":
        try:
            obj = _json(origin, text)
        except InputError as err:
            yield err
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
    """The article ``build`` makes, or the error that names ``origin``: one bad item of a
    list or feed costs that item only."""
    try:
        article: Article = build()
        return article
    except InputError as err:
        return err
    except Exception as err:  # a bug must cost one input, never the batch
        return bug(origin, err)


def bug(origin: str, err: Exception) -> InputError:
    """The error of an input that an unforeseen exception stopped: it costs that input only."""
    return InputError(origin, errors.E_BUG.format(detail=repr(err)[:300]))


# Byte order marks, longest first: UTF-32's little-endian one begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bom(data: bytes) -> str | None:
    """The encoding a UTF-16 or UTF-32 byte order mark at the start of ``data`` names."""
    return next((name for mark, name in _BOMS if data.startswith(mark)), None)


def decode(origin: str, data: bytes) -> str:
    """The text of ``data``: UTF-8, or UTF-16/32 with a byte order mark (as Windows tools
    save it); else an InputError saying why not."""
    encoding = _bom(data)
    if encoding is None and b"\x00" in data[:65536]:
        raise InputError(origin, errors.E_BINARY)
    try:
        return data.decode(encoding or "utf-8-sig")
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
    return from_object(origin, _json(origin, line), opts)


def _json(origin: str, text: str) -> Any:
    """The value of a JSON text, or E106 for one Python cannot hold: malformed, nested too
    deep (RecursionError), an integer of thousands of digits (ValueError)."""
    try:
        return json.loads(text)
    except RecursionError as err:
        raise InputError(origin, errors.E_JSON.format(detail="nested too deeply")) from err
    except ValueError as err:  # JSONDecodeError is one
        digits = str(err).startswith("Exceeds the limit")
        detail = f"a number of more than {sys.get_int_max_str_digits():,} digits" if digits else err
        raise InputError(origin, errors.E_JSON.format(detail=detail)) from err


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
    """ISO alpha-2 for an ISO code or a country name ("KE", "KEN", "Kenya"); None if none."""
    import pycountry

    try:
        return str(pycountry.countries.lookup(value.strip()).alpha_2)
    except LookupError:
        return None


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
