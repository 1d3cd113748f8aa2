"""The applicant profile and its parts, each refusing a bad input where it enters.

A model's checks never depend on the day: a profile valid when saved is valid on
every later day. Checks against today run where a user enters data
(``profile.checks.entry_problems``) and in ``build_plan``.
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from matchplan.frozen import FrozenInput
from matchplan.profile.checks import check_exam_history
from matchplan.profile.fields import (
    FIRST_MATCH_YEAR,
    IMG_TYPES,
    LAST_TARGET_MATCH_YEAR,
    MAX_TEXT,
    STEP_LABELS,
    ActivitiesRelevance,
    AdvisorView,
    ApplicantType,
    CurrentRole,
    ExamResult,
    GraduationDate,
    RecordDate,
    SoapOutcome,
    SpecialtyId,
    StatementKind,
)
from matchplan.reference import StepId, load_reference


class ExamAttempt(FrozenInput):
    """One sitting of a Step: taken (pass / fail) or planned."""

    step: StepId = Field(title="Step")
    exam_date: RecordDate = Field(title="Exam date")
    result: ExamResult = Field(title="Result")
    score: Annotated[int, Field(ge=1, le=300)] | None = Field(
        default=None, title="Score", description="Three-digit score, 1-300, where one is reported."
    )

    @model_validator(mode="after")
    def _score_fits_result(self) -> Self:
        step = STEP_LABELS[self.step]
        if self.result == "planned" and self.score is not None:
            raise ValueError(f"Score: a planned {step} attempt has no score yet")
        pf_from = load_reference().usmle.step1_pass_fail_from.value
        if self.step == "step1" and self.score is not None and self.exam_date >= pf_from:
            raise ValueError(
                f"Score: Step 1 taken on or after {pf_from:%d %b %Y} is reported "
                "pass/fail only; leave the score empty"
            )
        return self


class Letter(FrozenInput):
    """A letter of recommendation used, or to be used, in an application."""

    writer_title: str = Field(title="Writer's title", max_length=120)
    specialty: SpecialtyId = Field(title="Letter specialty")
    written_on: RecordDate = Field(title="Date written")
    us_based: bool = Field(default=True, title="US clinical setting")
    strong: bool = Field(default=True, title="Strong and specific")


class LastCycle(FrozenInput):
    """What happened in the last unsuccessful cycle (article §2.1)."""

    match_year: int = Field(ge=FIRST_MATCH_YEAR, le=2040, title="Match year of the last cycle")
    prior_unsuccessful_cycles: int = Field(default=1, ge=0, le=10, title="Unsuccessful cycles")
    specialties_applied: tuple[SpecialtyId, ...] = Field(
        min_length=1, max_length=4, title="Specialties applied to"
    )
    programs_applied: int = Field(ge=0, le=1000, title="Programs applied to")
    census_divisions: int = Field(ge=1, le=9, title="Census divisions applied in")
    interview_offers: int = Field(ge=0, le=1000, title="Interview offers")
    interviews_attended: int = Field(ge=0, le=1000, title="Interviews attended")
    programs_ranked: int = Field(ge=0, le=1000, title="Programs ranked")
    soap: SoapOutcome = Field(default="did_not_take_part", title="SOAP")
    feedback: str = Field(default="", max_length=MAX_TEXT, title="Explicit feedback received")
    eras_submitted_on: RecordDate | None = Field(default=None, title="ERAS submitted on")
    letters_uploaded_on: RecordDate | None = Field(default=None, title="Last letter uploaded on")
    latest_score_reported_on: RecordDate | None = Field(
        default=None, title="Latest score reported on"
    )

    @model_validator(mode="after")
    def _funnel_narrows(self) -> Self:
        if self.interview_offers > self.programs_applied:
            raise ValueError(
                f"Interview offers ({self.interview_offers}) cannot be more than "
                f"programs applied to ({self.programs_applied})"
            )
        if self.interviews_attended > self.interview_offers:
            raise ValueError(
                f"Interviews attended ({self.interviews_attended}) cannot be more than "
                f"interview offers ({self.interview_offers})"
            )
        if self.programs_ranked > self.interviews_attended:
            raise ValueError(
                f"Programs ranked ({self.programs_ranked}) cannot be more than "
                f"interviews attended ({self.interviews_attended})"
            )
        return self


class ApplicationContent(FrozenInput):
    """The content of last cycle's application (article §2.1)."""

    personal_statement: StatementKind = Field(title="Personal statement")
    letters: tuple[Letter, ...] = Field(default=(), max_length=12, title="Letters")
    activities: ActivitiesRelevance = Field(title="Research, leadership, volunteering")


