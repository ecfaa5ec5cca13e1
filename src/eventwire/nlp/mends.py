"""Mends of the small model's parse where an event's agent, place and date hang on it
(``repair``): "as well as", a clause opened by "after", "aged", a subject after a list of
places.
"""

from __future__ import annotations

NOMINAL = ("NOUN", "PROPN")
NP_PARTS = ("det", "nmod", "nummod", "compound", "amod", "poss", "punct")
CLAUSE_PREPS = ("after", "before", "since", "until")


def repair(
    forms: list[str], pos: list[str], tags: list[str], deps: list[str], heads: list[int], ents: list[str]
) -> None:
    """Mend, in place, four attachments the small model gets wrong where an event's agent,
    place and date hang on them. "responsible for the strike, as well as the December 29
    strikes against X after militia attacked the base": the noun after "as well as" is
    coordinated with the noun before it (not the subject of a later verb), and "after"
    followed by a noun and a finite verb, or a finite auxiliary and a participle ("after 9
    people, including a driver, were killed"), opens a clause (not a prepositional phrase
    whose object is a verb's missing subject); "four people aged 23 to 28 were killed": the
    people are the killed, not the subject of "aged"; "..., Rakhine State, the military and
    AA fought": the subject after a list of places (``_subject_in_a_list``). Nothing is
    changed where the mended tree would have a cycle."""
    for k, form in enumerate(forms):
        if form == "as" and k >= 2 and forms[k - 1] == "well" and forms[k - 2].lower() == "as":
            _as_well_as(k - 2, forms, pos, deps, heads)
        elif deps[k] == "prep" and form.lower() in CLAUSE_PREPS:
            _clause_after(k, pos, tags, deps, heads)
        elif form.lower() == "aged" and deps[k] != "acl":
            _aged(k, pos, deps, heads)
        elif deps[k] == "ROOT" and pos[k] == "VERB" and tags[k] in ("VBD", "VBZ", "VBP"):
            _subject_in_a_list(k, forms, pos, deps, heads, ents)


def _subject_in_a_list(
    v: int, forms: list[str], pos: list[str], deps: list[str], heads: list[int], ents: list[str]
) -> None:
    """ "On 9 June, near Mrauk-U town, Mrauk-U township, Rakhine State, the army and AA
    fought", "in Taung Bazar village, the Myanmar army, together with Rakhine locals, shot six
    fishermen": the parser runs the subject on as one more item or object of the places before
    the verb, and takes those places, or nothing, for its subject. The first item after the
    places, after a comma, is the subject."""
    near = range(max(0, v - SPAN), min(len(deps), v + SPAN))  # a subject stands near its verb
    subjects = [c for c in near if heads[c] == v and deps[c] in ("nsubj", "nsubjpass", "expl")]
    if len(subjects) > 1 or (subjects and not _a_place(subjects[0], forms, deps, heads, ents)):
        return  # a subject of its own ("Soldiers, police and militiamen fought")
    for c in range(v - 1, max(-1, v - 16), -1):
        if pos[c] in ("VERB", "AUX") or (pos[c] in NOMINAL and _a_place(c, forms, deps, heads, ents)):
            return  # another clause, or the places themselves: no subject among them
        if pos[c] not in NOMINAL or deps[c] not in ("conj", "pobj", "appos") or heads[c] > c:
            continue
        if _ancestors(c, heads)[-1:] != [v]:
            return  # the sentence before: its tree has another root
        if forms[_item_start(c, deps, heads) - 1] != ",":
            continue
        host = heads[c]
        if deps[c] == "pobj":  # a second object of "in": beside a place?
            placed = any(
                heads[k] == host and deps[k] == "pobj" and k < c and _a_place(k, forms, deps, heads, ents)
                for k in range(host + 1, c)
            )
        else:
            placed = _a_place(host, forms, deps, heads, ents)
        if not placed or c in _ancestors(v, heads):
            return
        if subjects:
            deps[subjects[0]] = "npadvmod"  # the places: where, not who
        heads[c], deps[c] = v, "nsubj"
        return


SPAN = 40  # tokens either side of a verb its subject is looked for in
PLACE_ENTS = ("GPE", "LOC", "FAC")
ITEM_WORDS = ("det", "amod", "compound", "nummod")


def _item_start(c: int, deps: list[str], heads: list[int]) -> int:
    """Where the list item headed at ``c`` begins: "the military", "and AA"."""
    start = c
    while start > 1:  # (never to the first word: the caller reads the word before the item)
        word = start - 1
        if deps[word] != "cc" and not (deps[word] in ITEM_WORDS and heads[word] > word):
            break
        start = word
    return start


# the nouns of areas a list of places ends its items with (the places stage, which runs after
# this one, reads its own fuller table: this parse mend needs only these)
AREA_NOUNS = ("state", "region", "province", "district", "township", "county", "division", "town", "village")


