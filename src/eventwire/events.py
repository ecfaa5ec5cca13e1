"""Stage 5, events: event mentions clause by clause, with modality, roles and fatalities.

Reads: ``Parsed``, the article's ``Timex`` list and ``Toponyms``. Writes: ``Mention``
records (one per event trigger; consequences such as "killed" or "wounded" attach to the
nearest trigger of their sentence). The trigger lexicon is ``data/events/triggers.tsv`` and
the modality cues ``data/events/modality.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from . import tables
from .places import Toponyms
from .records import Modality, Parsed, Place, Timex, Token

TRIGGERS = "events/triggers.tsv"
COLUMNS = ("lemma", "pos", "cue", "block", "sub_event_type", "plover_type", "plover_mode", "role", "priority")
PLOVER = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "SANCTION",
    "PROTEST",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
FATAL = frozenset(
    {
        "kill",
        "killing",
        "die",
        "dead",
        "death",
        "slaughter",
        "lose",
        "behead",
        "execute",
        "massacre",
        "assassinate",
    }
)
AGENT_DEPS = ("nsubj", "agent", "poss")
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


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    cue: frozenset[str]
    block: frozenset[str]
    sub_event_type: str
    event_type: str
    disorder_type: str
    plover_type: str
    plover_mode: str | None
    role: str
    priority: int


@dataclass(frozen=True)
class Found:
    """One event mention before actor resolution (token indices into the parse)."""

    trigger: int
    rule: Trigger
    modality: Modality
    agent: int | None
    target: int | None
    victims: tuple[int, ...]
    fatalities: int
    fatality_kind: str
    effects: tuple[int, ...]
    date: Timex | None
    date_basis: str
    place: Place | None
    sentence: int
    generic: bool
    dependent: bool = False  # says more about an event told elsewhere ("14 were injured")
    intervention: int | None = None  # for protests: head of the force acting against them


@cache
def lexicon() -> dict[str, tuple[Trigger, ...]]:
    """Trigger rows by lemma, validated against ACLED and PLOVER vocabularies."""
    acled = tables.load_yaml("events/acled.yaml", ("sub_event_types",))["sub_event_types"]
    rows = tables.load_tsv(TRIGGERS, COLUMNS)
    tables.check_values(TRIGGERS, rows, "sub_event_type", acled)
    tables.check_values(TRIGGERS, rows, "plover_type", PLOVER)
    tables.check_values(TRIGGERS, rows, "role", ("event", "effect"))
    tables.check_values(TRIGGERS, rows, "pos", ("VERB", "NOUN", "ADJ"))
    out: dict[str, list[Trigger]] = {}
    for r in rows:
        event_type, disorder = acled[r["sub_event_type"]]
        out.setdefault(r["lemma"], []).append(
            Trigger(
                r["lemma"],
                r["pos"],
                frozenset(filter(None, r["cue"].split("|"))),
                frozenset(filter(None, r["block"].split("|"))),
                r["sub_event_type"],
                event_type,
                disorder,
                r["plover_type"],
                r["plover_mode"] or None,
                r["role"],
                int(r["priority"]),
            )
        )
    return {k: tuple(v) for k, v in out.items()}


@cache
def refine_table() -> dict[str, frozenset[str]]:
    data = tables.load_yaml("events/refine.yaml", ("intervention", "intervention_verbs", "speech_verbs"))
    return {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}


def speaker(parsed: Parsed, i: int) -> int | None:
    """Subject of the speech verb that reports the trigger's clause ("the group said it ...")."""
    speech = refine_table()["speech_verbs"]
    for a in parsed.ancestors(i):
        if parsed.tokens[a].lemma in speech:
            return next((c for c in parsed.children(a) if parsed.tokens[c].dep == "nsubj"), None)
    return None


def _determiner(parsed: Parsed, i: int) -> str:
    tok = parsed.tokens[i]
    if tok.dep == "compound":
        tok = parsed.tokens[tok.head]
    if tok.pos not in ("NOUN", "PROPN") and not is_nominal(tok):
        return ""
    return next(
        (parsed.tokens[c].lemma for c in parsed.children(tok.i) if parsed.tokens[c].dep in ("det", "poss")),
        "",
    )


