"""Who did what to whom: agent and target of a trigger, victims, speakers, determiners."""

from __future__ import annotations

from .. import places
from ..records import Parsed, Token
from .fatalities import counts
from .lexicon import lexicon, refine_table


def speaker(parsed: Parsed, i: int) -> int | None:
    """Subject of the speech verb that reports the trigger's clause ("the group said it ...")."""
    speech = refine_table()["speech_verbs"]
    toks = parsed.tokens
    for a in parsed.ancestors(i):
        if toks[a].lemma in speech:
            said = next((c for c in parsed.children(a) if toks[c].dep == "nsubj"), None)
            if said is None and toks[a].tag == "VBG" and toks[a].dep == "advcl":
                # "Al-Shabaab claimed the attack, saying its fighters had killed 30": the
                # participle's speaker is its clause's subject
                said = next((c for c in parsed.children(toks[a].head) if toks[c].dep == "nsubj"), None)
            return said
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


def superlative(parsed: Parsed, i: int) -> bool:
    """The deed's noun is ranked by a superlative ("the deadliest attack", "some of the worst
    attacks"): measured against others, over a period that is no time of its own."""
    toks = parsed.tokens
    return toks[i].pos == "NOUN" and any(
        toks[c].tag == "JJS" and toks[c].dep == "amod" for c in parsed.children(i)
    )


def definite(parsed: Parsed, i: int) -> bool:
    """ "the drone strike": a trigger that refers back to an event told before; also a deed
    that hit people told before ("killed the militants", "the attackers were shot")."""
    tok = parsed.tokens[i]
    if tok.dep == "compound":
        tok = parsed.tokens[tok.head]
    if tok.pos == "VERB":
        # "nine rebels were killed (and dozens wounded) in the battle": the verb tells more
        # of the event named
        verbs = [tok.i, *(c for c in parsed.children(tok.i) if parsed.tokens[c].dep == "conj")]
        if tok.dep == "conj":
            verbs.append(tok.head)
        in_the_event = any(
            parsed.tokens[p].lemma in ("in", "during")
            and any(
                parsed.tokens[o].dep == "pobj"
                and any(r.pos == "NOUN" for r in lexicon().get(parsed.tokens[o].lemma, ()))
                and _the(parsed, o)
                for o in parsed.children(p)
            )
            for v in verbs
            for p in parsed.children(v)
        )
        return (
            in_the_event
            or any(_the_people(parsed, o) for o in parsed.children(tok.i))
            or any(_the_doers(parsed, o) for v in verbs for o in parsed.children(v))
        )
    if tok.pos not in ("NOUN", "PROPN"):
        return False
    # "killed the militants in a shootout": the deed that hit people told before
    verb = parsed.tokens[parsed.through_preps(tok.i, 2)[-1]]
    told = (
        verb.i != tok.i
        and verb.pos == "VERB"
        and any(_the_people(parsed, o) for o in parsed.children(verb.i))
    )
    return _the(parsed, tok.i) or told


def _the_people(parsed: Parsed, i: int) -> bool:
    """ "killed the militants", "the attackers were shot dead": the people hit are people told
    of before, and so is the deed that hit them (a noun with "the", no count of its own and
    a noun an earlier sentence used: "killed the two brothers", "stopped a bus and killed the
    passengers" tell them for the first time)."""
    toks = parsed.tokens
    tok = toks[i]
    first = parsed.sent_of(i).first
    return (
        tok.dep in ("dobj", "nsubjpass")
        and tok.tag in ("NNS", "NN")  # ("the councillor ... was attacked")
        and any(toks[c].lemma in ("the", "these", "those") for c in parsed.children(i))
        and not any(toks[c].dep == "nummod" for c in parsed.children(i))
        and any(t.lemma == tok.lemma for t in toks[:first])
    )


