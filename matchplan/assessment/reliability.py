"""R-02: the reliability lens (time since graduation, clinical recency, letters)."""

from __future__ import annotations

from datetime import date

from matchplan.assessment.models import LensResult, Reason, _lens, application_day, years_between
from matchplan.profile import HANDS_ON_ROLES, ApplicantProfile
from matchplan.reference import Reference, Specialty


def strong_recent_letters(
    profile: ApplicantProfile, spec: Specialty, today: date, ref: Reference
) -> int:
    """Strong letters in or near the target specialty written recently (R-02, §4.2)."""
    window = ref.thresholds.letter_recency_months.value
    near = {spec.id, *spec.related}
    return sum(
        1
        for letter in profile.content.letters
        if letter.strong
        and letter.specialty in near
        and _months_between(letter.written_on, today) <= window
    )


def _months_between(start: date, end: date) -> float:
    return (end - start).days / 30.4375


def clinical_months_at_application(profile: ApplicantProfile, today: date, ref: Reference) -> int:
    """R-02 (revised): months since hands-on clinical work on the target submission day.

    With a hands-on current role (R-37: not an observership) the gap does not grow
    (the profile's months are read as they are); otherwise it keeps growing until
    the submission day.
    """
    if profile.clinical.current_role in HANDS_ON_ROLES:
        return profile.clinical.months_since_clinical
    ahead = (application_day(profile, today, ref) - today).days
    return profile.clinical.months_since_clinical + max(0, round(ahead / 30.4375))


def reliability_risk(profile: ApplicantProfile, today: date, ref: Reference) -> LensResult:
    """R-02 (revised): will this person finish residency without delays?

    Every recency (years since graduation, letters, clinical work) is measured on
    the target cycle's submission day; clinical work outside the US counts at most
    as moderate recency (article section 4.2).
    """
    t = ref.thresholds
    reasons: list[Reason] = []
    lower: list[str] = []
    spec = ref.specialty(profile.target_specialty)
    applying_on = application_day(profile, today, ref)
    years = years_between(profile.graduation_date, applying_on)
    if years > t.years_since_graduation_high.value:
        reasons.append(
            Reason(
                rule="R-02",
                field="graduation_date",
                level="high",
                text=f"{years:.1f} years from graduation when the application "
                f"opens (past {t.years_since_graduation_high.value:.0f}).",
                sources=(t.years_since_graduation_high.source,),
            )
        )
    elif years > t.years_since_graduation_caution.value:
        reasons.append(
            Reason(
                rule="R-02",
                field="graduation_date",
                level="moderate",
                text=f"{years:.1f} years from graduation when the application "
                f"opens (past {t.years_since_graduation_caution.value:.0f}).",
                sources=(t.years_since_graduation_caution.source,),
            )
        )
    months = clinical_months_at_application(profile, today, ref)
    when = f"by the application day ({applying_on:%d %b %Y})"
    if months >= t.clinical_gap_high_months.value:
        reasons.append(
            Reason(
                rule="R-02",
                field="clinical.months_since_clinical",
                level="high",
                text=f"{months} months since hands-on clinical work {when}.",
                sources=(t.clinical_gap_high_months.source,),
            )
        )
    elif months > t.clinical_recency_months.value:
        reasons.append(
            Reason(
                rule="R-02",
                field="clinical.months_since_clinical",
                level="moderate",
                text=f"{months} months since hands-on clinical work {when} (recent "
                f"means within {t.clinical_recency_months.value:.0f}).",
                sources=(t.clinical_recency_months.source,),
            )
        )
    elif not profile.clinical.clinical_us_based:
        reasons.append(
            Reason(
                rule="R-02",
                field="clinical.clinical_us_based",
                level="moderate",
                text="The recent clinical work is outside the US; programs look for "
                "US-based work, so it counts as moderate at best.",
                sources=("article",),
            )
        )
    if months > t.clinical_recency_months.value or not profile.clinical.clinical_us_based:
        lower.append("Start hands-on, US-based clinical work in the target specialty now.")
    letters = strong_recent_letters(profile, spec, applying_on, ref)
    needed = int(t.strong_recent_letters_min.value)
    if letters < needed:
        reasons.append(
            Reason(
                rule="R-02",
                field="content.letters",
                level="moderate",
                text=f"{letters} strong recent letter(s) in or near {spec.name}; "
                f"programs look for at least {needed}.",
                sources=(t.strong_recent_letters_min.source, t.letter_recency_months.source),
            )
        )
        lower.append(f"Earn {needed - letters} new strong letter(s) in {spec.name}.")
    cycles = profile.last_cycle.prior_unsuccessful_cycles
    if cycles >= t.unsuccessful_cycles_high.value:
        reasons.append(
            Reason(
                rule="R-02",
                field="last_cycle.prior_unsuccessful_cycles",
                level="high",
                text=f"{cycles} unsuccessful cycles.",
            )
        )
    elif cycles >= t.unsuccessful_cycles_moderate.value:
        reasons.append(
            Reason(
                rule="R-02",
                field="last_cycle.prior_unsuccessful_cycles",
                level="moderate",
                text=f"{cycles} unsuccessful cycles.",
            )
        )
    if not reasons:
        reasons.append(
            Reason(
                rule="R-02",
                field="clinical",
                level="low",
                text="Recent clinical work, strong recent letters, and a recent graduation.",
            )
        )
    return _lens("reliability", reasons, lower)