def _a_place(item: int, forms: list[str], deps: list[str], heads: list[int], ents: list[str]) -> bool:
    """The list item headed at ``item`` names a place: "Rakhine State", "Sittwe district"."""
    near = range(max(0, item - 4), item)
    words = [item, *(k for k in near if heads[k] == item and deps[k] in ("compound", "amod"))]
    return forms[item].lower() in AREA_NOUNS or any(ents[k] in PLACE_ENTS for k in words)


def _as_well_as(k: int, forms: list[str], pos: list[str], deps: list[str], heads: list[int]) -> None:
    x = k - 2 if k >= 2 and forms[k - 1] == "," else k - 1
    if x < 0 or pos[x] not in NOMINAL:
        return
    m = next((j for j in range(k + 3, min(k + 9, len(forms))) if deps[j] not in NP_PARTS), None)
    if m is None or pos[m] not in NOMINAL or deps[m] not in ("nsubj", "nsubjpass") or heads[m] < m:
        return
    verb = heads[m]
    # only where the verb keeps a subject: the misparse hangs it on "after" ("the strikes ...
    # after militia attacked"), which _clause_after gives back
    lost = [
        c
        for c in range(m + 1, verb)
        if heads[c] == m and deps[c] == "prep" and forms[c].lower() in CLAUSE_PREPS
    ]
    if not any(
        heads[n] == c and deps[n] == "pobj" and pos[n] in NOMINAL for c in lost for n in range(c + 1, verb)
    ):
        return
    if m in _ancestors(x, heads) or k + 2 in _ancestors(x, heads):
        return
    heads[m], deps[m] = x, "conj"
    heads[k + 2], deps[k + 2] = x, "cc"


def _clause_after(p: int, pos: list[str], tags: list[str], deps: list[str], heads: list[int]) -> None:
    noun = next((j for j in range(p + 1, min(p + 8, len(pos))) if heads[j] == p and deps[j] == "pobj"), None)
    if noun is None or pos[noun] not in NOMINAL:
        return
    verb = noun + 1
    # past the noun's own words: "after 9 people, including a driver, were killed"
    while verb < len(pos) and (deps[verb] == "punct" or noun in _ancestors(verb, heads)):
        verb += 1
    auxes = []
    while verb < len(pos) and deps[verb] in ("advmod", "aux", "auxpass") and heads[verb] > verb:
        auxes.append(verb)  # "after militia allegedly attacked", "after 9 people were killed"
        verb += 1
    if verb >= len(pos) or pos[verb] != "VERB":
        return
    finite = tags[verb] in ("VBD", "VBZ", "VBP")
    if not finite and not any(deps[a] != "advmod" and tags[a] in ("VBD", "VBZ", "VBP") for a in auxes):
        return
    if any(heads[c] == verb and deps[c] in ("nsubj", "nsubjpass") for c in range(len(pos))):
        return
    subject = "nsubjpass" if any(deps[a] == "auxpass" for a in auxes) else "nsubj"
    if heads[p] != verb:
        if deps[verb] in ("ROOT", "relcl", "ccomp") or heads[verb] == verb:
            return
        # a clause the parser hung right but left without its subject keeps its head
        host = heads[verb] if deps[verb] == "advcl" else heads[p]
        if verb in _ancestors(host, heads) or host == verb or p in _ancestors(verb, heads):
            return
        heads[verb], deps[verb] = host, "advcl"
    # (with "after" hung on the verb itself, only the clause's subject was missing)
    heads[noun], deps[noun] = verb, subject
    heads[p], deps[p] = verb, "mark"


def _aged(k: int, pos: list[str], deps: list[str], heads: list[int]) -> None:
    people = next((c for c in range(k) if heads[c] == k and deps[c] == "nsubj"), None)
    if people is None or pos[people] not in (*NOMINAL, "NUM", "PRON"):
        return
    subjects = {heads[c] for c in range(len(pos)) if deps[c] in ("nsubj", "nsubjpass")}
    # the next verb with no subject of its own, within the few words an age range takes
    near = range(k + 1, min(k + 10, len(pos)))
    verb = next((v for v in near if pos[v] == "VERB" and v not in subjects), None)
    if verb is None or {people, k} & {verb, *_ancestors(verb, heads)}:
        return
    passive = any(heads[c] == verb and deps[c] == "auxpass" for c in range(len(pos)))
    heads[people], deps[people] = verb, "nsubjpass" if passive else "nsubj"
    heads[k], deps[k] = people, "acl"


def _ancestors(i: int, heads: list[int]) -> list[int]:
    out: list[int] = []
    while heads[i] != i and len(out) < len(heads):
        i = heads[i]
        out.append(i)
    return out
