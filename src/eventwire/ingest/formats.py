"""The input formats: bytes to text (UTF-8, or UTF-16/32 by a byte order mark), read a block
and a line at a time; and the articles of a text, JSON, JSONL, HTML or Parquet input."""

from __future__ import annotations

import codecs
import io
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .. import errors
from ..errors import InputError
from ..records import Article
from .article import META, Options, from_object, make_article
from .page import read_page

COLLECTION = 100  # a .json list may hold this many articles' worth of bytes


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


CONTROL = re.compile(rb"[\x01-\x08\x0e-\x1f\x7f]")  # C0 controls but tab, line and page breaks


def decode(origin: str, data: bytes) -> str:
    """The text of ``data``: UTF-8, or UTF-16/32 with a byte order mark (as Windows tools
    save it); else an InputError saying why not."""
    encoding = _bom(data)
    head = data[:65536]
    # a NUL, or control bytes more than one in a hundred (a text file holds at most a stray
    # one; in a text shorter than a hundred bytes even one is too many: "A\x01A\ta a")
    if encoding is None and (b"\x00" in head or len(CONTROL.findall(head)) > len(head) // 100):
        raise InputError(origin, errors.E_BINARY)
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(origin, errors.E_ENCODING.format(pos=err.start)) from err


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


def _line_article(origin: str, raw: bytes, opts: Options) -> Article | InputError:
    """The article of one JSONL line (``_jsonl`` skips blank lines and measures the rest)."""
    return _guard(origin, lambda: _from_json(origin, decode(origin, raw), opts))


def _from_bytes(
    origin: str, data: bytes, suffix: str | None, opts: Options
) -> Iterator[Article | InputError]:
    try:
        text = decode(origin, data)
    except InputError as err:
        if suffix in (".html", ".htm") and err.reason.startswith("E103") and DECLARED.search(data[:4096]):
            # a page that names its own encoding ("windows-1252") is read in it, as watch reads one
            too_big = _too_big(origin, data, ".html", opts)
            yield too_big or _guard(origin, lambda: _from_html(origin, data, opts))
        else:
            yield err
        return
    kind = suffix or _sniff(text)
    if kind == ".jsonl":
        yield from _jsonl(origin, [text.encode("utf-8")], opts, False)
        return
    too_big = _too_big(origin, data, kind, opts)
    if too_big:
        yield too_big
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


def _too_big(origin: str, data: bytes, kind: str, opts: Options) -> InputError | None:
    limit = _limit(kind, opts)
    too_big = len(data) > limit
    return InputError(origin, errors.E_TOO_BIG.format(size=len(data), limit=limit)) if too_big else None


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


DECLARED = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?[\w-]+", re.IGNORECASE)


def _from_html(origin: str, html: str | bytes, opts: Options) -> Article:
    page = read_page(html)
    if page.problem:
        raise InputError(origin, errors.E_NO_ARTICLE_READ.format(why=page.problem))
    if len(page.text.split()) < 15:
        raise InputError(origin, errors.E_NO_ARTICLE)
    obj = {"title": page.title, "published": page.published, "source": page.source, "url": page.url}
    return make_article(origin, page.text, obj, opts)
