"""What-if levers an advisor moves on the Risk page, applied to a copy of the profile.

Each lever is something the applicant can do before applying; the result is a
new, re-validated profile, so every rule sees it exactly as a real change.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field, ValidationError

from matchplan.frozen import Frozen
from matchplan.profile import ApplicantProfile


class WhatIf(Frozen):
    pass_step3: bool = Field(default=False, title="Pass Step 3 before applying")
    new_specialty_letters: int = Field(default=0, ge=0, le=4, title="New strong specialty letters")
    recent_us_clinical: bool = Field(default=False, title="US clinical work in the last 12 months")
    extra_programs: int = Field(default=0, ge=0, le=300, title="More programs than last cycle")

    @property
    def is_neutral(self) -> bool:
        return self == WhatIf()


class WhatIfResult(Frozen):
    profile: ApplicantProfile
    planned_programs: int
    notes: tuple[str, ...]


def apply_what_if(profile: ApplicantProfile, what_if: WhatIf, today: date) -> WhatIfResult:
    """The profile as it would be after the chosen levers (levers that cannot apply say why)."""
    data = profile.model_dump()
    notes: list[str] = []
    if what_if.pass_step3 and not profile.passed("step3"):
        if profile.passed("step1") and profile.passed("step2ck"):
            data["exams"] = [
                a for a in data["exams"] if a["step"] != "step3" or a["result"] != "planned"
            ]
            data["exams"].append({"step": "step3", "exam_date": today, "result": "pass"})
        else:
            notes.append("Step 3 needs Step 1 and Step 2 CK passed first; lever not applied.")
    if what_if.new_specialty_letters:
        room = 12 - len(data["content"]["letters"])
        added = min(room, what_if.new_specialty_letters)
        data["content"]["letters"] = (
            list(data["content"]["letters"])
            + [
                {
                    "writer_title": "New letter (what-if)",
                    "specialty": profile.target_specialty,
                    "written_on": today,
                    "us_based": True,
                    "strong": True,
                }
            ]
            * added
        )
        if added < what_if.new_specialty_letters:
            notes.append("The profile holds at most 12 letters.")
    if what_if.recent_us_clinical:
        data["clinical"].update(
            months_since_clinical=0, clinical_us_based=True, clinical_in_target=True
        )
    try:
        changed = ApplicantProfile.model_validate(data)
    except ValidationError as exc:
        changed = profile
        notes.append(f"What-if not applied: {exc.errors()[0]['msg']}")
    return WhatIfResult(
        profile=changed,
        planned_programs=profile.last_cycle.programs_applied + what_if.extra_programs,
        notes=tuple(notes),
    )
