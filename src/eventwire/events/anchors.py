"""When and where: the date and place that govern a trigger."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from ..nlp import dateline_end, deed_verbs
from ..places import Toponyms, around_nouns, is_quarter, quarter_of, told_in, told_inside, told_near
from ..records import Parsed, Place, Timex
from .lexicon import lexicon, refine_table
from .roles import counted_in_a_run, definite, is_nominal, superlative


def event_date(
    parsed: Parsed, i: int, timexes: Sequence[Timex], effects: Sequence[int] = (), announced: bool = False
) -> tuple[Timex | None, str]:
    """The date governing the trigger (or its effects: "the strike that killed him on
    Friday") and how it was found.

    announced: the event is a decision or a statement, whose day is the day it was said.
    RETURNS: (timex, basis) with basis 'clause' (a date in the trigger's sentence, nearest in
    the parse), 'vague' (the trigger's own phrase says "in recent weeks": an aggregate),
    'before' (no date of its own, told in the past perfect: earlier than the story, so not
    on its days), 'discourse' (the last day named in this or the previous paragraph) or
    'none'.
    """
    sent = parsed.sent_of(i)
    # (not a count of a series told beside the deed: "Gunmen killed a lawyer on Tuesday ...,
    # the third activist killed in the state this year")
    anchors = [i, *(e for e in effects if not _of_a_series(parsed, e))]
    # (the period a series is counted over: "the third candidate killed this month")
    series = {j for e in effects if e not in anchors for j in parsed.subtree(e)}
    # the dates are in text order: those of a stretch of text are one slice of them
    # (not the dateline's day, "Raipur, Jan 30 (PTI)": the day the report was filed)
    own_dates = timexes[
        _first_from(timexes, max(sent.start, dateline_end(parsed.article.text))) : _first_from(
            timexes, sent.end
        )
    ]
    # the days a claim or a condemnation of the deed was made ("claimed the attack on Wednesday")
    reacted = [t for t in own_dates if _reacted_when(parsed, head_of(parsed, t.start, t.end), i)]
    # (not the day a speaker spoke: "Haruna said on Thursday, fighters attacked ... on Tuesday")
    inside = [
        t
        for t in own_dates
        if _governs(parsed, t, anchors)
        and (announced or not _said_when(parsed, head_of(parsed, t.start, t.end), i))
        and t not in reacted
        and not (_since(parsed, head_of(parsed, t.start, t.end), i) and not _when_of(parsed, t, i))
        # ("bodies had been recovered by the following morning"; but "since Saturday, when RSF
        # fighters stormed the camp" is the storming's day)
        and not (
            _bound(parsed, t)
            and head_of(parsed, t.start, t.end) not in parsed.ancestors(i)
            and not _when_of(parsed, t, i)
        )
        # ("the second incident since December 2025, when 3R elements attacked the town": the
        # when clause's own day)
        and not (
            t.precision != "day"
            and _run_period(parsed, head_of(parsed, t.start, t.end))
            and not _when_of(parsed, t, i)
        )
        and not _pointed_back_to(parsed, t, own_dates, anchors)
        and not _beside_a_report(parsed, head_of(parsed, t.start, t.end), i)
        and not _compared_over(parsed, head_of(parsed, t.start, t.end), i)
        and not (t.precision != "day" and head_of(parsed, t.start, t.end) in series)
    ]

    # ("clashes that raged from Monday afternoon": the clause that tells of the deed's noun)
    told_of = {j for c in parsed.children(i) if parsed.tokens[c].dep == "relcl" for j in parsed.subtree(c)}
    # (and the clause that tells what its victims were doing: "killed five farmers who were
    # working on their fields on Monday"; not what was done to them: "a man who was abducted
    # on Monday", "who had been kidnapped")
    told_of |= {
        j
        for o in parsed.children(i)
        if parsed.tokens[o].dep in ("dobj", "nsubjpass")
        for c in parsed.children(o)
        if parsed.tokens[c].dep == "relcl"
        and not any(
            (parsed.tokens[a].lemma == "have" and parsed.tokens[a].dep == "aux")
            or parsed.tokens[a].dep == "auxpass"
            for a in parsed.children(c)
        )
        for j in parsed.subtree(c)
    }

    def cost(t: Timex) -> int:
        head = head_of(parsed, t.start, t.end)
        found = min(parsed.clause_distance(a, head) for a in anchors)
        if found >= 99 and head in told_of:
            # (after a day of the deed's own clause: "clashes that followed ... killed 12 on Wednesday")
            return 3
        if found >= 99 and _hung_on_reporter(parsed, head):
            return 6  # "attacked Njaba village ..., on Tuesday, Xinhua reported": the deed's day
        return found

    if inside:
        nearest = min(inside, key=cost)
        # "attacks in recent weeks", "has fought the government for years": not one event
        nominal = parsed.tokens[i].pos in ("NOUN", "PROPN") or is_nominal(parsed.tokens[i])
        if (
            _vague(parsed, nearest)
            and not _length_of(parsed, nearest, i)
            and cost(nearest) <= (3 if nominal else 2)
        ):
            return None, "vague"
    if definite(parsed, i):  # "the attack": only a date of its own phrase ("the December 29 strikes")
        top = i if parsed.tokens[i].dep != "compound" else parsed.tokens[i].head
        own = set(parsed.subtree(top))
        if parsed.tokens[top].dep in ("nsubj", "nsubjpass") and _occurrence(parsed, parsed.tokens[top].head):
            # "The attacks took place on Monday evening": the day the deed happened on
            own |= set(parsed.subtree(parsed.tokens[top].head))
        doing = parsed.tokens[top].head
        if parsed.tokens[top].dep == "dobj" and parsed.tokens[doing].lemma in refine_table()["made_by_verbs"]:
            # "carried out the deadliest attack in a decade ... on Monday": the doing's day
            own |= {
                j
                for c in parsed.children(doing)
                if parsed.tokens[c].dep in ("prep", "npadvmod")
                for j in parsed.subtree(c)
            }
        first = parsed.tokens[top].head
        if parsed.tokens[top].dep == "conj" and parsed.tokens[first].pos == "VERB":
            # "The attackers arrived on Saturday afternoon and opened fire": the first verb's
            # time is its doers' next deed's too
            own |= {
                j
                for c in parsed.children(first)
                if parsed.tokens[c].dep in ("prep", "npadvmod")
                for j in parsed.subtree(c)
            }
        holder = _described_by(parsed, top)
        if holder is not None:
            # "officials involved in the executions ... in July 2022": the participle tells
            # who the people are, not a deed of its own, so its date is the deed's
            own |= {
                j
                for c in parsed.children(holder)
                if parsed.tokens[c].dep == "prep"
                for j in parsed.subtree(c)
            }
        # not a date of a noun coordinated with it ("the strike, as well as the December 29 strikes")
        conjuncts = [c for c in parsed.children(top) if parsed.tokens[c].dep == "conj"]
        theirs = {j for c in conjuncts for j in parsed.subtree(c)}
        inside = [
            t
            for t in inside
            if (head := head_of(parsed, t.start, t.end)) not in theirs and (head in own or cost(t) <= 2)
        ]
    # (a bare clock time, "at about 5.30 a.m.", names no day: the dates stage can only guess one)
    dated = [
        t
        for t in inside
        if t.type in ("DATE", "TIME")
        and t.precision != "none"
        and t.rule != "clock"
        and cost(t) < 99
        and not _names_another(parsed, t, anchors)
    ]
    if dated:
        return min(dated, key=lambda t: (cost(t), t.precision != "day")), "clause"
    # a deed told only in a statement dated by its own day was done that week, not later
    stated = [
        t
        for t in own_dates
        if t.precision == "day"
        and t.date is not None
        and _stated_on(parsed, head_of(parsed, t.start, t.end), i)
    ]
    if stated:
        return replace(stated[0], precision="week"), "clause"
    if parsed.article.published is None and any(
        t.type == "DATE" and t.date is None and t.rule != "clock" and cost(t) < 99 for t in inside
    ):
        return None, "none"  # "In January, a similar strike": its own time, which no year places
    # "The day after police opened fire, demonstrators blocked roads": the clause modified
    # is on the day the expression was counted from, not on the earlier event's
    for t in own_dates:
        if t.rule == COMPLEMENT and t.anchor is not None and not _governs(parsed, t, anchors):
            return replace(
                t, value=t.anchor.isoformat(), precision="day", date=t.anchor, anchor=None
            ), "clause"
    if _before_the_story(parsed, i):
        return None, "before"
    # "The government condemned the attack on Thursday": the deed was done by the day it was
    # claimed or condemned, in the week before it (the report's day may come after; a
    # speaker's day, "an official said on Thursday that ...", is not the deed's: the report's
    # week stands, below)
    by_then = [t for t in reacted if t.precision == "day" and t.date]
    if by_then:
        return replace(by_then[0], precision="week"), "discourse"
    para = sent.paragraph
    # A day that opens the sentence dates all of it, even a trigger that refers back ("01 Oct.
    # 7 people killed in the attack ...").
    opening = parsed.tokens[sent.first].start
    back = parsed.tokens[i].sent  # the sentence before the previous paragraph's first
    while back > 0 and parsed.sents[back].paragraph >= para - 1:
        back -= 1
    earlier = [
        t
        for t in timexes[_first_from(timexes, parsed.sents[back].start) : _first_from(timexes, sent.end)]
        # (the cheap tests first: a long report has thousands of dates before the trigger)
        if t.rule not in (COMPLEMENT, "clock")
        and (t.end <= sent.start or (t.start <= opening + 3 and t.end <= parsed.tokens[i].start))
        and t.type in ("DATE", "TIME")
        and t.date
        and t.precision in ("day", "month", "year")
        and parsed.sent_of(parsed.token_at(t.start)).paragraph >= para - 1
        and not _bound(parsed, t)  # "not reported until Thursday": no day of a deed
        and _named_for(parsed, t) is None  # "arrests in the Monday shooting": that deed's day only
        # (nor the day a source spoke: "..., security sources told AFP on Tuesday")
        and not _said_when(parsed, head_of(parsed, t.start, t.end), i)
        and (t.precision == "day" or _adverbial(parsed, t))
        and not _told_before(parsed, t)  # ("the strike was called after a driver was shot on Monday")
    ]
    if earlier:
        last = earlier[-1]
        # (a period told after a day that lies in it says no more than that day: "on Wednesday
        # ... the third worker killed in Lima this month" leaves the story on Wednesday)
        within = [t for t in earlier if t.precision == "day" and last.date and _within(t, last)]
        return (within[-1] if last.precision != "day" and within else last), "discourse"
    # "As reported on 5 April 2020, the army attacked a base": with no day of its own, the
    # deed happened by the day the note's source reported it (ACLED's date for it), not on
    # the day the note was filed. (A speaker's day, "an official said on Thursday that ...",
    # is not the source's: the report's week stands.)
    reported = [
        t
        for t in own_dates
        if t.precision == "day"
        and t.date
        and t.rule != COMPLEMENT
        and _said_when(parsed, (head := head_of(parsed, t.start, t.end)), i)
        and _unsaid_by(parsed, head)
    ]
    if reported:
        return replace(reported[0], precision="week"), "discourse"
    return None, "none"


COMPLEMENT = "relative_complement"


def _told_before(parsed: Parsed, t: Timex) -> bool:
    """The day is that of an earlier deed another clause is told after or before ("the strike
    was called after a bus driver was shot dead on Monday"): not the time the story has come to."""
    at = head_of(parsed, t.start, t.end)
    for a in [at, *parsed.ancestors(at)]:
        tok = parsed.tokens[a]
        marks = {parsed.tokens[c].lemma for c in parsed.children(a) if parsed.tokens[c].dep == "mark"}
        if tok.dep == "advcl" and marks & {"after", "before"}:
            return True
    return False


def _within(day: Timex, period: Timex) -> bool:
    """Whether ``day`` lies in the month or the year ``period`` names."""
    if day.date is None or period.date is None or period.precision not in ("month", "year"):
        return False
    same_year = day.date.year == period.date.year
    return same_year and (period.precision == "year" or day.date.month == period.date.month)


def _occurrence(parsed: Parsed, verb: int) -> bool:
    """Whether token ``verb`` says only that its subject happened ("occurred", "took place",
    "broke out"): a verb of one word, or of a verb and its object or particle, in the table."""
    tok = parsed.tokens[verb]
    said = {tok.lemma} | {
        f"{tok.lemma} {parsed.tokens[c].lemma}"
        for c in parsed.children(verb)
        if parsed.tokens[c].dep in ("dobj", "prt")
    }
    return bool(said & refine_table()["occurrence_verbs"])


def _first_from(timexes: Sequence[Timex], char: int) -> int:
    """Index of the first date that starts at or after ``char`` (dates in text order)."""
    return bisect_left(timexes, char, key=lambda t: t.start)


def framed(t: Timex | None) -> bool:
    """Whether a mention dated by ``t`` is the earlier event another is told after ("the day
    after police opened fire, demonstrators blocked roads": the shooting), which keeps the
    expression's own day; the clause it modifies takes the day counted from, unanchored."""
    return (
        t is not None and t.rule == COMPLEMENT and t.anchor is not None and t.text.lower().endswith("after")
    )


def _governs(parsed: Parsed, t: Timex, anchors: Sequence[int]) -> bool:
    """Whether the date can be the anchors' own. "Almost a week after nine people were killed
    in a blast, two policemen were injured": the week-earlier day is the blast's, not the
    injuries' (the date of the event after "after"/"before", not of the clause it modifies)."""
    if t.rule != COMPLEMENT:
        return True
    link = parsed.token_at(t.end - 1)  # "after" / "before", the expression's last word
    tok = parsed.tokens[link]
    scope = set(parsed.subtree(tok.head if tok.dep == "mark" else link))
    # "a week after 9 people were feared killed": the parser may hang the expression on the
    # subordinate clause itself, with "after" as a preposition of "week"
    clause = parsed.tokens[head_of(parsed, t.start, t.end)].head
    if parsed.tokens[clause].dep == "advcl":
        scope.update(parsed.subtree(clause))
    return any(a in scope for a in anchors)


BOUNDS = ("since", "until")


def _compared_over(parsed: Parsed, head: int, i: int) -> bool:
    """The period a superlative deed is measured against ("the deadliest attack in a decade",
    "the worst fighting in years"): the deed's rank, not its time."""
    return superlative(parsed, i) and head in parsed.subtree(i)


def _bound(parsed: Parsed, t: Timex) -> bool:
    head = parsed.tokens[head_of(parsed, t.start, t.end)]
    return head.dep == "pobj" and parsed.tokens[head.head].lemma in ("since", "until", "by")


def _named_for(parsed: Parsed, t: Timex) -> int | None:
    """The noun of a deed a day only says which of ("Monday's attack", "the deadly Monday
    shooting of a settler"): that deed's day, not the time the story has come to; else None."""
    tok = parsed.tokens[head_of(parsed, t.start, t.end)]
    noun = parsed.tokens[tok.head]
    if tok.dep not in ("compound", "poss", "nmod") or noun.pos != "NOUN":
        return None  # (not "On 13-January-2019, Ler Doh Htee area ...": no deed named)
    return tok.head if deed_verbs(noun.lemma) & lexicon().keys() else None


def _names_another(parsed: Parsed, t: Timex, anchors: Sequence[int]) -> bool:
    """A day that names another deed than the anchors' ("made two arrests in the Monday
    shooting": Monday is the shooting's day, not the arrests')."""
    noun = _named_for(parsed, t)
    own = {*anchors, *(parsed.tokens[a].head for a in anchors if parsed.tokens[a].dep == "compound")}
    return noun is not None and noun not in own


def _adverbial(parsed: Parsed, t: Timex) -> bool:
    """ "in 2015" sets the time of what follows; "a 2014 agreement" and "since 2009" do not."""
    at = head_of(parsed, t.start, t.end)
    head = parsed.tokens[at]
    if _bound(parsed, t):
        return False
    for a in parsed.ancestors(at):
        # "provinces that have been plagued by violence since a rebellion resurfaced seven
        # years ago": a date inside a relative or a "since" clause sets no time for what follows
        # (nor one in a participle that tells who someone is: "the third worker killed in Lima
        # this month")
        tok = parsed.tokens[a]
        if tok.dep in ("relcl", "acl") or any(
            parsed.tokens[c].lemma in BOUNDS and parsed.tokens[c].dep == "mark" for c in parsed.children(a)
        ):
            return False
        if tok.pos in ("VERB", "AUX") and tok.dep not in ("advcl", "ccomp", "conj", "xcomp"):
            break
    return head.dep in ("pobj", "npadvmod", "advmod")


def _described_by(parsed: Parsed, i: int) -> int | None:
    """The participle that describes people by the deed at i ("officials involved in the
    executions", "those responsible for the attack"), when i is its prepositional object."""
    toks = parsed.tokens
    prep = toks[i].head
    if toks[i].dep != "pobj" or toks[prep].dep != "prep":
        return None
    holder = toks[prep].head
    describes = toks[holder].dep in ("acl", "amod") and toks[holder].tag in ("VBN", "JJ")
    return holder if describes and holder != prep else None


def _vague(parsed: Parsed, t: Timex) -> bool:
    """ "for years", "in recent weeks", "over the past month": a stretch of time, not a day."""
    if t.type != "DURATION":
        return False
    first = parsed.token_at(t.start)
    before = parsed.tokens[first - 1].text.lower() if first > 0 else ""
    if before in ("after", "following"):
        return False  # "captured the headquarters after weeks of fighting": what came before it
    return (
        "X" in t.value
        or t.text.lower().split()[0] in refine_table()["vague_leads"]
        or before in refine_table()["vague_leads"]
    )


def _length_of(parsed: Parsed, t: Timex, i: int) -> bool:
    """ "a two-day clash", "a three-hour gun battle": how long one event lasted, not a
    stretch of time that many events fill."""
    head = parsed.tokens[head_of(parsed, t.start, t.end)]
    return head.dep in ("compound", "amod", "nummod", "npadvmod") and head.head == i


def _of_a_series(parsed: Parsed, e: int) -> bool:
    """The effect word describes one of a series ("the third activist killed this year"), or
    the toll of the run the deed is told as the latest of ("killed four miners on Sunday, the
    latest in a series of killings that have left more than 40 people dead this year")."""
    toks = parsed.tokens
    tok = toks[e]
    # (who is counted: the noun the effect describes, or its subject when the parser made
    # the count a clause of its own, "..., the third candidate killed this month")
    counted = [tok.head] if tok.dep == "acl" and tok.head != e else []
    counted += [c for c in parsed.children(e) if toks[c].dep in ("nsubj", "nsubjpass")]
    if any(toks[c].ent == "ORDINAL" for h in counted for c in parsed.children(h)):
        return True
    runs = refine_table()["aggregate_heads"]
    return any(
        toks[a].lemma in runs
        and any(toks[c].dep == "prep" and toks[c].lemma == "of" for c in parsed.children(a))
        for a in parsed.ancestors(e)
    )


def _pointed_back_to(parsed: Parsed, t: Timex, own_dates: Sequence[Timex], anchors: Sequence[int]) -> bool:
    """The day is that of the deed a "N days after" before it points back to ("The killings
    came two weeks after gunmen killed nine people ... on June 2": June 2 is the earlier
    killing's, however the parser hangs it), and the anchors are not in that deed's clause.
    Not a day that names its deed ("since the day after Hamas' Oct. 7 attack": the attack's)."""
    if _named_for(parsed, t) is not None:
        return False
    return any(
        c.rule == COMPLEMENT and c.start < t.start and c.date == t.date and not _governs(parsed, c, anchors)
        for c in own_dates
    )


def _run_period(parsed: Parsed, head: int) -> bool:
    """The date is the period of a run the deed is counted in ("in the third attack this
    month", "the latest raid in two weeks"), not the deed's day."""
    toks = parsed.tokens
    owner = toks[head].head
    if toks[head].dep == "pobj" and toks[owner].dep == "prep":
        owner = toks[owner].head
    elif toks[head].dep != "npadvmod":
        return False
    return counted_in_a_run(parsed, owner)


def head_of(parsed: Parsed, start: int, end: int) -> int:
    """The syntactic head of the tokens covering [start, end)."""
    first = parsed.token_at(start)
    last = first
    while last + 1 < len(parsed.tokens) and parsed.tokens[last + 1].start < end:
        last += 1
    span = range(first, last + 1)
    for j in span:
        if parsed.tokens[j].head not in span or parsed.tokens[j].head == j:
            return j
    return first


def _locative(parsed: Parsed, head: int, trigger: int) -> bool:
    """A country names where only as the object of a locative preposition ("in Iraq"); after
    "into", only where the deed itself went ("fired rockets into Israel"), not where someone
    was taken or fled afterwards ("abducted workers and took them into Somalia")."""
    tok = parsed.tokens[head]
    prep = parsed.tokens[tok.head]
    if tok.dep != "pobj" or prep.text.lower() not in refine_table()["locative_preps"]:
        return False
    if prep.text.lower() != "into" or prep.head in (trigger, parsed.tokens[trigger].head):
        return True
    # ("militants who infiltrated into Pakistan attacked a checkpoint": how the doers came where
    # they struck)
    verb = parsed.tokens[prep.head]
    doer = parsed.tokens[verb.head]
    return (
        verb.dep == "relcl"
        and doer.dep in ("nsubj", "nsubjpass")
        and doer.head in (trigger, parsed.tokens[trigger].head)
    )


def _struck_at(parsed: Parsed, head: int, trigger: int) -> bool:
    """ "air strikes on Gaza": the object of "on" after the deed's own noun is where it hit."""
    tok = parsed.tokens[head]
    prep = parsed.tokens[tok.head]
    return tok.dep == "pobj" and prep.text.lower() == "on" and prep.head == trigger


SUBCLAUSE = ("advcl", "relcl", "ccomp", "acl", "xcomp")


def _in_clause_of(parsed: Parsed, other: int, head: int, trigger: int) -> bool:
    """The place lies in a subordinate clause headed by another trigger (not the trigger's own)."""
    if other == trigger:
        return False
    clause = clause_verb(parsed, other)
    if parsed.tokens[clause].dep not in SUBCLAUSE:
        return False
    inside = parsed.subtree(clause)
    return head in inside and trigger not in inside


def _same_scene(parsed: Parsed, other: int, trigger: int) -> bool:
    """Another deed's clause tells where this one happened: a clause of when or as ("people
    were injured as rival groups clashed in Eldoret town", "shot when police opened fire at a
    market in Mumias") or one that tells what someone it names was doing ("attacked warders
    who had arrested a man in Ruiru", "fired at rioters throwing rocks in El Wak"); not one of
    after or before ("bombed positions after the group fired at the base near Kirkuk"), nor one
    of deeds done from afar; and only a clause told inside the deed's own ("... as Russia
    reported shooting down drones" is not where the drone that killed a man in Shebekino was
    shot down)."""
    toks = parsed.tokens
    clause, own = clause_verb(parsed, other), clause_verb(parsed, trigger)
    if own not in parsed.ancestors(clause):
        return False
    if toks[clause].dep in ("relcl", "acl"):
        # what someone was doing there ("rioters throwing rocks in El Wak", "warders who had
        # arrested a man in Ruiru"), not what they did on another day ("a man who had been
        # arrested in Goma last year")
        return not any(toks[j].ent in ("DATE", "TIME") for j in parsed.subtree(clause))
    marks = {toks[c].lemma.lower() for c in parsed.children(clause) if toks[c].dep in ("mark", "advmod")}
    # (deeds done from afar at once are not at one place: "jets struck targets as the group
    # fired rockets at Kiryat Shmona")
    return (
        toks[clause].dep == "advcl"
        and bool(marks & {"when", "as"})
        and not (_remote(parsed, trigger) or _remote(parsed, other))
    )


def _remote(parsed: Parsed, i: int) -> bool:
    """A deed done from afar: its word, or its doer's or object's, is a strike's, a shell's,
    a rocket's or a drone's (refine.yaml remote_words)."""
    toks = parsed.tokens
    words = refine_table()["remote_words"]
    near = [i, *(c for c in parsed.children(i) if toks[c].dep in ("nsubj", "dobj", "nsubjpass", "compound"))]
    return any(toks[j].lemma.lower() in words for j in near)


def clause_verb(parsed: Parsed, i: int) -> int:
    """The verb of the clause token ``i`` is told in (itself, if a verb; "fired rockets": the
    clause of "fired")."""
    toks = parsed.tokens
    if toks[i].pos in ("VERB", "AUX"):
        return i
    return next((a for a in parsed.ancestors(i) if toks[a].pos in ("VERB", "AUX")), i)


def _out_of_own_clause(parsed: Parsed, head: int, trigger: int) -> bool:
    """The trigger's deed is told in a clause set beside another ("..., while a roadside bomb
    killed two soldiers in the western desert") and the place lies outside that clause: the
    other deed's place, not this one's."""
    toks = parsed.tokens
    clause = clause_verb(parsed, trigger)
    # (or the report beside the news that tells the deed: "..., as the army said its drones had
    # killed dozens of fighters in the north of the country")
    reported = toks[clause].dep == "ccomp" and toks[toks[clause].head].lemma in refine_table()["speech_verbs"]
    beside = toks[clause].head if reported else clause
    marks = {toks[c].lemma for c in parsed.children(beside) if toks[c].dep == "mark"}
    if toks[beside].dep != "advcl" or not marks & (
        {"while", "whereas", "as"} if reported else {"while", "whereas"}
    ):
        return False
    own = parsed.subtree(beside)
    # (only when the clause tells a place of its own, one we could not find: "in the western
    # desert"; "killed three soldiers nearby" is near the place told before)
    told = any(
        toks[j].dep == "prep" and toks[j].lemma in ("in", "at", "near") and toks[j].head == clause
        for j in own
    )
    return told and head not in own


def _beside_a_report(parsed: Parsed, head: int, trigger: int) -> bool:
    """The deed is told in a report set beside the sentence's news, by a speech verb joined
    with "as" or "while" ("Militants killed 14 soldiers on Sunday, ..., as the military said
    its drones had killed dozens of fighters"), and the day is the news's, outside it."""
    toks = parsed.tokens
    speech = refine_table()["speech_verbs"]
    for a in parsed.ancestors(trigger):
        if toks[a].lemma in speech and toks[a].dep == "advcl":
            beside = any(
                toks[c].dep == "mark" and toks[c].lemma in ("as", "while") for c in parsed.children(a)
            )
            return beside and head not in set(parsed.subtree(a))
    return False


def _hung_on_reporter(parsed: Parsed, head: int) -> bool:
    """The parser hung the date on a reporting verb that closes the sentence after it ("...,
    on Tuesday, Xinhua reported"), where it dates what the sentence told before."""
    verb = next((a for a in parsed.ancestors(head) if parsed.tokens[a].pos in ("VERB", "AUX")), None)
    if verb is None or verb < head or parsed.tokens[verb].lemma not in refine_table()["speech_verbs"]:
        return False
    subject = next((c for c in parsed.children(verb) if parsed.tokens[c].dep == "nsubj"), None)
    return subject is not None and head < subject < verb and parsed.tokens[verb].dep in ("relcl", "parataxis")


def _since(parsed: Parsed, head: int, trigger: int) -> bool:
    """ "a province plagued by violence since a rebellion resurfaced seven years ago", "killed
    since October 7": the start of a state or a tally, not the day of the trigger's event."""
    above = {trigger, *parsed.ancestors(trigger)}
    for a in [head, *parsed.ancestors(head)]:
        if parsed.tokens[a].lemma == "since" and parsed.tokens[a].dep == "prep":
            return True  # "120 have been killed since October 7": when a tally began
        if a in above:
            return False
        if any(parsed.tokens[c].lemma == "since" for c in parsed.children(a)):
            return True
    return False


def _when_of(parsed: Parsed, t: Timex, trigger: int) -> bool:
    """The trigger's clause is the "when" clause that follows the date ("since April last
    year, when the KNLA took control"): the date is its day, whichever way the parser hangs it."""
    toks = parsed.tokens
    verb = next((a for a in [trigger, *parsed.ancestors(trigger)] if toks[a].pos in ("VERB", "AUX")), trigger)
    when = next(
        (c for c in parsed.children(verb) if toks[c].lemma == "when" and toks[c].dep == "advmod"), None
    )
    last = parsed.token_at(t.end - 1)
    return when is not None and last < when and all(toks[j].pos == "PUNCT" for j in range(last + 1, when))


def _occasion_place(parsed: Parsed, head: int, trigger: int) -> bool:
    """ "The attacks coincided with a visit by the prime minister to Narathiwat", "villagers
    took refuge in Djibo", "the killing led to a mass exodus ... into Damasak": the place of
    the visit or the flight (refine.yaml occasions), not of the attacks, however the parse
    hangs it."""
    above = {trigger, *parsed.ancestors(trigger)}
    occasions = refine_table()["occasions"]
    for a in parsed.ancestors(head):
        if a in above:
            break
        if parsed.tokens[a].lemma in occasions:
            return True
    if parsed.tokens[head].dep != "pobj":
        return False
    prep = parsed.tokens[parsed.tokens[head].head]
    if any(parsed.tokens[c].lemma in occasions for c in parsed.children(prep.head)):
        return True  # "to take refuge in Djibo": the place hung on the verb beside the noun
    if prep.lemma not in ("into", "to", "towards", "toward"):
        return False
    sent = parsed.sent_of(head)  # where a flight the sentence tells went
    return any(t.lemma in occasions for t in parsed.tokens[sent.first : sent.last + 1])


def _before_the_story(parsed: Parsed, i: int) -> bool:
    """The trigger is told in the past perfect ("the talks had stalled for months after an
    attack on a base"): it happened before the time the story tells, unless that is only
    reported speech shifting back a tense ("police said the gunmen had fled")."""
    toks = parsed.tokens
    verb = next((a for a in [i, *parsed.ancestors(i)] if toks[a].pos in ("VERB", "AUX")), None)
    if verb is None or verb > i:  # (a noun before the verb is its subject, or a misparse)
        return False
    auxes = [toks[c] for c in parsed.children(verb) if toks[c].dep in ("aux", "auxpass")]
    if not any(a.text.lower() == "had" for a in auxes):
        return False
    speech = refine_table()["speech_verbs"]
    reported = any(toks[a].lemma in speech for a in parsed.ancestors(verb))
    return not reported and toks[verb].dep not in ("ccomp", "xcomp")


def _said_when(parsed: Parsed, head: int, trigger: int) -> bool:
    """The date is the day a speaker spoke ("said on Thursday"), not one the parser hung on a
    reporting verb that follows it ("... on Tuesday, Xinhua reported")."""
    verb = next((a for a in parsed.ancestors(head) if parsed.tokens[a].pos in ("VERB", "AUX")), None)
    if verb is not None and verb < head and _said_where(parsed, head, trigger):
        return True
    if _stated_on(parsed, head, trigger):
        return True
    # "The army said on Tuesday it had killed 45": the parser may hang the day on the verb
    # reported, but it follows the speech verb word for word
    if parsed.tokens[head].dep == "poss":
        return False  # "claimed Sunday's bombing": the deed's own day
    first = min(parsed.subtree(head))
    if first > 0 and parsed.tokens[first - 1].dep == "prep":  # ("said on Tuesday")
        first -= 1
    before = parsed.tokens[first - 1] if first > 0 else None
    return (
        before is not None
        and before.lemma in refine_table()["speech_verbs"]
        and before.pos in ("VERB", "AUX")
        and before.i != trigger
    )


def _stated_on(parsed: Parsed, head: int, trigger: int) -> bool:
    """The day hangs on a statement ("In a statement on Thursday, the army said it had
    conducted a mission"): the statement's day, on or after the deed's."""
    nouns = []
    for a in parsed.ancestors(head):
        if a == trigger or parsed.tokens[a].pos in ("VERB", "AUX"):
            break
        nouns.append(parsed.tokens[a].lemma)
    return bool(set(nouns) & refine_table()["statement_nouns"])


def _reacted_when(parsed: Parsed, head: int, trigger: int) -> bool:
    """ "The group claimed the attack on Wednesday", "officials condemned the raid on Monday":
    the day hangs on a verb that only tells of or reacts to the deed its object names ("claimed
    responsibility for the attack on Wednesday" too), so it is the day of the claim, not of
    the deed ("condemned Tuesday's raid" dates the raid)."""
    toks = parsed.tokens
    tok = toks[trigger]
    verb = _claimed_by(parsed, trigger)
    if verb is None or tok.pos not in ("NOUN", "PROPN"):
        return False
    cues = refine_table()
    if toks[verb].lemma not in cues["speech_verbs"] | cues["reaction_verbs"]:
        return False
    if head in parsed.subtree(trigger):
        # "claimed the attack on Wednesday": the parser hangs the day on the deed told before
        # ("the attack"), but the sentence tells when it was claimed; so is the day of a
        # statement hung on it ("claimed the attack in a statement released on Monday")
        prep = parsed.tokens[head].head
        above = parsed.ancestors(head)
        said = any(
            toks[a].lemma in refine_table()["statement_nouns"]
            for a in above[: above.index(trigger)]
            if trigger in above
        )
        return said or (
            definite(parsed, trigger)
            and parsed.tokens[head].dep == "pobj"
            and parsed.tokens[prep].head == trigger
        )
    return next((a for a in parsed.ancestors(head) if toks[a].pos in ("VERB", "AUX")), None) == verb


def _claimed_by(parsed: Parsed, trigger: int) -> int | None:
    """The verb whose object the deed's noun is: "condemned the attack", "claimed
    responsibility for the attack"."""
    toks = parsed.tokens
    tok = toks[trigger]
    if tok.dep == "dobj":
        return tok.head
    prep = toks[tok.head]
    owner = toks[prep.head]
    if tok.dep == "pobj" and prep.lemma == "for" and owner.lemma == "responsibility" and owner.dep == "dobj":
        return owner.head
    return None


def _unsaid_by(parsed: Parsed, head: int) -> bool:
    """The report the date hangs on names no one who said it ("As reported on 5 April",
    "Reported on November 10 2019, that ..."), unlike "an official said on Thursday"."""
    verb = next((a for a in parsed.ancestors(head) if parsed.tokens[a].pos in ("VERB", "AUX")), None)
    return verb is not None and not any(
        parsed.tokens[c].dep == "nsubj" and parsed.tokens[c].lemma != "it" for c in parsed.children(verb)
    )


def _whose_place(parsed: Parsed, head: int, trigger: int) -> bool:
    """ "Officials in Kinshasa condemned the attack": a place inside the subject of a verb that
    only reacts to the (nominal) trigger, its object, says where that subject is, not the
    event ("residents of Kisii staged a protest" is theirs, there)."""
    tok = parsed.tokens[trigger]
    if tok.dep != "dobj" or tok.pos not in ("NOUN", "PROPN"):
        return False
    if parsed.tokens[tok.head].lemma not in refine_table()["reaction_verbs"]:
        return False
    for a in parsed.ancestors(head):
        if parsed.tokens[a].dep in ("nsubj", "nsubjpass"):
            return parsed.tokens[a].head == tok.head
        if a == tok.head:
            return False
    return False


def _said_where(parsed: Parsed, head: int, trigger: int) -> bool:
    """ "Speaking to media in Mogadishu, the chief confirmed the assault": Mogadishu is where he
    spoke. True when the first verb above the place is a speech verb that is not the trigger,
    or the place tells who spoke ("said the source, who is a Djibo resident")."""
    speech = refine_table()["speech_verbs"]
    # (up to the deed's own clause: "activists who had staged a sit-in outside the Quetta
    # Press Club ..., a spokesperson said" names where the sit-in was, whoever the parse
    # makes the speaker)
    own = clause_verb(parsed, trigger)
    for a in parsed.ancestors(head):
        if a in (trigger, own):
            break
        tok = parsed.tokens[a]
        if tok.dep == "nsubj" and tok.head != trigger and parsed.tokens[tok.head].lemma in speech:
            return True
    for a in parsed.ancestors(head):
        tok = parsed.tokens[a]
        if tok.pos in ("VERB", "AUX"):
            return (
                a != trigger
                and tok.lemma in speech
                and trigger not in parsed.ancestors(head)[: parsed.ancestors(head).index(a)]
            )
    return False


def _opens_the_report(parsed: Parsed, head: int) -> bool:
    """ "In neighbouring Zamfara state, the air force said its jets killed 30 bandits": a
    place that opens the sentence, hung on its speech verb (where what is said happened when
    what is said names no place of its own: not "In Washington, the Pentagon said US forces
    struck sites in Yemen")."""
    while parsed.tokens[head].dep in ("compound", "amod") and parsed.tokens[head].head != head:
        head = parsed.tokens[head].head  # ("Zamfara state")
    prep = parsed.tokens[head].head
    verb = parsed.tokens[prep].head
    return (
        parsed.tokens[head].dep == "pobj"
        and parsed.tokens[prep].lemma == "in"
        and prep == parsed.sent_of(head).first
        and parsed.tokens[verb].lemma in refine_table()["speech_verbs"]
    )


# "in Camarines Sur province, south of Manila": a town that only says which way the place
# named before it lies (with no distance, it may lie hundreds of km off)
LANDMARK = re.compile(
    r",\s*(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+(?:the\s+)?"
    # "in Kantchari, on the main road between Fada N'Gourma and the border": where the town lies
    r"|on\s+the\s+(?:\w+\s+)?(?:road|highway|route|axis)\s+(?:between|linking|from|to)\s+)$",
    re.I,
)


# "in Fallhjah city, some 50 km west of Baghdad", "in Ongata Rongai, about 20 kilometres from
# Nairobi": the town named is the place; the distance only says where it lies
LANDMARK_FAR = re.compile(
    r"(?:\s+(?:city|town|village))?,\s*(?:some\s+|about\s+|around\s+|nearly\s+)?\d+(?:\.\d+)?\s*"
    r"(?:km|kilomet(?:er|re)s?|miles?)\s+(?:\(\d+\s+miles\)\s+)?"
    r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|from)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)


def _landmark(parsed: Parsed, p: Place, places: Sequence[Place]) -> bool:
    """The place only says where another lies: "in Camarines Sur province, south of
    Manila", "in Fallhjah city, some 50 km west of Baghdad"."""
    text = parsed.article.text
    if LANDMARK.search(text, max(0, p.start - 40), p.start) is not None:
        return True
    return any(
        q.end < p.start and LANDMARK_FAR.match(text, q.end, p.start) is not None for q in places if q is not p
    )


def event_place(parsed: Parsed, i: int, topo: Toponyms, others: Sequence[int] = ()) -> Place | None:
    """The most specific place of the trigger's sentence, nearest in the parse.

    A country named as a modifier ("US bases", "Iraqi forces") says whose, not where.
    """
    sent = parsed.sent_of(i)
    own = []
    opening: list[tuple[Place, int]] = []  # "In Zamfara state, the air force said ..."
    scene: list[tuple[Place, int]] = []  # places of another deed's clause that tells this one's scene
    for p in topo.starting(sent.start, sent.end):
        if p.start < topo.dateline_end or p.start in topo.labels:
            continue
        head = head_of(parsed, p.start, p.end)
        if p.precision == 4 and not _locative(parsed, head, i) and not _struck_at(parsed, head, i):
            continue
        if _said_where(parsed, head, i):
            if _opens_the_report(parsed, head):
                opening.append((p, head))
            continue
        if _occasion_place(parsed, head, i) or _whose_place(parsed, head, i):
            continue
        if _landmark(parsed, p, topo.starting(sent.start, p.start)):
            continue
        if _holds_named(parsed, head, topo):
            continue  # "the eastern Tripoli suburb of Tajoura": Tajoura
        if _launched_from(parsed, head):
            continue  # "fired rockets from the Gaza Strip at southern Israel": where they hit
        mine = parsed.clause_distance(i, head)
        owner = next(
            (
                o
                for o in others
                if _in_clause_of(parsed, o, head, i) and parsed.clause_distance(o, head) <= mine
            ),
            None,
        )
        if owner is not None:
            if _same_scene(parsed, owner, i):
                scene.append((p, head))
            # "bombed positions after the group fired at the base near Kirkuk"; so when the
            # place is as near both ("The clash came a week after two soldiers were killed in
            # an ambush ... in Tubaran"): it lies in the other deed's clause
            continue
        if others and _out_of_own_clause(parsed, head, i):
            continue  # "a strike killed two in Sinjar, while a roadside bomb killed two in the desert"
        own.append((p, head))
    own = own or opening or scene
    if not own:
        return _same_as_before(parsed, i, topo)
    best, head = min(
        own, key=lambda ph: (ph[0].precision == 4, parsed.clause_distance(i, ph[1]), ph[0].precision)
    )
    part = _segment(parsed, i)
    if head not in part and _unknown_place_of(parsed, i, topo, part):
        return None  # "In Kadawa, 10 were killed; in Maru, eight": not Maru's, wherever Kadawa is
    # "in the Tillia area, in the Tahoua region", "near Sinli Bum in Kutkai township, Shan
    # State": the town the nearer province holds, or the one the text puts in it
    inside = [
        (p, h)
        for p, h in own
        if best.kind == "admin1"
        and p.precision < best.precision
        and (p.country_code, p.admin1) == (best.country_code, best.admin1)
        and (
            parsed.clause_distance(i, h) <= parsed.clause_distance(i, head) + 3
            or told_inside(parsed.article.text, p.end, best.start)
        )
    ]
    if not inside:
        # "in the capital Baghdad, a shopkeeper was shot ... in the district of Almarat":
        # the part of the city the sentence names
        inside = [(p, h) for p, h in own if best.kind == "city" and quarter_of(p.name, best.name)]
    if inside:
        best, head = min(inside, key=lambda ph: parsed.clause_distance(i, ph[1]))
    if best.kind == "city" and best.precision == 1 and _around(parsed, head):
        return replace(best, precision=2)  # "in a mountain village of this town"
    if best.kind == "city" and best.precision <= 2 and not is_quarter(best.name):
        village = _village_by(parsed, topo, best, sent.start, sent.end)
        if village:
            # "in Kalimbo village near Beni": a village we cannot find, coded at the town
            # the text ties it to (ACLED's geo_precision 2), under its own name; the point
            # is the town's, not a gazetteer row of the village
            return replace(best, precision=2, name=village, geonameid=None)
    return best


# "in the same city"; "the same checkpoint was hit in March": a site in the town told before
SAME_PLACE = re.compile(
    r"\bthe\s+same\s+(city|town|village|province|state|region|checkpoint|camp|market|base|spot|site"
    r"|location|area|neighbou?rhood|district|junction|road|bridge|mosque|church|school|hotel"
    r"|restaurant|station|hospital)\b",
    re.I,
)
REGION_WORDS = ("province", "state", "region")


def _around(parsed: Parsed, head: int) -> bool:
    """The town at ``head`` is named as what the place lies around ("the outskirts of Goma",
    "a village of this town"), not as the place itself ("the village of Ntombi")."""
    toks = parsed.tokens
    prep = toks[toks[head].head]
    if toks[head].dep != "pobj" or prep.lemma != "of" or prep.head == prep.i:
        return False
    noun = toks[prep.head]
    if noun.lemma.lower() not in around_nouns():
        return False
    # ("the village of Ntombi", "the Kyiv suburb of Bucha": the place itself; "a village of
    # this town", "suburbs of Kabul", "the outskirts of Goma": around the town)
    one_of = noun.lemma.lower() in ("village", "hamlet", "suburb", "suburbs")
    dets = [toks[c].lemma.lower() for c in parsed.children(noun.i) if toks[c].dep in ("det", "nummod")]
    return not one_of or not dets or dets[0] != "the"


def _launched_from(parsed: Parsed, head: int) -> bool:
    """Whether the place at ``head`` is only where the deed came from ("fired rockets from
    the Gaza Strip"), not a distance measured from it ("15 kilometers from Bocaranga")."""
    toks = parsed.tokens
    while toks[head].dep == "compound" and toks[head].head != head:
        head = toks[head].head  # ("youths from Bassa LGA": the name's last word holds it)
    prep = toks[toks[head].head]
    if toks[head].dep != "pobj" or prep.lemma != "from":
        return False
    units = refine_table()["distance_units"]
    measure = toks[prep.head]
    # (the distance may hang on "from" itself: "a village about 10 kilometres from Rajshahi city")
    by = [toks[c] for c in parsed.children(prep.i) if toks[c].dep == "npadvmod"]
    return not (
        measure.pos in ("NUM", "ADV", "ADJ") or measure.lemma in units or any(t.lemma in units for t in by)
    )


def _holds_named(parsed: Parsed, head: int, topo: Toponyms) -> bool:
    """Whether the place at ``head`` only qualifies a part of it the text names after "of"
    ("the Tripoli suburb of Tajoura", "Kabul's neighbourhood of Shakardara")."""
    toks = parsed.tokens
    tok = toks[head]
    if tok.dep not in ("compound", "poss") or toks[tok.head].lemma not in refine_table()["town_parts"]:
        return False
    named = [
        o
        for p in parsed.children(tok.head)
        if toks[p].dep == "prep" and toks[p].lemma == "of"
        for o in parsed.children(p)
        if toks[o].dep == "pobj"
    ]
    return any(p.start <= toks[o].start < p.end for o in named for p in topo.places)


def _same_as_before(parsed: Parsed, i: int, topo: Toponyms) -> Place | None:
    """ "A suicide bomber killed 14 people at a wedding in the same city": the last place of
    that kind the text named before the sentence."""
    sent = parsed.sent_of(i)
    said = SAME_PLACE.search(parsed.article.text, sent.start, sent.end)
    if said is None:
        return None
    town = said[1].lower() not in REGION_WORDS
    before = [
        p
        for p in topo.starting(topo.dateline_end, sent.start)
        if (p.kind == "city" and p.precision <= 2) == town
        and (town or p.kind == "admin1")
        and p.country_code in (topo.focus, "")  # (not "Medina hospital" in a Somali story)
    ]
    return before[-1] if before else None


def _segment(parsed: Parsed, i: int) -> range:
    """The tokens of the trigger's part of its sentence, between semicolons ("In Kadawa, 10
    were killed; in Maru, eight": the first part)."""
    toks = parsed.tokens
    sent = parsed.sent_of(i)
    start = next((j + 1 for j in range(i - 1, sent.first - 1, -1) if toks[j].text == ";"), sent.first)
    end = next((j for j in range(i + 1, sent.last + 1) if toks[j].text == ";"), sent.last + 1)
    return range(start, end)


def _unknown_place_of(parsed: Parsed, i: int, topo: Toponyms, part: range) -> bool:
    """The trigger's own part of its sentence names where it happened with a name no
    gazetteer knows ("In Kadawa, 10 people were killed"): a proper noun after a preposition
    of place, in its clause, in no toponym found."""
    toks = parsed.tokens
    sent = parsed.sent_of(i)
    found = [(p.start, p.end) for p in topo.starting(sent.start, sent.end)]
    return any(
        toks[j].pos == "PROPN"
        and toks[j].dep == "pobj"
        and toks[toks[j].head].lemma in refine_table()["locative_preps"]
        and not any(s <= toks[j].start < e for s, e in found)
        and parsed.clause_distance(i, j) < 3
        for j in part
    )


def _village_by(parsed: Parsed, topo: Toponyms, town: Place, start: int, end: int) -> str:
    """The name of a village no gazetteer knows that the text, between ``start`` and
    ``end``, ties to ``town`` in so many words ("Kalimbo village near Beni", "the village
    of Kalimbo, about 30 km north of Beni", "Kalimbo village in Beni"), else ""."""
    text = parsed.article.text
    for s, e, _ in topo.unresolved:
        if not start <= s < end or parsed.tokens[parsed.token_at(s)].tag not in ("NNP", "NNPS"):
            continue
        name = _village(text, s, e)
        if name and e < town.start and (told_near(text, e, town.start) or told_in(text, e, town.start)):
            return name
    return ""


def _village(text: str, start: int, end: int) -> str:
    """The name at [start, end) when the text calls it a village ("Kalimbo village", "the
    village of Kalimbo"), else ""."""
    words = text[start:end].split()
    if len(words) > 1 and words[-1].lower() in VILLAGE_WORDS:
        return " ".join(words[:-1])
    after = re.match(r"\s+(\w+)", text[end : end + 12])
    before = re.search(r"\b(\w+)\s+of\s+$", text[max(0, start - 20) : start])
    if (after and after[1].lower() in VILLAGE_WORDS) or (before and before[1].lower() in VILLAGE_WORDS):
        return text[start:end]
    return ""


VILLAGE_WORDS = frozenset({"village", "hamlet"})
