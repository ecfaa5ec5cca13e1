"""Modality of a trigger: asserted, claimed, denied, planned or hypothetical."""

from __future__ import annotations

from ..records import Parsed
from ..vocab import Modality
from .lexicon import attempts, modality_table, refine_table
from .roles import is_nominal


def modality(parsed: Parsed, i: int, sub_event_type: str = "") -> Modality:
    """asserted / claimed / denied / planned / hypothetical for the trigger at token i, of
    ``sub_event_type`` (an abduction or an arrest only tried did not happen).

    Cues are read on the trigger, then on each verb it depends on. A negation counts only on
    the trigger's own verb group: "it is not known whether X will halt" does not deny X.
    """
    table = modality_table()
    tries = attempts()
    outcome = sub_event_type in tries.outcomes
    tried = tries.tried if outcome else frozenset()
    foiled = tries.foiled if outcome else frozenset()
    aux: dict[str, str] = table["aux"]  # type: ignore[assignment]
    governors: dict[str, list[str]] = table["governors"]  # type: ignore[assignment]
    adverbs: dict[str, list[str]] = table["adverbs"]  # type: ignore[assignment]
    markers: dict[str, str] = table["markers"]  # type: ignore[assignment]
    nouns: dict[str, list[str]] = table["noun_modifiers"]  # type: ignore[assignment]
    negations = set(table["negations"])  # type: ignore[call-overload]
    realis = set(table["realis"])  # type: ignore[call-overload]
    reported = set(table["reported"])  # type: ignore[call-overload]
    content = set(table["content_nouns"])  # type: ignore[call-overload]
    by_lemma = {w: m for m, words in governors.items() for w in words}
    adv = {w: m for m, words in adverbs.items() for w in words}
    tok = parsed.tokens[i]
    if tok.dep == "compound" and tok.pos == "NOUN" and parsed.tokens[tok.head].pos == "NOUN":
        i, tok = tok.head, parsed.tokens[tok.head]  # "called a sit-in": told of the whole noun
    found: list[str] = []
    if tok.pos in ("NOUN", "PROPN", "ADJ") or is_nominal(tok):
        mods = {w: m for m, words in nouns.items() for w in words}
        for c in parsed.children(i):
            lemma = parsed.tokens[c].lemma
            if lemma in mods:
                found.append(mods[lemma])
            if lemma in tried and parsed.tokens[c].dep == "amod":
                found.append("planned")  # "an attempted abduction"
            if parsed.tokens[c].dep == "det" and lemma == "no":
                found.append("denied")
            if lemma in adv:
                found.append(adv[lemma])
        if tok.dep in ("dobj", "nsubj", "nsubjpass"):  # "allegedly fired rockets"
            for c in parsed.children(tok.head):
                child = parsed.tokens[c]
                if child.dep in ("aux", "auxpass") and child.text.lower() in aux:
                    found.append(aux[child.text.lower()])
                elif tok.dep != "nsubj" and child.lemma in adv:
                    found.append(adv[child.lemma])
                elif tok.dep != "nsubj" and child.dep == "neg":
                    found.append("denied")
        prep = parsed.tokens[tok.head]
        owner = parsed.tokens[prep.head]
        if tok.dep == "pobj" and prep.lemma == "of" and owner.pos == "NOUN" and owner.lemma in by_lemma:
            found.append(by_lemma[owner.lemma])  # "for fear of arrest", "the risk of attacks"
        verb = _governing_verb(parsed, i)
        if verb is not None and tok.dep == "dobj" and parsed.tokens[verb].lemma in foiled:
            found.append("planned")  # "police thwarted a kidnapping": nobody was abducted
        if verb is not None and _aim(parsed, verb):
            found.append("planned")  # "foiled an attempt to launch a suicide attack"
        if verb is not None and parsed.tokens[verb].lemma in reported and _passive(parsed, verb):
            found.append("claimed")  # "two are feared dead after clashes"
        elif verb is not None and parsed.tokens[verb].lemma in by_lemma:
            claims_credit = any(
                parsed.tokens[c].lemma in ("responsibility", "credit") for c in parsed.children(verb)
            )
            if not claims_credit:
                found.append(by_lemma[parsed.tokens[verb].lemma])
        elif (
            verb is not None
            and tok.dep == "pobj"
            and parsed.tokens[verb].pos == "VERB"
            and prep.lemma in ("in", "during", "with", "by")
        ):
            # "accused Pakistan of killing civilians in air strikes": the deed the noun is told
            # in is what the governors above say it is (not a deed it follows: "expected to be
            # deployed following an attack on the embassy")
            told = modality(parsed, verb)
            if told != "asserted":
                found.append(told)
        head = parsed.tokens[tok.head]
        if tok.dep in ("nsubj", "nsubjpass") and head.lemma in refine_table()["instrument_verbs"]:
            # "if rockets are fired again": the verb that tells the weapon's deed tells its mood
            told = modality(parsed, tok.head)
            if told != "asserted":
                found.append(told)
        return _strongest(found)
    subject = next((c for c in parsed.children(i) if parsed.tokens[c].dep in ("nsubj", "nsubjpass")), None)
    if subject is not None and any(
        parsed.tokens[c].dep == "det" and parsed.tokens[c].lemma == "no" for c in parsed.children(subject)
    ):
        found.append("denied")  # "no bomb exploded", "no one was killed"
    cur, own_group, by_conj = i, True, False
    for _ in range(8):
        node = parsed.tokens[cur]
        for c in parsed.children(cur):
            child = parsed.tokens[c]
            word = child.text.lower()
            if child.dep in ("aux", "auxpass") and (word in aux or child.lemma in aux):
                found.append(aux.get(word, aux.get(child.lemma, "asserted")))
            elif (
                own_group
                and (child.dep == "neg" or (child.dep == "advmod" and word in negations))
                and not _bracketed(parsed, c)
            ):
                found.append("denied")
            elif child.lemma in adv:
                found.append(adv[child.lemma])
            elif child.dep == "mark" and word in markers:
                found.append(markers[word])
            elif child.dep in ("acomp", "advmod") and child.lemma in by_lemma:
                found.append(by_lemma[child.lemma])
        if cur != i and node.lemma in reported and _passive(parsed, cur):
            found.append("claimed")  # "were feared killed": a probable toll, told by someone
        elif cur != i and node.lemma in by_lemma and not by_conj:
            # (a verb coordinated with the trigger, or one it modifies, is another deed, not
            # its governor: "set fire to huts and beheaded 8 civilians", "demonstrated in
            # Kitale, demanded police action")
            found.append(by_lemma[node.lemma])
        if (
            node.dep == "xcomp"
            and node.tag == "VB"
            and (parsed.tokens[node.head].lemma not in realis or parsed.tokens[node.head].lemma in tried)
            and any(parsed.tokens[c].lemma == "to" for c in parsed.children(cur))
        ):
            found.append("planned")  # ("tried to kidnap them": nobody was abducted)
        if _aim(parsed, cur) or _purpose(parsed, cur):
            found.append("planned")  # "a plot to attack the base"
        found.extend(_content_of(parsed, cur, by_lemma, content))
        if (
            node.dep not in ("xcomp", "ccomp", "advcl", "pcomp", "conj", "acomp", "prep", "pobj")
            or node.head == cur
        ):
            break
        own_group = own_group and node.dep in ("conj", "xcomp")
        by_conj = node.dep in ("conj", "advcl")
        cur = node.head
    return _strongest(found)