def indefinite(parsed: Parsed, i: int) -> bool:
    """ "an attack on a beach hotel", "another attack": introduces a new event."""
    return _determiner(parsed, i) in ("a", "an", "another")


def definite(parsed: Parsed, i: int) -> bool:
    """ "the drone strike": a nominal trigger that refers back to an event told before."""
    tok = parsed.tokens[i]
    if tok.dep == "compound":
        tok = parsed.tokens[tok.head]
    return tok.pos in ("NOUN", "PROPN") and any(
        parsed.tokens[c].lemma in ("the", "this", "that") for c in parsed.children(tok.i)
    )


@cache
def modality_table() -> dict[str, object]:
    return tables.load_yaml(
        "events/modality.yaml",
        ("aux", "governors", "adverbs", "markers", "noun_modifiers", "negations", "realis"),
    )


def find(parsed: Parsed, timexes: Sequence[Timex], topo: Toponyms) -> list[Found]:
    """Event mentions of an article, in text order.

    parsed (Parsed): the parse. timexes (Sequence[Timex]): the dates stage's output.
    topo (Toponyms): the places stage's output.
    RETURNS (list[Found]): one per event trigger (effects folded in).
    """
    lex = lexicon()
    hits: list[tuple[int, Trigger]] = []
    for tok in parsed.tokens:
        if tok.start < topo.dateline_end:
            continue
        pos = "VERB" if tok.pos == "AUX" else tok.pos
        if pos == "PROPN":
            pos = "NOUN"
        rows = lex.get(tok.lemma, ())
        if not rows and tok.pos == "PROPN":  # the lemmatizer leaves proper nouns inflected
            rows = lex.get(tok.lemma.rstrip("s"), ())
        for rule in rows:
            if rule.pos == pos and _cue_holds(parsed, tok.i, rule):
                hits.append((tok.i, rule))
                break
    out: list[Found] = []
    for sent_no, sent in enumerate(parsed.sents):
        in_sent = [(i, r) for i, r in hits if sent.first <= i <= sent.last]
        events = [(i, r) for i, r in in_sent if r.role == "event"]
        effects = [(i, r) for i, r in in_sent if r.role == "effect"]
        if not events and not effects and out and _restates(parsed, sent.first, sent.last):
            prev = out[-1]
            out.append(
                replace(
                    prev,
                    agent=None,
                    target=None,
                    victims=(),
                    fatalities=0,
                    fatality_kind="none",
                    effects=(),
                    sentence=sent_no,
                    date=event_date(parsed, sent.first, timexes)[0],
                    place=event_place(parsed, sent.first, topo),
                    generic=True,
                    dependent=True,
                )
            )
            continue
        fatal = [h for h in effects if h[1].lemma in FATAL]
        lethal = [e for e in events if e[1].plover_mode not in NON_LETHAL]
        if (not events and effects) or (fatal and events and not lethal):
            # "seized six men and slaughtered them": the killing is an event of its own.
            events = sorted([*events, max(effects, key=lambda h: (h[1].lemma in FATAL, -h[0]))])
            effects = [h for h in effects if h not in events]
        owned: dict[int, list[int]] = {i: [] for i, _ in events}
        for i, _ in effects:
            # Deaths belong to the killing, not to an abduction or arrest in the same sentence.
            pool = [e for e in events if e[1].plover_mode not in NON_LETHAL] or events
            if parsed.tokens[i].lemma not in FATAL:
                pool = events
            nearest = min(pool, key=lambda e: parsed.distance(i, e[0]))[0]
            owned[nearest].append(i)
        for i, rule in events:
            found = _mention(parsed, i, rule, owned[i], timexes, topo, sent_no, [e for e, _ in events])
            if _aggregate(parsed, i, found.agent):
                found = replace(found, date=None, date_basis="vague")
            if (
                rule.role == "effect"
                and found.agent is None
                and (found.fatalities == 0 or rule.lemma in ("die", "dead", "death"))
            ):
                found = replace(found, dependent=True)  # injuries or deaths of an event told before
            if rule.role == "effect" and rule.lemma in ("die", "dead", "death"):
                found = replace(found, place=None)  # "died in hospital in Chibok": not where it happened
            out.append(found)
    return out


