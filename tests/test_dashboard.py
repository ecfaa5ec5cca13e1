"""The dashboard in real headless Chromium (Debian's, driven by Playwright) against a real
server and store: filter, go from a dot on the map to the sentence that justifies it, and
render a hostile article as text."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from tests.conftest import Live, code_text, keep_in_store, many_events

from eventwire import serve, store
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


@contextlib.contextmanager
def dashboard(browser: Any, url: str, bypass_csp: bool = True, view: str = "") -> Iterator[Any]:
    """The page of the server at ``url`` (with ``view``, an address's #part) in a new tab,
    failing on any page error, dialog or request that failed."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)
    try:
        tab = context.new_page()
        problems: list[str] = []
        tab.on("pageerror", lambda err: problems.append(str(err)))
        tab.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
        tab.on("requestfailed", lambda req: problems.append(f"request failed: {req.url}"))
        # what the page's Content-Security-Policy blocked (with the policy enforced)
        tab.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
        # the page must need nothing from outside this server
        tab.route(
            "**/*",
            lambda route: route.abort() if not route.request.url.startswith(url) else route.continue_(),
        )
        tab.goto(url + view)
        tab.wait_for_selector("#events tbody tr")
        yield tab
        assert problems == []
    finally:
        context.close()


@pytest.fixture()
def page(browser: Any, site: Live) -> Iterator[Any]:
    # the page's Content-Security-Policy is bypassed: the page itself must render every
    # stored string as text, without that second line of defence (and the test may evaluate)
    with dashboard(browser, site.url) as tab:
        yield tab


# Events at one place (Maiduguri: an attack two articles report, a clash, a protest), one
# elsewhere (Nairobi) and one with no coordinates (Kisumu), from January to June 2021.
PLACES = [
    ("a", "On 2 January 2021, gunmen killed four villagers in Maiduguri, Nigeria.", "2021-01-03"),
    (
        "a2",
        "Gunmen killed four villagers in Maiduguri, Nigeria, on 2 January 2021, residents said.",
        "2021-01-04",
    ),
    (
        "b",
        "On 5 March 2021, soldiers clashed with Boko Haram fighters in Maiduguri, Nigeria, killing two.",
        "2021-03-06",
    ),
    (
        "c",
        "On 9 June 2021, students protested peacefully in Maiduguri, Nigeria, over school fees.",
        "2021-06-10",
    ),
    (
        "d",
        "On 4 March 2021, students protested peacefully in Nairobi, Kenya, over school fees.",
        "2021-03-05",
    ),
    ("e", "On 6 March 2021, rioters looted shops in Kisumu, Kenya.", "2021-03-07"),
]
NOT_A_LINK = "javascript:window.__pwned = 1"


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory, nlp_loaded: Any) -> Iterator[Live]:
    db = tmp_path_factory.mktemp("places") / "events.db"
    for article_id, text, published in PLACES:
        article, found = code_text(text, article_id, published)
        nowhere = article_id == "e"
        keep_in_store(
            db,
            article,
            tuple(
                replace(
                    e,
                    source=f"Paper {article_id.upper()}",
                    source_url=NOT_A_LINK if article_id == "b" else f"https://news.example/{article_id}",
                    latitude=None if nowhere else e.latitude,
                    longitude=None if nowhere else e.longitude,
                )
                for e in found
            ),
        )
    server = Live(serve.app_for(db, None))
    yield server
    server.stop()


@pytest.fixture()
def places_page(browser: Any, places: Live) -> Iterator[Any]:
    with dashboard(browser, places.url, bypass_csp=False) as tab:  # the page as users get it
        tab.wait_for_function("() => document.querySelector('#summary').textContent.includes('events')")
        yield tab


DOTS = ".leaflet-overlay-pane path.leaflet-interactive"
CLUSTERS = ".leaflet-marker-pane .cluster"


