"""Is there enough in a profile to assess it? (issue 12, item 2)

A blank profile, or one whose exam history and last cycle were never entered,
would otherwise be read as bad news: "Step 1 not yet passed", "applied to 0
programs", High risk on every lens. No risk tier is shown for such a profile;
the pages say what is missing and where to enter it instead.

Pure: reads the profile only.
"""

from __future__ import annotations

from dataclasses import dataclass

from matchplan.profile import ApplicantProfile


@dataclass(frozen=True, slots=True)
class Missing:
    """One input the assessment needs and the profile does not hold yet."""

    what: str
    why: str


def missing_inputs(profile: ApplicantProfile) -> tuple[Missing, ...]:
    """What must be entered before MatchPlan reads the profile as programs would.

    Incomplete means: no exam attempt at all (every applicant who went through a
    Match cycle sat at least one Step), or no programs applied to last cycle
    (MatchPlan is for applicants who went unmatched, so a zero means "not
    entered"). Either one alone is enough to withhold the tiers, since each lens
    would read the empty field as a failure.
    """
    missing: list[Missing] = []
    if not profile.exams:
        missing.append(
            Missing(
                "Exam history",
                "each Step you sat, with its date, result and score",
            )
        )
    if profile.last_cycle.programs_applied == 0:
        missing.append(
            Missing(
                "Last cycle",
                "how many programs you applied to, interviews and programs ranked",
            )
        )
    return tuple(missing)


def is_incomplete(profile: ApplicantProfile) -> bool:
    """True when the profile cannot be assessed yet (see ``missing_inputs``)."""
    return bool(missing_inputs(profile))
