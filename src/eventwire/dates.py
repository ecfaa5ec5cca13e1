"""Stage 3, dates: temporal expressions, normalised to TIMEX3 against the DCT and the discourse.

Reads: article text and its document creation time (DCT, the publication date).
Writes: ``Timex`` records in text order. The patterns and lexicons are the data table
``data/dates/en.yaml``; this module is the engine that compiles and applies them, and the
set of named normalisers the rules call. Like HeidelTime, relative expressions are resolved
against the DCT ("on Friday", "last week"), against the last date told ("two days
earlier"), or against the last period told ("the year-ago quarter"), and the tense of the
sentence decides whether an underspecified date ("Friday", "Dec. 15", "June") lies before
or after the DCT.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any, Literal, cast

from . import tables
from .errors import TableError
from .records import Precision, Timex

TABLE = "dates/en.yaml"
Tense = Literal["past", "future", "present"]
Norm = Callable[["Context", dict[str, str], str], "Resolved"]
NORMS: dict[str, Norm] = {}
TYPES = ("DATE", "TIME", "DURATION", "SET")
LEAD = r"(?<![\w-])"  # every rule's match begins a word
# Normalisers whose value comes from what was told before: they never become the reference.
ANAPHORIC = frozenset({"relative", "complement", "period_anaphor"})
# A well-formed TIMEX3 value: the forms this engine writes (checked by the tests).
VALUE = re.compile(
    r"(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|[\dX]{2,4}(?:-(?:[\dX]{2}(?:-[\dX]{2})?|W[\dX]{2}(?:-(?:[1-7X]|WE))?|Q[1-4X]|H[12]|SP|SU|FA|WI))?"
    r"(?:T(?:\d\d(?::\d\d)?|MO|AF|EV|NI))?"
    r"|P(?:[\dX]+(?:\.\d+)?(?:Y|M|W|D|Q|DE|CE))+|PT[\dX]+(?:H|M|S))"
)


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
    """What a normaliser may use: the DCT, what was told before, and the sentence's tense."""

    dct: dt.date | None
    lex: dict[str, dict[str, Any]]
    text: str = ""
    at: int = 0  # where the expression being normalised starts
    last: dt.date | None = None  # the last day-precision date told
    told: dt.date | None = None  # the last date told, of any precision
    period: tuple[int, str] | None = None  # (offset, value) of the last quarter or half told
    cues: re.Pattern[str] | None = None
    leads: re.Pattern[str] | None = None
    starts: list[int] = field(default_factory=list)  # where the sentences begin
    gap: re.Pattern[str] | None = None  # what may stand between a reporting verb and its date

    def tense(self) -> Tense | None:
        """The tense nearest the expression in its sentence, from the table's cue words;
        a deadline word just before it ("by Dec. 15", "effective June 1") means the future."""
        if self.cues is None:
            return None
        deadline = self.leads is not None and self.leads.search(self.text, max(0, self.at - 25), self.at)
        i = bisect.bisect_right(self.starts, self.at)
        begin = self.starts[i - 1] if i else 0
        sentence = self.text[begin : self.starts[i] if i < len(self.starts) else len(self.text)]
        # The verb before the expression governs it more often than one after it, and one
        # after it only when close ("talks on Friday will"; not "on July 18, gunmen coming").
        best: tuple[int, Tense | None] = (10**9, None)
        for m in self.cues.finditer(sentence):
            offset = begin + m.start() - self.at
            if offset > 40:
                break
            # "said on Friday": past; "said talks on Nov. 5 will go on": the report's own time
            # does not govern the clause it reports.
            if m.lastgroup == "reporting" and not (
                offset < 0
                and self.gap is not None
                and self.gap.fullmatch(self.text, begin + m.end(), self.at)
            ):
                continue
            distance = -offset if offset < 0 else offset + 1000
            if distance < best[0]:
                best = (distance, "past" if m.lastgroup == "reporting" else m.lastgroup)  # type: ignore[assignment]
        if deadline:  # "by Dec. 15", but "was not reported until Thursday" is past
            return "past" if best[1] == "past" and best[0] < 1000 else "future"
        return best[1]


def _alternation(words: Any) -> str:
    keys = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+").replace("'", "['’]") for k in keys)