def _the_doers(parsed: Parsed, i: int) -> bool:
    """ "The attackers arrived on motorcycles ... and opened fire": a deed done by doers told
    of before (a noun with "the" and no count of its own, named by a deed, or armed people an
    earlier sentence named: not "the military", which does many deeds) tells more of their
    deed, unless the verb says it came again."""
    toks = parsed.tokens
    tok = toks[i]
    first = parsed.sent_of(i).first
    verb = tok.head
    return (
        tok.dep == "nsubj"
        and tok.tag in ("NNS", "NN")
        and any(toks[c].lemma == "the" for c in parsed.children(i))
        and not any(toks[c].dep in ("nummod", "amod", "compound") for c in parsed.children(i))
        and (
            tok.lemma in refine_table()["doer_nouns"]
            or (
                tok.lemma in refine_table()["armed_people"]
                and any(t.lemma == tok.lemma for t in toks[:first])
            )
        )
        and toks[verb].lemma not in refine_table()["again_words"]  # "the gunmen returned"
        and not any(toks[c].lemma in refine_table()["again_words"] for c in parsed.children(verb))
    )


def _under(parsed: Parsed, i: int) -> tuple[int | None, int | None] | None:
    """ "Security personnel came under fire from Maoist cadres": the one the "from" (or "by")
    phrase names did the deed to the subject; None when the trigger is told otherwise."""
    toks = parsed.tokens
    tok = toks[i]
    prep = toks[tok.head]
    if tok.dep != "pobj" or prep.lemma != "under" or toks[prep.head].lemma not in ("come", "be"):
        return None
    verb = prep.head
    froms = [c for h in (i, verb) for c in parsed.children(h) if toks[c].lemma in ("from", "by")]
    agent = next((o for f in froms if (o := _pobj(parsed, f)) is not None), None)
    return agent, next((c for c in parsed.children(verb) if toks[c].dep in ("nsubj", "nsubjpass")), None)


def _armed(tok: Token) -> bool:
    """A subject that sets off what it strikes: armed people, or a group named ("Naxalites")."""
    return tok.lemma in refine_table()["armed_people"] or (tok.ent in ("ORG", "NORP") and tok.tag == "NNPS")


def _counted_after(parsed: Parsed, i: int) -> int | None:
    """ "..., killing at least seven people, the Observatory said": the counted people right
    after a killing verb the parser gave no object (it made them the speaker's subject)."""
    toks = parsed.tokens
    for j in range(i + 1, min(i + 6, len(toks))):
        if toks[j].pos in ("VERB", "AUX", "PUNCT") or toks[j].sent != toks[i].sent:
            return None
        if (
            toks[j].lemma in counts()["persons"]
            and toks[j].dep not in ("pobj",)
            and any(toks[c].dep == "nummod" for c in parsed.children(j))
        ):
            return j
    return None


