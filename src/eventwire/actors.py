"""Stage 6, actors: role phrases → canonical ACLED-style actors with inter codes.

Reads: ``Parsed`` and token indices of role heads (from the events stage), the event's
country. Writes: ``Actor``. Named actors come from ``data/actors/actors.yaml``; generic
mentions ("Iraqi forces", "gunmen", "villagers") from ``data/actors/generic.yaml`` filled
with the country they name or the country of the event; "the militants" and "they" resolve
to what they stand for earlier in the article.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from . import tables
from .errors import TableError
from .gazetteer import Gazetteer
from .records import Actor, Parsed

UNARMED_VICTIMS = ("communal", "government")  # sectors coded as civilians when attacked
PRONOUNS = frozenset({"they", "it", "he", "she", "we", "them", "who", "which"})
PERSON_PRONOUNS = frozenset({"him", "her"})  # a victim, never the reporting subject
ARMED = (2, 3, 4)
INTERS = range(1, 9)


@dataclass(frozen=True)
class Named:
    name: str
    inter: int
    country: str
    sector: str
    parent: str


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


DICTIONARY = "actors/actors.yaml"
APOSTROPHES = "'’‘`ʼʻ"


def name_key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of an actor name, in any script
    (accents are dropped from Latin letters only: other scripts' marks are letters' parts)."""
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


@cache
def dictionary() -> dict[str, Named]:
    """Named actors by alias key; a bad entry stops with the file and line named."""
    entries = tables.load_yaml(DICTIONARY, ("actors",))["actors"]
    lines = tables.item_lines(DICTIONARY, "actors")
    out: dict[str, Named] = {}
    where_of: dict[str, int] = {}
    for n, entry in enumerate(entries or []):
        line = lines[n] if n < len(lines) else n + 1
        where = f"{tables.path_of(DICTIONARY)}:{line}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise TableError(DICTIONARY, where, "an entry needs a name")
        if entry.get("inter") not in INTERS:
            raise TableError(
                DICTIONARY, where, f"inter {entry.get('inter')!r} is not an ACLED inter code (1-8)"
            )
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise TableError(DICTIONARY, where, "aliases must be a list of names")
        actor = Named(
            entry["name"],
            int(entry["inter"]),
            entry.get("country", ""),
            entry.get("sector", ""),
            entry.get("parent", ""),
        )
        for alias in [entry["name"], *aliases]:
            k = name_key(alias)
            if not k:
                raise TableError(DICTIONARY, where, f"alias {alias!r} has no letters or digits")
            if k in out and out[k].name != actor.name:
                raise TableError(
                    DICTIONARY, where, f"alias {alias!r} already names {out[k].name} (line {where_of[k]})"
                )
            out[k], where_of[k] = actor, line
    return out


@cache
def alias_index() -> dict[str, tuple[tuple[tuple[str, ...], Named], ...]]:
    """The dictionary's aliases as word tuples, by their first word, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], Named]]] = {}
    for alias, actor in dictionary().items():
        words = tuple(alias.split())
        index.setdefault(words[0], []).append((words, actor))
    return {w: tuple(sorted(v, key=lambda a: -len(a[0]))) for w, v in index.items()}


def _words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of every word: a run of letters, digits and marks of any script,
    apostrophes inside it kept ("Kata'ib" is one word, keyed "kataib")."""
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
            key = name_key(text[start:n])
            if key:
                out.append((start, n, key))
            start = -1
    return out


@cache
def kinds() -> tuple[Kind, ...]:
    data = tables.load_yaml("actors/generic.yaml", ("kinds",))
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
        )
        for k in data["kinds"]
    )


def _civilians() -> Kind:
    """The generic kind for civilians (inter 7), as the table defines it."""
    return next(k for k in kinds() if k.inter == 7)


@cache
def not_groups() -> frozenset[str]:
    return frozenset(tables.load_yaml("actors/generic.yaml", ("kinds",)).get("not_groups", []))


@cache
def people_heads() -> frozenset[str]:
    return frozenset(tables.load_yaml("actors/generic.yaml", ("kinds",)).get("people_heads", []))


@cache
def part_words() -> frozenset[str]:
    return frozenset(tables.load_yaml("actors/generic.yaml", ("part_words",))["part_words"])


