"""Rendering for the Programs page: the count, interviews, fees, signals, the list's
editor frame and its mix. No rules: every number comes from ``build_plan``'s result
(and the sentences that quote thresholds from ``matchplan.views_planning``)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

from matchplan import views_planning as views
from matchplan.charts import fee_chart, program_count_chart
from matchplan.mix_charts import division_chart, mix_chart
from matchplan.plan import PlanResult
from matchplan.programs import (
    PROGRAM_TYPES,
    SETTINGS,
    TEMPLATE_COLUMNS,
    ListImport,
    ProgramRow,
    parse_program_csv,
    program_data,
    validate_program_rows,
)
from matchplan.textsafe import plain_text
from ui import planio, render, state

UPLOADS = "programs_csv_count"
"""How many CSVs were read: the uploader's key rotates after each (like ui.planio)."""
IMPORTED = "programs_csv_import"


def upload_count() -> int:
    return int(st.session_state.get(UPLOADS, 0))


def chart(fig: Any, key: str) -> None:
    render.chart(fig, key)  # enlarged in screen-share mode like every other chart


def how_many(result: PlanResult) -> None:
    programs = result.programs
    total = programs.total
    last = result.profile.last_cycle.programs_applied
    m1, m2, m3 = st.columns(3)
    m1.metric(
        "Recommended programs",
        total.recommended,
        delta=f"{total.recommended - last:+d} vs last cycle",
        delta_color="off",
        border=True,
    )
    m2.metric("Range", f"{total.min}-{total.max}", border=True)
    m3.metric("Last cycle", last, border=True)
    if programs.dual:
        st.markdown(
            "Split: "
            + " + ".join(f"**{p.count.recommended}** {p.name} ({p.role})" for p in programs.parts)
            + f" = {total.recommended}."
        )
    chart(program_count_chart(programs, views.what_if_total(result)), "programs_count_chart")
    render.reasons(programs.reasons)


def interviews_after(result: PlanResult, column: Any) -> None:
    """The metrics and notes that follow the two interview inputs."""
    needed = result.interviews.applications_needed
    column[0].metric("Applications for that target", "—" if needed is None else needed, border=True)
    column[1].metric(render.words("Tier count (R-50/R-51)"), result.program_total, border=True)
    st.caption(views.interview_caption(result))
    warning = views.interview_warning(result)
    if warning:
        st.warning(warning)
    st.caption(render.source_line([program_data().interview_targets.source, "article"]))


def fees(result: PlanResult) -> None:
    scenarios = views.fee_scenarios(result)
    for column, (label, breakdown) in zip(st.columns(len(scenarios)), scenarios, strict=True):
        column.metric(
            f"{label}: total",
            f"${breakdown.total:,}",
            help=f"Program fees ${breakdown.program_fees:,} + transcript "
            f"${breakdown.transcript_fee:,}",
            border=True,
        )
    chart(
        fee_chart(scenarios, order=[p.specialty_id for p in result.programs.parts]),
        "programs_fee_chart",
    )
    st.markdown(views.fee_schedule_text(result))
    for note in sorted({n for _, breakdown in scenarios for n in breakdown.notes}):
        st.caption(note)  # core notes quote file text through markdown_safe already
    later = views.fee_later_season_note(result)
    if later:
        st.caption(later)
    schedule = program_data().fees
    st.caption(render.source_line([schedule.source, schedule.transcript_fee.source]))


def signals(result: PlanResult) -> None:
    year = result.profile.target_match_year
    for column, advice in zip(st.columns(len(result.signals)), result.signals, strict=True):
        with column, st.container(border=True):
            st.metric(f"{advice.name}: signals", advice.label)
            for line in advice.advice:
                st.markdown(f"- {line}")
            if advice.assumed_for_later_season:
                st.caption(
                    f"From the {advice.season} season's table; the table for the "
                    f"{year} Match is not confirmed, so MatchPlan assumes it still holds."
                )
            st.caption(render.source_line(advice.sources))


def list_editor(result: PlanResult) -> None:
    """The list as an editable table; valid rows are kept in the plan as they are typed."""
    st.markdown("**The list** (edit, add or delete rows; the mix below follows)")
    editor = f"programs_editor_{upload_count()}"  # a new upload, a new editor
    edited = st.data_editor(
        frame(state.editor_base(editor, result.plan.program_list)),
        num_rows="dynamic",
        hide_index=True,
        key=state.key(editor),
        width="stretch",
        column_config=editor_columns(),
    )
    rows, row_errors = validate_program_rows(records(edited))
    if rows != state.plan().program_list:
        state.commit_now(editor, state.plan_field("program_list"), rows)
        state.error(editor)
    if row_errors:
        st.warning("Some rows are not counted until fixed:", icon=":material/warning:")
        problems([(e.line, e.message) for e in row_errors], "Row", "programs_editor_errors")