def _the(parsed: Parsed, i: int) -> bool:
    """ "the raid", "this attack", "Saturday's raid" (a day's deed, told before)."""
    return any(
        parsed.tokens[c].lemma in ("the", "this", "that")
        or (parsed.tokens[c].dep == "poss" and parsed.tokens[c].ent == "DATE")
        for c in parsed.children(i)
    )


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
            target = prep_object(parsed, i, ("on", "against", "at"))
        if target is None and passive and tok.dep == "conj":  # "raided villages but were repulsed"
            target = next(
                (c for c in parsed.children(tok.head) if parsed.tokens[c].dep in ("nsubj", "nsubjpass")), None
            )
        if target is None and passive and tok.dep == "xcomp":  # "troops are expected to be deployed"
            target = next((c for c in parsed.children(tok.head) if parsed.tokens[c].dep == "nsubjpass"), None)
        if agent is None and tok.dep in ("conj", "xcomp", "advcl") and tok.head != i and not passive:
            agent = roles(parsed, tok.head)[0]
        if (
            tok.lemma in refine_table()["repel_verbs"]
            and not passive
            and target is not None
            and parsed.tokens[target].lemma in lexicon()
        ):
            # "government forces repelled a Houthi attack on their positions": the attack's
            # side made the fight (ACLED's actor 1), the side that repelled it is its target
            # (an attack by no one named was still someone's: "repelled an attack on their post";
            # the parser may hang its "by" on the verb: "repelled an assault on Dilling ... by the RSF")
            hung = next((c for c in kids if parsed.tokens[c].dep == "agent"), None)
            if hung is not None:
                target = next((c for c in kids if parsed.tokens[c].dep == "nsubj"), None)
            else:
                attacker = roles(parsed, target)[0]
                if attacker != agent:
                    agent, target = attacker, agent
        if (
            agent is None
            and tok.dep in ("advmod", "aux")
            and parsed.tokens[tok.head].lemma in counts()["killing"]
        ):
            # "Regime shelling killed a woman", parsed with "Regime" the subject of "killed" and
            # "shelling" hung on it: that subject did the shelling
            agent = next((c for c in parsed.children(tok.head) if parsed.tokens[c].dep == "nsubj"), None)
        prep = parsed.tokens[tok.head]
        if (
            agent is None
            and tok.dep == "pcomp"
            and prep.lemma in ("after", "before", "by", "while", "upon")
            and prep.head != prep.i
            and parsed.tokens[prep.head].pos == "VERB"
            and not passive
        ):
            agent = roles(parsed, prep.head)[0]  # "security forces ended the siege after killing ..."
        if agent is None and passive:
            # "were shot and injured by the soldiers": the by-phrase of either verb serves both
            related = [c for c in kids if parsed.tokens[c].dep == "conj"]
            if tok.dep == "conj":
                related.append(tok.head)
            for other in related:
                by = next((c for c in parsed.children(other) if parsed.tokens[c].dep == "agent"), None)
                if by is not None:
                    agent = _pobj(parsed, by)
                    break
        if agent is None and tok.dep == "relcl" and not passive:
            agent = tok.head
        if agent is None and tok.dep == "acl" and (tok.tag == "VBD" or target is not None) and not passive:
            agent = tok.head  # "presumed ISGS militants abducted a chief", parsed as a reduced clause
        if agent is None and tok.tag == "VBG" and not passive:
            agent = prep_object(parsed, i, ("by",))  # "shelling by the faction of the SPLM-N ..."
        return agent, target
    for c in _modifier_chain(parsed, i):
        t = parsed.tokens[c]
        if t.ent in NOT_ACTORS:
            continue
        named = t.ent in ("GPE", "NORP", "ORG") or (t.text[:1].isupper() and t.pos in ("ADJ", "PROPN"))
        # ("government air strikes", "a junta airstrike"; not "an anti-junta drone attack")
        against = (
            c >= 2
            and parsed.tokens[c - 1].text == "-"
            and parsed.tokens[c - 2].text.lower() in refine_table()["counter_prefixes"]
        )
        state = t.dep in ("compound", "amod") and t.lemma in refine_table()["state_words"] and not against
        if t.dep == "poss" or (t.dep in ("compound", "amod", "nmod") and named) or state:
            agent = c
    under = _under(parsed, i)
    if under is not None:  # "a convoy came under attack from militants"
        agent, target = under

    if agent is None and tok.dep == "pobj":  # "rioters got into clashes with the police"
        prep = parsed.tokens[tok.head]
        governor = parsed.tokens[prep.head]
        if governor.dep == "dobj" and parsed.tokens[governor.head].lemma in counts()["killing"]:
            governor = parsed.tokens[
                governor.head
            ]  # ("killed 45 terrorists in air strikes", hung on the dead)
        # (also when the attack has a target of its own: "Israeli forces killed three
        # Palestinians in a raid on the camp" is their raid; the killers are a side of it)
        # (or lost men in it: "soldiers killed 12 militants and lost two of their own in fighting")
        lost = governor.lemma in refine_table()["loss_words"]
        killed = (governor.lemma in counts()["killing"] or lost) and prep.lemma in ("in", "during")
        # ("fighters killed four civilians and abducted two women in a raid": the raid is the
        # killers', told on the deed joined to the killing)
        joined = (
            governor.dep == "conj"
            and parsed.tokens[governor.head].lemma in counts()["killing"]
            and prep.lemma in ("in", "during")
            and not any(parsed.tokens[c].dep == "nsubj" for c in parsed.children(governor.i))
        )
        if joined:
            agent = next((c for c in parsed.children(governor.head) if parsed.tokens[c].dep == "nsubj"), None)
        elif governor.lemma in refine_table()["light_verbs"] or killed:
            # "the ELN has killed four soldiers in an attack": who killed made the attack
            agent = next((c for c in parsed.children(governor.i) if parsed.tokens[c].dep == "nsubj"), None)
            if agent is None and lost and governor.dep == "conj":  # the subject both verbs share
                agent = next(
                    (c for c in parsed.children(governor.head) if parsed.tokens[c].dep == "nsubj"), None
                )
    if tok.dep == "dobj" and head_lemma(parsed, i) in refine_table()["victim_verbs"] and target is None:
        # "an army vehicle struck an IED": the subject is what was hit; but armed people or a
        # named group set it off ("Naxalites triggered an IED")
        subject = next((c for c in parsed.children(tok.head) if parsed.tokens[c].dep == "nsubj"), None)
        if subject is not None and agent is None and _armed(parsed.tokens[subject]):
            agent = subject
        else:
            target = subject
    elif agent is None and tok.dep == "dobj" and head_lemma(parsed, i) in refine_table()["agentive_verbs"]:
        # "the group fired rockets at the base" (but not "Tunisia suffered attacks"); "forces
        # entered the town to make an arrest": the subject of the verb it is the purpose of
        agent = _subject(parsed, tok.head)
    if tok.dep == "dobj" and head_lemma(parsed, i) in refine_table()["blame_verbs"]:
        # "the statement blamed the attacks on Kataib Hezbollah": who they are put on did them
        ons = _on_objects(parsed, [i, tok.head])
        ons += _on_objects(parsed, ons)  # (the parser may hang one on the other: "posts on Al Shabaab")
        if ons:  # "blamed the attacks on police posts on Al Shabaab": the last is who did them
            ons.sort()
            return ons[-1], (ons[0] if len(ons) > 1 else None)
    by = prep_object(parsed, i, ("by",))
    if by is None and tok.dep == "nsubjpass" and _doing(parsed.tokens[tok.head].lemma):
        # "the IED blast was carried out by the Maoists", "the attack was claimed by X"
        agents = [c for c in parsed.children(tok.head) if parsed.tokens[c].dep == "agent"]
        by = _pobj(parsed, agents[0]) if agents else None
    if by is None:
        # "drones launched by the RSF", "rockets fired by militants": whose they were
        made = [
            c
            for c in kids
            if parsed.tokens[c].dep == "acl"
            and parsed.tokens[c].tag == "VBN"
            and parsed.tokens[c].lemma in refine_table()["made_by_verbs"]
        ]
        agents = [a for c in made for a in parsed.children(c) if parsed.tokens[a].dep == "agent"]
        by = _named_after(parsed, _pobj(parsed, agents[0])) if agents else None
        if by is not None and parsed.tokens[by].ent not in ("ORG", "NORP", "GPE"):
            by = None  # (only a named side: "perpetrated by individuals" names no one)
    agent = by if by is not None else agent
    if agent is None or parsed.tokens[agent].dep == "compound":
        # (who claimed "the Kolofata attack" did it, not the town the attack is named for)
        agent = _responsible(parsed, i) or agent
    if target is None:
        target = prep_object(parsed, i, ("on", "against", "at", "targeting"))
    head = parsed.tokens[tok.head]
    if target is None and tok.dep == "pobj" and head.text.lower() == "under":
        verb = head.head
        target = next(
            (c for c in parsed.children(verb) if parsed.tokens[c].dep in ("nsubj", "nsubjpass")), None
        )
    if target is None and tok.dep == "dobj" and head_lemma(parsed, i) in refine_table()["agentive_verbs"]:
        # "launched 14 airstrikes overnight on Houthi positions": the parser hangs the target
        # on the verb the attack is the object of
        target = prep_object(parsed, tok.head, ("on", "at", "against", "targeting"))
    if tok.dep == "nsubj" and target is None:
        target = prep_object(parsed, tok.head, ("on", "at", "against")) or next(
            (c for c in parsed.children(tok.head) if parsed.tokens[c].dep == "dobj"), None
        )
    for c in kids:
        if parsed.tokens[c].dep == "acl" and parsed.tokens[c].lemma in refine_table()["blame_verbs"]:
            # "an attack also blamed on the OLA": who it is put on did it, not whom it hit
            agent = agent if agent is not None else prep_object(parsed, c, ("on",))
        elif target is None and parsed.tokens[c].dep == "acl":
            target = prep_object(parsed, c, ("at", "on", "against"))
    if target is None and tok.dep == "conj":
        target = roles(parsed, tok.head)[1] if parsed.tokens[tok.head].pos == "NOUN" else None
    return agent, target


