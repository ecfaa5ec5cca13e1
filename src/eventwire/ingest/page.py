"""An HTML page → its article text and metadata, by trafilatura: the one reading of a page,
for an ``.html`` input and for a page ``watch`` fetches, so that a page gives one text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import tables
from ..errors import TableError


@dataclass(frozen=True)
class Page:
    text: str  # paragraphs with a blank line between two; "" when the page holds no article
    title: str = ""
    published: str = ""  # as the page writes it; parsed (or refused, E109) by make_article
    source: str = ""  # the outlet, as the page names itself
    url: str = ""  # the page's own address (canonical link, og:url)
    problem: str = ""  # why no text could be read, when the page's markup is to blame


# trafilatura's own metadata date is not used (its date finder completes a date that lacks its
# day from today's, and guesses from the story's text); it still runs, so keep it cheap
_DATING = {"extensive_search": False, "original_date": True}
# The publication date as the page's metadata writes it, the first a page has of these; read
# strictly by make_article (E109 for one it cannot read, never replaced by another of them).
_STATED = (
    "//meta[@property='article:published_time' or @name='article:published_time']/@content",
    "//meta[@property='og:published_time' or @name='og:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='date' or @name='pubdate' or @name='publishdate' or @name='dcterms.date']/@content",
    "//time[@itemprop='datePublished' or @pubdate]/@datetime",
)
# references to Unicode non-characters: lxml gives up on a page holding one
_NONCHARACTER = r"&#(?:[xX]0*[fF]{3}[eEfF]|0*6553[45]);"


PAGES = "ingest/pages.yaml"


@tables.table
def pruned() -> tuple[str, ...]:
    """XPaths of the elements whose class or id holds a word of data/ingest/pages.yaml: no part
    of the article (a ticker, a cookie notice, related links)."""
    words = tables.words(PAGES, "boilerplate", lower=True)
    odd = [w for w in words if not re.fullmatch(r"[a-z0-9_-]+", w)]
    if odd:  # a quote would break every page's query
        raise TableError(
            PAGES, str(tables.path_of(PAGES)), f"boilerplate: {odd[0]!r} is no class word (a-z, 0-9, - _)"
        )
    return tuple(f"//*[contains(@class, '{w}') or contains(@id, '{w}')]" for w in words)


def _flat(text: str) -> str:
    """``text`` with its runs of white space one space: how a line and an element are compared."""
    return " ".join(text.split())


SHALLOW = 250  # a tree this deep may have been cut at libxml2's limit of 256 levels
DEEP = 2040  # and this deep even with the parser's limit for huge documents (2,048)


def _depth(tree: Any) -> int:
    """How many elements deep the tree's deepest element lies."""
    depth = {tree: 0}
    for element in tree.iterdescendants():
        depth[element] = depth[element.getparent()] + 1
    return max(depth.values())


def _deep(html: str | bytes) -> Any:
    """The page parsed again with libxml2's limit for huge documents (2,048 levels, not 256),
    as trafilatura parses it otherwise; None when nothing could be read."""
    import lxml.etree
    import lxml.html
    from trafilatura.utils import decode_file

    text = decode_file(html) if isinstance(html, bytes) else html
    options = {"collect_ids": False, "default_doctype": False, "remove_comments": True, "remove_pis": True}
    try:
        try:
            return lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(huge_tree=True, **options))
        except ValueError:  # a str that declares its encoding: as the bytes it declares
            parser = lxml.html.HTMLParser(huge_tree=True, encoding="utf-8", **options)
            return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (ValueError, lxml.etree.ParserError):
        return None


def read_page(html: str | bytes, url: str | None = None) -> Page:
    """The article of an HTML page: its main text (boilerplate such as navigation, headers,
    footers and scripts left out) and metadata.

    html (str | bytes): the page; as bytes it is read in its declared or detected encoding
        (many pages are not UTF-8).
    url (str | None): where it was fetched, if it was.
    RETURNS (Page): text "" when no article text is found (an empty or broken page).
    """
    import trafilatura

    replaced = "\ufffd"
    if isinstance(html, str):
        html = re.sub(_NONCHARACTER, replaced, html)
    else:
        html = re.sub(_NONCHARACTER.encode(), replaced.encode(), html)
    tree = trafilatura.load_html(html)
    if tree is None and isinstance(html, str) and html.strip():
        # a fragment saved as a file (the story's one <div>) is not taken for a page: make it one
        tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    if tree is not None and _depth(tree) >= SHALLOW:
        # libxml2 drops what lies deeper than 255 elements, and markup left unclosed (a <font>
        # in every paragraph) nests deeper with each paragraph of a long page
        tree = _deep(html)
        if tree is None or _depth(tree) >= DEEP:
            return Page(
                "", problem="its markup nests elements 2,048 deep or more, past what the parser reads"
            )
    if tree is None:  # empty, or markup lxml cannot hold
        return Page("")
    stated = next((v for xpath in _STATED for v in (str(x).strip() for x in tree.xpath(xpath)) if v), "")
    paragraphs = {_flat(p.text_content()) for p in tree.iter("p")}
    links = {_flat(a.text_content()) for a in tree.iter("a")}
    # precision first: on a short page the default fallback keeps the menu ("Home") and the
    # footer, which would be coded as the story's words
    found = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        favor_precision=True,
        date_extraction_params=_DATING,
        prune_xpath=list(pruned()),
    )
    title = getattr(found, "title", None) or ""
    # one paragraph a line in trafilatura's text; a blank line between them in ours
    lines = [line for line in (getattr(found, "text", None) or "").splitlines() if line.strip()]
    first = _flat(lines[0]) if lines else ""
    if title and first == _flat(title) and first not in paragraphs:
        # the headline (an <h1> inside <article>) is the title, as an input's "title" is: the
        # text is the story, and a headline's present tense would be coded as a second telling
        lines = lines[1:]
    linked = sum(len(line.split()) for line in lines if _flat(line.removeprefix("- ")) in links)
    if linked >= 0.8 * sum(len(line.split()) for line in lines):
        lines = []  # a list of links to stories (a section's front page) is no story
    return Page(
        text="\n\n".join(lines),
        title=title,
        published=stated,
        source=getattr(found, "sitename", None) or "",
        url=getattr(found, "url", None) or "",
    )
