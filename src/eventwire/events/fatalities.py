"""Fatality counts in a victim phrase, by ACLED's rules."""

from __future__ import annotations

from ..records import Parsed

VAGUE = {
    "several": 3,
    "few": 3,
    "some": 3,
    "many": 10,
    "dozens": 12,
    "dozen": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
}


NUMWORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a": 1,
    "an": 1,
}


PERSONS = frozenset(
    [
        "person",
        "people",
        "man",
        "men",
        "woman",
        "women",
        "child",
        "children",
        "civilian",
        "contractor",
        "soldier",
        "troop",
        "officer",
        "policeman",
        "villager",
        "resident",
        "worker",
        "farmer",
        "student",
        "commander",
        "militant",
        "fighter",
        "member",
        "boy",
        "girl",
        "guard",
        "teacher",
        "journalist",
        "passenger",
        "worshipper",
        "victim",
        "body",
        "corpse",
        "leader",
        "chief",
        "head",
        "official",
        "spokesman",
        "mayor",
        "governor",
        "minister",
        "driver",
        "doctor",
        "nurse",
        "pilot",
        "gunman",
        "attacker",
        "insurgent",
        "rebel",
        "militiaman",
        "policewoman",
        "serviceman",
        "marine",
        "herder",
        "trader",
        "pilgrim",
        "refugee",
        "activist",
        "protester",
        "demonstrator",
    ]
)


def count(parsed: Parsed, head: int, trigger: int) -> tuple[int, str]:
    """(fatalities, kind) in the phrase headed at ``head``, by ACLED's rules."""
    toks = parsed.tokens
    words = [j for j in parsed.subtree(head) if not _in_aside(parsed, j, head)]
    if toks[head].lemma in ("they", "them") and toks[trigger].dep == "conj":
        obj = next((c for c in parsed.children(toks[trigger].head) if toks[c].dep == "dobj"), None)
        if obj is not None:
            return count(parsed, obj, trigger)
    for j in words:
        t = toks[j]
        if t.lemma in ("no", "none") or t.text.lower() == "nobody":
            return 0, "explicit"
        age = j + 1 < len(toks) and toks[j + 1].lemma.strip("-") in ("year", "month", "week", "day", "hour")
        if t.pos == "NUM" and not age:  # "a 23 year-old student" is one person
            n = _number(t.text)
            if n is not None:
                return n, "explicit"
        if t.text.lower() in VAGUE:
            return VAGUE[t.text.lower()], "vague"
    persons = [e for e in parsed.ents if e.label == "PERSON" and e.first in words]
    if persons:
        return len(persons), "enumerated"
    head_tok = toks[head]
    if head_tok.tag in ("NN", "NNP") and (head_tok.lemma in PERSONS or head_tok.ent == "PERSON"):
        return 1, "enumerated"
    article = {toks[c].lemma for c in parsed.children(head) if toks[c].dep == "det"}
    if head_tok.tag == "NN" and article & {"a", "an", "one"}:
        return 1, "enumerated"  # "a NASA supporter was killed": one person
    if head_tok.tag == "NNS" and head_tok.lemma in PERSONS:
        return 3, "vague"
    return 0, "none"


def _in_aside(parsed: Parsed, j: int, head: int) -> bool:
    """Inside an 'including ...' or 'among ...' phrase, which counts a subset."""
    for a in parsed.ancestors(j):
        if a == head:
            return False
        if parsed.tokens[a].dep == "prep" and parsed.tokens[a].lemma in ("include", "including", "among"):
            return True
        if parsed.tokens[a].lemma in ("include", "including"):
            return True
    return False


def _number(text: str) -> int | None:
    clean = text.replace(",", "").lower()
    if clean.isdigit():
        return int(clean)
    return NUMWORDS.get(clean)
