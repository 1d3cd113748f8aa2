"""R-35: Step 3 before reapplying; R-42: the licensing window."""

from __future__ import annotations

from datetime import date, timedelta

from matchplan.cycles import cycle_calendar
from matchplan.profile import STEP_LABELS, ApplicantProfile
from matchplan.reference import Reference
from matchplan.timeline.exam import _add_months
from matchplan.timeline.models import (
    ExamDeadlines,
    ExamTiming,
    PlanWarning,
    Step3Advice,
    TimelinePlan,
    timeline_data,
)


def step3_advice(
    profile: ApplicantProfile,
    plan: TimelinePlan,
    deadlines: ExamDeadlines,
    exam: ExamTiming | None,
    today: date,
    ref: Reference,
) -> Step3Advice:
    """R-35: recommend Step 3 before reapplying when a Step failed, eligible, and in time."""
    latest = deadlines.latest_safe
    reasons: list[str] = []
    failed = profile.total_failures() > 0
    step2_ready = profile.passed("step2ck") or (exam is not None and exam.step == "step2ck")
    step1_ready = profile.passed("step1") or (exam is not None and exam.step == "step1")
    if exam is not None and exam.step == "step3":
        step1_ready, step2_ready = profile.passed("step1"), profile.passed("step2ck")
    eligible = step1_ready and step2_ready and (not profile.is_img or profile.ecfmg_certified)
    if profile.passed("step3"):
        return Step3Advice(
            recommended=False,
            eligible=True,
            fits_before_review=True,
            latest_date=latest,
            reasons=("Step 3 already passed.",),
        )
    earliest = today + timedelta(weeks=timeline_data().step3_prep_weeks.value)
    if exam is not None and exam.step != "step3":
        earliest = max(earliest, exam.report_typical + timedelta(weeks=2))
    planned_step3 = plan.exam_date if plan.exam_step == "step3" else plan.step3_date
    when = planned_step3 or earliest
    fits = when <= latest
    if not failed:
        reasons.append("No failed Step: Step 3 is optional before residency.")
    if not eligible:
        missing = profile.step3_missing()
        reasons.insert(
            0,
            "Not yet eligible for Step 3 (R-35): first "
            + (", ".join(missing) if missing else "the retake's passing score reported")
            + ". Step 3 needs Step 1 and Step 2 CK passed, and ECFMG certification for IMGs.",
        )
    if not fits:
        reasons.append(
            f"A Step 3 on {when:%d %b %Y} would not be reported by "
            f"{deadlines.review_day:%d %b %Y} with the safe delay; take it by "
            f"{latest:%d %b %Y} or after applying."
        )
    recommended = failed and eligible and fits
    if recommended:
        reasons.append(
            "A passed Step 3 shows the exam problem is under control (R-05); "
            "pair the study with a structured role, never a year of only waiting."
        )
        if plan.role.kind == "none":
            reasons.append("Choose a structured role to go with the Step 3 study.")
    return Step3Advice(
        recommended=recommended,
        eligible=eligible,
        fits_before_review=fits,
        latest_date=latest,
        reasons=tuple(reasons),
    )


def licensing_window_warnings(
    profile: ApplicantProfile, plan: TimelinePlan, exam: ExamTiming | None, ref: Reference
) -> list[PlanWarning]:
    """R-42 (new, F§6, weak source): every Step passed within N years of passing the first.

    The last Step is Step 3: its planned date (the timed exam or the Step 3 date), or,
    when none is planned, the warning fires only once the window has already closed
    at the target cycle's submission day.
    """
    window = ref.thresholds.licensing_window_years
    first_pass = min(
        (a.exam_date for s in STEP_LABELS if (a := profile.passing_attempt(s)) is not None),
        default=None,
    )
    if first_pass is None or profile.passed("step3"):
        return []
    limit = _add_months(first_pass, int(window.value * 12))
    step3_on = exam.exam_date if exam is not None and exam.step == "step3" else plan.step3_date
    last = step3_on or cycle_calendar(profile.target_match_year, ref=ref)["submission_opens"]
    if last <= limit:
        return []
    return [
        PlanWarning(
            rule="R-42",
            text=f"Many state licensing boards want every Step (Step 3 included) passed within "
            f"{window.value:.0f} years of the first pass ({first_pass:%d %b %Y}), that is by "
            f"{limit:%d %b %Y}; this plan puts the last Step after that. This is a weak, "
            "varying source: check the target state's medical board.",
            sources=(window.source,),
        )
    ]