NON_LETHAL = ("abduct", "arrest", "destroy", "seize")


def _aggregate(parsed: Parsed, i: int, agent: int | None) -> bool:
    """A summary of many events: "a string of rocket attacks", "the insurgency has killed"."""
    table = refine_table()
    tok = parsed.tokens[i]
    if tok.dep == "compound":  # "rocket attacks": judge the phrase by its head
        i, tok = tok.head, parsed.tokens[tok.head]
    if agent is not None and parsed.tokens[agent].lemma in table["aggregate_agents"]:
        return True
    for c in parsed.children(i):  # "had already sanctioned a total of 93 individuals"
        child = parsed.tokens[c]
        if (child.dep == "dobj" and child.lemma in table["aggregate_heads"]) or (
            child.dep == "advmod" and child.lemma in ("already", "previously", "far")
        ):
            return True
    if tok.tag in ("NNS", "NNPS") or tok.pos == "PROPN" and tok.text.endswith("s"):
        head = parsed.tokens[tok.head]
        if (
            head.dep == "prep"
            and head.lemma == "of"
            and parsed.tokens[head.head].lemma in table["aggregate_heads"]
        ):
            return True
        return any(parsed.tokens[c].lemma in table["aggregate_heads"] for c in parsed.children(i))
    return False


RESTATING = ("happen", "occur", "take")


def _restates(parsed: Parsed, first: int, last: int) -> bool:
    """A sentence like "It took place in Lower Shabelle" or "The incident happened at dawn"."""
    for t in parsed.tokens[first : last + 1]:
        if t.dep == "ROOT" and t.lemma in RESTATING:
            return t.lemma != "take" or any(parsed.tokens[c].lemma == "place" for c in parsed.children(t.i))
    return False


def _near(parsed: Parsed, i: int) -> set[str]:
    """Lemmas close to token i: within 3 tokens, or 2 dependency steps, in its sentence."""
    sent = parsed.sent_of(i)
    lo, hi = max(sent.first, i - 3), min(sent.last, i + 3)
    near = {parsed.tokens[j].lemma for j in range(lo, hi + 1) if j != i}
    for j in range(sent.first, sent.last + 1):
        if j != i and parsed.distance(i, j) <= 2:
            near.add(parsed.tokens[j].lemma)
    return {w for lemma in near for w in re.split(r"[-\s]", lemma)} | near


def _cue_holds(parsed: Parsed, i: int, rule: Trigger) -> bool:
    near = _near(parsed, i)
    if rule.block & near:
        return False
    return not rule.cue or bool(rule.cue & near)


def _family(rule: Trigger) -> str:
    return "violence" if rule.disorder_type == "Political violence" else rule.event_type


def _mention(
    parsed: Parsed,
    i: int,
    rule: Trigger,
    effects: list[int],
    timexes: Sequence[Timex],
    topo: Toponyms,
    sent_no: int,
    others: Sequence[int] = (),
) -> Found:
    agent, target = roles(parsed, i)
    if rule.lemma in ("die", "dead", "death", "lose") and rule.role == "effect":
        agent = None  # "two of the wounded died": the subject is a victim
    if target is not None and parsed.tokens[target].lemma in rule.cue:
        # "opened fire on residents", "set fire to homes": the object belongs to the trigger
        target = _prep_object(parsed, target, ("on", "at", "to")) or _prep_object(
            parsed, i, ("on", "at", "to")
        )
    victims: list[int] = []
    tallies: list[tuple[int, str]] = []
    for e in [i, *effects]:
        phrase = victim_phrase(parsed, e)
        if phrase is None:
            continue
        if parsed.tokens[e].lemma in FATAL:
            tallies.append(count(parsed, phrase, e))
        victims.append(phrase)
    if rule.role == "effect" and victims and target is None:
        target = victims[0]
    explicit = [n for n, kind in tallies if kind == "explicit"]
    if explicit:
        fatalities, kind = min(explicit), "explicit"
    elif tallies:
        fatalities, kind = max(tallies)
    else:
        fatalities, kind = 0, "none"
    date, basis = event_date(parsed, i, timexes, effects)
    force = _intervention(parsed, i) if rule.event_type == "Protests" else None
    return Found(
        trigger=i,
        rule=rule,
        modality=modality(parsed, i),
        agent=agent,
        target=target,
        victims=tuple(victims),
        fatalities=fatalities,
        fatality_kind=kind,
        effects=tuple(effects),
        date=date,
        date_basis=basis,
        place=event_place(parsed, i, topo, others),
        sentence=sent_no,
        generic=not rule.cue and rule.priority <= 5,
        intervention=force,
    )


