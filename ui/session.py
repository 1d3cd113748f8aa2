"""Advisor session mode, screen-share privacy and the shareable link (issue 6, 12).

These are preferences of the browser session, not part of the plan: their
keys start with ``session_`` so loading a plan file keeps them.

Screen-share mode is also carried in the address (``?share=1``, issue 12), so a
reload - which starts a new session - keeps the details hidden. The address holds
two kinds of parameter: ``s`` (this session's id, ``ui.state``) and ``share``
are the app's own; every other one is a shared link's settings
(``matchplan.sharelink.KEYS``), applied once per session on a neutral profile.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from matchplan.examples import blank_profile
from matchplan.plan import new_plan
from matchplan.sharelink import CARRIED, KEYS, ShareSettings, from_query, to_query
from ui import state

HIDE_DETAILS = "session_hide_details"
GUIDED = "session_guided"
SHOW_RULES = "session_show_rule_ids"
LINK_APPLIED = "session_link_applied"
SHARED_REVISION = "session_shared_link_revision"
SHARE_PARAM = "share"
OWN_PARAMS = (state.SESSION_PARAM, SHARE_PARAM)
CHART_SCALE = 1.35

GUIDED_STEPS: tuple[tuple[str, str], ...] = (
    ("autopsy", "Walk through last cycle"),
    ("risk", "Read the three risk lenses"),
    ("advisor", "Ask the advisors' direct questions"),
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


def sync_screen_share() -> None:
    """Once per run, before the toggle: the address and the session agree on the mode.

    ``?share=1`` in the address turns the mode on (a reload, a bookmarked link); the
    mode, once on, is written back to the address (page changes drop query
    parameters), so the next reload keeps it. The toggle's callback turns it off.
    """
    if st.query_params.get(SHARE_PARAM) == "1":
        st.session_state[HIDE_DETAILS] = True
    elif hide_details():
        st.query_params[SHARE_PARAM] = "1"


def on_screen_share_toggle() -> None:
    if hide_details():
        st.query_params[SHARE_PARAM] = "1"
    elif SHARE_PARAM in st.query_params:
        del st.query_params[SHARE_PARAM]


def show_rules() -> bool:
    """Rule ids beside the sentences: off for applicants, on in the advisor's walk."""
    return bool(st.session_state.get(SHOW_RULES, False))


def on_guided_toggle() -> None:
    """Starting the guided walk turns the rule ids on (an advisor can turn them off)."""
    st.session_state[SHOW_RULES] = bool(st.session_state.get(GUIDED))


def page_title() -> str:
    """The browser tab's title: never the applicant's name in screen-share mode."""
    name = display_name()
    return f"MatchPlan · {name[:40]}" if name else "MatchPlan"


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
    """Once per session: apply the settings a shared link carries, and nothing else.

    The settings go onto a neutral (blank) profile, never onto the built-in example,
    so what the recipient sees cannot be read as somebody's plan (issue 12, item 6).
    """
    if st.session_state.get(LINK_APPLIED):
        return
    st.session_state[LINK_APPLIED] = True
    params = {key: st.query_params[key] for key in st.query_params if key not in OWN_PARAMS}
    if not any(key in params for key in KEYS):
        return
    settings, problems = from_query(params)
    today = state.today()
    state.replace(new_plan(blank_profile(today), today), "")
    st.session_state[SHARED_REVISION] = state.revision()
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


def from_shared_link() -> bool:
    """True while the plan on screen is the neutral one a shared link opened."""
    return st.session_state.get(SHARED_REVISION) == state.revision()


def shared_link_banner() -> None:
    """'Settings shared with you': the neutral profile is nobody's plan; enter or load one."""
    if not from_shared_link():
        return
    with st.container(border=True, key="shared_link_banner"):
        st.markdown(
            "#### :material/link: Settings shared with you\n"
            "Someone shared MatchPlan settings (a target specialty, a Match year, what-if "
            "choices) with you. **This is not anyone's plan**: the profile behind it is "
            "empty, so nothing here is assessed yet. Enter your own profile, or load your "
            "plan file in the sidebar."
        )
        st.page_link(
            "app_pages/intake.py", label="Enter my profile", icon=":material/arrow_forward:"
        )
