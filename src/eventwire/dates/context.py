"""What a normaliser works with: the ``Context`` it reads (the DCT, what was told before, the
sentence's tense), the ``Resolved`` value it returns, the registry ``NORMS`` that the table's
rules name normalisers from, and the small helpers every normaliser uses."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from ..records import Precision

Tense = Literal["past", "future", "present"]
Norm = Callable[["Context", dict[str, str], str], "Resolved"]
NORMS: dict[str, Norm] = {}
TYPES = ("DATE", "TIME", "DURATION", "SET")
# A well-formed TIMEX3 value: the forms this engine writes (checked by the tests).
VALUE = re.compile(
    r"(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|[\dX]{2,4}(?:-(?:[\dX]{2}(?:-[\dX]{2})?|W[\dX]{2}(?:-(?:[1-7X]|WE))?|Q[1-4X]|H[12]|SP|SU|FA|WI))?"
    r"(?:T(?:\d\d(?::\d\d)?|MO|AF|EV|NI))?"
    r"|P(?:[\dX]+(?:\.\d+)?(?:Y|M|W|D|Q|DE|CE))+|PT[\dX]+(?:H|M|S))"
)


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
        # (a time that opens its sentence, "In November, an air strike on a market ... killed
        # 14 people", is governed by the sentence's verb however far after it)
        opening = len(self.text[begin : self.at].split()) <= 2
        for m in self.cues.finditer(sentence):
            offset = begin + m.start() - self.at
            if offset > 40 and not (opening and best[1] is None):
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
