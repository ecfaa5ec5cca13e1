"""Event-ness: whether a mention tells one specific event, or sums up many, or a habit.

A tally ("insurgents have killed more than 400 soldiers this year"), a summary of several
events ("two attacks have left 21 dead", "separate bombings across Iraq") and a habit
("militants routinely raid villages") are not events of their own: they may add evidence to
an event the article tells, never a record or a toll. The cue words are the article table
(``data/article/en.yaml``); the parse says which clause they belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .. import places, tables
from ..events import Found, acled_types
from ..events.roles import counted_in_a_run, other_deeds, superlative
from ..records import Parsed, Timex, Token
from ..vocab import GATHERINGS

Kind = Literal["specific", "aggregate", "plural", "habitual"]
TABLE = "article/en.yaml"
CLAUSE_DEPS = ("advcl", "relcl", "ccomp", "conj", "parataxis")


@dataclass(frozen=True)
class Cues:
    """The article table: whole-word patterns for its phrase lists, sets for its word lists."""

    aggregate: re.Pattern[str]
    moments: re.Pattern[str]
    nationwide: re.Pattern[str]
    abroad: re.Pattern[str]
    stretch: re.Pattern[str]
    new_event: re.Pattern[str]
    apart: frozenset[str]
    habitual: frozenset[str]
    counted: frozenset[str]
    runs: frozenset[str]
    one_day: frozenset[str]
    year_leads: frozenset[str]
    lead_sentences: int
    crowd_control: frozenset[str]
    violent_protest: frozenset[str]
    riot_forces: re.Pattern[str]
    disruptive: frozenset[str]
    peaceful: re.Pattern[str]
    revisions: frozenset[str]
    latest: frozenset[str]
    gatherings: frozenset[str]
    unverified: re.Pattern[str]
    unverified_of: frozenset[str]
    endings: frozenset[str]
    quarters: frozenset[str]
    trends: frozenset[str]
    rates: frozenset[str]
    onsets: frozenset[str]
    outbreaks: frozenset[str]
    contested: re.Pattern[str]
    tally_toll: int
    unharmed: re.Pattern[str]


@tables.table
def cues() -> Cues:
    keys = (
        "aggregate",
        "moments",
        "nationwide",
        "abroad",
        "stretches",
        "new_event",
        "apart",
        "habitual",
        "counted",
        "runs",
        "one_day",
        "year_leads",
        "lead_sentences",
        "crowd_control",
        "violent_protest",
        "riot_forces",
        "disruptive",
        "peaceful",
        "revisions",
        "latest",
        "gatherings",
        "unverified",
        "unverified_of",
        "endings",
        "quarters",
        "trends",
        "rates",
        "onsets",
        "outbreaks",
        "contested",
        "tally_toll",
        "unharmed",
    )
    data = tables.load_yaml(TABLE, keys)

    def phrases(key: str) -> re.Pattern[str]:
        words = sorted(map(str, data[key]), key=len, reverse=True)
        # (a clause's words come spaced: "months - long")
        forms = (re.escape(w).replace(r"\-", r"\s*-\s*") for w in words)
        return re.compile(r"\b(?:" + "|".join(forms) + r")\b", re.IGNORECASE)

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    return Cues(
        phrases("aggregate"),
        phrases("moments"),
        phrases("nationwide"),
        phrases("abroad"),
        re.compile(
            r"\b(?:in|over|within)\s+(?:the\s+(?:past|last|first)\s+)?(?:[\w-]+\s+)?(?:"
            + "|".join(map(re.escape, map(str, data["stretches"])))
            + r")\b",
            re.IGNORECASE,
        ),
        phrases("new_event"),
        words("apart"),
        words("habitual"),
        words("counted"),
        words("runs"),
        words("one_day"),
        words("year_leads"),
        int(data["lead_sentences"]),
        words("crowd_control"),
        words("violent_protest"),
        phrases("riot_forces"),
        words("disruptive"),
        phrases("peaceful"),
        words("revisions"),
        words("latest"),
        words("gatherings"),
        phrases("unverified"),
        words("unverified_of"),
        words("endings"),
        words("quarters"),
        words("trends"),
        words("rates"),
        words("onsets"),
        words("outbreaks"),
        phrases("contested"),
        int(data["tally_toll"]),
        phrases("unharmed"),
    )


def abroad(parsed: Parsed, f: Found) -> bool:
    """Whether the mention's clause puts the deed beyond the border of the story's country
    ("air strikes across the border"), in a country it does not name."""
    return bool(cues().abroad.search(_clause_text(parsed, f.trigger)))


def kind(parsed: Parsed, f: Found) -> Kind:
    """What the mention ``f`` tells: one specific event, a tally of many (``aggregate``),
    several events counted together (``plural``) or a habit."""
    i = f.trigger
    toks = parsed.tokens
    # (and what its object is told as: "have exchanged near-daily fire")
    objects = [c for c in parsed.children(i) if toks[c].dep in ("dobj", "attr")]
    near = (
        *parsed.children(i),
        *_verb_kids(parsed, i),
        *_led_by(parsed, i),
        *(k for o in objects for k in parsed.children(o)),
    )
    if any(toks[c].lemma.lower() in cues().habitual for c in near):
        return "habitual"
    if other_deeds(parsed, i):
        return "aggregate"  # ("people who fled earlier fighting": deeds before, none told)
    own_day = f.date is not None and f.date_basis == "clause" and f.date.precision == "day"
    tok = toks[i]
    # ("the group, which is fighting to topple the government": the present progressive too)
    present = tok.tag in PRESENT or any(
        toks[c].dep == "aux" and toks[c].tag in PRESENT for c in parsed.children(i)
    )
    if tok.dep == "relcl" and present and not f.fatalities and not (own_day and _dated_in(parsed, i, f)):
        return "habitual"  # "a militia that fights alongside the army": what it is, not news
    if not own_day and f.sentence >= cues().lead_sentences and _present(parsed, i):
        return "habitual"  # "experts say it is resorting to artillery strikes": a state of things
    # (or a count of deeds: "more than 2,600 people were killed in bandit attacks"; not "the
    # assault killed more than 1,200 people", a day told before it)
    many = f.fatality_kind == "vague" or tok.tag in ("NNS", "NNPS")
    if not own_day and many and f.fatalities >= cues().tally_toll:
        return "aggregate"  # "it has killed tens of thousands of people": a war's toll
    if f.date is not None and f.date_basis == "clause" and _by_year(parsed, f.date):
        return "aggregate"  # "killed 300 people last year": history by the year, a tally
    clause = cues().moments.sub(" ", _clause_text(parsed, i))  # "earlier this month": one time
    # (a participle that modifies a phrase tells the state of its clause: "fighting has
    # ravaged Myanmar since a coup in 2021, with the junta battling ethnic rebels")
    state = (
        toks[i].tag == "VBG" and toks[i].dep in ("amod", "acl", "pcomp") and _since(parsed, toks[i].head)
    ) or _with_since(parsed, i)
    # (a "since" that ends the last of joined deeds counts them all: "had arrested more than
    # 10,000 people and seized 5,500 firearms since October")
    joined = [c for c in parsed.children(i) if toks[c].dep == "conj" and toks[c].pos == "VERB"]
    tally = (
        cues().aggregate.search(clause)
        or _since(parsed, i)
        or state
        or any(_since(parsed, c) for c in joined)
    )
    # ("in the third attack this month": one event, whatever period its clause names)
    if not own_day and (tally or _begun_on_a_date(parsed, i)) and not counted_in_a_run(parsed, i):
        return "aggregate"
    if not f.fatalities and _trend(parsed, i):
        return "habitual"  # "as fighting between federal forces and Fano showed no sign of easing"
    begun = toks[toks[i].head].lemma in cues().onsets and toks[i].dep in ("xcomp", "dobj")
    if not own_day and not f.fatalities and begun:
        return "habitual"  # "since September, when the faction began fighting the other": a war begun
    gathering = acled_types()[f.rule.sub_event_type][0] in GATHERINGS
    if cues().nationwide.search(clause) and not gathering:
        return "aggregate"  # "attacks have killed 17 policemen across the country"
    if ((_across(parsed, i) or _on_gatherings(parsed, f)) and not gathering) or _on_places(parsed, i):
        # "opened fire on protesters across Myanmar", "fired on protests", "fired on
        # protesters in several cities"
        return "plural"
    if gathering and _gatherings_hit(parsed, i):
        return "plural"  # (the protests themselves, one at each place the text tells)
    if not own_day and cues().stretch.search(clause) and not _ordinal(parsed, i):
        return "aggregate"  # "120 dead in three weeks", "killed 40 over two months"
    if not own_day and not f.fatalities and _perfect_habit(parsed, i):
        return "aggregate"  # "the Islamic State group has also carried out attacks in the city"
    # ("has witnessed some of the deadliest Maoist attacks": a class of deeds; not "killed 70
    # people, one of the deadliest massacres in Haiti's history", the deed ranked)
    ranked = tok.dep == "pobj" and toks[toks[tok.head].head].lemma == "one"
    if not own_day and tok.tag in ("NNS", "NNPS") and not ranked and superlative(parsed, i):
        return "aggregate"
    if not own_day and _described(parsed, i):
        return "habitual"  # "Guanajuato has been the scene of bloody turf battles"
    if not own_day and _catalogue(parsed, i):
        return "aggregate"  # "officers who oversaw air strikes, massacres, raids, arson"
    counted = _counted(parsed, i)
    if counted == "run" and not own_day:
        return "aggregate"  # "a barrage of attacks on US bases in recent weeks"
    if counted == "one day" and own_day:
        return "specific"  # "the December 29 strikes", "two bombs exploded on Saturday"
    # "a series of airstrikes on Tuesday", "30 separate attacks", "these attacks": several
    # events told together
    return "plural" if counted else "specific"


PRESENT = ("VBZ", "VBP")


def _present(parsed: Parsed, i: int) -> bool:
    """The trigger's verb is in the present ("the army bombs villages", "is resorting to air
    strikes", "Battling fierce opposition, it is ..."): past the lead, a report tells what
    happened in the past tense, and the present tells how things stand."""
    toks = parsed.tokens
    verb = next((a for a in [i, *parsed.ancestors(i)] if toks[a].pos in ("VERB", "AUX")), None)
    if verb is None or toks[verb].pos != "VERB":
        return False  # "two people are dead": the copula of a state told now
    if toks[verb].tag == "VBG":
        auxes = [c for c in parsed.children(verb) if toks[c].dep == "aux"]
        if auxes:
            return _now(toks[auxes[0]])
        head = toks[verb].head
        # a participle takes its tense from the clause it hangs on
        return toks[verb].dep == "advcl" and head != verb and _now(toks[head])
    if toks[verb].tag == "VB":  # "Kyiv does not usually comment on attacks inside Russia"
        return any(
            toks[c].dep == "aux" and toks[c].lemma == "do" and _now(toks[c]) for c in parsed.children(verb)
        )
    return _now(toks[verb])


def _now(tok: Token) -> bool:
    """A present-tense form: the tag, checked against the word (the tagger reads some
    irregular pasts, "oversaw", as present)."""
    word, lemma = tok.text.lower(), tok.lemma.lower()
    forms = {lemma, lemma + "s", lemma + "es", lemma[:-1] + "ies"} if lemma != "be" else {"is", "are", "am"}
    return tok.tag in PRESENT and word in forms


def _by_year(parsed: Parsed, t: Timex) -> bool:
    """A year named as the time of the deed ("in 2015", "last year"), not a year inside a
    date the parser split ("17 Febraury 2020") or a noun's modifier ("the 2008 violence")."""
    if not re.fullmatch(r"\d{3,4}", t.value):
        return False
    first = parsed.token_at(t.start)
    word = t.text.split()[0].lower()
    leads = cues().year_leads
    return word in leads or (first > 0 and parsed.tokens[first - 1].text.lower() in leads)


