"""Browser: the Progress page (issue 6, item 6) in real chromium on a real server.

Ticking a milestone moves the completion bar; a practice score typed into the
log's grid is checked as it is entered (a bad row is named and nothing is
stored) and kept once every row is valid, then drawn against the passing
standard with the gap as a metric. Bound widgets are found by name (tests.widgets).
The example applicant times Step 3, so a new row's Step is Step 3 (standard 200).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import TODAY, StreamlitServer, open_cell, screenshot
from tests.widgets import css

pytestmark = pytest.mark.browser


def open_progress(tab: Any, server: StreamlitServer) -> None:
    tab.goto(f"{server.url}/progress")
    expect(tab.locator("h1").first).to_have_text("Progress", timeout=30_000)
    expect(tab.locator(".st-key-progress_completion")).to_be_visible()


def test_ticking_a_milestone_moves_the_completion_bar(page: Any, server: StreamlitServer) -> None:
    open_progress(page, server)
    completion = page.locator(".st-key-progress_completion")
    expect(completion).to_contain_text("0 of 14 milestones done for the 2028 Match")
    match_day = page.locator(css("progress_done_match_day"))
    match_day.locator("label").click()
    expect(completion).to_contain_text("1 of 14 milestones done")
    expect(match_day.locator("input")).to_be_checked()
    page.locator(f"{css('progress_done_step_3_exam')} label").click()
    expect(completion).to_contain_text("2 of 14 milestones done")
    match_day.locator("label").click()  # and back
    expect(completion).to_contain_text("1 of 14 milestones done")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "progress-milestone-ticked")


class ScoreGrid:
    """The practice-score data editor: a canvas grid, driven through its accessible cells.

    Cells are addressed as (row, column) in the grid's hidden table, column 0 being the
    row markers: 1 is Date taken, 2 Step, 3 Score (tests.conftest.open_cell).
    """

    def __init__(self, tab: Any) -> None:
        self.tab = tab
        self.section = tab.locator(".st-key-progress_scores")
        self.grid = self.section.locator("[data-testid=stDataFrameResizable]")
        self.overlay = tab.locator("#portal [id^=gdg-overlay]")

    def add_row(self) -> None:
        self.grid.scroll_into_view_if_needed()
        self.grid.hover()  # the toolbar with "Add row" shows on hover
        rows = self.section.locator("[role=grid] tbody tr")
        count = rows.count()
        self.section.get_by_role("button", name="Add row").click()
        expect(rows).to_have_count(count + 1)

    def cell(self, row: int, column: int) -> Any:
        """The grid's accessible copy of a cell: it shows what the canvas draws."""
        return self.section.locator(f"[data-testid=glide-cell-{column}-{row}]")

    def type_date(self, row: int, day: date) -> None:
        picker = self.tab.locator("[data-testid=date-picker-cell]")
        open_cell(self.cell(row, 1), picker)
        picker.fill(day.isoformat())
        self.tab.keyboard.press("Tab")  # commits and moves to Step (its default is kept)
        expect(self.overlay).to_have_count(0)
        expect(self.cell(row, 1)).to_have_text(day.isoformat())
        expect(self.cell(row, 2)).to_have_attribute("aria-selected", "true")

    def type_score_after_date(self, row: int, value: int) -> None:
        self.tab.keyboard.press("Tab")  # Step -> Score
        expect(self.cell(row, 3)).to_have_attribute("aria-selected", "true")
        self.tab.keyboard.press("Enter")
        self._fill(row, str(value))

    def retype_score(self, row: int, value: int) -> None:
        open_cell(self.cell(row, 3), self.tab.locator("#portal .gdg-input"))
        self._fill(row, str(value))

    def _fill(self, row: int, text: str) -> None:
        editor = self.tab.locator("#portal .gdg-input")
        expect(editor).to_be_focused()
        editor.fill(text)
        expect(editor).to_have_value(text)
        editor.press("Enter")
        expect(self.overlay).to_have_count(0)
        expect(self.cell(row, 3)).to_have_text(text)


def metric(scope: Any, label: str) -> Any:
    """The value of the metric whose label is exactly ``label``."""
    box = scope.locator('[data-testid="stMetric"]').filter(
        has=scope.page.get_by_text(label, exact=True)
    )
    return box.locator('[data-testid="stMetricValue"]')


def test_a_logged_score_is_checked_then_drawn_against_the_standard(
    page: Any, server: StreamlitServer
) -> None:
    open_progress(page, server)
    expect(page.get_by_text("Log a practice exam above")).to_be_visible()
    taken = date.fromisoformat(TODAY) - timedelta(days=10)
    grid = ScoreGrid(page)
    grid.add_row()
    grid.type_date(0, taken)
    # the grid holds a new row back until its required cells are filled
    grid.type_score_after_date(0, 350)
    errors = page.locator(".st-key-progress_score_errors")
    expect(errors).to_contain_text("Row 1 – Score (350) must be between 1 and 300")
    expect(errors).to_contain_text("Nothing was saved")
    expect(page.locator(".st-key-progress_trend_step3")).to_have_count(0)
    screenshot(page, "progress-bad-score-row")

    grid.retype_score(0, 225)
    trend = page.locator(".st-key-progress_trend_step3")
    expect(trend).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Saved 1 practice score.")).to_be_visible()
    expect(errors).to_have_count(0)
    expect(metric(trend, "Gap to the passing standard")).to_have_text("+25")
    expect(metric(trend, "Passing standard")).to_have_text("200")
    expect(metric(trend, "Latest practice score")).to_have_text("225")
    expect(trend).to_contain_text("Source: ")
    chart = trend.locator(".js-plotly-plot")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("+25 above the standard")
    expect(chart).to_contain_text("Passing standard 200")
    drawn = page.evaluate(
        """() => {
          const plot = document.querySelector('.st-key-progress_chart_step3 .js-plotly-plot');
          return plot && plot.data ? [String(plot.data[0].x[0]).slice(0, 10), plot.data[0].y[0],
            plot.layout.shapes[0].y0] : null;
        }"""
    )
    assert drawn == [taken.isoformat(), 225, 200]
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "progress-score-trend")
