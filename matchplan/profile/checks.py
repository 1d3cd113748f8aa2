"""Cross-field checks of a profile (docs/RULES.md §1, F§2.2, R-40).

Two kinds, kept apart so a saved plan opens on any later day:

- ``check_exam_history``: invariants that never change with time (attempt order,
  the attempt limit, Step 3 after Steps 1 and 2). The profile's validator calls it.
- ``entry_problems``: checks against today (no taken exam or last-cycle date in the
  future, R-40's target cycle still ahead). They run where a user enters data
  (``parse_profile``, ``with_changes``), on the values entered, never when a model
  is built or a file is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from matchplan.profile.fields import STEP_LABELS
from matchplan.reference import StepId, load_reference

if TYPE_CHECKING:  # models imports these checks; the annotation needs no import at run time
    from matchplan.profile.models import ApplicantProfile, ExamAttempt


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


def check_exam_history(exams: Iterable[ExamAttempt]) -> None:
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


def entry_problems(
    profile: ApplicantProfile, today: date, before: ApplicantProfile | None = None
) -> tuple[str, ...]:
    """What ``today`` refuses among the values just entered (docs/RULES.md §1, R-40).

    A taken exam, the graduation or a last-cycle date cannot be after today, and a
    target (Match year or specialty) cannot be chosen for a cycle whose submission
    day has passed (R-40 revised).
    Only values that differ from ``before`` (the profile being edited; None for a new
    one) are checked, so a plan saved on one day is never refused on a later day for
    what it already held: its cycle may be running, which is when it is needed most.
    """
    problems: list[str] = []
    if (before is None or profile.graduation_date != before.graduation_date) and (
        profile.graduation_date > today
    ):
        problems.append(
            f"Graduation date ({profile.graduation_date:%d %b %Y}) is in the future; "
            "MatchPlan is for graduates"
        )
    kept = set() if before is None else set(before.exams)
    for attempt in profile.exams:
        if attempt in kept or attempt.result == "planned" or attempt.exam_date <= today:
            continue
        problems.append(
            f"Exam history: the {STEP_LABELS[attempt.step]} attempt on "
            f"{attempt.exam_date:%d %b %Y} is in the future; mark it as planned"
        )
    problems += _future_last_cycle_dates(profile, before, today)
    chosen = before is None or (profile.target_match_year, profile.target_specialty) != (
        before.target_match_year,
        before.target_specialty,
    )
    if chosen:
        opened = submission_day(profile.target_match_year)
        if opened < today:
            problems.append(
                f"Target Match year ({profile.target_match_year}): that cycle is already "
                f"running (applications opened {opened:%d %b %Y}); the earliest cycle that "
                f"can still be planned is the {first_plannable_match_year(today)} Match (R-40)"
            )
    return tuple(problems)


def _future_last_cycle_dates(
    profile: ApplicantProfile, before: ApplicantProfile | None, today: date
) -> list[str]:
    """The last cycle is over: a date entered for it cannot be after today."""
    from matchplan.profile.models import LastCycle  # models imports this module

    out = []
    for name in ("eras_submitted_on", "letters_uploaded_on", "latest_score_reported_on"):
        when = getattr(profile.last_cycle, name)
        was = None if before is None else getattr(before.last_cycle, name)
        if when is not None and when != was and when > today:
            title = LastCycle.model_fields[name].title
            out.append(
                f"Last cycle – {title} ({when:%d %b %Y}) is after today; the last cycle "
                "is over, so its dates are in the past"
            )
    return out
