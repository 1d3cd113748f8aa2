"""AppTest: the entry and every page run; Autopsy, Risk and Stay-or-pivot edits reach the plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from matchplan.examples import blank_profile, example_profile
from matchplan.plan import new_plan
from matchplan.planfile import PlanFile
from matchplan.profile import with_changes
from matchplan.textsafe import plain_text
from tests.conftest import TODAY
from tests.widgets import widget
from ui.state import BOX, PlanBox

pytestmark = pytest.mark.usefixtures("app_today")  # the app reads its pinned date

ENTRY = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py"))
DAY = date.fromisoformat(TODAY)


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


def box(app: AppTest) -> PlanBox:
    value = app.session_state[BOX]
    assert isinstance(value, PlanBox)
    return value


def stored(app: AppTest) -> PlanFile:
    return box(app).plan


def load(app: AppTest, plan: PlanFile) -> None:
    """Replace the session's plan as a file load does (a new revision re-seeds every widget)."""
    held = box(app)
    held.plan = plan
    held.revision += 1
    held.result = None


def errors(app: AppTest) -> list[str]:
    """The error messages as the user reads them (the markdown escapes removed)."""
    return [str(e.value).replace("\\", "") for e in app.error]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_exception(page: str) -> None:
    app = start()
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.title, "every page has a title"


def test_entry_opens_on_the_example_applicant() -> None:
    app = start()
    assert stored(app).profile.display_name.startswith("Example applicant")
    assert app.title[0].value == "Overview"


def test_autopsy_edit_changes_the_overview_tier() -> None:
    app = start()
    assert "High risk" in badge_after(app, "**Overall tier**")
    assert stored(app).profile.clinical.months_since_clinical == 26
    app.switch_page("app_pages/autopsy.py").run()
    widget(app, "number_input", "autopsy_months").set_value(2).run()
    assert not app.exception
    assert stored(app).profile.clinical.months_since_clinical == 2
    app.switch_page("app_pages/overview.py").run()
    # The example is high overall because of a 26-month clinical gap; 2 months lowers it.
    assert "Moderate risk" in badge_after(app, "**Overall tier**")
    assert "Moderate risk" in badge_after(app, "**Reliability**")


def test_invalid_autopsy_input_is_named_at_its_field_and_nothing_is_lost() -> None:
    app = start()
    before = stored(app)
    app.switch_page("app_pages/autopsy.py").run()
    widget(app, "number_input", "autopsy_offers").set_value(300).run()
    assert not app.exception
    assert any(
        "Interview offers (300) cannot be more than programs applied to (45)" in e
        for e in errors(app)
    )
    assert stored(app) == before
    # The bad value stays in the field so the user can correct it.
    assert widget(app, "number_input", "autopsy_offers").value == 300


def test_autopsy_fields_can_be_entered_in_any_order() -> None:
    """Offers above the programs count wait at their field, then are kept once programs rise."""
    app = start()
    load(app, new_plan(blank_profile(DAY), DAY))
    app.switch_page("app_pages/autopsy.py").run()
    assert widget(app, "number_input", "autopsy_programs").value == 0
    widget(app, "number_input", "autopsy_offers").set_value(2).run()
    assert any("Interview offers (2) cannot be more than" in e for e in errors(app))
    assert stored(app).profile.last_cycle.interview_offers == 0
    widget(app, "number_input", "autopsy_programs").set_value(60).run()
    assert not app.exception
    cycle = stored(app).profile.last_cycle
    assert (cycle.programs_applied, cycle.interview_offers) == (60, 2)
    assert errors(app) == []
    app.switch_page("app_pages/overview.py").run()
    app.switch_page("app_pages/autopsy.py").run()
    assert widget(app, "number_input", "autopsy_offers").value == 2


def test_the_autopsy_role_is_the_timeline_role() -> None:
    app = start()
    app.switch_page("app_pages/autopsy.py").run()
    widget(app, "selectbox", "autopsy_role").set_value("observership").run()
    assert not app.exception
    assert stored(app).profile.clinical.current_role == "observership"
    app.switch_page("app_pages/timeline.py").run()
    assert not app.exception
    result = box(app).result
    assert result is not None
    assert result.timeline_plan.role.kind == "observership"


