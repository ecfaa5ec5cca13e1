"""Stage 3, dates: temporal expressions, normalised against the DCT and the discourse.

Reads: article text and its document creation time (DCT, the publication date).
Writes: ``Timex`` records in text order. The patterns and lexicons are the data table
``data/dates/en.yaml``; this module is the engine that compiles and applies them.
Relative expressions are resolved like HeidelTime does: against the DCT ("on Friday",
"last week") or against the last date mentioned before them ("two days earlier").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import tables
from .errors import TableError
from .records import Precision, Timex

TABLE = "dates/en.yaml"
NORMS: dict[str, Callable[[Context, dict[str, str], str], Resolved]] = {}


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    norm: str
    examples: dict[str, str]


@dataclass(frozen=True)
class Resolved:
    value: str
    precision: Precision
    date: dt.date | None
    type: str = "DATE"


@dataclass
class Context:
    """What a normaliser may use: the DCT and the last day-precision date mentioned."""

    dct: dt.date | None
    last: dt.date | None
    lex: dict[str, dict[str, Any]]


def _alternation(words: Any) -> str:
    keys = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+").replace("'", "['’]") for k in keys)


@cache
def rules() -> tuple[tuple[Rule, ...], dict[str, dict[str, Any]]]:
    """The compiled rules and lexicons; a bad table raises TableError naming the rule."""
    data = tables.load_yaml(TABLE, ("lexicons", "rules"))
    lex: dict[str, dict[str, Any]] = {
        k: {str(w).lower(): v for w, v in d.items()} for k, d in data["lexicons"].items()
    }
    pieces = {name: f"(?P<{name}>{_alternation(words)})" for name, words in lex.items()}
    pieces["day"] = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    pieces["year"] = r"(?P<year>(?:1[89]|20)\d\d)"
    pieces["num"] = f"(?P<num>{_alternation(lex['numword'])}|\\d+)"
    pieces["clock"] = (
        r"(?P<hour>[01]?\d)(?:[.:](?P<minute>[0-5]\d))?\s*"
        r"(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?=\W|$)"
    )
    out = []
    for item in data["rules"]:
        name = item.get("name", "?")
        if item.get("norm") not in NORMS:
            raise TableError(TABLE, f"rule {name}", f"unknown norm {item.get('norm')!r}")
        try:
            body = re.sub(r"\{(\w+)\}", lambda m: pieces[m[1]], item["pattern"])
            regex = re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.IGNORECASE)
        except (KeyError, re.error) as err:
            raise TableError(TABLE, f"rule {name}", f"bad pattern: {err}") from err
        out.append(Rule(name, regex, item["norm"], dict(item.get("examples", {}))))
    return tuple(out), lex


@cache
def _reporting() -> re.Pattern[str]:
    data = tables.load_yaml(TABLE, ("reporting_cues",))
    try:
        return re.compile(str(data["reporting_cues"]), re.IGNORECASE)
    except re.error as err:
        raise TableError(TABLE, "reporting_cues", f"bad pattern: {err}") from err


def extract(text: str, dct: dt.date | None) -> list[Timex]:
    """All temporal expressions of ``text``, normalised, in text order.

    text (str): the article text. dct (date | None): publication date, if known.
    RETURNS (list[Timex]): non-overlapping; at each place the longest match wins.
    """
    compiled, lex = rules()
    spans: list[tuple[int, int, Rule, dict[str, str]]] = []
    for rule in compiled:
        for m in rule.regex.finditer(text):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            spans.append((m.start(), m.end(), rule, groups))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    chosen: list[tuple[int, int, Rule, dict[str, str]]] = []
    end = -1
    for span in spans:
        if span[0] >= end:
            chosen.append(span)
            end = span[1]
    ctx = Context(dct=dct, last=None, lex=lex)
    reporting = _reporting()
    out = []
    for start, stop, rule, groups in chosen:
        res = NORMS[rule.norm](ctx, groups, text[start:stop])
        told = reporting.search(text[max(0, start - 60) : start])
        if res.date is not None and res.precision == "day" and not told:
            ctx.last = res.date
        out.append(
            Timex(
                start,
                stop,
                text[start:stop],
                res.type,  # type: ignore[arg-type]
                res.value,
                res.precision,
                res.date,
                rule.name,
            )
        )
    return out


def norm(
    name: str,
) -> Callable[
    [Callable[[Context, dict[str, str], str], Resolved]], Callable[[Context, dict[str, str], str], Resolved]
]:
    def register(fn: Callable[[Context, dict[str, str], str], Resolved]) -> Any:
        NORMS[name] = fn
        return fn

    return register


def _lex(ctx: Context, table: str, word: str) -> Any:
    return ctx.lex[table][re.sub(r"\s+", " ", word.lower().replace("’", "'"))]


def _num(ctx: Context, g: dict[str, str]) -> int:
    raw = g.get("num", "1")
    return int(raw) if raw.isdigit() else int(_lex(ctx, "numword", raw))


def _unknown(value: str) -> Resolved:
    return Resolved(value, "none", None)


def _day(d: dt.date) -> Resolved:
    return Resolved(d.isoformat(), "day", d)


def nearest_year(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The date of month-day nearest to ``ref`` within [ref - 365 days, ref + 14 days]."""
    best: dt.date | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        delta = (cand - ref).days
        if -366 <= delta <= 14 and (best is None or abs(delta) < abs((best - ref).days)):
            best = cand
    return best


