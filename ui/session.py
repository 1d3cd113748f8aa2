"""Advisor session mode, screen-share privacy and the shareable link (issue 6).

These are preferences of the browser session, not part of the plan: their
keys start with ``session_`` so loading a plan file keeps them.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from matchplan.sharelink import CARRIED, ShareSettings, from_query, to_query
from ui import state

HIDE_DETAILS = "session_hide_details"
GUIDED = "session_guided"
LINK_APPLIED = "session_link_applied"
CHART_SCALE = 1.35

GUIDED_STEPS: tuple[tuple[str, str], ...] = (
    ("autopsy", "Walk through last cycle"),
    ("risk", "Read the three risk lenses"),
    ("pathway", "Decide: stay or pivot"),
    ("timeline", "Time the exam and the year"),
    ("programs", "Size the program list"),
    ("statement", "Shape the narrative"),
    ("scenarios", "Compare scenarios"),
    ("handout", "Hand out the summary"),
)


def hide_details() -> bool:
    """Screen-share mode: identifying details stay off the screen."""
    return bool(st.session_state.get(HIDE_DETAILS, False))


def display_name() -> str:
    """The applicant's name, unless screen-share mode hides it."""
    return "" if hide_details() else state.plan().profile.display_name


def chart_scale() -> float:
    """Charts grow in screen-share mode so a shared screen stays readable."""
    return CHART_SCALE if hide_details() else 1.0


def guided_progress(current_url: str) -> tuple[int, int] | None:
    """(position, total) of the current page in the guided walk, if it is on it."""
    paths = [path for path, _ in GUIDED_STEPS]
    if current_url not in paths:
        return None
    return paths.index(current_url) + 1, len(paths)


def share_query() -> dict[str, str]:
    plan = state.plan()
    settings = ShareSettings(
        target_specialty=plan.profile.target_specialty,
        target_match_year=plan.profile.target_match_year,
        what_if=plan.what_if,
    )
    return to_query(settings)


def apply_shared_link() -> None:
    """Once per session: apply the settings a shared link carries, and nothing else."""
    if st.session_state.get(LINK_APPLIED):
        return
    st.session_state[LINK_APPLIED] = True
    params = {key: st.query_params[key] for key in st.query_params if key != state.SESSION_PARAM}
    if not params:
        return
    settings, problems = from_query(params)
    changes: dict[str, object] = {}
    if settings.target_specialty:
        changes["target_specialty"] = settings.target_specialty
    if settings.target_match_year:
        changes["target_match_year"] = settings.target_match_year
    applied: list[str] = []
    if changes:
        try:
            state.edit_profile(changes)
            applied.append("target specialty and Match year")
        except (ValidationError, ValueError):
            problems.append("The link's target does not fit this profile; ignored.")
    if not settings.what_if.is_neutral:
        state.update(what_if=settings.what_if)
        applied.append("what-if choices")
    if applied:
        state.flash("Applied the shared link's settings: " + ", ".join(applied) + ".")
    for problem in problems:
        st.toast(problem, icon=":material/link_off:")


def carried_text() -> str:
    return (
        "This link carries only: " + "; ".join(CARRIED) + ". It never carries a name, "
        "exam history, notes or anything else from the plan."
    )