def _dated_in(parsed: Parsed, i: int, f: Found) -> bool:
    """The mention's own day is told inside its clause ("gunmen who attack a church on Sunday")."""
    if f.date is None:
        return False
    own = [parsed.tokens[j] for j in parsed.subtree(i)]
    return any(t.start <= f.date.start < t.end for t in own)


def _with_since(parsed: Parsed, i: int) -> bool:
    """The deed is told in a "with" phrase of a stretch ("violence has surged since the war
    began, with at least 970 Palestinians killed"): the stretch's tally."""
    toks = parsed.tokens
    tok = toks[i]
    if tok.dep != "acl":
        return False
    noun = toks[tok.head]
    prep = toks[noun.head]
    return noun.dep == "pobj" and prep.lemma == "with" and prep.head != prep.i and _since(parsed, prep.head)


def _begun_on_a_date(parsed: Parsed, i: int) -> bool:
    """ "(260 killed) in the ethnic violence that broke out in May 2023", "the insurgency,
    which began in 2017": a deed told by the day it began is a conflict's course, a stretch
    like one "since" that day."""
    toks = parsed.tokens

    def on_the_deed(head: int) -> bool:
        # the deed's own noun, or (as the parse may hang it) the last noun of its "between":
        # "the violence between the two communities that broke out in May 2023"; not another
        # noun of its sentence ("a camp for families displaced by the insurgency that began
        # in 2017", "a gold mine that started operating in 2021")
        return head == i or any(
            toks[a].lemma == "between" and toks[a].head == i for a in parsed.ancestors(head)
        )

    return any(
        toks[c].dep == "relcl"
        and toks[c].lemma in cues().outbreaks
        and on_the_deed(toks[c].head)
        and any(toks[k].ent == "DATE" for k in parsed.subtree(c))
        for c in parsed.subtree(i)
        if c != i
    )


