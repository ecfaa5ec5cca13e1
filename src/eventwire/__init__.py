"""eventwire: news articles in, ACLED-compatible, evidence-linked event records out.

>>> import eventwire
>>> events = eventwire.code(text, published="2020-01-05")
>>> events[0].to_dict()["sub_event_type"]
"""

from __future__ import annotations

import datetime as dt

from .records import Event

__all__ = ["Event", "code"]


def code(
    text: str, published: str | dt.date | None = None, source: str | None = None, url: str = ""
) -> list[Event]:
    """Event records of one article, every modality (filter on ``Event.modality``).

    text (str): the article text. published (str | date | None): its publication date
    (2020-01-05, "5 January 2020", ...: what ``--published`` takes); inferred from the text
    when None. source (str | None): the outlet.
    RETURNS (list[Event]): records in text order of first mention.
    RAISES InputError: the text cannot be coded (empty, not English, ...); ValueError for
    an unparseable ``published``.
    """
    from . import ingest, pipeline
    from .errors import InputError

    if isinstance(published, str):
        parsed = ingest.parse_date(published)
        if parsed is None:
            raise ValueError(f"published={published!r}: give a day, month and year, such as 2020-01-05")
        published = parsed
    opts = ingest.Options(published=published, source=source)
    article = ingest.make_article("<text>", text, {"url": url}, opts)
    result = next(pipeline.run([article]))
    if result.status.status != "coded":
        raise InputError("<text>", result.status.reason)
    return list(result.events)
