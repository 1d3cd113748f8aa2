"""Scenarios: up to three named variants of the plan, compared side by side (issue 6)."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from matchplan.planfile import MAX_SCENARIOS, Scenario
from matchplan.profile import field_errors
from matchplan.reference import load_reference
from matchplan.scenarios import comparison, evaluate, suggested
from ui import planio, render, state

ref = load_reference()
today = state.today()
profile = state.profile()
stored = planio.scenarios()

st.title("Scenarios")
st.caption(
    f"Compare up to {MAX_SCENARIOS} versions of the plan. Each runs through the same "
    "rules as the live plan; rows that differ are highlighted."
)

if not stored:
    st.info(
        "No scenarios yet. Start from the suggestions: the plan as it stands, the same "
        "plan a cycle later, and the most realistic pivot.",
        icon=":material/compare:",
    )
    if st.button("Add the suggested scenarios", type="primary", key="scenarios_suggest"):
        planio.set_scenarios(
            tuple(suggested(profile, state.timeline_plan(), state.what_if(), today, ref))
        )
        st.rerun()

if stored:
    outcomes = []
    for scenario in stored:
        try:
            outcomes.append(evaluate(profile, scenario, today, ref))
        except ValueError as problem:  # the profile changed under a stored scenario
            st.warning(
                f"{scenario.name} no longer fits the profile and is left out: {problem}",
                icon=":material/warning:",
            )
    if outcomes:
        rows, differing = comparison(outcomes)
        frame = pd.DataFrame(rows).set_index("What")

        def highlight(row: pd.Series) -> list[str]:
            colour = "background-color: #FFF3C4; font-weight: 600"
            return [colour if row.name in differing else "" for _ in row]

        with st.container(key="scenarios_table"):
            st.table(frame.style.apply(highlight, axis=1))
        st.caption(
            "Highlighted: rows where the scenarios differ. "
            + render.source_line(["article", "aamc-eras-fees-2026"])
        )
        for outcome in outcomes:
            if outcome.problem:
                st.warning(f"{outcome.name}: {outcome.problem}")

    st.subheader("Edit scenarios")
    specialties = {s.id: s.name for s in ref.specialties}
    for index, scenario in enumerate(stored):
        with st.expander(scenario.name, icon=":material/tune:"), st.form(f"scenarios_edit_{index}"):
            name = st.text_input(
                "Name", value=scenario.name, max_chars=60, key=f"scenarios_name_{index}"
            )
            c1, c2 = st.columns(2)
            specialty = c1.selectbox(
                "Target specialty",
                list(specialties),
                index=list(specialties).index(scenario.target_specialty),
                format_func=specialties.get,
                key=f"scenarios_specialty_{index}",
            )
            year = c2.number_input(
                "Target Match year",
                min_value=2016,
                max_value=2045,
                value=scenario.target_match_year,
                step=1,
                key=f"scenarios_year_{index}",
            )
            exam_date = st.date_input(
                "Exam date", value=scenario.timeline.exam_date, key=f"scenarios_exam_{index}"
            )
            c3, c4 = st.columns(2)
            step3 = c3.toggle(
                "Assume Step 3 passed",
                value=scenario.what_if.pass_step3,
                key=f"scenarios_step3_{index}",
            )
            clinical = c4.toggle(
                "Assume recent US clinical work",
                value=scenario.what_if.recent_us_clinical,
                key=f"scenarios_clinical_{index}",
            )
            save, remove = st.columns(2)
            if save.form_submit_button("Save scenario", type="primary"):
                try:
                    updated = Scenario(
                        name=name,
                        target_specialty=specialty,
                        target_match_year=int(year),
                        timeline=scenario.timeline.model_copy(update={"exam_date": exam_date}),
                        what_if=scenario.what_if.model_copy(
                            update={"pass_step3": step3, "recent_us_clinical": clinical}
                        ),
                    )
                    evaluate(profile, updated, today, ref)  # must be plannable to be kept
                except (ValidationError, ValueError) as exc:
                    messages = (
                        field_errors(exc, Scenario) if isinstance(exc, ValidationError) else []
                    )
                    for problem in messages or [str(exc)]:
                        st.error(getattr(problem, "message", problem))
                else:
                    planio.set_scenarios((*stored[:index], updated, *stored[index + 1 :]))
                    state.flash(f"Saved the scenario {updated.name}.")
                    st.rerun()
            if remove.form_submit_button("Remove"):
                planio.set_scenarios(stored[:index] + stored[index + 1 :])
                st.rerun()

    if len(stored) < MAX_SCENARIOS and st.button(
        "Add the current plan as a scenario", key="scenarios_add_current"
    ):
        current = suggested(profile, state.timeline_plan(), state.what_if(), today, ref)[0]
        planio.set_scenarios(
            (*stored, current.model_copy(update={"name": f"Current plan {len(stored) + 1}"}))
        )
        st.rerun()
