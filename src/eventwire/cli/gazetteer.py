"""``gazetteer ...``: the user's own gazetteer files and the index built from them."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from .. import gazetteer
from .app import _output_format, _Rows, _say, main
from .options import _format_option


@main.group("gazetteer")
def gazetteer_group() -> None:
    """Your own gazetteer files, added to the index: GeoNames dumps you downloaded (IQ.zip,
    allCountries.zip, or the .txt inside) and CSV lists of places (name, latitude,
    longitude, country, admin1[, admin2, alternate_names, population]). Nothing is downloaded."""


def _progress() -> Callable[[str], None] | None:
    return _say if sys.stderr.isatty() else None


def _index_line() -> str:
    path = gazetteer.index_path()
    if not path.exists():
        return f"index: {path} (not built yet: it is built on first use)"
    return f"index: {path} ({path.stat().st_size / 1e6:,.0f} MB)"


@gazetteer_group.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def gazetteer_add(files: tuple[Path, ...]) -> None:
    """Add FILES to the gazetteer and rebuild its index. Every file is read in full first: one
    that cannot be read or has a malformed line is refused with the line, and nothing
    changes. A file added before is read again if it changed."""
    started = time.monotonic()
    for source, loaded in gazetteer.add(files, _progress()):
        if loaded is None:
            _say(f"{source.path}: added already and unchanged ({source.places:,} places)")
            continue
        _say(f"{source.path}: added ({source.format}): {loaded.places:,} places, {loaded.names:,} names")
        for note in loaded.notes:
            _say(f"{source.path}: warning: {note}")
    _say(f"{_index_line()}, in {time.monotonic() - started:.1f} s")


@gazetteer_group.command("list")
@_format_option("jsonl", "table")
def gazetteer_list(fmt: str | None) -> None:
    """Your gazetteer files (path, format, places, names, when added, and whether each is
    still as it was added) and the index built from them."""
    fmt = _output_format(fmt)
    added = gazetteer.sources()
    out = _Rows(fmt, ("path", "format", "places", "names", "added", "state"))
    for s in added:
        state = gazetteer.drift(s)
        row = {"path": s.path, "format": s.format, "places": s.places, "names": s.names, "added": s.added}
        out.add({**row, "state": "as added" if state is None else state})
    if fmt == "jsonl":  # the rows alone on stdout
        _say(_index_line())
        return
    if added:
        out.close()
    else:
        click.echo("no gazetteer files of your own: `eventwire gazetteer add FILE` adds one")
    click.echo(_index_line())


@gazetteer_group.command("remove")
@click.argument("files", nargs=-1, required=True)
def gazetteer_remove(files: tuple[str, ...]) -> None:
    """Remove FILES (as added, or by file name alone) from the gazetteer and rebuild its
    index without them. A file that is gone can be removed too."""
    for source in gazetteer.remove(files, _progress()):
        _say(f"{source.path}: removed ({source.places:,} places)")
    _say(_index_line())