def on_map(tab: Any) -> int:
    """The events the map draws: a dot each, or counted in the number of a cluster."""
    dots: int = tab.locator(DOTS).count()
    return dots + sum(int(n) for n in tab.locator(CLUSTERS).all_inner_texts())


def test_dashboard_from_a_dot_on_the_map_to_its_sentence(page: Any, site: Live) -> None:
    kano = httpx.get(f"{site.url}/api/events", params={"q": "worshippers"}).json()["events"][0]
    detail = httpx.get(f"{site.url}/api/events/{kano['event_id']}").json()
    assert on_map(page) == httpx.get(f"{site.url}/api/points").json()["total"] >= 2
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
    assert on_map(page) == expected
    assert page.locator("#timeline rect").count() >= 1
    csv_link = page.locator("#download-acled-csv").get_attribute("href")
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
        assert "undated" in (tab.locator("#download-acled-csv").get_attribute("title") or "")
        rows.nth(1).click()
        tab.wait_for_selector("#detail:not([hidden]) mark.evidence")
        assert tab.locator("#detail-title").inner_text().endswith("· undated · background")
        fields = tab.locator("#fields").inner_text()
        assert "Date\nundated" in fields and "Background\nyes" in fields
        assert problems == []
    finally:
        context.close()
        server.stop()


def test_dashboard_reset_clears_every_filter_and_the_address(page: Any, site: Live) -> None:
    every = httpx.get(f"{site.url}/api/events").json()["total"]
    kenya = httpx.get(f"{site.url}/api/events", params={"country": "Kenya", "q": "students"}).json()["total"]
    assert every > kenya >= 1
    page.fill("input[name=country]", "Kenya")
    page.fill("input[name=q]", "students")
    page.fill("input[name=since]", "2021-01-01")
    page.select_option("select[name=modality]", "all")
    page.click("button[type=submit]")
    page.wait_for_function(f"document.querySelectorAll('#events tbody tr').length === {kenya}")
    assert "country=Kenya" in page.url
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.click("text=Reset")
    page.wait_for_function(f"document.querySelectorAll('#events tbody tr').length === {every}")
    filled = page.eval_on_selector_all(
        "#filters input, #filters select",
        "els => els.filter(e => e.type === 'checkbox' ? e.checked : e.value !== '').map(e => e.name)",
    )
    assert filled == []
    assert page.evaluate("location.hash") == ""
    assert page.locator("#summary").inner_text().startswith(f"{every} events")
    assert errors == []


def test_dashboard_clusters_events_at_one_place_and_counts_those_off_the_map(places_page: Any) -> None:
    tab = places_page
    # Maiduguri's three events: one marker with their number; Nairobi's alone: a dot
    assert tab.locator(CLUSTERS).all_inner_texts() == ["3"]
    assert tab.locator(DOTS).count() == 1
    assert tab.locator("#mapcount").inner_text() == "5 events, 1 not on the map"  # Kisumu's
    assert tab.locator(".leaflet-control.legend").count() == 1
    # they share one point: a click spreads them out, each a dot of its own that opens its event
    tab.locator(CLUSTERS).click()
    tab.wait_for_function(f"() => document.querySelectorAll('{DOTS}').length === 4")
    tab.wait_for_timeout(400)  # the spreading animation
    types = set()
    for n in range(4):
        dot = tab.locator(DOTS).nth(n)
        dot.click(force=True)
        tab.wait_for_selector("#detail:not([hidden]) #fields")
        types.add(tab.locator("#detail-title").inner_text().split(" · ")[0])
        tab.click("#close")
    assert types == {"Attack", "Armed clash", "Peaceful protest"}


