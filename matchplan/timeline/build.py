"""R-30..R-39 together: the first plan (``default_plan``) and the whole timeline
(``build_timeline``).
"""

from __future__ import annotations

from datetime import date, timedelta

from matchplan.cycles import cycle_calendar
from matchplan.profile import CURRENT_ROLE_LABELS, STEP_LABELS, ApplicantProfile
from matchplan.reference import CycleEvent, Reference, load_reference
from matchplan.timeline.exam import (
    RetakeRefused,
    _earliest_exam,
    check_calendar_order,
    check_plan_dates,
    earliest_allowed_attempt,
    exam_deadlines,
    exam_to_time,
    interview_chance,
    is_final_attempt,
    last_exam_date,
    report_date,
    retake_refusal,
)
from matchplan.timeline.models import (
    CLINICAL_ROLES,
    DAYS_PER_MONTH,
    AlternativeCycle,
    ExamTiming,
    GapRole,
    Milestone,
    MilestoneKind,
    PlanWarning,
    RoleKind,
    Timeline,
    TimelinePlan,
    timeline_data,
)
from matchplan.timeline.role import score_role
from matchplan.timeline.step3 import licensing_window_warnings, step3_advice

SUBMIT_MILESTONE = "Submit ERAS and send signals"
"""The application going in: ticked done, it marks the application submitted (R-40)."""


def default_plan(
    profile: ApplicantProfile, today: date, ref: Reference | None = None
) -> TimelinePlan:
    """A sensible first plan: the exam at the latest safe date, letters asked in time.

    Always placeable by build_timeline: an exam date whose safe report would miss the
    target Match Day moves to the last day that still makes it (as the page's slider
    does), and a date no day of the cycle can hold is left empty.
    """
    ref = ref or load_reference()
    calendar = cycle_calendar(profile.target_match_year, ref=ref)
    match_day = calendar["match_day"]
    step = exam_to_time(profile)
    exam_date = None
    if step is not None:
        planned = profile.planned(step)
        latest_safe = exam_deadlines(calendar, ref).latest_safe
        allowed = earliest_allowed_attempt([a.exam_date for a in profile.attempts(step)], ref)
        exam_date = (
            planned[0].exam_date
            if planned
            else max(latest_safe, _earliest_exam(today), allowed or latest_safe)
        )
        exam_date = min(exam_date, last_exam_date(calendar, ref))
        if allowed is None or exam_date < allowed or exam_date < today:
            exam_date = None
    lead = timedelta(weeks=timeline_data().letter_request_lead_weeks.value)
    letters = max(today, calendar["submission_opens"] - lead)
    role_kind: RoleKind = profile.clinical.current_role
    return TimelinePlan(
        exam_step=step,
        exam_date=exam_date,
        letter_request_date=letters if letters < match_day else None,
        role=GapRole(kind=role_kind, in_target_specialty=profile.clinical.clinical_in_target),
    )