def _on_objects(parsed: Parsed, heads: list[int]) -> list[int]:
    """The objects of "on" after the ``heads``, not days ("... on Saturday")."""
    return [
        o
        for h in heads
        for c in parsed.children(h)
        if parsed.tokens[c].dep == "prep"
        and parsed.tokens[c].text.lower() == "on"
        and (o := _pobj(parsed, c)) is not None
        and parsed.tokens[o].ent not in ("DATE", "TIME")
    ]


def other_deeds(parsed: Parsed, noun: int) -> bool:
    """A deed noun that names deeds other than any told ("who fled earlier fighting", "has
    carried out similar attacks"), not "the earlier attack", which points back to one."""
    toks = parsed.tokens
    if toks[noun].pos not in ("NOUN", "PROPN"):
        return False
    kids = [toks[c] for c in parsed.children(noun)]
    others = refine_table()["other_deeds"]
    # ("earlier" has the lemma "early": the word as written)
    told = any(k.dep == "amod" and (k.lemma in others or k.text.lower() in others) for k in kids)
    return told and not any(k.dep == "det" and k.lemma == "the" for k in kids)


def counted_in_a_run(parsed: Parsed, noun: int) -> bool:
    """A deed noun told as one of a run ("the third attack", "the latest raid")."""
    toks = parsed.tokens
    return toks[noun].pos == "NOUN" and any(
        toks[c].dep == "amod" and (toks[c].ent == "ORDINAL" or toks[c].lemma.lower() == "latest")
        for c in parsed.children(noun)
    )


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
        if tok.lemma in refine_table()["responsibility"]:
            holder = tok.head if tok.dep == "acomp" else cur
            return next((c for c in parsed.children(holder) if parsed.tokens[c].dep == "nsubj"), None)
        if tok.dep not in ("conj", "pobj", "prep", "dobj", "appos") or tok.head == cur:
            return None
        cur = tok.head
    return None


