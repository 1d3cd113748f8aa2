"""Browser: the Timeline page re-plans live as the exam date moves (R-30, R-32, R-39),
and a date typed then left by a page click is kept (issue 10).

The server's today is pinned in its environment (StreamlitServer), and the exam-date
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


SPY_ON_DRAWS = """() => {
  window.__draws = [];
  for (const name of ['react', 'animate']) {
    const original = Plotly[name];
    Plotly[name] = function (gd, ...rest) {
      const key = (gd.closest('[class*="st-key-"]').className.match(/st-key-(\\S+)/) || [])[1];
      window.__draws.push(`${name} ${key}`);
      return original.call(this, gd, ...rest);
    };
  }
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
    errors: list[str] = []  # a script error in the page (a chart freed under a draw, say)
    page.on("pageerror", lambda error: errors.append(str(error)))
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
    screenshot(page, "timeline-misses-review-day")  # waits until every chart is drawn
    assert errors == []


def test_an_exam_date_move_moves_the_bars_and_redraws_a_chart_only_when_its_layout_changes(
    page: Any, server: StreamlitServer
) -> None:
    """Issue 14: the charts stay mounted (ui/live_chart.py). A move inside the fixed date
    axes goes through Plotly.animate (the bars and the marker move, the axes and labels
    stay); a move that renames a row ("misses its deadline") goes through Plotly.react.
    Either way the chart shows the new date."""
    open_timeline(page, server)
    page.wait_for_function("() => !!window.Plotly")
    page.wait_for_function(f"({EXAM_BAR_START})() === '2027-07-28'")
    page.evaluate(SPY_ON_DRAWS)
    slider = page.get_by_role("slider", name="Exam date")
    slider.focus()
    slider.press("ArrowLeft")
    page.wait_for_function(f"({EXAM_BAR_START})() === '2027-07-21'")
    expect(page.locator(".st-key-timeline_chance")).to_contain_text("100")
    # The charts draw one after the other, the chance chart can come after the bar moved:
    # wait for both calls, then check their kind.
    page.wait_for_function("() => window.__draws.length >= 2")
    settled(page)
    draws = page.evaluate("window.__draws")
    assert sorted(draws) == ["animate timeline_chance_chart", "animate timeline_gantt"]

    page.evaluate("window.__draws = []")
    for _ in range(7):  # to 08 Sep 2027: the score report misses the review day
        slider.press("ArrowRight")
    page.wait_for_function(f"({EXAM_BAR_START})() === '2027-09-08'")
    expect(page.locator(".st-key-timeline_gantt .js-plotly-plot")).to_contain_text(
        "misses its deadline"
    )
    assert "react timeline_gantt" in page.evaluate("window.__draws")


def test_fast_arrow_keys_leave_every_chart_drawn_without_a_script_error(
    page: Any, server: StreamlitServer
) -> None:
    """Keys faster than the reruns: Streamlit supersedes the chart's calls before they
    return, and a chart freed then (ui/components/live_chart/chart.js) broke Plotly's
    hover state in about half of such bursts. Three bursts; the chart ends on the date."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_timeline(page, server)
    slider = page.get_by_role("slider", name="Exam date")
    slider.focus()
    for _ in range(3):
        for key in ["ArrowRight", "ArrowLeft"] * 12:
            slider.press(key)
        settled(page)
    slider.press("ArrowLeft")
    page.wait_for_function(f"({EXAM_BAR_START})() === '2027-07-21'")
    settled(page)
    screenshot(page, "timeline-after-fast-keys")  # waits until every chart is drawn
    assert errors == []


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