def build_timeline(
    profile: ApplicantProfile, plan: TimelinePlan, today: date, ref: Reference | None = None
) -> Timeline:
    """R-30..R-39: exam timing, Step 3, role, letters and the target cycle on one timeline.

    Raises PlanDateError for a date that cannot be placed (the page shows it at
    the field and keeps the last valid plan).
    """
    ref = ref or load_reference()
    calendar = cycle_calendar(profile.target_match_year, plan.calendar_overrides, ref)
    check_calendar_order(calendar)
    check_plan_dates(plan, calendar)
    deadlines = exam_deadlines(calendar, ref)
    data = timeline_data()
    warnings: list[PlanWarning] = []
    milestones: list[Milestone] = []
    review = calendar["review_opens"]
    review_source = calendar.dates["review_opens"].source

    def estimated(*events: CycleEvent) -> bool:
        return any(calendar.dates[e].estimated for e in events)

    def sources_of(*events: CycleEvent) -> tuple[str, ...]:
        return tuple(dict.fromkeys(calendar.dates[e].source for e in events))

    exam: ExamTiming | None = None
    if plan.exam_step is not None and plan.exam_date is not None:
        step = plan.exam_step
        label = STEP_LABELS[step]
        typical = report_date(plan.exam_date, deadlines.typical_weeks)
        safe = report_date(plan.exam_date, deadlines.safe_weeks)
        study_start = plan.exam_date - timedelta(days=round(plan.study_months * DAYS_PER_MONTH))
        refusal = retake_refusal(profile, step, plan.exam_date, ref)
        if refusal is not None:
            raise RetakeRefused(refusal)
        problems: tuple[str, ...] = ()
        final = is_final_attempt(profile, step, ref)
        exam = ExamTiming(
            step=step,
            exam_date=plan.exam_date,
            study_start=study_start,
            report_typical=typical,
            report_safe=safe,
            chance=interview_chance(typical, calendar),
            chance_safe=interview_chance(safe, calendar),
            retake_problems=problems,
            final_attempt=final,
        )
        if final:
            warnings.append(
                PlanWarning(
                    rule="R-34",
                    text=f"This is the final {label} attempt the USMLE allows: a failure ends "
                    "USMLE eligibility. Weigh the careers outside residency (R-25, R-72) "
                    "beside it, and sit it only when practice scores are safely above the "
                    "passing standard.",
                    sources=(ref.thresholds.attempt_limit.source, "article"),
                )
            )
        ahead = plan.exam_date >= today  # a past exam is the plan's record, not advice
        if ahead and study_start < today:
            warnings.append(
                PlanWarning(
                    rule="R-33",
                    text=f"A {plan.study_months:g}-month study block would have started on "
                    f"{study_start:%d %b %Y}; from today there are only "
                    f"{(plan.exam_date - today).days // 7} weeks. Move the exam later or "
                    "study in a shorter, heavier block with a tutor.",
                    sources=(data.study_months_min.source,),
                )
            )
        for problem in problems:
            warnings.append(
                PlanWarning(rule="R-34", text=problem, sources=(ref.usmle.retake_rules.source,))
            )
        mark = " (final attempt)" if final else ""
        milestones.append(
            Milestone(
                name=f"{label} study block{mark}",
                start=study_start,
                end=plan.exam_date,
                kind="study",
            )
        )
        milestones.append(
            Milestone(
                name=f"{label} exam{mark}", start=plan.exam_date, end=plan.exam_date, kind="exam"
            )
        )
        late = typical > review
        milestones.append(
            Milestone(
                name=f"{label} score reported (typical to safe)",
                start=typical,
                end=safe,
                kind="report",
                task=False,
                deadline=review,
                missed=late,
                reason=(
                    f"Reported {typical:%d %b %Y} at the typical delay, after programs first "
                    f"review on {review:%d %b %Y}."
                )
                if late
                else "",
            )
        )
        if late and ahead:
            warnings.append(
                PlanWarning(
                    rule="R-30",
                    text=f"The {label} score would reach programs {exam.chance.words} "
                    f"({typical:%d %b %Y}), after the first review day {review:%d %b %Y}: "
                    f"take it by {deadlines.latest_typical:%d %b %Y} at the latest, "
                    f"{deadlines.latest_safe:%d %b %Y} to be safe.",
                    sources=(review_source, ref.usmle.report_delay_weeks_typical.source),
                )
            )
        elif ahead and safe > review:
            warnings.append(
                PlanWarning(
                    rule="R-30",
                    text=f"Only a typical reporting delay gets the {label} score to programs in "
                    f"time; with the safe {deadlines.safe_weeks}-week delay it arrives "
                    f"{safe:%d %b %Y}. Plan for {deadlines.latest_safe:%d %b %Y} or earlier.",
                    sources=(ref.usmle.report_delay_weeks_safe.source,),
                )
            )
        if step == "step2ck" and profile.is_img and safe > calendar["rol_deadline"]:
            warnings.append(
                PlanWarning(
                    rule="R-36",
                    text=f"As an IMG, a passing Step 2 CK must be reported before the rank list "
                    f"deadline {calendar['rol_deadline']:%d %b %Y}, or the rank list is not "
                    "used.",
                    sources=("nrmp-img-exam-deadline",),
                )
            )

    step3 = step3_advice(profile, plan, deadlines, exam, today, ref)
    if exam is not None and exam.step == "step3" and not step3.eligible:
        warnings.append(
            PlanWarning(
                rule="R-35",
                text="Step 3 is planned before the applicant "
                "is eligible (Step 1 and Step 2 CK passed; ECFMG "
                "certification for IMGs).",
                sources=("fsmb-step3-eligibility",),
            )
        )
    if plan.step3_date is not None and plan.exam_step != "step3":
        s3_report = report_date(plan.step3_date, deadlines.typical_weeks)
        prep = timedelta(weeks=data.step3_prep_weeks.value)
        late3 = s3_report > review
        milestones.append(
            Milestone(
                name="Step 3 study",
                start=min(max(today, plan.step3_date - prep), plan.step3_date),
                end=plan.step3_date,
                kind="step3",
            )
        )
        milestones.append(
            Milestone(
                name="Step 3 exam and report",
                start=plan.step3_date,
                end=s3_report,
                kind="step3",
                deadline=review,
                missed=late3,
                reason=f"Step 3 reported {s3_report:%d %b %Y}, after review day." if late3 else "",
            )
        )
        if not step3.eligible:
            warnings.append(
                PlanWarning(
                    rule="R-35",
                    text="Step 3 is planned before the applicant "
                    "is eligible (Step 1 and Step 2 CK passed; ECFMG "
                    "certification for IMGs).",
                    sources=("fsmb-step3-eligibility",),
                )
            )
        if exam is not None and plan.step3_date <= exam.report_typical:
            warnings.append(
                PlanWarning(
                    rule="R-35",
                    text="Step 3 is planned before the retake's "
                    "score is reported; eligibility needs the pass first.",
                    sources=("fsmb-step3-eligibility",),
                )
            )

    role = score_role(plan.role, profile)
    submission = calendar["submission_opens"]
    if plan.role.kind != "none":
        milestones.append(
            Milestone(
                name=f"Gap-year role: {CURRENT_ROLE_LABELS[plan.role.kind].lower()}",
                start=min(today, submission),
                end=submission,
                kind="role",
                task=False,
                estimated=estimated("submission_opens"),
                sources=sources_of("submission_opens"),
            )
        )

    lead = timedelta(weeks=data.letter_request_lead_weeks.value)
    ask = plan.letter_request_date or max(today, submission - lead)
    late_letters = ask >= submission
    milestones.append(
        Milestone(
            name="Letter requests to uploaded letters",
            start=ask,
            end=max(ask, submission),
            kind="letters",
            estimated=estimated("submission_opens") and plan.letter_request_date is None,
            sources=sources_of("submission_opens"),
            deadline=submission,
            missed=late_letters,
            reason="Letters requested after submission opens." if late_letters else "",
        )
    )
    if late_letters and today <= submission:
        warnings.append(
            PlanWarning(
                rule="R-37",
                text=f"Letters requested {ask:%d %b %Y}, after "
                f"submission opens {submission:%d %b %Y}; ask by "
                f"{submission - lead:%d %b %Y}.",
                sources=(data.letter_request_lead_weeks.source,),
            )
        )
    recency = ref.thresholds.clinical_recency_months.value
    # A clinical role runs from today to submission (the role milestone), so its work is
    # current at application; otherwise the last clinical work ages until submission.
    months_at_application = (
        0.0
        if plan.role.kind in CLINICAL_ROLES
        else profile.clinical.months_since_clinical + (submission - today).days / DAYS_PER_MONTH
    )
    if today <= submission and months_at_application > recency:
        warnings.append(
            PlanWarning(
                rule="R-37",
                text=f"At submission the last hands-on clinical work will be "
                f"{months_at_application:.0f} months old (programs look for {recency:.0f} or "
                "fewer): add US clinical work in the target specialty before applying.",
                sources=(ref.thresholds.clinical_recency_months.source,),
            )
        )

    def span(
        name: str, first: CycleEvent, last: CycleEvent, kind: MilestoneKind, task: bool = False
    ) -> Milestone:
        """A milestone from one cycle date to another (a single day when they are one)."""
        return Milestone(
            name=name,
            start=calendar[first],
            end=calendar[last],
            kind=kind,
            estimated=estimated(first, last),
            task=task,
            sources=sources_of(first, last),
        )

    def point(name: str, event: CycleEvent, kind: MilestoneKind, task: bool = False) -> Milestone:
        return span(name, event, event, kind, task)

    milestones += [
        point("MyERAS opens", "myeras_opens", "application"),
        point(SUBMIT_MILESTONE, "submission_opens", "application", task=True),
        point("Programs first review", "review_opens", "application"),
        span("Interview season", "interview_season_starts", "interview_season_ends", "interviews"),
        point("Rank order list deadline", "rol_deadline", "match", task=True),
        span("Match Week with SOAP", "match_week_starts", "match_day", "match"),
        point("Match Day", "match_day", "match"),
    ]

    alternative = None
    if (
        exam is not None
        and exam.exam_date >= today
        and exam.report_typical > date(review.year, 9, 30)
    ):
        later = cycle_calendar(profile.target_match_year + 1, ref=ref)
        later_deadlines = exam_deadlines(later, ref)
        alternative = AlternativeCycle(
            match_year=later.match_year,
            review_day=later_deadlines.review_day,
            latest_safe=later_deadlines.latest_safe,
            chance=interview_chance(exam.report_typical, later),
        )
        warnings.append(
            PlanWarning(
                rule="R-33",
                text=f"The score cannot reach programs before October; consider reapplying for "
                f"the {later.match_year} Match instead and using the year to build the "
                "application.",
                sources=("article",),
            )
        )

    warnings += licensing_window_warnings(profile, plan, exam, ref)
    ordered = tuple(sorted(milestones, key=lambda m: (m.start, m.end, m.name)))
    return Timeline(
        match_year=calendar.match_year,
        calendar=calendar,
        deadlines=deadlines,
        exam=exam,
        step3=step3,
        role=role,
        milestones=ordered,
        warnings=tuple(warnings),
        alternative=alternative,
    )
