"""How programs read the applicant: the three risk lenses, the autopsy, the view.

Implements docs/RULES.md R-01 to R-07 and R-20. Every level carries the reasons
that set it (rule id, input field, words) and what would lower it; every
finding carries its evidence and a fix. Pure: the date comes in as ``today``.

The package splits the rules by concern: ``models``, ``academic``, ``reliability``,
``bandwidth``, ``tier``, ``autopsy`` and ``view``; ``assess`` (here) runs them all.
Every public name is re-exported here.
"""

from __future__ import annotations

from datetime import date

from matchplan.assessment.academic import (
    academic_risk,
    low_step2_pass,
)
from matchplan.assessment.autopsy import (
    autopsy_findings,
    diagnose,
)
from matchplan.assessment.bandwidth import (
    bandwidth_risk,
    unremediated_steps,
)
from matchplan.assessment.models import (
    DIMENSION_LABELS,
    DIMENSION_TIE_ORDER,
    LENS_QUESTIONS,
    LEVELS,
    VIEW_PATHS,
    Assessment,
    Dimension,
    DimensionDiagnosis,
    Finding,
    Hold,
    HoldCondition,
    Lens,
    LensResult,
    Reason,
    View,
    ViewProposal,
    application_day,
    program_count_action,
    worst,
    years_between,
)
from matchplan.assessment.reliability import (
    clinical_months_at_application,
    reliability_risk,
    strong_recent_letters,
)
from matchplan.assessment.tier import (
    overall_tier,
    recommended_program_floor,
)
from matchplan.assessment.view import (
    propose_view,
    reapplication_hold,
)
from matchplan.profile import ApplicantProfile
from matchplan.reference import Reference, load_reference


def assess(profile: ApplicantProfile, today: date, ref: Reference | None = None) -> Assessment:
    """The whole reading of one applicant: lenses, tier, diagnosis, findings, view."""
    ref = ref or load_reference()
    academic = academic_risk(profile, today, ref)
    reliability = reliability_risk(profile, today, ref)
    bandwidth = bandwidth_risk(profile, ref)
    overall, overall_reasons = overall_tier((academic, reliability, bandwidth), profile)
    findings = autopsy_findings(profile, overall, ref)
    return Assessment(
        academic=academic,
        reliability=reliability,
        bandwidth=bandwidth,
        overall=overall,
        overall_reasons=overall_reasons,
        diagnosis=diagnose(academic, reliability, findings, profile, today, ref),
        findings=findings,
        view=propose_view(profile, overall, today, ref),
        hold=reapplication_hold(profile, today, ref),
    )


__all__ = [
    "DIMENSION_LABELS",
    "DIMENSION_TIE_ORDER",
    "LENS_QUESTIONS",
    "LEVELS",
    "VIEW_PATHS",
    "Assessment",
    "Dimension",
    "DimensionDiagnosis",
    "Finding",
    "Hold",
    "HoldCondition",
    "Lens",
    "LensResult",
    "Reason",
    "View",
    "ViewProposal",
    "academic_risk",
    "application_day",
    "assess",
    "autopsy_findings",
    "bandwidth_risk",
    "clinical_months_at_application",
    "diagnose",
    "low_step2_pass",
    "overall_tier",
    "program_count_action",
    "propose_view",
    "reapplication_hold",
    "recommended_program_floor",
    "reliability_risk",
    "strong_recent_letters",
    "unremediated_steps",
    "worst",
    "years_between",
]