def test_dashboard_event_panel_beside_the_map_closes_with_escape(page: Any) -> None:
    page.set_viewport_size({"width": 1400, "height": 360})  # short: the panel must scroll
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#detail:not([hidden]) mark.evidence")
    assert "event=" in page.url
    panel, where = page.locator("#detail").bounding_box(), page.locator("#map").bounding_box()
    assert panel["x"] >= where["x"] + where["width"]  # the map stays in view
    # scrolled to its end, the panel still shows its close button
    scrolled = page.eval_on_selector("#detail", "d => { d.scrollTop = d.scrollHeight; return d.scrollTop; }")
    assert scrolled > 0
    close = page.locator("#close").bounding_box()
    assert panel["y"] <= close["y"] and close["y"] + close["height"] <= panel["y"] + panel["height"]
    page.keyboard.press("Escape")
    page.wait_for_selector("#detail", state="hidden")
    assert "event=" not in page.url
    assert page.locator("#events tr.current").count() == 0


def nth_column(tab: Any, label: str) -> int:
    """The position (from 1) of the table's column headed ``label``."""
    return [t.rstrip(" ▲▼") for t in tab.locator("#events thead th").all_inner_texts()].index(label) + 1


def column(tab: Any, label: str) -> list[str]:
    """The cells of the table's column headed ``label``, top to bottom."""
    return [
        str(t) for t in tab.locator(f"#events tbody td:nth-child({nth_column(tab, label)})").all_inner_texts()
    ]


def sort_by(tab: Any, label: str, first: str) -> list[str]:
    """Clicks the header ``label`` and waits for ``first`` at the top of its column."""
    tab.locator("#events thead button", has_text=label).click()
    cell = f"#events tbody td:nth-child({nth_column(tab, label)})"
    tab.wait_for_function(f"() => document.querySelector('{cell}')?.textContent.startsWith({first!r})")
    return column(tab, label)


def test_dashboard_table_sorts_by_its_columns(places_page: Any) -> None:
    tab = places_page
    assert column(tab, "Date") == ["2021-06-09", "2021-03-06", "2021-03-05", "2021-03-04", "2021-01-02"]
    assert sort_by(tab, "Fatalities", "4") == ["4", "2", "0", "0", "0"]  # most first
    assert tab.locator("#events th[aria-sort=descending]").inner_text().startswith("Fatalities")
    assert sort_by(tab, "Fatalities", "0") == ["0", "0", "0", "2", "4"]  # again: fewest first
    types = [t.split("\n")[0] for t in sort_by(tab, "Type", "Battles")]
    assert types == ["Battles", "Protests", "Protests", "Riots", "Violence against civilians"]
    with tab.expect_request(lambda r: "/api/events?" in r.url and "order=location" in r.url):
        places = sort_by(tab, "Location", "Kisumu")  # every page: by country, admin 1, place
    assert [p.split(",")[0] for p in places] == ["Kisumu", "Nairobi", "Maiduguri", "Maiduguri", "Maiduguri"]
    with tab.expect_request(lambda r: "/api/events?" in r.url and "order=-reports" in r.url):
        assert sort_by(tab, "Reports", "2") == ["2", "1", "1", "1", "1"]  # one attack, two articles
    # the date orders every page, as the API does: newest first, then oldest first
    assert sort_by(tab, "Date", "2021-06-09")[0] == "2021-06-09"
    with tab.expect_request(lambda r: "/api/events?" in r.url and "order=oldest" in r.url):
        oldest = sort_by(tab, "Date", "2021-01-02")
    assert oldest == ["2021-01-02", "2021-03-04", "2021-03-05", "2021-03-06", "2021-06-09"]


def test_dashboard_source_url_is_a_link_only_when_it_is_http(places_page: Any) -> None:
    tab = places_page
    rows = tab.locator("#events tbody tr")
    linked = rows.filter(has_text="Paper A").locator("a")
    assert linked.inner_text() == "Paper A" and linked.get_attribute("href") == "https://news.example/a"
    assert linked.get_attribute("rel") == "noopener noreferrer" and linked.get_attribute("target") == "_blank"
    hostile = rows.filter(has_text="Paper B")
    assert NOT_A_LINK in hostile.inner_text()
    assert hostile.locator("a").count() == 0
    assert tab.locator("#events a").count() == 4  # every other event's source
    hostile.locator(".url").click()  # opens the event, runs nothing
    tab.wait_for_selector("#detail:not([hidden]) #fields")
    assert tab.evaluate("window.__pwned") is None