class ClinicalNow(FrozenInput):
    """Clinical recency and the current role (article §4.2, §5)."""

    months_since_clinical: int = Field(ge=0, le=600, title="Months since hands-on clinical work")
    clinical_us_based: bool = Field(title="Last clinical work was US-based")
    clinical_in_target: bool = Field(title="Last clinical work was in the target specialty")
    current_role: CurrentRole = Field(title="Current or planned role")


class ApplicantProfile(FrozenInput):
    """Everything the autopsy and the risk tiers read (docs/RULES.md §1)."""

    display_name: str = Field(default="", max_length=120, title="Name (optional)")
    applicant_type: ApplicantType = Field(title="Applicant type")
    graduation_date: GraduationDate = Field(title="Graduation date")
    needs_visa: bool = Field(default=False, title="Needs visa sponsorship")
    ecfmg_certified: bool = Field(default=False, title="ECFMG certified")
    exams: tuple[ExamAttempt, ...] = Field(default=(), max_length=16, title="Exam history")
    target_specialty: SpecialtyId = Field(title="Target specialty")
    target_match_year: int = Field(
        ge=FIRST_MATCH_YEAR + 1, le=LAST_TARGET_MATCH_YEAR, title="Target Match year"
    )
    last_cycle: LastCycle = Field(title="Last cycle")
    content: ApplicationContent = Field(title="Application content")
    clinical: ClinicalNow = Field(title="Clinical work now")
    advisor_view: AdvisorView | None = Field(default=None, title="Advisor's view (R-20)")
    advisor_notes: str = Field(default="", max_length=MAX_TEXT, title="Advisor notes")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        check_exam_history(self.exams)
        if self.target_match_year <= self.last_cycle.match_year:
            raise ValueError(
                f"Target Match year ({self.target_match_year}) must come after the last "
                f"cycle's Match year ({self.last_cycle.match_year})"
            )
        return self

    def attempts(self, step: StepId) -> tuple[ExamAttempt, ...]:
        """Taken attempts (pass or fail) at one Step, oldest first."""
        return tuple(
            sorted(
                (a for a in self.exams if a.step == step and a.result != "planned"),
                key=lambda a: a.exam_date,
            )
        )

    def planned(self, step: StepId) -> tuple[ExamAttempt, ...]:
        return tuple(
            sorted(
                (a for a in self.exams if a.step == step and a.result == "planned"),
                key=lambda a: a.exam_date,
            )
        )

    def failures(self, step: StepId) -> int:
        return sum(1 for a in self.attempts(step) if a.result == "fail")

    def total_failures(self) -> int:
        return sum(self.failures(s) for s in STEP_LABELS)

    def passing_attempt(self, step: StepId) -> ExamAttempt | None:
        return next((a for a in self.attempts(step) if a.result == "pass"), None)

    def passed(self, step: StepId) -> bool:
        return self.passing_attempt(step) is not None

    @property
    def is_img(self) -> bool:
        return self.applicant_type in IMG_TYPES

    def step3_missing(self) -> tuple[str, ...]:
        """R-35 (revised, F§2.5): what stands between the applicant and Step 3 eligibility."""
        missing = [f"{STEP_LABELS[s]} passed" for s in ("step1", "step2ck") if not self.passed(s)]
        if self.is_img and not self.ecfmg_certified:
            missing.append("ECFMG certification")
        return tuple(missing)
