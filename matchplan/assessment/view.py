"""R-20: the proposed view of the year; R-24: the reapplication hold."""

from __future__ import annotations

from datetime import date, timedelta

from matchplan.assessment.academic import low_step2_pass
from matchplan.assessment.bandwidth import unremediated_steps
from matchplan.assessment.models import (
    Hold,
    HoldCondition,
    Reason,
    View,
    ViewProposal,
    application_day,
    years_between,
)
from matchplan.assessment.reliability import clinical_months_at_application, strong_recent_letters
from matchplan.cycles import cycle_date
from matchplan.profile import STEP_LABELS, ApplicantProfile
from matchplan.reference import Level, Reference


def propose_view(
    profile: ApplicantProfile, overall: Level, today: date, ref: Reference
) -> ViewProposal:
    """R-20 (with R-21..R-25 as its reasons): the view an advisor would likely take.

    Revised R-21: "stay" (the optimistic view) after a failure only for the
    stay-realistic group in reference data; any other specialty is at most cautious
    (re-target, with a dual application).
    """
    t = ref.thresholds
    spec = ref.specialty(profile.target_specialty)
    failures = {s: profile.failures(s) for s in STEP_LABELS}
    limit = int(t.attempt_limit.value)
    years = years_between(profile.graduation_date, application_day(profile, today, ref))
    pessimistic: list[Reason] = []
    cautious: list[Reason] = []

    if spec.group == "ultra" and profile.total_failures():
        pessimistic.append(
            Reason(
                rule="R-23",
                field="target_specialty",
                level="high",
                text=f"{spec.name} is functionally closed after a failure and an unmatched cycle.",
            )
        )
    if (
        failures["step1"]
        and failures["step2ck"]
        and max(failures["step1"], failures["step2ck"]) > 1
    ):
        pessimistic.append(
            Reason(
                rule="R-25",
                field="exams",
                level="high",
                text="Failures at both Step 1 and Step 2 CK, more than one at either.",
            )
        )
    for step in ("step1", "step2ck"):
        if not profile.passed(step) and limit - len(profile.attempts(step)) <= 1:
            pessimistic.append(
                Reason(
                    rule="R-25",
                    field="exams",
                    level="high",
                    text=f"One attempt left at {STEP_LABELS[step]}.",
                )
            )
    if profile.clinical.months_since_clinical >= t.other_careers_clinical_gap_months.value:
        pessimistic.append(
            Reason(
                rule="R-25",
                field="clinical.months_since_clinical",
                level="high",
                text="No clinical work for four years or more.",
            )
        )
    if years > t.years_since_graduation_high.value and (
        profile.clinical.months_since_clinical > t.clinical_recency_months.value
        or unremediated_steps(profile)
        or not profile.passed("step3")
    ):
        pessimistic.append(
            Reason(
                rule="R-24",
                field="graduation_date",
                level="high",
                text=f"{years:.1f} years from graduation without recent "
                "clinical work, or with exams (Step 3 included) still "
                "to pass.",
            )
        )
    if failures["step2ck"]:
        cautious.append(
            Reason(
                rule="R-22", field="exams", text="A Step 2 CK failure opens the pivot conversation."
            )
        )
    if profile.total_failures() > 1:
        cautious.append(Reason(rule="R-22", field="exams", text="Several failed attempts."))
    low = low_step2_pass(profile, today, ref)
    if low is not None:
        cautious.append(
            Reason(rule="R-22", field="exams", text=f"A low passing Step 2 CK ({low}).")
        )
    if profile.last_cycle.prior_unsuccessful_cycles >= t.other_careers_unsuccessful_cycles.value:
        cautious.append(
            Reason(
                rule="R-25",
                field="last_cycle.prior_unsuccessful_cycles",
                text="Two or more unsuccessful cycles.",
            )
        )
    if years > t.years_since_graduation_caution.value:
        cautious.append(
            Reason(
                rule="R-24",
                field="graduation_date",
                text=f"{years:.1f} years from graduation raises caution.",
            )
        )
    if overall == "high":
        cautious.append(Reason(rule="R-04", field="overall", text="Overall risk is high."))
    step2 = profile.passing_attempt("step2ck")
    bar = spec.solid_step2ck_bar
    if (
        profile.total_failures()
        and step2
        and step2.score
        and low is None
        and (step2.score < bar.value)
    ):
        cautious.append(
            Reason(
                rule="R-21",
                field="exams",
                text=f"After a failed attempt, staying needs a solid Step 2 CK; {step2.score} is "
                f"below {spec.name}'s bar ({bar.value}).",
                sources=(bar.source,),
            )
        )

    if (
        profile.total_failures()
        and spec.group != "ultra"
        and spec.id not in ref.stay_realistic_ids()
    ):
        cautious.append(
            Reason(
                rule="R-21",
                field="target_specialty",
                text=f"{spec.name} is not among the specialties where staying is realistic "
                "after a failure and an unmatched cycle (FM, IM, Peds, Psych, Neurology, "
                f"Pathology): re-target {spec.name} and apply in parallel to one of those "
                "(dual application, R-52), with the split shown.",
                sources=(ref.stay_realistic.source,),
            )
        )

    if pessimistic:
        proposed: View = "pessimistic"
        reasons = pessimistic
    elif cautious:
        proposed = "cautious"
        reasons = cautious
    else:
        proposed = "optimistic"
        reasons = [
            Reason(
                rule="R-21",
                field="target_specialty",
                level="low",
                text=(
                    f"Exams under control and {spec.name} is not hyper-competitive: staying "
                    "is realistic with documented remediation and a statement that owns the "
                    "failure."
                    if spec.group != "ultra"
                    else f"No failed attempt: {spec.name} stays open, though it is among the "
                    "most competitive specialties."
                ),
            )
        ]
    return ViewProposal(
        proposed=proposed, reasons=tuple(reasons), advisor_override=profile.advisor_view
    )


