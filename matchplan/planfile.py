"""The plan file: everything the applicant keeps between sessions, as one JSON file.

No data is stored on the server: the applicant downloads this file and loads
it again. Loading validates everything before anything changes, so a
malformed, truncated, oversized, wrong-version or hostile file gets a clear
message and the plan on screen stays exactly as it was.

Schema versions:
- 1: a bare ApplicantProfile object (the CLI and example format of issue 2);
- 2: the whole plan with ``schema_version``;
- 3: adds ``programs`` (the Programs page's choices: tier, second specialty,
  what-if count, interview target and yield), so every choice a page offers is
  kept in the file.
- 4: adds the whole year (issue 13): ``advisors`` (R-80), ``clinical_outputs``
  (R-81), ``study_plan`` (R-82), ``prelim`` (R-83), ``interview_answer`` (R-84),
  ``wellbeing`` (R-85) and ``soap`` (R-86), each empty in an older file.
- 5: adds ``outcome`` (how the cycle ended, R-44) and ``progress.not_done`` (past
  milestones answered "not done", R-43), both empty in an older file.
Older versions load through ``migrate``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from itertools import islice
from typing import Any, Final, Literal

from pydantic import Field, ValidationError

from matchplan.frozen import Frozen, FrozenInput
from matchplan.narrative import StatementWorkspace
from matchplan.networking import NetworkingTable
from matchplan.pathway import Path
from matchplan.profile import (
    FIRST_MATCH_YEAR,
    LAST_TARGET_MATCH_YEAR,
    MAX_TEXT,
    ApplicantProfile,
    RecordDate,
    SpecialtyId,
    changed_profile,
    entry_problems,
    field_errors,
)
from matchplan.programs import ProgramRow
from matchplan.progress import Progress
from matchplan.textsafe import quoted
from matchplan.timeline import TimelinePlan
from matchplan.week import WeekPlan
from matchplan.whatif import WhatIf
from matchplan.year import (
    AdvisorLog,
    ClinicalOutputs,
    CycleOutcome,
    InterviewAnswer,
    PrelimPlan,
    SoapPlan,
    StudyPlan,
    WellbeingPlan,
)

SCHEMA_VERSION: Final = 5
MAX_PLAN_BYTES = 2_000_000
"""A real plan is tens of kilobytes. The app's uploader takes ``server.maxUploadSize``
(2) megabytes, which the page counts as 10**6 bytes each (2**20 on Windows, and on the
server): so the page, the core and the CLI all stop at the same byte."""
MAX_SCENARIOS = 3
MAX_OBJECT_KEYS = 200
"""No object in a plan has more than a few dozen keys (the profile has 13, a program row 6)."""
MAX_LIST_ITEMS = 2000
"""The longest list in a plan is the program list (2000 rows)."""
SHOWN_ERRORS = 5
"""A refusal lists this many problems and counts the rest."""


class Scenario(FrozenInput):
    """A named variant of the plan, compared side by side (issue 6)."""

    name: str = Field(min_length=1, max_length=60, title="Scenario name")
    target_specialty: SpecialtyId = Field(title="Target specialty")
    target_match_year: int = Field(
        ge=FIRST_MATCH_YEAR + 1, le=LAST_TARGET_MATCH_YEAR, title="Target Match year"
    )
    timeline: TimelinePlan = Field(default_factory=TimelinePlan)
    what_if: WhatIf = Field(default_factory=WhatIf)


class ProgramChoices(Frozen):
    """What the user chose on the Programs page; None follows MatchPlan's proposal."""

    tier: Literal["assessed", "risk_what_if", "low", "moderate", "high"] = Field(
        default="assessed", title="Risk tier for the count"
    )
    second_specialty: SpecialtyId | Literal["none"] | None = Field(
        default=None, title="Second specialty (dual application)"
    )
    what_if_count: int | None = Field(default=None, ge=0, le=1000, title="What-if programs")
    interview_target: int | None = Field(default=None, ge=1, le=40, title="Interviews to aim for")
    yield_percent: float | None = Field(default=None, ge=0, le=100, title="Interview yield (%)")


