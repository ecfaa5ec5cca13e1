"""Review: an analyst's verdict on a stored record (accepted, corrected or rejected), kept as a
layer over the coded record, which is never overwritten.

Reads: a record (the schema dict) and a verdict with the fields it changes. Writes: the
record as users see it once reviewed, with its ``review_status``. Pure functions but for
the country names, which come from the gazetteer; the store keeps every review with who
and when (``store.add_review``) and shows each record under its latest one.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from . import actors, events, vocab
from .article.acled import targeting
from .gazetteer import open_gazetteer

Verdict = Literal["accepted", "corrected", "rejected"]
VERDICTS: tuple[Verdict, ...] = ("accepted", "corrected", "rejected")
STATUSES = ("unreviewed", *VERDICTS)
REVIEWED = ("accepted", "corrected")  # what ``--reviewed-only`` keeps
SHOWN = ("unreviewed", "accepted", "corrected")  # a rejected record is left out unless asked
MAX_TEXT = 500  # characters of a corrected name or place; notes may be longer
MAX_NOTES = 5000


# fields whose value is text whatever it looks like ("location=1984", "country=404")
TEXT_FIELDS = frozenset(
    {
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "actor2",
        "assoc_actor_2",
        "country",
        "admin1",
        "admin2",
        "location",
        "modality",
        "notes",
    }
)
PLACE_FIELDS = frozenset({"country", "admin1", "admin2", "location", "latitude", "longitude"})
MAX_NOTE = 2000
MAX_NAME = 100


class ReviewError(ValueError):
    """A review that cannot be taken, and why (for the reviewer: it names the field)."""


@dataclass(frozen=True)
class Review:
    """One analyst's verdict on one record: ``changes`` are the fields a correction sets."""

    event_id: str
    verdict: Verdict
    changes: tuple[tuple[str, Any], ...] = ()
    reviewer: str = ""
    note: str = ""
    reviewed_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "verdict": self.verdict,
            "changes": dict(self.changes),
            "reviewer": self.reviewer,
            "note": self.note,
            "reviewed_at": self.reviewed_at,
        }


def _date(value: object) -> str | None:
    if value is None:
        return None  # an event the reviewer cannot date either
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ReviewError(f"event_date: {value!r} is not a day written YYYY-MM-DD") from None


