"""Stage 6, actors: role phrases → canonical ACLED-style actors with inter codes.

Reads: ``Parsed`` and token indices of role heads (from the events stage), the event's
country. Writes: ``Actor``. Named actors come from ``data/actors/actors.yaml``; generic
mentions ("Iraqi forces", "gunmen", "villagers") from ``data/actors/generic.yaml`` filled
with the country they name or the country of the event; "the militants" and "they" resolve
to what they stand for earlier in the article.

Submodules, leaves first: ``generic`` (generic.yaml: the generic kinds, word lists,
associates, the interaction code), ``names`` (the dictionary, actors.yaml, read and checked
one way: what each alias names, and the views the nlp and places stages read), ``mentions``
(what an article names, found once: the dictionary's names by offset, the words of a
phrase), ``coref`` (pronouns, "the group", people's affiliations), ``blame`` (the doer of a
deed told without one) and ``resolve`` (``Resolver``: a phrase's actor).

``generic`` and ``names`` read tables only, so that the earlier stages (nlp, places) import
them without the resolver, which reads the nlp and events stages' output and imports their
modules: ``Resolver`` is imported from ``resolve`` when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .generic import Kind, associates, generic_name, interaction, kinds, vigilante, word_list
from .names import Named, alias_trie, dictionary, name_key

if TYPE_CHECKING:
    from .resolve import Resolver

__all__ = [
    "Kind",
    "Named",
    "Resolver",
    "alias_trie",
    "associates",
    "dictionary",
    "generic_name",
    "interaction",
    "kinds",
    "name_key",
    "vigilante",
    "word_list",
]


def __getattr__(name: str) -> Any:
    """``Resolver``, imported on first use (see above: the earlier stages import this
    package for its dictionary, and the resolver imports them)."""
    if name == "Resolver":
        from .resolve import Resolver

        return Resolver
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
