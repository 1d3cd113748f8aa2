"""The applicant profile: every input of docs/RULES.md §1, validated where it enters.

Each bad input of docs/RULES.md §1 is rejected with a message that names the field,
so the page can show it where it was typed. Checks that need the date (a
graduation in the future, an attempt dated after today) use the ``today``
passed in the validation context; only without it do they read the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import pairwise
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import ErrorDetails

from matchplan.reference import StepId, load_reference
from matchplan.textsafe import quoted

ApplicantType = Literal["us_md", "us_do", "us_img", "non_us_img"]
ExamResult = Literal["pass", "fail", "planned"]
StatementKind = Literal["generic", "targeted", "weak", "addressed_failure"]
ActivitiesRelevance = Literal["relevant", "scattered", "none"]
CurrentRole = Literal[
    "research",
    "research_with_clinical_duties",
    "prelim_or_ty",
    "clinical_job",
    "clinical_assistant_or_scribe",
    "hospitalist_service_assistant",
    "observership",
    "longitudinal_observership",
    "alumni_rotation",
    "non_clinical_job",
    "none",
]
SoapOutcome = Literal["did_not_take_part", "no_position", "ineligible"]
AdvisorView = Literal["optimistic", "cautious", "pessimistic"]

STEP_LABELS: dict[StepId, str] = {"step1": "Step 1", "step2ck": "Step 2 CK", "step3": "Step 3"}
APPLICANT_TYPE_LABELS: dict[ApplicantType, str] = {
    "us_md": "US MD graduate",
    "us_do": "US DO graduate",
    "us_img": "US-citizen IMG",
    "non_us_img": "Non-US IMG",
}
CURRENT_ROLE_LABELS: dict[CurrentRole, str] = {
    "research": "Research",
    "research_with_clinical_duties": "Research fellow with clinical duties",
    "prelim_or_ty": "Prelim or transitional year",
    "clinical_job": "Clinical job",
    "clinical_assistant_or_scribe": "Clinical assistant or scribe",
    "hospitalist_service_assistant": "Hospitalist service assistant",
    "observership": "Observership",
    "longitudinal_observership": "Longitudinal observership (part of the team)",
    "alumni_rotation": "Rotation with alumni of your school",
    "non_clinical_job": "Non-clinical job",
    "none": "None yet",
}
HANDS_ON_ROLES: frozenset[CurrentRole] = frozenset(
    {
        "research_with_clinical_duties",
        "prelim_or_ty",
        "clinical_job",
        "clinical_assistant_or_scribe",
        "hospitalist_service_assistant",
    }
)
"""R-37 (revised): roles with hands-on clinical work; they keep clinical recency current."""
OBSERVER_ROLES: frozenset[CurrentRole] = frozenset(
    {"observership", "longitudinal_observership", "alumni_rotation"}
)
"""R-37 (revised), article section 4.2: observer roles add letters and contacts, not recency."""
IMG_ROLE_OPTIONS: tuple[CurrentRole, ...] = (
    "research_with_clinical_duties",
    "clinical_assistant_or_scribe",
    "hospitalist_service_assistant",
    "longitudinal_observership",
    "alumni_rotation",
)
"""The article's roles for IMGs or applicants with limited access (section 4.2), paid first."""
IMG_TYPES: frozenset[ApplicantType] = frozenset({"us_img", "non_us_img"})

MAX_TEXT = 5000
"""Free text is capped so a pasted novel cannot bloat the plan file."""

# --- the dates MatchPlan can plan with (issue 15, item 2) -------------------------------
# Every date a user or a file supplies is bounded here, so no date that validates can
# break a page: 9999-12-31 plus a study block overflows ``date`` (OverflowError on
# Timeline, Handout, Progress, Scenarios), and a date outside a page's widget range
# crashes that widget. Pages take their widget limits from these constants.
LAST_TARGET_MATCH_YEAR = 2045
"""The latest Match year the app plans for (reference calendars are projected that far)."""
FIRST_MATCH_YEAR = 2015
"""The earliest last cycle the rules apply to (the article's data start there)."""
EARLIEST_GRADUATION = date(1950, 1, 1)
"""Older graduates do re-apply (a 1979 graduate is realistic); before 1950 is a typo."""
EARLIEST_RECORD = date(1990, 1, 1)
"""Exam attempts, letters, practice scores and plan dates: USMLE began in 1992 and ERAS
in 1995, so nothing this app reads about an application predates 1990."""
LATEST_PLANNABLE = date(LAST_TARGET_MATCH_YEAR + 1, 12, 31)
"""Nothing the app plans lies after the last target Match year's season; the margin
keeps all date arithmetic (study blocks, report delays) far from ``date.max``."""


