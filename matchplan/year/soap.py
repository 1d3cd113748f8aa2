"""R-86: SOAP readiness for the target cycle (facts §1.5).

SOAP runs Monday to Thursday of Match Week for partially or fully unmatched
applicants who are eligible. To stay eligible an applicant must be registered for
the Match by the rank-order-list deadline; an IMG must also be ECFMG-certified in
time (R-36: Step 2 CK passed by the rank list deadline). Before Match Week the
applicant prepares the documents and a short list of programs likely to have
unfilled positions, in the target and alternative specialties, within the
application cap. Two dated items go on the Gantt before Match Week.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final, Literal, Self

from pydantic import Field, model_validator

from matchplan.frozen import FrozenInput
from matchplan.profile import ApplicantProfile, SpecialtyId
from matchplan.reference import Reference, load_reference
from matchplan.timeline import Milestone, Timeline
from matchplan.year.data import SoapDocument, YearData, year_data

MAX_SOAP_PROGRAMS: Final = 60
Eligibility = Literal["eligible", "at_risk", "not_eligible"]


class SoapProgram(FrozenInput):
    name: str = Field(min_length=1, max_length=120, title="Program")
    specialty: SpecialtyId = Field(title="Specialty")


class SoapPlan(FrozenInput):
    """SOAP preparation (plan file, schema 4)."""

    registered: bool = Field(default=False, title="Registered for the Match")
    documents: tuple[SoapDocument, ...] = Field(default=(), max_length=10, title="Documents ready")
    programs: tuple[SoapProgram, ...] = Field(
        default=(), max_length=MAX_SOAP_PROGRAMS, title="SOAP short list"
    )

    @model_validator(mode="after")
    def _documents_once(self) -> Self:
        if len(set(self.documents)) != len(self.documents):
            raise ValueError("Documents ready: each document once")
        return self


class SoapReadiness(FrozenInput):
    rule: str = "R-86"
    eligibility: Eligibility
    reasons: tuple[str, ...]
    documents_missing: tuple[str, ...]
    programs: int
    in_target: int
    in_alternatives: int
    cap: int
    list_notes: tuple[str, ...]
    prepare_by: date
    match_week: date
    sources: tuple[str, ...]


def soap_readiness(
    profile: ApplicantProfile,
    timeline: Timeline,
    plan: SoapPlan,
    alternatives: tuple[str, ...],
    today: date,
    ref: Reference | None = None,
    data: YearData | None = None,
) -> SoapReadiness:
    """R-86: SOAP eligibility for the target cycle, the documents, the short list, the dates."""
    ref = ref or load_reference()
    data = data or year_data()
    soap = data.soap
    calendar = timeline.calendar
    rol = calendar["rol_deadline"]
    reasons: list[str] = []
    eligibility: Eligibility = "eligible"
    if not plan.registered:
        eligibility = "at_risk"
        reasons.append(
            f"Register for the {timeline.match_year} Match by the rank list deadline "
            f"({rol:%d %b %Y}): only registered applicants can take part in SOAP."
        )
    if profile.is_img and not profile.ecfmg_certified:
        if profile.passed("step2ck"):
            eligibility = "at_risk"
            reasons.append(
                f"ECFMG certification must be in place by {rol:%d %b %Y}; check it is on track."
            )
        else:
            exam = timeline.exam
            late = exam is None or exam.step != "step2ck" or exam.report_safe > rol
            if late:
                eligibility = "not_eligible"
                reasons.append(
                    f"Step 2 CK is not passed and no pass is planned to be reported by the rank "
                    f"list deadline ({rol:%d %b %Y}): an IMG is SOAP-ineligible without it (R-36)."
                )
            else:
                eligibility = "at_risk"
                reasons.append(f"Step 2 CK must be passed and reported by {rol:%d %b %Y} (R-36).")
    if eligibility == "eligible":
        reasons.append(
            "Registered, with the exams SOAP requires: eligible if the Match leaves you "
            "partially or fully unmatched."
        )
    missing = tuple(label for key, label in soap.documents.items() if key not in plan.documents)
    target = profile.target_specialty
    in_target = sum(1 for p in plan.programs if p.specialty == target)
    in_alt = sum(1 for p in plan.programs if p.specialty != target)
    cap = int(soap.application_cap.value)
    notes: list[str] = []
    if not plan.programs:
        notes.append(
            "No short list yet: note programs in the target and alternative specialties that "
            "had unfilled positions in recent years."
        )
    else:
        if in_alt == 0 and alternatives:
            names = ", ".join(ref.specialty(a).name for a in alternatives[:2])
            notes.append(
                f"Add programs in an alternative specialty ({names}) as well as the target."
            )
        if len(plan.programs) > cap:
            notes.append(
                f"{len(plan.programs)} programs on the list; SOAP allows {cap} applications: "
                "mark the ones to apply to first."
            )
    week_starts = calendar["match_week_starts"]
    prepare_by = week_starts - timedelta(weeks=soap.prepare_lead_weeks.value)
    return SoapReadiness(
        eligibility=eligibility,
        reasons=tuple(reasons),
        documents_missing=missing,
        programs=len(plan.programs),
        in_target=in_target,
        in_alternatives=in_alt,
        cap=cap,
        list_notes=tuple(notes),
        prepare_by=prepare_by,
        match_week=week_starts,
        sources=("nrmp-soap", soap.application_cap.source, soap.positions_note.source),
    )


def soap_milestones(readiness: SoapReadiness, today: date) -> tuple[Milestone, ...]:
    """Two dated items before Match Week on the Gantt (kind "match")."""
    docs_done = not readiness.documents_missing
    list_done = readiness.programs > 0 and not readiness.list_notes
    return tuple(
        Milestone(
            name=name,
            start=readiness.prepare_by,
            end=readiness.prepare_by,
            kind="match",
            deadline=readiness.match_week,
            missed=not done and readiness.prepare_by < today,
        )
        for name, done in (
            ("SOAP: documents ready", docs_done),
            ("SOAP: short list ready", list_done),
        )
    )
