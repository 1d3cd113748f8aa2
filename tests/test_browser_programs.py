"""Browser tests for Stay or pivot and Programs: Debian's chromium against the real server.

The tier what-if moves the program-count chart and the fee; a CSV upload shows the
list's mix against the tier's target. Each test saves a screenshot under
test-artifacts/. Assertions wait (playwright's expect), never sleep.
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
from matchplan.programs import ProgramRow
from tests.conftest import ARTIFACTS, TODAY, StreamlitServer, click_through, screenshot, settled
from tests.strategies import EXAMPLE_FILE
from tests.widgets import css

pytestmark = pytest.mark.browser
WAIT = 30_000
"""ms: charts load their script lazily, and a loaded machine runs the page slowly."""

LIST_CSV = b"""program,state,type,setting,connection,signal
Mercy Community Hospital IM,OH,community,suburban,alumni,yes
Valley Regional IM,NM,community,rural,,yes
Delta Health IM,MS,community,rural,,no
Prairie Medical Center IM,KS,community,rural,,no
Coastal University-Affiliated IM,GA,university-affiliated,suburban,observership,yes
Lakeside University IM,WA,university,urban,,no
Hill Country Community IM,TX,community,urban,,no
Mountain Affiliated IM,UT,university-affiliated,suburban,,no
Northern Rural IM,ZZ,community,rural,,no
"""


def saved_plan_with_list() -> bytes:
    """A plan file whose program list is two programs (not the CSV's eight)."""
    today = date.fromisoformat(TODAY)
    rows = (
        ProgramRow(program="Saved Plan Hospital IM", state="OR", type="community", setting="urban"),
        ProgramRow(
            program="Saved Plan University IM", state="VT", type="university", setting="rural"
        ),
    )
    return dump_plan(
        new_plan(example_profile(today), today).model_copy(update={"program_list": rows})
    )


def downloaded_plan(tab: Any) -> dict[str, Any]:
    """Download the plan through the sidebar button, as the user would."""
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download plan (.json)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def open_page(tab: Any, server: StreamlitServer, path: str, title: str) -> None:
    tab.goto(f"{server.url}/{path}")
    expect(tab.locator("h1").first).to_have_text(title, timeout=WAIT)
    expect(tab.get_by_role("button", name="Load the example applicant")).to_be_visible(timeout=WAIT)
    settled(tab)


def metric(tab: Any, label: str) -> Any:
    return tab.locator('[data-testid="stMetric"]').filter(has_text=label)


def choose(tab: Any, label: str, option: str, scope: Any = None) -> None:
    """Pick an option in a selectbox; its list opens in a popover outside any form."""
    (scope or tab).locator('[data-testid="stSelectbox"]').filter(has_text=label).click()
    tab.get_by_role("option", name=option, exact=True).click()


def test_tier_what_if_updates_the_count_chart_and_the_cost(
    page: Any, server: StreamlitServer
) -> None:
    # A US MD graduate: revised R-51 keeps every IMG at 80-120 in IM whatever the tier.
    us_md = ARTIFACTS / "plan-us-md.json"
    us_md.write_text(
        json.dumps({**json.loads(EXAMPLE_FILE.read_text()), "applicant_type": "us_md"}),
        encoding="utf-8",
    )
    open_page(page, server, "programs", "Programs")
    settled(page)
    page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(str(us_md))
    expect(page.get_by_text("Loaded your plan file")).to_be_visible(timeout=WAIT)
    # The message is drawn first in the load's run; until the run ends the old plan's
    # metric can stand beside the new one (two "Recommended programs" under load).
    settled(page)
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_contain_text("Range 80-120", timeout=WAIT)
    expect(metric(page, "Recommended programs")).to_contain_text("100", timeout=WAIT)
    expect(metric(page, "Recommended: total")).to_contain_text("$2,510", timeout=WAIT)
    screenshot(page, "page-programs")

    choose(page, "Risk tier", "Low (what-if)")
    expect(chart).to_contain_text("Range 40-55", timeout=WAIT)
    expect(metric(page, "Recommended programs")).to_contain_text("40", timeout=WAIT)
    expect(metric(page, "Recommended: total")).to_contain_text("$710", timeout=WAIT)
    fees = page.locator(".js-plotly-plot").nth(1)
    expect(fees).to_contain_text("$710", timeout=WAIT)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0, timeout=WAIT)
    screenshot(page, "programs-tier-what-if-low")


