"""One plan file, saved in December, opened on the days of the year it exists for.

R-40 (revised): a saved plan always opens, its cycle running or not. R-43: every day
has its phase, taken from the plan's own dates, and "missed" only means answered
"not done". R-44: after Match Day the outcome is asked and the next cycle can be
planned from the file. The same file is read by the core, the command line and every
page (AppTest), each pinned to the day it is opened on.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from matchplan import scenarios
from matchplan.cli import main
from matchplan.clock import TODAY_VARIABLE
from matchplan.examples import example_profile
from matchplan.handout import handout_content
from matchplan.plan import build_plan, new_plan, next_cycle_plan
from matchplan.planfile import PlanFile, dump_plan, load_plan
from matchplan.profile import first_plannable_match_year, with_changes
from matchplan.progress import mark_done, mark_not_done
from matchplan.timeline import SUBMIT_MILESTONE
from matchplan.year import CycleOutcome, Phase
from ui.state import BOX, PlanBox

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "streamlit_app.py")
PAGES = sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py"))
SAVED_ON = date(2026, 12, 1)
"""The plan is made for the 2028 Match, whose (estimated) dates are: MyERAS 2 Jun 2027,
submission 1 Sep 2027, ranking 1 Feb 2028, Match Week 13 Mar, Match Day 17 Mar 2028."""

LATER_DAYS: list[tuple[str, date, Phase]] = [
    ("day-after-saving", date(2026, 12, 2), "remediation"),
    ("new-year", date(2027, 1, 15), "remediation"),
    ("study-block", date(2027, 5, 3), "remediation"),
    ("myeras-opens", date(2027, 6, 2), "application"),
    ("summer", date(2027, 7, 30), "application"),
    ("submission-day", date(2027, 9, 1), "application"),
    ("day-after-submission", date(2027, 9, 2), "interviews"),
    ("interview-season", date(2027, 11, 10), "interviews"),
    ("ranking-opens", date(2028, 2, 1), "rank_list"),
    ("rank-list-deadline", date(2028, 3, 1), "rank_list"),
    ("match-week-soap", date(2028, 3, 14), "match_week"),
    ("match-day", date(2028, 3, 17), "match_week"),
    ("after-match-day", date(2028, 3, 20), "after_match"),
    ("summer-after", date(2028, 7, 1), "after_match"),
]


@pytest.fixture(scope="module")
def saved_file() -> bytes:
    """The example applicant's plan as downloaded on SAVED_ON."""
    return dump_plan(new_plan(example_profile(SAVED_ON), SAVED_ON))


@pytest.mark.parametrize(
    ("day", "phase"), [(d, p) for _, d, p in LATER_DAYS], ids=[i for i, _, _ in LATER_DAYS]
)
def test_R43_the_saved_plan_opens_with_its_phase(
    saved_file: bytes, day: date, phase: Phase
) -> None:
    plan = load_plan(saved_file, day)  # R-40 revised: never refused
    result = build_plan(plan, day)
    assert plan.profile.target_match_year == 2028
    assert result.standing.phase == phase
    assert result.timeline_repairs == ()  # no stored date is moved because it has passed
    assert result.standing.missed == ()  # nothing was answered "not done"
    past = {m.name for m in result.timeline.milestones if m.task and m.end < day}
    assert {m.name for m in result.standing.to_confirm} == past