def reapplication_hold(profile: ApplicantProfile, today: date, ref: Reference) -> Hold | None:
    """R-24 (revised): past 5 years from graduation, "not yet" while a condition is unmet.

    The conditions (FAQ 3): recent strong US clinical work, fresh strong letters,
    every exam remediated with Step 3 passed. The proposed cycle is the first one,
    from the target on, whose submission day is at least ``hold_lead_months``
    (assumption) away. Pivoting specialty does not satisfy R-24. None when the
    applicant is within 5 years or meets every condition.
    """
    t = ref.thresholds
    applying_on = application_day(profile, today, ref)
    years = years_between(profile.graduation_date, applying_on)
    if years <= t.years_since_graduation_high.value:
        return None
    spec = ref.specialty(profile.target_specialty)
    months = clinical_months_at_application(profile, today, ref)
    letters = strong_recent_letters(profile, spec, applying_on, ref)
    needed = int(t.strong_recent_letters_min.value)
    open_steps = [STEP_LABELS[s] for s in STEP_LABELS if not profile.passed(s)]
    conditions = (
        HoldCondition(
            condition="Recent strong US clinical work",
            met=months <= t.clinical_recency_months.value and profile.clinical.clinical_us_based,
            detail=f"{months} months since hands-on work at application; within "
            f"{t.clinical_recency_months.value:.0f}, US-based, is needed.",
        ),
        HoldCondition(
            condition="Fresh strong letters",
            met=letters >= needed,
            detail=f"{letters} strong recent letter(s) in or near {spec.name}; {needed} needed.",
        ),
        HoldCondition(
            condition="Every exam remediated, Step 3 included",
            met=not open_steps,
            detail="All Steps passed."
            if not open_steps
            else f"Still to pass: {', '.join(open_steps)}.",
        ),
    )
    if all(c.met for c in conditions):
        return None
    ready = _add_months_approx(today, int(t.hold_lead_months.value))
    year = profile.target_match_year
    while cycle_date(year, "submission_opens", ref).date < ready:
        year += 1
    reason = Reason(
        rule="R-24",
        field="graduation_date",
        level="high",
        text=f"{years:.1f} years from graduation at application: not yet. Meet every "
        f"condition first; the earliest cycle that allows it is the {year} Match. "
        "Careers outside residency (R-72) are shown beside it.",
        sources=(t.years_since_graduation_high.source, t.hold_lead_months.source),
    )
    return Hold(
        years_since_graduation=round(years, 1),
        conditions=conditions,
        proposed_match_year=year,
        reasons=(reason,),
    )


def _add_months_approx(day: date, months: int) -> date:
    return day + timedelta(days=round(months * 30.4375))
