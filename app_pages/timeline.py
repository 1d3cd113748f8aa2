"""Timeline: the exam-timing planner and the 12-18 month Gantt (R-30..R-39).

Every control is bound to the plan (``state.bind``): an edit builds the new timeline
choices from the result's, and ``views_planning.timeline_candidate`` checks them before
they are kept. A date that cannot be placed is named at its field; the last valid
plan stays. Date inputs live outside the fragment; the sliders that drive the charts
re-run with them in it.

Issue 14 tried lazy expanders for the cycle-date overrides and the cycle's table, and
the .ics button outside the fragment (commit 58a6f8d): with them a letter date typed
then left by a page click stayed on this page in about half the runs of
tests/test_browser_timeline.py, so they wait until that race is understood.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from matchplan import views_planning as views
from matchplan.calendar_export import milestones_to_ics
from matchplan.cycles import CYCLE_EVENTS, EVENT_LABELS
from matchplan.profile import CURRENT_ROLE_LABELS, STEP_LABELS
from matchplan.reference import CycleEvent
from matchplan.timeline import role_options
from ui import render, state
from ui import timeline_view as view

st.title("Timeline")
render.not_assessed()  # no retake plan for an exam history not entered
st.caption(
    "Plan backwards from the day programs first review applications. Everything on "
    "this page updates as you move it."
)


def timeline_edit(field: str) -> state.Commit:
    """A commit that changes one timeline choice, checked against the cycle first."""

    def commit(value: Any) -> None:
        state.update(timeline=views.timeline_candidate(state.result(), {field: value}))

    return commit


def exam_step_commit(step: Any) -> None:
    result = state.result()
    changes = {"exam_step": step, "exam_date": views.exam_date_for(result, step)}
    state.update(timeline=views.timeline_candidate(result, changes))


def step3_commit(on: bool) -> None:
    timeline_edit("step3_date")(views.step3_default_date(state.today()) if on else None)


def role_commit(fact: str) -> state.Commit:
    def commit(value: bool) -> None:
        result = state.result()
        role = result.timeline_plan.role.model_copy(update={fact: value})
        state.update(timeline=views.timeline_candidate(result, {"role": role.model_dump()}))

    return commit


def override_commit(event: CycleEvent) -> state.Commit:
    def commit(value: date | None) -> None:
        result = state.result()
        overrides = views.overrides_with(result, event, value)
        state.update(timeline=views.timeline_candidate(result, {"calendar_overrides": overrides}))

    return commit


result = state.result()
profile = result.profile
plan = result.timeline_plan
for repair in result.timeline_repairs:
    st.info(repair, icon=":material/build:")

c1, c2 = st.columns([1, 2])
years = views.target_years(profile)
c1.selectbox(
    "Target Match",
    years,
    index=years.index(profile.target_match_year),
    format_func=lambda y: f"{y} Match (applications open Sept {y - 1})",
    **state.bind("timeline_target_year", state.profile_field("target_match_year")),
)
state.error("timeline_target_year")
steps = list(result.exam_steps)
c2.selectbox(
    "Exam to time",
    steps,
    index=steps.index(plan.exam_step) if plan.exam_step in steps else 0,
    format_func=lambda s: STEP_LABELS[s] if s else "No exam to time",
    **state.bind("timeline_exam_step", exam_step_commit),
)
state.error("timeline_exam_step")

with st.expander("Letters, Step 3 and the gap-year role", expanded=True):
    d1, d2 = st.columns(2)
    d1.date_input(
        "Letter requests go out on",
        value=plan.letter_request_date,
        format="DD/MM/YYYY",
        **state.bind("timeline_letters", timeline_edit("letter_request_date")),
    )
    with d1:
        state.error("timeline_letters")
    if views.step3_plannable(result):
        with d2:
            st.toggle(
                "Also plan Step 3 before applying",
                value=plan.step3_date is not None,
                **state.bind("timeline_step3_on", step3_commit),
            )
            state.error("timeline_step3_on")
            if plan.step3_date is not None:
                st.date_input(
                    "Step 3 date",
                    value=plan.step3_date,
                    format="DD/MM/YYYY",
                    **state.bind("timeline_step3_date", timeline_edit("step3_date")),
                )
                state.error("timeline_step3_date")
    st.markdown(render.words("**Gap-year role (R-38)**"))
    kinds = list(role_options(profile))  # the article's IMG roles first for an IMG
    st.selectbox(
        "Role",
        kinds,
        index=kinds.index(profile.clinical.current_role),
        format_func=CURRENT_ROLE_LABELS.__getitem__,
        help="The profile's current role: the same field as on Autopsy.",
        **state.bind("timeline_role_kind", state.profile_field("clinical.current_role")),
    )
    state.error("timeline_role_kind")
    facts = views.role_facts(profile.clinical.current_role)
    fact_columns = st.columns(2)
    for index, fact in enumerate(facts):
        with fact_columns[index % 2]:
            st.checkbox(
                view.ROLE_FACT_LABELS[fact],
                value=bool(getattr(plan.role, fact)),
                **state.bind(f"timeline_role_{fact}", role_commit(fact)),
            )
            state.error(f"timeline_role_{fact}")

with st.expander("Advisor: override cycle dates", icon=":material/edit_calendar:"):
    st.caption(
        "Use when a date is announced that MatchPlan does not have yet. Overrides "
        "are kept in the plan file and marked as such."
    )
    columns = st.columns(2)
    for index, event in enumerate(CYCLE_EVENTS):
        with columns[index % 2]:
            st.date_input(
                EVENT_LABELS[event],
                value=result.timeline.calendar[event],
                format="DD/MM/YYYY",
                **state.bind(f"timeline_override_{event}", override_commit(event)),
            )
            state.error(f"timeline_override_{event}")


@st.fragment
def planner() -> None:
    """The sliders and what they move re-run together, without redrawing the page."""
    result = state.result()
    plan = result.timeline_plan
    s1, s2 = st.columns([1, 2])
    s1.slider(
        render.words("Study block (months, R-33)"),
        3.0,
        4.0,
        plan.study_months,
        step=0.5,
        **state.bind("timeline_study_months", timeline_edit("study_months")),
    )
    slider = views.exam_slider(result)
    if slider is not None:
        s2.slider(
            "Exam date",
            min_value=slider.first,
            max_value=slider.last,
            value=slider.value,
            step=views.WEEK,
            format="DD MMM YYYY",
            **state.bind("timeline_exam_date", timeline_edit("exam_date")),
        )
        with s2:
            state.error("timeline_exam_date")
    view.results(result.timeline, result.today)
    timeline, today = result.timeline, result.today
    st.download_button(  # built at the click, off the session: it captures this run's timeline
        "Download the milestones (.ics)",
        data=lambda: milestones_to_ics(timeline, today),
        file_name=f"matchplan-{timeline.match_year}-match.ics",
        mime="text/calendar",
        on_click="ignore",
        icon=":material/download:",
        key="timeline_ics",
    )


planner()
view.cycle_dates(result.timeline)
