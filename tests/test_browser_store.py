"""Browser: "Keep my plan in this browser" (issue 12, item 7) across a reload, a closed
and reopened browser context, and "Forget this browser". Opt-in, off by default."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import StreamlitServer, screenshot, settled
from tests.test_browser import PAGES
from tests.widgets import css

pytestmark = pytest.mark.browser
SCRIPT = "Kept in this browser: the family talk on Sunday."
RESTORED = "Restored the plan kept in this browser"
STORED_PLAN = "() => window.localStorage.getItem('matchplan.plan')"


def open_at(tab: Any, server: StreamlitServer, path: str) -> None:
    tab.goto(f"{server.url}/{'' if path == 'overview' else path}")
    expect(tab.locator("h1").first).to_have_text(PAGES[path])
    settled(tab)


def keep_toggle(tab: Any) -> Any:
    return tab.locator(".st-key-browser_keep input[type=checkbox]")


def family_script(tab: Any) -> Any:
    return tab.locator(f"{css('week_family_script')} textarea")


def stored(tab: Any) -> str | None:
    value = tab.evaluate(STORED_PLAN)
    return value if isinstance(value, str) else None


def test_the_plan_survives_a_reload_and_a_new_context_until_forgotten(
    browser: Any, server: StreamlitServer
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    open_at(tab, server, "week")
    expect(keep_toggle(tab)).not_to_be_checked()  # off by default
    assert stored(tab) is None

    family_script(tab).fill(SCRIPT)
    family_script(tab).press("Control+Enter")
    expect(tab.get_by_role("button", name="Write it again from the plan")).to_be_enabled()
    assert stored(tab) is None  # nothing kept before the applicant opts in

    tab.locator(".st-key-browser_keep label").click()
    expect(keep_toggle(tab)).to_be_checked()
    tab.wait_for_function(f"() => ({STORED_PLAN})()?.includes('family talk on Sunday')")

    tab.reload()
    expect(tab.get_by_text(RESTORED, exact=False)).to_be_visible()
    settled(tab)  # the restore's run draws its message first; the fields follow before it ends
    expect(family_script(tab)).to_have_value(SCRIPT)
    expect(keep_toggle(tab)).to_be_checked()
    screenshot(tab, "browser-store-restored")

    kept = context.storage_state()
    context.close()
    reopened = browser.new_context(viewport={"width": 1280, "height": 900}, storage_state=kept)
    reopened.set_default_timeout(30_000)
    tab = reopened.new_page()
    open_at(tab, server, "week")
    expect(tab.get_by_text(RESTORED, exact=False)).to_be_visible()
    settled(tab)
    expect(family_script(tab)).to_have_value(SCRIPT)

    tab.get_by_role("button", name="Forget this browser").click()
    expect(keep_toggle(tab)).not_to_be_checked()
    tab.wait_for_function(f"() => ({STORED_PLAN})() === null")
    tab.reload()
    expect(tab.locator("h1").first).to_have_text(PAGES["week"])
    expect(keep_toggle(tab)).not_to_be_checked()
    expect(family_script(tab)).not_to_have_value(SCRIPT)
    expect(tab.get_by_text(RESTORED, exact=False)).to_have_count(0)
    reopened.close()


def test_a_damaged_stored_plan_is_refused_with_a_message(
    browser: Any, server: StreamlitServer
) -> None:
    context = browser.new_context()
    context.set_default_timeout(30_000)
    context.add_init_script(
        "window.localStorage.setItem('matchplan.keep', '1');"
        "window.localStorage.setItem('matchplan.plan', '{\"schema_version\": 3}');"
    )
    tab = context.new_page()
    open_at(tab, server, "overview")
    expect(tab.get_by_text("The plan kept in this browser could not be used")).to_be_visible()
    expect(tab.get_by_text(RESTORED, exact=False)).to_have_count(0)
    context.close()