class PlanFile(Frozen):
    """One applicant's whole plan, as saved to and loaded from a file."""

    schema_version: Literal[5] = SCHEMA_VERSION
    saved_on: RecordDate
    profile: ApplicantProfile = Field(title="Profile")
    timeline: TimelinePlan = Field(default_factory=TimelinePlan)
    what_if: WhatIf = Field(default_factory=WhatIf)
    path_override: Path | None = None
    program_list: tuple[ProgramRow, ...] = Field(default=(), max_length=2000)
    statement: StatementWorkspace = Field(default_factory=StatementWorkspace)
    networking: NetworkingTable = Field(default_factory=NetworkingTable)
    email_draft: str = Field(default="", max_length=MAX_TEXT * 4)
    week: WeekPlan | None = None
    family_script: str | None = Field(default=None, max_length=MAX_TEXT)
    scenarios: tuple[Scenario, ...] = Field(default=(), max_length=MAX_SCENARIOS)
    progress: Progress = Field(default_factory=Progress)
    programs: ProgramChoices = Field(default_factory=ProgramChoices)
    advisors: AdvisorLog = Field(default_factory=AdvisorLog)
    clinical_outputs: ClinicalOutputs = Field(default_factory=ClinicalOutputs)
    study_plan: StudyPlan = Field(default_factory=StudyPlan)
    prelim: PrelimPlan = Field(default_factory=PrelimPlan)
    interview_answer: InterviewAnswer = Field(default_factory=InterviewAnswer)
    wellbeing: WellbeingPlan = Field(default_factory=WellbeingPlan)
    soap: SoapPlan = Field(default_factory=SoapPlan)
    outcome: CycleOutcome | None = None


class PlanLoadError(ValueError):
    """Why a file could not be loaded, in words for the person who chose it.

    ``problems`` lists the field messages one by one (the CLI prints a line each).
    """

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


def _from_v1(data: dict[str, Any], today: date) -> dict[str, Any]:
    """Version 1 was a bare profile: wrap it as a plan saved today."""
    return {"schema_version": 2, "saved_on": today.isoformat(), "profile": data}


def _from_v2(data: dict[str, Any], today: date) -> dict[str, Any]:
    """Version 3 adds the Programs page's choices; a version 2 file had none."""
    return {**data, "schema_version": 3}


def _from_v3(data: dict[str, Any], today: date) -> dict[str, Any]:
    """Version 4 adds the whole year's parts (issue 13); a version 3 file had none."""
    return {**data, "schema_version": 4}


def _from_v4(data: dict[str, Any], today: date) -> dict[str, Any]:
    """Version 5 adds the cycle's outcome and "not done" answers; a version 4 file had none."""
    return {**data, "schema_version": 5}


MIGRATIONS: dict[int, Callable[[dict[str, Any], date], dict[str, Any]]] = {
    1: _from_v1,
    2: _from_v2,
    3: _from_v3,
    4: _from_v4,
}


def file_version(data: dict[str, Any]) -> int:
    """The schema version a file declares (a bare profile is version 1)."""
    if "schema_version" not in data:
        return 1 if "applicant_type" in data else 0
    version = data["schema_version"]
    return version if isinstance(version, int) and not isinstance(version, bool) else -1


def migrate(data: dict[str, Any], today: date) -> dict[str, Any]:
    """Bring an older file up to the current schema, one version at a time."""
    version = file_version(data)
    if version == SCHEMA_VERSION:
        return data
    if version > SCHEMA_VERSION:
        raise PlanLoadError(
            f"This plan was saved by a newer MatchPlan (schema version {version}); "
            f"this one reads up to version {SCHEMA_VERSION}."
        )
    if version not in MIGRATIONS:
        raise PlanLoadError("This file is not a MatchPlan plan (no schema version, no profile).")
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data, today)
        version = file_version(data)
    return data


