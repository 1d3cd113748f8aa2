"""Browser: axe-core on every page, and the phone layout of Overview and Timeline (issue 12).

axe-core comes from the npm registry into tests/axe (``npm ci --prefix tests/axe``;
.ci/run does it). Locally a missing axe skips the accessibility tests; under CI=true
it fails them.
"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, StreamlitServer, screenshot, settled
from tests.test_browser import PAGES, open_page

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
PHONE = {"width": 390, "height": 844}
MIN_ROW_PX = 36


def axe_path() -> str:
    if not AXE.exists():
        message = f"axe-core not installed at {AXE}: run npm ci --prefix tests/axe"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return str(AXE)


def blocking_violations(tab: Any) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, in words."""
    tab.add_script_tag(path=axe_path())
    found = tab.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {v['where']}"
        for v in found
        if v["impact"] in BLOCKING
    ]


def open_every_expander(tab: Any) -> None:
    """So what sits inside them ("Show the data" tables, details) is checked too."""
    closed = tab.locator('[data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(closed.count()):
        closed.first.click()
    expect(closed).to_have_count(0)
    settled(tab)  # an opened expander reruns the page: axe reads it once drawn, not stale


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_passes_axe_core(page: Any, server: StreamlitServer, path: str) -> None:
    axe_path()
    open_page(page, server, path)
    open_every_expander(page)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)
    assert blocking_violations(page) == []


def test_every_chart_has_its_data_one_click_away(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "timeline")
    charts = page.locator(".matchplan-live-chart")  # ui/live_chart.py
    expect(charts.first).to_be_visible()
    expect(charts.first).to_have_attribute("role", "img")
    expect(charts.first).to_have_attribute("aria-label", re.compile("The plan for the"))
    data = page.locator('[data-testid="stExpander"]').filter(has_text="Show the data")
    expect(data).to_have_count(charts.count())
    gantt = data.filter(has_text="The plan for the")
    gantt.locator("summary").click()
    table = gantt.locator('[data-testid="stDataFrame"]')
    expect(table).to_be_visible()
    expect(table).to_contain_text("Programs first review")


def main_block_fits(tab: Any) -> dict[str, int]:
    return dict(
        tab.evaluate(
            """() => {
                const main = document.querySelector('[data-testid="stMainBlockContainer"]');
                return {page: document.documentElement.scrollWidth,
                        main: main.scrollWidth, shown: main.clientWidth};
            }"""
        )
    )


def boxes(tab: Any, selector: str) -> list[dict[str, float]]:
    return list(
        tab.evaluate(
            """(selector) => Array.from(document.querySelectorAll(selector)).map(e => {
                const r = e.getBoundingClientRect();
                return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                        text: e.textContent};
            })""",
            selector,
        )
    )


def overlapping(items: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            if not apart:
                found.append((a["text"], b["text"]))
    return found


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


def open_on_phone(tab: Any, server: StreamlitServer, path: str) -> None:
    tab.goto(f"{server.url}/{'' if path == 'overview' else path}")
    expect(tab.locator("h1").first).to_have_text(PAGES[path])
    settled(tab)
    expect(tab.locator('[data-testid="stSkeleton"]')).to_have_count(0)


@pytest.mark.parametrize("path", ["overview", "timeline"])
def test_phone_pages_do_not_scroll_sideways(phone: Any, server: StreamlitServer, path: str) -> None:
    open_on_phone(phone, server, path)
    expect(phone.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    widths = main_block_fits(phone)
    assert widths["page"] <= PHONE["width"], widths
    assert widths["main"] <= widths["shown"] + 1, widths
    # Chart titles end inside their chart (a cut title was the issue at 390 px).
    for svg in boxes(phone, ".js-plotly-plot .main-svg:first-of-type"):
        assert svg["right"] <= PHONE["width"] + 1
    for title in boxes(phone, ".js-plotly-plot .gtitle"):
        assert title["right"] <= PHONE["width"], title
    screenshot(phone, f"phone-{path}")


def gantt_layout(tab: Any) -> tuple[float, int, list[dict[str, Any]]]:
    """The Gantt's plot height, its row count and the boxes of its text labels."""
    gantt = ".st-key-timeline_gantt .js-plotly-plot"
    expect(tab.locator(f"{gantt} .main-svg").first).to_be_visible()
    (plot,) = boxes(tab, f"{gantt} .nsewdrag")
    rows = tab.evaluate(
        "(s) => document.querySelector(s).data.reduce((n, t) => n + t.y.length, 0)", gantt
    )
    labels = boxes(tab, f"{gantt} .annotation-text") + boxes(tab, f"{gantt} .gtitle")
    return plot["bottom"] - plot["top"], int(rows), labels


def test_phone_gantt_has_readable_rows_and_no_overlapping_labels(
    phone: Any, server: StreamlitServer
) -> None:
    open_on_phone(phone, server, "timeline")
    height, rows, labels = gantt_layout(phone)
    assert rows >= 10
    assert height / rows >= MIN_ROW_PX  # was about 130 px for every row together
    assert overlapping(labels) == []
    assert all(label["right"] <= PHONE["width"] and label["left"] >= 0 for label in labels)


def test_desktop_gantt_rank_list_and_match_day_labels_do_not_overlap(
    page: Any, server: StreamlitServer
) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, server, "timeline")
    _, _, labels = gantt_layout(page)
    texts = " ".join(label["text"] for label in labels)
    assert "The plan for the 2028 Match" in texts
    assert "Rank list deadline" in texts
    assert "Match Day" in texts
    assert overlapping(labels) == []
