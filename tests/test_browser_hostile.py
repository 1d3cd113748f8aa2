"""Browser: hostile text and files (issue 7). Script and HTML typed into free-text
fields render as text; a hostile plan file is refused beside the uploader and the
plan on screen stays as it was."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, StreamlitServer, click_through, screenshot, settled
from tests.widgets import css

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=1</script>"


def no_injection(tab: Any) -> None:
    expect(tab.locator("img[src='x']")).to_have_count(0)
    assert tab.evaluate("() => window.__xss === undefined")


def test_script_typed_into_text_fields_is_shown_as_text(page: Any, server: StreamlitServer) -> None:
    page.goto(f"{server.url}/autopsy")
    expect(page.locator("h1").first).to_have_text("Application autopsy")
    name = page.locator(css("autopsy_display_name")).locator("input")
    name.fill(IMG)
    name.press("Enter")
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text(IMG)

    feedback = page.locator(css("autopsy_feedback")).locator("textarea")
    feedback.fill(SCRIPT)
    page.locator("h1").first.click()  # a text area commits when it loses focus
    settled(page)
    expect(feedback).to_have_value(SCRIPT)
    no_injection(page)

    click_through(page, page.get_by_role("link", name="Overview"), "Overview")
    expect(page.get_by_text(IMG, exact=False).first).to_be_visible()
    no_injection(page)
    screenshot(page, "hostile-text-overview")


def test_a_hostile_plan_file_is_refused_in_the_browser(page: Any, server: StreamlitServer) -> None:
    page.goto(f"{server.url}/")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("Example applicant")
    hostile = ARTIFACTS / "hostile-plan.json"
    hostile.write_text(
        '{"schema_version": 2, "saved_on": "2026-01-01", "profile": '
        f'{{"display_name": "{SCRIPT}"}}, "evil": true}}',
        encoding="utf-8",
    )
    sidebar.locator("input[type=file]").set_input_files(str(hostile))
    expect(sidebar).to_contain_text("The plan has invalid values")
    expect(sidebar).to_contain_text("The plan on screen is unchanged.")
    expect(sidebar).to_contain_text("Example applicant")
    no_injection(page)
    screenshot(page, "hostile-plan-refused")
