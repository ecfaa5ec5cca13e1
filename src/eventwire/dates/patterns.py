"""The TIMEX3 rules and lexicons of ``data/dates/en.yaml``, compiled: each rule's pattern with
its lexicon pieces filled in, and the cue patterns that decide tense and span; and where the
rules can match (one lookahead made of every rule's opening), so that each rule is tried only
at those few places, with the same matches as trying it everywhere."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import tables
from ..errors import TableError
from .context import NORMS, _key

TABLE = "dates/en.yaml"
LEAD = r"(?<![\w-])"  # every rule's match begins a word


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    norm: str
    examples: dict[str, str]


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
