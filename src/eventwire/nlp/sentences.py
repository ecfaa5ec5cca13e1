"""Sentence starts of a raw text, before (and without) a parse: where the nlp stage's focus
blanks sentences out and where the dates stage looks for a sentence's own dates."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import tables

TABLE = "nlp/sentences.yaml"
BOUNDARY = re.compile(r"[.!?][\"'’”)]*\s+(?=[\"“(]?[A-Z0-9])|\n\s*")


@tables.table
def abbreviations() -> frozenset[str]:
    """Words a full stop ends without ending the sentence ("Gen.", "Nov."), lower case."""
    return frozenset(tables.words(TABLE, "abbreviations", lower=True))


def sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin: after a full stop that does not end an abbreviation
    of the table ("Nov.", "Gen.", "U.S.") or a line break. (The nlp and dates stages both
    ask for each article's: the last texts' answers are kept.)"""
    return list(_sentence_starts(text, abbreviations()))


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
