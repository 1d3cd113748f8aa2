"""R-06/R-07: the autopsy findings and the diagnosis by dimension."""

from __future__ import annotations

from datetime import date

from matchplan.assessment.models import (
    DIMENSION_LABELS,
    DIMENSION_TIE_ORDER,
    LEVELS,
    Dimension,
    DimensionDiagnosis,
    Finding,
    LensResult,
)
from matchplan.assessment.tier import recommended_program_floor
from matchplan.cycles import cycle_date
from matchplan.profile import ApplicantProfile
from matchplan.reference import Level, Reference


def autopsy_findings(
    profile: ApplicantProfile, overall: Level, ref: Reference
) -> tuple[Finding, ...]:
    """R-07: patterns in last cycle's application, each with evidence and a fix."""
    t = ref.thresholds
    cycle = profile.last_cycle
    spec = ref.specialty(profile.target_specialty)
    review = cycle_date(cycle.match_year, "review_opens", ref).date
    review_text = f"{review:%d %b %Y}"
    found: list[Finding] = []

    review_source = cycle_date(cycle.match_year, "review_opens", ref).source

    def add(dimension: Dimension, importance: int, message: str, fix: str, *sources: str) -> None:
        found.append(
            Finding(
                rule="R-07",
                dimension=dimension,
                message=message,
                fix=fix,
                importance=importance,
                sources=sources,
            )
        )

    if cycle.latest_score_reported_on and cycle.latest_score_reported_on > review:
        add(
            "exams",
            1,
            f"The latest score was reported on {cycle.latest_score_reported_on:%d %b %Y}, "
            f"after programs began reviewing on {review_text}.",
            "Time the retake so the score is reported before programs first review.",
            review_source,
        )
    floor = recommended_program_floor(
        overall, cycle.specialties_applied[0], ref, img=profile.is_img
    )
    if cycle.programs_applied < floor:
        who = f"an IMG at a {overall} risk" if profile.is_img else f"a {overall}-risk applicant"
        found.append(
            Finding(
                rule="R-07",
                dimension="strategy",
                message=f"Applied to {cycle.programs_applied} programs; {who} "
                f"applies to at least {floor} (R-50/R-51, illustrative).",
                fix=f"Apply to at least {floor} programs this cycle.",
                importance=2,
                sources=("article",),
                topic="program_count",
            )
        )
    if cycle.eras_submitted_on and cycle.eras_submitted_on > review:
        add(
            "strategy",
            3,
            f"ERAS was submitted on {cycle.eras_submitted_on:%d %b %Y}, after programs began "
            f"reviewing on {review_text}.",
            "Submit ERAS on the first submission day.",
            review_source,
        )
    if cycle.letters_uploaded_on and cycle.letters_uploaded_on > review:
        add(
            "clinical",
            4,
            f"The last letter arrived on {cycle.letters_uploaded_on:%d %b %Y}, after programs "
            f"began reviewing on {review_text}.",
            "Ask for letters months ahead, with a firm date before submission opens.",
            review_source,
        )
    if cycle.programs_applied and cycle.interview_offers / cycle.programs_applied < (
        t.min_interview_yield.value
    ):
        share = cycle.interview_offers / cycle.programs_applied
        add(
            "strategy",
            5,
            f"{cycle.interview_offers} interview offers from {cycle.programs_applied} "
            f"applications ({share:.0%}), below {t.min_interview_yield.value:.0%}.",
            "Re-target the list at programs that interview applicants like you.",
            t.min_interview_yield.source,
        )
    if overall != "low" and cycle.census_divisions < t.min_census_divisions.value:
        add(
            "strategy",
            6,
            f"Applied in {cycle.census_divisions} census division(s); a {overall}-risk "
            f"applicant needs at least {t.min_census_divisions.value:.0f}.",
            "Widen the list to more regions, including less sought-after ones.",
            t.min_census_divisions.source,
        )
    if profile.total_failures() and profile.content.personal_statement != "addressed_failure":
        add(
            "strategy",
            7,
            f"The personal statement was {profile.content.personal_statement.replace('_', ' ')} "
            "and did not address the failed attempt.",
            "Write a statement that owns the failure: cause, action, result.",
        )
    in_target = sum(1 for letter in profile.content.letters if letter.specialty == spec.id)
    if in_target < t.strong_recent_letters_min.value:
        add(
            "clinical",
            8,
            f"{in_target} letter(s) from {spec.name}, the specialty applied to.",
            f"Earn at least {t.strong_recent_letters_min.value:.0f} letters from {spec.name} "
            "faculty.",
        )
    if profile.content.activities == "scattered":
        add(
            "specialty",
            9,
            "Research and activities were scattered across specialties.",
            f"Focus new work on {spec.name}, in a department with a residency program.",
        )
    if cycle.programs_ranked < cycle.interviews_attended:
        add(
            "strategy",
            10,
            f"Ranked {cycle.programs_ranked} of {cycle.interviews_attended} programs "
            "interviewed at.",
            "Rank every program you would rather attend than go unmatched.",
        )
    return tuple(sorted(found, key=lambda f: f.importance))


