"""The index in use: ``open_gazetteer`` (built on first use, rebuilt when damaged), and
the user's ``add`` and ``remove`` of their own files, which rebuild it."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from ..errors import E_GAZ_UNKNOWN, InputError
from .cache import Source, _locked, _save, _tidy, check_sources, index_path, sources
from .files import Loaded, _source
from .lookup import Gazetteer
from .overlay import _build, build

log = logging.getLogger("eventwire")


@cache
def open_gazetteer() -> Gazetteer:
    """The index, built on first use (about 15 s) and reused afterwards; a damaged index
    (not SQLite, tables missing, too few places) is rebuilt, with a warning. One of the
    user's gazetteer files that is gone or changed raises InputError (see ``check_sources``)."""
    added = check_sources()
    path = index_path(added)
    if not path.exists():
        build(path, added)
    try:
        return Gazetteer(path)
    except (sqlite3.DatabaseError, RuntimeError) as err:
        log.warning("gazetteer index %s is damaged (%s); rebuilding it", path, err)
        path.unlink(missing_ok=True)
        build(path, added)
        return Gazetteer(path)


def add(
    paths: Sequence[Path], tell: Callable[[str], None] | None = None
) -> list[tuple[Source, Loaded | None]]:
    """Add the user's files ``paths`` to the index and rebuild it. Every file is read in
    full first: one that cannot be read, is of no format we read or has a malformed line
    raises InputError (naming the file and line) and changes nothing, neither the list of
    files nor any index. A file added before is read again if it changed (and then counts
    as added last), else left as it is.

    RETURNS (list): each file's Source and what it brought (None: unchanged, not read).
    """
    with _locked():
        known = list(sources())
        fresh: dict[str, Source] = {}
        for given in paths:
            found = _source(given)
            fresh[found.path] = found
        same = {
            s.path
            for s in known
            if s.path in fresh and (fresh[s.path].digest, fresh[s.path].format) == (s.digest, s.format)
        }
        others = {s.path: s for s in check_sources([s for s in known if s.path not in fresh], remember=False)}
        kept = [
            others[s.path] if s.path in others else replace(s, mtime_ns=fresh[s.path].mtime_ns)
            for s in known
            if s.path not in fresh or s.path in same
        ]
        added = [*kept, *(s for s in fresh.values() if s.path not in same)]
        path = index_path(added)
        loaded = _build(path, added, tell, known) if len(added) > len(kept) or not path.exists() else {}
        added = [_counted(s, loaded.get(s.path)) for s in added]
        _save(added)
        _tidy(path, index_path(()))
    open_gazetteer.cache_clear()
    return [(s, loaded.get(s.path)) for s in added if s.path in fresh]


def remove(paths: Sequence[str], tell: Callable[[str], None] | None = None) -> list[Source]:
    """Remove the user's files ``paths`` (as added, or by their file name alone when only one
    has it; a file that is gone can be removed) and rebuild the index without them.
    RETURNS (list): the sources removed."""
    with _locked():
        known = list(sources())
        gone = [_registered(known, p) for p in paths]
        rest = [s for s in known if s not in gone]
        rest = list(check_sources(rest, remember=False))  # the index is built again from them
        path = index_path(rest)
        loaded = _build(path, rest, tell, known) if not path.exists() else {}
        _save([_counted(s, loaded.get(s.path)) for s in rest])
        _tidy(path, index_path(()))
    open_gazetteer.cache_clear()
    return gone


def _counted(s: Source, loaded: Loaded | None) -> Source:
    return s if loaded is None else replace(s, places=loaded.places, names=loaded.names)


def _registered(known: Sequence[Source], given: str) -> Source:
    path = str(Path(given).expanduser().resolve())
    found = [s for s in known if s.path == path] or [s for s in known if Path(s.path).name == given]
    if len(found) != 1:
        raise InputError(given, E_GAZ_UNKNOWN)
    return found[0]
