"""The user's program choices resolved against the rules (R-21, R-52).

Which tier sizes the list, and whether a second specialty is applied to in
parallel and which one; build_plan and the Programs page ask the same functions.
"""

from __future__ import annotations

from matchplan.assessment import Assessment
from matchplan.pathway import Pathway
from matchplan.planfile import ProgramChoices
from matchplan.profile import ApplicantProfile
from matchplan.programs import dual_advised
from matchplan.reference import Level, Reference


def program_level(choices: ProgramChoices, result: Assessment, what_if: Assessment) -> Level:
    """The tier that sizes the list: assessed unless the user picked a what-if tier."""
    if choices.tier == "assessed":
        return result.overall
    if choices.tier == "risk_what_if":
        return what_if.overall
    return choices.tier


def dual_application(level: Level, profile: ApplicantProfile, ref: Reference) -> bool:
    """R-52 with revised R-21: whether a second specialty is applied to in parallel."""
    spec = ref.specialty(profile.target_specialty)
    return dual_advised(level, spec, ref, failed=profile.total_failures() > 0)


def second_specialty(
    choices: ProgramChoices, level: Level, path: Pathway, profile: ApplicantProfile, ref: Reference
) -> str | None:
    """R-52: the second specialty of a dual application (the user's pick, else proposed)."""
    target_id = profile.target_specialty
    if not dual_application(level, profile, ref):
        return None
    if choices.second_specialty == "none":
        return None
    if choices.second_specialty is not None and choices.second_specialty != target_id:
        return choices.second_specialty
    return path.second_specialty or (
        path.alternatives[0].specialty_id if path.alternatives else None
    )
