"""Save and load the whole plan (issue 6), and the session's scenarios.

Loading happens in the uploader's callback: the file is validated completely
first (matchplan.planfile.load_plan); only a valid plan replaces the session's
objects, and every input is reset so it shows the loaded plan. A bad file
leaves everything exactly as it was and says why, next to the uploader.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from matchplan.examples import blank_profile, example_profile
from matchplan.planfile import PlanFile, PlanLoadError, Scenario, dump_plan, load_plan
from ui import state

SCENARIOS = "plan_scenarios"
UPLOADER = "sidebar_plan_upload"
LOAD_ERROR = "plan_load_error"
KEEP_PREFIXES = ("session_",)  # screen-share and guided-session preferences are not the plan


def scenarios() -> tuple[Scenario, ...]:
    value = st.session_state.setdefault(SCENARIOS, ())
    assert isinstance(value, tuple)
    return value


def set_scenarios(value: tuple[Scenario, ...]) -> None:
    st.session_state[SCENARIOS] = value


def current_plan() -> PlanFile:
    """Everything in this session that belongs to the plan."""
    return PlanFile(
        saved_on=state.today(),
        profile=state.profile(),
        timeline=state.timeline_plan(),
        what_if=state.what_if(),
        path_override=state.path_override(),
        program_list=state.program_list(),
        statement=state.statement(),
        networking=state.networking(),
        email_draft=state.email_draft(),
        week=state.week(),
        family_script=state.family_script(),
        scenarios=scenarios(),
        progress=state.progress(),
    )


def plan_bytes() -> bytes:
    return dump_plan(current_plan())


def _domain_values(plan: PlanFile) -> dict[str, Any]:
    return {
        state.PROFILE: plan.profile,
        state.TIMELINE_PLAN: plan.timeline,
        state.WHAT_IF: plan.what_if,
        state.PATH_OVERRIDE: plan.path_override,
        state.PROGRAM_LIST: plan.program_list,
        state.PROGRAM_EDITOR_BASE: plan.program_list,
        state.STATEMENT: plan.statement,
        state.NETWORKING: plan.networking,
        state.NETWORKING_EDITOR_BASE: plan.networking,
        state.EMAIL_DRAFT: plan.email_draft,
        state.WEEK: plan.week,
        state.FAMILY_SCRIPT: plan.family_script,
        SCENARIOS: plan.scenarios,
        state.PROGRESS: plan.progress,
    }


def apply_plan(plan: PlanFile, message: str) -> None:
    """Replace the session's plan: drop every other key (widgets, editors), then set the plan."""
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and not key.startswith(KEEP_PREFIXES):
            del st.session_state[key]
    for key, value in _domain_values(plan).items():
        if value is not None:
            st.session_state[key] = value
    state.flash(message)


def load_example() -> None:
    """Start over on the built-in example; every part of the old plan goes."""
    apply_plan(
        PlanFile(saved_on=state.today(), profile=example_profile(state.today())),
        "Loaded the example applicant.",
    )


def start_blank() -> None:
    apply_plan(
        PlanFile(saved_on=state.today(), profile=blank_profile(state.today())),
        "Started a blank profile.",
    )


def on_upload() -> None:
    """Uploader callback: load the chosen file, or say why not and change nothing."""
    uploaded = st.session_state.get(UPLOADER)
    if uploaded is None:
        st.session_state.pop(LOAD_ERROR, None)
        return
    try:
        plan = load_plan(uploaded.getvalue(), state.today())
    except PlanLoadError as problem:
        st.session_state[LOAD_ERROR] = f"{uploaded.name}: {problem}"
        return
    apply_plan(plan, f"Loaded the plan from {uploaded.name} (saved {plan.saved_on:%d %b %Y}).")


def load_error() -> str | None:
    value = st.session_state.get(LOAD_ERROR)
    return value if isinstance(value, str) else None