def check_shape(data: object) -> None:
    """Refuse a document no plan could be before validating it (issue 15, item 6).

    pydantic reports every error of a file, and naming 134 000 unknown keys took
    seconds of CPU per upload; a plan's objects have at most a few dozen keys and
    its longest list 2000 items, so one walk over the document (iterative, linear,
    no formatting) refuses an oversized object or list at once, naming its size
    and its first few keys.
    """
    stack: list[object] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if len(value) > MAX_OBJECT_KEYS:
                names = ", ".join(quoted(str(k)) for k in islice(value, SHOWN_ERRORS))
                raise PlanLoadError(
                    f"The file has an object with {len(value):,} keys ({names}, ...); no part "
                    f"of a plan has more than {MAX_OBJECT_KEYS}. Is it the right file?"
                )
            stack.extend(value.values())
        elif isinstance(value, list):
            if len(value) > MAX_LIST_ITEMS:
                raise PlanLoadError(
                    f"The file has a list of {len(value):,} items; no list in a plan has more "
                    f"than {MAX_LIST_ITEMS}. Is it the right file?"
                )
            stack.extend(value)


def _refusal(exc: ValidationError) -> PlanLoadError:
    """The first SHOWN_ERRORS problems in words, and how many more (formats only those)."""
    count = exc.error_count()
    first = exc.errors(include_url=False, include_input=False)[:SHOWN_ERRORS]
    messages = tuple(e.message for e in field_errors(first, PlanFile))
    more = f" (and {count - len(first):,} more)" if count > len(first) else ""
    return PlanLoadError(
        f"The plan has invalid values: {'; '.join(messages)}{more}.", problems=messages
    )


def load_plan(raw: bytes, today: date) -> PlanFile:
    """Validate a plan file completely, or raise PlanLoadError saying what is wrong.

    A whole plan is never refused for the day it is read on (R-40 revised): a plan
    saved in December opens through its Match Day and after. A bare profile
    (version 1) has no plan yet: it chooses its target today, so its dates are
    checked against ``today`` as the intake checks them (``entry_problems``).
    """
    if len(raw) > MAX_PLAN_BYTES:
        raise PlanLoadError(
            f"The file is larger than {MAX_PLAN_BYTES // 10**6} MB; a plan file is "
            "tens of kilobytes. Is it the right file?"
        )
    if not raw.strip():
        raise PlanLoadError("The file is empty.")
    try:
        text = raw.decode("utf-8-sig")  # Windows editors add a byte-order mark
    except UnicodeDecodeError as exc:
        raise PlanLoadError("The file is not UTF-8 text; a plan file is JSON.") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanLoadError(
            f"The file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "it may be truncated."
        ) from exc
    except RecursionError as exc:
        raise PlanLoadError("The file is nested too deeply to be a plan file.") from exc
    except ValueError as exc:  # e.g. an integer longer than Python's 4300-digit limit
        raise PlanLoadError(f"The file is not valid JSON ({exc}).") from exc
    if not isinstance(data, dict):
        raise PlanLoadError("The file's top level is not a JSON object, so it is not a plan.")
    check_shape(data)
    bare_profile = file_version(data) == 1
    data = migrate(data, today)
    try:
        plan = PlanFile.model_validate(data)
    except ValidationError as exc:
        raise _refusal(exc) from exc
    if bare_profile:  # a profile alone chooses its target now, as the intake does
        problems = entry_problems(plan.profile, today)
        if problems:
            shown = "; ".join(problems)
            raise PlanLoadError(f"The profile cannot be planned: {shown}.", problems)
    for scenario in plan.scenarios:
        # Each scenario is run on the profile with its target: it must fit that profile.
        # Only the model's own checks: a file is never refused for the day it is read on.
        try:
            changed_profile(
                plan.profile,
                {
                    "target_specialty": scenario.target_specialty,
                    "target_match_year": scenario.target_match_year,
                },
            )
        except ValidationError as exc:
            shown = "; ".join(e.message for e in field_errors(exc))
            raise PlanLoadError(
                f"The scenario {quoted(scenario.name)} does not fit the profile: {shown}."
            ) from exc
    return plan


def dump_plan(plan: PlanFile) -> bytes:
    """The plan as pretty JSON, ready to download."""
    return plan.model_dump_json(indent=2).encode("utf-8")