def test_uploading_a_csv_shows_its_mix_against_the_target(
    page: Any, server: StreamlitServer
) -> None:
    open_page(page, server, "programs", "Programs")
    expect(page.get_by_text("Add programs above or upload a CSV")).to_be_visible(timeout=WAIT)
    settled(page)
    page.locator(f"{css('programs_csv')} input[type=file]").set_input_files(
        files=[{"name": "my-list.csv", "mimeType": "text/csv", "buffer": LIST_CSV}]
    )
    expect(
        page.get_by_text("Loaded 8 program(s) from the file; 1 line(s) need fixing.")
    ).to_be_visible(timeout=WAIT)
    mix = page.locator(".st-key-programs_mix")
    expect(mix).to_be_visible(timeout=WAIT)
    expect(metric(page, "Programs in the list")).to_contain_text("8", timeout=WAIT)
    expect(metric(page, "Census divisions")).to_contain_text("7 of 9", timeout=WAIT)
    expect(mix).to_contain_text("Target, high tier (assumption)", timeout=WAIT)
    expect(mix).to_contain_text(
        "The list has 8 programs; the plan calls for at least 80.", timeout=WAIT
    )
    expect(page.locator('[data-testid="stException"]')).to_have_count(0, timeout=WAIT)
    mix.scroll_into_view_if_needed()
    screenshot(page, "programs-csv-mix")


def test_a_file_that_is_not_utf8_is_refused_with_a_message(
    page: Any, server: StreamlitServer
) -> None:
    open_page(page, server, "programs", "Programs")
    settled(page)
    page.locator(f"{css('programs_csv')} input[type=file]").set_input_files(
        files=[
            {"name": "latin1.csv", "mimeType": "text/csv", "buffer": "Clínica".encode("latin-1")}
        ]
    )
    expect(page.get_by_text("The file is not UTF-8 text", exact=False)).to_be_visible(timeout=WAIT)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0, timeout=WAIT)


def test_the_what_if_count_is_saved_in_the_plan_file(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "programs", "Programs")
    field = page.locator(f"{css('programs_whatif_count')} input")
    field.fill("70")
    field.press("Enter")
    # 30 x $11 + 40 x $30 + the $80 transcript
    expect(metric(page, "What-if: total")).to_contain_text("$1,610", timeout=WAIT)
    assert downloaded_plan(page)["programs"]["what_if_count"] == 70


def test_a_csv_left_in_the_uploader_never_overwrites_a_loaded_plans_list(
    page: Any, server: StreamlitServer
) -> None:
    open_page(page, server, "programs", "Programs")
    settled(page)
    page.locator(f"{css('programs_csv')} input[type=file]").set_input_files(
        files=[{"name": "my-list.csv", "mimeType": "text/csv", "buffer": LIST_CSV}]
    )
    expect(metric(page, "Programs in the list")).to_contain_text("8", timeout=WAIT)
    settled(page)
    page.locator(f"{css('sidebar_plan_upload')} input[type=file]").set_input_files(
        files=[
            {"name": "plan.json", "mimeType": "application/json", "buffer": saved_plan_with_list()}
        ]
    )
    expect(page.get_by_text("Loaded your plan file")).to_be_visible(timeout=WAIT)
    expect(metric(page, "Programs in the list")).to_contain_text("2", timeout=WAIT)
    click_through(page, page.get_by_role("link", name="Overview", exact=True), "Overview")
    click_through(page, page.get_by_role("link", name="Programs", exact=True), "Programs")
    expect(metric(page, "Programs in the list")).to_contain_text("2", timeout=WAIT)
    expect(page.locator(f"{css('programs_csv')} [data-testid='stFileUploaderFile']")).to_have_count(
        0
    )
    expect(page.locator('[data-testid="stException"]')).to_have_count(0, timeout=WAIT)
    screenshot(page, "programs-loaded-plan-list")


