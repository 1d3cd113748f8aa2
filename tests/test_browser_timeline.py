"""Browser: the Timeline page re-plans live as the exam date moves (R-30, R-32, R-39)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import StreamlitServer, screenshot

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


def test_moving_the_exam_date_moves_the_gantt_and_the_chance(
    page: Any, server: StreamlitServer
) -> None:
    open_timeline(page, server)
    chance = page.locator(".st-key-timeline_chance")
    expect(chance).to_contain_text("100")
    expect(chance).to_contain_text("before programs first review")
    page.wait_for_function(f"({EXAM_BAR_START})() === '2027-07-28'")
    screenshot(page, "timeline-on-time")

    slider = page.get_by_role("slider", name="Exam date")
    slider.focus()
    for _ in range(5):  # five weekly steps past the latest safe date, 28 Jul 2027
        slider.press("ArrowRight")

    expect(chance).to_contain_text("70")
    expect(chance).to_contain_text("in October")
    # The bar moves past 25 Aug 2027, the latest date with a typical reporting delay.
    page.wait_for_function(f"({EXAM_BAR_START})() > '2027-08-25'")
    warnings = page.locator(".st-key-timeline_warnings")
    expect(warnings).to_contain_text("after the first review day 22 Sep 2027")
    expect(warnings).to_contain_text("R-30")
    expect(page.locator(".st-key-timeline_alternative")).to_contain_text("2029 Match")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "timeline-misses-review-day")
