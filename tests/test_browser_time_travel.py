"""In chromium: the plan file saved in December opened on later days of its year.

Each test starts the real server with its clock pinned to one day (the server's own
environment), loads the same saved file through the sidebar as an applicant does,
and reads Overview: the phase (R-43), the "done?" questions, the R-40 offer of the
next cycle, and after Match Day the outcome and "Plan the next cycle" (R-44).
Assertions wait (playwright's expect), never sleep.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from matchplan.examples import example_profile
from matchplan.plan import new_plan
from matchplan.planfile import dump_plan
from matchplan.timeline import SUBMIT_MILESTONE
from tests.conftest import StreamlitServer, click_through, screenshot, settled

pytestmark = pytest.mark.browser
SAVED_ON = date(2026, 12, 1)


@pytest.fixture(scope="module")
def saved_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plans") / "matchplan-im-2028-2026-12-01.json"
    path.write_bytes(dump_plan(new_plan(example_profile(SAVED_ON), SAVED_ON)))
    return path


def server_on(day: str) -> Iterator[StreamlitServer]:
    app = StreamlitServer(today=day)
    app.start()
    yield app
    app.stop()


@pytest.fixture(scope="module")
def before_applications() -> Iterator[StreamlitServer]:
    yield from server_on("2027-04-01")


@pytest.fixture(scope="module")
def interview_season() -> Iterator[StreamlitServer]:
    yield from server_on("2027-11-10")


@pytest.fixture(scope="module")
def match_week() -> Iterator[StreamlitServer]:
    yield from server_on("2028-03-14")


@pytest.fixture(scope="module")
def after_match_day() -> Iterator[StreamlitServer]:
    yield from server_on("2028-03-25")


def sidebar(tab: Any) -> Any:
    return tab.locator('[data-testid="stSidebar"]')


def open_with_plan(tab: Any, server: StreamlitServer, path: Path) -> Any:
    """Open the app, load the saved file from the sidebar; return the standing card."""
    tab.goto(server.url)
    expect(tab.locator("h1").first).to_have_text("Overview")
    settled(tab)
    sidebar(tab).locator("input[type=file]").set_input_files(str(path))
    expect(tab.get_by_text("Loaded your plan file (saved 01 Dec 2026)")).to_be_visible()
    settled(tab)
    no_error(tab)
    return tab.locator('[class*="st-key-standing_card"]')


def no_error(tab: Any) -> None:
    expect(tab.locator('[data-testid="stException"]')).to_have_count(0)
    expect(tab.get_by_text("already running")).to_have_count(0)


def visit(tab: Any, title: str) -> None:
    click_through(tab, sidebar(tab).get_by_role("link", name=title, exact=True), title)
    no_error(tab)


def test_R43_before_applications_open_the_study_block_is_due(
    page: Any, before_applications: StreamlitServer, saved_file: Path
) -> None:
    card = open_with_plan(page, before_applications, saved_file)
    expect(card).to_contain_text("Remediation: exams, clinical work and letters, 2028 Match")
    expect(card).to_contain_text("Step 3 study block: 12 Apr 2027 to 28 Jul 2027")
    expect(card).to_contain_text("Under way: Gap-year role: research (until 01 Sep 2027)")
    expect(card.get_by_role("button", name="Not done")).to_have_count(0)
    screenshot(page, "time-travel-2027-04-01-overview")
    visit(page, "Timeline")
    visit(page, "Progress")


def test_R40_in_interview_season_the_file_opens_and_asks_what_was_done(
    page: Any, interview_season: StreamlitServer, saved_file: Path
) -> None:
    card = open_with_plan(page, interview_season, saved_file)
    expect(card).to_contain_text("Review and interviews, 2028 Match")
    expect(card).to_contain_text(f"{SUBMIT_MILESTONE} (01 Sep 2027): done?")
    expect(card).to_contain_text("the 2029 Match is the next cycle")
    screenshot(page, "time-travel-2027-11-10-overview")
    row = card.locator('[class*="st-key-standing_done_submit_eras_and_send_signals"]')
    row.get_by_role("button", name="Done").click()
    expect(card).not_to_contain_text(f"{SUBMIT_MILESTONE} (01 Sep 2027): done?")
    expect(card).not_to_contain_text("the 2029 Match is the next cycle")
    expect(card).to_contain_text("1 milestone marked done on Progress.")
    settled(page)
    with page.expect_download() as info:
        sidebar(page).get_by_role("button", name="Download plan (.json)").click()
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert saved["progress"]["done"] == [SUBMIT_MILESTONE]
    assert saved["profile"]["target_match_year"] == 2028
    visit(page, "Timeline")
    visit(page, "Interview answer")


def test_R43_in_match_week_the_phase_is_match_week_with_soap(
    page: Any, match_week: StreamlitServer, saved_file: Path
) -> None:
    card = open_with_plan(page, match_week, saved_file)
    expect(card).to_contain_text("Match Week, with SOAP, 2028 Match")
    expect(card).to_contain_text("Match Day: 17 Mar 2028")
    screenshot(page, "time-travel-2028-03-14-overview")
    visit(page, "SOAP readiness")
    visit(page, "Progress")


def test_R44_after_match_day_the_next_cycle_is_planned_from_the_file(
    page: Any, after_match_day: StreamlitServer, saved_file: Path
) -> None:
    open_with_plan(page, after_match_day, saved_file)
    outcome = page.locator('[class*="st-key-outcome_card"]')
    expect(outcome).to_contain_text("How did the 2028 Match end?")
    outcome.get_by_text("Not matched this cycle").click()
    for label, value in (
        ("Programs applied to", "95"),
        ("Interview offers", "3"),
        ("Interviews attended", "3"),
        ("Programs ranked", "2"),
    ):
        box = outcome.get_by_label(label)
        expect(box).to_be_visible()
        box.fill(value)
        box.press("Enter")
        settled(page)
    button = outcome.get_by_role(
        "button", name="Plan the next cycle: download a plan for the 2029 Match"
    )
    expect(button).to_be_visible()
    screenshot(page, "time-travel-2028-03-25-outcome")
    with page.expect_download() as info:
        button.click()
    new = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert new["profile"]["target_match_year"] == 2029
    last = new["profile"]["last_cycle"]
    assert (last["match_year"], last["programs_applied"], last["programs_ranked"]) == (2028, 95, 2)
    assert new["outcome"] is None
    assert json.loads(saved_file.read_text(encoding="utf-8"))["outcome"] is None