def _doing(lemma: str) -> bool:
    table = refine_table()
    return lemma in table["responsibility"] or lemma in table["agentive_verbs"]


def _subject(parsed: Parsed, verb: int) -> int | None:
    """The active subject of a verb, or of the verb an infinitive or a coordinated verb
    without its own subject goes with."""
    for _ in range(3):
        found = next((c for c in parsed.children(verb) if parsed.tokens[c].dep == "nsubj"), None)
        tok = parsed.tokens[verb]
        if found is not None or tok.dep not in ("xcomp", "conj") or tok.head == verb:
            return found
        verb = tok.head
    return None


def _named_after(parsed: Parsed, j: int | None) -> int | None:
    """The head of the name right after ``j`` when the parser took an adjective before it for
    the object ("by the paramilitary Rapid Support Forces": Forces), else ``j``."""
    toks = parsed.tokens
    if j is None or toks[j].tag != "JJ" or j + 1 >= len(toks):
        return j
    name = next((e for e in parsed.ents if e.first == j + 1 and e.label in ("ORG", "NORP")), None)
    return name.last if name is not None else j


def _pobj(parsed: Parsed, prep: int) -> int | None:
    return next((c for c in parsed.children(prep) if parsed.tokens[c].dep == "pobj"), None)


def prep_object(parsed: Parsed, i: int, preps: tuple[str, ...]) -> int | None:
    """The object of the first of ``preps`` on token i ("attacked ... on Monday" is not one)."""
    for c in parsed.children(i):
        if parsed.tokens[c].dep == "prep" and parsed.tokens[c].text.lower() in preps:
            obj = _pobj(parsed, c)
            if obj is not None and parsed.tokens[obj].ent in NOT_ACTORS:
                continue
            return obj
    return None


