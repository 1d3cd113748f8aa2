"""Browser tests for the year pages: chromium against the real server.

Editing the week redraws the hours chart; typing a draft shows the check; a
draft typed or pasted and left at once by a page click is kept (issue 10); HTML
typed into a text field stays text (no element is injected). Bound widgets are
found by name (tests.widgets.css). Each test saves a screenshot under
test-artifacts/. Assertions wait (playwright's expect).
"""

from __future__ import annotations

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
from tests.conftest import TODAY, StreamlitServer, click_through, open_cell, screenshot, settled
from tests.widgets import css

pytestmark = pytest.mark.browser

PAGES = {
    "statement": "Personal statement",
    "networking": "Networking",
    "week": "Weekly structure",
    "careers": "Other careers",
}
CHART = ".st-key-week_hours_chart .js-plotly-plot"
PLOTLY_LOAD = 30_000  # ms: a fresh browser context fetches plotly.js on the first chart
SLOTS = ("morning", "afternoon", "evening")
IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"


def open_page(tab: Any, server: StreamlitServer, path: str) -> None:
    tab.goto(f"{server.url}/{path}")
    expect(tab.locator("h1").first).to_have_text(PAGES[path])
    # The navigation is built by the entry script: it proves the entry ran, not just the page.
    expect(tab.get_by_role("link", name="Sources and assumptions")).to_be_attached()
    settled(tab)


def choose(tab: Any, block: str, choice: str) -> None:
    """Pick a domain for one block of the week and wait until the box shows it."""
    box = tab.locator(css(f"week_{block}"))
    box.click()
    tab.get_by_role("option", name=choice, exact=True).click()
    expect(box.get_by_role("combobox")).to_have_value(choice)


def commit(tab: Any, key: str, text: str) -> None:
    """Type into a keyed text area and commit it as a user does (Ctrl+Enter)."""
    box = tab.locator(f"{css(key)} textarea")
    box.fill(text)
    box.press("Control+Enter")


@pytest.mark.parametrize("path", list(PAGES))
def test_every_year_page_opens(page: Any, server: StreamlitServer, path: str) -> None:
    open_page(page, server, path)
    ready = {
        "statement": f"{css('statement_draft')} textarea",
        "networking": f"{css('networking_email')} textarea",
        "week": CHART,
        "careers": "h4",
    }
    # Widgets draw after the first paint: wait for the last one before the screenshot.
    expect(page.locator(ready[path]).last).to_be_visible(timeout=PLOTLY_LOAD)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, f"page-{path}")


def test_r70_editing_the_week_updates_the_hours_chart(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "week")
    # the Timeline's planned exam for the example applicant (issue 10: never "no exam")
    expect(page.get_by_text("Step 3 exam on 28 Jul 2027")).to_be_visible()
    chart = page.locator(CHART)
    expect(chart).to_contain_text("23 h", timeout=PLOTLY_LOAD)  # study, from the template
    expect(chart).to_contain_text("30 h")  # rest
    choose(page, "sun_morning", "Study")
    # While the fragment reruns the old chart may linger for a moment; one remains.
    expect(chart.filter(has_text="27 h").filter(has_text="26 h")).to_have_count(1)
    expect(chart).to_have_count(1)
    expect(page.locator(".st-key-week_warnings")).to_contain_text("Rest is protected")
    screenshot(page, "week-sunday-morning-study")


def test_r70_no_rest_shows_the_warning(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "week")
    expect(page.locator(CHART)).to_be_visible(timeout=PLOTLY_LOAD)
    blocks = [(f"{d}_{s}", "Clinical") for d in ("sat", "sun") for s in SLOTS]
    blocks += [(f"{d}_evening", "Study") for d in ("mon", "tue", "wed", "thu", "fri")]
    for block, choice in blocks:
        choose(page, block, choice)
    expect(page.locator(".st-key-week_warnings")).to_contain_text("No rest is protected")
    expect(page.locator(CHART).filter(has_text="31 h")).to_have_count(1)  # study
    screenshot(page, "week-no-rest")


def test_r61_typing_a_draft_shows_the_check(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "statement")
    check = page.locator(".st-key-statement_check")
    expect(check).to_contain_text("Type or paste a draft")
    commit(
        page,
        "statement_draft",
        "I failed Step 1 in June 2022. The exam was unfair and I was devastated. "
        "After I failed, I retook it. I passed on my second attempt.",
    )
    expect(check).to_contain_text("On the setback")
    expect(check).to_contain_text("The exam was unfair and I was devastated.")
    expect(check).to_contain_text("Self-pitying or blaming language ('devastated')")
    expect(check).to_contain_text("never comes back to Internal Medicine")
    screenshot(page, "statement-draft-checked")


def test_html_typed_in_the_draft_stays_text(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "statement")
    commit(page, "statement_draft", f"{IMG} {SCRIPT} I failed Step 1.")
    check = page.locator(".st-key-statement_check")
    expect(check).to_contain_text(f"{IMG} {SCRIPT} I failed Step 1.")
    expect(page.locator("img[src=x]")).to_have_count(0)
    expect(page.locator("main script")).to_have_count(0)
    screenshot(page, "statement-html-as-text")


