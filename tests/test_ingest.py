"""Ingest: HTML main text, metadata, publication dates; files, folders, feeds and streams."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from eventwire import errors, ingest
from eventwire.errors import InputError
from eventwire.records import Article

# A composed page: the article's paragraphs amid an outlet's boilerplate.
PARAGRAPHS = (
    "Security forces fired tear gas at protesters in Khartoum on Monday, medics said, as thousands "
    "marched towards the presidential palace.",
    "Police arrested at least twenty people in Omdurman, a lawyers group said on Tuesday, adding that "
    "several were later released without charge.",
    "The protests began last month after the government raised the price of bread and fuel, and have "
    "spread to several other cities since.",
)
BOILERPLATE = ("Example News:", "Home", "By A. Reporter", "Most read", "Copyright", "tracking", "color")


def html_page(head: str = "", paragraphs: tuple[str, ...] = PARAGRAPHS) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><title>Example News | Tear gas in Khartoum</title>"
        "<meta property='og:title' content='Tear gas in Khartoum'>"
        "<meta property='og:site_name' content='Example News'>"
        "<meta property='og:url' content='https://news.example.org/2022/khartoum'>"
        f"{head}</head><body>"
        "<header><p>Example News: the world, every day, in one place for all of our readers.</p></header>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
        f"<article><h1>Tear gas in Khartoum</h1><p class='byline'>By A. Reporter</p>{body}</article>"
        "<aside><p>Most read: ten things you did not know about the weather this week.</p></aside>"
        "<footer><p>Copyright Example News. All rights reserved, whatever that means to you.</p></footer>"
        "<script>var tracking = 'The script text must never be coded as news.';</script>"
        "<style>p { color: red; }</style></body></html>"
    )


PUBLISHED = "<meta property='article:published_time' content='2022-01-18T17:05:00Z'>"


def _html_input(tmp_path: Path, page: str, name: str = "page.html") -> Article | InputError:
    (tmp_path / name).write_text(page, encoding="utf-8")
    [found] = ingest.read([str(tmp_path / name)])
    return found


def test_ingest_html_keeps_article_drops_boilerplate(tmp_path: Path) -> None:
    article = _html_input(tmp_path, html_page(PUBLISHED))
    assert isinstance(article, Article), article
    # the paragraphs in order, a blank line between two; no headline (it is the title), no
    # navigation, byline, aside, footer, script or style
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert not [b for b in BOILERPLATE if b in article.text]
    assert (article.title, article.source, article.url) == (
        "Tear gas in Khartoum",
        "Example News",
        "https://news.example.org/2022/khartoum",
    )
    assert (article.published, article.published_basis, article.warnings) == (
        dt.date(2022, 1, 18),
        "metadata",
        (),
    )


def test_ingest_short_html_page_is_its_story_alone() -> None:
    # on a page of one or two paragraphs a lenient extraction keeps the menu and the masthead
    story = (
        "Gunmen killed two farmers near Garissa, Kenya, on Wednesday, police said on Thursday.",
        "The attackers fled towards the border.",
    )
    page = (
        "<!DOCTYPE html><html><head><title>Gunmen kill two in Garissa</title></head><body>"
        "<header><p>The Daily: news from East Africa</p></header>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/kenya'>Kenya</a></li></ul></nav>"
        f"<article><h1>Gunmen kill two in Garissa</h1><p>{story[0]}</p><p>{story[1]}</p></article>"
        "<footer><p>Copyright The Daily 2021. All rights reserved.</p></footer></body></html>"
    )
    assert ingest.read_page(page).text == "\n\n".join(story)
    bare = f"<html><body><nav><a href='/'>Home</a></nav><p>{story[0]}</p><footer>(c)</footer></body></html>"
    assert ingest.read_page(bare).text == story[0]


def test_ingest_html_date_is_never_completed_from_today(tmp_path: Path) -> None:
    # a date finder would complete "2021-02" with today's day: the page's value is refused
    article = _html_input(tmp_path, html_page("<meta itemprop='datePublished' content='2021-02'>"))
    assert isinstance(article, Article), article
    assert (article.published, article.published_basis) == (None, "unknown")
    assert any("E109" in w and "'2021-02'" in w for w in article.warnings)


def test_ingest_html_first_paragraph_that_repeats_the_title_is_kept(tmp_path: Path) -> None:
    # the headline is left out, but a story whose first paragraph is its title keeps it
    page = html_page().replace(
        "<title>Example News | Tear gas in Khartoum</title>", f"<title>{PARAGRAPHS[0]}</title>"
    )
    page = page.replace("content='Tear gas in Khartoum'", f"content='{PARAGRAPHS[0]}'")
    page = page.replace("<h1>Tear gas in Khartoum</h1>", f"<h1>{PARAGRAPHS[0]}</h1>")
    assert ingest.read_page(page).text == "\n\n".join(PARAGRAPHS)


def test_ingest_html_in_the_encoding_it_declares_or_a_noncharacter_is_read(tmp_path: Path) -> None:
    page = html_page().replace("<head>", "<head><meta charset='windows-1252'>")
    (tmp_path / "cp1252.html").write_bytes(page.replace("protesters", "protesters\u2019").encode("cp1252"))
    [article] = ingest.read([str(tmp_path / "cp1252.html")])
    assert isinstance(article, Article) and "protesters\u2019" in article.text, article
    (tmp_path / "latin.html").write_bytes(
        html_page().replace("protesters", "protesters\u00e9").encode("latin-1")
    )
    [undeclared] = ingest.read([str(tmp_path / "latin.html")])  # no declared encoding: not guessed
    assert isinstance(undeclared, InputError) and undeclared.reason.startswith("E103")
    # one reference to a Unicode non-character once emptied the whole page
    assert ingest.read_page(html_page().replace(PARAGRAPHS[1], PARAGRAPHS[1] + " &#xFFFF;")).text.startswith(
        PARAGRAPHS[0]
    )


def test_ingest_html_unreadable_published_time_warns_and_is_never_replaced(tmp_path: Path) -> None:
    # the outlet's date is said to be unreadable (E109), not completed nor swapped for another
    head = "<meta property='article:published_time' content='Monday'><meta name='date' content='2022-01-19'>"
    article = _html_input(tmp_path, html_page(head))
    assert isinstance(article, Article), article
    assert (article.published, article.published_basis) == (None, "unknown")
    assert any("E109" in w and "'Monday'" in w for w in article.warnings)


def test_ingest_html_date_from_the_page_metadata_else_none_never_today(tmp_path: Path) -> None:
    for head, expected in (
        ("<meta name='date' content='2022-01-19'>", dt.date(2022, 1, 19)),
        ("", None),  # no date on the page (its address has a year only): never today's
    ):
        article = _html_input(tmp_path, html_page(head))
        assert isinstance(article, Article), article
        assert article.published == expected and article.warnings == ()
        assert article.published_basis == ("metadata" if expected else "unknown")


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("", "E105"),  # an empty file
        ("<html><body><nav><a>Home</a><a>World</a></nav><script>var x = 1;</script></body></html>", "E105"),
        ("<html><body><div class='paywall'>Subscribe to read the whole story</div></body></html>", "E105"),
        # nested past what lxml holds: said so, not taken for a page of navigation
        (
            "<div>" * 20_000 + PARAGRAPHS[0] + "</div>" * 20_000,
            "E105 no article text read from the HTML: its markup",
        ),
        ("<html><body>\x00\x01 binary</body></html>", "E102"),
        # a ticker of headlines, a front page of links to stories: no story of their own
        (f"<html><body><div class='news-ticker'><p>{PARAGRAPHS[0]}</p></div></body></html>", "E105"),
        (
            "<html><body><h2>Latest</h2><ul>"
            + "".join(f"<li><a href='/s{n}'>{PARAGRAPHS[0][:80]} {n}</a></li>" for n in range(12))
            + "</ul></body></html>",
            "E105",
        ),
        (
            "<html><body><article>"
            + "<p>Des hommes armés ont attaqué le village de Kautikari samedi, tuant onze agriculteurs "
            "selon les habitants, et la police est arrivée le lendemain matin.</p>"
            * 2
            + "</article></body></html>",
            "E108",
        ),
    ],
)
def test_ingest_html_without_an_english_article_is_refused_with_reason(
    tmp_path: Path, page: str, reason: str
) -> None:
    found = _html_input(tmp_path, page)
    assert isinstance(found, InputError) and found.reason.startswith(reason), found


def test_ingest_html_nested_past_the_parsers_usual_depth_is_read(tmp_path: Path) -> None:
    # a <font> left unclosed in every paragraph nests each paragraph in the one before; lxml
    # drops what lies past 255 levels unless told to read a huge tree
    body = "".join(f"<font size=2><p>{PARAGRAPHS[n % len(PARAGRAPHS)]}" for n in range(300))
    last = "<font size=2><p>Police said the attackers fled towards the forest beyond Kautikari village."
    article = _html_input(tmp_path, f"<html><head><title>Raid</title></head><body>{body}{last}</body></html>")
    assert isinstance(article, Article), article
    assert PARAGRAPHS[0][:40] in article.text and "beyond Kautikari village" in article.text


def test_ingest_html_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    page = html_page(PUBLISHED)
    (tmp_path / "big.html").write_text(page, encoding="utf-8")
    [found] = ingest.read([str(tmp_path / "big.html")], ingest.Options(max_bytes=len(page) - 1))
    assert isinstance(found, InputError) and found.reason.startswith("E104")
    [found] = ingest.read([str(tmp_path / "big.html")], ingest.Options(max_bytes=len(page)))
    assert isinstance(found, Article)


def test_ingest_html_from_stdin_is_known_by_its_markup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    stdin = io.TextIOWrapper(io.BytesIO(html_page(PUBLISHED).encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", stdin)
    [article] = ingest.read(["-"])
    assert isinstance(article, Article) and article.text == "\n\n".join(PARAGRAPHS)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-05", dt.date(2020, 1, 5)),
        ("2020-01-05T10:00:00Z", dt.date(2020, 1, 5)),
        ("January 5, 2020", dt.date(2020, 1, 5)),
        ("5 January 2020", dt.date(2020, 1, 5)),
        ("Sun, 05 Jan 2020 14:03:00 +0000", dt.date(2020, 1, 5)),  # RFC 2822, as in RSS
        ("Thursday, 2 January 2020", dt.date(2020, 1, 2)),
        ("13/01/2020", dt.date(2020, 1, 13)),  # 13 cannot be a month
        # a zone-aware time keeps the day written, not the day in UTC or here
        ("2020-01-05T23:30:00-11:00", dt.date(2020, 1, 5)),
        ("2020-01-05T00:30:00+14:00", dt.date(2020, 1, 5)),
        # refused, never completed from a default or from today
        ("January 2020", None),
        ("5 January", None),
        ("Monday", None),
        ("2020", None),
        ("5 Jan 20", None),  # a two-digit year
        ("not a date", None),
        ("2020-02-30", None),
        ("05/01/2020", None),  # 5 January or May 1
        ("", None),
    ],
)
def test_ingest_parse_date(value: str, expected: dt.date | None) -> None:
    assert ingest.parse_date(value) == expected


def test_ingest_reads_publication_dates_as_outlets_write_them() -> None:
    text = "Police arrested ten people in Kano on Monday, officials said."
    for value in ("January 5, 2020", "5 January 2020", "Sun, 05 Jan 2020 14:03:00 +0000"):
        article = ingest.make_article("a.json", text, {"published": value}, ingest.Options())
        assert (article.published, article.published_basis, article.warnings) == (
            dt.date(2020, 1, 5),
            "metadata",
            (),
        )


def test_ingest_outlet_is_the_source_when_no_source_is_given(tmp_path: Path) -> None:
    text = "Police arrested ten people in Kano on Monday, officials said."
    (tmp_path / "a.json").write_text(
        json.dumps([{"text": text, "outlet": "AFP"}, {"text": text, "outlet": "AFP", "source": "Reuters"}]),
        encoding="utf-8",
    )
    found = list(ingest.read([str(tmp_path / "a.json")]))
    assert [a.source for a in found if isinstance(a, Article)] == ["AFP", "Reuters"]


def test_ingest_unparseable_metadata_date_warns_and_keeps_article() -> None:
    article = ingest.make_article(
        "a.json",
        "Police arrested ten people in Kano on Monday, officials said.",
        {"published": "Monday"},
        ingest.Options(),
    )
    assert article.published is None
    assert any("E109" in w and "'Monday'" in w for w in article.warnings)


def test_ingest_content_hash_is_the_default_id() -> None:
    a = ingest.make_article("a", "Police arrested ten people in Kano on Monday.", {}, ingest.Options())
    b = ingest.make_article("b", "Police arrested ten people in Kano on Monday.", {}, ingest.Options())
    assert a.id == b.id and len(a.id) == 16


def test_ingest_non_english_is_refused_with_reason() -> None:
    with pytest.raises(InputError, match="E108"):
        ingest.make_article(
            "fr.txt",
            "Des hommes armés ont attaqué le village de Kautikari samedi, tuant "
            "onze agriculteurs selon les habitants.",
            {},
            ingest.Options(),
        )


def test_ingest_names_with_foreign_articles_are_still_english() -> None:
    # "El" and "Al" open names here; lower-case "el", "de", "la" would be Spanish or French
    text = "Al Shabaab militants attacked El Wak town. 2 people were killed."
    assert ingest.make_article("ke.txt", text, {}, ingest.Options()).text == text
    with pytest.raises(InputError, match="E108"):
        ingest.make_article(
            "es.txt", "Los milicianos atacaron el pueblo de la provincia.", {}, ingest.Options()
        )


def test_ingest_malformed_html_still_yields_the_article() -> None:
    html = f"<html><body><div><p>{PARAGRAPHS[0]}<p>{PARAGRAPHS[1]}<div></span></body"  # unclosed, cut off
    assert ingest.read_page(html).text == f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}"
    fragment = f"<div class='story'><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>"  # no <html>
    assert ingest.read_page(fragment).text == f"{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}"


def test_ingest_short_text_in_another_script_is_not_english() -> None:
    with pytest.raises(InputError, match="E108"):
        ingest.make_article("ar.txt", "هاجم مسلحون قرية في ولاية بورنو يوم السبت", {}, ingest.Options())


def test_ingest_reads_gzipped_jsonl_and_names_a_truncated_one(tmp_path: Path) -> None:
    import gzip

    line = b'{"text": "Police arrested two suspects in Mombasa, Kenya, on 5 May 2024.", "id": "g%d"}\n'
    with gzip.open(tmp_path / "feed.jsonl.gz", "wb") as f:
        for n in range(3):
            f.write(line % n)
    whole = list(ingest.read([str(tmp_path / "feed.jsonl.gz")]))
    assert [a.id for a in whole if isinstance(a, Article)] == ["g0", "g1", "g2"]
    assert ingest.count([str(tmp_path / "feed.jsonl.gz")]) == 3
    data = gzip.compress(b"".join(line % n for n in range(200)))
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    cut = list(ingest.read([str(tmp_path / "cut.jsonl.gz")]))
    assert isinstance(cut[-1], InputError) and "E118" in cut[-1].reason
    assert cut[-1].origin.startswith(str(tmp_path / "cut.jsonl.gz") + ":")


def test_ingest_reads_parquet_rows_with_their_metadata(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = "Gunmen killed {} villagers near Garissa, Kenya, on 3 May 2024, officials said."
    rows = [
        {"text": text.format(n + 2), "id": f"p{n}", "published": "2024-05-04", "source": "Wire"}
        for n in range(3)
    ]
    rows.append({"text": None, "id": "empty", "published": None, "source": None})
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "feed.parquet", row_group_size=2)
    found = list(ingest.read([str(tmp_path / "feed.parquet")]))
    articles = [a for a in found if isinstance(a, Article)]
    assert [(a.id, a.source, str(a.published)) for a in articles] == [
        (f"p{n}", "Wire", "2024-05-04") for n in range(3)
    ]
    assert isinstance(found[3], InputError) and found[3].origin.endswith("feed.parquet:4")
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "notext.parquet")
    (tmp_path / "fake.parquet").write_text("not parquet")
    for name in ("notext.parquet", "fake.parquet"):
        [err] = list(ingest.read([str(tmp_path / name)]))
        assert isinstance(err, InputError) and "E119" in err.reason, name


def test_ingest_walks_nested_folders_in_name_order(tmp_path: Path) -> None:
    story = "Gunmen killed two villagers near Garissa, Kenya, on 3 May 2024, officials said."
    for name in ("b/2.txt", "a/9.txt", "a/10.txt", "c.txt", "notes.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(story, encoding="utf-8")
    origins = [a.origin for a in ingest.read([str(tmp_path)])]
    assert [Path(o).relative_to(tmp_path).as_posix() for o in origins] == [
        "a/10.txt",
        "a/9.txt",
        "b/2.txt",
        "c.txt",
    ]


STORY = "Gunmen killed two villagers near Garissa, Kenya, on 3 May 2024, officials said."
HOSTILE_LINES = {  # a JSON line Python cannot hold as it is, and what the user is told
    "deep": ("[" * 100_000 + "]" * 100_000, "E106 malformed JSON: nested too deeply"),
    "digits": ('{"text": "x", "id": ' + "1" * 5000 + "}", "E106 malformed JSON: a number of more than"),
    "surrogate": (json.dumps({"text": STORY[:20] + "\ud800" + STORY[20:]}), "E128 not valid Unicode"),
    "title": (json.dumps({"text": STORY, "title": {"a": [1]}}), "E106 malformed JSON: 'title' must be"),
}


def _outcomes(inputs: list[str]) -> list[tuple[str, str]]:
    return [(x.origin, x.reason if isinstance(x, InputError) else "article") for x in ingest.read(inputs)]


@pytest.mark.parametrize("kind", sorted(HOSTILE_LINES))
def test_ingest_a_json_value_python_cannot_hold_costs_its_line_only(kind: str, tmp_path: Path) -> None:
    line, reason = HOSTILE_LINES[kind]
    good = [json.dumps({"text": STORY, "id": f"g{n}"}) for n in range(3)]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([good[0], line, good[1], good[2]]) + "\n", encoding="utf-8")
    found = _outcomes([str(feed)])
    assert [o for o, _ in found] == [f"{feed}:{n}" for n in (1, 2, 3, 4)]
    assert found[1][1].startswith(reason) and [r for _, r in found if r == "article"] == ["article"] * 3
    (tmp_path / "one.json").write_text(line, encoding="utf-8")  # a whole .json file the same
    [(origin, said)] = _outcomes([str(tmp_path / "one.json")])
    assert said.startswith(reason)


def test_ingest_names_every_file_in_a_folder_that_cannot_be_read(tmp_path: Path) -> None:
    import os

    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")  # a FIFO is never opened: reading it would wait for a writer
    (tmp_path / "c.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "d.txt").symlink_to(tmp_path / "d.txt")
    (tmp_path / "e.txt").symlink_to("/dev/zero")
    (tmp_path / "f.txt").symlink_to("/proc/self/mem")  # a regular file whose read is an I/O error
    (tmp_path / "g.txt").write_text(STORY.replace("two", "three"), encoding="utf-8")
    found = dict(_outcomes([str(tmp_path)]))
    assert {Path(o).name: r[:4] for o, r in found.items()} == {
        "a.txt": "arti",
        "b.txt": "E127",
        "c.txt": "E126",
        "d.txt": "E126",
        "e.txt": "E127",
        "f.txt": "E126",
        "g.txt": "arti",
    }
    assert "a FIFO" in found[str(tmp_path / "b.txt")] and "a device" in found[str(tmp_path / "e.txt")]
    assert "link to nothing" in found[str(tmp_path / "c.txt")] and "loops" in found[str(tmp_path / "d.txt")]


def test_ingest_an_unreadable_file_or_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    for name in ("x.jsonl", "y.txt", "z/a.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    real_open, real_scandir = os.open, os.scandir

    def denied(real: Any) -> Any:  # as for a file of another user (root reads whatever the mode)
        def call(path: Any, *args: Any, **kwargs: Any) -> Any:
            if str(path).startswith(str(tmp_path)):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "open", denied(real_open))
    monkeypatch.setattr(os, "scandir", denied(real_scandir))
    found = _outcomes([str(tmp_path / n) for n in ("x.jsonl", "y.txt", "z")])
    assert found == [
        (str(tmp_path / n), "E126 cannot be read: Permission denied") for n in ("x.jsonl", "y.txt", "z")
    ]


def test_ingest_a_fifo_named_by_the_user_is_read_as_stdin_is(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    lines = "".join(json.dumps({"text": STORY, "id": f"f{n}"}) + "\n" for n in range(2))
    writer = threading.Thread(target=lambda: fifo.write_text(lines, encoding="utf-8"))
    writer.start()
    found = _outcomes([str(fifo)])
    writer.join(5)
    assert found == [(f"{fifo}:1", "article"), (f"{fifo}:2", "article")]
    [(origin, said)] = _outcomes(["/dev/zero"])  # a device: refused after its first block
    assert said.startswith("E102")


def test_ingest_a_feed_of_blank_lines_is_empty_not_silent(tmp_path: Path) -> None:
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n\r\n\n")
    assert _outcomes([str(tmp_path / "blank.jsonl")]) == [(str(tmp_path / "blank.jsonl"), errors.E_EMPTY)]


def test_ingest_decodes_utf16_and_utf32_with_a_byte_order_mark(tmp_path: Path) -> None:
    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        bom = {"utf-16-be": "\ufeff"}.get(encoding, "")  # the -be codec writes no mark itself
        (tmp_path / f"{encoding}.txt").write_text(bom + STORY, encoding=encoding)
        feed = "".join(json.dumps({"text": STORY, "id": f"{encoding}{n}"}) + "\n" for n in range(2))
        (tmp_path / f"{encoding}.jsonl").write_text(bom + feed, encoding=encoding)
    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        found = list(ingest.read([str(tmp_path / f"{encoding}.txt"), str(tmp_path / f"{encoding}.jsonl")]))
        assert all(isinstance(a, Article) for a in found), found
        assert found[0].text == STORY and [a.id for a in found[1:]] == [f"{encoding}0", f"{encoding}1"]


def test_ingest_a_compressed_line_of_a_gigabyte_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    import gzip
    import tracemalloc

    line = json.dumps({"text": STORY}).encode() + b"\n"
    with gzip.open(tmp_path / "bomb.jsonl.gz", "wb") as f:  # 256 MB in 250 kB
        f.write(line + b'{"text": "' + b"a" * (1 << 20) * 256 + b'"}\n' + b"\n" * (1 << 20) * 64 + line)
    tracemalloc.start()
    try:
        found = _outcomes([str(tmp_path / "bomb.jsonl.gz")])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [r[:4] for _, r in found] == ["arti", "E104", "arti"]
    assert found[2][0].endswith(f":{3 + 64 * (1 << 20)}")  # blank lines counted, not kept
    assert peak < 20_000_000, peak  # one block and one article's worth, not the line


def test_ingest_control_bytes_are_binary_but_a_stray_one_is_read(tmp_path: Path) -> None:
    # (one in a short text is too many: the hostile-input property test found "A\x01A\ta a")
    for name, data in (("ctl.txt", b"A\x01A\x01a\x01a"), ("one.txt", b"A\x01A\ta a")):
        (tmp_path / name).write_bytes(data)
        [found] = ingest.read([str(tmp_path / name)])
        assert isinstance(found, InputError) and found.reason.startswith("E102"), found
    (tmp_path / "stray.txt").write_bytes(("\n\n".join(PARAGRAPHS) + "\x01").encode())
    [article] = ingest.read([str(tmp_path / "stray.txt")])
    assert isinstance(article, Article), article
