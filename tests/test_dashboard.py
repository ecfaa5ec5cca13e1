"""The dashboard in real headless Chromium (Debian's, driven by Playwright) against a real
server and store: filter, go from a dot on the map to the sentence that justifies it, and
render a hostile article as text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.conftest import Live, code_text, keep_in_store

from eventwire import serve
from eventwire.bench import CHROMIUM, CHROMIUM_ARGS

TOKEN = "dashboard-token"
HOSTILE_TITLE = '<img src=x onerror="window.__pwned = 1">Breaking'
HOSTILE_TEXT = (
    "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya, police said. "
    '<script>window.__pwned = 1; alert("xss")</script> '
    'Witnesses said <b onmouseover="window.__pwned = 1">the attackers</b> fled.'
)
STORIES = [
    {
        "id": "kano",
        "published": "2021-05-10",
        "text": "Gunmen attacked a church in Kano, Nigeria, on 9 May 2021, killing three worshippers.",
    },
    {
        "id": "nairobi",
        "published": "2021-03-05",
        "text": "On 4 March 2021, students protested peacefully in Nairobi, Kenya, over school fees.",
    },
    {"id": "hostile", "title": HOSTILE_TITLE, "published": "2021-03-05", "text": HOSTILE_TEXT},
    {"id": "empty", "title": "no text"},
]


@pytest.fixture(scope="module")
def dash_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dash") / "events.db"


@pytest.fixture(scope="module")
def site(dash_db: Path, nlp_loaded: Any) -> Iterator[Live]:
    server = Live(serve.app_for(dash_db, TOKEN))
    reply = httpx.post(
        f"{server.url}/api/articles", json=STORIES, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120
    )
    assert reply.status_code == 200 and reply.json()["coded"] == len(STORIES) - 1, reply.text
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("EVENTWIRE_BROWSER_REQUIRED"):
            pytest.fail(f"{CHROMIUM} is missing: run scripts/install-browser.sh")
        pytest.skip(f"{CHROMIUM} is not installed (scripts/install-browser.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, site: Live) -> Iterator[Any]:
    # the page's Content-Security-Policy is bypassed: the page itself must render every
    # stored string as text, without that second line of defence (and the test may evaluate)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda err: problems.append(str(err)))
    tab.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    tab.on("requestfailed", lambda req: problems.append(f"request failed: {req.url}"))
    # the page must need nothing from outside this server
    tab.route(
        "**/*",
        lambda route: route.abort() if not route.request.url.startswith(site.url) else route.continue_(),
    )
    tab.goto(site.url)
    tab.wait_for_selector("#events tbody tr")
    yield tab
    assert problems == []
    context.close()


def test_dashboard_from_a_dot_on_the_map_to_its_sentence(page: Any, site: Live) -> None:
    kano = httpx.get(f"{site.url}/api/events", params={"q": "worshippers"}).json()["events"][0]
    detail = httpx.get(f"{site.url}/api/events/{kano['event_id']}").json()
    dots = page.locator(".leaflet-overlay-pane path.leaflet-interactive")
    assert dots.count() == httpx.get(f"{site.url}/api/points").json()["total"] >= 2
    # the dot of the Kano attack: the one placed where the record says
    point = page.evaluate(f"(() => map.latLngToContainerPoint([{kano['latitude']}, {kano['longitude']}]))()")
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])  # one click
    page.wait_for_selector("#detail:not([hidden]) mark.evidence")
    marks = page.locator("#articles mark.evidence").all_inner_texts()
    assert marks == [span["text"] for span in detail["evidence"]]
    assert "killing three worshippers" in " ".join(marks)
    fields = page.locator("#fields").inner_text()
    assert kano["sub_event_type"] in fields and kano["actor1"] in fields
    assert "event=" + kano["event_id"] in page.url  # the view can be shared


def test_dashboard_filters_table_map_timeline_and_downloads(page: Any, site: Live) -> None:
    page.fill("input[name=country]", "Kenya")
    page.click("button[type=submit]")
    page.wait_for_function("document.querySelector('#summary').textContent.includes('events')")
    page.wait_for_function(
        "[...document.querySelectorAll('#events tbody tr')].every(r => r.textContent.includes('Kenya'))"
    )
    expected = httpx.get(f"{site.url}/api/events", params={"country": "Kenya"}).json()["total"]
    assert page.locator("#events tbody tr").count() == expected
    assert page.locator("#summary").inner_text().startswith(f"{expected} events")
    assert page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == expected
    assert page.locator("#timeline rect").count() >= 1
    csv_link = page.locator("#csv").get_attribute("href")
    assert "country=Kenya" in csv_link and "format=acled-csv" in csv_link
    rows = httpx.get(f"{site.url}{csv_link}").text.strip().splitlines()
    assert len(rows) == expected + 1
    # a row opens the event too
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#detail:not([hidden]) mark.evidence")


def test_dashboard_renders_a_hostile_article_as_text(page: Any, site: Live) -> None:
    [event] = httpx.get(f"{site.url}/api/events", params={"q": "farmers"}).json()["events"]
    assert event["article_ids"] == ["hostile"]
    page.goto(f"{site.url}/#event={event['event_id']}")
    page.wait_for_selector("#detail:not([hidden]) mark.evidence")
    article = page.locator("#articles .article")
    assert "<script>window.__pwned = 1" in article.inner_text()
    assert HOSTILE_TITLE in article.locator("h4").inner_text()
    assert article.locator("script, img, b").count() == 0
    page.locator("#articles .text").hover()
    assert page.evaluate("window.__pwned") is None


def test_dashboard_lists_the_inputs_that_failed_with_their_reason(page: Any) -> None:
    page.wait_for_function("document.querySelector('#inputs summary').textContent.includes('(1)')")
    page.click("#inputs summary")
    row = page.locator("#inputs tbody tr").first.inner_text()
    assert "POST item 3" in row and "E107" in row


def test_dashboard_map_tooltips_are_text_too(browser: Any, site: Live, dash_db: Path) -> None:
    import sqlite3

    hostile = '<img src=x onerror="window.__pwned = 1">'
    [record] = httpx.get(f"{site.url}/api/events", params={"q": "worshippers"}).json()["events"]
    with sqlite3.connect(dash_db) as conn:  # a store whose type names are hostile
        conn.execute("UPDATE merged SET sub_event_type = ? WHERE id = ?", (hostile, record["event_id"]))
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    tab.goto(site.url)
    tab.wait_for_selector(".leaflet-overlay-pane path.leaflet-interactive")
    tab.evaluate("dots.eachLayer((d) => d.openTooltip())")
    tips = tab.locator(".leaflet-tooltip-pane")
    assert hostile in tips.inner_text()
    assert tips.locator("img").count() == 0 and tab.evaluate("window.__pwned") is None
    context.close()


def test_dashboard_counts_undated_events_apart_and_shows_them_undated(
    browser: Any, tmp_path: Path, nlp_loaded: Any
) -> None:
    db = tmp_path / "undated.db"
    story = (
        "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya. On 4 March 2021, "
        "students protested in Nairobi, Kenya, over school fees."
    )
    article, found = code_text(story, "story", "2021-03-06")
    keep_in_store(
        db,
        article,
        tuple(
            replace(e, event_date=None, date_basis="unknown", background=True)
            if e.sub_event_type == "Attack"
            else e
            for e in found
        ),
    )
    server = Live(serve.app_for(db, None))
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        tab = context.new_page()
        problems: list[str] = []
        tab.on("pageerror", lambda err: problems.append(str(err)))
        tab.goto(server.url)
        tab.wait_for_selector("#events tbody tr")
        tab.wait_for_function("document.querySelector('#summary').textContent.includes('events')")
        assert tab.locator("#undated").inner_text() == "1 undated event (not on the timeline)"
        assert tab.locator("#timeline rect").count() == 1  # the dated protest's month alone
        assert tab.locator("#summary").inner_text().startswith("2 events")
        rows = tab.locator("#events tbody tr")
        assert rows.count() == 2
        assert rows.nth(0).locator("td").first.inner_text() == "2021-03-04"
        undated = rows.nth(1).locator("td").first
        assert undated.inner_text().split() == ["undated", "background"]
        assert "undated" in (tab.locator("#csv").get_attribute("title") or "")
        rows.nth(1).click()
        tab.wait_for_selector("#detail:not([hidden]) mark.evidence")
        assert tab.locator("#detail-title").inner_text().endswith("· undated · background")
        fields = tab.locator("#fields").inner_text()
        assert "Date\nundated" in fields and "Background\nyes" in fields
        assert problems == []
    finally:
        context.close()
        server.stop()
