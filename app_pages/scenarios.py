"""Scenarios: up to three named variants of the plan, compared side by side.

Every scenario runs through build_plan like the live plan, so "As planned" here
says what Overview, Programs and the Handout say.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from matchplan.planfile import MAX_SCENARIOS, Scenario
from matchplan.profile import FIRST_MATCH_YEAR, LAST_TARGET_MATCH_YEAR
from matchplan.reference import load_reference
from matchplan.scenarios import comparison, evaluate, suggested
from ui import render, state

ref = load_reference()
today = state.today()
stored = state.plan().scenarios

st.title("Scenarios")
st.caption(
    f"Compare up to {MAX_SCENARIOS} versions of the plan. Each runs through the same "
    "rules as the live plan; rows that differ are highlighted."
)
render.not_assessed()  # every scenario would read the same empty fields


def set_scenarios(scenarios: tuple[Scenario, ...]) -> None:
    state.update(scenarios=scenarios)


def add_suggested() -> None:
    set_scenarios(tuple(suggested(state.plan(), today, ref)))
    state.reset_widgets()


def add_current() -> None:
    current = suggested(state.plan(), today, ref)[0]
    name = f"Current plan {len(state.plan().scenarios) + 1}"
    set_scenarios((*state.plan().scenarios, current.model_copy(update={"name": name})))
    state.reset_widgets()


def remove(index: int) -> None:
    scenarios = state.plan().scenarios
    set_scenarios(scenarios[:index] + scenarios[index + 1 :])
    state.reset_widgets()


def edit(index: int, change: Callable[[Scenario, Any], dict[str, Any]]) -> state.Commit:
    """A commit that changes one scenario; it must still plan to be kept."""

    def commit(value: Any) -> None:
        scenarios = state.plan().scenarios
        old = scenarios[index]
        updated = Scenario.model_validate({**old.model_dump(), **change(old, value)})
        evaluate(state.plan(), updated, today)  # raises ValueError if it cannot be planned
        set_scenarios((*scenarios[:index], updated, *scenarios[index + 1 :]))

    return commit


if not stored:
    st.info(
        "No scenarios yet. Start from the suggestions: the plan as it stands, the same "
        "plan a cycle later, and the most realistic pivot.",
        icon=":material/compare:",
    )
    st.button(
        "Add the suggested scenarios",
        type="primary",
        key="scenarios_suggest",
        on_click=add_suggested,
    )

if stored:
    outcomes = []
    for scenario in stored:
        try:
            outcomes.append(evaluate(state.plan(), scenario, today))
        except ValueError as problem:  # the profile changed under a stored scenario
            st.warning(
                f"{render.plain(scenario.name, limit=60)} no longer fits the profile and is "
                f"left out: {render.plain(str(problem), limit=300)}",
                icon=":material/warning:",
            )
    if outcomes:
        rows, differing = comparison(outcomes)
        frame = pd.DataFrame(rows).set_index("What")
        # st.table renders cells as markdown: a scenario name is file text (issue 15).
        frame.columns = [render.plain(str(column), limit=60) for column in frame.columns]

        def highlight(row: pd.Series) -> list[str]:
            colour = "background-color: #FFF3C4; font-weight: 600"
            return [colour if row.name in differing else "" for _ in row]

        with st.container(key="scenarios_table"):
            st.table(frame.style.apply(highlight, axis=1))
        st.caption(
            "Highlighted: rows where the scenarios differ. Risk tiers are as assessed; the "
            "scenario's what-ifs show in their own row. "
            + render.source_line(["article", "aamc-eras-fees-2026"])
        )
        for outcome in outcomes:
            if outcome.problem:
                st.warning(
                    f"{render.plain(outcome.name, limit=60)}: "
                    f"{render.plain(outcome.problem, limit=400)}"
                )

    st.subheader("Edit scenarios")
    specialties: dict[str, str] = {s.id: s.name for s in ref.specialties}
    specialty_ids = list(specialties)
    for index, scenario in enumerate(stored):
        label = render.plain(scenario.name, limit=60)
        with st.expander(label, icon=":material/tune:"):
            st.text_input(
                "Name",
                value=scenario.name,
                max_chars=60,
                **state.bind(f"scenarios_name_{index}", edit(index, lambda _, v: {"name": v})),
            )
            state.error(f"scenarios_name_{index}")
            c1, c2 = st.columns(2)
            c1.selectbox(
                "Target specialty",
                specialty_ids,
                index=specialty_ids.index(scenario.target_specialty),
                format_func=specialties.__getitem__,
                **state.bind(
                    f"scenarios_specialty_{index}",
                    edit(index, lambda _, v: {"target_specialty": v}),
                ),
            )
            c2.number_input(
                "Target Match year",
                min_value=FIRST_MATCH_YEAR + 1,
                max_value=LAST_TARGET_MATCH_YEAR,
                value=scenario.target_match_year,
                step=1,
                **state.bind(
                    f"scenarios_year_{index}",
                    edit(index, lambda _, v: {"target_match_year": int(v)}),
                ),
            )
            state.error(f"scenarios_specialty_{index}")
            state.error(f"scenarios_year_{index}")
            st.date_input(
                "Exam date",
                value=scenario.timeline.exam_date,
                format="DD/MM/YYYY",
                **state.bind(
                    f"scenarios_exam_{index}",
                    edit(
                        index,
                        lambda s, v: {"timeline": {**s.timeline.model_dump(), "exam_date": v}},
                    ),
                ),
            )
            state.error(f"scenarios_exam_{index}")
            c3, c4 = st.columns(2)
            c3.toggle(
                "Assume Step 3 passed",
                value=scenario.what_if.pass_step3,
                **state.bind(
                    f"scenarios_step3_{index}",
                    edit(
                        index, lambda s, v: {"what_if": {**s.what_if.model_dump(), "pass_step3": v}}
                    ),
                ),
            )
            c4.toggle(
                "Assume recent US clinical work",
                value=scenario.what_if.recent_us_clinical,
                **state.bind(
                    f"scenarios_clinical_{index}",
                    edit(
                        index,
                        lambda s, v: {
                            "what_if": {**s.what_if.model_dump(), "recent_us_clinical": v}
                        },
                    ),
                ),
            )
            state.error(f"scenarios_step3_{index}")
            st.button(
                "Remove", key=state.key(f"scenarios_remove_{index}"), on_click=remove, args=(index,)
            )

    if len(stored) < MAX_SCENARIOS:
        st.button(
            "Add the current plan as a scenario", key="scenarios_add_current", on_click=add_current
        )
