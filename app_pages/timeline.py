"""Timeline: the exam-timing planner and the 12-18 month Gantt (R-30..R-39).

Moving the exam date, the target cycle or the gap-year role re-plans at once.
A date that cannot be placed is named at its field; the last valid plan stays.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from matchplan.calendar_export import milestones_to_ics
from matchplan.cycles import CYCLE_EVENTS, EVENT_LABELS, cycle_calendar
from matchplan.profile import CURRENT_ROLE_LABELS, STEP_LABELS, field_errors, with_changes
from matchplan.reference import StepId, load_reference
from matchplan.timeline import (
    GapRole,
    PlanDateError,
    Timeline,
    TimelinePlan,
    build_timeline,
    default_plan,
    last_exam_date,
)
from matchplan.timeline_charts import chance_chart, gantt_chart
from ui import render, state

today = state.today()

ROLE_LABELS = CURRENT_ROLE_LABELS
VERDICT_ICONS = {
    "strong": ":material/verified:",
    "useful": ":material/thumb_up:",
    "weak": ":material/error:",
    "wasteful": ":material/block:",
}

st.title("Timeline")
st.caption(
    "Plan backwards from the day programs first review applications. Everything on "
    "this page updates as you move it."
)


def target_year_control() -> None:
    """The target cycle belongs to the profile: change it through validation."""
    profile = state.profile()
    last = profile.last_cycle.match_year
    years = list(range(last + 1, last + 4))
    if profile.target_match_year not in years:
        years.append(profile.target_match_year)
    chosen = st.selectbox(
        "Target Match",
        years,
        index=years.index(profile.target_match_year),
        format_func=lambda y: f"{y} Match (applications open Sept {y - 1})",
        key="timeline_target_year",
    )
    if chosen != profile.target_match_year:
        try:
            state.set_profile(with_changes(profile, {"target_match_year": chosen}, today))
        except ValidationError as exc:
            for error in field_errors(exc):
                st.error(error.message)


def plan_controls(plan: TimelinePlan) -> TimelinePlan:
    """Widgets for the plan's choices; returns the plan they describe."""
    profile = state.profile()
    calendar = cycle_calendar(profile.target_match_year, plan.calendar_overrides)
    last_exam_day = last_exam_date(calendar)
    steps: list[StepId | None] = [s for s in ("step1", "step2ck", "step3") if not profile.passed(s)]
    steps.append(None)
    step = plan.exam_step if plan.exam_step in steps else steps[0]
    c1, c2 = st.columns([1, 2])
    chosen_step = c1.selectbox(
        "Exam to time",
        steps,
        index=steps.index(step),
        format_func=lambda s: STEP_LABELS[s] if s else "No exam to time",
        key="timeline_exam_step",
    )
    exam_date = plan.exam_date
    if chosen_step is not None and today < last_exam_day:
        start = min(max(exam_date or today, today), last_exam_day)
        exam_date = c2.slider(
            "Exam date",
            min_value=today,
            max_value=last_exam_day,
            value=start,
            step=timedelta(days=7),
            format="DD MMM YYYY",
            key="timeline_exam_date",
        )
    study = c1.slider(
        "Study block (months, R-33)",
        3.0,
        4.0,
        plan.study_months,
        step=0.5,
        key="timeline_study_months",
    )
    letters = c2.date_input(
        "Letter requests go out on", value=plan.letter_request_date, key="timeline_letters"
    )
    step3_date = plan.step3_date
    if chosen_step not in (None, "step3") and not profile.passed("step3"):
        if st.toggle(
            "Also plan Step 3 before applying",
            value=step3_date is not None,
            key="timeline_step3_on",
        ):
            step3_date = st.date_input(
                "Step 3 date",
                value=step3_date or today + timedelta(weeks=20),
                key="timeline_step3_date",
            )
        else:
            step3_date = None
    return plan.model_copy(
        update={
            "exam_step": chosen_step,
            "exam_date": exam_date if chosen_step else None,
            "study_months": study,
            "letter_request_date": letters,
            "step3_date": step3_date,
        }
    )


def role_controls(plan: TimelinePlan) -> GapRole:
    st.markdown("**Gap-year role (R-38)**")
    role = plan.role
    kinds = list(ROLE_LABELS)
    kind = st.selectbox(
        "Role",
        kinds,
        index=kinds.index(role.kind),
        format_func=ROLE_LABELS.get,
        key="timeline_role_kind",
    )
    c1, c2 = st.columns(2)
    values = role.model_dump()
    if kind == "research":
        values["in_target_specialty"] = c1.checkbox(
            "In the target specialty", value=role.in_target_specialty, key="timeline_role_target"
        )
        values["department_has_program"] = c1.checkbox(
            "In a department with a residency program",
            value=role.department_has_program,
            key="timeline_role_program",
        )
        values["visible_to_selection_faculty"] = c2.checkbox(
            "Seen by faculty who select residents",
            value=role.visible_to_selection_faculty,
            key="timeline_role_visible",
        )
        values["produces_output"] = c2.checkbox(
            "Produces abstracts or papers", value=role.produces_output, key="timeline_role_output"
        )
        values["remote"] = c1.checkbox(
            "Remote, without faculty contact", value=role.remote, key="timeline_role_remote"
        )
    elif kind in ("clinical_job", "observership", "non_clinical_job"):
        values["paired_with_observership"] = c1.checkbox(
            "Paired with a targeted observership",
            value=role.paired_with_observership,
            key="timeline_role_paired",
        )
    values["kind"] = kind
    return GapRole.model_validate(values)


