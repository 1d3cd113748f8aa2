"""How programs read the applicant: the three risk lenses, the autopsy, the view.

Implements docs/RULES.md R-01 to R-07 and R-20. Every level carries the reasons
that set it (rule id, input field, words) and what would lower it; every
finding carries its evidence and a fix. Pure: the date comes in as ``today``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from matchplan.cycles import cycle_date
from matchplan.profile import HANDS_ON_ROLES, STEP_LABELS, ApplicantProfile
from matchplan.reference import Level, Reference, Specialty, load_reference

Lens = Literal["academic", "reliability", "bandwidth"]
Dimension = Literal["exams", "clinical", "specialty", "strategy"]
View = Literal["optimistic", "cautious", "pessimistic"]

LEVELS: tuple[Level, ...] = ("low", "moderate", "high")
LENS_QUESTIONS: dict[Lens, str] = {
    "academic": "Will this person pass boards on time?",
    "reliability": "Will this person finish residency without delays?",
    "bandwidth": "Will this person need more faculty time than we can give?",
}
DIMENSION_LABELS: dict[Dimension, str] = {
    "exams": "Exam history",
    "clinical": "Clinical performance and letters",
    "specialty": "Specialty realism",
    "strategy": "Application strategy",
}
DIMENSION_TIE_ORDER: tuple[Dimension, ...] = ("exams", "specialty", "clinical", "strategy")
"""R-06 (revised): the fixed order that breaks ties of severity."""
VIEW_PATHS: dict[View, str] = {
    "optimistic": "Stay in the specialty with heavy, documented remediation",
    "cautious": "Same specialty, re-targeted at less competitive programs and places",
    "pessimistic": "Pivot specialty, or weigh careers outside residency",
}


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Reason(_Result):
    """Why a level was set: the rule, the input that caused it, in words."""

    rule: str
    field: str
    text: str
    level: Level = "moderate"
    sources: tuple[str, ...] = ()  # source ids of any outside number in the text


class LensResult(_Result):
    lens: Lens
    level: Level
    reasons: tuple[Reason, ...]
    would_lower: tuple[str, ...]


class Finding(_Result):
    """One autopsy finding (R-07): what went wrong, the evidence, the fix."""

    rule: str
    dimension: Dimension
    message: str
    fix: str
    importance: int  # lower is more important
    sources: tuple[str, ...] = ()
    topic: str = ""  # "program_count" for R-50/R-51's count, replaced by the plan's total


class DimensionDiagnosis(_Result):
    """R-06: one of the four dimensions of the 'unmatched' label."""

    dimension: Dimension
    failed: bool
    evidence: tuple[str, ...]


class ViewProposal(_Result):
    """R-20: the proposed advisor view, its reasons, and the advisor's override."""

    proposed: View
    reasons: tuple[Reason, ...]
    advisor_override: View | None

    @property
    def effective(self) -> View:
        return self.advisor_override or self.proposed


class HoldCondition(_Result):
    """One of R-24's conditions for reapplying past 5 years from graduation."""

    condition: str
    met: bool
    detail: str


class Hold(_Result):
    """R-24 (revised): "not yet" - the unmet conditions and the proposed target cycle."""

    rule: str = "R-24"
    years_since_graduation: float
    conditions: tuple[HoldCondition, ...]
    proposed_match_year: int
    reasons: tuple[Reason, ...]

    @property
    def unmet(self) -> tuple[HoldCondition, ...]:
        return tuple(c for c in self.conditions if not c.met)


class Assessment(_Result):
    academic: LensResult
    reliability: LensResult
    bandwidth: LensResult
    overall: Level
    overall_reasons: tuple[Reason, ...]
    diagnosis: tuple[DimensionDiagnosis, ...]
    findings: tuple[Finding, ...]
    view: ViewProposal
    hold: Hold | None = None

    @property
    def lenses(self) -> tuple[LensResult, LensResult, LensResult]:
        return (self.academic, self.reliability, self.bandwidth)

    def next_actions(self, count: int = 3, program_total: int | None = None) -> tuple[str, ...]:
        """The first things to do: levers of high lenses, then the top fixes, then the rest.

        ``program_total`` is the program plan's total (``ProgramPlan.total.min``, the
        dual split summed, R-52 revised): when given, the program-count action uses it
        instead of the single-specialty floor the autopsy compared last cycle with.
        """
        by_severity = sorted(self.lenses, key=_severity)
        high = [lever for lens in by_severity if lens.level == "high" for lever in lens.would_lower]
        rest = [lever for lens in by_severity if lens.level != "high" for lever in lens.would_lower]
        fixes = [
            program_count_action(program_total)
            if f.topic == "program_count" and program_total is not None
            else f.fix
            for f in self.findings
        ]
        ordered = high + fixes + rest
        return tuple(dict.fromkeys(ordered))[:count]