def _since(parsed: Parsed, i: int) -> bool:
    """ "since 2017", "since January" in the trigger's clause: a tally over a stretch; and
    "(23 killed) since the protests began": a deed told as where a stretch starts."""
    toks = parsed.tokens
    own = _clause(parsed, i)
    clause = set(own)
    told = any(
        toks[j].text.lower() == "since"
        and (
            (j + 1 in clause and toks[j + 1].ent == "DATE")
            or (toks[j].dep == "mark" and i > j)
            # "since its full-scale invasion in February 2022": a stretch from a dated event
            or (toks[j].dep == "prep" and any(toks[k].ent == "DATE" for k in parsed.subtree(j) if k != j))
        )
        for j in clause
    )
    # "more than 200 civilians had been killed in the region since the war began"
    stretch = any(
        toks[c].dep == "advcl"
        and any(toks[m].dep == "mark" and toks[m].text.lower() == "since" for m in parsed.children(c))
        for c in parsed.children(own[0])
    )
    return told or stretch


def fresh(parsed: Parsed, sentence: int) -> bool:
    """The sentence opens on a new event ("In another attack", "Separately", "Elsewhere")."""
    sent = parsed.sents[sentence]
    opening = parsed.article.text[sent.start : min(sent.end, sent.start + 40)]
    found = cues().new_event.search(opening)
    return found is not None and not opening[: found.start()].strip(" \"'“‘(").strip()