def override_controls(plan: TimelinePlan) -> dict[str, date]:
    """The advisor may replace any cycle date for this session (R-39)."""
    profile = state.profile()
    calendar = cycle_calendar(profile.target_match_year)
    overrides = dict(plan.calendar_overrides)
    with st.expander("Advisor: override cycle dates", icon=":material/edit_calendar:"):
        st.caption(
            "Use when a date is announced that MatchPlan does not have yet. Overrides "
            "last for this session and are marked as such."
        )
        columns = st.columns(2)
        for index, event in enumerate(CYCLE_EVENTS):
            current = overrides.get(event, calendar[event])
            picked = columns[index % 2].date_input(
                EVENT_LABELS[event], value=current, key=f"timeline_override_{event}"
            )
            if picked != calendar[event]:
                overrides[event] = picked
            else:
                overrides.pop(event, None)
    return overrides


def show_results(timeline: Timeline) -> None:
    d = timeline.deadlines
    exam = timeline.exam
    cols = st.columns(4)
    cols[0].metric(
        "Latest exam date, typical delay",
        f"{d.latest_typical:%d %b %Y}",
        help=f"Review day minus {d.typical_weeks} weeks (R-30).",
    )
    cols[1].metric(
        "Latest exam date, safe delay",
        f"{d.latest_safe:%d %b %Y}",
        help=f"Review day minus {d.safe_weeks} weeks: plan with this one (R-30).",
    )
    if exam is not None:
        cols[2].metric(
            "Score reported (typical)",
            f"{exam.report_typical:%d %b %Y}",
            help=f"Safe: {exam.report_safe:%d %b %Y}. Scores post on Wednesdays.",
        )
        with cols[3], st.container(key="timeline_chance"):
            st.metric(
                "Relative interview chance",
                f"{exam.chance.value}",
                help="Illustrative (article §4.1).",
            )
            st.caption(f"Score arrives {exam.chance.words}.")
    st.caption(
        render.source_line(
            [
                timeline.calendar.dates["review_opens"].source,
                load_reference().usmle.report_delay_weeks_typical.source,
                "ecfmg-score-wednesdays",
            ]
        )
    )

    with st.container(key="timeline_warnings"):
        if not timeline.warnings:
            st.success("Every milestone meets its date.", icon=":material/event_available:")
        for warning in timeline.warnings:
            st.warning(f"**{warning.rule}** · {warning.text}", icon=":material/warning:")
            line = render.source_line(warning.sources)
            if line:
                st.caption(line)
        missed = [m for m in timeline.milestones if m.missed]
        for milestone in missed:
            st.error(
                f"Misses its date: {milestone.name}. {milestone.reason}",
                icon=":material/event_busy:",
            )

    render.chart(gantt_chart(timeline, today), key="timeline_gantt")
    left, right = st.columns([3, 2])
    with left:
        if exam is not None:
            render.chart(chance_chart(timeline), key="timeline_chance_chart")
            st.caption(render.source_line(["article"]) + " · illustrative curve")
    with right:
        alternative = timeline.alternative
        if alternative is not None:
            with st.container(border=True, key="timeline_alternative"):
                st.markdown(f"**Alternative: reapply for the {alternative.match_year} Match**")
                st.markdown(
                    f"Programs review from {alternative.review_day:%d %b %Y}; the same "
                    f"exam date would reach them {alternative.chance.words} "
                    f"(chance {alternative.chance.value}). Use the extra year for "
                    "clinical work, letters and Step 3."
                )
        step3 = timeline.step3
        with st.container(border=True):
            verdict = "Recommended" if step3.recommended else "Not recommended now"
            st.markdown(f"**Step 3 before reapplying (R-35): {verdict}**")
            for reason in step3.reasons:
                st.markdown(f"- {reason}")
        role = timeline.role
        with st.container(border=True):
            st.markdown(f"{VERDICT_ICONS[role.verdict]} **Role: {role.verdict}** · {role.advice}")
            for item in role.met:
                st.markdown(f"- :material/check: {item}")
            for item in role.missing:
                st.markdown(f"- :material/close: {item}")

    st.download_button(
        "Download the milestones (.ics)",
        data=milestones_to_ics(timeline, today),
        file_name=f"matchplan-{timeline.match_year}-match.ics",
        mime="text/calendar",
        icon=":material/download:",
        key="timeline_ics",
    )
    with st.expander("The cycle's dates, with their sources"):
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Event": EVENT_LABELS[e],
                        "Date": c.date,
                        "Status": (
                            "advisor override"
                            if c.source == "advisor"
                            else "estimate"
                            if c.estimated
                            else "published"
                        ),
                        "Source": render.source_line([c.source]).removeprefix("Source: "),
                    }
                    for e, c in timeline.calendar.dates.items()
                ]
            ),
            hide_index=True,
            width="stretch",
        )


@st.fragment
def planner() -> None:
    """Controls and charts re-run together, without redrawing the rest of the app."""
    target_year_control()
    plan = state.timeline_plan()
    with st.container(border=True):
        candidate = plan_controls(plan)
        candidate = candidate.model_copy(
            update={"role": role_controls(plan), "calendar_overrides": override_controls(plan)}
        )
    try:
        timeline = build_timeline(state.profile(), candidate, today)
    except PlanDateError as problem:
        st.error(
            f"{problem} The timeline below still shows the last plan that worked.",
            icon=":material/event_busy:",
        )
        try:
            timeline = build_timeline(state.profile(), plan, today)
        except PlanDateError:  # the target cycle moved under the old plan
            plan = default_plan(state.profile(), today)
            state.set_timeline_plan(plan)
            timeline = build_timeline(state.profile(), plan, today)
    else:
        state.set_timeline_plan(candidate)
    show_results(timeline)


planner()