def _whole(low: int, high: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ReviewError(f"a whole number from {low} to {high} is needed, not {value!r}")
        return value

    return check


def _text(limit: int, empty: bool = True) -> Callable[[object], str]:
    def check(value: object) -> str:
        if not isinstance(value, str):
            raise ReviewError(f"text is needed, not {value!r}")
        value = " ".join(value.split()) if limit <= MAX_TEXT else value.strip()
        if not value.replace("\n", "").replace("\t", "").isprintable():  # an escape sequence, a NUL
            raise ReviewError("it holds a character that is not printable")
        if len(value) > limit:
            raise ReviewError(f"at most {limit} characters, not {len(value)}")
        if not value and not empty:
            raise ReviewError("it cannot be empty")
        return value

    return check


def _degrees(limit: float) -> Callable[[object], float | None]:
    def check(value: object) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ReviewError(f"a number of degrees is needed, not {value!r}")
        if not -limit <= value <= limit:
            raise ReviewError(f"{value} is beyond ±{limit:g}°")
        return float(value)

    return check


def _one_of(allowed: tuple[str, ...] | Callable[[], Mapping[str, Any]]) -> Callable[[object], str]:
    def check(value: object) -> str:
        known = allowed if isinstance(allowed, tuple) else tuple(allowed())
        if value not in known:
            raise ReviewError(f"{value!r} is not one of: {', '.join(known)}")
        return str(value)

    return check


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise ReviewError(f"true or false is needed, not {value!r}")
    return value


# What a reviewer may set, each with its check. The fields that follow from these are derived
# (``reviewed``): the event and disorder type from the sub-event type, the interaction from
# the inter codes, the ISO code and region from the country.
EDITABLE: dict[str, Callable[[object], Any]] = {
    "event_date": _date,
    "time_precision": _whole(1, 3),
    "sub_event_type": _one_of(events.acled_types),
    "actor1": _text(MAX_TEXT, empty=False),
    "assoc_actor_1": _text(MAX_TEXT),
    "inter1": _whole(1, 8),
    "actor2": _text(MAX_TEXT),
    "assoc_actor_2": _text(MAX_TEXT),
    "inter2": _whole(0, 8),
    "country": _text(MAX_TEXT, empty=False),
    "admin1": _text(MAX_TEXT),
    "admin2": _text(MAX_TEXT),
    "location": _text(MAX_TEXT),
    "latitude": _degrees(90),
    "longitude": _degrees(180),
    "geo_precision": _whole(1, 4),  # 4: the country only (eventwire's, not ACLED's)
    "fatalities": _whole(0, 1_000_000),
    "modality": _one_of(vocab.MODALITIES),
    "background": _flag,
    "notes": _text(MAX_NOTES),
}


def checked(verdict: object, changes: Mapping[str, object] | None) -> tuple[Verdict, dict[str, Any]]:
    """The verdict and the changes a reviewer sent, checked and normalised; ReviewError says
    what is wrong, naming the field."""
    if verdict not in VERDICTS:
        raise ReviewError(f"verdict: {verdict!r} is not one of: {', '.join(VERDICTS)}")
    changes = dict(changes or {})
    if verdict != "corrected":
        if changes:
            raise ReviewError(f"a record {verdict} changes no field: send the verdict 'corrected'")
        return verdict, {}
    if not changes:
        raise ReviewError("a correction changes at least one field")
    out: dict[str, Any] = {}
    for name, value in changes.items():
        check = EDITABLE.get(name)
        if check is None:
            derived = {"event_type", "disorder_type", "interaction", "iso", "region"}
            why = "it follows from the fields it is made of" if name in derived else "no such field"
            raise ReviewError(f"{name}: cannot be corrected ({why}); these can: {', '.join(EDITABLE)}")
        try:
            out[name] = check(value)
        except ReviewError as err:
            raise ReviewError(f"{name}: {err}") from None
    if "country" in out:  # kept as records name it: "KEN" and "Kenyan" are "Kenya"
        named = open_gazetteer().country_named(out["country"])
        if named is None:
            raise ReviewError(f"country: {out['country']!r} is not a country name or ISO code known here")
        out["country"] = named
    if ("latitude" in out) != ("longitude" in out):
        raise ReviewError("latitude and longitude are corrected together")
    if (out.get("latitude") is None) != (out.get("longitude") is None):
        raise ReviewError("latitude and longitude: both a number, or both null")
    if "event_date" in out and out["event_date"] is None and "time_precision" in out:
        raise ReviewError("time_precision: an undated record has none to set")
    return verdict, out


def consistent(shown: Mapping[str, Any], changes: Mapping[str, Any]) -> None:
    """Refuse (ReviewError) a correction that leaves the record at odds with itself: a second
    actor with no inter code, or an inter code for no second actor."""
    if shown.get("actor2") and not shown.get("inter2"):
        raise ReviewError("inter2: give the inter code of actor2 (1-8)")
    if changes.get("inter2") and not shown.get("actor2"):
        raise ReviewError("inter2: there is no actor2 to give a code to")


def who(reviewer: str, note: str) -> tuple[str, str]:
    """The reviewer's name and note as kept: on one line (names), printable, bounded."""
    name = " ".join("".join(c for c in reviewer if c.isprintable()).split())[:MAX_NAME]
    note = "".join(c for c in note if c.isprintable() or c == "\n").strip()
    if len(note) > MAX_NOTE:
        raise ReviewError(f"note: at most {MAX_NOTE} characters, not {len(note)}")
    return name or "unnamed", note


def reviewed(record: Mapping[str, Any], review: Review | None) -> dict[str, Any]:
    """``record`` as users see it under ``review`` (its latest review; None: unreviewed)."""
    out = dict(record)
    if review is None:
        out["review_status"] = "unreviewed"
        return out
    changes = dict(review.changes)
    out.update(changes)
    if "sub_event_type" in changes:
        out["event_type"], out["disorder_type"] = events.acled_types()[changes["sub_event_type"]]
    if "country" in changes:
        gaz = open_gazetteer()
        cc = gaz.country_code(changes["country"])
        if cc is not None:  # checked when the review was taken; a gazetteer may change since
            country = gaz.countries[cc]
            out.update(country=country.name, iso=country.iso, region=country.region)
    if PLACE_FIELDS & set(changes):
        out["geonameid"] = None  # the coder's place, which the reviewer moved
    if "event_date" in changes:
        out["date_basis"] = "review" if changes["event_date"] else "unknown"
    if not out.get("actor2"):
        out["inter2"] = 0
    out["interaction"] = actors.interaction(int(out["inter1"]), int(out["inter2"]))
    out["civilian_targeting"] = targeting(int(out["inter2"]), str(out["disorder_type"]))
    out["review_status"] = review.verdict
    return out


def gold_name(article_id: str, taken: set[str]) -> str:
    """A file name for an article (its id with only letters, digits, dots, dashes and
    underscores kept), not one of ``taken``; added to ``taken``."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", article_id).strip("-.")[:80] or "article"
    if base.lower().endswith(".gold"):  # NAME.gold.json would read as a gold file
        base += "-article"
    name, n = base, 2
    while name.lower() in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name.lower())
    return name


def write_gold(
    folder: Path, article: Mapping[str, Any], records: list[dict[str, Any]], taken: set[str]
) -> str:
    """Write a reviewed article and its records as ``eval articles`` reads them: NAME.json (the
    article in eventwire's input format) and NAME.gold.json (the records). Returns NAME."""
    name = gold_name(str(article["id"]), taken)
    given = {k: article[k] for k in ("id", "title", "url", "source", "published", "text") if article.get(k)}
    (folder / f"{name}.json").write_text(
        json.dumps(given, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    (folder / f"{name}.gold.json").write_text(
        json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return name
