"""Interviews, not only applications: last cycle's yield and the interview target."""

from __future__ import annotations

import math

from matchplan.profile import ApplicantProfile
from matchplan.programs.data import ProgramData
from matchplan.reference import Specialty


def last_cycle_yield(profile: ApplicantProfile) -> float | None:
    """Interview offers per application last cycle; None when nothing was applied to."""
    cycle = profile.last_cycle
    if cycle.programs_applied == 0:
        return None
    return cycle.interview_offers / cycle.programs_applied


def interview_target(spec: Specialty, data: ProgramData) -> int:
    """Interviews to aim for to match safely in the specialty (assumption, by group)."""
    return data.interview_targets.for_group(spec.group)


def applications_for_interviews(target_interviews: int, yield_rate: float) -> int | None:
    """Applications the interview target takes at a yield; None when the yield is zero."""
    if yield_rate <= 0:
        return None
    return math.ceil(round(max(0, target_interviews) / yield_rate, 6))
