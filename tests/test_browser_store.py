"""Browser: "Keep my plan in this browser" (issue 12, item 7) across a reload, a closed
and reopened browser context, and "Forget this browser". Opt-in, off by default.

Issue 25, item 1: the kept copy may be the applicant's only one. It is offered, never
taken or overwritten on the tab's own: a refused copy stays as it was and can be
downloaded; "Not now" leaves it; a shared link's settings are not dropped silently."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from matchplan.examples import example_profile
from matchplan.plan import new_plan
from matchplan.planfile import dump_plan
from matchplan.profile import with_changes
from tests.conftest import TODAY, StreamlitServer, screenshot, settled
from tests.test_browser import PAGES
from tests.widgets import css

pytestmark = pytest.mark.browser
SCRIPT = "Kept in this browser: the family talk on Sunday."
RESTORED = "Restored the plan kept in this browser"
STORED_PLAN = "() => window.localStorage.getItem('matchplan.plan')"
DAY = date.fromisoformat(TODAY)
NEWER = '{"schema_version": 99, "note": "written by a newer MatchPlan"}'


def kept_plan(name: str) -> str:
    profile = with_changes(example_profile(DAY), {"display_name": name}, DAY)
    return dump_plan(new_plan(profile, DAY)).decode("utf-8")


def browser_keeping(browser: Any, text: str) -> Any:
    """A browser profile that opted in earlier and keeps ``text`` as its plan."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) {"
        "  sessionStorage.setItem('seeded', '1');"
        "  localStorage.setItem('matchplan.keep', '1');"
        f"  localStorage.setItem('matchplan.plan', {json.dumps(text)});"
        "}"
    )
    return context


def offered(browser: Any, server: StreamlitServer, text: str) -> tuple[Any, Any, Any]:
    """Week opened in a browser keeping ``text``: the offer is up, nothing restored."""
    context = browser_keeping(browser, text)
    tab = context.new_page()
    open_at(tab, server, "week")
    held = tab.locator(".st-key-browser_held")
    expect(held).to_contain_text("Continue the plan for Dr. Kept Owner?")
    return context, tab, held


def continue_kept(tab: Any) -> None:
    tab.get_by_role("button", name="Continue that plan").click()
    expect(tab.get_by_text(RESTORED, exact=False)).to_be_visible()
    settled(tab)  # the restore's run draws its message first; the fields follow before it ends


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
    expect(tab.locator(".st-key-browser_held")).to_contain_text("Continue the plan for")
    continue_kept(tab)
    expect(family_script(tab)).to_have_value(SCRIPT)
    expect(keep_toggle(tab)).to_be_checked()
    screenshot(tab, "browser-store-restored")

    kept = context.storage_state()
    context.close()
    reopened = browser.new_context(viewport={"width": 1280, "height": 900}, storage_state=kept)
    reopened.set_default_timeout(30_000)
    tab = reopened.new_page()
    open_at(tab, server, "week")
    continue_kept(tab)
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


@pytest.mark.parametrize("text", ['{"schema_version": 3}', NEWER], ids=["damaged", "newer"])
def test_r25_1_a_refused_kept_plan_is_left_untouched_and_offered_as_a_download(
    browser: Any, server: StreamlitServer, text: str
) -> None:
    """Before: the warning showed, and the same page load wrote the example over it."""
    context = browser_keeping(browser, text)
    tab = context.new_page()
    open_at(tab, server, "week")
    held = tab.locator(".st-key-browser_held")
    expect(held).to_contain_text("The plan kept in this browser could not be used")
    expect(tab.get_by_text(RESTORED, exact=False)).to_have_count(0)
    settled(tab)
    assert stored(tab) == text
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download the kept text").click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == text
    screenshot(tab, "browser-store-refused")

    # An edit, a page change and a reload write nothing over it either.
    family_script(tab).fill(SCRIPT)
    family_script(tab).press("Control+Enter")
    expect(tab.get_by_role("button", name="Write it again from the plan")).to_be_enabled()
    tab.get_by_role("button", name="Set it aside").click()
    expect(held).to_have_count(0)
    expect(keep_toggle(tab)).not_to_be_checked()
    settled(tab)
    open_at(tab, server, "overview")
    assert stored(tab) == text
    tab.reload()
    expect(tab.locator(".st-key-browser_held")).to_contain_text("could not be used")
    settled(tab)
    assert stored(tab) == text
    tab.get_by_role("button", name="Set it aside").click()
    expect(keep_toggle(tab)).not_to_be_checked()

    # Turning the toggle on is the applicant's explicit choice: this tab's plan is kept.
    tab.locator(".st-key-browser_keep label").click()
    expect(keep_toggle(tab)).to_be_checked()
    tab.wait_for_function(f"() => ({STORED_PLAN})()?.includes('schema_version\": 5')")
    context.close()


def test_r25_1_the_next_person_is_asked_and_not_now_leaves_the_kept_plan(
    browser: Any, server: StreamlitServer
) -> None:
    text = kept_plan("Dr. Kept Owner")
    context, tab, held = offered(browser, server, text)
    expect(tab.get_by_text(RESTORED, exact=False)).to_have_count(0)
    screenshot(tab, "browser-store-offer")
    tab.get_by_role("button", name="Not now").click()
    expect(held).to_have_count(0)
    expect(keep_toggle(tab)).not_to_be_checked()
    family_script(tab).fill(SCRIPT)
    family_script(tab).press("Control+Enter")
    expect(tab.get_by_role("button", name="Write it again from the plan")).to_be_enabled()
    settled(tab)
    assert stored(tab) == text
    context.close()


def test_r25_1_a_shared_link_with_a_kept_plan_asks_and_keeps_the_link_in_screen_share(
    browser: Any, server: StreamlitServer
) -> None:
    """The link's settings are not dropped silently; the name stays off a shared screen."""
    context = browser_keeping(browser, kept_plan("Dr. Kept Owner"))
    tab = context.new_page()
    tab.goto(f"{server.url}/risk?specialty=fm&match=2029&letters=2&share=1")
    held = tab.locator(".st-key-browser_held")
    expect(held).to_contain_text("Continuing it replaces the settings shared with you")
    expect(held).to_contain_text("the name is hidden for screen sharing")
    expect(tab.get_by_text("Dr. Kept Owner")).to_have_count(0)
    expect(tab.locator(".st-key-shared_link_banner")).to_be_visible()
    tab.get_by_role("button", name="Not now").click()
    expect(held).to_have_count(0)
    expect(tab.locator(".st-key-shared_link_banner")).to_be_visible()
    context.close()


def test_r25_1_loading_a_file_answers_the_offer_and_leaves_the_kept_plan(
    browser: Any, server: StreamlitServer, tmp_path: Path
) -> None:
    text = kept_plan("Dr. Kept Owner")
    context, tab, held = offered(browser, server, text)
    mine = tmp_path / "mine.json"
    mine.write_text(kept_plan("Dr. Second Person"), encoding="utf-8")
    tab.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(str(mine))
    expect(tab.get_by_text("Loaded your plan file", exact=False)).to_be_visible()
    expect(held).to_have_count(0)
    expect(keep_toggle(tab)).not_to_be_checked()
    settled(tab)
    assert stored(tab) == text
    context.close()
