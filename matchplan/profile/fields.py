"""The profile's field types: choices with their labels, role groups, bounded dates.

Kept apart from the models because pages, the year's parts and the planner read
these too (a label, a role group, a date widget's limits) without needing a profile.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator

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
