"""R-04, R-50: the overall tier from the three lenses, and the program floor it sets."""

from __future__ import annotations

from matchplan.assessment.models import LEVELS, LensResult, Reason, worst
from matchplan.profile import ApplicantProfile
from matchplan.reference import Level, Reference


def overall_tier(
    lenses: tuple[LensResult, ...], profile: ApplicantProfile
) -> tuple[Level, tuple[Reason, ...]]:
    """R-04: the worst lens; never below moderate with a failure and an unmatched cycle."""
    level = worst([lens.level for lens in lenses])
    worst_lens = max(lenses, key=lambda lens: LEVELS.index(lens.level))
    reasons = [
        Reason(
            rule="R-04",
            field=worst_lens.lens,
            level=level,
            text=f"The overall tier is the worst lens: {worst_lens.lens} is {worst_lens.level}.",
        )
    ]
    if level == "low" and profile.total_failures() and profile.last_cycle.prior_unsuccessful_cycles:
        level = "moderate"
        reasons.append(
            Reason(
                rule="R-04",
                field="exams",
                level="moderate",
                text="A failed attempt plus an unmatched cycle is never below "
                "moderate: apply more broadly than a low-risk applicant.",
            )
        )
    return level, tuple(reasons)


def recommended_program_floor(
    level: Level, specialty_id: str, ref: Reference, *, img: bool = False
) -> int:
    """R-50/R-51 (revised): the fewest programs to apply to (specialty range first).

    R-51's range applies to every IMG whatever the tier and to high-tier US
    graduates; R-50's tier count elsewhere. Never below R-50's count for the tier.
    """
    ranges = ref.program_counts.high_risk_ranges
    tier = ref.program_counts.for_level(level).value
    if (level == "high" or img) and specialty_id in ranges:
        span = ranges[specialty_id]
        return span.low if level == "high" else max(span.low, tier)
    return tier
