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

from tests.conftest import TODAY, StreamlitServer, screenshot
from tests.widgets import css

pytestmark = pytest.mark.browser

ROW_MARKER_WIDTH = 32  # the grid's row-marker column, left of the first data column
HEADER_HEIGHT = 36
ROW_HEIGHT = 35


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
    """The practice-score data editor: a canvas grid, driven by mouse and keyboard."""

    def __init__(self, tab: Any) -> None:
        self.tab = tab
        self.section = tab.locator(".st-key-progress_scores")
        self.grid = self.section.locator("[data-testid=stDataFrameResizable]")
        self.overlay = tab.locator("#portal [id^=gdg-overlay]")
        self.score_offset: float | None = None  # Score column's left edge, from the grid's

    def add_row(self) -> None:
        self.grid.scroll_into_view_if_needed()
        self.grid.hover()  # the toolbar with "Add row" shows on hover
        rows = self.section.locator("[role=grid] tbody tr")
        count = rows.count()
        self.section.get_by_role("button", name="Add row").click()
        expect(rows).to_have_count(count + 1)

    def row_y(self, row: int) -> float:
        box = self.grid.bounding_box()
        return float(box["y"]) + HEADER_HEIGHT + ROW_HEIGHT * row + ROW_HEIGHT / 2

    def cell(self, row: int, column: int) -> Any:
        """The grid's accessible copy of a cell: it shows what the canvas draws."""
        return self.section.locator(f"[data-testid=glide-cell-{column}-{row}]")

    def type_date(self, row: int, day: date) -> None:
        box = self.grid.bounding_box()
        self.tab.mouse.dblclick(box["x"] + ROW_MARKER_WIDTH + 40, self.row_y(row))
        self.tab.locator("[data-testid=date-picker-cell]").fill(day.isoformat())
        self.tab.keyboard.press("Tab")  # commits and moves to Step (its default is kept)
        expect(self.overlay).to_have_count(0)
        expect(self.cell(row, 1)).to_have_text(day.isoformat())

    def type_score_after_date(self, row: int, value: int) -> None:
        self.tab.keyboard.press("Tab")  # Step -> Score
        self.tab.keyboard.press("Enter")
        self._fill(row, str(value))

    def retype_score(self, row: int, value: int) -> None:
        assert self.score_offset is not None, "type the score once with the keyboard first"
        self.select(row, 3, self.score_offset + 40)
        self.tab.keyboard.press("Enter")
        self._fill(row, str(value))

    def select(self, row: int, column: int, x_offset: float) -> None:
        """Click a cell until the grid selects it (the first click after a rerun may only focus)."""
        cell = self.cell(row, column)
        self.grid.scroll_into_view_if_needed()
        for _ in range(3):
            box = self.grid.bounding_box()
            self.tab.mouse.click(box["x"] + x_offset, self.row_y(row))
            if cell.get_attribute("aria-selected") == "true":
                return
            try:
                expect(cell).to_have_attribute("aria-selected", "true", timeout=1_000)
                return
            except AssertionError:
                continue
        expect(cell).to_have_attribute("aria-selected", "true")

    def _fill(self, row: int, text: str) -> None:
        editor = self.tab.locator("#portal .gdg-input")
        expect(editor).to_be_focused()
        left = float(self.overlay.first.get_attribute("targetx") or 0)
        self.score_offset = left - float(self.grid.bounding_box()["x"])
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
