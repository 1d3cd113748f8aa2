"""Browser tests: Debian's chromium against the real server, as a person uses it.

Each test saves a screenshot under test-artifacts/ so people can look at what
the pages show. Assertions wait (playwright's expect), never sleep.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, StreamlitServer, click_through, screenshot, settled
from tests.widgets import css

pytestmark = pytest.mark.browser

PAGES = {  # url path -> the page's title; every page of the navigation
    "home": "Overview",  # the root address shows Overview too
    "intake": "Start here",
    "overview": "Overview",
    "autopsy": "Application autopsy",
    "risk": "Risk, as programs read it",
    "pathway": "Stay or pivot",
    "timeline": "Timeline",
    "programs": "Programs",
    "scenarios": "Scenarios",
    "handout": "Handout",
    "progress": "Progress",
    "statement": "Personal statement",
    "networking": "Networking",
    "week": "Weekly structure",
    "careers": "Other careers",
    "advisor": "Advisor conversation",
    "clinical": "Clinical year",
    "interview": "Interview answer",
    "soap": "SOAP readiness",
    "support": "Looking after yourself",
    "sources": "Sources and assumptions",
}


def open_page(tab: Any, server: StreamlitServer, path: str) -> None:
    # The root URL ("home") shows Overview; every other page has its own address.
    tab.goto(f"{server.url}/{'' if path == 'home' else path}")
    expect(tab.locator("h1").first).to_have_text(PAGES[path])
    # The sidebar's own controls prove the entry script ran, not just the page file.
    expect(tab.get_by_role("button", name="Load the example applicant")).to_be_visible()
    settled(tab)
    expect(tab.get_by_text("Page not found")).to_have_count(0)
    # Elements still being computed show as skeletons: wait until the page has drawn.
    expect(tab.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def test_the_page_list_covers_every_page_file() -> None:
    """Every page file, plus the root address ("home", Overview's script again)."""
    assert set(PAGES) - {"home"} == {p.stem for p in (ROOT / "app_pages").glob("*.py")}


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_opens_without_exception(page: Any, server: StreamlitServer, path: str) -> None:
    open_page(page, server, path)
    if path in ("overview", "risk"):
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, f"page-{path}")


def test_what_if_on_risk_changes_the_displayed_tier(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "risk")
    overall = page.locator(".st-key-whatif_overall")
    expect(overall).to_contain_text("What-if: High risk")
    page.get_by_text("US clinical work in the last 12 months").click()
    expect(overall).to_contain_text("What-if: Moderate risk")
    expect(overall).to_contain_text("was high")
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "risk-what-if-recent-clinical")


def test_bad_autopsy_input_is_named_at_its_field_and_the_plan_is_kept(
    page: Any, server: StreamlitServer
) -> None:
    open_page(page, server, "autopsy")
    offers = page.locator(css("autopsy_offers")).locator("input")
    offers.fill("300")
    offers.press("Enter")
    message = "Interview offers (300) cannot be more than programs applied to (45)"
    expect(page.get_by_text(message, exact=False)).to_be_visible()
    # The bad value stays in its field to be corrected.
    expect(offers).to_have_value("300")
    screenshot(page, "autopsy-invalid-interviews")
    click_through(page, page.get_by_role("link", name="Overview"), "Overview")
    expect(
        page.get_by_text(re.compile("applied to 45 programs", re.IGNORECASE)).first
    ).to_be_visible()


def test_a_cold_deep_link_runs_the_entry_script(browser: Any) -> None:
    """Regression: with a pages/ folder, Streamlit served a cold deep link without the entry."""
    cold = StreamlitServer()
    cold.start()
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        open_page(tab, cold, "risk")
        expect(tab.get_by_text("Sources and assumptions")).to_be_visible()
        context.close()
    finally:
        cold.stop()