def test_dashboard_timeline_is_a_time_axis_with_the_empty_months(places_page: Any, places: Live) -> None:
    tab = places_page
    months = ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06"]
    periods = tab.locator("#timeline g.period")
    assert [periods.nth(i).get_attribute("data-key") for i in range(periods.count())] == months
    bars = [periods.nth(i).locator("rect").count() for i in range(len(months))]
    assert bars == [1, 0, 3, 0, 0, 1]  # March: a clash, a protest and a riot, stacked
    assert tab.locator("#timeline text.label").all_text_contents() == months
    # each type its colour, the same in the key and on the bars
    key = dict(
        zip(
            tab.locator("#typekey .key").all_inner_texts(),
            tab.locator("#typekey .chip").evaluate_all(
                "cs => cs.map(c => getComputedStyle(c).backgroundColor)"
            ),
            strict=True,
        )
    )
    stats = httpx.get(f"{places.url}/api/stats").json()
    assert sorted(key) == sorted(t["key"] for t in stats["by_type"])
    fills = periods.nth(2).locator("rect").evaluate_all("rs => rs.map(r => getComputedStyle(r).fill)")
    assert len(set(fills)) == 3 and set(fills) <= set(key.values())
    # events and fatalities by type over time: a row a type, on the same axis
    rows = tab.locator("#bytype .typerow")
    assert rows.count() == len(key)
    attack = tab.locator('#bytype .typerow[data-type="Violence against civilians"]')
    assert "1 event, 4 fatalities" in attack.inner_text()
    assert attack.locator("rect").count() == 1 and attack.locator("polyline").count() == 1


def test_dashboard_in_map_view_applies_at_once_and_stays_in_the_address(places_page: Any) -> None:
    tab = places_page
    rows = "() => document.querySelectorAll('#events tbody tr').length === {}"
    assert tab.locator("#events tbody tr").count() == 5
    tab.check("input[name=inview]")  # no Apply: the whole world is in view, Kisumu has no place
    tab.wait_for_function(rows.format(4))
    assert "inview=1" in tab.url
    tab.evaluate("map.setView([-1.28, 36.82], 8)")  # Nairobi alone
    tab.wait_for_function(rows.format(1))
    assert "Nairobi" in tab.locator("#events tbody tr").inner_text()
    assert parse_qs(urlsplit(tab.url).fragment)["map"][0].startswith("8/")  # zoom/lat/lon
    tab.reload()
    tab.wait_for_function(rows.format(1))
    assert tab.locator("input[name=inview]").is_checked()
    assert tab.evaluate("map.getZoom()") == 8
    assert "Nairobi" in tab.locator("#events tbody tr").inner_text()
    tab.uncheck("input[name=inview]")
    tab.wait_for_function(rows.format(5))
    assert "inview" not in tab.url


# Three events to review: the queue takes the least sure first (confidence set here).
QUEUE = [
    ("q1", "On 2 January 2021, gunmen killed four villagers in Maiduguri, Nigeria.", "2021-01-03", 0.3),
    ("q2", "On 5 March 2021, soldiers clashed with rebels in Kano, Nigeria, killing two.", "2021-03-06", 0.5),
    ("q3", "On 4 March 2021, students protested peacefully in Nairobi, Kenya, over fees.", "2021-03-05", 0.9),
]