def program_count_action(total: int) -> str:
    """R-50..R-52: the next action for the program count, with the plan's total."""
    return f"Apply to at least {total} programs in all this cycle."


def _severity(lens: LensResult) -> int:
    return -LEVELS.index(lens.level)


def worst(levels: list[Level]) -> Level:
    return max(levels, key=LEVELS.index, default="low")


def _lens(
    lens: Lens, reasons: list[Reason], would_lower: list[str], level: Level | None = None
) -> LensResult:
    return LensResult(
        lens=lens,
        level=level or worst([r.level for r in reasons]),
        reasons=tuple(sorted(reasons, key=lambda r: -LEVELS.index(r.level))),
        would_lower=tuple(dict.fromkeys(would_lower)),
    )


def application_day(profile: ApplicantProfile, today: date, ref: Reference) -> date:
    """The day programs will read the new application: the target cycle's submission day."""
    return max(today, cycle_date(profile.target_match_year, "submission_opens", ref).date)


def years_between(start: date, end: date) -> float:
    return (end - start).days / 365.25


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
                    text=f"Step 2 CK {step2.score} is below the solid bar for {spec.name} ({bar}).",
                    sources=(spec.solid_step2ck_bar.source,),
                )
            )
        elif failures == 0:
            reasons.append(
                Reason(
                    rule="R-01",
                    field="exams",
                    level="low",
                    text=f"No failed attempt and Step 2 CK {step2.score} at or above the "
                    f"solid bar for {spec.name} ({bar}).",
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


def overall_tier(
    lenses: tuple[LensResult, ...], profile: ApplicantProfile
) -> tuple[Level, tuple[Reason, ...]]:
    """R-04: the worst lens; never below moderate with a failure and an unmatched cycle."""
    level = worst([lens.level for lens in lenses])
    worst_lens = max(lenses, key=lambda lens: LEVELS.index(lens.level))
    reasons = [
        Reason(
            rule="R-04",
            field=worst_lens.lens,
            level=level,
            text=f"The overall tier is the worst lens: {worst_lens.lens} is {worst_lens.level}.",
        )
    ]
    if level == "low" and profile.total_failures() and profile.last_cycle.prior_unsuccessful_cycles:
        level = "moderate"
        reasons.append(
            Reason(
                rule="R-04",
                field="exams",
                level="moderate",
                text="A failed attempt plus an unmatched cycle is never below "
                "moderate: apply more broadly than a low-risk applicant.",
            )
        )
    return level, tuple(reasons)


def recommended_program_floor(
    level: Level, specialty_id: str, ref: Reference, *, img: bool = False
) -> int:
    """R-50/R-51 (revised): the fewest programs to apply to (specialty range first).

    R-51's range applies to every IMG whatever the tier and to high-tier US
    graduates; R-50's tier count elsewhere. Never below R-50's count for the tier.
    """
    ranges = ref.program_counts.high_risk_ranges
    tier = ref.program_counts.for_level(level).value
    if (level == "high" or img) and specialty_id in ranges:
        span = ranges[specialty_id]
        return span.low if level == "high" else max(span.low, tier)
    return tier


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
            f"Step 2 CK {step2.score} is below {spec.name}'s solid bar "
            f"({spec.solid_step2ck_bar.value})."
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


def assess(profile: ApplicantProfile, today: date, ref: Reference | None = None) -> Assessment:
    """The whole reading of one applicant: lenses, tier, diagnosis, findings, view."""
    ref = ref or load_reference()
    academic = academic_risk(profile, today, ref)
    reliability = reliability_risk(profile, today, ref)
    bandwidth = bandwidth_risk(profile, ref)
    overall, overall_reasons = overall_tier((academic, reliability, bandwidth), profile)
    findings = autopsy_findings(profile, overall, ref)
    return Assessment(
        academic=academic,
        reliability=reliability,
        bandwidth=bandwidth,
        overall=overall,
        overall_reasons=overall_reasons,
        diagnosis=diagnose(academic, reliability, findings, profile, today, ref),
        findings=findings,
        view=propose_view(profile, overall, today, ref),
        hold=reapplication_hold(profile, today, ref),
    )


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"
