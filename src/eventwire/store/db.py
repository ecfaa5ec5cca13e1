"""The store's connection helpers: an SQLite error named for the user (E120-E124), a
function's errors turned into that, a transaction rolled back, a read snapshot."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sqlite3
from collections.abc import Callable, Iterator
from typing import Concatenate, ParamSpec, TypeVar

from .. import errors
from ..errors import StoreError


def failure(path: str, err: sqlite3.Error) -> StoreError:
    """The user's message for an SQLite error: a full disk, a place that cannot be written,
    a file that is not a database, or the error itself."""
    name = getattr(err, "sqlite_errorname", "")
    if name == "SQLITE_FULL":
        return StoreError(path, errors.E_STORE_FULL)
    if _unwritable(err):
        return StoreError(path, errors.E_STORE_READONLY.format(detail=err))
    if name.startswith("SQLITE_NOTADB"):
        return StoreError(path, errors.E_NOT_STORE.format(detail=err))
    if name.startswith("SQLITE_CORRUPT"):
        return StoreError(path, errors.E_NOT_STORE.format(detail=f"damaged: {err}"))
    if str(err).startswith("Could not decode to UTF-8"):  # bytes in a text column that are not text
        detail = f"damaged: a stored text is not UTF-8 ({str(err)[:120]})"
        return StoreError(path, errors.E_NOT_STORE.format(detail=detail))
    return StoreError(path, errors.E_STORE_IO.format(detail=err))


def _unwritable(err: sqlite3.Error) -> bool:
    """The database or its folder cannot be written (or the file not even created)."""
    name = getattr(err, "sqlite_errorname", "")
    return name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


P = ParamSpec("P")
T = TypeVar("T")


def _guarded(
    fn: Callable[Concatenate[sqlite3.Connection, P], T],
) -> Callable[Concatenate[sqlite3.Connection, P], T]:
    """``fn`` with its SQLite errors (a damaged page met while reading, a full disk) turned
    into the StoreError that names the database: a command ends with that line, never with
    an uncaught exception, and the server answers it rather than a 500."""

    @functools.wraps(fn)
    def guarded(conn: sqlite3.Connection, /, *args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return fn(conn, *args, **kwargs)
        except sqlite3.Error as err:
            raise _abandon(conn, err) from err

    return guarded


@contextlib.contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """The reads inside see one state of the store, whatever is written meanwhile (a read
    transaction: in WAL mode it holds its snapshot and blocks no writer). Inside another
    transaction it adds nothing."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        if conn.in_transaction:  # an error's handler may have ended it already
            conn.execute("COMMIT")  # nothing was written: this only lets go of the snapshot


def _abandon(conn: sqlite3.Connection, err: sqlite3.Error) -> StoreError:
    """Roll back the open transaction (nothing half-written stays) and name the database."""
    _rollback(conn)
    return failure(conn.execute("PRAGMA database_list").fetchone()[2], err)


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):  # the error being handled is the one to tell
            conn.execute("ROLLBACK")
