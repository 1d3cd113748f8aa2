"""Careers outside residency (docs/RULES.md R-72) and when to weigh them (R-25).

R-25 is one predicate, ``other_careers_triggers``: any trigger makes the paths
prominent. The paths (``data/careers.json``) are always available, each with
what it needs and how medical training carries over; they are offered as real
options beside the plan to reapply, never instead of it.
"""

from __future__ import annotations

from functools import cache

from pydantic import Field

from matchplan.datafiles import load_data
from matchplan.frozen import Frozen
from matchplan.narrative import ROLE_LABELS
from matchplan.profile import STEP_LABELS, ApplicantProfile, CurrentRole
from matchplan.reference import Reference, ReferenceDataError, load_reference

CAREERS_FILE = "careers.json"


class CareerPath(Frozen):
    """One career that uses medical training without residency (article §9)."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    what: str
    needs: tuple[str, ...] = Field(min_length=1)
    carries_over: str
    first_step: str
    builds_on_roles: tuple[CurrentRole, ...] = ()
    source: str
    needs_source: str


class CareersData(Frozen):
    paths: tuple[CareerPath, ...] = Field(min_length=1)


@cache
def careers_data() -> CareersData:
    """Load and validate ``data/careers.json`` once (reference data)."""
    known = load_reference().sources
    data = load_data(CAREERS_FILE, CareersData, sources=known)
    missing = sorted({p.needs_source for p in data.paths} - set(known))
    if missing:
        raise ReferenceDataError(
            f"matchplan/data/{CAREERS_FILE}: unknown source ids: {', '.join(missing)}"
        )
    return data


class CareerTrigger(Frozen):
    """Why R-25 fired: the input that caused it, in words (same words as the view's)."""

    rule: str = "R-25"
    field: str
    text: str


def other_careers_triggers(
    profile: ApplicantProfile, ref: Reference | None = None
) -> tuple[CareerTrigger, ...]:
    """R-25: consider other careers when failures at both Step 1 and Step 2 CK with more
    than one at either; no clinical work for 4+ years; two or more unsuccessful cycles;
    or one attempt left at an unpassed Step.

    Documented improvement between cycles is not in the profile, so the cycle count
    alone triggers (as in assessment.propose_view). The attempt check covers every
    Step, Step 3 included, as docs/RULES.md words it.
    """
    ref = ref or load_reference()
    t = ref.thresholds
    limit = int(t.attempt_limit.value)
    out: list[CareerTrigger] = []
    step1, step2 = profile.failures("step1"), profile.failures("step2ck")
    if step1 and step2 and max(step1, step2) > 1:
        out.append(
            CareerTrigger(
                field="exams",
                text="Failures at both Step 1 and Step 2 CK, more than one at either.",
            )
        )
    for step, label in STEP_LABELS.items():  # an untried Step has all its attempts left
        if not profile.passed(step) and limit - len(profile.attempts(step)) <= 1:
            out.append(CareerTrigger(field="exams", text=f"One attempt left at {label}."))
    if profile.clinical.months_since_clinical >= t.other_careers_clinical_gap_months.value:
        out.append(
            CareerTrigger(
                field="clinical.months_since_clinical",
                text="No clinical work for four years or more.",
            )
        )
    if profile.last_cycle.prior_unsuccessful_cycles >= t.other_careers_unsuccessful_cycles.value:
        out.append(
            CareerTrigger(
                field="last_cycle.prior_unsuccessful_cycles",
                text="Two or more unsuccessful cycles.",
            )
        )
    return tuple(out)


class PathView(Frozen):
    """A path as shown to this applicant: the path, and a line on their current role."""

    path: CareerPath
    role_note: str = ""


class CareersAdvice(Frozen):
    """R-72: every path, and whether R-25 puts them in front (with its reasons)."""

    triggers: tuple[CareerTrigger, ...]
    paths: tuple[PathView, ...]

    @property
    def prominent(self) -> bool:
        return bool(self.triggers)


def role_note(path: CareerPath, role: CurrentRole) -> str:
    """A line when the applicant's current role is direct experience for the path."""
    if role in path.builds_on_roles:
        return f"Your current {ROLE_LABELS[role]} is direct experience for this path."
    return ""


def other_careers(
    profile: ApplicantProfile,
    ref: Reference | None = None,
    data: CareersData | None = None,
) -> CareersAdvice:
    """R-72 with R-25: the paths, those that build on the current role first when prominent."""
    data = data or careers_data()
    role = profile.clinical.current_role
    views = [PathView(path=p, role_note=role_note(p, role)) for p in data.paths]
    triggers = other_careers_triggers(profile, ref)
    if triggers:
        views.sort(key=lambda v: not v.role_note)  # stable: data order otherwise
    return CareersAdvice(triggers=triggers, paths=tuple(views))