def test_stay_or_pivot_page(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "pathway", "Stay or pivot")
    proposal = page.locator(".st-key-pathway_proposal")
    expect(proposal).to_contain_text("Same specialty, re-targeted", timeout=WAIT)
    expect(page.get_by_role("heading", name="Realistic alternatives")).to_be_visible(timeout=WAIT)
    screenshot(page, "page-pathway")
    choose(page, "Path for this plan", "Pivot to another specialty")
    expect(proposal).to_contain_text("Pivot to another specialty", timeout=WAIT)
    expect(proposal).to_contain_text(
        "MatchPlan proposed: same specialty, re-targeted", timeout=WAIT
    )
    expect(page.locator('[data-testid="stException"]')).to_have_count(0, timeout=WAIT)


def test_a_dermatology_target_pivots_with_a_dual_split(page: Any, server: StreamlitServer) -> None:
    """R-23 and R-52 end to end: the Autopsy's target change reaches both pages."""
    open_page(page, server, "autopsy", "Application autopsy")
    choose(
        page,
        "Target specialty (next cycle)",
        "Dermatology",
        scope=page.locator(css("autopsy_target")),
    )
    expect(page.locator(css("autopsy_target")).locator("input")).to_have_value(
        "Dermatology", timeout=WAIT
    )

    click_through(page, page.get_by_role("link", name="Stay or pivot"), "Stay or pivot")
    expect(page.locator(".st-key-pathway_proposal")).to_contain_text(
        "Pivot to another specialty", timeout=WAIT
    )
    expect(page.get_by_text("Dermatology is functionally closed")).to_be_visible(timeout=WAIT)
    split = page.get_by_text("Proposed split:", exact=False)
    expect(split).to_contain_text("28 Dermatology + 100 Internal Medicine", timeout=WAIT)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=WAIT)
    screenshot(page, "pathway-dermatology-dual")

    page.get_by_role("link", name="Programs").click()
    expect(metric(page, "Recommended programs")).to_contain_text("128", timeout=WAIT)
    expect(page.locator(".js-plotly-plot").first).to_contain_text(
        "Dermatology (recommended)", timeout=WAIT
    )
    expect(page.locator('[data-testid="stException"]')).to_have_count(0, timeout=WAIT)
    screenshot(page, "programs-dermatology-dual")


def test_a_what_if_count_typed_then_left_by_a_page_click_is_kept(
    page: Any, server: StreamlitServer
) -> None:
    """Issue 14 put the what-if count in a fragment: a draft left by a page click still counts."""
    open_page(page, server, "programs", "Programs")
    field = page.locator(f"{css('programs_whatif_count')} input")
    field.fill("70")  # no Enter: leaving the box by the click commits it
    overview = page.get_by_role("link", name="Overview", exact=True)
    overview.click()
    # The box's commit may run before the click's request, and Streamlit can then drop
    # the click while that run redraws the page (see click_through): Programs stays.
    expect(page.locator("h1").first).to_have_text(re.compile("^(Overview|Programs)$"))
    settled(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    click_through(page, overview, "Overview")
    click_through(page, page.get_by_role("link", name="Programs", exact=True), "Programs")
    expect(field).to_have_value("70", timeout=WAIT)
    expect(metric(page, "What-if: total")).to_contain_text("$1,610", timeout=WAIT)
    assert downloaded_plan(page)["programs"]["what_if_count"] == 70