def victim_phrase(parsed: Parsed, e: int, own: bool = True) -> int | None:
    """Head token of who was killed/wounded by the effect trigger at e; ``own``: e is the
    mention's own trigger, not an effect told beside another deed (a protest "over the
    killing of a teacher" is not the killing)."""
    tok = parsed.tokens[e]
    kids = parsed.children(e)
    for dep in ("dobj", "nsubjpass"):
        for c in kids:
            if parsed.tokens[c].dep == dep:
                return c
    if tok.pos == "VERB":
        # "neutralised 11 terrorists gathered near Nampala", parsed as a clause of its own
        # ("terrorists gathered"): the counted subject right after the verb is its object
        for c in kids:
            clause = parsed.tokens[c]
            if clause.dep != "ccomp" or clause.tag not in ("VBD", "VBN"):
                continue
            subject = next((s for s in parsed.children(c) if parsed.tokens[s].dep == "nsubj"), None)
            if subject is not None and _counted(parsed, subject) and e < subject < c and subject - e <= 3:
                return subject
    if (
        tok.dep == "ROOT"
        and tok.tag in ("VBD", "VBN")
        and not any(parsed.tokens[c].dep in ("aux", "agent", "ccomp", "xcomp") for c in kids)
    ):
        # headline style, a passive without its auxiliary: "Two Kenyan police killed in the
        # attack", "Three teachers killed, one injured", "3 killed."
        subject = next((c for c in kids if parsed.tokens[c].dep == "nsubj"), None)
        if (
            subject is not None
            and parsed.tokens[subject].pos in ("NUM", "NOUN")
            and _counted(parsed, subject)
        ):
            return subject
    if (
        tok.dep == "conj"
        and tok.tag == "VBN"
        and not any(parsed.tokens[c].dep in ("aux", "dobj") for c in kids)
    ):
        # "four soldiers were martyred and nine terrorists killed": the passive's auxiliary
        # left out of the second, whose counted subject is who was killed
        first = parsed.tokens[tok.head]
        subject = next((c for c in kids if parsed.tokens[c].dep == "nsubj"), None)
        passive = any(parsed.tokens[c].dep == "auxpass" for c in parsed.children(first.i))
        if passive and subject is not None and _counted(parsed, subject):
            return subject
    if tok.dep == "xcomp":  # "three women were reported killed"
        raised = next((c for c in parsed.children(tok.head) if parsed.tokens[c].dep == "nsubjpass"), None)
        if raised is not None:
            return raised
    if tok.lemma in ("death", "fatality") and any(
        parsed.tokens[c].dep == "nummod" or (parsed.tokens[c].dep == "amod" and parsed.tokens[c].pos == "ADJ")
        for c in kids
    ):
        return e  # "one death was reported", "leading to several fatalities"
    if tok.lemma in ("body", "corpse"):
        return e  # "the bodies of six victims were found": the phrase counts the dead
    if own and tok.pos == "NOUN" and tok.lemma in counts()["fatal"]:
        # "the killing of four activists", "the deaths of three children": the "of" phrase
        victims = prep_object(parsed, e, ("of",))
        if victims is not None:
            return victims
    if tok.lemma == "death" and tok.dep == "pobj":  # "was stabbed to death"
        verb = parsed.tokens[tok.head].head
        return next((c for c in parsed.children(verb) if parsed.tokens[c].dep in ("nsubjpass", "dobj")), None)
    if tok.lemma in refine_table()["death_words"] | refine_table()["loss_words"] or tok.pos == "ADJ":
        for c in kids:
            if parsed.tokens[c].dep == "nsubj":
                return c
        for c in kids:  # "left at least 21 person dead", the noun parsed as a measure of "dead"
            if parsed.tokens[c].dep == "npadvmod" and parsed.tokens[c].pos == "NOUN" and _counted(parsed, c):
                return c
        if tok.dep in ("oprd", "ccomp", "xcomp", "acomp", "amod", "advmod"):
            head = tok.head
            if tok.dep == "amod":
                # "leaving three soldiers and seven militants dead": the whole list
                while parsed.tokens[head].dep == "conj" and parsed.tokens[head].head != head:
                    head = parsed.tokens[head].head
                return head
            # "shot dead a businessman": the object; the subject only when there is none
            # ("twelve were left dead"), as it is otherwise the killer.
            around = parsed.children(head)
            # (who "left" people dead is the cause: "two attacks have left 21 dead")
            caused = parsed.tokens[head].lemma == "leave"
            for dep in ("dobj", "nsubjpass") if caused else ("dobj", "nsubjpass", "nsubj"):
                for c in around:
                    if parsed.tokens[c].dep == dep and c != e:
                        return c
    if tok.dep == "conj" and tok.pos == "VERB":  # "a farmer is attacked and killed": the shared subject
        return next((c for c in parsed.children(tok.head) if parsed.tokens[c].dep == "nsubjpass"), None)
    if tok.dep == "acl" and tok.tag == "VBN" and parsed.tokens[tok.head].pos in ("NUM", "NOUN", "PRON"):
        return tok.head  # "One killed in the attack", "two people killed on Monday"
    # ("... killed at least 14 people, including six children, a local group said": the parser
    # made the dead the speakers)
    objectless = not any(parsed.tokens[c].dep in ("dobj", "nsubjpass", "aux", "auxpass") for c in kids)
    if (
        tok.pos == "VERB"
        and tok.lemma in counts()["killing"]
        and tok.tag in ("VBG", "VBD", "VBN")
        and objectless
    ):
        return _counted_after(parsed, e)
    return None