def diagnose(
    academic: LensResult,
    reliability: LensResult,
    findings: tuple[Finding, ...],
    profile: ApplicantProfile,
    today: date,
    ref: Reference,
) -> tuple[DimensionDiagnosis, ...]:
    """R-06 (revised): which of the four dimensions failed, with evidence, most important first.

    Most important = the dimension whose worst finding is most severe (a high lens
    reason 2, a moderate one or an autopsy finding 1, R-23's closed specialty 2);
    ties follow DIMENSION_TIE_ORDER. The number of evidence lines never decides.
    """
    evidence: dict[Dimension, list[str]] = {d: [] for d in DIMENSION_LABELS}
    lens_dimensions: tuple[tuple[LensResult, Dimension], ...] = (
        (academic, "exams"),
        (reliability, "clinical"),
    )
    for lens, dimension in lens_dimensions:
        evidence[dimension] += [r.text for r in lens.reasons if r.level != "low"]
    for finding in findings:
        evidence[finding.dimension].append(finding.message)
    spec = ref.specialty(profile.target_specialty)
    if spec.group == "ultra" and profile.total_failures():
        evidence["specialty"].insert(
            0,
            f"{spec.name} is ultra-competitive; after a failure and "
            "an unmatched cycle it is functionally closed (R-23).",
        )
    elif spec.group == "competitive" and academic.level != "low":
        evidence["specialty"].insert(
            0, f"{spec.name} is competitive for an applicant with {academic.level} academic risk."
        )
    step2 = profile.passing_attempt("step2ck")
    if step2 and step2.score and step2.score < spec.solid_step2ck_bar.value:
        evidence["specialty"].append(
            f"Step 2 CK {step2.score} is below {spec.solid_step2ck_bar.value}, the score "
            f"programs in {spec.name} usually look for."
        )
    severity: dict[Dimension, int] = dict.fromkeys(DIMENSION_LABELS, 0)
    for lens, dimension in lens_dimensions:
        severity[dimension] = max(
            (LEVELS.index(r.level) for r in lens.reasons if r.level != "low"), default=0
        )
    if evidence["specialty"]:
        ultra = spec.group == "ultra" and profile.total_failures()
        severity["specialty"] = max(severity["specialty"], 2 if ultra else 1)
    for finding in findings:
        severity[finding.dimension] = max(severity[finding.dimension], 1)
    order = sorted(DIMENSION_LABELS, key=lambda d: (-severity[d], DIMENSION_TIE_ORDER.index(d)))
    return tuple(
        DimensionDiagnosis(dimension=d, failed=bool(evidence[d]), evidence=tuple(evidence[d]))
        for d in order
    )
