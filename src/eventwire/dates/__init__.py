"""Stage 3, dates: temporal expressions, normalised to TIMEX3 against the DCT and the discourse.

Reads: article text and its document creation time (DCT, the publication date).
Writes: ``Timex`` records in text order. The patterns and lexicons are the data table
``data/dates/en.yaml``; this package is the engine that compiles and applies them, and the
set of named normalisers the rules call. Like HeidelTime, relative expressions are resolved
against the DCT ("on Friday", "last week"), against the last date told ("two days
earlier"), or against the last period told ("the year-ago quarter"), and the tense of the
sentence decides whether an underspecified date ("Friday", "Dec. 15", "June") lies before
or after the DCT.

Submodules: ``context`` (what a normaliser reads and returns, the registry of normalisers),
``patterns`` (the table's rules compiled, and where they can match), ``days`` and
``periods`` (the normalisers), ``find`` (``extract``, sentences, the publication date).
"""

from __future__ import annotations

# (the normalisers register themselves in ``context.NORMS`` as their modules are imported)
from . import days, periods  # noqa: F401
from .find import extract, infer_published
from .patterns import rules

__all__ = ["extract", "infer_published", "rules"]
