"""Blame: who did a deed its clause tells without a doer, from the rest of its sentence and
the sentences after it: the armed actor they blame or name as a side ("fighting between X
and Y"), a mob or forces using force, a crowd punishing people it accuses, the forces that
made an arrest. Each reads the resolver it is given (``r``).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from ..events.lexicon import lexicon, refine_table
from ..events.roles import other_deeds
from ..records import Actor, Parsed
from ..vocab import ARMED, FORCES, NON_STATE_ARMED, Inter
from .generic import generic_name, vigilante, word_list

if TYPE_CHECKING:
    from .resolve import Resolver


def blamed(
    r: Resolver, sentence: int, cc: str, victim: Actor | None, deed: int | None = None
) -> Actor | None:
    """Who a deed with no subject is put on ("an artillery shell fell into the village ...
    villagers accused the Myanmar military", "police were accused of beating"): the one
    armed actor its sentence or the next two of its paragraph blame, or the one its own
    sentence names doing nothing else ("fighting between the KIA and the army"), but not a
    side of another deed of it (``deed``, the trigger: "Fighting between the factions and the
    SDF killed 22, while a drone strike killed three"); None when none or several are. A group
    named in another sentence is not blamed."""
    parsed = r.parsed
    sents = parsed.sents
    para = sents[sentence].paragraph
    last = sentence
    while last + 1 < len(sents) and last < sentence + 2 and sents[last + 1].paragraph == para:
        last += 1
    blame = refine_table()["blame_verbs"]
    toks = parsed.tokens
    # (and the next paragraph's first sentence when it blames someone "for the strike": the
    # deed told last)
    after = last + 1
    if after < len(sents) and sents[after].paragraph == para + 1 and _blames_for_the_deed(parsed, after):
        last = after
    blamed = [
        r.resolve(t.i, cc, True)
        for t in toks[sents[sentence].first : sents[last].last + 1]
        if (t.dep in ("dobj", "nsubjpass") and toks[t.head].lemma in blame)
        # ("attributed the attack to the ELN", "blamed the bombing on the group")
        or (
            t.dep == "pobj"
            and toks[t.head].lemma in ("to", "on")
            and toks[t.head].dep == "prep"
            and toks[toks[t.head].head].lemma in blame
        )
    ]
    own = parsed.sents[sentence]
    mentioned = [  # named in the deed's own sentence as a side of it ("between X and Y")
        a
        for a in r.armed_named(own.start, own.end, cc)
        if _side(parsed, parsed.token_at(a.start))
        and not _side_of_another_deed(parsed, parsed.token_at(a.start), deed)
    ]
    # and the other side of "between", named or not ("fighting between federal forces and
    # Fano militiamen": two sides, so not Fano's deed)
    mentioned += [
        other
        for a in list(mentioned)
        for j in _other_sides(parsed, parsed.token_at(a.start))
        if (other := r.resolve(j, cc, True)) is not None
    ]
    named = {
        a.name: a
        for a in [*mentioned, *blamed]
        if a is not None and a.inter in ARMED and (victim is None or a.name != victim.name)
    }
    return next(iter(named.values())) if len(named) == 1 else None


def claimants(r: Resolver, cc: str) -> list[tuple[int, Actor]]:
    """The non-state armed groups that claim a deed their sentence does not name ("ISWAP
    later claimed responsibility", "the group claimed it"): (sentence, group), in order."""
    parsed = r.parsed
    toks = parsed.tokens
    out = []
    for t in toks:
        if t.lemma != "claim" or t.pos != "VERB":
            continue
        kids = [toks[c] for c in parsed.children(t.i)]
        told = [k for k in kids if k.dep == "dobj"]
        if not told or any(k.lemma.lower() not in ("responsibility", "it") for k in told):
            continue
        # ("responsibility for the attack" names the deed: its own mention has the claim)
        if any(toks[c].dep == "prep" for k in told for c in parsed.children(k.i)):
            continue
        subject = next((k.i for k in kids if k.dep == "nsubj"), None)
        denied = any(k.dep == "neg" for k in kids) or (
            subject is not None and any(toks[c].lemma == "no" for c in parsed.children(subject))
        )
        found = r.resolve(subject, cc, True) if subject is not None and not denied else None
        if found is not None and found.inter in NON_STATE_ARMED:
            out.append((t.sent, found))
    return out


def doer(r: Resolver, sentence: int, cc: str, victim: Actor | None, deed: int | None = None) -> Actor | None:
    """Who did a deed with no subject, from the rest of its sentence: a mob it names as a
    subject ("a teacher was beaten when a mob tried to stop ..."), forces or a group using
    force ("a boy was wounded when police used live ammunition"), or a crowd punishing people
    it accuses ("three suspected thieves were burnt to death": mob justice, ACLED's rioters).
    Not whoever acted over the deed (``deed``, the trigger): "police arrested two men over
    Monday's attack" tells who answered the attack, not who made it."""
    parsed = r.parsed
    sent = parsed.sents[sentence]
    table = refine_table()
    answering = _answering(parsed, deed) if deed is not None else None
    for t in parsed.tokens[sent.first : sent.last + 1]:
        speech = parsed.tokens[t.head].lemma in table["speech_verbs"]
        if t.dep != "nsubj" or t.head == answering or speech:
            continue
        found = r.resolve(t.i, cc, True)
        if found is None or (victim is not None and found.name == victim.name):
            continue
        if found.inter == Inter.RIOTERS or (found.inter in ARMED and _forceful(parsed, t.head)):
            return found
    _name, words = vigilante()
    said = {t.text.lower() for t in parsed.tokens[sent.first : sent.last + 1]}
    if said & words:
        place = r.country_name(cc, False) if cc else "Unknown"
        return Actor(generic_name(Inter.RIOTERS, place), Inter.RIOTERS, cc)
    return None


def _side_of_another_deed(parsed: Parsed, side: int, deed: int | None) -> bool:
    """A side "between" which another deed was fought ("Fighting between the factions and
    the SDF killed 22 fighters, while a drone strike killed three"): not the drone strike's
    side."""
    if deed is None:
        return False
    toks = parsed.tokens
    return any(
        toks[a].lemma == "between" and toks[a].head != deed and deed not in parsed.ancestors(toks[a].head)
        for a in parsed.ancestors(side)
    )


def arrester(r: Resolver, sentence: int, cc: str) -> Actor | None:
    """Who made an arrest told without its doer: the state's forces its sentence names
    doing something else ("two men were arrested as troops pressed a manhunt"); not a
    speaker ("the army said")."""
    parsed = r.parsed
    sent = parsed.sents[sentence]
    speech = refine_table()["speech_verbs"]
    for t in parsed.tokens[sent.first : sent.last + 1]:
        if t.dep != "nsubj" or parsed.tokens[t.head].lemma in speech:
            continue
        found = r.resolve(t.i, cc, True)
        if found is not None and found.inter in FORCES and found.sector != "government":
            return found
    return None


def _forceful(parsed: Parsed, verb: int) -> bool:
    """A verb of force ("fired", "used live ammunition"), or one that does what its object
    names when that is a deed of violence ("carried out an attack"; not "were carrying out
    area domination duty")."""
    table = refine_table()
    lemma = parsed.tokens[verb].lemma
    if lemma in table["intervention_verbs"]:
        return True
    if lemma not in table["agentive_verbs"]:
        return False
    deeds = _deeds()
    toks = parsed.tokens
    # (not other deeds: "has carried out similar attacks in the region")
    return any(
        toks[c].dep == "dobj" and toks[c].lemma in deeds and not other_deeds(parsed, c)
        for c in parsed.children(verb)
    )


def _other_sides(parsed: Parsed, i: int) -> list[int]:
    """The heads of the phrases joined to the one holding token ``i`` under "between"."""
    toks = parsed.tokens
    while toks[i].dep in ("compound", "amod", "poss", "nmod") and toks[i].head != i:
        i = toks[i].head
    first = i
    while toks[first].dep == "conj" and toks[first].head != first:
        first = toks[first].head
    if toks[first].dep != "pobj" or toks[toks[first].head].lemma != "between":
        return []
    chain = [first]
    for j in chain:
        chain.extend(c for c in parsed.children(j) if toks[c].dep == "conj")
    return [j for j in chain if j != i]


def _side(parsed: Parsed, i: int) -> bool:
    """Whether the phrase holding token ``i`` names a side of a deed without a verb of its
    own: "fighting between X and Y", "clashes with X", "an attack by X", a name standing
    alone in a note; not the subject or object of another verb, nor a place phrase
    ("fell near coalition facilities", "training of Iraqi forces", "5,000 US troops")."""
    toks = parsed.tokens
    if toks[i].dep == "poss" and toks[toks[i].head].lemma not in _deeds():
        return False  # ("Nyala, the RSF's main stronghold": whose the place is, not a side)
    while toks[i].dep in ("compound", "amod", "poss", "nmod", "conj", "appos") and toks[i].head != i:
        i = toks[i].head
    tok = toks[i]
    if tok.dep == "pobj":
        return toks[tok.head].text.lower() in word_list("side_prepositions")
    return tok.dep in ("ROOT", "dep")


def _answering(parsed: Parsed, deed: int) -> int | None:
    """The verb whose reason or occasion phrase holds the deed ("arrested two men over /
    for / after / in connection with the attack"), if any."""
    *phrase, verb = parsed.through_preps(deed)
    toks = parsed.tokens
    preps, nouns = word_list("reason_preps"), word_list("reason_nouns")
    reason = any(toks[j].text.lower() in preps or toks[j].lemma in nouns for j in phrase)
    return verb if reason and phrase and toks[verb].pos in ("VERB", "AUX") else None


@cache
def _blames_for_the_deed(parsed: Parsed, sentence: int) -> bool:
    """The sentence blames someone for a deed it names as told before ("The RSF blamed the army
    for the strike")."""
    toks = parsed.tokens
    sent = parsed.sents[sentence]
    blame, deeds = refine_table()["blame_verbs"], _deeds()
    return any(
        toks[o].lemma in deeds and any(toks[d].lemma == "the" for d in parsed.children(o))
        for t in toks[sent.first : sent.last + 1]
        if t.lemma in blame
        for p in parsed.children(t.i)
        if toks[p].dep == "prep" and toks[p].lemma == "for"
        for o in parsed.children(p)
        if toks[o].dep == "pobj"
    )


def _deeds() -> frozenset[str]:
    """Lemmas that name a deed of violence or a weapon ("carried out an attack", "used live
    ammunition")."""
    return frozenset(lexicon()) | word_list("instruments")


def suspected(parsed: Parsed, actor: Actor) -> bool:
    """Whether the phrase that names ``actor`` only suspects it ("suspected Boko Haram
    fighters", "the alleged ADF rebels", "by suspected ISWAP"): a hedge word (generic.yaml's
    ``hedge_words``) before the head of the phrase, or just before the name."""
    if actor.start < 0:
        return False
    toks = parsed.tokens
    words = word_list("hedge_words")
    i = parsed.token_at(actor.start)
    head = i
    while toks[head].dep in ("compound", "amod", "nmod") and toks[head].head > head:
        head = toks[head].head  # ("Boko Haram" inside "suspected Boko Haram fighters")
    if any(toks[k].text.lower() in words for k in parsed.subtree(head) if k < head):
        return True
    j = i - 1
    while j >= 0 and toks[j].sent == toks[i].sent and toks[j].pos in ("DET", "NUM"):
        j -= 1  # ("two suspected", "the alleged")
    return j >= 0 and toks[j].sent == toks[i].sent and toks[j].text.lower() in words
