"""Coreference: what a pronoun, "the group" or "the enemy" stands for earlier in the
article, and what each person named acts for ("Muhandis" is Kataib Hezbollah). Each reads
the resolver it is given (``r``), which resolves the phrase found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..events.lexicon import lexicon
from ..records import Actor, Parsed
from ..vocab import ARMED, CROWDS, NON_STATE_ARMED
from .generic import doer_heads, word_list
from .mentions import PARENT, backs
from .names import Named, name_key

if TYPE_CHECKING:
    from .resolve import Resolver

PRONOUNS = frozenset({"they", "it", "he", "she", "we", "them", "who", "which"})


def affiliations(r: Resolver) -> dict[str, Actor]:
    """What each person the article names acts for, by surname, as its
    fullest mention says ("Kataib Hezbollah, whose commander Abu Mahdi al-Muhandis",
    "Qassem Soleimani, commander of the Quds Force"): a later "Muhandis" is that group."""
    out: dict[str, Actor] = {}
    shared: set[str] = set()
    for ent in r.parsed.ents:
        if ent.label != "PERSON":
            continue
        head = ent.last
        while r.parsed.tokens[head].dep == "compound" and r.parsed.tokens[head].head != head:
            head = r.parsed.tokens[head].head
        actor = r.resolve(head, "", True)
        if actor is None and r.parsed.tokens[head].dep == "appos":
            # "whose commander, Abu Hassan al-Tamimi": the title says whose he is
            actor = r.resolve(r.parsed.tokens[head].head, "", True)
        if actor is None or actor.inter not in ARMED:
            continue
        surname = name_key(r.parsed.tokens[ent.last].text)
        if len(surname) > 3 and out.get(surname, actor).name == actor.name:
            out[surname] = actor
        elif len(surname) > 3:
            shared.add(surname)  # two people of one name: neither is known by it
    return {k: v for k, v in out.items() if k not in shared}


def antecedent(r: Resolver, at: int, event_cc: str) -> tuple[int, int, Named] | None:
    """The last named armed group told as doing something before ``at`` ("suspected Boko
    Haram insurgents attacked ...", not its "sister organisation, ISWAP" named since),
    else the last named before it, unless unnamed doers were told before ("Gunmen killed
    five men ..., as a war between factions of the Sinaloa cartel entered its seventh
    month. The attackers arrived ...": the gunmen). A group named only after it is no
    antecedent: "The bomber detonated her vest ... Boko Haram has carried out similar
    bombings" does not say Boko Haram sent her. With the span that names it."""
    text = r.parsed.article.text
    armed = [
        (s, e, named)
        for n, (s, e, _) in enumerate(r.mentions.named_spans)
        if (named := r.picked(n, event_cc)) is not None
        and named.inter in NON_STATE_ARMED
        and not backs(r.mentions.named_spans[n], text)  # ("al Qaeda's affiliate": another group)
        and not PARENT.search(text, max(0, s - 60), s)  # (nor "the armed wing of the NUG")
    ]
    before = [(s, e, named) for s, e, named in armed if s < at]
    acting = [(s, e, named) for s, e, named in before if acts(r.parsed, s, e)]
    if acting:
        return acting[-1]
    if not before:
        return None
    s, e, _ = before[-1]
    return before[-1] if not _unnamed_doers(r, at) or _tied(r, s, e) else None


def _tied(r: Resolver, start: int, end: int) -> bool:
    """Whether the text ties doers told before to the group named here ("Police said the gunmen
    were members of ISWAP", "the attackers belonged to al Shabaab")."""
    p = r.parsed
    first, last = p.token_at(start), p.token_at(end - 1)
    up = [a for j in range(first, last + 1) for a in p.ancestors(j)[:3]]
    ties = word_list("follower_heads") | word_list("member_words")
    if not any(p.tokens[a].lemma in ties for a in up):
        return False
    sent = p.sent_of(first)
    return any(
        p.tokens[j].dep == "nsubj" and p.tokens[j].lemma.lower() in doer_heads()
        for j in range(sent.first, sent.last + 1)
    )


def _unnamed_doers(r: Resolver, at: int) -> bool:
    """Whether people the text does not name were told before ``at`` as doing a deed the
    trigger table knows ("Gunmen killed five men")."""
    p = r.parsed
    # (people: "rockets hit the base" names no doers)
    heads = doer_heads() - word_list("instruments")
    return any(
        t.dep == "nsubj"
        and t.lemma.lower() in heads
        and p.tokens[t.head].lemma in lexicon()
        # (new people, not "the group" told before: "Gunmen killed", "unidentified assailants")
        and not any(p.tokens[c].dep == "det" and p.tokens[c].lemma == "the" for c in p.children(t.i))
        for t in p.tokens[: p.token_at(at)]
    )


def last_acting(r: Resolver, at: int, event_cc: str, violent: bool) -> Actor | None:
    """The armed side last told as doing a deed before ``at``: a named group, or a state
    by its name or people ("Russians fired", "Israel struck")."""
    p = r.parsed
    found: list[tuple[int, Actor]] = []
    for n, (s, e, _) in enumerate(r.mentions.named_spans):
        named = r.picked(n, event_cc)
        if s < at and named is not None and named.inter in NON_STATE_ARMED and acts(r.parsed, s, e):
            found.append((s, r.actor(named, event_cc, at)))
    for t in p.tokens[: p.token_at(at)]:
        # ("Russian troops" may be tagged as one organisation)
        country = r.gaz.country(t.text) if t.ent in ("GPE", "NORP", "ORG") else None
        if country and acts(r.parsed, t.start, t.end):
            found.append((t.start, r.state(country[0], event_cc, violent, at)))
    return max(found, key=lambda f: f[0])[1] if found else None


def acts(parsed: Parsed, start: int, end: int) -> bool:
    """Whether the name at these offsets is (or modifies) the doer of a deed the trigger
    table knows ("Boko Haram insurgents attacked", "attacked by al-Shabaab")."""
    p = parsed
    first, last = p.token_at(start), p.token_at(end - 1)
    root = next((i for i in range(first, last + 1) if not first <= p.tokens[i].head <= last), last)
    tok = p.tokens[root]
    while tok.head != tok.i and (
        tok.dep == "compound" or (tok.dep == "amod" and p.tokens[tok.head].lemma in word_list("force_heads"))
    ):
        tok = p.tokens[tok.head]  # ("Russian troops fired"; not "pro-Russian separatists")
    if tok.dep == "nsubj":
        verb = tok.head
    elif tok.dep == "pobj" and p.tokens[tok.head].dep == "agent":
        verb = p.tokens[tok.head].head
    else:
        return False
    return p.tokens[verb].lemma in lexicon()


def object_antecedent(parsed: Parsed, i: int) -> int | None:
    """ "pursued the attackers and killed three of them": the last plural noun before the
    pronoun that is not the subject of its clause."""
    p = parsed
    if p.tokens[i].text.lower() != "them":
        return None
    sent = p.sent_of(i)
    for j in range(i - 1, sent.first - 1, -1):
        t = p.tokens[j]
        if t.tag in ("NNS", "NNPS") and t.dep not in ("nsubj", "nsubjpass"):
            return j
    return None


def pronoun(r: Resolver, i: int) -> int | None:
    """A subject pronoun stands for the subject of the verb that reports its clause; a
    "they" with none in its sentence, for the doers of the sentence before."""
    p = r.parsed
    cur = p.tokens[i].head
    # ("They abducted 15 people, Bala said": a person who speaks is not "they")
    many = p.tokens[i].text.lower() == "they"
    for _ in range(6):
        for c in p.children(cur):
            t = p.tokens[c]
            if t.dep == "nsubj" and c != i and t.lemma not in PRONOUNS and not (many and t.ent == "PERSON"):
                return c
        if p.tokens[cur].head == cur:
            break
        cur = p.tokens[cur].head
    return doers_before(r, i) if p.tokens[i].text.lower() == "they" else None


def doers_before(r: Resolver, i: int) -> int | None:
    """ "The insurgents killed seven people in Kaya. On Wednesday they killed 14 more":
    the one subject of a deed verb in the sentence just before, a group's name or a
    plural noun. Where that sentence has no such subject, or two ("gunmen attacked the
    post and soldiers fought back"), the pronoun stays unresolved: blaming the wrong
    side is worse than naming none."""
    p = r.parsed
    k = p.tokens[i].sent
    if k == 0:
        return None
    before = p.sents[k - 1]
    doers = [
        j
        for j in range(before.first, before.last + 1)
        if p.tokens[j].dep == "nsubj"
        and p.tokens[j].tag in ("NNS", "NNPS", "NNP")
        and p.tokens[p.tokens[j].head].pos == "VERB"
        and p.tokens[p.tokens[j].head].lemma in lexicon()
    ]
    if len(doers) != 1:
        return None
    # only a non-state group, and only where no other armed side is told there ("Soldiers
    # killed seven fighters. They attacked a base": which side attacked, "they" does not
    # say; "Police arrested five protesters. They burned tyres": the protesters did)
    doer = r.resolve(doers[0], r.focus, True)
    if doer is None or doer.inter not in NON_STATE_ARMED:
        return None
    for j in range(before.first, before.last + 1):
        if j != doers[0] and p.tokens[j].tag in ("NNS", "NNPS") and p.tokens[j].dep != "compound":
            other = r.resolve(j, r.focus, True)
            if other is not None and other.name != doer.name and other.inter in ARMED | CROWDS:
                return None
    return doers[0]