def frame(rows: tuple[ProgramRow, ...]) -> pd.DataFrame:
    table = pd.DataFrame([r.model_dump() for r in rows], columns=list(TEMPLATE_COLUMNS))
    return table.astype({"signal": bool})


def records(edited: pd.DataFrame) -> list[tuple[int, dict[str, Any]]]:
    """Editor rows as (row number, values), empty cells as None, blank rows skipped."""
    out: list[tuple[int, dict[str, Any]]] = []
    for number, row in enumerate(edited.to_dict("records"), start=1):
        values = {
            str(k): None if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()
        }
        if any(v not in (None, "", False) for v in values.values()):
            out.append((number, values))
    return out


def editor_columns() -> dict[str, Any]:
    return {
        "program": st.column_config.TextColumn("Program", max_chars=200, required=True),
        "state": st.column_config.SelectboxColumn(
            "State", options=views.state_codes(), help="Two-letter postal code"
        ),
        "type": st.column_config.SelectboxColumn("Type", options=list(PROGRAM_TYPES)),
        "setting": st.column_config.SelectboxColumn("Setting", options=list(SETTINGS)),
        "connection": st.column_config.TextColumn("Connection", max_chars=200),
        "signal": st.column_config.CheckboxColumn("Signal", default=False),
    }


def problems(rows: list[tuple[int, str]], heading: str, key: str) -> None:
    st.dataframe(
        # A table shows text as it is: undo the markdown escaping of core messages.
        pd.DataFrame([{heading: line, "Problem": plain_text(message)} for line, message in rows]),
        hide_index=True,
        width="stretch",
        key=key,
    )


def mix(result: PlanResult) -> None:
    found = result.mix
    if found is None:
        st.info("Add programs above or upload a CSV to see the list's mix against the target.")
        return
    allowed = views.signals_allowed(result)
    with st.container(key="programs_mix"):
        s1, s2, s3, s4 = st.columns(4)
        s1.metric("Programs in the list", found.programs, border=True)
        s2.metric("States", len(found.states), border=True)
        s3.metric(
            "Census divisions", f"{found.divisions_used} of {len(found.divisions)}", border=True
        )
        s4.metric("Signals marked", f"{found.signals_marked} of {allowed}", border=True)
        left, right = st.columns(2)
        with left:
            chart(mix_chart(found), "programs_mix_chart")
        with right:
            chart(division_chart(found), "programs_division_chart")
        if found.outside_divisions:
            st.caption(
                f"{found.outside_divisions} program(s) in territories outside the divisions."
            )
        if found.findings:
            render.reasons(found.findings)
        else:
            st.success("The list's mix is within the target for this tier.")
        data = program_data()
        st.caption(render.source_line([data.target_mix.source, data.census_divisions.source]))


def uploader_key() -> str:
    return f"programs_csv.{upload_count()}"


def on_csv() -> None:
    """Read the uploaded list once, commit its rows, then clear the uploader."""
    key = uploader_key()
    uploaded = st.session_state.get(key)
    st.session_state.pop(key, None)
    st.session_state[UPLOADS] = upload_count() + 1
    if uploaded is None:
        return
    imported = parse_program_csv(planio.release(uploaded))
    if not imported.problem:
        try:
            state.update(program_list=imported.rows)
        except ValueError as exc:  # ValidationError included
            imported = ListImport(problem=state.message_of(exc))
    # The report belongs to this revision of the plan: a loaded plan does not show it.
    st.session_state[IMPORTED] = (state.key("programs_csv"), imported)


def import_report() -> None:
    report = st.session_state.get(IMPORTED)
    if not report or report[0] != state.key("programs_csv"):
        return
    imported: ListImport = report[1]
    if imported.problem:
        st.error(render.plain(imported.problem, limit=600), icon=":material/error:")
        return
    st.success(
        f"Loaded {len(imported.rows)} program(s) from the file"
        + (f"; {len(imported.errors)} line(s) need fixing." if imported.errors else "."),
        icon=":material/check_circle:",
    )
    for note in imported.notes:
        st.caption(render.plain(note, limit=300))
    if imported.errors:
        problems([(e.line, e.message) for e in imported.errors], "Line", "programs_csv_errors")
