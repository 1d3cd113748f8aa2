"""Browser: the Timeline page re-plans live as the exam date moves (R-30, R-32, R-39),
and a date typed then left by a page click is kept (issue 10).

The app's today is pinned by MATCHPLAN_TODAY (tests/conftest.py), and the exam-date
slider's weekly steps run through the latest safe date, so six steps from it land on
the same day whatever the real date. Every check is a waiting assertion.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import StreamlitServer, click_through, screenshot, settled
from tests.widgets import css

pytestmark = pytest.mark.browser

EXAM_BAR_START = """() => {
  const plot = document.querySelector('.st-key-timeline_gantt .js-plotly-plot');
  if (!plot || !plot.data) return null;
  for (const trace of plot.data) {
    const i = (trace.y || []).indexOf('Step 3 exam');
    if (i >= 0) return String(trace.base[i]).slice(0, 10);
  }
  return null;
}"""


def open_timeline(tab: Any, server: StreamlitServer) -> None:
    tab.goto(f"{server.url}/timeline")
    expect(tab.locator("h1").first).to_have_text("Timeline")
    expect(tab.locator(".st-key-timeline_gantt .js-plotly-plot")).to_be_visible()
    settled(tab)


def downloaded_plan(tab: Any) -> dict[str, Any]:
    """Download the plan through the sidebar button, as the user would."""
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download plan (.json)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_moving_the_exam_date_moves_the_gantt_and_the_chance(
    page: Any, server: StreamlitServer
) -> None:
    open_timeline(page, server)
    chance = page.locator(".st-key-timeline_chance")
    expect(chance).to_contain_text("100")
    expect(chance).to_contain_text("before programs first review")
    exam_slider = page.locator(css("timeline_exam_date"))
    expect(exam_slider).to_contain_text("28 Jul 2027")  # the latest safe date
    page.wait_for_function(f"({EXAM_BAR_START})() === '2027-07-28'")
    screenshot(page, "timeline-on-time")

    slider = page.get_by_role("slider", name="Exam date")
    slider.focus()
    for _ in range(6):  # six weekly steps past the latest safe date
        slider.press("ArrowRight")

    expect(exam_slider).to_contain_text("08 Sep 2027")
    expect(chance).to_contain_text("70")
    expect(chance).to_contain_text("in October")
    # The bar moves to 8 Sep 2027, past 25 Aug, the latest date with a typical delay; the
    # score (6 Oct) arrives after September, so the next cycle is offered too.
    page.wait_for_function(f"({EXAM_BAR_START})() === '2027-09-08'")
    warnings = page.locator(".st-key-timeline_warnings")
    expect(warnings).to_contain_text("after the first review day 22 Sep 2027")
    expect(warnings).to_contain_text("28 Jul 2027 to be safe")
    expect(page.locator(".st-key-timeline_alternative")).to_contain_text("2029 Match")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "timeline-misses-review-day")


def test_a_letter_date_typed_then_left_by_a_page_click_is_kept(
    page: Any, server: StreamlitServer
) -> None:
    open_timeline(page, server)
    stored = page.locator(f"{css('timeline_letters')} input[type=date]")
    expect(stored).to_have_value("2027-06-23")
    page.get_by_role("spinbutton", name="day, Letter requests go out on").click()
    page.keyboard.type("15022027")  # day, month and year (DD/MM/YYYY), as a user types them
    for part, typed in (("day", "15"), ("month", "02"), ("year", "2027")):  # as the user sees it
        segment = page.get_by_role("spinbutton", name=f"{part}, Letter requests go out on")
        expect(segment).to_have_text(typed)
    page.keyboard.press("Tab")
    page.get_by_role("link", name="Overview", exact=True).click()  # at once, no wait for the rerun

    # A page renders (never a blank one) and the date is kept, whether its commit
    # reaches the server with the click, after it (ui.state.stale_page keeps the page
    # clicked) or before it; in the last case Streamlit may drop the click itself
    # while the commit's run redraws the page, and Timeline stays.
    overview = page.get_by_role("link", name="Overview", exact=True)
    expect(page.locator("h1").first).to_have_text(re.compile("^(Overview|Timeline)$"))
    settled(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    click_through(page, overview, "Overview")
    expect(page.get_by_role("heading", name="Next three actions")).to_be_visible()

    click_through(page, page.get_by_role("link", name="Timeline", exact=True), "Timeline")
    expect(stored).to_have_value("2027-02-15")
    screenshot(page, "timeline-letter-date-kept")
    assert downloaded_plan(page)["timeline"]["letter_request_date"] == "2027-02-15"