@norm("calendar")
def _calendar(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    month = int(_lex(ctx, "month", g["month"]))
    if "day" not in g:
        return Resolved(f"{g['year']}-{month:02d}", "month", dt.date(int(g["year"]), month, 15))
    return _month_day(ctx, month, int(g["day"]), g.get("year"))


def _month_day(ctx: Context, month: int, day: int, year: str | None) -> Resolved:
    """A calendar day; without a year, the one nearest the DCT (or the last date told)."""
    if year is not None:
        try:
            return _day(dt.date(int(year), month, day))
        except ValueError:
            return _unknown(f"{year}-{month:02d}-XX")
    ref = ctx.dct or ctx.last
    found = nearest_year(month, day, ref) if ref else None
    return _day(found) if found else _unknown(f"XXXX-{month:02d}-{day:02d}")


@norm("numeric")
def _numeric(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """07/02 is 7 February where the table says dmy, unless only the other order is a date."""
    a, b = int(g["first"]), int(g["second"])
    order = str(tables.load_yaml(TABLE).get("numeric_order", "dmy"))
    day, month = (a, b) if order == "dmy" else (b, a)
    if month > 12 and day <= 12:
        day, month = month, day
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return _unknown("XXXX-XX-XX")
    return _month_day(ctx, month, day, g.get("year"))


@norm("weekday_date")
def _weekday_date(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    month, day = int(_lex(ctx, "month", g["month"])), int(g["day"])
    if "year" in g:
        return _calendar(ctx, g, text)
    weekday = int(_lex(ctx, "weekday", g["weekday"]))
    ref = ctx.dct or ctx.last
    if ref:
        found = nearest_year(month, day, ref)
        if found and found.weekday() == weekday:
            return _day(found)
    # The weekday fixes the year: the latest one (up to a year after the reference).
    year = year_of_weekday(month, day, weekday, (ref or dt.date.today()).year + (1 if ref else 0))
    return _day(dt.date(year, month, day)) if year else _unknown(f"XXXX-{month:02d}-{day:02d}")


def year_of_weekday(month: int, day: int, weekday: int, latest: int) -> int | None:
    """The latest year <= ``latest`` in which month-day falls on ``weekday``."""
    for year in range(latest, latest - 30, -1):
        try:
            if dt.date(year, month, day).weekday() == weekday:
                return year
        except ValueError:
            continue
    return None


def weekday_before(ref: dt.date, weekday: int, shift: int = 0) -> dt.date:
    """The ``weekday`` on or before ``ref`` (shift 1: the one after ``ref``)."""
    if shift > 0:
        return ref + dt.timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)
    back = (ref.weekday() - weekday) % 7
    return ref - dt.timedelta(days=back + (7 if shift < 0 and back == 0 else 0))


@norm("weekday")
def _weekday(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    weekday = int(_lex(ctx, "weekday", g["weekday"]))
    shift = int(_lex(ctx, "shift", g["shift"])) if "shift" in g else 0
    if ctx.dct is None:
        return _unknown(f"XXXX-WXX-{weekday + 1}")
    return _day(weekday_before(ctx.dct, weekday, shift))


@norm("clock_weekday")
def _clock_weekday(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    day = _weekday(ctx, g, text)
    return _with_clock(day, g)


def _with_clock(day: Resolved, g: dict[str, str]) -> Resolved:
    hour = int(g["hour"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
    minute = int(g.get("minute") or 0)
    if day.date is None:
        return Resolved(f"{day.value}T{hour:02d}:{minute:02d}", "none", None, "TIME")
    return Resolved(f"{day.date.isoformat()}T{hour:02d}:{minute:02d}", "day", day.date, "TIME")


@norm("clock")
def _clock(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    ref = ctx.last or ctx.dct
    base = _day(ref) if ref else _unknown("XXXX-XX-XX")
    return _with_clock(base, g)


@norm("holiday")
def _holiday(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    month, day = (int(x) for x in str(_lex(ctx, "holiday", g["holiday"])).split("-"))
    return _month_day(ctx, month, day, None)


@norm("dayword")
def _dayword(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    if ctx.dct is None:
        return _unknown("XXXX-XX-XX")
    return _day(ctx.dct + dt.timedelta(days=int(_lex(ctx, "dayword", g["dayword"]))))


@norm("anaphor")
def _anaphor(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    ref = ctx.last or ctx.dct
    if ref is None:
        return _unknown("XXXX-XX-XX")
    return _day(ref + dt.timedelta(days=int(_lex(ctx, "anaphor", g["anaphor"]))))


def _shift(ref: dt.date, unit: str, n: int) -> tuple[dt.date, Precision]:
    if unit.startswith("PT"):
        return ref, "day"
    amount = int(unit[1:-1])
    if unit.endswith("D"):
        return ref + dt.timedelta(days=n * amount), "day"
    if unit.endswith("W"):
        return ref + dt.timedelta(weeks=n * amount), "week"
    if unit.endswith("M"):
        months = ref.year * 12 + ref.month - 1 + n * amount
        return dt.date(months // 12, months % 12 + 1, 15), "month"
    return dt.date(ref.year + n * amount, 7, 1), "year"


@norm("relative")
def _relative(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    unit = str(_lex(ctx, "unit", g["unit"]))
    direction = int(_lex(ctx, "direction", g["direction"]))
    # "ago" counts back from the DCT; "earlier/later" from the event just told.
    ref = ctx.dct if g["direction"].lower() == "ago" else (ctx.last or ctx.dct)
    if ref is None:
        return _unknown("XXXX-XX-XX")
    date, precision = _shift(ref, unit, direction * _num(ctx, g))
    return _value(date, precision)


@norm("complement")
def _complement(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "The vote comes two days after a US airstrike": the date of what follows the
    expression, counted back (or on, for "before") from the event being told."""
    unit = str(_lex(ctx, "unit", g["unit"]))
    direction = int(_lex(ctx, "direction", g["direction"]))
    ref = ctx.last or ctx.dct
    if ref is None:
        return _unknown("XXXX-XX-XX")
    date, precision = _shift(ref, unit, -direction * _num(ctx, g))
    return _value(date, precision)


def _value(date: dt.date, precision: Precision) -> Resolved:
    if precision == "day":
        return _day(date)
    if precision == "week":
        iso = date.isocalendar()
        return Resolved(f"{iso.year}-W{iso.week:02d}", "week", date)
    if precision == "month":
        return Resolved(f"{date.year}-{date.month:02d}", "month", date.replace(day=15))
    return Resolved(str(date.year), "year", dt.date(date.year, 7, 1))


@norm("period")
def _period(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    if ctx.dct is None:
        return _unknown("XXXX")
    shift = int(_lex(ctx, "shift", g["shift"]))
    period = str(_lex(ctx, "period", g["period"]))
    if period in ("W", "WE"):
        date = ctx.dct + dt.timedelta(weeks=shift)
        return _value(date, "week")
    unit = {"M": "P1M", "Y": "P1Y"}[period]
    date, precision = _shift(ctx.dct, unit, shift)
    return _value(date, precision)


@norm("duration")
def _duration(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    unit = str(_lex(ctx, "unit", g["unit"]))
    n = _num(ctx, g) * int(re.sub(r"\D", "", unit))
    return Resolved(
        f"{unit[:-2] if unit.startswith('PT') else 'P'}{n}{unit[-1]}".replace("PTT", "PT"),
        "none",
        None,
        "DURATION",
    )


@norm("year")
def _year(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    year = int(g["year"])
    if text.rstrip().lower().endswith("s"):
        return Resolved(str(year)[:3], "none", None)
    if "season" in g:
        code = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
        return Resolved(f"{year}-{code[g['season'].lower()]}", "year", dt.date(year, 7, 1))
    return Resolved(str(year), "year", dt.date(year, 7, 1))


# --- publication date inference -----------------------------------------------------------


def infer_published(text: str, today: dt.date | None = None) -> dt.date | None:
    """The publication date implied by the text, or None.

    A weekday named beside a calendar date fixes the year ("Monday (Feb 20)"). Otherwise each
    month-day mention is tried as the DCT in each year: the weekday mentions must then land on
    other mentioned dates (news says "on Saturday" for a date it also gives as "January 4"),
    the other dates must lie just before it, and — following AP style, which writes the year
    only when it is not the current one — the year must be later than every year written out.
    """
    today = today or dt.date.today()
    found = extract(text, None)
    years = [int(t.value) for t in found if t.rule == "season_year" and t.value.isdigit()]
    floor = max((y for y in years if y <= today.year), default=1900)
    compiled, lex = rules()
    paired = [t.date for t in found if t.rule == "weekday_with_date" and t.date]
    if paired:
        # Weekdays named after the anchor date ("officials said on Saturday") move it on.
        anchor = max(paired)
        later = [
            anchor + dt.timedelta(days=(int(lex["weekday"][w.lower()]) - anchor.weekday()) % 7)
            for t in found
            if t.rule in ("weekday", "clock_weekday") and t.start > 0
            for w in re.findall(r"[A-Za-z]+", t.text)
            if w.lower() in lex["weekday"]
        ]
        return min(max([anchor, *later]), today)
    mds = [
        (int(_lex_word(lex, "month", t)), int(re.findall(r"\d+", t.text)[-1]))
        for t in found
        if t.rule in ("month_day", "day_month")
    ]
    weekdays = [
        int(lex["weekday"][w.lower()])
        for t in found
        if t.rule in ("weekday", "clock_weekday")
        for w in re.findall(r"[A-Za-z]+", t.text)
        if w.lower() in lex["weekday"]
    ]
    if not mds or not weekdays:
        return None
    best: tuple[int, int, int] | None = None
    answer: dt.date | None = None
    for year in range(today.year, floor, -1):
        for month, day in set(mds):
            try:
                dct = dt.date(year, month, day)
            except ValueError:
                continue
            if dct > today:
                continue
            placed = {nearest_year(m, d, dct) for m, d in mds}
            if None in placed or any(p and p > dct for p in placed):
                continue
            hits = sum(weekday_before(dct, w) in placed for w in weekdays)
            spread = sum((dct - p).days for p in placed if p)
            key = (hits, -spread, -year)  # most hits, tightest cluster, earliest year
            if hits and (best is None or key > best):
                best, answer = key, dct
    return answer


def _lex_word(lex: dict[str, dict[str, Any]], table: str, timex: Timex) -> Any:
    for word in re.findall(r"[A-Za-z]+", timex.text):
        if word.lower() in lex[table]:
            return lex[table][word.lower()]
    raise ValueError(timex.text)
