"""AppTest for the year pages: progress, statement, networking, weekly structure, careers.

Every page runs; the statement check, the week's hours and the careers callout
show what a user would read; every edit lands in the one plan (``plan_box``);
HTML typed into any text field comes back as text. Widgets are found by name
(tests.widgets): their keys carry the plan's revision.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from matchplan.narrative import StatementWorkspace
from matchplan.networking import NetworkingTable, NetworkingTarget
from matchplan.planfile import PlanFile
from matchplan.profile import with_changes
from matchplan.week import WeekPlan
from tests.conftest import TODAY
from tests.widgets import widget
from ui.live_chart import COMPONENT as LIVE_CHART
from ui.state import BOX, PlanBox

pytestmark = pytest.mark.usefixtures("app_today")  # the app reads its pinned date

ENTRY = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
DAY = date.fromisoformat(TODAY)
PAGES = {
    "app_pages/progress.py": "Progress",
    "app_pages/statement.py": "Personal statement",
    "app_pages/networking.py": "Networking",
    "app_pages/week.py": "Weekly structure",
    "app_pages/careers.py": "Other careers",
}
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ESCAPED_SCRIPT = r"\<script\>alert\(1\)\</script\>"
ESCAPED_IMG = r"\<img src\=x onerror\=alert\(1\)\>"  # "=" escaped too (setext headings)


def start(page: str) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert not app.exception
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def markdown(app: AppTest) -> list[str]:
    """Every markdown-rendered string on the page (markdown, captions, alerts)."""
    out = [str(m.value) for m in app.markdown] + [str(c.value) for c in app.caption]
    for alerts in (app.info, app.warning, app.error, app.success):
        out += [str(a.value) for a in alerts]
    return out


RAW_TAG = re.compile(r"(?<!\\)<\s*(script|img)", re.IGNORECASE)


def assert_no_raw_html(app: AppTest) -> None:
    """No unescaped tag reaches markdown (an escaped one, '\\<img', shows as text)."""
    for text in markdown(app):
        assert RAW_TAG.search(text) is None, text


def chart_spec(app: AppTest, index: int = 0) -> dict[str, Any]:
    """The figure the page sent to its ``index``-th chart (ui/live_chart.py)."""
    charts = [
        element.proto
        for element in app.get("bidi_component")
        if element.proto.component_name == LIVE_CHART
    ]
    spec: dict[str, Any] = json.loads(json.loads(charts[index].bytes)["figure"])
    return spec


def box(app: AppTest) -> PlanBox:
    value = app.session_state[BOX]
    assert isinstance(value, PlanBox)
    return value


def plan_of(app: AppTest) -> PlanFile:
    """The one plan in the session, as every page reads it."""
    return box(app).plan


def with_plan(app: AppTest, **fields: Any) -> None:
    """Replace parts of the session's plan (as a loaded file would): widgets re-seed."""
    held = box(app)
    held.plan = PlanFile.model_validate(
        held.plan.model_copy(update=fields).model_dump(), context={"today": DAY}
    )
    held.result = None
    held.revision += 1


def with_profile(app: AppTest, changes: dict[str, Any]) -> None:
    with_plan(app, profile=with_changes(plan_of(app).profile, changes, DAY))


@pytest.mark.parametrize("page", list(PAGES), ids=lambda p: Path(p).stem)
def test_every_year_page_runs(page: str) -> None:
    app = start(page)
    assert app.title[0].value == PAGES[page]


# --- statement -------------------------------------------------------------------------------


def test_r61_typing_a_draft_shows_the_check_quoting_the_sentence() -> None:
    app = start("app_pages/statement.py")
    draft = (
        "I failed Step 1 in June 2022. The failure shook me for months. "
        "After I failed, I retook it. I passed on my second attempt. I like medicine."
    )
    widget(app, "text_area", "statement_draft").input(draft).run()
    assert not app.exception
    texts = markdown(app)
    assert any("about the setback" in t for t in texts)
    assert r"> I failed Step 1 in June 2022\." in texts
    assert plan_of(app).statement.draft == draft
    share = app.get("progress")[0].proto
    assert share.text.startswith("On the setback: 88% of the text")
    assert share.value == 88


def test_r60_outline_fills_an_empty_draft() -> None:
    app = start("app_pages/statement.py")
    assert any("Step 1 not passed in June 2022" in t for t in markdown(app))
    app.button(key="statement_use_outline").click().run()
    draft = widget(app, "text_area", "statement_draft").value
    assert draft is not None
    assert draft.startswith("In June 2022 I did not pass Step 1.")
    assert app.button(key="statement_use_outline").disabled
    assert plan_of(app).statement.draft == draft