def test_dashboard_review_queue_by_keyboard_accept_correct_reject(
    browser: Any, tmp_path: Path, nlp_loaded: Any
) -> None:
    db = tmp_path / "review.db"
    ids = []
    for article_id, text, published, sure in QUEUE:
        article, found = code_text(text, article_id, published)
        [record] = found
        keep_in_store(db, article, (replace(record, confidence=sure),))
        ids.append(record.event_id)
    server = Live(serve.app_for(db, {"review-token": ""}))  # a token that names no one
    from playwright.sync_api import expect

    try:
        with dashboard(browser, server.url, bypass_csp=False, view="/#queue=1") as tab:
            rows = tab.eval_on_selector_all("#events tbody tr", "rows => rows.map(r => r.dataset.id)")
            assert rows == ids  # least sure first
            tab.click(f"#events tbody tr[data-id='{ids[0]}']")
            tab.locator("#fields", has_text=ids[0]).wait_for()
            tab.keyboard.press("a")  # no token yet: asked for one, nothing sent
            tab.wait_for_selector("#token-form:not([hidden])")
            tab.fill("#token-form input[name=token]", "review-token")
            tab.fill("#token-form input[name=name]", "Łukasz")  # no Latin-1 name: sent encoded
            tab.click("#token-form button[type=submit]")
            # accepted, and on to the next in the queue, which no longer lists the first
            tab.locator("#fields", has_text=ids[1]).wait_for()
            assert (
                tab.eval_on_selector_all("#events tbody tr", "rows => rows.map(r => r.dataset.id)") == ids[1:]
            )
            tab.keyboard.press("e")
            tab.wait_for_selector("#correct-form:not([hidden])")
            tab.fill("#correct-fields input[name=fatalities]", "3")
            tab.fill("#correct-form input[name=note]", "three in the hospital's list")
            tab.click("#correct-form button[type=submit]")
            expect(tab.locator("#review-status")).to_have_text("corrected")
            assert "Fatalities3" in tab.inner_text("#fields").replace("\n", "")
            tab.keyboard.press("n")
            tab.locator("#fields", has_text=ids[2]).wait_for()
            tab.keyboard.press("r")
            expect(tab.locator("#events tbody tr")).to_have_count(0)
        # the store and the exports have it, under the reviewer's name
        reviewed = httpx.get(
            f"{server.url}/api/events", params={"review_status": ["accepted", "corrected"]}
        ).json()
        assert sorted(
            (e["event_id"], e["review_status"], e["fatalities"]) for e in reviewed["events"]
        ) == sorted([(ids[0], "accepted", 4), (ids[1], "corrected", 3)])
        history = httpx.get(f"{server.url}/api/events/{ids[1]}/reviews").json()
        assert [(h["reviewer"], h["note"]) for h in history] == [("Łukasz", "three in the hospital's list")]
        csv_text = httpx.get(f"{server.url}/api/export", params={"format": "acled-csv"}).text
        assert ids[2] not in csv_text and ids[1] in csv_text  # the rejected one is left out
        # a reload keeps it: every status in the table
        with dashboard(browser, server.url, bypass_csp=False, view="/#review_status=rejected") as tab:
            tab.wait_for_function(
                "document.querySelector('#events tbody td.status')?.textContent === 'rejected'"
            )
            assert tab.eval_on_selector_all("#events tbody tr", "rows => rows.map(r => r.dataset.id)") == [
                ids[2]
            ]
    finally:
        server.stop()


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory, nlp_loaded: Any) -> Iterator[tuple[Live, list[str]]]:
    """A store of 60 events: more than the table's page of 50 (see ``many_events``)."""
    db = tmp_path_factory.mktemp("many") / "events.db"
    ids = many_events(db, 60)
    server = Live(serve.app_for(db, None))
    yield server, ids
    server.stop()