def _bounded(label: str, earliest: date, latest: date) -> AfterValidator:
    """A validator that refuses a date outside [earliest, latest], naming the range."""

    def check(value: date) -> date:
        if not earliest <= value <= latest:
            raise ValueError(
                f"{label} ({value:%d %b %Y}) is outside the dates MatchPlan can plan with: "
                f"{earliest:%d %b %Y} to {latest:%d %b %Y}"
            )
        return value

    return AfterValidator(check)


GraduationDate = Annotated[date, _bounded("the date", EARLIEST_GRADUATION, LATEST_PLANNABLE)]
RecordDate = Annotated[date, _bounded("the date", EARLIEST_RECORD, LATEST_PLANNABLE)]
"""Any application or plan date: an exam, a letter, a cycle event, a practice exam."""


def _known_specialty(value: str) -> str:
    if value not in load_reference().specialty_ids():
        raise ValueError(f"unknown specialty {quoted(value)}")
    return value


SpecialtyId = Annotated[str, AfterValidator(_known_specialty)]


def _today(info: ValidationInfo) -> date:
    context = info.context if isinstance(info.context, dict) else {}
    today = context.get("today")
    return today if isinstance(today, date) else date.today()  # noqa: DTZ011


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class ExamAttempt(_Model):
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


class Letter(_Model):
    """A letter of recommendation used, or to be used, in an application."""

    writer_title: str = Field(title="Writer's title", max_length=120)
    specialty: SpecialtyId = Field(title="Letter specialty")
    written_on: RecordDate = Field(title="Date written")
    us_based: bool = Field(default=True, title="US clinical setting")
    strong: bool = Field(default=True, title="Strong and specific")


class LastCycle(_Model):
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


class ApplicationContent(_Model):
    """The content of last cycle's application (article §2.1)."""

    personal_statement: StatementKind = Field(title="Personal statement")
    letters: tuple[Letter, ...] = Field(default=(), max_length=12, title="Letters")
    activities: ActivitiesRelevance = Field(title="Research, leadership, volunteering")


class ClinicalNow(_Model):
    """Clinical recency and the current role (article §4.2, §5)."""

    months_since_clinical: int = Field(ge=0, le=600, title="Months since hands-on clinical work")
    clinical_us_based: bool = Field(title="Last clinical work was US-based")
    clinical_in_target: bool = Field(title="Last clinical work was in the target specialty")
    current_role: CurrentRole = Field(title="Current or planned role")


