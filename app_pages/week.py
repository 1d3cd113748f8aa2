"""Weekly structure (R-70) and the family script (R-71).

The week is a grid of 21 blocks (7 days x morning / afternoon / evening), each a
select box, so every change reruns only the editor fragment: the hours chart and
the warnings follow at once. The study check uses the profile's next planned
exam (the Timeline's study block can be passed in the same way later).
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from matchplan.charts import week_hours_chart
from matchplan.narrative import family_script
from matchplan.week import (
    DAY_LABELS,
    DAYS,
    DOMAIN_LABELS,
    DOMAINS,
    SLOT_LABELS,
    SLOTS,
    DayPlan,
    Domain,
    StudyWindow,
    WeekPlan,
    hours_by_domain,
    study_fit,
    study_window_for_exam,
    study_window_from_profile,
    template_week,
    week_data,
    week_warnings,
)
from ui import render, state

profile = state.profile()
today = state.today()
data = week_data()
SHORT_LABELS: dict[Domain, str] = {
    "study": "Study",
    "clinical": "Clinical",
    "research": "Research",
    "work": "Work",
    "mentoring": "Mentor",
    "rest": "Rest",
    "open": "Unplanned",
}
FAMILY_KEY = "week_family_script"


def block_key(day: str, slot: str) -> str:
    return f"week_{day}_{slot}"


def reset_week() -> None:
    """Back to the template for the current role; the select boxes re-read it."""
    state.set_week(template_week(profile.clinical.current_role, data))
    for day in DAYS:
        for slot in SLOTS:
            st.session_state.pop(block_key(day, slot), None)


st.title("Weekly structure")
st.caption(
    "Treat the year as a job: study blocks, your clinical, research or other work, a weekly "
    "meeting with a mentor, and rest you protect rather than leave over (R-70). The week "
    "starts from a template for your current role; change any block."
)

# --- the study window ------------------------------------------------------------------
window: StudyWindow | None = study_window_from_profile(profile, today, data)
if window is None:
    st.info(
        "No exam is planned after today in the Autopsy's exam history, so study time is "
        "not checked against an exam date. Try a date here (it is not saved):",
        icon=":material/event:",
    )
    tried = st.date_input(
        "Exam date to plan for",
        value=None,
        min_value=today + timedelta(days=1),
        max_value=date(today.year + 3, 12, 31),
        key="week_try_exam",
    )
    if isinstance(tried, date):
        window = study_window_for_exam(tried, today, "exam", data=data)
else:
    st.markdown(
        f"**Study block:** {window.start:%d %b %Y} to the {window.exam} on "
        f"{window.end:%d %b %Y} ({window.weeks:.1f} weeks)."
    )


@st.fragment
def week_editor() -> None:
    """The grid, the hours chart and the warnings: they rerun together, alone."""
    week = state.week()
    header = st.columns([1.1] + [1] * 7)
    for column, day in zip(header[1:], DAYS, strict=True):
        column.markdown(f"**{DAY_LABELS[day][:3]}**")
    chosen: dict[str, dict[str, Domain]] = {day: {} for day in DAYS}
    for slot in SLOTS:
        row = st.columns([1.1] + [1] * 7)
        row[0].markdown(f"**{SLOT_LABELS[slot]}**")
        for column, plan in zip(row[1:], week.days, strict=True):
            value = column.selectbox(
                f"{DAY_LABELS[plan.day]} {SLOT_LABELS[slot].lower()}",
                DOMAINS,
                index=DOMAINS.index(plan.block(slot)),
                format_func=SHORT_LABELS.get,
                key=block_key(plan.day, slot),
                label_visibility="collapsed",
            )
            chosen[plan.day][slot] = value or plan.block(slot)
    updated = WeekPlan(
        days=tuple(
            DayPlan(
                day=day,
                morning=chosen[day]["morning"],
                afternoon=chosen[day]["afternoon"],
                evening=chosen[day]["evening"],
            )
            for day in DAYS
        )
    )
    if updated != week:
        state.set_week(updated)
    st.button(
        "Reset to the template",
        key="week_reset",
        on_click=reset_week,
        icon=":material/restart_alt:",
    )

    hours = hours_by_domain(updated, data)
    fit = study_fit(updated, window, data) if window is not None else None
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.plotly_chart(
            week_hours_chart(
                dict(hours),
                dict(DOMAIN_LABELS),
                needed_study_per_week=fit.needed_per_week if fit else None,
            ),
            key="week_hours_chart",
            width="stretch",
            config={"displayModeBar": False},
        )
        t = data.thresholds
        st.caption(
            f"A morning counts {t.morning_hours.value:g} h, an afternoon "
            f"{t.afternoon_hours.value:g} h, an evening {t.evening_hours.value:g} h; the "
            f"study block needs about {t.study_block_hours.value:g} h. All adjustable "
            "defaults. " + render.source_line([t.study_block_hours.source])
        )
    with right, st.container(key="week_warnings"):
        st.markdown("**Checks (R-70)**")
        warnings = week_warnings(updated, window, data)
        if not any(w.severity == "warning" for w in warnings):
            st.success(
                "Rest is protected, and the study hours fit the block.",
                icon=":material/check_circle:",
            )
        for warning in warnings:
            if warning.severity == "warning":
                st.warning(warning.message, icon=":material/warning:")
            else:
                st.info(warning.message, icon=":material/info:")


week_editor()

# --- the family script ------------------------------------------------------------
st.subheader("Explaining the year to family (R-71)")
st.caption(
    "Some relatives will not see why you are not a doctor yet. A few plain sentences, said "
    "the same way each time, save you from re-living the year in every conversation. "
    "It is written from your plan; edit it into your own words."
)
generated = family_script(profile, today)
saved = state.family_script()


def restore_script() -> None:
    state.set_family_script(None)
    st.session_state.pop(FAMILY_KEY, None)


script = st.text_area(
    "Your script",
    value=saved if saved is not None else generated,
    height=140,
    max_chars=1500,
    key=FAMILY_KEY,
)
script = script or ""
if script != (saved if saved is not None else generated):
    state.set_family_script(None if script == generated else script)
st.button(
    "Write it again from the plan",
    key="week_family_restore",
    on_click=restore_script,
    disabled=state.family_script() is None,
    icon=":material/autorenew:",
)
