"""Load and validate the shipped data tables (and users' own copies of them).

Tables are YAML or TSV files under ``eventwire/data``; each carries a ``version``
(YAML key, or a ``# version: N`` header line in TSV). ``EVENTWIRE_DATA`` may name a
folder whose files replace the shipped ones of the same relative path, so users extend a
table without touching Python.
"""

from __future__ import annotations

import csv
import functools
import os
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .errors import TableError

DATA = Path(str(resources.files("eventwire") / "data"))
T = TypeVar("T")
LOADERS: list[functools._lru_cache_wrapper[Any]] = []  # every stage's table loader (``table``)
READ: set[str] = set()  # the tables read since the process started, by name


def table(load: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
    """A stage's loader of its data table(s), cached and registered: ``LOADERS`` lets a test
    load and check every table and ``clear`` forget them all (after a user's copy changed)."""
    cached = functools.cache(load)
    LOADERS.append(cached)
    return cached


def made_from_tables(cached: functools._lru_cache_wrapper[T]) -> functools._lru_cache_wrapper[T]:
    """Register a cache of values made from tables (not a loader itself), so that ``clear``
    forgets it with them."""
    LOADERS.append(cached)
    return cached


def clear() -> None:
    """Forget every table read (they are read again, from the files, when next needed)."""
    for cached in (*LOADERS, load_yaml, load_tsv, item_lines):
        cached.cache_clear()


def path_of(name: str) -> Path:
    """The file that provides table ``name`` (a user override wins)."""
    override = os.environ.get("EVENTWIRE_DATA")
    if override:
        candidate = Path(override) / name
        if candidate.exists():
            return candidate
    return DATA / name


@cache
def load_yaml(name: str, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """A YAML table as a dict; ``required`` keys must be present."""
    path = path_of(name)
    READ.add(name)
    data = _parse_yaml(name, path, lambda text: yaml.load(text, Loader=_Loader))
    if not isinstance(data, dict):
        raise TableError(name, str(path), "top level must be a mapping")
    for key in ("version", *required):
        if key not in data:
            raise TableError(name, str(path), f"missing key {key!r}")
    shipped = DATA / name
    if path != shipped and shipped.exists():  # a user's copy: every list and mapping the code reads
        ours = _parse_yaml(name, shipped, lambda text: yaml.load(text, Loader=_Loader))
        missing = [k for k, v in ours.items() if isinstance(v, (list, dict)) and k not in data]
        if missing:
            raise TableError(name, str(path), f"missing keys {missing} (the shipped table has them)")
        moved = {k: MOVED[(name, k)] for k in data if (name, k) in MOVED}
        if moved:  # a copy made before a key moved would be read without it, silently
            where = ", ".join(f"{k!r} to {to} (as {new!r})" for k, (to, new) in moved.items())
            raise TableError(name, str(path), f"keys moved: {where}; move them in your copies")
    return data


# (table, key) -> (table, key) it moved to: a user's copy that still holds it is refused
MOVED = {
    ("events/refine.yaml", "dedup_stop_words"): ("dedup/en.yaml", "stop_words"),
    ("events/refine.yaml", "crowd_control"): ("article/en.yaml", "crowd_control"),
    ("events/refine.yaml", "violent_protest"): ("article/en.yaml", "violent_protest"),
    ("events/refine.yaml", "reason_preps"): ("actors/generic.yaml", "reason_preps"),
    ("events/refine.yaml", "reason_nouns"): ("actors/generic.yaml", "reason_nouns"),
    ("dates/en.yaml", "abbreviations"): ("nlp/sentences.yaml", "abbreviations"),
}


def words(name: str, key: str, lower: bool = False) -> tuple[str, ...]:
    """The word list ``key`` of YAML table ``name``, in its order: a list of one or more
    non-empty strings (in lower case with ``lower``), else an error naming its file:line
    (YAML reads a bare on, off, yes or no as true or false: such an item is no word)."""
    listed = load_yaml(name, (key,))[key]
    path = path_of(name)

    def key_line() -> int:  # (the file is read again only to name the line of an error)
        text = path.read_text(encoding="utf-8").splitlines()
        return next((n for n, line in enumerate(text, 1) if line.startswith(f"{key}:")), 0)

    if not isinstance(listed, list) or not listed:
        raise TableError(name, f"{path}:{key_line()}", f"{key} needs a list of words")
    for n, w in enumerate(listed):
        if not isinstance(w, str) or not w.strip() or (lower and w != w.lower()):
            lines = item_lines(name, key)
            line = lines[n] if n < len(lines) else key_line()
            kind = "lower-case word" if lower else "word"
            raise TableError(name, f"{path}:{line}", f"{key}: {w!r} is no {kind} (quote on, off, yes, no)")
    return tuple(listed)


class _Loader(yaml.SafeLoader):
    """Safe YAML with dates left as text: the table's own check then names a bad date's
    entry and line instead of the parser failing on "2020-13-01" with no place given."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse_yaml(name: str, path: Path, parse: Callable[[str], Any]) -> Any:
    """``parse`` applied to the file's text; a YAML syntax error names the file and line."""
    try:
        return parse(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise TableError(name, str(path), f"cannot read: {err}") from err
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise TableError(name, where, f"not valid YAML: {problem}") from err


@cache
def item_lines(name: str, key: str) -> tuple[int, ...]:
    """The line (1-based) where each item of the top-level list ``key`` starts, so that a
    check of one entry can name its line."""
    root = _parse_yaml(name, path_of(name), yaml.compose)
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if k.value == key and isinstance(v, yaml.SequenceNode):
                return tuple(item.start_mark.line + 1 for item in v.value)
    return ()


@cache
def load_tsv(name: str, columns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    """A TSV table as rows; '#' lines are comments; the header must hold ``columns``."""
    path = path_of(name)
    READ.add(name)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise TableError(name, str(path), f"cannot read: {err}") from err
    if not any(line.startswith("# version:") for line in lines):
        raise TableError(name, str(path), "missing '# version: N' header line")
    body = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    if not body:
        raise TableError(name, str(path), "no header row")
    reader = csv.reader([line for _, line in body], delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    missing = [c for c in columns if c not in header]
    if missing:
        raise TableError(name, f"{path}:{body[0][0]}", f"header lacks columns {missing}")
    rows = []
    for (lineno, _), cells in zip(body[1:], reader, strict=True):
        if len(cells) != len(header):
            raise TableError(name, f"{path}:{lineno}", f"{len(cells)} cells, header has {len(header)}")
        rows.append(dict(zip(header, (c.strip() for c in cells), strict=True)))
    return tuple(rows)


def check_values(name: str, rows: Iterable[dict[str, str]], column: str, allowed: Iterable[str]) -> None:
    """Raise TableError when a row's ``column`` is not one of ``allowed`` ('' allowed)."""
    ok = set(allowed) | {""}
    for n, row in enumerate(rows, 1):
        if row[column] not in ok:
            raise TableError(name, f"row {n}", f"{column}={row[column]!r} is not one of {sorted(ok)}")
