"""Resolution: the actor a role phrase names, as ACLED names it. A dictionary name read in
the event's country and on its day; else a generic kind of its head and modifiers filled
with the country they name or the event's; "they", "the militants", "its fighters" through
coreference; the people hit as civilians. ``Resolver`` holds what the article tells once
(``Mentions``) and the event's day (``on``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..events.lexicon import refine_table
from ..events.roles import speaker
from ..gazetteer import Gazetteer
from ..records import Actor, Parsed
from ..vocab import ARMED, FORCES, NON_STATE_ARMED, UNARMED, Inter
from . import blame
from .coref import PRONOUNS, affiliations, antecedent, last_acting, object_antecedent, pronoun
from .generic import (
    Kind,
    associates,
    civilians,
    generic_table,
    kinds,
    police_kind,
    security_police,
    state_modifiers,
    troops_of,
    word_list,
)
from .mentions import Mentions, read
from .names import Named, name_key, pick

UNARMED_VICTIMS = ("communal", "government", "settlers")  # sectors coded as civilians when attacked
PERSON_PRONOUNS = frozenset({"him", "her"})  # a victim, never the reporting subject
PARTY = "party"  # a political party: ACLED names it among the associates, never as the actor


class Resolver:
    """Resolves actor mentions of one article; remembers named groups for "the group".
    ``mentions``: what the article tells once, whatever the event (read by ``told`` when not
    given); ``day``: the event's (see ``on``)."""

    def __init__(
        self,
        parsed: Parsed,
        gaz: Gazetteer,
        focus: str,
        day: dt.date | None = None,
        mentions: Mentions | None = None,
    ) -> None:
        self.parsed = parsed
        self.gaz = gaz
        self.focus = focus
        self.day = day
        self.mentions = mentions if mentions is not None else told(parsed, gaz, focus)

    def on(self, day: dt.date | None) -> Resolver:
        """This resolver for an event on ``day``: names whose meaning or spelling changed
        over time are read as they stood then."""
        return Resolver(self.parsed, self.gaz, self.focus, day, self.mentions)

    def country_name(self, cc: str, article: bool = True) -> str:
        c = self.gaz.countries.get(cc)
        if c is None:
            return "Unknown"
        return f"the {c.name}" if article and c.article == "the" else c.name

    def resolve(
        self,
        head: int | None,
        event_cc: str,
        violent: bool,
        seen: frozenset[int] = frozenset(),
        struck: bool = False,
    ) -> Actor | None:
        """The actor for the phrase headed at token ``head``; None when there is none. ``seen``:
        the heads this phrase was reached through (a parse can point a pronoun or a "whose"
        back at itself). ``struck``: the phrase names who was hit, where a people ("killed
        three Palestinians") are its civilians, not its state's forces ("Russians fired")."""
        if head is None or head in seen:
            return None
        seen = seen | {head}
        p = self.parsed
        tok = p.tokens[head]
        if tok.text.lower() in PERSON_PRONOUNS or (tok.text.lower() == "them" and tok.dep != "nsubj"):
            ante = object_antecedent(p, head)
            if ante is not None:
                return self.resolve(ante, event_cc, violent, seen)
            kind = civilians()
            return self.from_kind(kind, "", event_cc, tok.start)
        if tok.dep == "poss" and tok.text.lower() in ("its", "their", "his", "her"):
            read, actor = self._owner(head, event_cc, violent, seen)
            if read:
                return actor
        if tok.lemma in PRONOUNS or tok.text.lower() in PRONOUNS:
            # "fired at protesters who threw stones": a relative pronoun is the noun it follows
            relative = tok.text.lower() in ("who", "which") and p.tokens[tok.head].dep == "relcl"
            ante = self.mentions.relcl_owner(head) if relative else pronoun(self, head)
            return self.resolve(ante, event_cc, violent, seen) if ante is not None else None
        if tok.dep == "poss" and tok.text.lower() == "whose":
            return None
        whose = next((c for c in p.children(head) if p.tokens[c].text.lower() == "whose"), None)
        if whose is None:
            whose = next(
                (
                    c
                    for j in p.children(head)
                    if p.tokens[j].dep in ("compound", "appos")
                    for c in [j, *p.children(j)]
                    if p.tokens[c].text.lower() == "whose"
                ),
                None,
            )
        owner = self.mentions.relcl_owner(head)
        if whose is not None and owner is not None:
            return self.resolve(owner, event_cc, violent, seen)
        part = next(
            (
                c
                for c in p.children(head)
                if p.tokens[c].dep == "prep" and p.tokens[c].lemma in ("of", "from")
            ),
            None,
        )
        whole = (
            next((c for c in p.children(part) if p.tokens[c].dep == "pobj"), None)
            if part is not None
            else None
        )
        kin = whole is not None and not struck and p.tokens[whole].lemma in word_list("kin_groups")
        # (a head its own words name, "the National Liberation Army (ELN) guerrilla group", is
        # that group, whatever the parse hangs after it: "... and dissidents of the former FARC")
        span = self.mentions.span(head)
        names = self.mentions.named_in(span, head)
        if any(self.mentions.named_spans[n][1] <= tok.start for n in names):
            whole = None
        if whole is not None and tok.lemma in word_list("follower_heads"):
            # "four fighters from Hayat Tahrir al-Sham", "members of the ADF": that group's
            # (hit, "members of a group linked to the PKK" are that group's, not the PKK's)
            found = self.resolve(whole, event_cc, violent, seen, struck=struck)
            if found is not None and found.inter in NON_STATE_ARMED:
                return replace(found, start=tok.start)
        if whole is not None and (tok.pos == "NUM" or tok.lemma in word_list("part_words") or kin):
            # "three of them", "members of an Islamist militia"; the doers "of the Wazir
            # tribe" or "from the Bahgere clan" are that tribe or clan when it is armed
            # (the volunteers "of the two rival communities" are not the communities' people)
            found = self.resolve(whole, event_cc, violent, seen, struck=struck)
            if found is not None and (not kin or found.inter in NON_STATE_ARMED):
                return found
        # (people hit, "herders allegedly linked to X", are who they are, not X)
        group = None if struck else self.mentions.group_of(head)
        if group is not None:  # "insurgents allegedly belonging to ASWJ", "fighters loyal to X"
            found = self.resolve(group, event_cc, violent, seen)
            if found is not None and found.inter in NON_STATE_ARMED:
                return found
        source = self.mentions.source(head)
        if source is not None:  # "a rocket from a Burmese fighter jet", "a shell fired by X"
            found = self.resolve(source, event_cc, violent, seen)
            if found is not None:
                return found
        keeper = next(
            (
                k
                for c in p.children(head)
                if p.tokens[c].dep == "acl" and p.tokens[c].lemma in word_list("keeper_verbs")
                for a in p.children(c)
                if p.tokens[a].dep == "agent"
                for k in p.children(a)
                if p.tokens[k].dep == "pobj"
            ),
            None,
        )
        if keeper is not None:  # "a checkpoint manned by vigilantes": theirs, whoever they are
            return self.resolve(keeper, event_cc, violent, seen, struck=struck)
        if tok.lemma in word_list("enemy_heads") and self.mentions.definite(head):
            enemy = last_acting(self, tok.start, event_cc, violent)
            if enemy is not None:  # "Russians fired 92 times ... The enemy fired 13 shells"
                return enemy
        named = self._from_named(names, event_cc, p.tokens[head].start)
        if named is not None and named.inter == Inter.STATE and tok.lemma in police_kind().heads:
            # "Taliban counter-narcotics police": the state's police, not its army
            police = self.from_kind(police_kind(), named.country_code, event_cc, tok.start)
            return police if police.name != named.name else named
        if named is not None and named.sector == "government" and tok.lemma in word_list("force_heads"):
            # "Yemeni government forces": the state's forces, not its government
            return self.state(named.country_code, event_cc, True, tok.start)
        if named is not None:
            return named
        # the tagger may miss a bare surname ("killed Tamimi" as a place): the name decides
        known = self.mentions.people.get(name_key(tok.text)) if tok.pos == "PROPN" else None
        if known is not None:  # "the strike killed Muhandis": the group he commanded
            return replace(known, start=tok.start)
        possessor = next(
            (p.tokens[c].text.lower() for c in p.children(head) if p.tokens[c].dep == "poss"), ""
        )
        followers = possessor in ("his", "her", "its", "their") and (
            tok.lemma in word_list("follower_heads") or tok.lemma in word_list("force_heads")
        )
        if followers:
            # "a Fano commander told Reuters that his fighters overran a camp", "the Israeli
            # military said its aircraft had struck a cell": the speaker's side ("its" of a
            # group named is its antecedent, below; of a state's forces, the speaker)
            said_by = speaker(p, head)
            leader = self.resolve(said_by, event_cc, violent, seen) if said_by is not None else None
            state = leader is not None and leader.inter in FORCES and leader.sector != "government"
            group = leader is not None and leader.inter in NON_STATE_ARMED  # ("the RSF said its drones")
            if leader is not None and known_side(leader) and (possessor in ("his", "her") or state or group):
                return replace(leader, start=tok.start)
            if leader is not None and leader.inter in FORCES and leader.country_code:
                # "Turkey's defence ministry said its forces had killed 13 PKK militants in
                # Iraq": a government's forces, not those of the country they fought in
                return self.state(leader.country_code, event_cc, violent, tok.start)
        cc, lemmas = self.mentions.modifiers(span, head, event_cc)
        weapon = {tok.lemma.lower(), tok.lemma.lower().removesuffix("s")} & word_list("ownerless_heads")
        if weapon and not cc and not possessor and not lemmas & state_modifiers():
            return None  # "Drones set fire to a warehouse": whose, the text does not say
        # "government air strikes", "regime shelling killed ..." (a parse may make "Regime" the
        # subject), "the regime's bombardment": the state's forces
        if (
            violent
            and tok.dep in ("compound", "nsubj", "poss")
            and tok.lemma.lower() in refine_table()["state_words"]
        ):
            return self.state(cc or event_cc, event_cc, True, tok.start)  # "government air strikes"
        country = self.gaz.country(tok.text) if tok.ent in ("GPE", "NORP") else None
        if country and struck and tok.ent == "NORP" and tok.tag in ("NNPS", "NNS"):
            return self.from_kind(civilians(), country[0], event_cc, tok.start)
        if country and struck and tok.ent == "GPE" and tok.dep == "pobj" and p.tokens[tok.head].lemma == "on":
            return None  # "air strikes on Gaza": where they hit, not whom (the victims say)
        if country:  # "the US suspended", "Russia shelled": the state acts
            return self.state(country[0], event_cc, violent, tok.start)
        if struck:
            # "shot four people protesting military rule", "opened fire on protests": the crowd
            acts = {tok.lemma} | {p.tokens[c].lemma for c in p.children(head) if p.tokens[c].dep == "acl"}
            doers = next((k for k in kinds() if k.doing & acts), None)
            if doers is not None:
                return self.from_kind(doers, cc, event_cc, tok.start)
        heads = {tok.lemma, tok.lemma[:-1] if tok.lemma.endswith("s") else tok.lemma}
        if tok.lemma in word_list(
            "part_words"
        ):  # "gang members", "militia elements": the compound names them
            heads |= {p.tokens[c].lemma for c in p.children(head) if p.tokens[c].dep == "compound"}
        if tok.lemma in word_list("site_words"):
            # "rebel positions", "militant hideouts": the word before says whose the site is
            heads |= {p.tokens[c].lemma for c in p.children(head) if p.tokens[c].dep in ("compound", "amod")}
        for kind in kinds():
            if kind.group:
                people = self.mentions.people_in(span, head)
                if (heads & kind.heads and (people or kind.modifiers & lemmas)) or heads & kind.alone:
                    template = f"{people} {kind.name.split(' ', 1)[1]}" if people else kind.unnamed
                    return self.from_kind(replace(kind, name=template), cc, event_cc, tok.start, "communal")
                continue
            if kind.unless & lemmas:
                continue  # "a refugee camp" is no army camp
            if heads & kind.heads or (kind.modifiers & lemmas and tok.lemma not in ("civilian",)):
                if kind.antecedent and not self.mentions.definite(head):
                    # "two gunmen", "unknown assailants": not a group named before
                    kind = replace(kind, antecedent=False)
                plain = tok.lemma in ("force", "personnel") and "security" in lemmas
                plain = plain and not lemmas & (kind.modifiers - {"security"})
                if kind.state and plain and (cc or event_cc or self.focus) in security_police():
                    kind = police_kind()  # India's
                return self.from_kind(kind, cc, event_cc, tok.start)
        if tok.ent == "PERSON" or tok.pos == "PROPN":
            # "Acting Prime Minister Adel Abdul Mahdi": a person acts for what the title names.
            for kind in kinds():
                if kind.state and lemmas & kind.heads:
                    return self.from_kind(kind, cc, event_cc, tok.start)
        return None

    def _owner(
        self, pron: int, event_cc: str, violent: bool, seen: frozenset[int]
    ) -> tuple[bool, Actor | None]:
        """(read, whose): whose the thing a possessive pronoun owns is; unread when the
        pronoun is to be read as any other. "The army said its drones had struck": forces or
        followers, read as the speaker's side; "the RSF had launched its attack": the subject
        of the verb the deed hangs on; "Al Shabaab said its attack killed 20": the speaker."""
        p = self.parsed
        tok, owned = p.tokens[pron], p.tokens[p.tokens[pron].head]
        if owned.lemma in word_list("force_heads") or owned.lemma in word_list("follower_heads"):
            return True, self.resolve(owned.i, event_cc, violent, seen)
        if tok.text.lower() not in ("its", "their"):
            return False, None
        verb = owned.head if owned.dep in ("dobj", "pobj", "nsubjpass") and owned.head != owned.i else None
        doer = (
            next((c for c in p.children(verb) if p.tokens[c].dep == "nsubj"), None)
            if verb is not None
            else None
        )
        if doer is not None and p.tokens[doer].lemma not in PRONOUNS:
            return True, self.resolve(doer, event_cc, violent, seen)
        said_by = speaker(p, owned.i)
        return True, self.resolve(said_by, event_cc, violent, seen) if said_by is not None else None

    def associates(
        self, heads: list[int], event_cc: str, actor: Actor | None, joint: bool = True
    ) -> tuple[str, ...]:
        """ACLED's associated actors of the phrases headed at ``heads`` (and the nouns joined
        to them) for ``actor``: an armed actor acting with it ("X and Y attacked"), and for
        crowds, protesters and civilians who they are ("students", "Rohingya women", "ODM
        supporters"). With ``joint`` false the joined armed actors are the other side of a
        fight, not associates."""
        if actor is None:
            return ()
        p = self.parsed
        place = self.country_name(event_cc or self.focus, False)
        ethnic = str(generic_table().get("ethnic_group", ""))
        out: list[str] = []
        for h in [j for i in heads for j in (i, *self.mentions.conjuncts(i))]:
            if actor.inter not in UNARMED:
                other = self.resolve(h, event_cc, True) if joint and h not in heads else None
                if other is not None and other.name != actor.name and other.inter not in UNARMED:
                    out.append(other.name)
                continue
            span = self.mentions.span(h)
            lemmas = {p.tokens[j].lemma.lower() for j in span if j != h}
            head = p.tokens[h].lemma.lower()
            matched = [a for a in associates() if head in a.heads or lemmas & a.modifiers]
            out.extend(a.name.replace("{place}", place) for a in matched)
            taken = {m for a in matched for m in a.modifiers}
            for j in span:  # a people the tagger names ("Fulani herders"), not a place or faith
                t = p.tokens[j]
                if (
                    t.ent == "NORP"
                    and t.lemma.lower() not in taken | word_list("not_groups")
                    and not self.gaz.country(t.text)
                ):
                    out.append(ethnic.replace("{group}", t.text).replace("{place}", place))
            lo, hi = p.tokens[span[0]].start, p.tokens[span[-1]].end
            for n in self.mentions.starting(lo, hi):
                named = self.picked(n, event_cc) if self.mentions.named_spans[n][1] <= hi else None
                if named is not None and named.sector == PARTY:
                    out.append(named.name_on(self.day))
        return tuple(dict.fromkeys(a for a in out if a != actor.name))

    def victim(self, actor: Actor | None, event_cc: str) -> Actor | None:
        """An actor on the receiving end: "youths" or "the Auliyan community" who are attacked are
        civilians, not rioters or a militia; so are officials, MPs and candidates (ACLED codes
        violence against unarmed state officials as violence against civilians), and a group's
        official or politician ("a senior RENAMO official was murdered")."""
        if actor is None:
            return None
        toks = self.parsed.tokens
        at = self.parsed.token_at(actor.start) if actor.start >= 0 else -1
        person = at >= 0 and bool({toks[at].lemma, toks[toks[at].head].lemma} & word_list("civilian_heads"))
        if actor.inter != Inter.RIOTERS and actor.sector not in UNARMED_VICTIMS and not person:
            return actor
        # (raiders and gunmen hit are armed, whatever community they are of: "police who pursued
        # the raiders engaged them in a gun battle")
        armed = refine_table()["doer_nouns"] | refine_table()["armed_people"]
        told_armed = at >= 0 and (
            toks[at].lemma in armed
            or any(toks[c].lemma == "armed" for c in self.parsed.children(at))  # "armed cattle rustlers"
        )
        if told_armed and actor.inter in ARMED:
            return actor
        kind = civilians()
        return self.from_kind(kind, actor.country_code, event_cc, actor.start)

    def police(self, cc: str) -> Actor:
        """The police of country ``cc``: who arrests people when the text does not say."""
        return self.from_kind(police_kind(), cc, cc, -1)

    def state(self, cc: str, event_cc: str, violent: bool, at: int) -> Actor:
        kind = next(
            k
            for k in kinds()
            if k.state and ("military" in k.modifiers if violent else "government" in k.heads)
        )
        return self.from_kind(kind, cc, event_cc, at)

    def armed_named(self, start: int, end: int, event_cc: str) -> list[Actor]:
        """The armed actors the dictionary names between two character offsets, in text
        order, each once: the sides of a fight the parse did not connect to its verb."""
        out: list[Actor] = []
        for n in self.mentions.starting(start, end):
            actor = self._from_named([n], event_cc, self.mentions.named_spans[n][0])
            if actor is not None and actor.inter in ARMED and actor.name not in {a.name for a in out}:
                out.append(actor)
        return out

    def picked(self, n: int, event_cc: str) -> Named | None:
        return pick(self.mentions.named_spans[n][2], event_cc or self.focus, self.day)

    def _from_named(self, spans: list[int], event_cc: str, at: int) -> Actor | None:
        """The actor named by one span, or by two joined by "or": ACLED's "A and/or B"."""
        found = [
            named for n in spans if (named := self.picked(n, event_cc)) is not None and named.sector != PARTY
        ]
        if not found:
            return None
        actors = [self.actor(named, event_cc, at) for named in found]
        if len(actors) == 2 and all(a.inter in NON_STATE_ARMED for a in actors):
            # "ISWAP or Boko Haram": Boko Haram alone already stands for either faction
            parts = [part for a in actors for part in a.name.split(" and/or ")]
            return replace(actors[0], name=" and/or ".join(dict.fromkeys(parts)))
        return actors[-1]

    def actor(self, named: Named, event_cc: str, at: int) -> Actor:
        name = named.name_on(self.day).replace(
            "{country}", self.country_name(event_cc or named.country or self.focus, False)
        )
        inter = named.inter
        if inter == 1 and named.country and event_cc and named.country != event_cc:
            inter = 8
        return Actor(name, inter, named.country or event_cc, named.sector, at)

    def from_kind(self, kind: Kind, cc: str, event_cc: str, at: int, sector: str = "") -> Actor:
        if kind.antecedent:
            ante = antecedent(self, at, event_cc)
            if ante is not None:
                start, end, named = ante
                actor = self.actor(named, event_cc, at)
                # ("Suspected al Shabaab militants abducted three workers ... The gunmen stormed a
                # quarry": only suspected there, so here too)
                told = replace(actor, start=start, end=end)
                return told if blame.suspected(self.parsed, told) else actor
        place_cc = event_cc or self.focus
        own = cc or place_cc
        if kind.state and not cc and kind.name.startswith("Military Forces of {country}"):
            own = troops_of().get(place_cc, own)  # "troops made two arrests" in the West Bank
        name = kind.name.replace("{country}", self.country_name(own)).replace(
            "{place}", self.country_name(cc or place_cc, False)
        )
        inter = kind.inter
        if kind.state and own and place_cc and own != place_cc:
            inter = 8
        return Actor(name, inter, own, sector or kind.sector, at)

    def blamed(self, sentence: int, cc: str, victim: Actor | None, deed: int | None = None) -> Actor | None:
        """Who a deed with no subject is put on (``blame.blamed``)."""
        return blame.blamed(self, sentence, cc, victim, deed)

    def doer(self, sentence: int, cc: str, victim: Actor | None, deed: int | None = None) -> Actor | None:
        """Who did a deed with no subject, from the rest of its sentence (``blame.doer``)."""
        return blame.doer(self, sentence, cc, victim, deed)

    def claimants(self, cc: str) -> list[tuple[int, Actor]]:
        """Groups that claim a deed their sentence does not name (``blame.claimants``)."""
        return blame.claimants(self, cc)

    def arrester(self, sentence: int, cc: str) -> Actor | None:
        """Who made an arrest told without its doer (``blame.arrester``)."""
        return blame.arrester(self, sentence, cc)

    def suspected(self, actor: Actor) -> bool:
        """Whether the phrase naming ``actor`` only suspects it (``blame.suspected``)."""
        return blame.suspected(self.parsed, actor)


def known_side(actor: Actor) -> bool:
    """An armed side the text names, not an unidentified one."""
    return actor.inter in ARMED and not actor.name.startswith("Unidentified")


def told(parsed: Parsed, gaz: Gazetteer, focus: str) -> Mentions:
    """What the article tells once: its names and dateline, and what each person it names
    acts for, read by a resolver that knows no person yet (a person's group comes from
    names, titles and "whose", never from another person's)."""
    found = read(parsed, gaz)
    return replace(found, people=affiliations(Resolver(parsed, gaz, focus, None, found)))
