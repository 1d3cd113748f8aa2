"""Browser: scenarios side by side, screen-share privacy on page and handout, shared
links, and the HTML handout opened as a page of its own (issue 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import ARTIFACTS, StreamlitServer, click_through, screenshot, settled

pytestmark = pytest.mark.browser


def go(tab: Any, server: StreamlitServer, path: str, heading: str) -> None:
    tab.goto(f"{server.url}/{'' if path == 'overview' else path}")
    expect(tab.locator("h1").first).to_have_text(heading)


def download(tab: Any, button: str, name: str) -> Path:
    with tab.expect_download() as info:
        tab.get_by_role("button", name=button).click()
    target = ARTIFACTS / name
    info.value.save_as(target)
    return target


def test_two_scenarios_side_by_side(page: Any, server: StreamlitServer) -> None:
    go(page, server, "scenarios", "Scenarios")
    page.get_by_role("button", name="Add the suggested scenarios").click()
    table = page.locator(".st-key-scenarios_table")
    expect(table).to_contain_text("As planned")
    expect(table).to_contain_text("Reapply a cycle later")
    expect(table).to_contain_text("17 Mar 2028")  # Match Day of the planned cycle
    expect(table).to_contain_text("16 Mar 2029")  # ...and of the cycle after
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    screenshot(page, "scenarios-side-by-side")


def test_screen_share_mode_hides_the_name_on_page_and_handout(
    page: Any, server: StreamlitServer
) -> None:
    go(page, server, "overview", "Overview")
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("Rivera")
    page.get_by_text("Screen-share mode").click()
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("details hidden")
    expect(page.get_by_text("Rivera")).to_have_count(0)
    screenshot(page, "overview-screen-share")

    click_through(page, page.get_by_role("link", name="Handout"), "Handout")
    expect(page.locator(".st-key-handout_preview")).to_contain_text("Overall risk")
    expect(page.get_by_text("Rivera")).to_have_count(0)
    pdf = download(page, "Download PDF", "handout-screen-share.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "Overall risk: high" in text
    assert "Rivera" not in text
    html = download(page, "Download HTML with interactive charts", "handout-screen-share.html")
    assert "Rivera" not in html.read_text(encoding="utf-8")


def test_the_html_handout_opens_with_its_charts(page: Any, server: StreamlitServer) -> None:
    go(page, server, "handout", "Handout")
    page.get_by_text("Include identifying details").click()
    expect(page.locator(".st-key-handout_preview")).to_contain_text("Rivera")
    html = download(page, "Download HTML with interactive charts", "handout.html")
    page.goto(html.as_uri())
    expect(page.locator("h1")).to_have_text("Re-application plan: Internal Medicine, 2028 Match")
    expect(page.get_by_text("For Example applicant (Dr. A. Rivera).", exact=False)).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(2)
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    screenshot(page, "handout-html")


def slider_value(tab: Any, label: str) -> Any:
    """The value a slider shows above its thumb."""
    slider = tab.locator('[data-testid="stSlider"]').filter(has_text=label)
    return slider.locator('[data-testid="stSliderThumbValue"]')


def test_a_shared_link_restores_its_settings_and_nothing_else(
    page: Any, server: StreamlitServer
) -> None:
    page.goto(f"{server.url}/risk?specialty=fm&match=2029&letters=2&extra=40&name=Mallory")
    expect(page.locator("h1").first).to_have_text("Risk, as programs read it")
    expect(page.get_by_text("Applied the shared link's settings")).to_be_visible()
    # Issue 12: a neutral profile with a banner, never the example applicant's plan.
    expect(page.locator(".st-key-shared_link_banner")).to_contain_text("Settings shared with you")
    expect(page.locator(".st-key-not_assessed")).to_contain_text("Not assessed yet")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_contain_text("settings shared with you")
    expect(sidebar).not_to_contain_text("Example applicant")
    expect(sidebar).not_to_contain_text("Mallory")
    page.get_by_role("button", name="Share these settings").click()
    expect(page.get_by_text("This link carries only", exact=False)).to_be_visible()
    screenshot(page, "risk-from-shared-link")


def test_screen_share_hides_a_named_plan_file_and_survives_a_reload(
    page: Any, server: StreamlitServer
) -> None:
    """Issue 12: loading Priya_Raman_matchplan.json never shows the file name on screen."""
    named = ARTIFACTS / "Priya_Raman_matchplan.json"
    ARTIFACTS.mkdir(exist_ok=True)
    example = Path(__file__).resolve().parent.parent / "matchplan/data/example_applicant.json"
    named.write_bytes(example.read_bytes())
    page.goto(f"{server.url}/overview?share=1")
    expect(page.locator("h1").first).to_have_text("Overview")
    page.reload()  # screen-share mode is in the address: a reload keeps it
    expect(page.locator("h1").first).to_have_text("Overview")
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("details hidden")
    settled(page)
    page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(str(named))
    expect(page.get_by_text("Loaded your plan file")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Priya")
    expect(page.locator("body")).not_to_contain_text("Rivera")  # the name in the file
    assert "Rivera" not in page.title()
    screenshot(page, "screen-share-named-file")
