"""R-03: the bandwidth lens (attempts, unremediated Steps, cycles)."""

from __future__ import annotations

from matchplan.assessment.models import LensResult, Reason, _lens
from matchplan.profile import STEP_LABELS, ApplicantProfile
from matchplan.reference import Reference


def unremediated_steps(profile: ApplicantProfile) -> tuple[str, ...]:
    """Steps with a failure and no pass yet."""
    return tuple(
        STEP_LABELS[s] for s in STEP_LABELS if profile.failures(s) and not profile.passed(s)
    )


def bandwidth_risk(profile: ApplicantProfile, ref: Reference) -> LensResult:
    """R-03: will this person need more faculty time than a program can give?"""
    t = ref.thresholds
    reasons: list[Reason] = []
    lower: list[str] = []
    failures = profile.total_failures()
    for step in ("step1", "step2ck"):
        if not profile.passed(step):
            reasons.append(
                Reason(
                    rule="R-03",
                    field="exams",
                    level="high",
                    text=f"{STEP_LABELS[step]} would still be pending during residency.",
                )
            )
    open_failures = unremediated_steps(profile)
    if profile.clinical.current_role == "prelim_or_ty" and open_failures:
        reasons.append(
            Reason(
                rule="R-03",
                field="clinical.current_role",
                level="high",
                text=f"A prelim/TY year while {', '.join(open_failures)} is still "
                "unremediated leaves little room to study.",
            )
        )
        lower.append("Remediate the exam before starting a prelim or transitional year.")
    if failures >= t.failed_attempts_bandwidth_high.value:
        reasons.append(
            Reason(
                rule="R-03",
                field="exams",
                level="high",
                text=f"{failures} failed attempts suggest close academic support.",
            )
        )
    elif failures >= t.failed_attempts_bandwidth_moderate.value:
        reasons.append(
            Reason(
                rule="R-03",
                field="exams",
                level="moderate",
                text=f"{failures} failed attempts suggest extra academic support.",
            )
        )
    if failures and not profile.passed("step3"):
        reasons.append(
            Reason(
                rule="R-03",
                field="exams",
                level="moderate",
                text="Step 3 would still be pending during residency, after a failed attempt.",
            )
        )
        missing = profile.step3_missing()
        lower.append(
            "Pass Step 3 before residency starts so no exam is pending."
            if not missing
            else f"Step 3 later: first {', '.join(missing)} (R-35, Step 3 eligibility)."
        )
    if not reasons:
        reasons.append(
            Reason(
                rule="R-03",
                field="exams",
                level="low",
                text="No exam pending during residency after a failure.",
            )
        )
    return _lens("bandwidth", reasons, lower)