class Resolver:
    """Resolves actor mentions of one article; remembers named groups for "the group"."""

    def __init__(self, parsed: Parsed, gaz: Gazetteer, focus: str) -> None:
        self.parsed = parsed
        self.gaz = gaz
        self.focus = focus
        self.named_spans = self._find_named()

    def _find_named(self) -> list[tuple[int, int, Named]]:
        """Every dictionary actor mentioned (longest match first), by character span: one pass
        over the words of the text, whatever the size of the dictionary."""
        words = _words(self.parsed.article.text)
        index = alias_index()
        out: list[tuple[int, int, Named]] = []
        n = 0
        while n < len(words):
            found = None
            for alias, actor in index.get(words[n][2], ()):
                end = n + len(alias)
                if tuple(w[2] for w in words[n:end]) != alias:
                    continue
                surface = self.parsed.article.text[words[n][0] : words[end - 1][1]]
                if len(" ".join(alias)) <= 3 and not surface.isupper():
                    continue  # short acronyms (AA, IS, KH) only in capitals
                found = (words[n][0], words[end - 1][1], actor, end)
                break
            if found is None:
                n += 1
                continue
            out.append(found[:3])
            n = found[3]
        return out

    def country_name(self, cc: str, article: bool = True) -> str:
        c = self.gaz.countries.get(cc)
        if c is None:
            return "Unknown"
        return f"the {c.name}" if article and c.article == "the" else c.name

    def resolve(self, head: int | None, event_cc: str, violent: bool) -> Actor | None:
        """The actor for the phrase headed at token ``head``; None when there is none."""
        if head is None:
            return None
        p = self.parsed
        tok = p.tokens[head]
        if tok.text.lower() in PERSON_PRONOUNS or (tok.text.lower() == "them" and tok.dep != "nsubj"):
            ante = self._object_antecedent(head)
            if ante is not None:
                return self.resolve(ante, event_cc, violent)
            kind = _civilians()
            return self._from_kind(kind, "", event_cc, tok.start)
        if tok.lemma in PRONOUNS or tok.text.lower() in PRONOUNS:
            ante = self._pronoun(head)
            return self.resolve(ante, event_cc, violent) if ante is not None else None
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
            return self.resolve(owner, event_cc, violent)
        part = next(
            (c for c in p.children(head) if p.tokens[c].dep == "prep" and p.tokens[c].lemma == "of"), None
        )
        if part is not None and (tok.pos == "NUM" or tok.lemma in part_words()):
            whole = next((c for c in p.children(part) if p.tokens[c].dep == "pobj"), None)
            found = self.resolve(whole, event_cc, violent) if whole is not None else None
            if found is not None:  # "three of them", "members of an Islamist militia"
                return found
        span = self._span(head)
        named = self._named_in(span, head)
        if named:
            return self._from_named(named, event_cc, p.tokens[head].start)
        cc, lemmas = self._modifiers(span, head)
        country = self.gaz.country(tok.text) if tok.ent in ("GPE", "NORP") else None
        if country:  # "the US suspended", "Russia shelled": the state acts
            return self._state(country[0], event_cc, violent, tok.start)
        heads = {tok.lemma, tok.lemma[:-1] if tok.lemma.endswith("s") else tok.lemma}
        if tok.lemma in part_words():  # "gang members", "militia elements": the compound names them
            heads |= {p.tokens[c].lemma for c in p.children(head) if p.tokens[c].dep == "compound"}
        for kind in kinds():
            if kind.group:
                people = self._people(span, head)
                if (heads & kind.heads and (people or kind.modifiers & lemmas)) or heads & kind.alone:
                    template = f"{people} {kind.name.split(' ', 1)[1]}" if people else kind.unnamed
                    return self._from_kind(replace(kind, name=template), cc, event_cc, tok.start, "communal")
                continue
            if heads & kind.heads or (kind.modifiers & lemmas and tok.lemma not in ("civilian",)):
                return self._from_kind(kind, cc, event_cc, tok.start)
        if tok.ent == "PERSON" or tok.pos == "PROPN":
            # "Acting Prime Minister Adel Abdul Mahdi": a person acts for what the title names.
            for kind in kinds():
                if kind.state and lemmas & kind.heads:
                    return self._from_kind(kind, cc, event_cc, tok.start)
        return None

    def victim(self, actor: Actor | None, event_cc: str) -> Actor | None:
        """An actor on the receiving end: "youths" or "the Auliyan community" who are attacked are
        civilians, not rioters or a militia; so are officials, MPs and candidates (ACLED codes
        violence against unarmed state officials as violence against civilians)."""
        if actor is None or (actor.inter != 5 and actor.sector not in UNARMED_VICTIMS):
            return actor
        kind = _civilians()
        return self._from_kind(kind, actor.country_code, event_cc, actor.start)

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
        return sorted(out)

    def _named_in(self, span: list[int], head: int) -> Named | None:
        toks = self.parsed.tokens
        at = toks[head].start
        for s, e, n in self.named_spans:
            if s <= at < e:
                return n  # the head's own name
        lo, hi = toks[span[0]].start, toks[span[-1]].end
        inside = [n for s, e, n in self.named_spans if s >= lo and e <= hi]
        # The head's own name wins over a backer named in a modifier ("IRGC-backed militia").
        backed = [
            n
            for s, e, n in self.named_spans
            if s >= lo
            and e <= hi
            and re.match(r"\s*-\s*(backed|linked|allied|aligned)", self.parsed.article.text[e : e + 12])
        ]
        inside = [n for n in inside if n not in backed]
        return inside[-1] if inside else None

    def _people(self, span: list[int], head: int) -> str:
        """The name of a people among the modifiers ("Pokot militants", "the Bahgere clan")."""
        for j in span:
            t = self.parsed.tokens[j]
            if j == head or not t.text[:1].isupper() or t.dep not in ("compound", "amod", "nmod"):
                continue
            if t.lemma in not_groups() or self.gaz.country(t.text) or name_key(t.text) in dictionary():
                continue
            # A people is a NORP, or an untagged proper noun; acronyms and organisations
            # (RENAMO, RMJ) are groups we do not know, not peoples.
            if t.ent == "NORP" or (t.ent == "" and t.pos in ("PROPN", "NOUN") and not t.text.isupper()):
                return t.text
            if not t.text.isupper() and self.parsed.tokens[head].lemma in people_heads():
                return t.text
        return ""

    def _modifiers(self, span: list[int], head: int) -> tuple[str, set[str]]:
        cc = ""
        lemmas: set[str] = set()
        for j in span:
            t = self.parsed.tokens[j]
            if j != head:
                lemmas.add(t.lemma)
            if t.ent in ("GPE", "NORP") or t.pos == "PROPN" or t.tag == "JJ":
                found = self.gaz.country(t.text)
                if found and not cc:
                    cc = found[0]
        return cc, lemmas

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
        for s, _e, named in self.named_spans:
            if start <= s < end and named.inter in (1, 2, 3, 4, 8):
                actor = self._from_named(named, event_cc, s)
                if actor.name not in {a.name for a in out}:
                    out.append(actor)
        return out

    def _from_named(self, named: Named, event_cc: str, at: int) -> Actor:
        name = named.name.replace(
            "{country}", self.country_name(event_cc or named.country or self.focus, False)
        )
        inter = named.inter
        if inter == 1 and named.country and event_cc and named.country != event_cc:
            inter = 8
        return Actor(name, inter, named.country or event_cc, named.sector, at)

    def _from_kind(self, kind: Kind, cc: str, event_cc: str, at: int, sector: str = "") -> Actor:
        if kind.antecedent:
            ante = self._antecedent(at)
            if ante is not None:
                return self._from_named(ante, event_cc, at)
        place_cc = event_cc or self.focus
        own = cc or place_cc
        name = kind.name.replace("{country}", self.country_name(own)).replace(
            "{place}", self.country_name(cc or place_cc, False)
        )
        inter = kind.inter
        if kind.state and own and place_cc and own != place_cc:
            inter = 8
        return Actor(name, inter, own, sector or kind.sector, at)

    def _antecedent(self, at: int) -> Named | None:
        """The last named armed group before ``at`` in the article, else the article's main one."""
        before = [n for s, _e, n in self.named_spans if s < at and n.inter in ARMED]
        if before:
            return before[-1]
        after = [n for _s, _e, n in self.named_spans if n.inter in ARMED]
        return after[0] if after else None

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
        """A subject pronoun stands for the subject of the verb that reports its clause."""
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
        return None


def interaction(inter1: int, inter2: int) -> int:
    """ACLED interaction code: the two inter codes, lower first (10 for a sole actor 1)."""
    if inter2 == 0:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi
