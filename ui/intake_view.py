"""The guided intake's draft: kept in the session between steps, validated once at the end.

The draft is a flat dict of what the wizard's steps hold, not part of the plan:
nothing reaches the plan until "Save my profile" turns it into an
``ApplicantProfile`` (``matchplan.profile.parse_profile``) and replaces the plan
with ``new_plan``. Each step checks only what it holds (a choice made, a number
entered); rules that join steps (interviews within programs applied, a target
year after the last cycle) are checked at the end, so no order of steps can trap
the user. A problem found at the end sends the user to the step that holds it,
with the message at its field; nothing typed is lost.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st
from pydantic import ValidationError

from matchplan.examples import last_match_year
from matchplan.profile import STEP_LABELS, ApplicantProfile, first_plannable_match_year
from matchplan.profile import field_errors as profile_field_errors
from matchplan.textsafe import markdown_safe
from ui import state

DRAFT = "intake_draft"
STEP = "intake_step"
ERRORS = "intake_errors"

STEPS: tuple[str, ...] = (
    "You and your degree",
    "Exam history",
    "Last cycle",
    "Target",
    "Clinical work now",
)
# Which step holds each draft field, so a problem found at the end opens the right step.
STEP_OF: dict[str, int] = {
    "name": 0,
    "applicant_type": 0,
    "graduation_date": 0,
    "exams": 1,
    "cycle_year": 2,
    "specialty_applied": 2,
    "programs": 2,
    "divisions": 2,
    "offers": 2,
    "last_cycle": 2,
    "statement": 2,
    "activities": 2,
    "target": 3,
    "months_since_clinical": 4,
    "clinical": 4,
    "role": 4,
}
# A pydantic location (or a whole-profile message's first words) -> the draft field.
_LOCATION_FIELD: dict[str, str] = {
    "display_name": "name",
    "applicant_type": "applicant_type",
    "graduation_date": "graduation_date",
    "exams": "exams",
    "last_cycle.programs_applied": "programs",
    "last_cycle.census_divisions": "divisions",
    "last_cycle.match_year": "cycle_year",
    "last_cycle.specialties_applied": "specialty_applied",
    "last_cycle": "last_cycle",
    "content.personal_statement": "statement",
    "content.activities": "activities",
    "target_specialty": "target",
    "target_match_year": "target",
    "clinical.months_since_clinical": "months_since_clinical",
    "clinical.current_role": "role",
    "clinical": "clinical",
}
_MESSAGE_FIELD: tuple[tuple[str, str], ...] = (
    ("Graduation date", "graduation_date"),
    ("Exam history", "exams"),
    ("Target Match year", "target"),
    ("Last cycle", "last_cycle"),
)


def neutral_draft(today: date, target: str | None, target_year: int | None) -> dict[str, Any]:
    """An empty draft: choices unmade, the last Match just past, the next open cycle."""
    last = last_match_year(today)
    return {
        "name": "",
        "applicant_type": None,
        "graduation_date": None,
        "needs_visa": False,
        "ecfmg": False,
        "exams": [],
        "cycle_year": last,
        "specialty_applied": target,
        "also_applied": [],
        "programs": None,
        "divisions": None,
        "offers": None,
        "attended": None,
        "ranked": None,
        "statement": None,
        "activities": None,
        "target": target,
        "target_year": target_year or max(last + 1, first_plannable_match_year(today)),
        "months_since_clinical": None,
        "clinical_us": True,
        "clinical_in_target": False,
        "role": None,
    }


def draft() -> dict[str, Any]:
    """The session's draft; a plan replaced elsewhere (a file, the example) starts a new one.

    A blank or shared-link plan lends the draft its target; nothing else is taken
    from the plan on screen, so the example applicant never leaks into an intake.
    """
    held = st.session_state.get(DRAFT)
    if isinstance(held, dict) and held.get("revision") == state.revision():
        return held
    from matchplan.completeness import is_incomplete

    profile = state.plan().profile
    seeded = is_incomplete(profile)
    new = neutral_draft(
        state.today(),
        profile.target_specialty if seeded else None,
        profile.target_match_year if seeded else None,
    )
    new["revision"] = state.revision()
    st.session_state[DRAFT] = new
    st.session_state[STEP] = 0
    st.session_state[ERRORS] = {}
    return new


def step() -> int:
    return int(st.session_state.get(STEP, 0))


def go_to(number: int) -> None:
    st.session_state[STEP] = max(0, min(number, len(STEPS) - 1))


def errors() -> dict[str, str]:
    held = st.session_state.get(ERRORS)
    if not isinstance(held, dict):
        held = {}
        st.session_state[ERRORS] = held
    return held


def show_error(name: str) -> None:
    """The message for one draft field, where that field is."""
    message = errors().get(name)
    if message:
        st.error(markdown_safe(message, limit=400), icon=":material/error:")


def attempt_label(attempt: dict[str, Any]) -> str:
    score = f", score {attempt['score']}" if attempt.get("score") is not None else ""
    return (
        f"{STEP_LABELS[attempt['step']]} on {attempt['exam_date']:%d/%m/%Y}: "
        f"{attempt['result']}{score}"
    )


def check_step(number: int, held: dict[str, Any]) -> dict[str, str]:
    """What one step needs before the next: only the choices and numbers it holds."""
    need: dict[str, str] = {}

    def required(name: str, words: str) -> None:
        if held.get(name) is None:
            need[name] = words

    if number == 0:
        required("applicant_type", "Choose what kind of graduate you are.")
        required("graduation_date", "Enter your graduation date (DD/MM/YYYY).")
    elif number == 2:
        required("specialty_applied", "Choose the specialty you applied to.")
        required("programs", "Enter how many programs you applied to.")
        required("divisions", "Enter how many census divisions (US regions) you applied in.")
        required("offers", "Enter how many interview offers you had (0 if none).")
        required("statement", "Choose how your personal statement read.")
        required("activities", "Choose how your activities related to the specialty.")
    elif number == 4:
        required("months_since_clinical", "Enter the months since your last hands-on work.")
        required("role", "Choose your current or planned role.")
    return need


def profile_data(held: dict[str, Any]) -> dict[str, Any]:
    """The draft as profile data for ``parse_profile`` (empty 'same as' fields filled)."""
    offers = held["offers"]
    attended = offers if held["attended"] is None else held["attended"]
    ranked = attended if held["ranked"] is None else held["ranked"]
    applied = [held["specialty_applied"]] + [
        s for s in held["also_applied"] if s != held["specialty_applied"]
    ]
    return {
        "display_name": held["name"],
        "applicant_type": held["applicant_type"],
        "graduation_date": held["graduation_date"],
        "needs_visa": held["needs_visa"],
        "ecfmg_certified": held["ecfmg"],
        "exams": [dict(a) for a in held["exams"]],
        "target_specialty": held["target"] or held["specialty_applied"],
        "target_match_year": held["target_year"],
        "last_cycle": {
            "match_year": held["cycle_year"],
            "specialties_applied": applied,
            "programs_applied": held["programs"],
            "census_divisions": held["divisions"],
            "interview_offers": offers,
            "interviews_attended": attended,
            "programs_ranked": ranked,
        },
        "content": {"personal_statement": held["statement"], "activities": held["activities"]},
        "clinical": {
            "months_since_clinical": held["months_since_clinical"],
            "clinical_us_based": held["clinical_us"],
            "clinical_in_target": held["clinical_in_target"],
            "current_role": held["role"],
        },
    }


def problems_of(exc: ValidationError) -> dict[str, str]:
    """Each validation message under the draft field it is about."""
    out: dict[str, str] = {}
    for problem, raw in zip(profile_field_errors(exc), exc.errors(), strict=True):
        location = ".".join(str(p) for p in raw["loc"] if isinstance(p, str))
        name = _LOCATION_FIELD.get(location) or _LOCATION_FIELD.get(location.split(".")[0])
        if name is None:
            name = next(
                (f for prefix, f in _MESSAGE_FIELD if problem.message.startswith(prefix)),
                "last_cycle",
            )
        out.setdefault(name, problem.message)
    return out


def validated(held: dict[str, Any], today: date) -> ApplicantProfile | dict[str, str]:
    """The profile, or the problems by draft field (every step checked first)."""
    from matchplan.profile import parse_profile

    need: dict[str, str] = {}
    for number in range(len(STEPS)):
        need |= check_step(number, held)
    if need:
        return need
    try:
        return parse_profile(profile_data(held), today)
    except ValidationError as exc:
        return problems_of(exc)
