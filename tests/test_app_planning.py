"""AppTest: Timeline and Programs widgets are bound to the one plan (issue 10).

Each edit is committed through its widget's callback and read back from the plan in
the session; a value the planner cannot place is named at its field and the plan
keeps its last valid state.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from matchplan.planfile import PlanFile
from tests.conftest import TODAY
from tests.test_browser_programs import LIST_CSV
from tests.widgets import widget
from ui.state import BOX

pytestmark = pytest.mark.usefixtures("app_today")  # the app reads its pinned date

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "streamlit_app.py")
TODAY_DATE = date.fromisoformat(TODAY)


def open_page(page: str) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def plan(app: AppTest) -> PlanFile:
    stored = app.session_state[BOX].plan
    assert isinstance(stored, PlanFile)
    return stored


def errors(app: AppTest) -> str:
    return " ".join(str(e.value) for e in app.error).replace("\\", "")  # markdown escapes


def metric(app: AppTest, label: str) -> str:
    return next(str(m.value) for m in app.metric if m.label == label)


def test_timeline_letter_date_is_kept_in_the_plan() -> None:
    app = open_page("timeline")
    day = TODAY_DATE + timedelta(days=40)
    widget(app, "date_input", "timeline_letters").set_value(day).run()
    assert not app.exception
    assert plan(app).timeline.letter_request_date == day


def test_timeline_date_that_cannot_be_placed_is_named_and_the_plan_kept() -> None:
    app = open_page("timeline")
    before = plan(app).timeline
    widget(app, "date_input", "timeline_letters").set_value(date(2030, 1, 1)).run()
    assert not app.exception
    assert "Letter request date (01 Jan 2030) is too late for the 2028 Match" in errors(app)
    assert plan(app).timeline == before


def test_timeline_override_out_of_order_is_refused() -> None:
    app = open_page("timeline")
    widget(app, "date_input", "timeline_override_review_opens").set_value(date(2027, 5, 1)).run()
    assert not app.exception
    assert "cannot come after" in errors(app)
    assert plan(app).timeline.calendar_overrides == {}


def test_timeline_override_inside_the_cycle_is_kept_and_marked() -> None:
    app = open_page("timeline")
    widget(app, "date_input", "timeline_override_review_opens").set_value(date(2027, 9, 29)).run()
    assert not app.exception, [e.value for e in app.exception]
    assert plan(app).timeline.calendar_overrides == {"review_opens": date(2027, 9, 29)}
    assert "Review day minus 8 weeks" in str(
        next(m for m in app.metric if m.label == "Latest exam date, safe delay").help
    )
    assert metric(app, "Latest exam date, safe delay") == "04 Aug 2027"


def test_timeline_target_year_and_role_edit_the_profile() -> None:
    app = open_page("timeline")
    widget(app, "selectbox", "timeline_target_year").set_value(2029).run()
    assert not app.exception
    assert plan(app).profile.target_match_year == 2029
    widget(app, "selectbox", "timeline_role_kind").set_value("observership").run()
    assert plan(app).profile.clinical.current_role == "observership"
    assert any("**Role: " in str(m.value) for m in app.markdown)
    widget(app, "checkbox", "timeline_role_paired_with_observership").check().run()
    assert not app.exception
    role = plan(app).timeline.role
    assert (role.kind, role.paired_with_observership) == ("observership", True)


def test_timeline_exam_slider_and_step3_toggle_commit() -> None:
    app = open_page("timeline")
    widget(app, "slider", "timeline_exam_date").set_value(date(2027, 9, 1)).run()
    assert not app.exception
    assert plan(app).timeline.exam_date == date(2027, 9, 1)
    assert any("after the first review day 22 Sep 2027" in str(w.value) for w in app.warning)
    widget(app, "slider", "timeline_study_months").set_value(4.0).run()
    assert plan(app).timeline.study_months == 4.0


def test_programs_choices_are_saved_in_the_plan() -> None:
    app = open_page("programs")
    assert metric(app, "Recommended programs") == "100"
    widget(app, "selectbox", "programs_tier").set_value("low").run()
    assert not app.exception
    assert plan(app).programs.tier == "low"
    # Revised R-51: the example is an IMG, so IM stays 80-120 whatever the tier.
    assert metric(app, "Recommended programs") == "100"
    widget(app, "number_input", "programs_whatif_count").set_value(70).run()
    assert plan(app).programs.what_if_count == 70
    # 30 x $11 + 40 x $30 + the $80 transcript
    assert metric(app, "What-if: total") == "$1,610"
    widget(app, "number_input", "programs_interview_target").set_value(15).run()
    widget(app, "number_input", "programs_yield").set_value(10.0).run()
    assert plan(app).programs.interview_target == 15
    assert plan(app).programs.yield_percent == 10.0
    assert metric(app, "Applications for that target") == "150"


def test_a_csv_is_read_once_and_a_loaded_plan_keeps_its_own_list() -> None:
    app = open_page("programs")
    widget(app, "file_uploader", "programs_csv").set_value(
        ("my-list.csv", LIST_CSV, "text/csv")
    ).run()
    assert not app.exception, [e.value for e in app.exception]
    assert len(plan(app).program_list) == 8
    assert metric(app, "Programs in the list") == "8"
    # The uploader was cleared: its key moved on and it holds no file.
    assert widget(app, "file_uploader", "programs_csv").key == "programs_csv.1"
    app.button(key="sidebar_load_example").click().run()
    assert not app.exception
    assert plan(app).program_list == ()
    app.run()
    assert plan(app).program_list == ()
    assert not any("Loaded 8 program(s)" in str(s.value) for s in app.success)