@pytest.mark.parametrize(
    ("day", "phase"), [(d, p) for _, d, p in LATER_DAYS], ids=[i for i, _, _ in LATER_DAYS]
)
def test_R40_the_command_line_assesses_the_saved_plan_on_any_later_day(
    saved_file: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], day: date, phase: Phase
) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(saved_file)
    assert main(["assess", str(path), "--today", day.isoformat()]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["phase"]["phase"] == phase
    assert output["phase"]["missed"] == []
    assert output["phase"]["ask_outcome"] == (phase == "after_match")


def test_R43_a_ticked_milestone_is_done_and_only_an_answered_one_is_missed(
    saved_file: bytes,
) -> None:
    day = date(2027, 9, 20)
    plan = load_plan(saved_file, day)
    progress = mark_done(plan.progress, SUBMIT_MILESTONE, True)
    progress = mark_not_done(progress, "Step 3 exam")
    result = build_plan(plan.model_copy(update={"progress": progress}), day)
    standing = result.standing
    assert [m.name for m in standing.done] == [SUBMIT_MILESTONE]
    assert [m.name for m in standing.missed] == ["Step 3 exam"]
    asked = {m.name for m in standing.to_confirm}
    assert SUBMIT_MILESTONE not in asked
    assert "Step 3 exam" not in asked
    assert "Step 3 study block" in asked
    assert not standing.unsubmitted
    assert all(w.rule != "R-40" for w in result.timeline.warnings)


def test_R40_an_unsubmitted_application_is_said_and_the_next_cycle_offered(
    saved_file: bytes,
) -> None:
    day = date(2027, 10, 1)
    result = build_plan(load_plan(saved_file, day), day)
    assert result.standing.unsubmitted
    assert result.standing.next_match_year == 2029
    (warning,) = [w for w in result.timeline.warnings if w.rule == "R-40"]
    assert "the 2029 Match" in warning.text
    assert "not have the application marked submitted" in warning.text


def test_R44_after_match_day_the_next_cycle_carries_the_cycle_just_ended(
    saved_file: bytes,
) -> None:
    day = date(2028, 3, 25)
    plan = load_plan(saved_file, day)
    outcome = CycleOutcome(
        result="not_matched",
        programs_applied=110,
        interview_offers=4,
        interviews_attended=4,
        programs_ranked=4,
        soap="no_position",
    )
    ended = plan.model_copy(update={"outcome": outcome})
    before = ended.model_dump()
    new = next_cycle_plan(build_plan(ended, day), day)
    assert ended.model_dump() == before  # the old plan is not changed
    assert new.profile.target_match_year == 2029
    last = new.profile.last_cycle
    assert (last.match_year, last.programs_applied, last.interview_offers) == (2028, 110, 4)
    assert last.prior_unsuccessful_cycles == plan.profile.last_cycle.prior_unsuccessful_cycles + 1
    assert last.soap == "no_position"
    assert new.profile.exams == plan.profile.exams
    assert new.outcome is None
    assert new.progress.done == ()
    again = build_plan(new, day)
    assert again.standing.phase == "remediation"
    assert again.careers.prominent  # two unsuccessful cycles bring other careers forward


def test_R44_the_command_line_writes_the_next_cycle_and_keeps_the_old_file(
    saved_file: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = tmp_path / "plan.json", tmp_path / "next.json"
    path.write_bytes(saved_file)
    counts = ["--applied", "100", "--offers", "3", "--attended", "3", "--ranked", "2"]
    before_match_day = ["next-cycle", str(path), "--out", str(out), "--today", "2028-03-10"]
    assert main([*before_match_day, *counts]) == 2
    assert "not over yet" in capsys.readouterr().err
    after = ["next-cycle", str(path), "--out", str(out), "--today", "2028-04-02"]
    assert main(after) == 2  # the cycle's numbers are not in the file yet
    assert "--applied N --offers N --attended N --ranked N" in capsys.readouterr().err
    assert main([*after, *counts]) == 0
    assert path.read_bytes() == saved_file
    new = load_plan(out.read_bytes(), date(2028, 4, 2))
    assert new.profile.target_match_year == 2029
    assert new.profile.last_cycle.programs_ranked == 2


def _box(app: AppTest) -> PlanBox:
    value = app.session_state[BOX]
    assert isinstance(value, PlanBox)
    return value


def _open(plan: PlanFile) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    held = _box(app)
    held.plan = plan
    held.revision += 1
    held.result = None
    return app.run()


APP_DAYS = [d for d in LATER_DAYS if d[0] != "summer"]  # twelve and more, each phase


@pytest.mark.app
@pytest.mark.parametrize(
    ("day", "phase"), [(d, p) for _, d, p in APP_DAYS], ids=[i for i, _, _ in APP_DAYS]
)
def test_R40_every_page_opens_the_saved_plan_on_a_later_day(
    saved_file: bytes, monkeypatch: pytest.MonkeyPatch, day: date, phase: Phase
) -> None:
    monkeypatch.setenv(TODAY_VARIABLE, day.isoformat())
    app = _open(load_plan(saved_file, day))
    card = " ".join(str(m.value) for m in app.markdown)
    assert "Where the year stands" in card
    assert build_plan(_box(app).plan, day).standing.label in card
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, [e.value for e in app.exception])
        shown = " ".join(str(e.value) for e in app.error)
        assert "already running" not in shown, (page, shown)
        assert "encountered an error" not in shown, (page, shown)
    assert _box(app).plan.profile.target_match_year == 2028  # opened, not re-targeted


@pytest.mark.parametrize("day", [date(2027, 10, 1), date(2028, 3, 20)], ids=str)
def test_R40_suggested_scenarios_aim_a_pivot_at_a_cycle_still_ahead(day: date) -> None:
    """A pivot chooses a target: in a running cycle it aims at the next one, never fails."""
    profile = with_changes(example_profile(SAVED_ON), {"target_specialty": "derm"}, SAVED_ON)
    plan = new_plan(profile, SAVED_ON)
    suggested = scenarios.suggested(plan, day)
    pivots = [s for s in suggested if s.name.startswith("Pivot")]
    assert pivots
    assert all(s.target_match_year >= first_plannable_match_year(day) for s in pivots)
    for scenario in suggested:
        scenarios.evaluate(plan, scenario, day)


@pytest.mark.parametrize(
    ("day", "phase"), [(d, p) for _, d, p in LATER_DAYS], ids=[i for i, _, _ in LATER_DAYS]
)
def test_R43_the_handout_never_dates_an_action_in_the_past(
    saved_file: bytes, day: date, phase: Phase
) -> None:
    content = handout_content(build_plan(load_plan(saved_file, day), day), identify=False)
    assert content.actions
    assert all(action.day >= day for action in content.actions)
    assert content.standing.startswith(f"Where the year stands on {day:%d %b %Y}")
