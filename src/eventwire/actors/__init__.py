"""Stage 6, actors: role phrases → canonical ACLED-style actors with inter codes.

Reads: ``Parsed`` and token indices of role heads (from the events stage), the event's
country. Writes: ``Actor``. Named actors come from ``data/actors/actors.yaml``; generic
mentions ("Iraqi forces", "gunmen", "villagers") from ``data/actors/generic.yaml`` filled
with the country they name or the country of the event; "the militants" and "they" resolve
to what they stand for earlier in the article.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from .. import gazetteer, tables
from ..errors import TableError
from ..events.lexicon import lexicon, refine_table
from ..gazetteer import Gazetteer
from ..nlp import dateline_end
from ..records import Actor, Parsed
from ..vocab import ARMED, CROWDS, FORCES, NON_STATE_ARMED, UNARMED, Inter

UNARMED_VICTIMS = ("communal", "government")  # sectors coded as civilians when attacked
PRONOUNS = frozenset({"they", "it", "he", "she", "we", "them", "who", "which"})
PERSON_PRONOUNS = frozenset({"him", "her"})  # a victim, never the reporting subject
PARTY = "party"  # a political party: ACLED names it among the associates, never as the actor
INTERS = range(1, 9)


@dataclass(frozen=True)
class Named:
    name: str
    inter: int
    country: str
    sector: str
    parent: str
    since: dt.date | None = None  # the entry holds from this day (a name that changed meaning)
    until: dt.date | None = None
    local: bool = False  # found through an alias that names it only in some countries
    local_in: tuple[str, ...] = ()  # those countries (its own when none are listed)
    former: tuple[tuple[dt.date, str], ...] = ()  # (last day, name) of earlier names

    def holds(self, cc: str, day: dt.date | None) -> bool:
        """Whether this entry is what its alias means in country ``cc`` on ``day``."""
        if self.local and cc not in (self.local_in or (self.country,)):
            return False
        if day is None:
            return True
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def name_on(self, day: dt.date | None) -> str:
        """The name the actor went by on ``day`` (ACLED renames groups: ISGS → IS Sahel)."""
        for last, name in sorted(self.former):
            if day is not None and day <= last:
                return name
        return self.name

    @property
    def rank(self) -> tuple[bool, bool]:
        """A local alias beats a global one, a dated entry an undated one, where both hold."""
        return (self.local, self.since is not None or self.until is not None)


def pick(candidates: tuple[Named, ...], cc: str, day: dt.date | None) -> Named | None:
    """What an alias names in country ``cc`` on ``day``: None when it names nothing there."""
    held = [n for n in candidates if n.holds(cc, day)]
    return max(held, key=lambda n: n.rank) if held else None


@dataclass(frozen=True)
class Kind:
    name: str
    inter: int
    state: bool
    antecedent: bool
    heads: frozenset[str]
    modifiers: frozenset[str]
    group: bool = False
    unnamed: str = ""
    alone: frozenset[str] = frozenset()
    sector: str = ""
    unless: frozenset[str] = frozenset()  # modifiers that say the head is not this kind's
    doing: frozenset[str] = frozenset()  # what people hit were doing ("people protesting")


DICTIONARY = "actors/actors.yaml"
GENERIC = "actors/generic.yaml"
APOSTROPHES = "'’‘`ʼʻ"
ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:['`][A-Za-z0-9]+)*")


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of an actor name, in any script
    (accents are dropped from Latin letters only: other scripts' marks are letters' parts)."""
    if name.isascii() and name.isalnum():
        return name.lower()  # most words: the long way gives the same
    kept, base = [], ""
    for c in unicodedata.normalize("NFKD", name):
        if not unicodedata.combining(c):
            base = c
        elif base and ord(base) < 0x250:
            continue
        kept.append(c)
    text = unicodedata.normalize("NFC", "".join(c for c in kept if c not in APOSTROPHES).lower())
    # letters, digits and marks of any script stay; everything else separates words
    return " ".join("".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in text).split())


def _iso_codes(value: object, table: str, where: str, key: str) -> list[str]:
    """A table's list of ISO alpha-2 country codes, or the reason it is none."""
    if not isinstance(value, list) or not all(isinstance(c, str) and len(c) == 2 for c in value):
        raise TableError(table, where, f"{key} must be a list of ISO alpha-2 country codes")
    return value


