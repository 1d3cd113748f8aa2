"""The session's objects, read and written in one place.

Pages never touch ``st.session_state`` for domain objects directly, so a page
behaves the same reached by navigation, by a link, or by AppTest. Nothing here
is module-level mutable state: everything lives in the user's own session.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from matchplan.assessment import Assessment, assess
from matchplan.examples import blank_profile, example_profile
from matchplan.profile import ApplicantProfile
from matchplan.whatif import WhatIf

PROFILE = "profile"
WHAT_IF = "what_if"
FLASH = "flash_message"
WIDGET_PREFIXES = ("autopsy_", "whatif_")


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


def replace_profile(new: ApplicantProfile, message: str) -> None:
    """Swap the whole profile and reset every input so it shows the new one."""
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and key.startswith(WIDGET_PREFIXES):
            del st.session_state[key]
    st.session_state[WHAT_IF] = WhatIf()
    set_profile(new)
    flash(message)


def load_example() -> None:
    replace_profile(example_profile(today()), "Loaded the example applicant.")


def start_blank() -> None:
    replace_profile(blank_profile(today()), "Started a blank profile.")


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
