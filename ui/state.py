"""The session's objects, read and written in one place.

Pages never touch ``st.session_state`` for domain objects directly, so a page
behaves the same reached by navigation, by a link, or by AppTest. Nothing here
is module-level mutable state: everything lives in the user's own session.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from matchplan.assessment import Assessment, assess
from matchplan.examples import example_profile
from matchplan.narrative import StatementWorkspace
from matchplan.networking import NetworkingTable
from matchplan.pathway import Path
from matchplan.profile import ApplicantProfile
from matchplan.programs import ProgramRow
from matchplan.progress import Progress
from matchplan.timeline import TimelinePlan, default_plan
from matchplan.week import WeekPlan, template_week
from matchplan.whatif import WhatIf

PROFILE = "profile"
WHAT_IF = "what_if"
FLASH = "flash_message"


def today() -> date:
    """The one place the UI reads the clock; the core always receives it."""
    return date.today()  # noqa: DTZ011 - local calendar date is what the applicant means


def init() -> None:
    """Session defaults, set once per session: the example applicant on first visit."""
    if PROFILE not in st.session_state:
        st.session_state[PROFILE] = example_profile(today())
    st.session_state.setdefault(WHAT_IF, WhatIf())


def profile() -> ApplicantProfile:
    init()
    value = st.session_state[PROFILE]
    assert isinstance(value, ApplicantProfile)
    return value


def set_profile(new: ApplicantProfile) -> None:
    """Store a validated profile (the only way a profile changes)."""
    st.session_state[PROFILE] = new


def what_if() -> WhatIf:
    init()
    value = st.session_state[WHAT_IF]
    assert isinstance(value, WhatIf)
    return value


def set_what_if(value: WhatIf) -> None:
    st.session_state[WHAT_IF] = value


def assessment() -> Assessment:
    """The assessment of the stored profile (cheap: pure rules, no cache needed)."""
    return assess(profile(), today())


def flash(message: str) -> None:
    """A confirmation shown once, on the next run (survives st.rerun)."""
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if isinstance(message, str):
        st.success(message, icon=":material/check_circle:")


def clear_widgets(prefix: str) -> None:
    """Forget widget values under a prefix so they re-read the stored profile."""
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(prefix):
            del st.session_state[key]


# --- Timeline (issue 3) -------------------------------------------------------------
TIMELINE_PLAN = "timeline_plan"


def timeline_plan() -> TimelinePlan:
    """The session's timeline choices; defaults follow the profile on first use."""
    value = st.session_state.get(TIMELINE_PLAN)
    if not isinstance(value, TimelinePlan):
        value = default_plan(profile(), today())
        st.session_state[TIMELINE_PLAN] = value
    return value


def set_timeline_plan(value: TimelinePlan) -> None:
    st.session_state[TIMELINE_PLAN] = value


# --- Stay or pivot, and the program list (issue 4) ------------------------------------
PATH_OVERRIDE = "plan_path_override"
PROGRAM_LIST = "plan_program_list"
PROGRAM_EDITOR_BASE = "plan_program_editor_base"
PROGRAM_UPLOAD_ID = "plan_program_upload_id"


def path_override() -> Path | None:
    """The advisor's choice of path (R-20), kept with the plan; None follows the proposal."""
    value = st.session_state.get(PATH_OVERRIDE)
    return value if value in ("stay", "retarget", "pivot", "alternatives") else None


def set_path_override(value: Path | None) -> None:
    st.session_state[PATH_OVERRIDE] = value


def program_list() -> tuple[ProgramRow, ...]:
    """The validated program list (R-53), built by hand or from a CSV."""
    value = st.session_state.setdefault(PROGRAM_LIST, ())
    assert isinstance(value, tuple)
    return value


def set_program_list(rows: tuple[ProgramRow, ...]) -> None:
    st.session_state[PROGRAM_LIST] = rows


def program_editor_base() -> tuple[ProgramRow, ...]:
    """What the list editor starts from; it must stay fixed while the editor holds edits."""
    value = st.session_state.setdefault(PROGRAM_EDITOR_BASE, program_list())
    assert isinstance(value, tuple)
    return value


def set_program_editor_base(rows: tuple[ProgramRow, ...]) -> None:
    st.session_state[PROGRAM_EDITOR_BASE] = rows


def program_upload_id() -> str | None:
    """The id of the CSV last loaded into the editor, so a rerun does not load it again."""
    value = st.session_state.get(PROGRAM_UPLOAD_ID)
    return value if isinstance(value, str) else None


def set_program_upload_id(value: str | None) -> None:
    st.session_state[PROGRAM_UPLOAD_ID] = value


# --- The year: statement, networking, week, family script (issue 5) -------------------
STATEMENT = "statement_workspace"
NETWORKING = "networking_table"
NETWORKING_EDITOR_BASE = "networking_editor_base"
EMAIL_DRAFT = "networking_email_draft"
WEEK = "week_plan"
FAMILY_SCRIPT = "family_script"


def statement() -> StatementWorkspace:
    """The personal statement draft and the chosen approach (R-60, R-61)."""
    value = st.session_state.setdefault(STATEMENT, StatementWorkspace())
    assert isinstance(value, StatementWorkspace)
    return value


def set_statement(value: StatementWorkspace) -> None:
    st.session_state[STATEMENT] = value


def networking() -> NetworkingTable:
    """The networking targets (R-62)."""
    value = st.session_state.setdefault(NETWORKING, NetworkingTable())
    assert isinstance(value, NetworkingTable)
    return value


def set_networking(value: NetworkingTable) -> None:
    st.session_state[NETWORKING] = value


def networking_editor_base() -> NetworkingTable:
    """What the table editor starts from; it stays fixed while the editor holds edits."""
    value = st.session_state.setdefault(NETWORKING_EDITOR_BASE, networking())
    assert isinstance(value, NetworkingTable)
    return value


def set_networking_editor_base(value: NetworkingTable) -> None:
    st.session_state[NETWORKING_EDITOR_BASE] = value


def email_draft() -> str:
    """The applicant's own networking email draft (R-62)."""
    value = st.session_state.setdefault(EMAIL_DRAFT, "")
    assert isinstance(value, str)
    return value


def set_email_draft(value: str) -> None:
    st.session_state[EMAIL_DRAFT] = value


def week() -> WeekPlan:
    """The weekly structure (R-70); starts from the template for the current role."""
    value = st.session_state.get(WEEK)
    if not isinstance(value, WeekPlan):
        value = template_week(profile().clinical.current_role)
        st.session_state[WEEK] = value
    return value


def set_week(value: WeekPlan) -> None:
    st.session_state[WEEK] = value


def family_script() -> str | None:
    """The applicant's edited family script (R-71); None until edited (then generated)."""
    value = st.session_state.setdefault(FAMILY_SCRIPT, None)
    assert value is None or isinstance(value, str)
    return value


def set_family_script(value: str | None) -> None:
    st.session_state[FAMILY_SCRIPT] = value


# --- Progress across the year (issue 6, item 6) ----------------------------------------
# Replacing the plan (a file, the example, a blank start: ui.planio.apply_plan) resets it,
# so a new applicant never sees the last one's ticks and scores.
PROGRESS = "progress_store"


def progress() -> Progress:
    """Milestones ticked off and the practice-score log; empty until the first tick."""
    value = st.session_state.setdefault(PROGRESS, Progress())
    assert isinstance(value, Progress)
    return value


def set_progress(value: Progress) -> None:
    st.session_state[PROGRESS] = value