def _day(value: object, where: str, key: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise TableError(DICTIONARY, where, f"{key} {value!r} is not a date (YYYY-MM-DD)") from None


def _entry(entry: object, where: str) -> tuple[Named, list[str], list[str]]:
    """One dictionary entry as (actor, aliases, local aliases), or the reason it is bad."""
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise TableError(DICTIONARY, where, "an entry needs a name")
    if entry.get("inter") not in INTERS:
        raise TableError(DICTIONARY, where, f"inter {entry.get('inter')!r} is not an ACLED inter code (1-8)")
    lists = []
    for key in ("aliases", "local_aliases"):
        names = entry.get(key, [])
        if not isinstance(names, list) or not all(isinstance(a, str) for a in names):
            raise TableError(DICTIONARY, where, f"{key} must be a list of names")
        lists.append(names)
    former = []
    for old in entry.get("former", []):
        if not isinstance(old, dict) or not isinstance(old.get("name"), str) or "until" not in old:
            raise TableError(DICTIONARY, where, "former names need a name and an until date")
        last = _day(old["until"], where, "until")
        assert last is not None
        former.append((last, old["name"]))
    local_in = _iso_codes(entry.get("local_in", []), DICTIONARY, where, "local_in")
    _iso_codes(entry.get("active_in", []), DICTIONARY, where, "active_in")
    if lists[1] and not (entry.get("country") or local_in):
        raise TableError(DICTIONARY, where, "local aliases need the country they hold in")
    actor = Named(
        entry["name"],
        int(entry["inter"]),
        entry.get("country", ""),
        entry.get("sector", ""),
        entry.get("parent", ""),
        _day(entry.get("since"), where, "since"),
        _day(entry.get("until"), where, "until"),
        former=tuple(former),
        local_in=tuple(local_in),
    )
    return actor, [entry["name"], *lists[0]], lists[1]


def _clash(a: Named, b: Named) -> bool:
    """Two entries an alias cannot tell apart: same rank, same scope, periods overlapping."""
    if (
        a.name == b.name
        or a.rank != b.rank
        or (a.local and not set(a.local_in or (a.country,)) & set(b.local_in or (b.country,)))
    ):
        return False
    lo = max(a.since or dt.date.min, b.since or dt.date.min)
    hi = min(a.until or dt.date.max, b.until or dt.date.max)
    return lo <= hi


@tables.table
def dictionary() -> dict[str, tuple[Named, ...]]:
    """What each alias key may name (entries told apart by country and date); a bad entry
    stops with the file and line named."""
    entries = tables.load_yaml(DICTIONARY, ("actors",))["actors"]
    lines = tables.item_lines(DICTIONARY, "actors")
    out: dict[str, list[tuple[Named, int]]] = {}
    for n, entry in enumerate(entries or []):
        line = lines[n] if n < len(lines) else n + 1
        where = f"{tables.path_of(DICTIONARY)}:{line}"
        actor, aliases, local = _entry(entry, where)
        for alias, named in [(a, actor) for a in aliases] + [(a, replace(actor, local=True)) for a in local]:
            k = name_key(alias)
            if not k:
                raise TableError(DICTIONARY, where, f"alias {alias!r} has no letters or digits")
            for other, other_line in out.get(k, []):
                if _clash(named, other):
                    raise TableError(
                        DICTIONARY, where, f"alias {alias!r} already names {other.name} (line {other_line})"
                    )
            if all(o != named for o, _ in out.get(k, [])):
                out.setdefault(k, []).append((named, line))
    for k, named in _state_forces().items():
        if k not in out:  # actors.yaml names it otherwise: its entry wins
            out[k] = [(named, 0)]
    return {k: tuple(n for n, _ in v) for k, v in out.items()}


@tables.table
def _state_forces() -> dict[str, Named]:
    """The forces and government of every country, by alias key ("Nigerien soldiers",
    "Kenya police"), from the templates of generic.yaml; an alias two countries would share
    ("Congolese army") names neither."""
    templates = _generic().get("state_forces", [])
    lines = tables.item_lines(GENERIC, "state_forces")
    out: dict[str, Named] = {}
    shared: set[str] = set()
    for n, t in enumerate(templates):
        where = f"{tables.path_of(GENERIC)}:{lines[n] if n < len(lines) else n + 1}"
        if (
            not isinstance(t, dict)
            or "{name}" not in str(t.get("name", ""))
            or not isinstance(t.get("aliases"), list)
        ):
            raise TableError(GENERIC, where, "a state force needs a name with {name} and a list of aliases")
        for c in gazetteer.country_terms():
            country = f"the {c.name}" if c.article == "the" else c.name
            named = Named(t["name"].replace("{name}", country), 1, c.code, str(t.get("sector", "")), "")
            for alias in t["aliases"]:
                fills = (*c.adjectives, *c.names) if "{adjective}" in alias else c.names
                # ("Congo's army": whose, the text decides, through the index's reading of it)
                fills = tuple(f for f in fills if gazetteer.key(f) not in gazetteer.shared_country_names())
                for fill in fills:
                    k = name_key(alias.replace("{adjective}", fill).replace("{country}", fill))
                    if k in out and out[k].name != named.name:
                        shared.add(k)
                    out[k] = named
    return {k: v for k, v in out.items() if k not in shared}


@tables.table
def alias_trie() -> dict[str, Any]:
    """The dictionary's aliases as a tree of words: each node maps the next word to a node,
    and ``""`` to the actors of the alias that ends there."""
    root: dict[str, Any] = {}
    for alias, named in dictionary().items():
        node = root
        for word in alias.split():
            node = node.setdefault(word, {})
        node[""] = named
    return root


BREAKS = re.compile(r"[,;:\[\]\"“”—–]|\n\s*\n")  # (brackets may stand in a name: "CPI (Maoist)")


def _words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every word: a run of letters, digits and marks of any script,
    apostrophes inside it kept ("Kata'ib" is one word, keyed "kataib")."""
    if text.isascii():  # the same words, found faster
        return [
            (m.start(), m.end() - 2 if m.group().endswith(("'s", "'S", "`s", "`S")) else m.end(), key)
            for m in ASCII_WORD.finditer(text)
            if (
                key := name_key(m.group()[:-2] if m.group().endswith(("'s", "'S", "`s", "`S")) else m.group())
            )
        ]
    out = []
    start = -1
    for n, c in enumerate(f"{text} "):
        inside = unicodedata.category(c)[0] in "LNM" or (
            c in APOSTROPHES
            and start >= 0
            and n + 1 < len(text)
            and unicodedata.category(text[n + 1])[0] in "LN"
        )
        if inside and start < 0:
            start = n
        elif not inside and start >= 0:
            end = n
            if end - start > 2 and text[end - 1] in "sS" and text[end - 2] in APOSTROPHES:
                end -= 2  # "KIA's battalion": the name without its possessive
            key = name_key(text[start:end])
            if key:
                out.append((start, end, key))
            start = -1
    return out


def _generic() -> dict[str, Any]:
    """generic.yaml, read (and cached) by the tables module."""
    return tables.load_yaml(GENERIC, ("kinds", "part_words"))


def _answering(parsed: Parsed, deed: int) -> int | None:
    """The verb whose reason or occasion phrase holds the deed ("arrested two men over /
    for / after / in connection with the attack"), if any."""
    table = refine_table()
    *phrase, verb = parsed.through_preps(deed)
    toks = parsed.tokens
    preps, nouns = table["reason_preps"], table["reason_nouns"]
    reason = any(toks[j].text.lower() in preps or toks[j].lemma in nouns for j in phrase)
    return verb if reason and phrase and toks[verb].pos in ("VERB", "AUX") else None


@cache
def _deeds() -> frozenset[str]:
    """Lemmas that name a deed of violence or a weapon ("carried out an attack", "used live
    ammunition")."""
    return frozenset(lexicon()) | word_list("instruments")


@cache
def _kind_words() -> frozenset[str]:
    """The common nouns and modifiers of generic actors ("gang", "militia", "army")."""
    return frozenset(w for k in kinds() for w in k.heads | k.modifiers)


@tables.table
def _troops_of() -> dict[str, str]:
    table = _generic().get("troops_of", {})
    if not isinstance(table, dict):
        raise TableError(GENERIC, str(tables.path_of(GENERIC)), "troops_of must map ISO codes to ISO codes")
    return {str(k): str(v) for k, v in table.items()}


@tables.table
def _security_police() -> frozenset[str]:
    codes = _generic().get("security_forces_police", [])
    return frozenset(_iso_codes(codes, GENERIC, "security_forces_police", "security_forces_police"))


@cache
def _police_kind() -> Kind:
    return next(k for k in kinds() if k.state and "police" in k.heads)


@tables.table
def kinds() -> tuple[Kind, ...]:
    data = _generic()
    return tuple(
        Kind(
            k["name"],
            int(k["inter"]),
            bool(k["state"]),
            bool(k["antecedent"]),
            frozenset(k["heads"]),
            frozenset(k.get("modifiers", [])),
            bool(k.get("group", False)),
            str(k.get("unnamed", "")),
            frozenset(k.get("alone", [])),
            str(k.get("sector", "")),
            frozenset(k.get("unless", [])),
            frozenset(k.get("doing", [])),
        )
        for k in data["kinds"]
    )


def _civilians() -> Kind:
    """The generic kind for civilians (inter 7), as the table defines it."""
    return next(k for k in kinds() if k.inter == 7)


def generic_name(inter: Inter, place: str) -> str:
    """The name ``generic.yaml`` gives an actor of a kind that a place names, such as
    "Civilians ({place})" for inter 7: actor names come from the table, not from Python."""
    kind = next(
        k for k in kinds() if k.inter == inter and "{place}" in k.name and not k.group and not k.state
    )
    return kind.name.replace("{place}", place)


@dataclass(frozen=True)
class Associate:
    name: str
    heads: frozenset[str]
    modifiers: frozenset[str]


@tables.table
def associates() -> tuple[Associate, ...]:
    items = _generic().get("associates", [])
    lines = tables.item_lines(GENERIC, "associates")
    out = []
    for n, a in enumerate(items):
        if (
            not isinstance(a, dict)
            or not isinstance(a.get("name"), str)
            or not (a.get("heads") or a.get("modifiers"))
        ):
            where = f"{tables.path_of(GENERIC)}:{lines[n] if n < len(lines) else n + 1}"
            raise TableError(GENERIC, where, "an associate needs a name and heads or modifiers")
        out.append(Associate(a["name"], frozenset(a.get("heads", [])), frozenset(a.get("modifiers", []))))
    return tuple(out)


@tables.table
def vigilante() -> tuple[str, frozenset[str]]:
    """ACLED's associate for a crowd punishing people it accuses, and the words that say so."""
    data = _generic().get("vigilante", {})
    return str(data.get("name", "")), frozenset(data.get("words", []))


@tables.table
def word_list(key: str) -> frozenset[str]:
    """One of generic.yaml's word lists (part_words, people_heads, not_groups, instruments,
    state_first_in_clashes, force_heads, enemy_heads, civilian_heads, side_prepositions,
    member_words), as a set."""
    return frozenset(_generic().get(key, []))


class Resolver:
    """Resolves actor mentions of one article; remembers named groups for "the group"."""

    def __init__(self, parsed: Parsed, gaz: Gazetteer, focus: str) -> None:
        self.parsed = parsed
        self.gaz = gaz
        self.focus = focus
        self.day: dt.date | None = None
        self.filed = dateline_end(parsed.article.text)
        self.named_spans = self._find_named()
        self.people: dict[str, Actor] = {}
        self.people = self._affiliations()

    def on(self, day: dt.date | None) -> Resolver:
        """This resolver for an event on ``day``: names whose meaning or spelling changed
        over time are read as they stood then."""
        dated = copy.copy(self)
        dated.day = day
        return dated

    def _find_named(self) -> list[tuple[int, int, tuple[Named, ...]]]:
        """Every dictionary actor mentioned (longest match first), by character span: one pass
        over the words of the text, whatever the size of the dictionary."""
        text = self.parsed.article.text
        words = _words(text)
        trie = alias_trie()
        out: list[tuple[int, int, tuple[Named, ...]]] = []
        n = 0
        while n < len(words):
            ends: list[tuple[int, tuple[Named, ...]]] = []  # aliases starting here, by end
            node: dict[str, Any] | None = trie
            for k in range(n, len(words)):
                if k > n and BREAKS.search(text, words[k - 1][1], words[k][0]):
                    break  # "in the West Bank, troops made arrests": a name never spans a comma
                node = node.get(words[k][2]) if node is not None else None
                if node is None:
                    break
                if "" in node:
                    ends.append((k + 1, node[""]))
            found = None
            for end, actor in reversed(ends):  # longest first
                alias_chars = sum(len(w[2]) for w in words[n:end]) + end - n - 1
                if alias_chars <= 3 and not text[words[n][0] : words[end - 1][1]].isupper():
                    continue  # short acronyms (AA, IS, KH) only in capitals
                found = (words[n][0], words[end - 1][1], actor, end)
                break
            if found is None:
                n += 1
                continue
            out.append(found[:3])
            n = found[3]
        return out

    def _affiliations(self) -> dict[str, Actor]:
        """What each person the article names acts for, by surname, as its
        fullest mention says ("Kataib Hezbollah, whose commander Abu Mahdi al-Muhandis",
        "Qassem Soleimani, commander of the Quds Force"): a later "Muhandis" is that group."""
        out: dict[str, Actor] = {}
        shared: set[str] = set()
        for ent in self.parsed.ents:
            if ent.label != "PERSON":
                continue
            head = ent.last
            while self.parsed.tokens[head].dep == "compound" and self.parsed.tokens[head].head != head:
                head = self.parsed.tokens[head].head
            actor = self.resolve(head, "", True)
            if actor is None and self.parsed.tokens[head].dep == "appos":
                # "whose commander, Abu Hassan al-Tamimi": the title says whose he is
                actor = self.resolve(self.parsed.tokens[head].head, "", True)
            if actor is None or actor.inter not in ARMED:
                continue
            surname = name_key(self.parsed.tokens[ent.last].text)
            if len(surname) > 3 and out.get(surname, actor).name == actor.name:
                out[surname] = actor
            elif len(surname) > 3:
                shared.add(surname)  # two people of one name: neither is known by it
        return {k: v for k, v in out.items() if k not in shared}

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
            ante = self._object_antecedent(head)
            if ante is not None:
                return self.resolve(ante, event_cc, violent, seen)
            kind = _civilians()
            return self._from_kind(kind, "", event_cc, tok.start)
        if tok.lemma in PRONOUNS or tok.text.lower() in PRONOUNS:
            # "fired at protesters who threw stones": a relative pronoun is the noun it follows
            relative = tok.text.lower() in ("who", "which") and p.tokens[tok.head].dep == "relcl"
            ante = self._relcl_owner(head) if relative else self._pronoun(head)
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
        owner = self._relcl_owner(head)
        if whose is not None and owner is not None:
            return self.resolve(owner, event_cc, violent, seen)
        part = next(
            (c for c in p.children(head) if p.tokens[c].dep == "prep" and p.tokens[c].lemma == "of"), None
        )
        if part is not None and (tok.pos == "NUM" or tok.lemma in word_list("part_words")):
            whole = next((c for c in p.children(part) if p.tokens[c].dep == "pobj"), None)
            found = self.resolve(whole, event_cc, violent, seen) if whole is not None else None
            if found is not None:  # "three of them", "members of an Islamist militia"
                return found
        # (people hit, "herders allegedly linked to X", are who they are, not X)
        group = None if struck else self._group_of(head)
        if group is not None:  # "insurgents allegedly belonging to ASWJ", "fighters loyal to X"
            found = self.resolve(group, event_cc, violent, seen)
            if found is not None and found.inter in NON_STATE_ARMED:
                return found
        source = self._source(head)
        if source is not None:  # "a rocket from a Burmese fighter jet", "a shell fired by X"
            found = self.resolve(source, event_cc, violent, seen)
            if found is not None:
                return found
        if tok.lemma in word_list("enemy_heads") and self._definite(head):
            enemy = self._last_acting(tok.start, event_cc, violent)
            if enemy is not None:  # "Russians fired 92 times ... The enemy fired 13 shells"
                return enemy
        span = self._span(head)
        named = self._from_named(self._named_in(span, head), event_cc, p.tokens[head].start)
        if named is not None and named.sector == "government" and tok.lemma in word_list("force_heads"):
            # "Yemeni government forces": the state's forces, not its government
            return self._state(named.country_code, event_cc, True, tok.start)
        if named is not None:
            return named
        # the tagger may miss a bare surname ("killed Tamimi" as a place): the name decides
        known = self.people.get(name_key(tok.text)) if tok.pos == "PROPN" else None
        if known is not None:  # "the strike killed Muhandis": the group he commanded
            return replace(known, start=tok.start)
        cc, lemmas = self._modifiers(span, head, event_cc)
        if violent and tok.dep == "compound" and tok.lemma in ("government", "regime"):
            return self._state(cc or event_cc, event_cc, True, tok.start)  # "government air strikes"
        country = self.gaz.country(tok.text) if tok.ent in ("GPE", "NORP") else None
        if country and struck and tok.ent == "NORP" and tok.tag in ("NNPS", "NNS"):
            return self._from_kind(_civilians(), country[0], event_cc, tok.start)
        if country:  # "the US suspended", "Russia shelled": the state acts
            return self._state(country[0], event_cc, violent, tok.start)
        if struck:
            # "shot four people protesting military rule", "opened fire on protests": the crowd
            acts = {tok.lemma} | {p.tokens[c].lemma for c in p.children(head) if p.tokens[c].dep == "acl"}
            doers = next((k for k in kinds() if k.doing & acts), None)
            if doers is not None:
                return self._from_kind(doers, cc, event_cc, tok.start)
        heads = {tok.lemma, tok.lemma[:-1] if tok.lemma.endswith("s") else tok.lemma}
        if tok.lemma in word_list(
            "part_words"
        ):  # "gang members", "militia elements": the compound names them
            heads |= {p.tokens[c].lemma for c in p.children(head) if p.tokens[c].dep == "compound"}
        for kind in kinds():
            if kind.group:
                people = self._people(span, head)
                if (heads & kind.heads and (people or kind.modifiers & lemmas)) or heads & kind.alone:
                    template = f"{people} {kind.name.split(' ', 1)[1]}" if people else kind.unnamed
                    return self._from_kind(replace(kind, name=template), cc, event_cc, tok.start, "communal")
                continue
            if kind.unless & lemmas:
                continue  # "a refugee camp" is no army camp
            if heads & kind.heads or (kind.modifiers & lemmas and tok.lemma not in ("civilian",)):
                if kind.antecedent and not self._definite(head):
                    # "two gunmen", "unknown assailants": not a group named before
                    kind = replace(kind, antecedent=False)
                plain = tok.lemma in ("force", "personnel") and "security" in lemmas
                plain = plain and not lemmas & (kind.modifiers - {"security"})
                if kind.state and plain and (cc or event_cc or self.focus) in _security_police():
                    kind = _police_kind()  # India's
                return self._from_kind(kind, cc, event_cc, tok.start)
        if tok.ent == "PERSON" or tok.pos == "PROPN":
            # "Acting Prime Minister Adel Abdul Mahdi": a person acts for what the title names.
            for kind in kinds():
                if kind.state and lemmas & kind.heads:
                    return self._from_kind(kind, cc, event_cc, tok.start)
        return None

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
        ethnic = str(_generic().get("ethnic_group", ""))
        out: list[str] = []
        for h in [j for i in heads for j in (i, *self._conjuncts(i))]:
            if actor.inter not in UNARMED:
                other = self.resolve(h, event_cc, True) if joint and h not in heads else None
                if other is not None and other.name != actor.name and other.inter not in UNARMED:
                    out.append(other.name)
                continue
            span = self._span(h)
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
            for n, (s, e, _) in enumerate(self.named_spans):
                named = self._picked(n, event_cc) if s >= lo and e <= hi else None
                if named is not None and named.sector == PARTY:
                    out.append(named.name_on(self.day))
        return tuple(dict.fromkeys(a for a in out if a != actor.name))

    def _source(self, head: int) -> int | None:
        """Who a weapon came from: the object of "from" or of "fired by" after a rocket,
        shell or bullet (the weapons of ``generic.yaml``)."""
        p = self.parsed
        if p.tokens[head].lemma not in word_list("instruments"):
            return None
        for c in p.children(head):
            t = p.tokens[c]
            if t.dep == "prep" and t.text.lower() == "from":
                return next((j for j in p.children(c) if p.tokens[j].dep == "pobj"), None)
            if t.dep == "acl":
                by = next((j for j in p.children(c) if p.tokens[j].dep == "agent"), None)
                if by is not None:
                    return next((j for j in p.children(by) if p.tokens[j].dep == "pobj"), None)
        return None

    def _conjuncts(self, head: int) -> list[int]:
        """The nouns joined to a phrase's head ("women and children", "X, Y and Z")."""
        out = [c for c in self.parsed.children(head) if self.parsed.tokens[c].dep == "conj"]
        for c in list(out):
            out.extend(self._conjuncts(c))
        return out

    def blamed(self, sentence: int, cc: str, victim: Actor | None) -> Actor | None:
        """Who a deed with no subject is put on ("an artillery shell fell into the village ...
        villagers accused the Myanmar military", "police were accused of beating"): the one
        armed actor its sentence or the next two of its paragraph blame, or the one its own
        sentence names doing nothing else ("fighting between the KIA and the army"); None when
        none or several are. A group named in another sentence is not blamed."""
        parsed = self.parsed
        sents = parsed.sents
        para = sents[sentence].paragraph
        last = sentence
        while last + 1 < len(sents) and last < sentence + 2 and sents[last + 1].paragraph == para:
            last += 1
        blame = refine_table()["blame_verbs"]
        blamed = [
            self.resolve(t.i, cc, True)
            for t in parsed.tokens[sents[sentence].first : sents[last].last + 1]
            if t.dep in ("dobj", "nsubjpass") and parsed.tokens[t.head].lemma in blame
        ]
        own = parsed.sents[sentence]
        mentioned = [  # named in the deed's own sentence as a side of it ("between X and Y")
            a for a in self.armed_named(own.start, own.end, cc) if self._side(parsed.token_at(a.start))
        ]
        named = {
            a.name: a
            for a in [*mentioned, *blamed]
            if a is not None and a.inter in ARMED and (victim is None or a.name != victim.name)
        }
        return next(iter(named.values())) if len(named) == 1 else None

    def doer(self, sentence: int, cc: str, victim: Actor | None, deed: int | None = None) -> Actor | None:
        """Who did a deed with no subject, from the rest of its sentence: a mob it names as a
        subject ("a teacher was beaten when a mob tried to stop ..."), forces or a group using
        force ("a boy was wounded when police used live ammunition"), or a crowd punishing people
        it accuses ("three suspected thieves were burnt to death": mob justice, ACLED's rioters).
        Not whoever acted over the deed (``deed``, the trigger): "police arrested two men over
        Monday's attack" tells who answered the attack, not who made it."""
        parsed = self.parsed
        sent = parsed.sents[sentence]
        table = refine_table()
        answering = _answering(parsed, deed) if deed is not None else None
        for t in parsed.tokens[sent.first : sent.last + 1]:
            speech = parsed.tokens[t.head].lemma in table["speech_verbs"]
            if t.dep != "nsubj" or t.head == answering or speech:
                continue
            found = self.resolve(t.i, cc, True)
            if found is None or (victim is not None and found.name == victim.name):
                continue
            if found.inter == Inter.RIOTERS or (found.inter in ARMED and self._forceful(t.head)):
                return found
        _name, words = vigilante()
        said = {t.text.lower() for t in parsed.tokens[sent.first : sent.last + 1]}
        if said & words:
            place = self.country_name(cc, False) if cc else "Unknown"
            return Actor(generic_name(Inter.RIOTERS, place), Inter.RIOTERS, cc)
        return None

    def _forceful(self, verb: int) -> bool:
        """A verb of force ("fired", "used live ammunition"), or one that does what its object
        names when that is a deed of violence ("carried out an attack"; not "were carrying out
        area domination duty")."""
        table = refine_table()
        lemma = self.parsed.tokens[verb].lemma
        if lemma in table["intervention_verbs"]:
            return True
        if lemma not in table["agentive_verbs"]:
            return False
        deeds = _deeds()
        toks = self.parsed.tokens
        return any(toks[c].dep == "dobj" and toks[c].lemma in deeds for c in self.parsed.children(verb))

    def arrester(self, sentence: int, cc: str) -> Actor | None:
        """Who made an arrest told without its doer: the state's forces its sentence names
        doing something else ("two men were arrested as troops pressed a manhunt"); not a
        speaker ("the army said")."""
        parsed = self.parsed
        sent = parsed.sents[sentence]
        speech = refine_table()["speech_verbs"]
        for t in parsed.tokens[sent.first : sent.last + 1]:
            if t.dep != "nsubj" or parsed.tokens[t.head].lemma in speech:
                continue
            found = self.resolve(t.i, cc, True)
            if found is not None and found.inter in FORCES and found.sector != "government":
                return found
        return None

    def _side(self, i: int) -> bool:
        """Whether the phrase holding token ``i`` names a side of a deed without a verb of its
        own: "fighting between X and Y", "clashes with X", "an attack by X", a name standing
        alone in a note; not the subject or object of another verb, nor a place phrase
        ("fell near coalition facilities", "training of Iraqi forces", "5,000 US troops")."""
        toks = self.parsed.tokens
        while toks[i].dep in ("compound", "amod", "poss", "nmod", "conj", "appos") and toks[i].head != i:
            i = toks[i].head
        tok = toks[i]
        if tok.dep == "pobj":
            return toks[tok.head].text.lower() in word_list("side_prepositions")
        return tok.dep in ("ROOT", "dep")

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
        kind = _civilians()
        return self._from_kind(kind, actor.country_code, event_cc, actor.start)

    def _definite(self, head: int) -> bool:
        """ "the militants", "these gunmen", "its fighters": a phrase that refers back to
        someone told before."""
        toks = self.parsed.tokens
        return any(
            (toks[c].dep == "det" and toks[c].lemma in ("the", "this", "that", "these", "those"))
            or (toks[c].dep == "poss" and toks[c].text.lower() in ("its", "their"))
            for c in self.parsed.children(head)
        )

    def _relcl_owner(self, head: int) -> int | None:
        """For "X, a group whose commander was killed": the noun the clause describes, and
        through an apposition the name it restates."""
        p = self.parsed
        cur = head
        for _ in range(3):
            if p.tokens[cur].dep == "relcl":
                owner = p.tokens[cur].head
                if p.tokens[owner].dep == "appos":
                    owner = p.tokens[owner].head
                return owner
            if p.tokens[cur].head == cur:
                return None
            cur = p.tokens[cur].head
        return None

    def _span(self, head: int) -> list[int]:
        """Tokens of the phrase, leaving out relative clauses and most prepositional phrases."""
        p = self.parsed
        out = [head]
        stack = [head]
        while stack:
            cur = stack.pop()
            for c in p.children(cur):
                t = p.tokens[c]
                if t.dep in ("relcl", "acl", "advcl", "punct", "cc", "conj") or (
                    t.dep == "prep" and t.text.lower() not in ("of",)
                ):
                    continue
                out.append(c)
                stack.append(c)
        if p.tokens[head].start >= self.filed:
            # a dateline the parser hung on the phrase ("RAMALLAH, Occupied Palestine -
            # Israeli occupation forces") is not one of its words
            out = [j for j in out if p.tokens[j].start >= self.filed]
        return sorted(out)

    def _named_in(self, span: list[int], head: int) -> list[int]:
        """Indices in ``named_spans`` of the name the phrase gives: one, or two joined by
        "or" ("presumed ISWAP or Boko Haram militants"); none when it names no actor."""
        toks = self.parsed.tokens
        at = toks[head].start
        spans = self.named_spans
        own = next((n for n, (s, e, _) in enumerate(spans) if s <= at < e), None)
        if own is None:
            lo, hi = toks[span[0]].start, toks[span[-1]].end
            text = self.parsed.article.text
            # The head's own name wins over a backer named in a modifier ("IRGC-backed militia").
            inside = [
                n
                for n, (s, e, _) in enumerate(spans)
                if s >= lo
                and e <= hi
                and not re.match(r"\s*-\s*(backed|linked|allied|aligned)", text[e : e + 12])
            ]
            if not inside:
                return []
            own = inside[-1]
        for other in (own - 1, own + 1):
            if 0 <= other < len(spans):
                first, second = sorted((own, other))
                between = self.parsed.article.text[spans[first][1] : spans[second][0]]
                if re.fullmatch(r"\s*(?:or|and/or|/)\s*", between):
                    return [first, second]
        return [own]

    def _people(self, span: list[int], head: int) -> str:
        """The name of a people among the modifiers ("Pokot militants", "the Bahgere clan")."""
        for j in span:
            t = self.parsed.tokens[j]
            if j == head or not t.text[:1].isupper() or t.dep not in ("compound", "amod", "nmod"):
                continue
            if self._opens_sentence(j) and t.lemma.lower() in _kind_words():
                continue  # "Gang members attacked": a capital the sentence gives, not a name
            if (
                t.lemma in word_list("not_groups")
                or self.gaz.country(t.text)
                or name_key(t.text) in dictionary()
            ):
                continue
            # A people is a NORP, or an untagged proper noun; acronyms and organisations
            # (RENAMO, RMJ) are groups we do not know, not peoples.
            if t.ent == "NORP" or (t.ent == "" and t.pos in ("PROPN", "NOUN") and not t.text.isupper()):
                return t.text
            if not t.text.isupper() and self.parsed.tokens[head].lemma in word_list("people_heads"):
                return t.text
        return ""

    def _opens_sentence(self, j: int) -> bool:
        """Whether token j is the first word of its sentence, or of the text after a dateline."""
        toks = self.parsed.tokens
        first = self.parsed.sent_of(j).first
        return j == first or (j > first and toks[j - 1].start < self.filed <= toks[j].start)

    def _modifiers(self, span: list[int], head: int, event_cc: str) -> tuple[str, set[str]]:
        """(country its words name, lemmas of its modifiers). A people's name says a country
        only of the event's or one beside it ("Somali herders" in Kenya, ACLED's Somalia); far
        off it is the name of a people of where the event is ("the Kaiowa-Guarani Indian tribe"
        of Brazil is no Indian nationals)."""
        cc = ""
        lemmas: set[str] = set()
        people_heads = word_list("people_heads")
        home = self.gaz.countries.get(event_cc)
        near = {event_cc, *home.neighbours} if home is not None else None
        for j in span:
            t = self.parsed.tokens[j]
            if j != head:
                lemmas.add(t.lemma)
            if t.ent in ("GPE", "NORP") or t.pos == "PROPN" or t.tag == "JJ":
                found = self.gaz.country(t.text)
                of_a_people = self.parsed.tokens[t.head].lemma in people_heads
                if found and not cc and not (of_a_people and near is not None and found[0] not in near):
                    cc = found[0]
        return cc, lemmas

    def police(self, cc: str) -> Actor:
        """The police of country ``cc``: who arrests people when the text does not say."""
        return self._from_kind(_police_kind(), cc, cc, -1)

    def _state(self, cc: str, event_cc: str, violent: bool, at: int) -> Actor:
        kind = next(
            k
            for k in kinds()
            if k.state and ("military" in k.modifiers if violent else "government" in k.heads)
        )
        return self._from_kind(kind, cc, event_cc, at)

    def armed_named(self, start: int, end: int, event_cc: str) -> list[Actor]:
        """The armed actors the dictionary names between two character offsets, in text
        order, each once: the sides of a fight the parse did not connect to its verb."""
        out: list[Actor] = []
        for n, (s, _e, _named) in enumerate(self.named_spans):
            actor = self._from_named([n], event_cc, s) if start <= s < end else None
            if actor is not None and actor.inter in ARMED and actor.name not in {a.name for a in out}:
                out.append(actor)
        return out

    def _picked(self, n: int, event_cc: str) -> Named | None:
        return pick(self.named_spans[n][2], event_cc or self.focus, self.day)

    def _from_named(self, spans: list[int], event_cc: str, at: int) -> Actor | None:
        """The actor named by one span, or by two joined by "or": ACLED's "A and/or B"."""
        found = [
            named for n in spans if (named := self._picked(n, event_cc)) is not None and named.sector != PARTY
        ]
        if not found:
            return None
        actors = [self._actor(named, event_cc, at) for named in found]
        if len(actors) == 2 and all(a.inter in NON_STATE_ARMED for a in actors):
            # "ISWAP or Boko Haram": Boko Haram alone already stands for either faction
            parts = [part for a in actors for part in a.name.split(" and/or ")]
            return replace(actors[0], name=" and/or ".join(dict.fromkeys(parts)))
        return actors[-1]

    def _actor(self, named: Named, event_cc: str, at: int) -> Actor:
        name = named.name_on(self.day).replace(
            "{country}", self.country_name(event_cc or named.country or self.focus, False)
        )
        inter = named.inter
        if inter == 1 and named.country and event_cc and named.country != event_cc:
            inter = 8
        return Actor(name, inter, named.country or event_cc, named.sector, at)

    def _from_kind(self, kind: Kind, cc: str, event_cc: str, at: int, sector: str = "") -> Actor:
        if kind.antecedent:
            ante = self._antecedent(at, event_cc)
            if ante is not None:
                return self._actor(ante, event_cc, at)
        place_cc = event_cc or self.focus
        own = cc or place_cc
        if kind.state and not cc and kind.name.startswith("Military Forces of {country}"):
            own = _troops_of().get(place_cc, own)  # "troops made two arrests" in the West Bank
        name = kind.name.replace("{country}", self.country_name(own)).replace(
            "{place}", self.country_name(cc or place_cc, False)
        )
        inter = kind.inter
        if kind.state and own and place_cc and own != place_cc:
            inter = 8
        return Actor(name, inter, own, sector or kind.sector, at)

    def _antecedent(self, at: int, event_cc: str) -> Named | None:
        """The last named armed group told as doing something before ``at`` ("suspected Boko
        Haram insurgents attacked ...", not its "sister organisation, ISWAP" named since),
        else the last named before it, else the article's main one."""
        armed = [
            (s, e, named)
            for n, (s, e, _) in enumerate(self.named_spans)
            if (named := self._picked(n, event_cc)) is not None and named.inter in NON_STATE_ARMED
        ]
        before = [(s, e, named) for s, e, named in armed if s < at]
        acting = [named for s, e, named in before if self._acting(s, e)]
        if acting:
            return acting[-1]
        if before:
            return before[-1][2]
        return armed[0][2] if armed else None

    def _last_acting(self, at: int, event_cc: str, violent: bool) -> Actor | None:
        """The armed side last told as doing a deed before ``at``: a named group, or a state
        by its name or people ("Russians fired", "Israel struck")."""
        p = self.parsed
        found: list[tuple[int, Actor]] = []
        for n, (s, e, _) in enumerate(self.named_spans):
            named = self._picked(n, event_cc)
            if s < at and named is not None and named.inter in NON_STATE_ARMED and self._acting(s, e):
                found.append((s, self._actor(named, event_cc, at)))
        for t in p.tokens[: p.token_at(at)]:
            country = self.gaz.country(t.text) if t.ent in ("GPE", "NORP") else None
            if country and self._acting(t.start, t.end):
                found.append((t.start, self._state(country[0], event_cc, violent, at)))
        return max(found, key=lambda f: f[0])[1] if found else None

    def _acting(self, start: int, end: int) -> bool:
        """Whether the name at these offsets is (or modifies) the doer of a deed the trigger
        table knows ("Boko Haram insurgents attacked", "attacked by al-Shabaab")."""
        p = self.parsed
        first, last = p.token_at(start), p.token_at(end - 1)
        root = next((i for i in range(first, last + 1) if not first <= p.tokens[i].head <= last), last)
        tok = p.tokens[root]
        while tok.dep == "compound" and tok.head != tok.i:
            tok = p.tokens[tok.head]
        if tok.dep == "nsubj":
            verb = tok.head
        elif tok.dep == "pobj" and p.tokens[tok.head].dep == "agent":
            verb = p.tokens[tok.head].head
        else:
            return False
        return p.tokens[verb].lemma in lexicon()

    def _group_of(self, head: int) -> int | None:
        """The group a phrase says its people belong to: "insurgents (allegedly) belonging to
        ASWJ", "militants linked to Al Shabaab", "fighters loyal to the TNLA" (generic.yaml
        member_words, each with the prepositions "to" and "with")."""
        p = self.parsed
        words = word_list("member_words")
        for c in p.children(head):
            if p.tokens[c].dep in ("acl", "amod") and p.tokens[c].lemma in words:
                for prep in p.children(c):
                    if p.tokens[prep].dep == "prep" and p.tokens[prep].lemma in ("to", "with"):
                        return next((o for o in p.children(prep) if p.tokens[o].dep == "pobj"), None)
        return None

    def _object_antecedent(self, i: int) -> int | None:
        """ "pursued the attackers and killed three of them": the last plural noun before the
        pronoun that is not the subject of its clause."""
        p = self.parsed
        if p.tokens[i].text.lower() != "them":
            return None
        sent = p.sent_of(i)
        for j in range(i - 1, sent.first - 1, -1):
            t = p.tokens[j]
            if t.tag in ("NNS", "NNPS") and t.dep not in ("nsubj", "nsubjpass"):
                return j
        return None

    def _pronoun(self, i: int) -> int | None:
        """A subject pronoun stands for the subject of the verb that reports its clause; a
        "they" with none in its sentence, for the doers of the sentence before."""
        p = self.parsed
        cur = p.tokens[i].head
        for _ in range(6):
            for c in p.children(cur):
                t = p.tokens[c]
                if t.dep == "nsubj" and c != i and t.lemma not in PRONOUNS:
                    return c
            if p.tokens[cur].head == cur:
                break
            cur = p.tokens[cur].head
        return self._doers_before(i) if p.tokens[i].text.lower() == "they" else None

    def _doers_before(self, i: int) -> int | None:
        """ "The insurgents killed seven people in Kaya. On Wednesday they killed 14 more":
        the one subject of a deed verb in the sentence just before, a group's name or a
        plural noun. Where that sentence has no such subject, or two ("gunmen attacked the
        post and soldiers fought back"), the pronoun stays unresolved: blaming the wrong
        side is worse than naming none."""
        p = self.parsed
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
        doer = self.resolve(doers[0], self.focus, True)
        if doer is None or doer.inter not in NON_STATE_ARMED:
            return None
        for j in range(before.first, before.last + 1):
            if j != doers[0] and p.tokens[j].tag in ("NNS", "NNPS") and p.tokens[j].dep != "compound":
                other = self.resolve(j, self.focus, True)
                if other is not None and other.name != doer.name and other.inter in ARMED | CROWDS:
                    return None
        return doers[0]


def interaction(inter1: int, inter2: int) -> int:
    """ACLED interaction code: the two inter codes, lower first (10 for a sole actor 1)."""
    if inter2 == 0:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi
