"""Fatality counts in a victim phrase, by ACLED's rules."""

from __future__ import annotations

from typing import Any

from .. import dates, tables
from ..records import Parsed


@tables.table
def counts() -> dict[str, Any]:
    """The counting table, with number words from the dates stage's lexicon."""
    data = tables.load_yaml(
        "events/counts.yaml",
        (
            "vague",
            "persons",
            "one_person",
            "animals",
            "fatal",
            "killing",
            "non_lethal_modes",
            "companions",
            "remains",
        ),
    )
    out: dict[str, Any] = {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}
    out["vague"] = {str(k): int(v) for k, v in data["vague"].items()}
    out["numbers"] = {w: int(n) for w, n in dates.rules()[1]["numword"].items() if w not in out["vague"]}
    out["months"] = frozenset(dates.rules()[1]["month"])
    return out


def count(parsed: Parsed, head: int, trigger: int) -> tuple[int, str]:
    """(fatalities, kind) in the phrase headed at ``head``, by ACLED's rules."""
    toks = parsed.tokens
    conjuncts = [c for c in parsed.children(head) if toks[c].dep == "conj"]
    companions = [o for c in parsed.children(head) if _companion(parsed, c) for o in _objects(parsed, c)]
    parts = [_count_one(parsed, j, trigger) for j in [head, *conjuncts, *companions]]
    kinds = {kind for _, kind in parts}
    if len(parts) > 1 and kinds <= {"explicit", "enumerated"}:
        # "four soldiers and thirteen militants", "Muhandis and Soleimani": every side's dead
        return sum(n for n, _ in parts), "explicit" if kinds == {"explicit"} else "enumerated"
    return parts[0]


def _count_one(parsed: Parsed, head: int, trigger: int) -> tuple[int, str]:
    toks = parsed.tokens
    table = counts()
    vague, persons_words = table["vague"], table["persons"]
    if toks[head].lemma in table["animals"]:
        return 0, "explicit"  # "32 sheep were killed by a speeding truck": nobody died
    verb = toks[head].head
    if toks[head].lemma in ("who", "whom") and toks[verb].dep == "relcl" and toks[verb].head != head:
        return _count_one(parsed, toks[verb].head, trigger)  # "a classmate, who was shot dead"
    words = [j for j in parsed.subtree(head) if not _in_aside(parsed, j, head)]
    if any(toks[j].text.lower() == "how" for j in words):
        return 0, "none"  # "without saying how many militants were killed": no count at all
    if any(toks[j].text.lower() == "whom" and toks[toks[j].head].lemma == "of" for j in words):
        return 0, "none"  # "killed three civilians, two of whom were beheaded": a part of a count told
    if toks[head].lemma in ("they", "them") and toks[trigger].dep in ("conj", "advcl"):
        # "seized three men and killed them", "ran over two protesters, killing them": the
        # people the deed before it hit
        # ("opened fire on five soldiers": the fire hit no one, the soldiers were hit)
        verb = toks[trigger].head
        objects = [c for c in parsed.children(verb) if toks[c].dep == "dobj"]
        preps = [c for c in parsed.children(verb) if toks[c].dep == "prep"]
        preps += [p for c in objects if c != head for p in parsed.children(c) if toks[p].dep == "prep"]
        hit = objects + [
            o
            for p in preps
            for o in parsed.children(p)
            if toks[o].dep == "pobj" and toks[o].tag in ("NNS", "NNPS")
        ]
        # (people, not "dozens of bullets" or "a bus"; who was fired "at" before what was fired)
        people = [h for h in hit if h != head and toks[h].lemma in persons_words]
        people.sort(key=lambda h: toks[toks[h].head].lemma not in ("at", "on"))
        for h in people:
            if (told := count(parsed, h, trigger))[1] != "none":
                return told
    for j in words:
        t = toks[j]
        bound = j + 1 < len(toks) and toks[j + 1].lemma in ("few", "less", "more")  # "no fewer than 29"
        if (t.lemma in ("no", "none") and not bound) or t.text.lower() == "nobody":
            return 0, "explicit"
        after = next((k for k in range(j + 1, min(j + 3, len(toks))) if toks[k].text != "-"), None)
        unit = toks[after].lemma.strip("-").rstrip(".") if after is not None else ""
        # "a 23 year-old student" is one person; "25 Aug." is a date
        before = toks[j - 1].lemma.rstrip(".") if j > 0 else ""
        dated = unit in table["months"] or before in table["months"]
        if (
            t.pos == "NUM"
            and 2 <= j < len(toks) - 1
            and toks[j - 1].text == toks[j + 1].text == ","
            and toks[j - 2].pos == "PROPN"
            and toks[j - 2].ent not in ("DATE", "TIME")
        ):
            return 1, "enumerated"  # "Othman Abu Khurog, 17, died": one person and his age
        # "Sixteen Nigerien soldiers": a capitalised number word the tagger took for a name
        spelled = t.dep in ("compound", "nummod", "amod") and t.text.lower() in table["numbers"]
        if (t.pos == "NUM" or spelled) and unit not in table["age_units"] and not dated:
            n = number(t.text)
            if n is not None:
                return n, "explicit"
        if t.text.lower() in vague and not (j > 0 and toks[j - 1].text.lower() == "how"):
            # ("several dozen", "a few hundred": the unit after the word counts; "without saying
            # how many were killed" counts none)
            nxt = toks[j + 1].text.lower() if j + 1 < len(toks) else ""
            return max(vague[t.text.lower()], vague.get(nxt, 0)), "vague"
    persons = [e for e in parsed.ents if e.label == "PERSON" and e.first in words]
    if persons:
        return len(persons), "enumerated"
    head_tok = toks[head]
    if head_tok.text.lower() in table["one_person"]:
        return 1, "enumerated"  # "killed him", "he later died in hospital"
    if head_tok.tag in ("NN", "NNP") and (head_tok.lemma in persons_words or head_tok.ent == "PERSON"):
        return 1, "enumerated"
    article = {toks[c].lemma for c in parsed.children(head) if toks[c].dep == "det"}
    if head_tok.tag == "NN" and article & {"a", "an", "one"}:
        return 1, "enumerated"  # "a NASA supporter was killed": one person
    if head_tok.tag == "NNS" and head_tok.lemma in persons_words:
        earlier = _counted_before(parsed, head) if _their_bodies(parsed, head) else None
        return (earlier, "explicit") if earlier is not None else (3, "vague")
    return 0, "none"


def _their_bodies(parsed: Parsed, head: int) -> bool:
    """Whether the dead at ``head`` are told as "their bodies" (not "their children", who
    are others)."""
    return parsed.tokens[head].lemma in counts()["remains"] and any(
        parsed.tokens[c].dep == "poss" and parsed.tokens[c].text.lower() == "their"
        for c in parsed.children(head)
    )


def _counted_before(parsed: Parsed, head: int) -> int | None:
    """The count of the people told last before ``head``, in its sentence or the one before
    ("taken five men off the bus. Their bodies were found": five; "Eight of the attackers
    were killed and their bodies are lying outside": eight), else None."""
    toks = parsed.tokens
    sent = parsed.sent_of(head)
    first = parsed.sent_of(sent.first - 1).first if sent.first > 0 else sent.first
    persons = counts()["persons"]

    def people(k: int) -> bool:
        return toks[k].tag == "NNS" and toks[k].lemma in persons

    for j in range(head - 1, first - 1, -1):
        t = toks[j]
        if t.pos != "NUM":
            continue
        of = [o for c in parsed.children(j) if toks[c].lemma == "of" for o in parsed.children(c)]
        if (t.dep == "nummod" and people(t.head)) or any(people(o) for o in of):
            return number(t.text)
    return None


def _in_aside(parsed: Parsed, j: int, head: int) -> bool:
    """Inside an 'including ...' or 'among ...' phrase, which counts a subset; inside a
    clause that describes the victims ("a civilian passing the palace in N'Djamena"); or in
    another conjunct, which is counted on its own."""
    if j == head:
        return False  # (the head is in no aside of its own phrase, whatever holds that phrase)
    if parsed.tokens[j].dep in ("relcl", "acl", "conj"):
        return True
    for a in parsed.ancestors(j):
        if a == head:
            return False
        if parsed.tokens[a].dep in ("relcl", "acl", "conj"):
            return True
        if parsed.tokens[a].dep == "prep" and (
            parsed.tokens[a].lemma in ("include", "including", "among") or _companion(parsed, a)
        ):
            return True
        if parsed.tokens[a].lemma in ("include", "including"):
            return True
    return False


def _companion(parsed: Parsed, j: int) -> bool:
    """A preposition that adds people to the phrase it hangs on ("alongside", "along with")."""
    tok = parsed.tokens[j]
    if tok.dep != "prep":
        return False
    nxt = parsed.tokens[j + 1].text.lower() if j + 1 < len(parsed.tokens) else ""
    word = tok.text.lower()
    return word in counts()["companions"] or f"{word} {nxt}" in counts()["companions"]


def _objects(parsed: Parsed, prep: int) -> list[int]:
    """The objects of a (one- or two-word) preposition: "with" inside "along with"."""
    for c in parsed.children(prep):
        if parsed.tokens[c].dep == "pobj":
            return [c]
        if parsed.tokens[c].dep == "prep":
            return _objects(parsed, c)
    return []


def number(text: str) -> int | None:
    """A figure written in digits ("1,200") or words ("five"), or None."""
    clean = text.replace(",", "").lower()
    if clean.isdigit():
        return int(clean)
    found: int | None = counts()["numbers"].get(clean)
    return found
