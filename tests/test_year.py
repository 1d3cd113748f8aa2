"""The whole year's rules (issue 13): R-80..R-86, named after their rule ids."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from matchplan.examples import example_profile
from matchplan.plan import build_plan, new_plan
from matchplan.planfile import PlanFile
from matchplan.profile import with_changes
from matchplan.progress import PracticeScore, Progress, score_trend
from matchplan.reference import load_reference
from matchplan.week import template_week
from matchplan.year import (
    AdvisorAnswer,
    AdvisorLog,
    Attending,
    ClinicalOutputs,
    InterviewAnswer,
    PrelimPlan,
    SoapPlan,
    SoapProgram,
    StudyPlan,
    WellbeingPlan,
    advisor_reading,
    check_answer,
    outputs_status,
    readiness,
    year_data,
)
from matchplan.year.study_plan import PlannedForm
from matchplan.year.wellbeing import wellbeing_view

TODAY = date(2026, 12, 1)
SUBMISSION = date(2027, 9, 1)


def example_plan(**fields: object) -> PlanFile:
    return new_plan(example_profile(TODAY), TODAY).model_copy(update=fields)


def log(*buckets: str | None) -> AdvisorLog:
    return AdvisorLog(
        answers=tuple(
            AdvisorAnswer(advisor=f"Dr {i}", bucket=b)  # type: ignore[arg-type]
            for i, b in enumerate(buckets)
        )
    )


def test_year_data_sources_exist() -> None:
    data = year_data()
    sources = load_reference().sources
    assert data.letters.near_source in sources
    assert data.study.resources_source in sources
    assert data.soap.documents_source in sources
    assert {r.source for r in data.wellbeing.resources} <= set(sources)


# --- R-80 -------------------------------------------------------------------------------
def test_r80_no_sorted_answer_keeps_the_proposal() -> None:
    reading = advisor_reading(log(None), "cautious")
    assert reading.planning_view is None
    assert not reading.moves_view
    assert reading.unsorted == ("Dr 0",)


def test_r80_agreement_gives_that_view() -> None:
    reading = advisor_reading(log("optimistic", "optimistic"), "cautious")
    assert reading.agreed
    assert not reading.disagreement
    assert reading.planning_view == "optimistic"
    assert reading.moves_view
    assert "All 2 advisors" in reading.message


def test_r80_disagreement_is_shown_not_averaged() -> None:
    reading = advisor_reading(log("optimistic", "pessimistic"), "optimistic")
    assert reading.disagreement
    # The average of optimistic and pessimistic would be cautious: never that.
    assert reading.planning_view == "pessimistic"
    assert [line.bucket for line in reading.lines] == ["optimistic", "pessimistic"]
    assert "1 optimistic, 1 pessimistic" in reading.message


def test_r80_advisors_move_the_path_in_build_plan() -> None:
    plan = example_plan(advisors=log("pessimistic"))
    result = build_plan(plan, TODAY)
    assert result.assessment.view.proposed == "cautious"
    assert result.pathway.effective == "pivot"
    assert result.advisors.moves_view


def test_r80_a_view_recorded_on_autopsy_wins() -> None:
    plan = example_plan(advisors=log("pessimistic"))
    profile = with_changes(plan.profile, {"advisor_view": "optimistic"}, TODAY)
    result = build_plan(plan.model_copy(update={"profile": profile}), TODAY)
    assert result.pathway.effective == "stay"


# --- R-81 -------------------------------------------------------------------------------
def attending(specialty: str, letter: str, **extra: object) -> Attending:
    return Attending.model_validate(
        {"name": "Dr X", "specialty": specialty, "letter": letter, **extra}
    )


@pytest.mark.parametrize(
    ("letters", "state"),
    [
        pytest.param(
            [("im", "uploaded"), ("fm", "uploaded")], "met", id="R-81-two-uploaded-near-target-met"
        ),
        pytest.param(
            [("im", "uploaded"), ("im", "promised")], "on_track", id="R-81-promised-is-on-track"
        ),
        pytest.param([("im", "uploaded"), ("im", "asked")], "short", id="R-81-asked-is-not-enough"),
        pytest.param(
            [("im", "uploaded"), ("derm", "uploaded")],
            "short",
            id="R-81-far-specialty-does-not-count",
        ),
    ],
)
def test_r81_letters_against_the_r37_target(letters: list[tuple[str, str]], state: str) -> None:
    outputs = ClinicalOutputs(attendings=tuple(attending(s, status) for s, status in letters))
    status = outputs_status(outputs, "im", SUBMISSION)
    assert status.state == state
    assert status.target == 2


def test_r81_counts_comments_and_anchors_and_names_the_date() -> None:
    outputs = ClinicalOutputs(
        attendings=(
            attending("im", "asked", comment="Best intern I had", network_anchor=True),
            attending("im", "not_asked"),
        )
    )
    status = outputs_status(outputs, "im", SUBMISSION)
    assert (status.comments, status.anchors, status.asked) == (1, 1, 1)
    assert "ask 2 more attendings before submission opens on 01 Sep 2027" in status.message


# --- R-82 -------------------------------------------------------------------------------
def trend(*scores: int, step: str = "step2ck") -> object:
    start = TODAY - timedelta(days=7 * len(scores))
    progress = Progress(
        practice_scores=tuple(
            PracticeScore(taken_on=start + timedelta(days=7 * i), step=step, score=s)  # type: ignore[arg-type]
            for i, s in enumerate(scores)
        )
    )
    return score_trend(progress, step, TODAY)  # type: ignore[arg-type]


EXAM = TODAY + timedelta(weeks=8)


def test_r82_ready_when_the_last_two_forms_clear_the_margin() -> None:
    ready = readiness(trend(200, 229, 230), EXAM, StudyPlan())  # type: ignore[arg-type]
    assert ready.state == "ready"
    assert ready.bar == 228
    assert ready.warning is None


def test_r82_rising_trend_is_on_track() -> None:
    ready = readiness(trend(205, 212, 219), EXAM, StudyPlan())  # type: ignore[arg-type]
    assert ready.state == "on_track"
    assert ready.projected is not None
    assert ready.projected >= 228


def test_r82_flat_trend_warns_against_the_exam_date() -> None:
    ready = readiness(trend(210, 211, 210), EXAM, StudyPlan())  # type: ignore[arg-type]
    assert ready.state == "not_on_track"
    assert ready.warning is not None
    assert "short of 228" in ready.warning


def test_r82_warning_reaches_the_timeline() -> None:
    profile = example_profile(TODAY)
    plan = example_plan(
        progress=Progress(
            practice_scores=(
                PracticeScore(taken_on=date(2026, 11, 1), step="step3", score=190),
                PracticeScore(taken_on=date(2026, 11, 20), step="step3", score=189),
            )
        )
    )
    assert not profile.passed("step3")
    result = build_plan(plan, TODAY)
    assert result.readiness.state == "not_on_track"
    assert any(w.rule == "R-82" for w in result.timeline.warnings)


def test_r82_plan_notes_name_what_the_block_lacks() -> None:
    plan = StudyPlan(
        resources=("question_bank",),
        weekly_hours=10,
        forms=(PlannedForm(form="NBME 30", planned_on=EXAM + timedelta(days=3)),),
    )
    notes = readiness(None, EXAM, plan).plan_notes
    assert any("NBME" in n for n in notes)
    assert any("tutor" in n for n in notes)
    assert any("10 study hours" in n for n in notes)
    assert any("after the exam date" in n for n in notes)


def test_r82_no_exam_no_readiness() -> None:
    assert readiness(None, None, StudyPlan()).state == "no_exam"


# --- R-83 -------------------------------------------------------------------------------
def prelim_plan(**prelim: object) -> PlanFile:
    plan = example_plan(prelim=PrelimPlan.model_validate(prelim))
    profile = with_changes(plan.profile, {"clinical": {"current_role": "prelim_or_ty"}}, TODAY)
    return plan.model_copy(update={"profile": profile})


def test_r83_prelim_items_with_dates_on_the_gantt() -> None:
    result = build_plan(prelim_plan(), TODAY)
    names = [i.name for i in result.prelim_items]
    assert names[0].startswith("Prelim/TY: pass Step 3")
    assert "Prelim/TY: request interview days off" in names
    gantt = {m.name: m for m in result.timeline.milestones}
    for item in result.prelim_items:
        assert gantt[item.name].start == item.due
    days_off = next(i for i in result.prelim_items if "days off" in i.name)
    assert days_off.due == result.timeline.calendar["interview_season_starts"] - timedelta(weeks=12)


def test_r83_done_items_follow_the_plan() -> None:
    result = build_plan(prelim_plan(days_off_requested=True, pd_support="yes"), TODAY)
    done = {i.name: i.done for i in result.prelim_items}
    assert done["Prelim/TY: request interview days off"]
    assert done["Prelim/TY: ask the program director for support"]


def test_r83_other_roles_have_no_prelim_items() -> None:
    result = build_plan(example_plan(), TODAY)
    assert result.prelim_items == ()
    assert not any(m.name.startswith("Prelim/TY") for m in result.timeline.milestones)


# --- R-84 -------------------------------------------------------------------------------
GOOD = InterviewAnswer(
    what_happened="I failed Step 1 in June 2022 because I studied without a schedule and "
    "never checked myself with practice forms.",
    what_changed="I built a weekly schedule, worked with a learning specialist, and used NBME "
    "forms every two weeks to decide what to study next.",
    evidence="I passed Step 1 on my second attempt, passed Step 2 CK on my first attempt with "
    "a 231, and my research supervisor wrote a strong letter about my consistency.",
    specialty="Internal medicine is where I want to be: on the wards I liked following a "
    "patient's whole admission, and I want to train as an internist who teaches.",
)


def test_r84_a_good_answer_passes() -> None:
    check = check_answer(GOOD, "im")
    assert check.ready, check.findings
    assert check.words_min <= check.words <= check.words_max


@pytest.mark.parametrize(
    ("change", "kind"),
    [
        pytest.param(
            {"what_happened": "The exam was unfair and the proctor was rude."},
            "ownership",
            id="R-84-no-ownership",
        ),
        pytest.param(
            {"evidence": "Things are better now and I feel ready."},
            "no_outcome",
            id="R-84-no-outcome",
        ),
        pytest.param(
            {"specialty": "I want to help people."}, "no_specialty", id="R-84-no-specialty"
        ),
        pytest.param(
            {"what_changed": "I was devastated for months."}, "self_pity", id="R-84-self-pity"
        ),
        pytest.param({"specialty": ""}, "missing_part", id="R-84-missing-part"),
        pytest.param({"what_happened": "I failed Step 1. " * 60}, "too_long", id="R-84-too-long"),
    ],
)
def test_r84_findings(change: dict[str, str], kind: str) -> None:
    check = check_answer(GOOD.model_copy(update=change), "im")
    assert kind in {f.kind for f in check.findings}


def test_r84_hostile_text_is_checked_and_named() -> None:
    """Punctuation and space runs at the fields' length limit (quadratic for backtracking
    patterns) are checked.

    The checker reuses the statement's linear splitter and phrase matcher; their time
    on 30,000-character adversarial input is measured by ``python -m bench.run
    --stages textcheck`` (a time budget belongs in the benchmark, not in a unit test).
    """
    hostile = InterviewAnswer(
        what_happened=". " * 1000, what_changed="!" * 2000, evidence=" " * 2000
    )
    check = check_answer(hostile, "im")
    assert check.findings  # it answers, and names what is wrong with such an answer


# --- R-85 -------------------------------------------------------------------------------
def test_r85_crisis_lines_first_and_no_scores() -> None:
    view = wellbeing_view(WellbeingPlan(), template_week("research"))
    assert view.crisis
    assert all(r.crisis for r in view.crisis)
    assert any("988" in r.how for r in view.crisis)
    assert "911" in view.emergency
    assert len(view.prompts) == 3
    fields = set(WellbeingPlan.model_fields)
    assert fields == {"people", "not_medicine", "mentor"}  # words only: nothing to score


def test_r85_rest_follows_the_week() -> None:
    week = template_week("research")
    view = wellbeing_view(WellbeingPlan(people="my sister"), week)
    assert view.rest_hours > 0
    assert len(view.prompts) == 2


# --- R-86 -------------------------------------------------------------------------------
def test_r86_not_registered_is_at_risk_and_items_sit_before_match_week() -> None:
    result = build_plan(example_plan(), TODAY)
    assert result.soap.eligibility == "at_risk"
    week = result.timeline.calendar["match_week_starts"]
    items = [m for m in result.timeline.milestones if m.name.startswith("SOAP:")]
    assert len(items) == 2
    assert all(m.start == week - timedelta(weeks=3) for m in items)


def test_r86_registered_example_is_eligible_with_a_short_list() -> None:
    soap = SoapPlan(
        registered=True,
        documents=tuple(year_data().soap.documents),
        programs=(
            SoapProgram(name="Community IM", specialty="im"),
            SoapProgram(name="Prelim medicine", specialty="fm"),
        ),
    )
    result = build_plan(example_plan(soap=soap), TODAY)
    assert result.soap.eligibility == "eligible"
    assert result.soap.documents_missing == ()
    assert result.soap.list_notes == ()


def test_r86_img_without_step2_pass_by_rol_is_not_eligible() -> None:
    plan = example_plan(soap=SoapPlan(registered=True))
    profile = with_changes(
        plan.profile,
        {
            "ecfmg_certified": False,
            "exams": [e.model_dump() for e in plan.profile.exams if e.step == "step1"],
        },
        TODAY,
    )
    result = build_plan(plan.model_copy(update={"profile": profile}), TODAY)
    assert result.soap.eligibility in ("not_eligible", "at_risk")
    assert any("R-36" in r for r in result.soap.reasons)


def test_r86_list_over_the_cap_and_without_alternatives() -> None:
    programs = tuple(SoapProgram(name=f"P{i}", specialty="im") for i in range(50))
    result = build_plan(example_plan(soap=SoapPlan(registered=True, programs=programs)), TODAY)
    notes = " ".join(result.soap.list_notes)
    assert "SOAP allows 45" in notes
    assert "alternative specialty" in notes


def test_r80_editing_one_advisor_keeps_the_others() -> None:
    from matchplan.year.advisors import add_advisor, remove_advisor, with_answer

    edited = with_answer(add_advisor(add_advisor(AdvisorLog())), 0, "bucket", "cautious")
    edited = with_answer(edited, 1, "advisor", "Dr Chen")
    assert [(a.advisor, a.bucket) for a in edited.answers] == [
        ("Advisor 1", "cautious"),
        ("Dr Chen", None),
    ]
    assert [a.advisor for a in remove_advisor(edited, 0).answers] == ["Dr Chen"]


def test_handout_carries_advisor_answers_letters_and_readiness() -> None:
    from matchplan.handout import handout_content
    from matchplan.handout_html import handout_html

    result = build_plan(example_plan(advisors=log("optimistic", "pessimistic")), TODAY)
    shown = handout_content(result, identify=True)
    assert shown.advisor_answers[:2] == ("Dr 0: Optimistic but conditional", "Dr 1: Pessimistic")
    assert shown.letters  # the letters' status (R-81 adds the attendings once recorded)
    assert "R-8" not in " ".join(shown.advisor_answers)  # the handout names no rule ids
    hidden = handout_content(result, identify=False)
    assert hidden.advisor_answers[0] == "Advisor 1: Optimistic but conditional"
    assert "The advisors disagree" in handout_html(shown, [])