def test_r60_the_statement_owns_the_failure_with_its_trade_off() -> None:
    app = start("app_pages/statement.py")
    texts = markdown(app)
    assert "**Own the failure in the statement**" in texts
    assert sum(t.startswith("Trade-off:") for t in texts) == 1
    assert not app.radio  # one approach (R-60, issue 11): nothing to choose


@pytest.mark.parametrize("payload", [SCRIPT, IMG], ids=["R-61-script", "R-61-img"])
def test_html_in_the_draft_is_shown_as_text(payload: str) -> None:
    app = start("app_pages/statement.py")
    widget(app, "text_area", "statement_draft").input(f"{payload} I failed Step 1.").run()
    assert not app.exception
    assert_no_raw_html(app)
    escaped = ESCAPED_SCRIPT if payload == SCRIPT else ESCAPED_IMG
    assert any(escaped in t for t in markdown(app))
    assert widget(app, "text_area", "statement_draft").value == f"{payload} I failed Step 1."


def test_a_100k_draft_is_capped_and_checked() -> None:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    with_plan(app, statement=StatementWorkspace(draft="I failed. " * 3_000))
    app.switch_page("app_pages/statement.py").run()
    widget(app, "text_area", "statement_draft").input("passionate. " * 8_400).run()
    assert not app.exception
    assert len(plan_of(app).statement.draft) == 30_000


# --- networking ------------------------------------------------------------------------------