def sides(parsed: Parsed, i: int, agent: int | None, target: int | None) -> tuple[int | None, int | None]:
    """The two sides of a fight: "X and Y clashed", "X clashed with Y", "fighting between X
    and Y", "X engaged in a gun battle with Y"."""
    placed = agent is not None and _place(parsed, agent)
    tok = parsed.tokens[i]
    if tok.dep == "compound":
        i = tok.head
    between = prep_object(parsed, i, ("between",))
    if between is None and parsed.tokens[i].dep in ("nsubj", "nsubjpass"):
        # "fighting broke out between X and Y", "clashes were reported between X and Y"
        between = prep_object(parsed, parsed.tokens[i].head, ("between",))
    if between is not None and (
        _place(parsed, between) or parsed.tokens[i].tag in ("VBD", "VBN", "VBZ", "VBP")
    ):
        between = None  # "clashed between Pankhar and Sailane villages": where, not who
    if target is not None and not placed and between is None:
        if agent is None:  # "five Naxalites were killed in an encounter with security forces"
            agent = _with(parsed, i)
        return agent, target
    if between is not None:  # "fighting between X and Y killed 11 fighters": X and Y, not the dead
        agent, target = None, None
    if agent is None and between is not None:
        agent = between
    if agent is not None:
        # the conjoined phrases, without a place the parser took for one of them ("near X
        # village (Y Township, Z State), Myanmar military and AA clashed")
        chain = [agent]
        for j in chain:  # grows as it goes: every conjunct of a conjunct
            chain.extend(c for c in parsed.children(j) if parsed.tokens[c].dep == "conj")
        chain.sort()
        named = [j for j in chain if not _place(parsed, j)] or chain
        other = _with(parsed, i)
        if len(named) > 1 and other is None:
            return named[0], named[1]
        # ("the TNLA, KIA and MNDAA battled with the army": the groups are one side, the
        # first named its actor; the army the other)
        if other is not None:
            return named[0], other
        agent = named[0]
    if agent is None and tok.tag in ("VBD", "VBZ", "VBP", "VBN"):
        # "protesters angry about water shortages clashed with police", the verb parsed as
        # the shortages': the crowd just before is the side that clashed, the police the
        # other, never the doers themselves
        return _crowd_before(parsed, i), _with(parsed, i)
    if agent is None:  # "killed in an encounter with security forces": the side named
        return _with(parsed, i), None
    return agent, _with(parsed, i)