def test_dashboard_every_column_sorts_every_page_not_the_page_shown(
    browser: Any, many: tuple[Live, list[str]]
) -> None:
    server, ids = many
    with dashboard(browser, server.url, bypass_csp=False) as tab:
        tab.wait_for_function("() => document.querySelector('#page').textContent === '1-50 of 60'")
        assert ids[0] not in tab.eval_on_selector_all(
            "#events tbody tr", "rows => rows.map(r => r.dataset.id)"
        )
        # the oldest event, on the second page by date, has the first actor of them all
        with tab.expect_request(lambda r: "/api/events?" in r.url and "order=actor1" in r.url):
            actors = sort_by(tab, "Actor 1", "Aardvark Brigade")
        assert len(actors) == 50 and actors == sorted(actors, key=str.lower)
        assert tab.inner_text("#page") == "1-50 of 60"  # the whole list's order, said as such
        tab.click("#next")
        tab.wait_for_function("() => document.querySelector('#page').textContent === '51-60 of 60'")
        rest = column(tab, "Actor 1")
        assert rest == sorted(rest, key=str.lower) and actors[-1].lower() <= rest[0].lower()
        # every other column asks the API for its order too, from the first page
        for label, order, first in (
            ("Actor 2", "actor2", "Aardvark Civilians"),
            ("Modality", "modality", "asserted"),
            ("Source", "source", "Aardvark Times"),
            ("Reports", "-reports", "2"),
            ("Review", "review", "unreviewed"),
        ):
            with tab.expect_request(
                lambda r, o=order: "/api/events?" in r.url and f"order={o}&" in r.url + "&"
            ):
                sort_by(tab, label, first)
            assert tab.inner_text("#page") == "1-50 of 60", label
        tab.click("#events tbody tr >> nth=0")
        tab.wait_for_selector("#detail:not([hidden]) #fields")
        assert tab.locator("#stale").is_hidden()  # no review to look at again here


# an article whose protest was reviewed, then coded again from a text that makes it a riot
STALE_BEFORE = (
    "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya. On 4 March 2021, "
    "students protested in Nairobi, Kenya, over school fees."
)
STALE_AFTER = (
    "On 3 March 2021, gunmen killed two farmers near Garissa, Kenya. On 4 March 2021, "
    "students rioted in Nairobi, Kenya, and burned a police post."
)


def test_dashboard_review_box_lists_the_reviews_to_look_at_again(
    browser: Any, tmp_path: Path, nlp_loaded: Any
) -> None:
    from playwright.sync_api import expect

    db = tmp_path / "stale.db"
    article, found = code_text(STALE_BEFORE, "story", "2021-03-05")
    keep_in_store(db, article, found)
    [protest] = [e for e in found if e.sub_event_type == "Peaceful protest"]
    conn = store.open_store(db)
    store.add_review(conn, protest.event_id, "accepted", None, "ana", "seen on video")
    conn.close()
    article, found = code_text(STALE_AFTER, "story", "2021-03-05")
    keep_in_store(db, article, found)  # the protest is a riot now: the review is stale
    [riot] = [e for e in found if e.sub_event_type == "Violent demonstration"]
    [attack] = [e for e in found if e.sub_event_type == "Attack"]
    server = Live(serve.app_for(db, None))
    try:
        with dashboard(browser, server.url, bypass_csp=False, view=f"/#event={attack.event_id}") as tab:
            box = tab.locator("#review #stale")
            expect(box).to_be_visible()
            expect(box.locator("summary")).to_have_text("To look at again (1)")
            item = box.locator("li.here")  # of the open event's article, so shown open
            expect(item).to_contain_text("article story: accepted by ana on ")
            expect(item).to_contain_text('"seen on video"; its records changed since')
            assert sorted(item.locator("button").all_inner_texts()) == sorted(
                [attack.event_id, riot.event_id]
            )
            item.locator("button", has_text=riot.event_id).click()  # the record as now coded
            tab.locator("#fields", has_text=riot.event_id).wait_for()
            expect(tab.locator("#review-status")).to_have_text("unreviewed")
            expect(box.locator("li.here")).to_have_count(1)
    finally:
        server.stop()