def apart(parsed: Parsed, i: int) -> bool:
    """The trigger names its event as another than those told ("killed in a separate attack
    on a restaurant", "another attack"), unless it says what something told is ("it was
    another attack on the police")."""
    tok = parsed.tokens[i]
    if tok.dep == "compound":  # "a separate restaurant attack"
        tok = parsed.tokens[tok.head]
    if tok.dep == "attr" or tok.pos not in ("NOUN", "PROPN"):
        return False
    return any(
        parsed.tokens[c].dep in ("amod", "det") and parsed.tokens[c].lemma in cues().apart
        for c in parsed.children(tok.i)
    )


def _verb_kids(parsed: Parsed, i: int) -> list[int]:
    """Dependents of the verb a nominal trigger hangs on ("raids routinely target ...")."""
    tok = parsed.tokens[i]
    if tok.pos in ("VERB", "AUX") or tok.head == i:
        return []
    head = parsed.tokens[tok.head]
    if head.dep in ("agent", "prep") and tok.dep == "pobj" and head.head != head.i:
        head = parsed.tokens[head.head]  # ("has been hit almost daily by shelling")
    return parsed.children(head.i) if head.pos in ("VERB", "AUX") else []


def _led_by(parsed: Parsed, i: int) -> list[int]:
    """Dependents of the verb a participle follows ("has repeatedly struck cities, killing
    thousands": the killing is as habitual as the strikes)."""
    tok = parsed.tokens[i]
    if tok.dep != "advcl" or tok.tag != "VBG" or tok.head == i:
        return []
    return [c for c in parsed.children(tok.head) if c != i]


