"""Cross-field checks that need today (docs/RULES.md §1, F§2.2, R-40).

The exam history's order, attempt limit and Step 3 prerequisites, and the first
Match that can still be planned: each a function the profile's validator calls,
so a rule reads as one piece rather than as part of a long validator.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

from matchplan.profile.fields import STEP_LABELS
from matchplan.reference import StepId, load_reference

if TYPE_CHECKING:  # models imports these checks; the annotation needs no import at run time
    from matchplan.profile.models import ExamAttempt


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


def check_exam_history(exams: Iterable[ExamAttempt], today: date) -> None:
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