def with_targets(*targets: NetworkingTarget) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    with_plan(app, networking=NetworkingTable(targets=targets))
    app.switch_page("app_pages/networking.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_r62_table_next_steps_and_outline_show() -> None:
    app = with_targets(
        NetworkingTarget(program="Mercy", connection="rotation", advocate="Dr. Chen")
    )
    texts = markdown(app)
    assert any("Mercy" in t and "Ask Dr\\. Chen to write or call" in t for t in texts)
    outline = app.get("code")[0].proto.code_text
    assert "I rotated at Mercy" in outline


def test_r62_email_draft_is_checked() -> None:
    app = with_targets(NetworkingTarget(program="Mercy", connection="rotation"))
    email = widget(app, "text_area", "networking_email")
    email.input("I am very interested in your program.").run()
    texts = markdown(app)
    assert any("never names Mercy" in t for t in texts)
    assert r"> I am very interested in your program\." in texts
    assert plan_of(app).email_draft == "I am very interested in your program."


def test_r62_html_in_table_and_email_is_shown_as_text() -> None:
    app = with_targets(
        NetworkingTarget(program=f"{IMG} Mercy", connection="mentor_contact", advocate=SCRIPT)
    )
    widget(app, "text_area", "networking_email").input(f"{SCRIPT} {IMG}").run()
    assert not app.exception
    assert_no_raw_html(app)
    assert any(ESCAPED_IMG in t for t in markdown(app))
    assert any(ESCAPED_SCRIPT in t for t in markdown(app))


def test_r62_no_targets_says_where_to_start() -> None:
    app = start("app_pages/networking.py")
    assert any("No targets yet" in t for t in markdown(app))


# --- week ------------------------------------------------------------------------------------


def test_r70_changing_a_block_updates_the_hours_chart() -> None:
    app = start("app_pages/week.py")
    before = chart_spec(app)["data"][0]
    assert before["text"][0] == "23 h"  # study
    widget(app, "selectbox", "week_sun_morning").set_value("study").run()
    after = chart_spec(app)["data"][0]
    assert after["text"][0] == "27 h"
    assert after["text"][5] == "26 h"  # rest
    week = plan_of(app).week
    assert isinstance(week, WeekPlan)
    assert week.days[6].morning == "study"


def test_r70_no_rest_is_warned() -> None:
    app = start("app_pages/week.py")
    for box in app.selectbox:
        if str(box.key).startswith("week_"):
            box.set_value("study")
    app.run()
    assert any("No rest is protected" in w.value for w in app.warning)
    app.button(key="week_reset").click().run()
    assert not any("No rest is protected" in w.value for w in app.warning)
    assert widget(app, "selectbox", "week_sun_morning").value == "rest"  # re-seeded


def test_r70_week_follows_the_timelines_planned_exam() -> None:
    """Issue 10: Week never says "No exam is planned" while the Timeline plans Step 3."""
    app = start("app_pages/week.py")
    result = box(app).result
    assert result is not None
    exam = result.timeline.exam  # what the Timeline page plans and draws
    assert exam is not None
    assert (exam.step, exam.exam_date) == ("step3", date(2027, 7, 28))
    texts = markdown(app)
    assert any("Study block:" in t and "Step 3 exam on 28 Jul 2027" in t for t in texts)
    assert not any("plans no exam" in t for t in texts)
    assert not app.date_input  # nothing to try: the Timeline's exam is checked


def test_r70_timelines_new_exam_date_reaches_the_week() -> None:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    moved = plan_of(app).timeline.model_copy(
        update={"exam_step": "step3", "exam_date": date(2027, 9, 1)}
    )
    with_plan(app, timeline=moved)
    app.switch_page("app_pages/week.py").run()
    texts = markdown(app)
    assert any("Study block:" in t and "Step 3 exam on 01 Sep 2027" in t for t in texts)


def test_r70_no_planned_exam_lets_a_date_be_tried() -> None:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    none = plan_of(app).timeline.model_copy(update={"exam_step": None, "exam_date": None})
    with_plan(app, timeline=none)
    app.switch_page("app_pages/week.py").run()
    assert any("The Timeline plans no exam" in i.value for i in app.info)
    soon = widget(app, "date_input", "week_try_exam")
    first_day = soon.min
    assert first_day is not None
    soon.set_value(first_day).run()
    assert any("the block needs about 330 h" in w.value for w in app.warning)
    assert len(chart_spec(app)["layout"]["shapes"]) == 1
    assert plan_of(app).timeline.exam_step is None  # a tried date is never stored


def test_r71_family_script_is_generated_editable_and_restorable() -> None:
    app = start("app_pages/week.py")
    script = widget(app, "text_area", "week_family_script")
    assert script.value is not None
    assert "2028 Match" in script.value
    assert app.button(key="week_family_restore").disabled
    script.input(f"{SCRIPT} My own words.").run()
    assert plan_of(app).family_script == f"{SCRIPT} My own words."
    assert_no_raw_html(app)
    app.button(key="week_family_restore").click().run()
    assert plan_of(app).family_script is None
    assert "2028 Match" in str(widget(app, "text_area", "week_family_script").value)


# --- progress --------------------------------------------------------------------------------


def test_ticking_a_milestone_is_kept_in_the_plan() -> None:
    app = start("app_pages/progress.py")
    # 12 cycle and exam milestones and the 2 SOAP items before Match Week
    bar = app.get("progress")[0].proto
    assert "0 of 14" in bar.text
    widget(app, "checkbox", "progress_done_match_day").check().run()
    assert plan_of(app).progress.done == ("Match Day",)
    assert "1 of 14" in app.get("progress")[0].proto.text
    widget(app, "checkbox", "progress_done_match_day").uncheck().run()
    assert plan_of(app).progress.done == ()


def test_a_step_passed_drops_its_study_block_at_once() -> None:
    """Issue 10: after recording a pass, Progress follows without opening the Timeline."""
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    first = plan_of(app).profile.exams[0]
    assert (first.step, first.result) == ("step1", "fail")
    with_profile(app, {"exams": [first.model_dump()]})  # Step 1 not yet passed
    timeline = plan_of(app).timeline.model_copy(update={"exam_step": "step1", "exam_date": None})
    with_plan(app, timeline=timeline)
    app.switch_page("app_pages/progress.py").run()
    assert not app.exception
    labels = [c.label for c in app.checkbox]
    assert "Step 1 study block" in labels
    passed = {"step": "step1", "exam_date": "2026-11-02", "result": "pass"}
    with_profile(app, {"exams": [first.model_dump(), passed]})
    assert plan_of(app).timeline.exam_step == "step1"  # the stored choice is now stale
    app.run()
    assert not app.exception
    labels = [c.label for c in app.checkbox]
    assert "Step 1 study block" not in labels
    assert any(label.endswith("study block") for label in labels)  # the next exam's


# --- careers ---------------------------------------------------------------------------------


def test_r72_paths_show_without_r25_and_quietly() -> None:
    app = start("app_pages/careers.py")
    texts = markdown(app)
    assert any("Nothing in this profile points away from residency" in t for t in texts)
    assert "#### Clinical research coordination and management" in texts
    assert not any("Worth weighing now" in t for t in texts)


def test_r25_puts_the_paths_in_front_but_never_alone() -> None:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    with_profile(app, {"last_cycle": {"prior_unsuccessful_cycles": 2}})
    app.switch_page("app_pages/careers.py").run()
    texts = markdown(app)
    callout = texts.index("#### Worth weighing now")
    first_path = texts.index("#### Clinical research coordination and management")
    assert callout < first_path
    assert "- Two or more unsuccessful cycles." in texts
    assert "**If you reapply, the first things to do**" in texts
    assert any(t.startswith("1. ") for t in texts)
    assert any("This is not a verdict" in t for t in texts)


def test_raw_tag_detector_catches_what_it_must() -> None:
    """The HTML assertions above could not pass vacuously: the detector sees raw tags."""
    assert RAW_TAG.search(f"> {IMG}") is not None
    assert RAW_TAG.search(f"> {SCRIPT}") is not None
    assert RAW_TAG.search(f"> {ESCAPED_IMG} {ESCAPED_SCRIPT}") is None