def _intervention(parsed: Parsed, i: int) -> int | None:
    """Head of the force that acted against the protest in this sentence, if any (-1: cues of
    an intervention but no named force)."""
    table = refine_table()
    sent = parsed.sent_of(i)
    topic = set(parsed.subtree(i))  # "protested the arrest of an MP": the arrest is the topic
    toks = [t for t in parsed.tokens[sent.first : sent.last + 1] if t.i not in topic]
    if not any(t.lemma in table["intervention"] for t in toks):
        return None
    for t in toks:
        if t.pos == "VERB" and t.lemma in table["intervention_verbs"]:
            subj = next((c for c in parsed.children(t.i) if parsed.tokens[c].dep == "nsubj"), None)
            if subj is not None:
                return subj
    return -1


# --- modality -------------------------------------------------------------------------------


def modality(parsed: Parsed, i: int) -> Modality:
    """asserted / claimed / denied / planned / hypothetical for the trigger at token i.

    Cues are read on the trigger, then on each verb it depends on. A negation counts only on
    the trigger's own verb group: "it is not known whether X will halt" does not deny X.
    """
    table = modality_table()
    aux: dict[str, str] = table["aux"]  # type: ignore[assignment]
    governors: dict[str, list[str]] = table["governors"]  # type: ignore[assignment]
    adverbs: dict[str, list[str]] = table["adverbs"]  # type: ignore[assignment]
    markers: dict[str, str] = table["markers"]  # type: ignore[assignment]
    nouns: dict[str, list[str]] = table["noun_modifiers"]  # type: ignore[assignment]
    negations = set(table["negations"])  # type: ignore[call-overload]
    realis = set(table["realis"])  # type: ignore[call-overload]
    by_lemma = {w: m for m, words in governors.items() for w in words}
    adv = {w: m for m, words in adverbs.items() for w in words}
    tok = parsed.tokens[i]
    found: list[str] = []
    if tok.pos in ("NOUN", "PROPN", "ADJ") or is_nominal(tok):
        mods = {w: m for m, words in nouns.items() for w in words}
        for c in parsed.children(i):
            lemma = parsed.tokens[c].lemma
            if lemma in mods:
                found.append(mods[lemma])
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
        verb = _governing_verb(parsed, i)
        if verb is not None and parsed.tokens[verb].lemma in by_lemma:
            claims_credit = any(
                parsed.tokens[c].lemma in ("responsibility", "credit") for c in parsed.children(verb)
            )
            if not claims_credit:
                found.append(by_lemma[parsed.tokens[verb].lemma])
        return _strongest(found)
    cur, own_group = i, True
    for _ in range(8):
        node = parsed.tokens[cur]
        for c in parsed.children(cur):
            child = parsed.tokens[c]
            word = child.text.lower()
            if child.dep in ("aux", "auxpass") and (word in aux or child.lemma in aux):
                found.append(aux.get(word, aux.get(child.lemma, "asserted")))
            elif own_group and (child.dep == "neg" or (child.dep == "advmod" and word in negations)):
                found.append("denied")
            elif child.lemma in adv:
                found.append(adv[child.lemma])
            elif child.dep == "mark" and word in markers:
                found.append(markers[word])
            elif child.dep in ("acomp", "advmod") and child.lemma in by_lemma:
                found.append(by_lemma[child.lemma])
        if cur != i and node.lemma in by_lemma:
            found.append(by_lemma[node.lemma])
        if (
            node.dep == "xcomp"
            and node.tag == "VB"
            and parsed.tokens[node.head].lemma not in realis
            and any(parsed.tokens[c].lemma == "to" for c in parsed.children(cur))
        ):
            found.append("planned")
        if (
            node.dep not in ("xcomp", "ccomp", "advcl", "pcomp", "conj", "acomp", "prep", "pobj")
            or node.head == cur
        ):
            break
        own_group = own_group and node.dep in ("conj", "xcomp")
        cur = node.head
    return _strongest(found)


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


