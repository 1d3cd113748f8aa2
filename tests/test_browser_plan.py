"""Browser regressions of issue 10 for Autopsy and the plan file: nothing typed is lost.

Each test drives Debian's chromium against the real server: a loaded plan then
edited is what Overview shows and what the download holds; a plan loaded while
on Autopsy re-seeds every field; a value typed and left by clicking another page
at once is kept and the page renders; the Autopsy role is the Timeline role;
after a server restart the user is told, and nothing is merged into the example.
Assertions wait (playwright's expect), never sleep.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from matchplan.examples import example_profile
from matchplan.plan import new_plan
from matchplan.planfile import dump_plan
from matchplan.profile import with_changes
from tests.conftest import TODAY, StreamlitServer, click_through, screenshot, settled
from tests.test_browser import open_page
from tests.widgets import css

pytestmark = pytest.mark.browser
DAY = date.fromisoformat(TODAY)
LOADED_NAME = "Loaded Applicant"
SESSION_ENDED = "This tab's earlier session ended"


def plan_file(folder: Path) -> Path:
    """A saved plan for someone other than the example: name, graduation, target, programs."""
    profile = with_changes(
        example_profile(DAY),
        {
            "display_name": LOADED_NAME,
            "graduation_date": date(2020, 5, 15),
            "target_specialty": "fm",
            "last_cycle": {"programs_applied": 77},
        },
        DAY,
    )
    path = folder / "loaded-plan.json"
    path.write_bytes(dump_plan(new_plan(profile, DAY)))
    return path


def sidebar(tab: Any) -> Any:
    return tab.locator('[data-testid="stSidebar"]')


def load(tab: Any, path: Path) -> None:
    settled(tab)
    sidebar(tab).locator("input[type=file]").set_input_files(str(path))
    expect(sidebar(tab)).to_contain_text(f"Plan for: {LOADED_NAME}")
    expect(tab.get_by_text("Loaded your plan file", exact=False)).to_be_visible()


def go(tab: Any, title: str, heading: str | None = None) -> None:
    """Click a page in the sidebar navigation and wait for it to draw."""
    click_through(tab, sidebar(tab).get_by_role("link", name=title, exact=True), heading or title)


def field(tab: Any, name: str) -> Any:
    return tab.locator(css(name)).locator("input, textarea").first


def downloaded_plan(tab: Any) -> dict[str, Any]:
    with tab.expect_download() as info:
        sidebar(tab).get_by_role("button", name="Download plan (.json)").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def no_exception(tab: Any) -> None:
    expect(tab.locator('[data-testid="stException"]')).to_have_count(0)


def test_an_edit_after_loading_a_plan_reaches_overview_and_the_download(
    page: Any, server: StreamlitServer, tmp_path: Path
) -> None:
    open_page(page, server, "overview")
    load(page, plan_file(tmp_path))
    go(page, "Autopsy", "Application autopsy")
    programs = field(page, "autopsy_programs")
    expect(programs).to_have_value("77")
    programs.fill("93")
    programs.press("Enter")
    go(page, "Overview")
    # Overview's findings quote last cycle's count (which finding comes first varies).
    expect(
        page.get_by_text(re.compile(r"(applied to|from) 93 (programs|appl)", re.IGNORECASE)).first
    ).to_be_visible()
    expect(sidebar(page)).to_contain_text(f"Plan for: {LOADED_NAME}")
    # The load's confirmation was shown once; it does not come back with every page.
    expect(page.get_by_text("Loaded your plan file", exact=False)).to_have_count(0)
    saved = downloaded_plan(page)
    assert saved["profile"]["last_cycle"]["programs_applied"] == 93
    assert saved["profile"]["display_name"] == LOADED_NAME
    no_exception(page)
    screenshot(page, "plan-loaded-edited-overview")


def test_loading_a_plan_while_on_autopsy_shows_it_in_every_field(
    page: Any, server: StreamlitServer, tmp_path: Path
) -> None:
    open_page(page, server, "autopsy")
    expect(field(page, "autopsy_display_name")).to_have_value("Example applicant (Dr. A. Rivera)")
    expect(field(page, "autopsy_programs")).to_have_value("45")
    load(page, plan_file(tmp_path))
    expect(page.locator("h1").first).to_have_text("Application autopsy")
    expect(field(page, "autopsy_display_name")).to_have_value(LOADED_NAME)
    expect(field(page, "autopsy_graduation_date")).to_have_value(re.compile(r"2020.05.15"))
    expect(field(page, "autopsy_target")).to_have_value("Family Medicine")
    expect(field(page, "autopsy_programs")).to_have_value("77")
    # A change now edits the loaded applicant, not the one shown before.
    field(page, "autopsy_cycles").fill("2")
    field(page, "autopsy_cycles").press("Enter")
    go(page, "Other careers")
    expect(page.locator(".st-key-careers_callout")).to_contain_text("Two or more unsuccessful")
    saved = downloaded_plan(page)
    assert saved["profile"]["display_name"] == LOADED_NAME
    assert saved["profile"]["last_cycle"]["programs_applied"] == 77
    assert saved["profile"]["last_cycle"]["prior_unsuccessful_cycles"] == 2
    no_exception(page)


def leave_by_clicking(tab: Any, title: str, kept: re.Pattern[str]) -> None:
    """Click a page in the navigation while a field still has focus and unsent text.

    The click blurs the field, which commits it. Streamlit 1.67 may then run the page
    the field was on once more after the clicked one (its commit carries that page; a
    bare two-page Streamlit app does the same), so the user can land back on Autopsy.
    Either way the edit must be kept and a whole page drawn (never a blank one);
    ``kept`` is text that shows the edit on both pages. Then the click is repeated.
    """
    sidebar(tab).get_by_role("link", name=title, exact=True).click()
    expect(tab.get_by_text(kept).first).to_be_visible()
    settled(tab)
    expect(tab.locator("h1").first).to_have_text(re.compile(f"^({title}|Application autopsy)"))
    no_exception(tab)


def test_a_value_typed_then_left_by_clicking_another_page_is_kept(
    page: Any, server: StreamlitServer
) -> None:
    open_page(page, server, "autopsy")
    # Type and click a page at once: no Enter, no click outside the box first.
    field(page, "autopsy_display_name").fill("Typed Then Left")
    leave_by_clicking(page, "Overview", re.compile("^Plan for: Typed Then Left$"))
    go(page, "Overview")
    expect(sidebar(page)).to_contain_text("Plan for: Typed Then Left")
    expect(page.get_by_text("Next three actions")).to_be_visible()

    go(page, "Autopsy", "Application autopsy")
    expect(field(page, "autopsy_display_name")).to_have_value("Typed Then Left")
    field(page, "autopsy_programs").fill("58")
    # Below the high-risk floor (80), so both pages quote it: Risk "58 planned",
    # Autopsy's findings "Applied to 58 programs".
    leave_by_clicking(page, "Risk", re.compile("58 planned|applied to 58 programs", re.IGNORECASE))
    go(page, "Risk", "Risk, as programs read it")
    expect(page.get_by_text("58 planned", exact=False)).to_be_visible()
    go(page, "Overview")
    expect(
        page.get_by_text(re.compile("applied to 58 programs", re.IGNORECASE)).first
    ).to_be_visible()
    no_exception(page)
    screenshot(page, "typed-then-left-overview")


def test_the_autopsy_role_shows_on_the_timeline(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "autopsy")
    expect(field(page, "autopsy_role")).to_have_value("Research")
    option = page.get_by_role("option", name="Observership", exact=True)
    for _ in range(5):  # a rerun still drawing the page can close the list just opened
        field(page, "autopsy_role").click()
        try:
            expect(option).to_be_visible(timeout=3_000)
            break
        except AssertionError:
            continue
    option.click()
    expect(field(page, "autopsy_role")).to_have_value("Observership")
    settled(page)
    go(page, "Timeline")
    expect(field(page, "timeline_role_kind")).to_have_value("Observership")
    no_exception(page)
    saved = downloaded_plan(page)
    assert saved["profile"]["clinical"]["current_role"] == "observership"


def test_after_a_server_restart_the_user_is_told_and_nothing_is_merged(browser: Any) -> None:
    app = StreamlitServer()
    app.start()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        tab = context.new_page()
        open_page(tab, app, "autopsy")
        name = field(tab, "autopsy_display_name")
        name.fill("Typed Before Restart")  # still in the box when the server goes away
        app.stop()
        app.start()
        # The next interaction sends what the old widgets held (the typed name): the new
        # session says the old one ended and ignores those values. The tab reconnects on
        # its own schedule, and an interaction made before that is dropped: repeat it.
        warning = tab.get_by_text(SESSION_ENDED, exact=False)
        for _ in range(20):
            name.press("Enter")
            try:
                expect(warning).to_be_visible(timeout=3_000)
                break
            except AssertionError:
                continue
        expect(warning).to_be_visible()
        settled(tab)  # the old session's fields, still on screen, are all replaced
        expect(sidebar(tab)).to_contain_text("Plan for: Example applicant")
        expect(field(tab, "autopsy_display_name")).to_have_value(
            "Example applicant (Dr. A. Rivera)"
        )
        field(tab, "autopsy_programs").fill("61")
        field(tab, "autopsy_programs").press("Enter")
        go(tab, "Overview")
        expect(
            tab.get_by_text(re.compile("applied to 61 programs", re.IGNORECASE)).first
        ).to_be_visible()
        expect(sidebar(tab)).to_contain_text("Plan for: Example applicant")
        expect(tab.get_by_text("Typed Before Restart")).to_have_count(0)
        saved = downloaded_plan(tab)
        assert saved["profile"]["display_name"] == "Example applicant (Dr. A. Rivera)"
        assert saved["profile"]["last_cycle"]["programs_applied"] == 61
        screenshot(tab, "after-server-restart")
    finally:
        context.close()
        app.stop()
