"""The ``main`` group, the entry point that turns any escaped error into one line, and
how commands write: records in a format, rows as JSONL or a table, notes on stderr."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from .. import errors, export, gazetteer
from ..records import Event


@click.group()
@click.version_option(package_name="eventwire")
def main() -> None:
    """eventwire: news articles in, ACLED-compatible event records out."""
    logging.basicConfig(format="eventwire: %(message)s", level=logging.WARNING)
    # trafilatura logs each page it finds no article in ("lxml parsing failed"): a second line
    # on stderr, where the input's own error (E105, E133) says it once
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def _emit(
    fmt: str,
    records: Iterable[Event],
    out: Path,
    raw: bool = False,
    excel: bool = False,
    country_level: bool = False,
) -> Counter[str]:
    """Write ``records`` in format ``fmt`` to ``out`` ("-": stdout): in ACLED's form, without
    the undated and (unless ``country_level``) country-only ones, whose numbers it returns
    (``export.acled_kept``); ``excel``: text with a UTF-8 byte order mark, which Excel needs
    to read UTF-8."""
    found = export.format_named(fmt)
    left_out = Counter[str]()
    if found.acled:
        records = export.acled_kept(records, left_out, country_level)
    _write(found, records, out, raw, excel)
    return left_out


def _write(found: export.Format, records: Iterable[Event], out: Path, raw: bool, excel: bool) -> None:
    stdout = str(out) == "-"
    if found.binary:
        if stdout and sys.stdout.isatty():
            raise click.BadParameter(
                f"{found.name} is binary: {_file_asked()}", param_hint=f"--format {found.name}"
            )
        found.write(records, sys.stdout.buffer if stdout else out)
        return
    write = export.writer(found.name, raw)
    if stdout:
        if excel:
            sys.stdout.write("\ufeff")
        write(records, sys.stdout)
        return
    with out.open("w", encoding="utf-8-sig" if excel else "utf-8", newline="") as handle:
        write(records, handle)


def _file_asked() -> str:
    """How the running command writes to a file: its --out if it has one, else a redirect."""
    ctx = click.get_current_context(silent=True)
    has_out = ctx is not None and any(p.name == "out" for p in ctx.command.params)
    return "give --out FILE or redirect stdout to a file" if has_out else "redirect stdout to a file"


def _output_format(fmt: str | None) -> str:
    """The format asked for, else a table on a terminal and JSONL when piped."""
    return fmt or ("table" if sys.stdout.isatty() else "jsonl")


def _note_index_build() -> None:
    # one of the user's gazetteer files gone or changed stops the run here, before any worker
    added = gazetteer.check_sources()
    if not gazetteer.index_path(added).exists():
        own = f" with your {len(added)} gazetteer file(s) (a large one takes minutes)" if added else ""
        _say(f"building the gazetteer index{own or ' (first run only, about 20 s)'}")


class _Rows:
    """Rows streamed as JSONL as they come, or collected and printed as one table."""

    def __init__(self, fmt: str, columns: tuple[str, ...]) -> None:
        self.fmt, self.columns = fmt, columns
        self.rows: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            self.rows.append(row)

    def close(self) -> None:
        if self.fmt == "table":
            export.write_rows(self.rows, self.columns, sys.stdout)


def _say(message: str) -> None:
    """One line on stderr; a character that is not printable (a newline or an escape
    sequence in a file name) is shown escaped, never sent to the terminal."""
    click.echo(f"eventwire: {export.shown(message)}", err=True)


def run() -> Any:
    """Entry point that turns any escaped error into one line on stderr, never a traceback."""
    try:
        return main(standalone_mode=True)
    except errors.EventwireError as err:
        _say(str(err))
        sys.exit(2)
    except Exception as err:  # pragma: no cover - last line of defence
        if os.environ.get("EVENTWIRE_DEBUG"):
            raise
        _say(f"internal error: {err!r} (set EVENTWIRE_DEBUG=1 for a traceback)")
        sys.exit(3)