def test_html_typed_in_the_email_and_family_script_stays_text(
    page: Any, server: StreamlitServer
) -> None:
    open_page(page, server, "networking")
    commit(page, "networking_email", f"{IMG} I am very interested in a rotation.")
    expect(page.locator(".st-key-networking_email_check")).to_contain_text(IMG)
    expect(page.locator("img[src=x]")).to_have_count(0)
    open_page(page, server, "week")
    commit(page, "week_family_script", f"{IMG} {SCRIPT}")
    expect(page.get_by_role("button", name="Write it again from the plan")).to_be_enabled()
    expect(page.locator("img[src=x]")).to_have_count(0)
    expect(page.locator(f"{css('week_family_script')} textarea")).to_have_value(f"{IMG} {SCRIPT}")


def go_to(tab: Any, path: str) -> None:
    """Follow a sidebar link in the same session (opening a long section first)."""
    link = tab.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]')
    if not link.is_visible():
        tab.get_by_text(re.compile(r"^View \d+ more$")).click()
    click_through(tab, link, PAGES[path])


def test_r25_brings_other_careers_forward(
    page: Any, server: StreamlitServer, tmp_path: Path
) -> None:
    today = date.fromisoformat(TODAY)
    profile = with_changes(
        example_profile(today), {"last_cycle": {"prior_unsuccessful_cycles": 2}}, today
    )
    plan_file = tmp_path / "two-cycles.json"
    plan_file.write_bytes(dump_plan(new_plan(profile, today)))
    open_page(page, server, "careers")
    page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(str(plan_file))
    expect(page.get_by_text("Loaded your plan file")).to_be_visible()
    callout = page.locator(".st-key-careers_callout")
    expect(callout).to_contain_text("Worth weighing now")
    expect(callout).to_contain_text("Two or more unsuccessful cycles.")
    expect(callout).to_contain_text("If you reapply, the first things to do")
    expect(page.locator("h4").nth(1)).to_have_text("Clinical research coordination and management")
    screenshot(page, "careers-r25-prominent")


def test_r62_adding_a_program_shows_its_next_step(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "networking")
    # The last element drawn means the first run is over: edits made mid-run can be lost.
    expect(page.locator(f"{css('networking_email')} textarea")).to_be_visible()
    editor = page.locator(css("networking_editor"))
    expect(editor.locator("canvas").first).to_be_visible(timeout=PLOTLY_LOAD)
    rows = editor.locator("[role=grid] tbody tr")
    expect(rows).to_have_count(0)
    editor.hover()
    editor.get_by_role("button", name="Add row").click()
    # Adding a row reruns the script; edit only once the grid has the row and has settled.
    expect(rows).to_have_count(1)
    settled(page)
    # The grid draws on a canvas: open the new row's Program cell through the grid's
    # accessible copy of it (column 0 is the row markers). Under load the add-row rerun
    # can redraw the grid and drop an edit made meanwhile: retry until the step shows.
    program = editor.locator("[data-testid=glide-cell-1-0]")
    cell_editor = page.locator("textarea.gdg-input")
    next_step = page.get_by_text(f"Mercy {IMG}: Find an advocate here")
    for _ in range(3):
        open_cell(program, cell_editor)
        cell_editor.fill(f"Mercy {IMG}")
        expect(cell_editor).to_have_value(f"Mercy {IMG}")
        cell_editor.press("Enter")
        try:
            expect(next_step).to_be_visible()
            break
        except AssertionError:
            continue
    expect(next_step).to_be_visible()
    expect(program).to_have_text(f"Mercy {IMG}")
    # the new program is picked for the advocate's points and the email outline at once
    expect(page.get_by_text(f"program director at Mercy {IMG} with a short")).to_be_visible()
    expect(page.locator("img[src=x]")).to_have_count(0)
    screenshot(page, "networking-program-added")


DRAFT = (
    "In June 2022 I did not pass Step 1. I rebuilt how I study, passed in October and "
    "scored 231 on Step 2 CK. Internal Medicine is where I want to spend my career."
)


@pytest.mark.parametrize("how", ["paste", "type"])
def test_a_draft_left_by_a_page_click_at_once_is_kept(
    page: Any, server: StreamlitServer, how: str
) -> None:
    """Issue 10: type or paste a draft, click another page without leaving the box first."""
    open_page(page, server, "statement")
    box = page.locator(f"{css('statement_draft')} textarea")
    box.click()
    if how == "paste":
        page.keyboard.insert_text(DRAFT)
    else:
        page.keyboard.type(DRAFT[:80])
    # At once: no blur, no Ctrl+Enter. A page renders in full and the draft is kept,
    # whether the box's commit reaches the server with the click or after it (then
    # ui.state.stale_page keeps the page clicked) or before it (then Streamlit may
    # drop the click while the commit's run redraws the page, and the statement stays).
    page.locator('[data-testid="stSidebarNav"] a[href$="/networking"]').click()
    expect(page.locator("h1").first).to_have_text(
        re.compile(f"^({PAGES['networking']}|{PAGES['statement']})$")
    )
    settled(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    go_to(page, "networking")
    expect(page.locator(f"{css('networking_email')} textarea")).to_be_visible()
    screenshot(page, f"statement-left-at-once-{how}")
    go_to(page, "statement")
    kept = DRAFT if how == "paste" else DRAFT[:80]
    expect(page.locator(f"{css('statement_draft')} textarea")).to_have_value(kept)
    expect(page.locator(".st-key-statement_check")).to_contain_text("On the setback")
