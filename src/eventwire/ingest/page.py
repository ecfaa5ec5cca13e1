"""An HTML page → its article text and metadata, by trafilatura: the one reading of a page,
for an ``.html`` input and for a page ``watch`` fetches, so that a page gives one text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    text: str  # paragraphs with a blank line between two; "" when the page holds no article
    title: str = ""
    published: str = ""  # as the page writes it; parsed (or refused, E109) by make_article
    source: str = ""  # the outlet, as the page names itself
    url: str = ""  # the page's own address (canonical link, og:url)


# The page's own date only (its metadata), not a date guessed from the story's text, which
# is more often the event's than the publication's.
_DATING = {"extensive_search": False, "original_date": True}
# The date as the outlet wrote it: trafilatura passes over one it cannot read, and that must
# be said (E109), not replaced by another date of the page.
_STATED = "//meta[@property='article:published_time' or @name='article:published_time']/@content"


def read_page(html: str | bytes, url: str | None = None) -> Page:
    """The article of an HTML page: its main text (boilerplate such as navigation, headers,
    footers and scripts left out) and metadata.

    html (str | bytes): the page; as bytes it is read in its declared or detected encoding
        (many pages are not UTF-8).
    url (str | None): where it was fetched, if it was.
    RETURNS (Page): text "" when no article text is found (an empty or broken page).
    """
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None and isinstance(html, str) and html.strip():
        # a fragment saved as a file (the story's one <div>) is not taken for a page: make it one
        tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    if tree is None:  # empty, or markup lxml cannot hold (nested too deep)
        return Page("")
    stated = [str(value).strip() for value in tree.xpath(_STATED)]
    # precision first: on a short page the default fallback keeps the menu ("Home") and the
    # footer, which would be coded as the story's words
    found = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, favor_precision=True, date_extraction_params=_DATING
    )
    title = getattr(found, "title", None) or ""
    # one paragraph a line in trafilatura's text; a blank line between them in ours
    lines = (getattr(found, "text", None) or "").splitlines()
    if lines and title and lines[0].strip() == title.strip():
        # the headline (an <h1> inside <article>) is the title, as an input's "title" is: the
        # text is the story, and a headline's present tense would be coded as a second telling
        lines = lines[1:]
    return Page(
        text="\n\n".join(lines),
        title=title,
        published=next((value for value in stated if value), "") or getattr(found, "date", None) or "",
        source=getattr(found, "sitename", None) or "",
        url=getattr(found, "url", None) or "",
    )