def test_a_loaded_plan_reseeds_every_autopsy_field() -> None:
    app = start()
    app.switch_page("app_pages/autopsy.py").run()
    widget(app, "text_input", "autopsy_display_name").set_value("Someone Else").run()
    plan = new_plan(blank_profile(DAY), DAY)
    load(
        app,
        plan.model_copy(
            update={"profile": plan.profile.model_copy(update={"display_name": "Loaded Person"})}
        ),
    )
    app.run()
    assert widget(app, "text_input", "autopsy_display_name").value == "Loaded Person"
    assert widget(app, "number_input", "autopsy_programs").value == 0
    assert widget(app, "selectbox", "autopsy_target").value == "im"
    assert (
        widget(app, "date_input", "autopsy_graduation_date").value == plan.profile.graduation_date
    )


def test_risk_what_if_is_kept_in_the_plan_after_leaving_the_page() -> None:
    app = start()
    app.switch_page("app_pages/risk.py").run()
    widget(app, "toggle", "whatif_recent_clinical").set_value(True).run()
    assert not app.exception
    assert stored(app).what_if.recent_us_clinical is True
    assert any("What-if: Moderate risk" in str(m.value) for m in app.markdown)
    app.switch_page("app_pages/overview.py").run()
    app.switch_page("app_pages/risk.py").run()
    assert widget(app, "toggle", "whatif_recent_clinical").value is True
    programs = [str(m.value) for m in app.markdown if str(m.value).startswith("**Programs:**")]
    assert programs == [
        "**Programs:** 45 planned falls short of the 70 a moderate-risk applicant in "
        "Internal Medicine applies to (illustrative)."
    ]


def test_the_path_override_is_kept_in_the_plan() -> None:
    app = start()
    app.switch_page("app_pages/pathway.py").run()
    widget(app, "selectbox", "pathway_override").set_value("pivot").run()
    assert not app.exception
    assert stored(app).path_override == "pivot"
    assert any("Pivot to another specialty" in str(m.value) for m in app.markdown)


def test_blank_profile_replaces_the_example() -> None:
    app = start()
    app.button(key="sidebar_start_blank").click().run()
    assert not app.exception
    profile = stored(app).profile
    assert profile.display_name == ""
    assert profile.exams == ()


def test_r25_puts_other_careers_on_the_overview_only_when_it_fires() -> None:
    app = start()
    assert not any("Worth weighing alongside residency" in str(m.value) for m in app.markdown)
    plan = stored(app)
    profile = with_changes(plan.profile, {"last_cycle": {"prior_unsuccessful_cycles": 2}}, DAY)
    load(app, plan.model_copy(update={"profile": profile}))
    app.run()
    callout = [str(m.value) for m in app.markdown if "Worth weighing" in str(m.value)]
    assert callout == [
        "**Worth weighing alongside residency:** Two or more unsuccessful cycles. "
        "Careers that use medical training without residency are real options; the plan for "
        "reapplying stays on this page."
    ]


@pytest.mark.parametrize("page", PAGES)
def test_issue15_a_1979_graduate_opens_every_page(page: str) -> None:
    """A realistic older graduate crashed Autopsy (a date widget's lower bound)."""
    from matchplan.plan import new_plan
    from matchplan.profile import with_changes

    app = start()
    older = with_changes(box(app).plan.profile, {"graduation_date": date(1979, 6, 1)}, DAY)
    load(app, new_plan(older, DAY))
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]


def test_issue25_handout_preview_drops_a_reversing_control_from_the_name() -> None:
    """U+202E in a name made the preview read "Overall risk low" where it said high."""
    app = start()
    profile = with_changes(
        example_profile(DAY), {"display_name": "Dr Ann \u202ewol :ksir llarevO"}, DAY
    )
    load(app, new_plan(profile, DAY))
    app.switch_page("app_pages/handout.py").run()
    app.toggle(key="handout_identify").set_value(True).run()
    assert not app.exception
    preview = [str(m.value) for m in app.markdown if "Made on" in str(m.value)]
    assert len(preview) == 1
    assert "\u202e" not in preview[0]
    assert plain_text(preview[0]).startswith("For Dr Ann wol :ksir llarevO. Made on")
