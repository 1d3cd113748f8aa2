"""R-44: carry a plan whose cycle ended unmatched into a new plan for the next Match.

The new plan is a new file: the cycle just ended becomes its "last cycle" (the
numbers the applicant entered for it, and one more unsuccessful cycle), every
exam attempt is kept, and the target moves to the next Match that can still be
planned. Nothing is carried as a verdict: ``build_plan`` weighs the new plan
afresh, so R-24's hold and R-25's other careers see the second unmatched cycle.
The old plan is not changed.
"""

from __future__ import annotations

from datetime import date

from matchplan.plan.build import new_plan
from matchplan.plan.result import PlanResult
from matchplan.planfile import PlanFile
from matchplan.profile import first_plannable_match_year, with_changes

CARRIED = (
    "program_list",
    "statement",
    "networking",
    "email_draft",
    "week",
    "family_script",
    "interview_answer",
    "wellbeing",
    "clinical_outputs",
)
"""The applicant's own work that serves the next cycle too; the cycle's choices
(timeline, what-ifs, path, program choices, progress, SOAP, outcome) start afresh."""


class NextCycleError(ValueError):
    """Why the next cycle cannot be planned yet, in words for the applicant."""


def next_cycle_plan(result: PlanResult, today: date) -> PlanFile:
    """R-44: a new plan for the next Match from a plan whose cycle ended unmatched.

    Raises NextCycleError before Match Day, while the outcome is not "not matched",
    or while the cycle's numbers are not all entered (they become the new plan's
    last cycle).
    """
    if result.standing.phase != "after_match":
        match_day = result.timeline.calendar["match_day"]
        raise NextCycleError(
            f"The {result.timeline.match_year} Match is not over yet (Match Day "
            f"{match_day:%d %b %Y}): the next cycle is planned after it."
        )
    outcome = result.plan.outcome
    if outcome is None or outcome.result != "not_matched":
        raise NextCycleError(
            "The next cycle is planned from a cycle that ended unmatched: record the "
            "outcome as not matched first."
        )
    missing = outcome.missing_counts()
    if missing:
        raise NextCycleError(
            f"Enter this cycle's numbers first ({', '.join(missing)}): they become the new "
            "plan's last cycle."
        )
    profile = result.profile
    ended = profile.target_match_year
    last_cycle = {
        "match_year": ended,
        "prior_unsuccessful_cycles": profile.last_cycle.prior_unsuccessful_cycles + 1,
        "specialties_applied": [part.specialty_id for part in result.programs.parts],
        "programs_applied": outcome.programs_applied,
        "interview_offers": outcome.interview_offers,
        "interviews_attended": outcome.interviews_attended,
        "programs_ranked": outcome.programs_ranked,
        "soap": outcome.soap or "did_not_take_part",
        "feedback": "",
        "eras_submitted_on": None,
        "letters_uploaded_on": None,
        "latest_score_reported_on": None,
    }
    target = max(ended + 1, first_plannable_match_year(today))
    carried = with_changes(
        profile,
        {"last_cycle": last_cycle, "target_match_year": target, "advisor_view": None},
        today,
    )
    fresh = new_plan(carried, today)
    return fresh.model_copy(update={name: getattr(result.plan, name) for name in CARRIED})
