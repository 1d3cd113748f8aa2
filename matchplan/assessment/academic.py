"""R-01: the academic lens (exam history, Step 2 CK margin)."""

from __future__ import annotations

from datetime import date

from matchplan.assessment.models import LensResult, Reason, _lens, _times, worst
from matchplan.profile import STEP_LABELS, ApplicantProfile
from matchplan.reference import Reference


def low_step2_pass(profile: ApplicantProfile, today: date, ref: Reference) -> int | None:
    """R-01/R-22: the passing Step 2 CK score when it is within the low zone, else None."""
    attempt = profile.passing_attempt("step2ck")
    if attempt is None or attempt.score is None:
        return None
    standard = ref.usmle.standard_on("step2ck", today).standard
    margin = ref.thresholds.step2ck_low_pass_margin.value
    return attempt.score if attempt.score <= standard + margin else None


def academic_risk(profile: ApplicantProfile, today: date, ref: Reference) -> LensResult:
    """R-01, R-05: will this person pass boards on time?"""
    reasons: list[Reason] = []
    lower: list[str] = []
    spec = ref.specialty(profile.target_specialty)
    limit = int(ref.thresholds.attempt_limit.value)
    failures = profile.total_failures()
    step2_failures = profile.failures("step2ck")

    if step2_failures:
        reasons.append(
            Reason(
                rule="R-01",
                field="exams",
                level="high",
                text=f"Step 2 CK failed {_times(step2_failures)}; programs read Step 2 CK "
                "as the predictor of Step 3 and board eligibility.",
            )
        )
    if failures > 1:
        reasons.append(
            Reason(
                rule="R-01", field="exams", level="high", text=f"{failures} failed attempts in all."
            )
        )
    for step in ("step1", "step2ck"):
        if not profile.passed(step):
            label = STEP_LABELS[step]
            reasons.append(
                Reason(rule="R-01", field="exams", level="high", text=f"{label} not yet passed.")
            )
            lower.append(f"Pass {label} and have the score reported before programs review.")
            if limit - len(profile.attempts(step)) == 1:
                reasons.append(
                    Reason(
                        rule="R-01",
                        field="exams",
                        level="high",
                        text=f"One attempt left at {label} (USMLE allows {limit}).",
                        sources=(ref.thresholds.attempt_limit.source,),
                    )
                )
    low_score = low_step2_pass(profile, today, ref)
    if low_score is not None:
        standard = ref.usmle.standard_on("step2ck", today)
        reasons.append(
            Reason(
                rule="R-01",
                field="exams",
                level="high",
                text=f"Step 2 CK {low_score} is within "
                f"{ref.thresholds.step2ck_low_pass_margin.value:.0f} points of the "
                f"passing standard ({standard.standard}).",
                sources=(ref.thresholds.step2ck_low_pass_margin.source, standard.source),
            )
        )
    if failures == 1 and not step2_failures and profile.passed("step2ck") and low_score is None:
        failed_step = next(s for s in STEP_LABELS if profile.failures(s))
        status = "later passed" if profile.passed(failed_step) else "not yet passed"
        reasons.append(
            Reason(
                rule="R-01",
                field="exams",
                level="moderate",
                text=f"One {STEP_LABELS[failed_step]} failure, {status}, with Step 2 CK "
                "above the low-pass zone.",
            )
        )
    step2 = profile.passing_attempt("step2ck")
    bar = spec.solid_step2ck_bar.value
    if step2 is not None and step2.score is not None and low_score is None:
        if step2.score < bar:
            reasons.append(
                Reason(
                    rule="R-31",
                    field="exams",
                    level="moderate",
                    text=f"Step 2 CK {step2.score} is below {bar}, the score programs in "
                    f"{spec.name} usually look for.",
                    sources=(spec.solid_step2ck_bar.source,),
                )
            )
        elif failures == 0:
            reasons.append(
                Reason(
                    rule="R-01",
                    field="exams",
                    level="low",
                    text=f"No failed attempt and Step 2 CK {step2.score} at or above {bar}, "
                    f"the score programs in {spec.name} usually look for.",
                    sources=(spec.solid_step2ck_bar.source,),
                )
            )
    if not reasons:
        reasons.append(
            Reason(
                rule="R-01",
                field="exams",
                level="moderate",
                text="No Step 2 CK score on record to judge against the bar.",
            )
        )

    level = worst([r.level for r in reasons])
    if profile.passed("step3"):
        level = "moderate" if level == "high" else level
        reasons.append(
            Reason(
                rule="R-05",
                field="exams",
                level="low",
                text="Step 3 passed: lowers academic risk one level, never to low on its own.",
            )
        )
    elif failures and not profile.step3_missing():
        if level == "high":
            lower.append("Pass Step 3 before applying (R-05: lowers academic risk one level).")
        else:
            lower.append("Pass Step 3 before applying: a strong signal, though not an eraser.")
    return _lens("academic", reasons, lower, level)
