"""Where articles come from: files, folders, stdin and FIFOs, read in input order with every
read capped, and what cannot be read named, never skipped."""

from __future__ import annotations

import errno
import gzip
import itertools
import os
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .. import errors
from ..errors import InputError
from ..records import Article
from .article import Options
from .formats import BLOCK, _blocks, _bom, _from_bytes, _from_parquet, _jsonl, _limit, _numbered, _sniff, bug

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".parquet")


def read(inputs: Sequence[str], opts: Options = Options()) -> Iterator[Article | InputError]:  # noqa: B008 (frozen)
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
