"""Weekly structure (R-70) and the family script (R-71).

The week is a grid of 21 blocks (7 days x morning / afternoon / evening), each a
select box bound to ``plan.week``; the grid, the hours chart and the warnings rerun
together in a fragment. The study window and the warnings come from the one
computation (``result.study_window``, ``result.week_warnings``): they follow the
Timeline's planned exam, so this page and the Timeline never disagree. The family
script is bound to ``plan.family_script`` (None while it is the generated one).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import streamlit as st

from matchplan.charts import week_hours_chart
from matchplan.views_year import family_script_of, family_script_to_store, week_check, with_block
from matchplan.week import (
    DAY_LABELS,
    DAYS,
    DOMAIN_LABELS,
    DOMAINS,
    SLOT_LABELS,
    SLOTS,
    Day,
    Domain,
    Slot,
    template_week,
    week_data,
)
from ui import render, state

result = state.result()
today = result.today
SHORT_LABELS: dict[Domain, str] = {
    "study": "Study",
    "clinical": "Clinical",
    "research": "Research",
    "work": "Work",
    "mentoring": "Mentor",
    "rest": "Rest",
    "open": "Unplanned",
}

st.title("Weekly structure")
st.caption(
    render.words(
        "Treat the year as a job: study blocks, your clinical, research or other work, a weekly "
        "meeting with a mentor, and rest you protect rather than leave over (R-70). The week "
        "starts from a template for your current role; change any block."
    )
)

# --- the study window: the Timeline's planned exam ---------------------------------------
tried: date | None = None
window = result.study_window
if window is None:
    st.info(
        "The Timeline plans no exam after today, so study time is not checked against an "
        "exam date. Plan one on the Timeline, or try a date here (it is not saved):",
        icon=":material/event:",
    )
    picked = st.date_input(
        "Exam date to plan for",
        value=None,
        min_value=today + timedelta(days=1),
        format="DD/MM/YYYY",
        max_value=date(today.year + 3, 12, 31),
        key=state.key("week_try_exam"),  # a what-if, never stored in the plan
    )
    tried = picked if isinstance(picked, date) else None
else:
    st.markdown(
        f"**Study block:** {window.start:%d %b %Y} to the {window.exam} on "
        f"{window.end:%d %b %Y} ({window.weeks:.1f} weeks), as planned on the Timeline."
    )
st.page_link(
    "app_pages/timeline.py",
    label="Change the exam on the Timeline",
    icon=":material/calendar_month:",
)


def start_from_template() -> None:
    """Back to the template for the current role; every block re-seeds from it."""
    state.update(week=template_week(state.plan().profile.clinical.current_role))
    state.reset_widgets()


def block_commit(day: Day, slot: Slot) -> state.Commit:
    def commit(value: Any) -> None:
        state.update(week=with_block(state.result().week, day, slot, value))

    return commit


@st.fragment
def week_editor(tried_exam: date | None) -> None:
    """The grid, the hours chart and the warnings: they rerun together, alone."""
    current = state.result()
    header = st.columns([1.1] + [1] * 7)
    for column, day in zip(header[1:], DAYS, strict=True):
        column.markdown(f"**{DAY_LABELS[day][:3]}**")
    for slot in SLOTS:
        row = st.columns([1.1] + [1] * 7)
        row[0].markdown(f"**{SLOT_LABELS[slot]}**")
        for column, plan in zip(row[1:], current.week.days, strict=True):
            column.selectbox(
                f"{DAY_LABELS[plan.day]} {SLOT_LABELS[slot].lower()}",
                DOMAINS,
                index=DOMAINS.index(plan.block(slot)),
                format_func=lambda domain: SHORT_LABELS[domain],
                label_visibility="collapsed",
                **state.bind(f"week_{plan.day}_{slot}", block_commit(plan.day, slot)),
            )
    check = week_check(current, tried_exam)
    left, right = st.columns([3, 2], gap="large")
    with left:
        render.chart(
            week_hours_chart(
                {str(domain): hours for domain, hours in check.hours.items()},
                {str(domain): label for domain, label in DOMAIN_LABELS.items()},
                needed_study_per_week=check.fit.needed_per_week if check.fit else None,
            ),
            key="week_hours_chart",
        )
        t = week_data().thresholds
        st.caption(
            f"A morning counts {t.morning_hours.value:g} h, an afternoon "
            f"{t.afternoon_hours.value:g} h, an evening {t.evening_hours.value:g} h; the "
            f"study block needs about {t.study_block_hours.value:g} h. All adjustable "
            "defaults. " + render.source_line([t.study_block_hours.source])
        )
    with right, st.container(key="week_warnings"):
        st.markdown(render.words("**Checks (R-70)**"))
        if not any(w.severity == "warning" for w in check.warnings):
            st.success(
                "Rest is protected, and the study hours fit the block.",
                icon=":material/check_circle:",
            )
        for warning in check.warnings:
            if warning.severity == "warning":
                st.warning(warning.message, icon=":material/warning:")
            else:
                st.info(warning.message, icon=":material/info:")


st.button(
    "Reset to the template",
    key="week_reset",
    on_click=start_from_template,
    icon=":material/restart_alt:",
    help="Every block back to the template for your current role.",
)
week_editor(tried)

# --- the family script ------------------------------------------------------------
st.subheader(render.words("Explaining the year to family (R-71)"))
st.caption(
    "Some relatives will not see why you are not a doctor yet. A few plain sentences, said "
    "the same way each time, save you from re-living the year in every conversation. "
    "It is written from your plan; edit it into your own words."
)
script = family_script_of(result)


def commit_script(value: Any) -> None:
    state.update(family_script=family_script_to_store(state.result(), value))


def restore_script() -> None:
    state.update(family_script=None)
    state.reset_widgets()


st.text_area(
    "Your script",
    value=script.text,
    height=140,
    max_chars=1500,
    **state.bind("week_family_script", commit_script),
)
state.error("week_family_script")
st.button(
    "Write it again from the plan",
    key="week_family_restore",
    on_click=restore_script,
    disabled=not script.edited,
    icon=":material/autorenew:",
)