def _clause_text(parsed: Parsed, i: int) -> str:
    """The words of the trigger's own clause, and of the clause a participle clause hangs on
    ("Over the past day, Russians fired 92 times, launching 502 shells from mortars": the
    mortars' time is the firing's)."""
    toks = parsed.tokens
    clause = _clause(parsed, i)
    verb, words = clause[0], set(clause)
    own = {toks[c].dep for c in parsed.children(verb)} & {"nsubj", "nsubjpass", "aux", "auxpass", "mark"}
    if toks[verb].tag in ("VBG", "VBN") and toks[verb].dep in ("advcl", "xcomp") and not own:
        words.update(_clause(parsed, toks[verb].head))
    return " ".join(toks[j].text for j in sorted(words))


def _clause(parsed: Parsed, i: int) -> list[int]:
    """The trigger's own clause, its verb first: the verb's subtree, less the clauses inside it."""
    toks = parsed.tokens

    def bounds(j: int) -> bool:  # (nouns joined by "and" are one phrase, not two clauses)
        return toks[j].dep in CLAUSE_DEPS and (toks[j].dep != "conj" or toks[j].pos in ("VERB", "AUX"))

    verb = i
    for a in [i, *parsed.ancestors(i)]:
        verb = a
        if toks[a].pos in ("VERB", "AUX") or bounds(a) or toks[a].head == a:
            break
    out, stack = [verb], [verb]
    while stack:  # down the parse, not into the clauses below
        for c in parsed.children(stack.pop()):
            if not bounds(c):
                out.append(c)
                stack.append(c)
    return out


def _trend(parsed: Parsed, i: int) -> bool:
    """The trigger, a noun, is what a verb of a trend tells the course of, with no day of
    its own ("fighting showed no sign of easing", "violence has escalated"): a state of
    things, not an event."""
    toks = parsed.tokens
    tok = toks[i]
    nominal = tok.pos == "NOUN" or tok.tag == "VBG"  # ("fighting" is often tagged a verb)
    verb = tok.head
    # ("as fighting flared on several front lines": the parser may hang the verb on the noun)
    told = next(
        (c for c in parsed.children(i) if toks[c].dep == "acl" and toks[c].lemma in cues().trends), None
    )
    if told is not None and tok.dep in ("pcomp", "advcl", "nsubj"):
        verb = told
    elif (
        tok.dep == "pcomp"
        and toks[verb].dep in ("mark", "prep")
        and toks[verb].lemma.lower() in ("as", "while")
    ):
        verb = toks[verb].head  # ("as fighting ... intensified": the parser hangs it on "as")
    elif tok.dep != "nsubj":
        return False
    rate = toks[verb].lemma in cues().rates  # ("suicide attacks doubled", "attacks rose in Sindh")
    if not nominal or not (rate or toks[verb].lemma in cues().trends):
        return False
    # (a day in the clause of the trend itself, not in a clause the parser hung on it)
    stack, own = [verb], []
    while stack:
        j = stack.pop()
        own.append(j)
        stack.extend(c for c in parsed.children(j) if toks[c].pos not in ("VERB", "AUX"))
    # (nor a town the verb tells: "fighting spread to Singa", "intensified near Sake" tell
    # where it was; "fighting for control of the Kordofan region intensified" does not, nor
    # does "intensified in the Kordofan region": a region is the course of a war, not a place)
    stake = set(parsed.subtree(i))
    return not any(
        toks[j].ent in ("DATE", "TIME") or (toks[j].ent in ("GPE", "FAC") and j not in stake and not rate)
        for j in own
    )


