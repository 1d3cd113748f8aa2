"""AppTest: the entry and every page run; Autopsy edits reach the Overview tier."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from matchplan.profile import ApplicantProfile, with_changes

ENTRY = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py"))


def start() -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert not app.exception
    return app


def badge_after(app: AppTest, heading: str) -> str:
    """The risk badge shown right after a card heading, as the user reads it."""
    values = [str(m.value) for m in app.markdown]
    index = values.index(heading)
    badge = values[index + 1]
    assert "-badge[" in badge, badge
    return badge


def stored_profile(app: AppTest) -> ApplicantProfile:
    value = app.session_state["profile"]
    assert isinstance(value, ApplicantProfile)
    return value


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page: str) -> None:
    app = start()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title, "every page has a title"


def test_entry_opens_on_the_example_applicant() -> None:
    app = start()
    assert stored_profile(app).display_name.startswith("Example applicant")
    assert app.title[0].value == "Overview"


def test_autopsy_edit_changes_the_overview_tier() -> None:
    app = start()
    assert "High risk" in badge_after(app, "**Overall tier**")
    assert stored_profile(app).clinical.months_since_clinical == 26
    app.switch_page("app_pages/autopsy.py").run()
    app.number_input(key="autopsy_timing_months").set_value(2)
    app.button(key="FormSubmitter:autopsy_timing_form-Save timing and now").click().run()
    assert not app.exception
    assert stored_profile(app).clinical.months_since_clinical == 2
    app.switch_page("app_pages/overview.py").run()
    # The example is high overall because of a 26-month clinical gap; 2 months lowers it.
    assert "Moderate risk" in badge_after(app, "**Overall tier**")
    assert "Moderate risk" in badge_after(app, "**Reliability**")


def test_invalid_autopsy_input_is_named_and_nothing_is_lost() -> None:
    app = start()
    before = stored_profile(app)
    app.switch_page("app_pages/autopsy.py").run()
    app.number_input(key="autopsy_interviews_offers").set_value(300)
    app.button(key="FormSubmitter:autopsy_interviews_form-Save interviews").click().run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert any("Interview offers (300)" in e and "programs applied to (45)" in e for e in errors)
    assert stored_profile(app) == before
    # The bad value stays in the field so the user can correct it.
    assert app.number_input(key="autopsy_interviews_offers").value == 300


def test_blank_profile_replaces_the_example() -> None:
    app = start()
    app.button(key="sidebar_start_blank").click().run()
    assert not app.exception
    profile = stored_profile(app)
    assert profile.display_name == ""
    assert profile.exams == ()


def test_r25_puts_other_careers_on_the_overview_only_when_it_fires() -> None:
    app = start()
    assert not any("Worth weighing alongside residency" in str(m.value) for m in app.markdown)
    profile = stored_profile(app)
    app.session_state["profile"] = with_changes(
        profile, {"last_cycle": {"prior_unsuccessful_cycles": 2}}, date.today()
    )
    app.run()
    callout = [str(m.value) for m in app.markdown if "Worth weighing" in str(m.value)]
    assert callout == [
        "**Worth weighing alongside residency (R-25):** Two or more unsuccessful cycles. "
        "Careers that use medical training without residency are real options; the plan for "
        "reapplying stays on this page."
    ]
