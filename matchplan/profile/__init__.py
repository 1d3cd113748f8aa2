"""The applicant profile: every input of docs/RULES.md §1, validated where it enters.

Each bad input of docs/RULES.md §1 is rejected with a message that names the field,
so the page can show it where it was typed. A model's checks never depend on the
day; checks against today (a graduation in the future, an attempt dated after
today, R-40's running cycle) run on what a user enters (``parse_profile``,
``with_changes``), so a saved file opens on any later day.

The package splits the profile by concern: ``fields`` (the choices, labels and
bounded field types), ``models`` (the profile and its parts), ``checks`` (the
cross-field checks, timeless and against today) and ``validation`` (raw data in, field-named
messages out). Every public name is re-exported here.
"""

from __future__ import annotations

from matchplan.profile.checks import entry_problems, first_plannable_match_year, submission_day
from matchplan.profile.fields import (
    APPLICANT_TYPE_LABELS,
    CURRENT_ROLE_LABELS,
    EARLIEST_GRADUATION,
    EARLIEST_RECORD,
    FIRST_MATCH_YEAR,
    HANDS_ON_ROLES,
    IMG_ROLE_OPTIONS,
    IMG_TYPES,
    LAST_TARGET_MATCH_YEAR,
    LATEST_PLANNABLE,
    MAX_TEXT,
    OBSERVER_ROLES,
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
from matchplan.profile.models import (
    ApplicantProfile,
    ApplicationContent,
    ClinicalNow,
    ExamAttempt,
    LastCycle,
    Letter,
)
from matchplan.profile.validation import (
    FieldError,
    changed_profile,
    field_errors,
    parse_profile,
    with_changes,
)

__all__ = [
    "APPLICANT_TYPE_LABELS",
    "CURRENT_ROLE_LABELS",
    "EARLIEST_GRADUATION",
    "EARLIEST_RECORD",
    "FIRST_MATCH_YEAR",
    "HANDS_ON_ROLES",
    "IMG_ROLE_OPTIONS",
    "IMG_TYPES",
    "LAST_TARGET_MATCH_YEAR",
    "LATEST_PLANNABLE",
    "MAX_TEXT",
    "OBSERVER_ROLES",
    "STEP_LABELS",
    "ActivitiesRelevance",
    "AdvisorView",
    "ApplicantProfile",
    "ApplicantType",
    "ApplicationContent",
    "ClinicalNow",
    "CurrentRole",
    "ExamAttempt",
    "ExamResult",
    "FieldError",
    "GraduationDate",
    "LastCycle",
    "Letter",
    "RecordDate",
    "SoapOutcome",
    "SpecialtyId",
    "StatementKind",
    "changed_profile",
    "entry_problems",
    "field_errors",
    "first_plannable_match_year",
    "parse_profile",
    "submission_day",
    "with_changes",
]