def _content_of(parsed: Parsed, verb: int, by_lemma: dict[str, str], content: set[str]) -> list[str]:
    """The clause of ``verb`` tells what a report or claim says ("reports that its troops had
    executed 11 detainees"): claimed, unless the verb over that noun confirms it ("police
    confirmed reports that ...": asserted) or denies it ("the military denied reports that
    ...": denied)."""
    toks = parsed.tokens
    node = toks[verb]
    noun = toks[node.head]
    if node.dep != "acl" or noun.lemma not in content | set(by_lemma):
        return []
    if not any(toks[c].dep == "mark" and toks[c].text.lower() == "that" for c in parsed.children(verb)):
        return []
    over = toks[noun.head].lemma if noun.dep in ("dobj", "nsubjpass", "pobj") else ""
    if over in modality_table()["confirm_verbs"]:  # type: ignore[operator]
        return []  # "police confirmed reports that gunmen had abducted 15 students"
    if by_lemma.get(over) == "denied":
        # "the military denied reports that its troops had executed 11 detainees": told only
        # as a rumour its doer denies (another mention that tells it as done keeps it)
        return ["denied"]
    # (a report that is itself a denial, "denials that troops fired", is a claim all the same)
    told = by_lemma.get(noun.lemma, "claimed")
    return ["claimed" if told == "denied" else told]


def _passive(parsed: Parsed, verb: int) -> bool:
    return any(parsed.tokens[c].dep in ("auxpass", "nsubjpass") for c in parsed.children(verb))


def _aim(parsed: Parsed, verb: int) -> bool:
    """A to-infinitive that says what a noun aims at ("an attempt to launch", "a plot to
    bomb", "a bid to storm"): told as aimed at, not as done."""
    tok = parsed.tokens[verb]
    return (
        tok.dep == "acl"
        and tok.tag == "VB"
        and parsed.tokens[tok.head].pos == "NOUN"
        and any(parsed.tokens[c].lemma == "to" for c in parsed.children(verb))
    )


def _purpose(parsed: Parsed, verb: int) -> bool:
    """A to-infinitive that says what an effort still going on is for ("the security agents
    are on the trail of the attackers to arrest them"): its aim, not yet a deed. The aim of
    a deed told as done is mostly done with it, and ACLED codes it ("lobbed teargas to
    disperse the crowd", "staged a walkout to protest")."""
    tok = parsed.tokens[verb]
    kids = [parsed.tokens[c] for c in parsed.children(verb)]
    if tok.dep != "advcl" or tok.tag != "VB" or not any((k.lemma, k.dep) == ("to", "aux") for k in kids):
        return False
    effort = parsed.tokens[tok.head]
    helpers = [parsed.tokens[c] for c in parsed.children(effort.i) if parsed.tokens[c].dep.startswith("aux")]
    return any(t.tag in ("VBP", "VBZ") for t in (effort, *helpers))


def _bracketed(parsed: Parsed, j: int) -> bool:
    """Inside an aside in brackets ("(possibly Renamo; not confirmed)"), which says nothing
    about whether the event happened."""
    sent = parsed.sent_of(j)
    before = parsed.article.text[sent.start : parsed.tokens[j].start]
    return before.count("(") > before.count(")")


def _governing_verb(parsed: Parsed, i: int) -> int | None:
    """The verb a nominal trigger is the object of ("called for protests", "threatened attacks")."""
    tok = parsed.tokens[i]
    if tok.dep == "dobj":
        return tok.head
    if tok.dep == "pobj":
        prep = parsed.tokens[tok.head]
        if prep.dep == "prep" and parsed.tokens[prep.head].pos in ("VERB", "ADJ"):
            return prep.head
    return None


def _strongest(found: list[str]) -> Modality:
    order: tuple[Modality, ...] = ("denied", "hypothetical", "planned", "claimed")
    for m in order:
        if m in found:
            return m
    return "asserted"