@tables.table
def rules() -> tuple[tuple[Rule, ...], dict[str, dict[str, Any]]]:
    """The compiled rules and lexicons; a bad table raises TableError naming the rule."""
    data = tables.load_yaml(TABLE, ("lexicons", "rules", "tense_cues"))
    # a lexicon is a mapping (word -> value) or a plain word list
    raw: dict[str, dict[str, Any]] = {
        k: d if isinstance(d, dict) else dict.fromkeys(d, True) for k, d in data["lexicons"].items()
    }
    lex = {k: {_key(str(w)): v for w, v in d.items()} for k, d in raw.items()}
    pieces = {name: f"(?P<{name}>{_alternation(map(str, words))})" for name, words in raw.items()}
    pieces["day"] = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    pieces["year"] = r"(?P<year>(?:1[6-9]|20)\d\d)"
    words = _alternation(lex["numword"])
    # "seven a year ago": an article never continues a number
    more = _alternation(w for w in lex["numword"] if not re.match(r"an?\b", w))
    pieces["num"] = (
        rf"(?P<num>(?:{words})(?:(?:\s+|-)(?:and\s+)?(?:{more}))*"
        rf"|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2)?|{_alternation(lex['vague'])})"
    )
    # what may follow "two days after" when it introduces the event it is counted from:
    # a word, not a conjunction, preposition or pronoun ending the clause ("two days after,
    # ...", "the week before last", "two days after that.")
    stops, ends = _alternation(lex["complement_stops"]), _alternation(lex["complement_pronouns"])
    pieces["complement"] = rf"\s+(?!(?:{stops})\b)(?!(?:{ends})\s*(?:[,.;:!?]|$))[\w“\"‘]"
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
            body = re.sub(r"\{([a-z_]+)\}", lambda m: pieces[m[1]], item["pattern"])
            regex = re.compile(rf"{LEAD}(?:{body})(?![\w])", re.IGNORECASE)
        except (KeyError, re.error) as err:
            raise TableError(TABLE, f"rule {name}", f"bad pattern: {err}") from err
        out.append(Rule(name, regex, item["norm"], dict(item.get("examples", {}))))
    return tuple(out), lex


@cache
def _anywhere() -> re.Pattern[str] | None:
    """Where some rule can match: every rule's pattern after its common opening, with its
    groups unnamed, as one lookahead (None if they do not combine). Each rule then tries only
    these few places, not every character of the text."""
    tails = []
    for rule in rules()[0]:
        pattern = rule.regex.pattern
        if not pattern.startswith(LEAD) or "(?P=" in pattern:
            return None
        tail = re.sub(r"(?<!\\)\(\?P<\w+>", "(?:", pattern[len(LEAD) :])
        first = _first_chars(tail)
        # a rule is tried only where its first character can stand
        tails.append(f"(?=[{''.join(sorted(first))}])(?:{tail})" if first else f"(?:{tail})")
    try:
        return re.compile(rf"{LEAD}(?={'|'.join(tails)})", re.IGNORECASE)
    except re.error:
        return None


CLASSES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


def _first_chars(pattern: str) -> set[str] | None:
    """What can open a match of ``pattern``, as items of a character class (read from
    Python's own parse of it), or None when it could be anything or nothing."""
    parser = importlib.import_module("re._parser")
    try:
        items, empty = _first(parser.parse(pattern, re.IGNORECASE).data)
    except (re.error, ValueError):
        return None
    return None if items is None or empty or not items else items


