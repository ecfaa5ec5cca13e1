"""``review ...`` and ``gold export``: analysts' verdicts on stored events, and the
reviewed articles as gold data."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from .. import review, store
from .app import _output_format, _Rows, _say, main
from .options import _db_option, _format_option, _options


@main.group("review")
def review_group() -> None:
    """Accept, reject or correct stored events. The coded records stay as they are: each
    review is kept beside them with who and when, and the events are shown, queried and
    exported as their latest review leaves them."""


_review_options = _options(
    _db_option,
    click.option(
        "--reviewer",
        metavar="NAME",
        default=None,
        help="Who reviews (default: $EVENTWIRE_REVIEWER, else the login name).",
    ),
    click.option("--note", default="", help="Why, for the record."),
)


def _review(
    db: str | None, event_ids: Sequence[str], verdict: str, changes: dict[str, Any], **who: Any
) -> None:
    import getpass

    name = who["reviewer"] or os.environ.get("EVENTWIRE_REVIEWER") or getpass.getuser()
    conn = store.open_store(store.db_path(db), create=False)
    missing = []
    try:
        for event_id in event_ids:
            try:
                found = store.add_review(conn, event_id, verdict, changes, name, who["note"])
            except review.ReviewError as err:
                raise click.BadParameter(str(err), param_hint=event_id) from err
            if found is None:
                missing.append(event_id)
                continue
            shown = json.loads(found)
            _say(f"{event_id}: {shown['review_status']} by {name}")
    finally:
        conn.close()
    if missing:
        _say(f"no such event: {', '.join(missing)} (`eventwire query` shows each event's id)")
        sys.exit(1)


@review_group.command("accept")
@click.argument("event_ids", nargs=-1, required=True)
@_review_options
def review_accept(event_ids: tuple[str, ...], db: str | None, **who: Any) -> None:
    """Accept these events as coded."""
    _review(db, event_ids, "accepted", {}, **who)


@review_group.command("reject")
@click.argument("event_ids", nargs=-1, required=True)
@_review_options
def review_reject(event_ids: tuple[str, ...], db: str | None, **who: Any) -> None:
    """Reject these events: queries and exports leave them out unless asked (--review rejected)."""
    _review(db, event_ids, "rejected", {}, **who)


def _changes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, Any]:
    """FIELD=VALUE pairs; a value of a field that is not text is read as JSON when it is JSON
    (3, 2.5, null, true), else as text, which the check then refuses."""
    out: dict[str, Any] = {}
    for pair in values:
        name, sign, text = pair.partition("=")
        name = name.strip()
        if not sign or not name:
            raise click.BadParameter(f"{pair!r}: give FIELD=VALUE, such as fatalities=3")
        out[name] = text
        if name not in review.TEXT_FIELDS:
            with contextlib.suppress(ValueError):
                out[name] = json.loads(text)
    return out


@review_group.command("correct")
@click.argument("event_id")
@click.argument("changes", nargs=-1, required=True, callback=_changes, metavar="FIELD=VALUE...")
@_review_options
def review_correct(event_id: str, changes: dict[str, Any], db: str | None, **who: Any) -> None:
    """Correct fields of an event, such as fatalities=3 "actor1=Al Shabaab" event_date=2021-03-04
    (fields: event_date, time_precision, sub_event_type, actor1, assoc_actor_1, inter1, actor2,
    assoc_actor_2, inter2, country, admin1, admin2, location, latitude, longitude,
    geo_precision, fatalities, modality, background, notes); the event type, interaction
    and ISO code follow from them."""
    _review(db, (event_id,), "corrected", changes, **who)


def _flat(row: dict[str, Any], fmt: str) -> dict[str, Any]:
    """A review for a table: its changes as JSON text (JSONL keeps them an object)."""
    return {**row, "changes": json.dumps(row["changes"], ensure_ascii=False)} if fmt == "table" else row


@review_group.command("history")
@click.argument("event_id")
@_db_option
@_format_option("jsonl", "table")
def review_history(event_id: str, db: str | None, fmt: str | None) -> None:
    """Every review of an event (of any report merged into it), oldest first."""
    conn = store.open_store(store.db_path(db), create=False)
    if store.record(conn, event_id) is None:
        conn.close()
        _say(f"no such event: {event_id} (`eventwire query` shows each event's id)")
        sys.exit(1)
    out = _Rows(_output_format(fmt), ("reviewed_at", "reviewer", "verdict", "changes", "note", "event_id"))
    for row in store.review_history(conn, event_id):
        out.add(_flat(row, out.fmt))
    out.close()
    conn.close()


@review_group.command("stale")
@_db_option
@_format_option("jsonl", "table")
def review_stale(db: str | None, fmt: str | None) -> None:
    """Reviews of records that changed when their article was coded again: the new records
    are unreviewed; each of these verdicts is for a reviewer to look at again."""
    conn = store.open_store(store.db_path(db), create=False)
    columns = ("article_id", "event_id", "verdict", "changes", "reviewer", "reviewed_at")
    out = _Rows(_output_format(fmt), columns)
    for row in store.stale_reviews(conn):
        out.add(_flat(row, out.fmt))
    out.close()
    conn.close()


@review_group.command("conflicts")
@_db_option
@_format_option("jsonl", "table")
def review_conflicts(db: str | None, fmt: str | None) -> None:
    """Events whose reports were reviewed apart and disagree (a regroup joined them and shows
    the latest review): a new review of the event settles it."""
    conn = store.open_store(store.db_path(db), create=False)
    columns = ("event_id", "reviewed_at", "reviewer", "verdict", "changes")
    out = _Rows(_output_format(fmt), columns)
    for found in store.review_conflicts(conn):
        for row in found["reviews"]:
            out.add(_flat({**row, "event_id": found["event_id"]}, out.fmt))
    out.close()
    conn.close()


@main.group("gold")
def gold_group() -> None:
    """Reviewed articles as gold data, for measuring the coder on a team's own articles."""


@gold_group.command("export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@_db_option
def gold_export(folder: Path, db: str | None) -> None:
    """Write every article whose records were all reviewed, with the records as reviewed
    (rejected ones left out), as NAME.json and NAME.gold.json: the layout `eventwire eval
    articles FOLDER` reads."""
    conn = store.open_store(store.db_path(db), create=False)
    folder.mkdir(parents=True, exist_ok=True)
    written, partial, undated = 0, 0, 0
    taken: set[str] = set()
    try:
        for found in store.reviewed_articles(conn):
            if not found.complete:
                partial += 1
            elif any(r["event_date"] is None for r in found.records):
                undated += 1
            else:
                review.write_gold(folder, found.article, found.records, taken)
                written += 1
    finally:
        conn.close()
    _say(
        f"{folder}: {written} reviewed articles written; left out: {partial} with records not "
        f"reviewed yet, {undated} with an accepted record that has no date (correct its event_date)"
    )
    if not written:
        sys.exit(1)