def _across(parsed: Parsed, i: int) -> bool:
    """The trigger's clause spreads its deed over a named country, province or city ("opened
    fire on protesters across Myanmar", "raids across Kabul"): deeds in several places told
    together ("fired across the border" names no place)."""
    toks = parsed.tokens
    return any(
        toks[j].lemma.lower() == "across"
        and any(toks[o].dep == "pobj" and toks[o].ent == "GPE" for o in parsed.children(j))
        for j in _clause(parsed, i)
    )


def _on_gatherings(parsed: Parsed, f: Found) -> bool:
    """The deed hit gatherings ("opened fire on protests against military rule"): one at
    each place they were held (protesters are one crowd; protests are several)."""
    return f.target is not None and _gatherings(parsed.tokens[f.target])


def _on_places(parsed: Parsed, i: int) -> bool:
    """The deed hit places counted ("attacks on three villages", "killed 23 in attacks on
    three villages"): one event at each."""
    toks = parsed.tokens

    def objects(j: int, preps: tuple[str, ...]) -> list[int]:
        return [
            o
            for p in parsed.children(j)
            if toks[p].dep == "prep" and toks[p].lemma in preps
            for o in parsed.children(p)
            if toks[o].dep == "pobj"
        ]

    if toks[i].pos == "NOUN":
        deeds = [i]
    else:
        deeds = objects(i, ("in", "during"))
        if any(  # "fired at protesters in several cities"
            toks[j].dep == "pobj"
            and toks[toks[j].head].lemma in ("in", "across")
            and toks[j].lemma in places.settlement_words()
            and _counted(parsed, j) == "several"
            for j in _clause(parsed, i)
        ):
            return True
    return any(_counted(parsed, o) == "several" for d in deeds for o in objects(d, ("on", "in", "against")))


def _gatherings_hit(parsed: Parsed, i: int) -> bool:
    """The trigger is gatherings something was done on ("fired on protests")."""
    tok = parsed.tokens[i]
    return _gatherings(tok) and tok.dep == "pobj" and parsed.tokens[tok.head].lemma.lower() in ("on", "at")


def _gatherings(tok: Token) -> bool:
    return tok.tag == "NNS" and tok.lemma.lower() in cues().gatherings


def _perfect_habit(parsed: Parsed, i: int) -> bool:
    """A bare plural of deeds, the object of a verb in the present perfect ("has carried out
    attacks in Jalalabad", "have staged raids"), or a deed's verb so told of a bare plural
    ("has planted explosives on roads"): what a side has done over time, not one
    deed ("have killed five people" tells one, with its victims, and so does "have staged
    attacks on two posts, killing six": the caller asks for no toll)."""
    toks = parsed.tokens
    tok = toks[i]
    if tok.pos == "VERB":
        # ("JNIM has planted explosives on roads in the area": the verb's own bare plural)
        bare = [c for c in parsed.children(i) if toks[c].dep == "dobj" and toks[c].tag == "NNS"]
        if not bare or any(toks[c].dep in ("det", "nummod", "poss") for c in parsed.children(bare[0])):
            return False
        # (and where, a bare plural too: "on roads", "in villages"; not "from a school in Kuriga")
        wheres = [
            o
            for c in parsed.children(i)
            if toks[c].dep == "prep"
            for o in parsed.children(c)
            if toks[o].dep == "pobj"
        ]
        if not any(
            toks[o].tag == "NNS"
            and not any(toks[k].dep in ("det", "nummod", "poss") for k in parsed.children(o))
            for o in wheres
        ):
            return False
        return any(
            toks[c].dep == "aux" and toks[c].lemma == "have" and toks[c].tag in PRESENT
            for c in parsed.children(i)
        )
    if (
        tok.tag != "NNS"
        or tok.dep != "dobj"
        or any(toks[c].dep in ("det", "nummod", "poss") for c in parsed.children(i))
    ):
        return False  # ("protests have taken place", "killed in attacks": the news)
    verb = tok.head
    return toks[verb].pos == "VERB" and any(
        toks[c].dep == "aux" and toks[c].lemma == "have" and toks[c].tag in PRESENT
        for c in parsed.children(verb)
    )