CROWD_REACH = 10  # tokens: "villagers protesting the destruction of their poppy fields clashed"


def _crowd_before(parsed: Parsed, i: int) -> int | None:
    """The crowd a verb with no subject of its own follows in its clause, or None."""
    table = refine_table()
    crowd = table["crowd_people"] | table["demonstration_words"]
    first = max(parsed.sent_of(i).first, i - CROWD_REACH)
    toks = parsed.tokens
    return next(
        (
            j
            for j in range(i - 1, first - 1, -1)
            if toks[j].pos == "NOUN"
            and toks[j].text.lower() in crowd
            # (not who told it: "Residents said fighting broke out")
            and not (toks[j].dep == "nsubj" and toks[toks[j].head].lemma in table["speech_verbs"])
        ),
        None,
    )


def _with(parsed: Parsed, i: int) -> int | None:
    """The side a fight was with: "clashed with Y", "exchanged fire with Y", "engaged in a
    gun battle with Y"."""
    with_ = prep_object(parsed, i, ("with", "against"))
    for obj in parsed.children(i):  # "exchanged fire with Y"
        if with_ is None and parsed.tokens[obj].dep == "dobj":
            with_ = prep_object(parsed, obj, ("with", "against"))
    if with_ is None and parsed.tokens[i].dep == "pobj":  # "engaged in a gun battle with Y"
        verb = parsed.tokens[parsed.tokens[i].head].head
        with_ = prep_object(parsed, verb, ("with", "against"))
    return with_


def _place(parsed: Parsed, i: int) -> bool:
    """A phrase naming a place ("Kutkai Township", "Chin state") that the parser took for a
    side of a fight."""
    tok = parsed.tokens[i]
    named = tok.pos == "PROPN" or any(
        parsed.tokens[c].dep == "compound" and parsed.tokens[c].pos == "PROPN" for c in parsed.children(i)
    )  # "Chin state", "Paletwa township"
    return tok.ent in ("GPE", "LOC", "FAC") or (named and places.unit_word(tok.lemma))


def _counted(parsed: Parsed, i: int) -> bool:
    """A phrase that counts people ("Two Kenyan police", "3", "Three teachers"), as a
    headline's victims are told; an armed group with no number is the killer."""
    tok = parsed.tokens[i]
    return tok.pos == "NUM" or any(parsed.tokens[c].dep == "nummod" for c in parsed.children(i))