def _char(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _first(seq: Any) -> tuple[set[str] | None, bool]:
    """(class items for the first character a match of the parsed ``seq`` consumes, or None
    for any; whether it can match nothing). Zero-width assertions consume nothing."""
    items: set[str] = set()
    for op, av in seq:
        kind = str(op)
        found: set[str] | None
        if kind == "LITERAL":
            found, empty = {_char(av)}, False
        elif kind == "IN":
            found, empty = set(), False
            for o, a in av:
                if str(o) == "LITERAL":
                    found.add(_char(a))
                elif str(o) == "RANGE":
                    found.add(f"{_char(a[0])}-{_char(a[1])}")
                elif str(o) == "CATEGORY" and str(a) in CLASSES:
                    found.add(CLASSES[str(a)])
                else:  # a negated class, or a category not listed
                    return None, False
        elif kind == "SUBPATTERN":
            found, empty = _first(av[3])
        elif kind == "ATOMIC_GROUP":
            found, empty = _first(av)
        elif kind in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            found, empty = _first(av[2])
            empty = empty or av[0] == 0
        elif kind == "BRANCH":
            found, empty = set(), False
            for alternative in av[1]:
                more, nothing = _first(alternative)
                if more is None:
                    return None, False
                found |= more
                empty = empty or nothing
        elif kind in ("ASSERT", "ASSERT_NOT", "AT"):
            continue
        else:  # any character, a back-reference, a negated literal
            return None, False
        if found is None:
            return None, False
        items |= found
        if not empty:
            return items, False
    return items, True


def _finditer(regex: re.Pattern[str], text: str, places: list[int] | None) -> list[re.Match[str]]:
    """``regex.finditer(text)``, its matches tried only at ``places`` (where some rule can
    match, in order): the same leftmost, non-overlapping matches."""
    if places is None:
        return list(regex.finditer(text))
    out: list[re.Match[str]] = []
    pos = 0
    for at in places:
        if at < pos:
            continue
        m = regex.match(text, at)
        if m is None:
            continue
        if m.end() == at:  # an empty match: finditer's rules for what follows it apply
            return list(regex.finditer(text))
        out.append(m)
        pos = m.end()
    return out


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """(reporting cue, tense cues, words left outside a span, deadline leads, words between a
    reporting verb and its date) from the table."""
    data = tables.load_yaml(TABLE, ("reporting_cues", "tense_cues", "outside", "future_leads"))
    gap = re.compile(rf"\s+(?:(?:{_alternation(rules()[1]['reporting_gap'])})\s+)*", re.IGNORECASE)
    try:
        reporting = re.compile(str(data["reporting_cues"]), re.IGNORECASE)
        leads = re.compile(rf"\b(?:{data['future_leads']})\s+(?:on\s+)?$", re.IGNORECASE)
        tense = re.compile(
            "|".join(rf"\b(?P<{k}>{v})\b" for k, v in data["tense_cues"].items()), re.IGNORECASE
        )
        outside = re.compile(
            rf"(?:(?:{_alternation(map(str, data['outside']))})\s+(?!least\b|most\b))+", re.IGNORECASE
        )
    except (re.error, AttributeError) as err:
        raise TableError(TABLE, "reporting_cues/tense_cues/outside", f"bad pattern: {err}") from err
    if set(tense.groupindex) - {"past", "future", "present", "reporting"}:
        raise TableError(TABLE, "tense_cues", "keys must be reporting, future, past and present")
    return reporting, tense, outside, leads, gap


def extract(text: str, dct: dt.date | None) -> list[Timex]:
    """All temporal expressions of ``text``, normalised, in text order.

    text (str): the article text. dct (date | None): publication date, if known.
    RETURNS (list[Timex]): non-overlapping; at each place the longest match wins.
    """
    compiled, lex = rules()
    reporting, cues, outside, leads, gap = _patterns()
    spans: list[tuple[int, int, Rule, dict[str, str]]] = []
    anywhere = _anywhere()
    places = None if anywhere is None else [m.start() for m in anywhere.finditer(text)]
    for rule in compiled:
        for m in _finditer(rule.regex, text, places):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            # "for three years", "on Friday": the preposition is not part of the expression
            lead = outside.match(text, m.start(), m.end())
            start = lead.end() if lead and lead.end() < m.end() else m.start()
            spans.append((start, m.end(), rule, groups))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    chosen: list[tuple[int, int, Rule, dict[str, str]]] = []
    end = -1
    for span in spans:
        if span[0] >= end:
            chosen.append(span)
            end = span[1]
    ctx = Context(dct, lex, text, cues=cues, leads=leads, gap=gap, starts=sentence_starts(text))
    out = []
    for start, stop, rule, groups in chosen:
        ctx.at = start
        anchor = (ctx.last or ctx.dct) if rule.norm == "complement" else None
        try:
            res = NORMS[rule.norm](ctx, groups, text[start:stop])
        except (ValueError, OverflowError, KeyError):
            # An impossible date ("February 30", year 99999): keep the mention, unresolved.
            res = _unknown("XXXX-XX-XX")
        told = reporting.search(text[max(0, start - 60) : start])
        if res.date is not None and res.precision == "day" and not told and rule.norm != "complement":
            ctx.last = res.date  # (not the earlier event "two days after" points back to)
        if res.date is not None and not told:
            ctx.told = res.date
        if re.search(r"-[QH]\d$", res.value) and rule.norm not in ANAPHORIC:
            ctx.period = (start, res.value)
        kind = cast(Literal["DATE", "TIME", "DURATION", "SET"], res.type)
        out.append(
            Timex(start, stop, text[start:stop], kind, res.value, res.precision, res.date, rule.name, anchor)
        )
    return _counted_from_own_day(out, chosen, ctx)


def _counted_from_own_day(
    out: list[Timex], chosen: list[tuple[int, int, Rule, dict[str, str]]], ctx: Context
) -> list[Timex]:
    """ "The day after police opened fire, demonstrators blocked roads on Tuesday": a
    complement counts back from the day its own sentence names later, when it names one."""
    fixed = list(out)
    for n, (t, (start, _, rule, groups)) in enumerate(zip(out, chosen, strict=True)):
        if rule.norm != "complement":
            continue
        sentence = bisect.bisect_right(ctx.starts, t.start)
        own = next(
            (
                o
                for o in out[n + 1 :]
                if bisect.bisect_right(ctx.starts, o.start) == sentence
                and o.rule != t.rule
                and o.precision == "day"
                and o.date is not None
            ),
            None,
        )
        if own is None or own.date is None:
            continue
        ctx.last, ctx.at = own.date, start
        res = NORMS[rule.norm](ctx, groups, t.text)
        fixed[n] = replace(t, value=res.value, precision=res.precision, date=res.date, anchor=own.date)
    return fixed


BOUNDARY = re.compile(r"[.!?][\"'’”)]*\s+(?=[\"“(]?[A-Z0-9])|\n\s*")


@cache
def _abbreviations() -> frozenset[str]:
    return frozenset(str(w).lower() for w in tables.load_yaml(TABLE).get("abbreviations", []))


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin: after a full stop that does not end an abbreviation
    of the table ("Nov.", "Gen.", "U.S.") or a line break. (The nlp and dates stages both
    ask for each article's: the last texts' answers are kept.)"""
    return list(_sentence_starts(text, _abbreviations()))


@lru_cache(maxsize=64)
def _sentence_starts(text: str, short: frozenset[str]) -> tuple[int, ...]:
    starts = []
    for m in BOUNDARY.finditer(text):
        if text[m.start()] == ".":
            word = re.search(r"(\w+)$", text[max(0, m.start() - 12) : m.start()])
            if word and (len(word[1]) == 1 or word[1].lower() in short):
                continue
        starts.append(m.end())
    return tuple(starts)


def norm(name: str) -> Callable[[Norm], Norm]:
    def register(fn: Norm) -> Norm:
        NORMS[name] = fn
        return fn

    return register


def _key(word: str) -> str:
    return re.sub(r"[\s-]+", " ", word.lower().replace("’", "'")).strip()


def _lex(ctx: Context, table: str, word: str) -> Any:
    return ctx.lex[table][_key(word)]


def number(words: str, lex: dict[str, dict[str, Any]]) -> int | None:
    """ "twenty four" -> 24, "a hundred" -> 100, "1,500" -> 1500; None for vague words."""
    words = _key(words)
    if words in lex["vague"]:
        return None
    if words in lex["numword"]:
        return int(lex["numword"][words])
    if re.fullmatch(r"[\d,]+(?:\.\d+)?(?: 1/2)?", words):
        return int(float(words.split()[0].replace(",", "")))
    total = current = 0
    for word in words.replace(" and ", " ").split():
        value = int(lex["numword"].get(word, 0))
        if value in (100, 1000):
            current = max(current, 1) * value
            if value == 1000:
                total, current = total + current, 0
        else:
            current += value
    return total + current


def _num(ctx: Context, g: dict[str, str]) -> int | None:
    return number(g["num"], ctx.lex) if "num" in g else 1


def _unknown(value: str) -> Resolved:
    return Resolved(value, "none", None)


def _day(d: dt.date) -> Resolved:
    return Resolved(d.isoformat(), "day", d)


def _ref(ctx: Context) -> dt.date | None:
    return ctx.dct or ctx.last


def window(tense: Tense | None) -> tuple[int, int]:
    """Days before and after the reference a date named without its year may lie: the year
    before it in the past tense (or a few days after: reports lag), the year after it in the
    future (or a deadline just passed), else mostly before."""
    return {"past": (-366, 3), "future": (-7, 366)}.get(tense or "", (-366, 14))


def nearest_year(month: int, day: int, ref: dt.date, tense: Tense | None = None) -> dt.date | None:
    """The date of month-day nearest to ``ref`` within the ``window`` of the tense."""
    low, high = window(tense)
    best: dt.date | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        delta = (cand - ref).days
        if low <= delta <= high and (best is None or abs(delta) < abs((best - ref).days)):
            best = cand
    return best


def _period_year(ctx: Context, first: int, last: int, slack: int = 0) -> int | None:
    """The year of a part of a year (months first..last) named without one: the current
    year, or the one before or after it when the tense puts the part on the other side.
    ``slack``: months a part may have ended before the DCT and still be the one meant in
    the future tense ("third-quarter results will be released" in November)."""
    ref = _ref(ctx)
    if ref is None:
        return None
    tense = ctx.tense()
    if tense == "past" and first > ref.month:
        return ref.year - 1
    if tense == "future" and last + slack < ref.month:
        return ref.year + 1
    return ref.year


@norm("calendar")
def _calendar(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    month = int(_lex(ctx, "month", g["month"]))
    if "day" not in g:
        return _month(month, int(g["year"]))
    return _month_day(ctx, month, int(g["day"]), g.get("year"))


def _month(month: int, year: int | None) -> Resolved:
    if year is None:
        return _unknown(f"XXXX-{month:02d}")
    return Resolved(f"{year:04d}-{month:02d}", "month", dt.date(year, month, 15))


def _month_day(ctx: Context, month: int, day: int, year: str | None) -> Resolved:
    """A calendar day; without a year, the one the tense and the DCT point to."""
    if year is not None:
        try:
            return _day(dt.date(int(year), month, day))
        except ValueError:
            return _unknown(f"{year}-{month:02d}-XX")
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:  # "February 30": no such day, ever
        return _unknown("XXXX-XX-XX")
    ref = _ref(ctx)
    found = nearest_year(month, day, ref, ctx.tense() if ctx.dct else None) if ref else None
    return _day(found) if found else _unknown(f"XXXX-{month:02d}-{day:02d}")


@norm("month")
def _month_alone(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "in June", "last June", "June last year", "mid-November": a month of a year."""
    month = int(_lex(ctx, "monthname", g["monthname"]))
    ref = _ref(ctx)
    if ref is None:
        return _unknown(f"XXXX-{month:02d}")
    if "shift" in g:
        shift = int(_lex(ctx, "shift", g["shift"]))
        if "of_year" in g:  # "June last year": the year moves, not the month
            return _month(month, ref.year + shift)
        if shift < 0:
            return _month(month, ref.year - (month >= ref.month))
        if shift > 0:
            return _month(month, ref.year + (month <= ref.month))
        return _month(month, ref.year)
    return _month(month, _period_year(ctx, month, month))


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
    ref = _ref(ctx)
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


def _weekday_day(ctx: Context, g: dict[str, str]) -> Resolved:
    weekday = int(_lex(ctx, "weekday", g["weekday"]))
    if ctx.dct is None:
        return _unknown(f"XXXX-WXX-{weekday + 1}")
    if "shift" in g:
        return _day(weekday_before(ctx.dct, weekday, int(_lex(ctx, "shift", g["shift"]))))
    if ctx.tense() == "future" and weekday != ctx.dct.weekday():
        return _day(weekday_before(ctx.dct, weekday, 1))
    return _day(weekday_before(ctx.dct, weekday))


@norm("weekday")
def _weekday(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    return _weekday_day(ctx, g)


def _base_day(ctx: Context, g: dict[str, str]) -> Resolved:
    """The day a time of day belongs to: a weekday, a day word, else the date told last."""
    if "weekday" in g:
        return _weekday_day(ctx, g)
    if "month" in g:
        return _month_day(ctx, int(_lex(ctx, "month", g["month"])), int(g["day"]), None)
    if "dayword" in g:
        return _dayword(ctx, g, "")
    ref = ctx.last or ctx.dct
    return _day(ref) if ref else _unknown("XXXX-XX-XX")


@norm("clock")
def _clock(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    day = _base_day(ctx, g)
    if "clockword" in g:
        hour, minute = (int(x) for x in str(_lex(ctx, "clockword", g["clockword"])).split(":"))
    else:
        hour = int(g["hour"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
        minute = int(g.get("minute") or 0)
    return _at(day, f"{hour:02d}:{minute:02d}")


def _at(day: Resolved, time: str) -> Resolved:
    if day.date is None:
        return Resolved(f"{day.value}T{time}", "none", None, "TIME")
    return Resolved(f"{day.date.isoformat()}T{time}", "day", day.date, "TIME")


@norm("part_of_day")
def _part_of_day(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "Thursday evening", "this morning", "tonight": the day with a TIMEX3 part code."""
    if "partword" in g:
        offset, part = str(_lex(ctx, "partword", g["partword"])).split(":")
        g = {"dayword": "today"} if int(offset) == 0 else {"dayword": "yesterday"}
        return _at(_dayword(ctx, g, text), part)
    if "relday" in g:  # "the next morning": from the day told last
        ref = ctx.last or ctx.dct
        if ref is None:
            return _at(_unknown("XXXX-XX-XX"), str(_lex(ctx, "part", g["part"])))
        day = _day(ref + dt.timedelta(days=int(_lex(ctx, "relday", g["relday"]))))
        return _at(day, str(_lex(ctx, "part", g["part"])))
    if "weekday" not in g and "dayword" not in g:  # "this morning"
        g = {**g, "dayword": "today"}
    return _at(_base_day(ctx, g), str(_lex(ctx, "part", g["part"])))


@norm("holiday")
def _holiday(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    rule = str(_lex(ctx, "holiday", g["holiday"]))
    if re.fullmatch(r"\d\d-\d\d", rule):
        month, day = (int(x) for x in rule.split("-"))
        return _month_day(ctx, month, day, g.get("year"))
    # A movable feast: the year is the one given, else the one whose date is nearest the DCT.
    ref = _ref(ctx)
    if "year" in g:
        return _day(holiday_on(rule, int(g["year"])))
    if ref is None:
        return _unknown("XXXX-XX-XX")
    low, high = window(ctx.tense())
    days = [holiday_on(rule, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    fitting = [d for d in days if low <= (d - ref).days <= high] or days
    return _day(min(fitting, key=lambda d: abs((d - ref).days)))


def holiday_on(rule: str, year: int) -> dt.date:
    """The date of a movable holiday rule ("11-4-3", "05-L-0", "easter-2") in ``year``."""
    if rule.startswith("easter"):
        return easter(year) + dt.timedelta(days=int(rule[6:] or 0))
    month, nth, weekday = rule.split("-")
    first = dt.date(year, int(month), 1)
    if nth == "L":
        after = dt.date(year + int(month) // 12, int(month) % 12 + 1, 1)
        return after - dt.timedelta(days=(after.weekday() - int(weekday) - 1) % 7 + 1)
    return first + dt.timedelta(days=(int(weekday) - first.weekday()) % 7 + 7 * (int(nth) - 1))


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


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
    amount, code = int(re.sub(r"\D", "", unit)), re.sub(r"[P\d]", "", unit)
    if code == "D":
        return ref + dt.timedelta(days=n * amount), "day"
    if code == "W":
        return ref + dt.timedelta(weeks=n * amount), "week"
    if code in ("M", "Q"):
        months = ref.year * 12 + ref.month - 1 + n * amount * (3 if code == "Q" else 1)
        return dt.date(months // 12, months % 12 + 1, 15), "month"
    years = n * amount * {"Y": 1, "DE": 10, "CE": 100}[code]
    return dt.date(ref.year + years, 7, 1), "year"


def _shift_period(value: str, years: int) -> str:
    """ "1989-Q3" moved by ``years``: the year-ago quarter."""
    return f"{int(value[:4]) + years:04d}{value[4:]}"


@norm("relative")
def _relative(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    unit = str(_lex(ctx, "unit", g.get("unit") or g["plural"]))
    direction = int(_lex(ctx, "direction", g["direction"]))
    n = _num(ctx, g) if "num" in g or "plural" not in g else None
    if unit.startswith("PT") and (ctx.last or ctx.dct):  # "minutes later": the same day
        return _day(ctx.last or ctx.dct)  # type: ignore[arg-type]
    if n is None:  # "several years ago", "days later"
        return _unknown("PAST_REF" if direction < 0 else "FUTURE_REF")
    # "a year ago" in a report on a quarter means the year-ago quarter.
    if unit == "P1Y" and ctx.period and ctx.at - ctx.period[0] < 600:
        return _period_value(_shift_period(ctx.period[1], direction * n))
    # "ago" counts back from the DCT; "earlier/later" from the event just told. With none
    # told, "two days later" is not two days after the report: that day has not come.
    ref = ctx.dct if _key(g["direction"]) == "ago" else (ctx.last or ctx.dct)
    if ref is None or (ctx.last is None and direction > 0):
        return _unknown("XXXX-XX-XX")
    date, precision = _shift(ref, unit, direction * n)
    return _value(date, precision)


@norm("complement")
def _complement(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "The vote comes two days after a US airstrike": the date of what follows the
    expression, counted back (or on, for "before") from the event being told."""
    unit = str(_lex(ctx, "unit", g.get("unit") or g["one"]))
    direction = int(_lex(ctx, "direction", g["direction"]))
    ref, n = ctx.last or ctx.dct, _num(ctx, g)
    if ref is None or n is None:
        return _unknown("XXXX-XX-XX")
    date, precision = _shift(ref, unit, -direction * n)
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


def _period_value(value: str) -> Resolved:
    """A quarter, half or season of a known year, dated to its middle."""
    year, part = int(value[:4]), value[5:]
    months = {"Q1": 2, "Q2": 5, "Q3": 8, "Q4": 11, "H1": 4, "H2": 10, "SP": 4, "SU": 7, "FA": 10, "WI": 1}
    return Resolved(value, "year", dt.date(year, months.get(part, 7), 15))


@norm("period")
def _period(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "last week", "this year", "next month", "last quarter", "this summer"."""
    if ctx.dct is None:
        return _unknown("XXXX")
    shift = int(_lex(ctx, "shift", g["shift"])) if "shift" in g else 0
    # "the next year", "the previous week": counted from the time just told ("in 1918 ...
    # the republic ceased to exist the next year"), not from the report
    told = re.match(r"the\s+(?:next|previous|following)\b", text, re.IGNORECASE)
    ref = ctx.told if shift and ctx.told and told else ctx.dct
    if "season" in g:
        season = str(_lex(ctx, "season", g["season"]))
        year = ref.year + shift
        return _period_value(f"{year}-{season}")
    period = str(_lex(ctx, "period", g["period"]))
    if period == "Q":
        quarter = ref.year * 4 + (ref.month - 1) // 3 + shift
        return _period_value(f"{quarter // 4:04d}-Q{quarter % 4 + 1}")
    if period in ("W", "WE"):
        date = ref + dt.timedelta(weeks=shift)
        iso = date.isocalendar()
        found = Resolved(f"{iso.year}-W{iso.week:02d}" + ("-WE" if period == "WE" else ""), "week", date)
        first = date - dt.timedelta(days=date.weekday())
        last = first + dt.timedelta(days=6)
    else:
        date, precision = _shift(ref, {"M": "P1M", "Y": "P1Y"}[period], shift)
        found = _value(date, precision)
        first = date.replace(day=1) if period == "M" else date.replace(month=1, day=1)
        last = _month_end(date) if period == "M" else date.replace(month=12, day=31)
    side = re.match(r"(?:the\s+)?(earlier|later)\b", text, re.IGNORECASE)
    if side and not shift:
        # "earlier this month": a day of the month before the report, not its middle, which
        # may lie after the report
        if side[1].lower() == "earlier":
            last = ref - dt.timedelta(days=1)
        else:
            first = ref + dt.timedelta(days=1)
        if first <= last:
            found = Resolved(found.value, found.precision, first + (last - first) / 2)
    return found


def _month_end(day: dt.date) -> dt.date:
    following = day.replace(day=28) + dt.timedelta(days=4)
    return following - dt.timedelta(days=following.day)


@norm("told_period")
def _told_period(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "later that month", "the following year": the period of the date told last, moved."""
    ref = ctx.told or ctx.dct
    if ref is None:
        return _unknown("XXXX")
    unit = {"year": "P1Y", "month": "P1M", "week": "P1W"}[_key(g["period"])]
    date, precision = _shift(ref, unit, int(_lex(ctx, "relperiod", g["relperiod"])))
    return _value(date, precision)


@norm("part_of_year")
def _part_of_year(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "the third quarter", "third-quarter", "the first half of 1990", "the early summer"."""
    if "season" in g:
        code = str(_lex(ctx, "season", g["season"]))
        first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        span = (first, first + 2)
    elif "month" in g:  # "the quarter ended Sept. 30": the quarter of its last day
        end = _month_day(ctx, int(_lex(ctx, "month", g["month"])), int(g["day"]), None)
        if end.date is None:
            return _unknown("XXXX-QX")
        # A fiscal quarter keeps its own number ("its fourth quarter ended Sept. 30").
        n = int(_lex(ctx, "ordinal", g["ordinal"])) if "ordinal" in g else (end.date.month - 1) // 3 + 1
        return _period_value(f"{end.date.year:04d}-Q{n}")
    else:
        n = int(_lex(ctx, "ordinal", g["ordinal"]))
        half = _key(g["part"]).startswith("half")
        if n > (2 if half else 4):
            return _unknown("XXXX")
        code = f"H{n}" if half else f"Q{n}"
        span = ((n - 1) * 6 + 1, n * 6) if half else ((n - 1) * 3 + 1, n * 3)
    year = int(g["year"]) if "year" in g else _period_year(ctx, *span, slack=6)
    if year is None:
        return _unknown(f"XXXX-{code}")
    return _period_value(f"{year:04d}-{code}")


@norm("period_anaphor")
def _period_anaphor(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "the quarter", "the latest period", "the year-ago quarter": the quarter or half told
    last (a year back for "year-ago"), else the last one completed before the DCT."""
    back = int(_lex(ctx, "year_back", g["year_back"])) if "year_back" in g else 0
    if ctx.period:
        return _period_value(_shift_period(ctx.period[1], back))
    if ctx.dct is None:
        return _unknown("XXXX-QX")
    quarter = ctx.dct.year * 4 + (ctx.dct.month - 1) // 3 - 1
    return _period_value(f"{quarter // 4 + back:04d}-Q{quarter % 4 + 1}")


@norm("this_year")
def _this_year(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "the year", "the full year", "year-end": the year of the DCT."""
    if ctx.dct is None:
        return _unknown("XXXX")
    if "edge" in g:
        return _day(dt.date(ctx.dct.year, *(int(x) for x in str(_lex(ctx, "edge", g["edge"])).split("-"))))
    return _value(ctx.dct, "year")


@norm("duration")
def _duration(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "three years", "two-hour", "the past few weeks" (PXW), "the nine months" (P9M)."""
    unit = str(_lex(ctx, "unit", g["unit"])) if "unit" in g else str(_lex(ctx, "plural", g["plural"]))
    n = _num(ctx, g)
    amount = "X" if n is None or "plural" in g else str(n * int(re.sub(r"\D", "", unit)))
    if "num" in g and "1/2" in g["num"] and n is not None:
        return _half_more(unit, n)
    code = re.sub(r"[PT\d]", "", unit)
    return Resolved(f"{'PT' if unit.startswith('PT') else 'P'}{amount}{code}", "none", None, "DURATION")


def _half_more(unit: str, n: int) -> Resolved:
    """ "2 1/2 years" -> P2Y6M; other halves in the next smaller unit."""
    smaller = {"P1Y": ("Y", "6M"), "P1M": ("M", "15D"), "P1D": ("D", "T12H"), "P1W": ("W", "3D")}
    if unit in smaller:
        big, half = smaller[unit]
        return Resolved(f"P{n}{big}{half}", "none", None, "DURATION")
    return Resolved(f"PT{n}H30M", "none", None, "DURATION")


@norm("set")
def _set(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "every year", "each month", "daily", "each July", "every Friday"."""
    if "setword" in g:
        return Resolved(str(_lex(ctx, "setword", g["setword"])), "none", None, "SET")
    if "monthname" in g:
        return Resolved(f"XXXX-{int(_lex(ctx, 'monthname', g['monthname'])):02d}", "none", None, "SET")
    if "weekday" in g:
        return Resolved(f"XXXX-WXX-{int(_lex(ctx, 'weekday', g['weekday'])) + 1}", "none", None, "SET")
    unit = str(_lex(ctx, "unit", g["unit"]))
    return Resolved(unit, "none", None, "SET")


@norm("ref")
def _reference(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "now", "recently", "the future": TIMEX3 PRESENT_REF, PAST_REF, FUTURE_REF."""
    return _unknown(str(_lex(ctx, "ref", g["ref"])))


@norm("year")
def _year(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    year = int(g["year"])
    if "decade" in g:
        return Resolved(str(year)[:3], "none", None)
    if "season" in g:
        return _period_value(f"{year}-{_lex(ctx, 'season', g['season'])}")
    return Resolved(str(year), "year", dt.date(year, 7, 1))


@norm("spelled_year")
def _spelled_year(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "nineteen ninety-six" -> 1996, "two thousand" -> 2000."""
    century = number(g["century"], ctx.lex) or 0
    rest = number(g["num"], ctx.lex) or 0 if "num" in g else 0
    year = century * (100 if century < 100 else 1) + rest
    return Resolved(str(year), "year", dt.date(year, 7, 1))


@norm("decade")
def _decade(ctx: Context, g: dict[str, str], text: str) -> Resolved:
    """ "the '90s" -> 199, "the 20th century" -> 19."""
    if "century" in g:
        ordinal = int(re.sub(r"\D", "", g["century"]))
        return _unknown(f"{ordinal - 1:02d}")
    short = int(g["short"])
    ref = _ref(ctx) or dt.date.today()
    century = ref.year // 100 - (short * 1 > ref.year % 100)
    return _unknown(f"{century:02d}{short // 10}")


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
    if not mds or not weekdays or not years:
        return None  # without a year written out any of many years fits: no guess
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