def _described(parsed: Parsed, i: int) -> bool:
    """The trigger is a bare plural that a copula says of a place or time ("has been the
    scene of bloody turf battles", "is a hotbed of clashes"): how things are, not a deed."""
    toks = parsed.tokens
    tok = toks[i]
    if tok.tag != "NNS" or any(toks[c].dep in ("det", "nummod", "poss") for c in parsed.children(i)):
        return False
    verb = next((a for a in parsed.ancestors(i) if toks[a].pos in ("VERB", "AUX")), None)
    # "there were demonstrations in Kisii" says that they happened
    return (
        verb is not None
        and toks[verb].lemma == "be"
        and not any(toks[c].dep == "expl" for c in parsed.children(verb))
    )


def _ordinal(parsed: Parsed, i: int) -> bool:
    """The clause counts the deed among others ("the third attack in two weeks", "the
    latest raid"): one event, placed in a run."""
    toks = parsed.tokens
    return any(toks[j].ent == "ORDINAL" or toks[j].lemma.lower() == "latest" for j in _clause(parsed, i))


def _catalogue(parsed: Parsed, i: int) -> bool:
    """The trigger is a bare noun in a list of three or more deeds, two of them bare plurals
    ("air strikes, massacres, raids, arson", "killings, abductions and torture"): a record
    of conduct, as in a sanctions list or a rights report, not an event."""
    toks = parsed.tokens
    first = i
    while toks[first].dep == "conj" and toks[first].head != first:
        first = toks[first].head
    items, todo = [], [first]
    while todo:
        j = todo.pop()
        items.append(j)
        todo.extend(c for c in parsed.children(j) if toks[c].dep == "conj")

    def bare(j: int) -> bool:
        return toks[j].pos == "NOUN" and not any(
            toks[c].dep in ("det", "nummod", "poss") for c in parsed.children(j)
        )

    plurals = sum(bare(j) and toks[j].tag == "NNS" for j in items)
    return len(items) >= 3 and bare(i) and plurals >= 2 and all(toks[j].pos == "NOUN" for j in items)


def _counted(parsed: Parsed, i: int) -> str:
    """How a plural trigger counts events: "run" for a run of them ("a series of raids", "a
    barrage of attacks"), "several" for a number set apart ("30 separate attacks"), "one day"
    for ones that may be one day's event ("two bombs", "these strikes"), "" for one event
    ("rockets fell")."""
    toks = parsed.tokens
    tok = toks[i]
    if tok.dep == "compound":
        tok = toks[tok.head]
    if tok.pos in ("VERB", "AUX", "ADJ"):
        # "282 people were killed in 30 separate attacks": the deaths of several events; "29
        # were killed in two villages when insurgents attacked the villages": the attacks too
        verbs = [tok.i]
        if tok.dep == "advcl" and toks[tok.head].pos in ("VERB", "AUX"):
            verbs.append(tok.head)
        events = [
            o
            for v in verbs
            for c in parsed.children(v)
            if toks[c].dep == "prep" and toks[c].text.lower() in ("in", "during")
            for o in parsed.children(c)
            if toks[o].dep == "pobj"
        ]
        return next((found for o in events if (found := _counted(parsed, o))), "")
    # "Two Boko Haram attacks": the parser hangs the number on the name before the noun
    words = [tok.i, *(c for c in parsed.children(tok.i) if toks[c].dep == "compound")]
    mods = {
        toks[c].lemma.lower()
        for w in words
        for c in parsed.children(w)
        if toks[c].dep in ("nummod", "amod", "det") and (w == tok.i or toks[c].dep == "nummod")
    }
    if tok.tag not in ("NNS", "NNPS"):
        # "separate bombing and shooting incidents": the parser read the first of two nouns
        # joined before a plural head as singular ("a separate attack" is one event)
        joined = any(toks[c].dep == "conj" for c in parsed.children(tok.i))
        return "several" if joined and mods & (cues().counted - cues().one_day) else ""
    head = toks[tok.head]
    if head.lemma == "of" and toks[head.head].lemma.lower() in cues().runs:
        return "run"
    if not mods & cues().counted:
        return ""
    if tok.lemma in places.settlement_words() and mods - {"the", "these", "those"}:
        return "several"  # "two villages": two places, two events
    return "one day" if mods <= cues().one_day else "several"