# --- roles ----------------------------------------------------------------------------------

NOT_ACTORS = ("DATE", "TIME", "EVENT", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY")


def roles(parsed: Parsed, i: int) -> tuple[int | None, int | None]:
    """(agent head, target head) token indices for the trigger at i, if found."""
    tok = parsed.tokens[i]
    if tok.dep == "compound" and tok.pos in ("NOUN", "PROPN"):
        i, tok = tok.head, parsed.tokens[tok.head]  # "rocket fire": roles hang on "fire"
    kids = parsed.children(i)
    agent = target = None
    if tok.pos in ("VERB", "AUX") and not is_nominal(tok):
        passive = any(parsed.tokens[c].dep in ("nsubjpass", "auxpass") for c in kids)
        for c in kids:
            dep = parsed.tokens[c].dep
            if dep == "nsubj" and not passive:
                agent = c
            elif dep == "agent":
                agent = _pobj(parsed, c)
            elif dep == "dobj" or dep == "nsubjpass":
                target = c
        if target is None:
            target = _prep_object(parsed, i, ("on", "against", "at"))
        if target is None and passive and tok.dep == "xcomp":  # "troops are expected to be deployed"
            target = next((c for c in parsed.children(tok.head) if parsed.tokens[c].dep == "nsubjpass"), None)
        if agent is None and tok.dep in ("conj", "xcomp", "advcl") and tok.head != i and not passive:
            agent = roles(parsed, tok.head)[0]
        if agent is None and tok.dep == "relcl":
            agent = tok.head
        return agent, target
    for c in _modifier_chain(parsed, i):
        t = parsed.tokens[c]
        if t.ent in NOT_ACTORS:
            continue
        named = t.ent in ("GPE", "NORP", "ORG") or (t.text[:1].isupper() and t.pos in ("ADJ", "PROPN"))
        if t.dep == "poss" or (t.dep in ("compound", "amod", "nmod") and named):
            agent = c
    if tok.dep == "dobj" and head_lemma(parsed, i) in refine_table()["victim_verbs"] and target is None:
        # "an army vehicle struck an IED": the subject is what was hit
        target = next((c for c in parsed.children(tok.head) if parsed.tokens[c].dep == "nsubj"), None)
    elif agent is None and tok.dep == "dobj" and head_lemma(parsed, i) in refine_table()["agentive_verbs"]:
        # "the group fired rockets at the base" (but not "Tunisia suffered attacks")
        agent = next((c for c in parsed.children(tok.head) if parsed.tokens[c].dep == "nsubj"), None)
    by = _prep_object(parsed, i, ("by",))
    agent = by if by is not None else agent
    if agent is None:
        agent = _responsible(parsed, i)
    if target is None:
        target = _prep_object(parsed, i, ("on", "against", "at", "targeting"))
    head = parsed.tokens[tok.head]
    if target is None and tok.dep == "pobj" and head.text.lower() == "under":
        verb = head.head
        target = next(
            (c for c in parsed.children(verb) if parsed.tokens[c].dep in ("nsubj", "nsubjpass")), None
        )
    if tok.dep == "nsubj" and target is None:
        target = _prep_object(parsed, tok.head, ("on", "at", "against")) or next(
            (c for c in parsed.children(tok.head) if parsed.tokens[c].dep == "dobj"), None
        )
    if target is None:
        for c in kids:
            if parsed.tokens[c].dep == "acl":
                target = _prep_object(parsed, c, ("at", "on", "against"))
    if target is None and tok.dep == "conj":
        target = roles(parsed, tok.head)[1] if parsed.tokens[tok.head].pos == "NOUN" else None
    return agent, target


def is_nominal(tok: Token) -> bool:
    """A gerund used as a noun: "Russian shelling of the city killed five"."""
    return tok.tag == "VBG" and tok.dep in ("nsubj", "nsubjpass", "dobj", "pobj")


def head_lemma(parsed: Parsed, i: int) -> str:
    return parsed.tokens[parsed.tokens[i].head].lemma


def _modifier_chain(parsed: Parsed, i: int) -> list[int]:
    """Children of a noun and, through compounds ("US drone strike"), theirs."""
    out: list[int] = []
    stack = [i]
    while stack:
        cur = stack.pop()
        for c in parsed.children(cur):
            out.append(c)
            if parsed.tokens[c].dep == "compound":
                stack.append(c)
    return out


def _responsible(parsed: Parsed, i: int) -> int | None:
    """ "X was responsible for / carried out / claimed the strike": X is the agent."""
    cur = i
    for _ in range(5):
        tok = parsed.tokens[cur]
        if tok.lemma in ("responsible", "claim", "carry", "conduct", "launch"):
            holder = tok.head if tok.dep == "acomp" else cur
            return next((c for c in parsed.children(holder) if parsed.tokens[c].dep == "nsubj"), None)
        if tok.dep not in ("conj", "pobj", "prep", "dobj", "appos") or tok.head == cur:
            return None
        cur = tok.head
    return None


def _pobj(parsed: Parsed, prep: int) -> int | None:
    return next((c for c in parsed.children(prep) if parsed.tokens[c].dep == "pobj"), None)


def _prep_object(parsed: Parsed, i: int, preps: tuple[str, ...]) -> int | None:
    for c in parsed.children(i):
        if parsed.tokens[c].dep == "prep" and parsed.tokens[c].text.lower() in preps:
            return _pobj(parsed, c)
    return None


def victim_phrase(parsed: Parsed, e: int) -> int | None:
    """Head token of who was killed/wounded by the effect trigger at e."""
    tok = parsed.tokens[e]
    kids = parsed.children(e)
    for dep in ("dobj", "nsubjpass"):
        for c in kids:
            if parsed.tokens[c].dep == dep:
                return c
    if tok.lemma == "death" and tok.dep == "pobj":  # "was stabbed to death"
        verb = parsed.tokens[tok.head].head
        return next((c for c in parsed.children(verb) if parsed.tokens[c].dep in ("nsubjpass", "dobj")), None)
    if tok.lemma in ("die", "dead", "lose") or tok.pos == "ADJ":
        for c in kids:
            if parsed.tokens[c].dep == "nsubj":
                return c
        if tok.dep in ("oprd", "ccomp", "xcomp", "acomp", "amod"):
            head = tok.head
            if tok.dep == "amod":
                return head
            for c in parsed.children(head):
                if parsed.tokens[c].dep in ("dobj", "nsubj") and c != e:
                    return c
    return None


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
        if t.pos == "NUM":
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


# --- time and place -------------------------------------------------------------------------


def event_date(
    parsed: Parsed, i: int, timexes: Sequence[Timex], effects: Sequence[int] = ()
) -> tuple[Timex | None, str]:
    """The date governing the trigger (or its effects: "the strike that killed him on
    Friday") and how it was found.

    RETURNS: (timex, basis) with basis 'clause' (a date in the trigger's sentence, nearest in
    the parse), 'vague' (the trigger's own phrase says "in recent weeks": an aggregate),
    'discourse' (the last day named in this or the previous paragraph) or 'none'.
    """
    sent = parsed.sent_of(i)
    inside = [t for t in timexes if sent.start <= t.start < sent.end]
    anchors = [i, *effects]

    def cost(t: Timex) -> int:
        head = _head_of(parsed, t.start, t.end)
        return min(parsed.clause_distance(a, head) for a in anchors)

    if inside:
        nearest = min(inside, key=cost)
        # "attacks in recent weeks", "has fought the government for years": not one event
        nominal = parsed.tokens[i].pos in ("NOUN", "PROPN") or is_nominal(parsed.tokens[i])
        if (
            nearest.type == "DURATION"
            and nearest.text.lower().split()[0] in VAGUE_LEADS
            and (nominal or cost(nearest) <= 2)
        ):
            return None, "vague"
    if definite(parsed, i):  # "the attack": only a date of its own phrase ("the December 29 strikes")
        own = set(parsed.subtree(i if parsed.tokens[i].dep != "compound" else parsed.tokens[i].head))
        inside = [t for t in inside if _head_of(parsed, t.start, t.end) in own or cost(t) <= 2]
    dated = [t for t in inside if t.type in ("DATE", "TIME") and t.precision != "none" and cost(t) < 99]
    if dated:
        return min(dated, key=lambda t: (cost(t), t.precision != "day")), "clause"
    para = sent.paragraph
    earlier = [
        t
        for t in timexes
        if t.end <= sent.start
        and (t.precision == "day" or (t.precision in ("month", "year") and _adverbial(parsed, t)))
        and t.type in ("DATE", "TIME")
        and t.date
        and parsed.sent_of(parsed.token_at(t.start)).paragraph >= para - 1
    ]
    if earlier:
        return earlier[-1], "discourse"
    return None, "none"


def _adverbial(parsed: Parsed, t: Timex) -> bool:
    """ "in 2015" sets the time of what follows; "a 2014 agreement" and "since 2009" do not."""
    head = parsed.tokens[_head_of(parsed, t.start, t.end)]
    if head.dep == "pobj" and parsed.tokens[head.head].lemma in ("since", "until", "by"):
        return False
    return head.dep in ("pobj", "npadvmod", "advmod")


VAGUE_LEADS = ("for", "over", "in", "the", "recent", "past")


def _head_of(parsed: Parsed, start: int, end: int) -> int:
    """The syntactic head of the tokens covering [start, end)."""
    first = parsed.token_at(start)
    span = [t.i for t in parsed.tokens[first:] if t.start < end]
    for j in span:
        if parsed.tokens[j].head not in span or parsed.tokens[j].head == j:
            return j
    return first


LOCATIVE = ("in", "inside", "across", "throughout", "within", "into", "near", "outside", "at")


def _locative(parsed: Parsed, head: int) -> bool:
    """A country names where only as the object of a locative preposition ("in Iraq")."""
    tok = parsed.tokens[head]
    return tok.dep == "pobj" and parsed.tokens[tok.head].text.lower() in LOCATIVE


SUBCLAUSE = ("advcl", "relcl", "ccomp", "acl", "xcomp")


def _in_clause_of(parsed: Parsed, other: int, head: int, trigger: int) -> bool:
    """The place lies in a subordinate clause headed by another trigger (not the trigger's own)."""
    if other == trigger:
        return False
    clause = other
    if parsed.tokens[other].pos not in ("VERB", "AUX"):  # "fired rockets": the clause of "fired"
        clause = next((a for a in parsed.ancestors(other) if parsed.tokens[a].pos in ("VERB", "AUX")), other)
    if parsed.tokens[clause].dep not in SUBCLAUSE:
        return False
    inside = parsed.subtree(clause)
    return head in inside and trigger not in inside


def _said_where(parsed: Parsed, head: int, trigger: int) -> bool:
    """ "Speaking to media in Mogadishu, the chief confirmed the assault": Mogadishu is where he
    spoke. True when the first verb above the place is a speech verb that is not the trigger."""
    for a in parsed.ancestors(head):
        tok = parsed.tokens[a]
        if tok.pos in ("VERB", "AUX"):
            return (
                a != trigger
                and tok.lemma in refine_table()["speech_verbs"]
                and trigger not in parsed.ancestors(head)[: parsed.ancestors(head).index(a)]
            )
    return False


def event_place(parsed: Parsed, i: int, topo: Toponyms, others: Sequence[int] = ()) -> Place | None:
    """The most specific place of the trigger's sentence, nearest in the parse.

    A country named as a modifier ("US bases", "Iraqi forces") says whose, not where.
    """
    sent = parsed.sent_of(i)
    own = []
    for p in topo.places:
        if not (sent.start <= p.start < sent.end) or p.start < topo.dateline_end:
            continue
        head = _head_of(parsed, p.start, p.end)
        if p.precision == 4 and not _locative(parsed, head):
            continue
        if _said_where(parsed, head, i):
            continue
        mine = parsed.clause_distance(i, head)
        if any(_in_clause_of(parsed, o, head, i) and parsed.clause_distance(o, head) < mine for o in others):
            continue  # "bombed positions after the group fired at the base near Kirkuk"
        own.append((p, head))
    if not own:
        return None
    return min(own, key=lambda ph: (ph[0].precision == 4, parsed.clause_distance(i, ph[1]), ph[0].precision))[
        0
    ]
