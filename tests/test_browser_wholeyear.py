"""Browser tests for the whole year (issue 13), one per part, on the example applicant.

Chromium against the real server; bound widgets found by name (tests.widgets.css);
waiting assertions only. Each test saves a screenshot under test-artifacts/.
Tables (attendings, the SOAP list) are filled through a loaded plan file: the
data editor's own typing is covered by test_browser_progress.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from matchplan.examples import example_profile
from matchplan.plan import new_plan
from matchplan.planfile import PlanFile, dump_plan
from matchplan.profile import with_changes
from matchplan.progress import PracticeScore, Progress
from matchplan.year import Attending, ClinicalOutputs, SoapPlan, SoapProgram
from matchplan.year.interview_answer import PARTS
from tests.conftest import TODAY, StreamlitServer, screenshot, settled
from tests.test_year import GOOD
from tests.widgets import css

pytestmark = pytest.mark.browser
DAY = date.fromisoformat(TODAY)


def open_page(tab: Any, server: StreamlitServer, path: str, heading: str) -> None:
    tab.goto(f"{server.url}/{path}")
    expect(tab.locator("h1").first).to_have_text(heading)
    expect(tab.get_by_role("link", name="Sources and assumptions")).to_be_attached()
    settled(tab)

    expect(tab.locator('[data-testid="stException"]')).to_have_count(0)


def commit_text(tab: Any, name: str, text: str) -> None:
    box = tab.locator(f"{css(name)} textarea, {css(name)} input").first
    box.fill(text)
    box.press("Control+Enter" if box.evaluate("e => e.tagName") == "TEXTAREA" else "Enter")


def choose(tab: Any, name: str, option: str) -> None:
    """Pick an option of a bound select box or multiselect, once the page has settled."""
    settled(tab)
    box = tab.locator(f"{css(name)} input").first
    box.click()
    # Typing opens the list and narrows it to the option whether the click opened the list
    # or only focused the box (a second click, as before, closed a list still opening).
    box.press_sequentially(option)
    listed = tab.get_by_role("option", name=option, exact=True)
    listed.click()


def load(tab: Any, plan: PlanFile, folder: Path) -> None:
    path = folder / "whole-year.json"
    path.write_bytes(dump_plan(plan))
    settled(tab)
    tab.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(str(path))
    expect(tab.get_by_text("Loaded your plan file", exact=False)).to_be_visible()
    # The message is drawn first in the load's run; until that run ends the page can still
    # show the old plan's fields, and a click on one of them is not kept for the loaded
    # plan (ui.state._of_this_plan). Callers click right after this, so wait for the end.
    settled(tab)


def example() -> PlanFile:
    return new_plan(example_profile(DAY), DAY)


def test_r80_two_advisors_disagree_and_the_path_moves(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "advisor", "Advisor conversation")
    expect(page.locator(".st-key-advisor_reading")).to_contain_text("No advisor's answer")
    page.get_by_role("button", name="Add an advisor").click()
    expect(page.locator(css("advisor_0_advisor"))).to_be_visible()
    commit_text(page, "advisor_0_advisor", "Dr Chen, IM program director")
    commit_text(page, "advisor_0_would_rank", "Yes, if Step 3 is passed and letters are new.")
    choose(page, "advisor_0_bucket", "Optimistic but conditional")
    expect(page.locator(".st-key-advisor_reading")).to_contain_text(
        "read the application as optimistic"
    )
    page.get_by_role("button", name="Add an advisor").click()
    expect(page.locator(css("advisor_1_bucket"))).to_be_visible()
    choose(page, "advisor_1_bucket", "Pessimistic")
    reading = page.locator(".st-key-advisor_reading")
    expect(reading).to_contain_text("The advisors disagree (1 optimistic, 1 pessimistic)")
    expect(reading).to_contain_text("Dr Chen, IM program director")
    expect(reading).to_contain_text("Path now: Pivot")
    settled(page)
    screenshot(page, "wholeyear-advisor")


def test_r81_letters_against_the_target_on_clinical_year_and_progress(
    page: Any, server: StreamlitServer, tmp_path: Path
) -> None:
    plan = example().model_copy(
        update={
            "clinical_outputs": ClinicalOutputs(
                attendings=(
                    Attending(
                        name="Dr Osei",
                        role="Research fellowship, IM service",
                        specialty="im",
                        letter="uploaded",
                        comment="Reliable, owns his patients",
                        network_anchor=True,
                    ),
                    Attending(
                        name="Dr Lind",
                        role="Hospitalist service",
                        specialty="im",
                        letter="promised",
                    ),
                )
            )
        }
    )
    open_page(page, server, "clinical", "Clinical year")
    load(page, plan, tmp_path)
    status = page.locator(".st-key-outputs_status")
    expect(status).to_contain_text("1 uploaded and 1 promised in or near Internal Medicine")
    expect(page.locator(".st-key-clinical_attendings")).to_contain_text("Dr Osei")
    settled(page)
    screenshot(page, "wholeyear-clinical")
    page.locator('[data-testid="stSidebar"]').get_by_role(
        "link", name="Progress", exact=True
    ).click()
    expect(page.locator("h1").first).to_have_text("Progress")
    expect(page.locator(".st-key-outputs_status")).to_contain_text("on track for 2")


def test_r82_readiness_warns_against_the_exam_date(
    page: Any, server: StreamlitServer, tmp_path: Path
) -> None:
    scores = (
        PracticeScore(taken_on=date(2026, 11, 1), step="step3", score=190),
        PracticeScore(taken_on=date(2026, 11, 22), step="step3", score=189),
    )
    plan = example().model_copy(update={"progress": Progress(practice_scores=scores)})
    open_page(page, server, "progress", "Progress")
    load(page, plan, tmp_path)
    ready = page.locator(".st-key-study_readiness")
    expect(ready).to_contain_text("Not ready")
    expect(ready).to_contain_text("short of 210")
    choose(page, "study_resources", "NBME practice forms")
    expect(ready).not_to_contain_text("No NBME practice forms in the plan")
    hours = page.locator(f"{css('study_hours')} input")
    hours.fill("12")
    hours.press("Enter")
    expect(ready).to_contain_text("12 study hours a week is below 25")
    settled(page)
    screenshot(page, "wholeyear-readiness")
    page.locator('[data-testid="stSidebar"]').get_by_role(
        "link", name="Timeline", exact=True
    ).click()
    expect(page.locator("h1").first).to_have_text("Timeline")
    expect(page.get_by_text("short of 210", exact=False).first).to_be_visible()


def test_r83_prelim_checklist_with_dates(
    page: Any, server: StreamlitServer, tmp_path: Path
) -> None:
    plan = example()
    profile = with_changes(plan.profile, {"clinical": {"current_role": "prelim_or_ty"}}, DAY)
    open_page(page, server, "clinical", "Clinical year")
    load(page, new_plan(profile, DAY), tmp_path)
    box = page.locator(".st-key-prelim_checklist")
    expect(box).to_contain_text("Prelim/TY: pass Step 3 first")
    expect(box).to_contain_text("Prelim/TY: request interview days off")
    page.locator(f"{css('prelim_days_off')} label").click()
    expect(box.locator("p").filter(has_text="request interview days off").first).to_be_visible()
    choose(page, "prelim_pd_support", "asked, no answer yet")
    expect(box).to_contain_text("Asked; follow up before ERAS opens.")
    settled(page)
    screenshot(page, "wholeyear-prelim")


def test_r84_interview_answer_is_checked(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "interview", "Interview answer")
    commit_text(page, "interview_what_happened", "The exam was unfair and the proctor was rude.")
    check = page.locator(".st-key-interview_check")
    expect(check).to_contain_text("does not own the setback")
    for part in PARTS:
        commit_text(page, f"interview_{part}", getattr(GOOD, part))
    expect(check).not_to_contain_text("does not own the setback")
    expect(check).to_contain_text("Now say it out loud")
    page.get_by_role("button", name="Why this specialty, and why now?").click()
    expect(page.get_by_text("1 of 6 practised.")).to_be_visible()
    settled(page)
    screenshot(page, "wholeyear-interview")


def test_r85_crisis_line_shown_plainly_and_anchors_kept(page: Any, server: StreamlitServer) -> None:
    open_page(page, server, "support", "Looking after yourself")
    crisis = page.locator(".st-key-support_crisis")
    expect(crisis).to_contain_text("Call or text 988")
    expect(crisis).to_contain_text("911")
    expect(page.locator(".st-key-support_rest")).to_contain_text("hours of rest")
    commit_text(page, "support_people", "My sister; Dr Osei")
    expect(page.get_by_text("Name one or two people")).to_have_count(0)
    expect(page.get_by_text("score", exact=False)).to_have_count(0)
    settled(page)
    screenshot(page, "wholeyear-support")


def test_r86_soap_eligibility_and_list(page: Any, server: StreamlitServer, tmp_path: Path) -> None:
    plan = example().model_copy(
        update={
            "soap": SoapPlan(
                programs=(
                    SoapProgram(name="Community IM program", specialty="im"),
                    SoapProgram(name="Family medicine program", specialty="fm"),
                )
            )
        }
    )
    open_page(page, server, "soap", "SOAP readiness")
    load(page, plan, tmp_path)
    eligibility = page.locator(".st-key-soap_eligibility")
    expect(eligibility).to_contain_text("At risk")
    page.locator(f"{css('soap_registered')} label").first.click()
    expect(eligibility).to_contain_text("Eligible")
    expect(page.locator(".st-key-soap_list_status")).to_contain_text(
        "1 in Internal Medicine, 1 in other"
    )
    settled(page)
    screenshot(page, "wholeyear-soap")
    page.locator('[data-testid="stSidebar"]').get_by_role(
        "link", name="Timeline", exact=True
    ).click()
    expect(page.locator("h1").first).to_have_text("Timeline")
    expect(page.locator(".st-key-timeline_gantt .js-plotly-plot")).to_be_visible(timeout=30_000)
    expect(page.locator(".st-key-timeline_gantt")).to_contain_text("SOAP: documents ready")