class ApplicantProfile(_Model):
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
    def _consistent(self, info: ValidationInfo) -> Self:
        today = _today(info)
        if self.graduation_date > today:
            raise ValueError(
                f"Graduation date ({self.graduation_date:%d %b %Y}) is in the future; "
                "MatchPlan is for graduates"
            )
        _check_exam_history(self.exams, today)
        _check_last_cycle_dates(self.last_cycle, today)
        if self.target_match_year <= self.last_cycle.match_year:
            raise ValueError(
                f"Target Match year ({self.target_match_year}) must come after the last "
                f"cycle's Match year ({self.last_cycle.match_year})"
            )
        opened = submission_day(self.target_match_year)
        if opened < today:
            raise ValueError(
                f"Target Match year ({self.target_match_year}): that cycle is already running "
                f"(applications opened {opened:%d %b %Y}); the earliest cycle that can still "
                f"be planned is the {first_plannable_match_year(today)} Match (R-40)"
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


def submission_day(match_year: int) -> date:
    """The day applications for ``match_year``'s Match can first be submitted (F§1.1)."""
    from matchplan.cycles import cycle_date  # cycles has no profile import; kept local

    return cycle_date(match_year, "submission_opens").date


def first_plannable_match_year(today: date) -> int:
    """R-40 (new): the first Match whose submission day has not passed on ``today``."""
    year = today.year
    while submission_day(year) < today:
        year += 1
    return year


def _check_last_cycle_dates(cycle: LastCycle, today: date) -> None:
    """The last cycle is over: its dates cannot be after today (nor a page's date widget)."""
    for name in ("eras_submitted_on", "letters_uploaded_on", "latest_score_reported_on"):
        when = getattr(cycle, name)
        if when is not None and when > today:
            title = LastCycle.model_fields[name].title
            raise ValueError(
                f"Last cycle – {title} ({when:%d %b %Y}) is after today; the last cycle "
                "is over, so its dates are in the past"
            )


def _check_exam_history(exams: Iterable[ExamAttempt], today: date) -> None:
    """Attempt order, the attempt limit and Step 3 eligibility (docs/RULES.md §1, F§2.2)."""
    limit = int(load_reference().thresholds.attempt_limit.value)
    by_step: dict[StepId, list[ExamAttempt]] = {s: [] for s in STEP_LABELS}
    for attempt in exams:
        by_step[attempt.step].append(attempt)
    pass_dates: dict[StepId, date] = {}
    for step, attempts in by_step.items():
        label = STEP_LABELS[step]
        attempts.sort(key=lambda a: a.exam_date)
        if len(attempts) > limit:
            raise ValueError(
                f"Exam history: {label} has {len(attempts)} attempts; USMLE allows at most "
                f"{limit} per Step, so a fifth attempt is not possible"
            )
        seen_planned = False
        for earlier, later in pairwise(attempts):
            if earlier.exam_date == later.exam_date:
                raise ValueError(
                    f"Exam history: two {label} attempts on {later.exam_date:%d %b %Y}"
                )
        for attempt in attempts:
            when = f"{attempt.exam_date:%d %b %Y}"
            if attempt.result == "planned":
                seen_planned = True
            elif seen_planned:
                raise ValueError(
                    f"Exam history: the {label} attempt on {when} is dated after a planned "
                    "attempt; planned attempts come after the ones already taken"
                )
            elif attempt.exam_date > today:
                raise ValueError(
                    f"Exam history: the {label} attempt on {when} is in the future; "
                    "mark it as planned"
                )
            if step in pass_dates:
                raise ValueError(
                    f"Exam history: the {label} attempt on {when} comes after the passing "
                    f"attempt on {pass_dates[step]:%d %b %Y}; a passed Step is not retaken"
                )
            if attempt.result == "pass":
                pass_dates[step] = attempt.exam_date
    first_step3 = by_step["step3"][0] if by_step["step3"] else None
    if first_step3 is not None:
        prerequisites: tuple[StepId, ...] = ("step1", "step2ck")
        for prerequisite in prerequisites:
            passed_on = pass_dates.get(prerequisite)
            if passed_on is None or passed_on >= first_step3.exam_date:
                raise ValueError(
                    f"Exam history: the Step 3 attempt on {first_step3.exam_date:%d %b %Y} "
                    f"comes before {STEP_LABELS[prerequisite]} is passed; Step 3 needs "
                    "Step 1 and Step 2 CK passed first"
                )


class FieldError(BaseModel):
    """A validation problem in words, with the field path it belongs to."""

    model_config = ConfigDict(frozen=True)

    field: str
    message: str


_ITEM_NAMES = {
    "exams": "Exam attempt",
    "letters": "Letter",
    "specialties_applied": "Specialty",
    "scenarios": "Scenario",
    "program_list": "Program",
    "practice_scores": "Practice score",
    "done": "Milestone",
}


def _label_for(loc: tuple[int | str, ...], root: type[BaseModel]) -> str:
    """A person's name for a pydantic error location, e.g. 'Exam attempt 2 – Score'."""
    parts: list[str] = []
    model: Any = root
    last_key = ""
    for item in loc:
        if isinstance(item, int):
            parts[-1:] = [f"{_ITEM_NAMES.get(last_key, 'Item')} {item + 1}"]
            continue
        last_key = item
        info = getattr(model, "model_fields", {}).get(item)
        if info is None:  # a key the model does not know: quoted, inert, capped
            parts.append(quoted(item))
        else:
            parts.append(info.title or item.replace("_", " "))
        annotation = info.annotation if info is not None else None
        candidates = (annotation, *getattr(annotation, "__args__", ()))
        nested = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        model = nested[0] if nested else None
    return " – ".join(parts)


def field_errors(
    exc: ValidationError | Sequence[ErrorDetails], root: type[BaseModel] | None = None
) -> list[FieldError]:
    """Turn a ValidationError into messages that name the field they are about.

    ``root`` is the model that was validated (the profile unless said otherwise).
    Messages are markdown-safe: any user or file text in them (an unknown key, a
    specialty code) is quoted through ``textsafe.quoted``, so a page can show them
    with ``st.error`` as they are; a table cell or the CLI shows
    ``textsafe.plain_text(message)``. Pass a slice of ``exc.errors()`` to word only
    the first few of a file with thousands of errors.
    """
    root = root or ApplicantProfile
    out: list[FieldError] = []
    errors = exc.errors() if isinstance(exc, ValidationError) else exc
    for err in errors:
        loc = tuple(err["loc"])
        message = str(err["msg"]).removeprefix("Value error, ")
        label = _label_for(loc, root)
        out.append(
            FieldError(
                field=".".join(str(p) for p in loc),
                message=f"{label}: {message}" if label else message,
            )
        )
    return out


def parse_profile(data: Any, today: date) -> ApplicantProfile:
    """Validate raw data (a dict from a form or a JSON file) into a profile."""
    return ApplicantProfile.model_validate(data, context={"today": today})


def _merged(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def with_changes(
    profile: ApplicantProfile, changes: dict[str, Any], today: date
) -> ApplicantProfile:
    """A new profile with some fields changed, fully re-validated (raises ValidationError)."""
    return parse_profile(_merged(profile.model_dump(), changes), today)
