"""Programs: how many (R-50..R-52), the interviews they are for, what they cost (R-54),
signals (R-55), and the list itself with its mix against the target (R-53)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st

from matchplan.assessment import assess
from matchplan.charts import division_chart, fee_chart, mix_chart, program_count_chart
from matchplan.pathway import pathway
from matchplan.programs import (
    PROGRAM_TYPES,
    SETTINGS,
    TEMPLATE_COLUMNS,
    ProgramRow,
    applications_for_interviews,
    dual_advised,
    eras_fees,
    interview_target,
    last_cycle_yield,
    list_mix,
    parse_program_csv,
    program_data,
    program_plan,
    rows_csv,
    signal_advice,
    specialty_fee,
    template_csv,
    validate_program_rows,
)
from matchplan.reference import Level, load_reference
from matchplan.whatif import apply_what_if
from ui import render, state

ref = load_reference()
data = program_data()
profile = state.profile()
today = state.today()
result = state.assessment()
target = ref.specialty(profile.target_specialty)
cycle = profile.last_cycle
path = pathway(profile, result, ref, data, state.path_override())
CHART_CONFIG = {"displayModeBar": False}
STATE_CODES = sorted(
    [c for states in data.census_divisions.divisions.values() for c in states]
    + list(data.census_divisions.territories)
)

st.title("Programs")
st.caption(
    "How many programs, of which kind, at what cost. Tier counts are the article's "
    "illustrative numbers (§7.1); values marked 'assumption' are MatchPlan defaults you "
    "can change here."
)

# --- what-ifs ----------------------------------------------------------------------------
tier_options: dict[str, Level] = {"assessed": result.overall}
risk_what_if = state.what_if()
if not risk_what_if.is_neutral:
    moved = apply_what_if(profile, risk_what_if, today)
    tier_options["risk_what_if"] = assess(moved.profile, today).overall
tier_options.update({"low": "low", "moderate": "moderate", "high": "high"})
tier_labels = {
    "assessed": f"As assessed ({result.overall})",
    "risk_what_if": f"With the Risk page's what-ifs ({tier_options.get('risk_what_if', '')})",
    "low": "Low (what-if)",
    "moderate": "Moderate (what-if)",
    "high": "High (what-if)",
}
c1, c2, c3 = st.columns(3)
tier_key = c1.selectbox(
    "Risk tier",
    list(tier_options),
    format_func=tier_labels.__getitem__,
    key="programs_tier",
    help="R-04's overall tier sets the count (R-50/R-51); try another to see what changes.",
)
level: Level = tier_options[tier_key]

second_id: str | None = None
if dual_advised(level, target):
    alternative_ids = [a.specialty_id for a in path.alternatives]
    others = [s.id for s in ref.specialties if s.id != target.id and s.id not in alternative_ids]
    second_options: list[str | None] = [*alternative_ids, *others, None]
    default_second = path.second_specialty if path.second_specialty in second_options else None
    second_id = c2.selectbox(
        "Second specialty (dual application, R-52)",
        second_options,
        index=second_options.index(default_second),
        format_func=lambda s: "None" if s is None else ref.specialty(s).name,
        key="programs_second",
    )
else:
    c2.markdown(f"**{target.name}** alone: no dual application at a {level} tier (R-52).")

default_what_if = (
    cycle.programs_applied + risk_what_if.extra_programs if risk_what_if.extra_programs else None
)
what_if_count = c3.number_input(
    f"What-if: programs in {target.name}",
    min_value=0,
    max_value=1000,
    value=default_what_if,
    step=5,
    placeholder="Empty: none",
    key="programs_whatif_count",
)

plan = program_plan(level, target.id, cycle.programs_applied, ref, data, second_id=second_id)
total = plan.total
what_if_counts: dict[str, int] | None = None
if what_if_count is not None:
    what_if_counts = {**plan.counts(), target.id: int(what_if_count)}

# --- how many ----------------------------------------------------------------------------
st.subheader("How many programs")
m1, m2, m3 = st.columns(3)
m1.metric(
    "Recommended programs",
    total.recommended,
    delta=f"{total.recommended - cycle.programs_applied:+d} vs last cycle",
    delta_color="off",
    border=True,
)
m2.metric("Range", f"{total.min}-{total.max}", border=True)
m3.metric("Last cycle", cycle.programs_applied, border=True)
if plan.dual:
    st.markdown(
        "Split: "
        + " + ".join(f"**{p.count.recommended}** {p.name} ({p.role})" for p in plan.parts)
        + f" = {total.recommended}."
    )
st.plotly_chart(
    program_count_chart(plan, sum(what_if_counts.values()) if what_if_counts is not None else None),
    key="programs_count_chart",
    width="stretch",
    config=CHART_CONFIG,
)
render.reasons(plan.reasons)

# --- interviews -------------------------------------------------------------------------
st.subheader("Interviews, not only applications")
st.caption(
    "Programs are a means; interviews are what match. Both numbers below are assumptions "
    "the advisor can change."
)
own_yield = last_cycle_yield(profile)
assumed_yield = ref.thresholds.min_interview_yield.value
i1, i2, i3, i4 = st.columns(4)
interviews_wanted = i1.number_input(
    "Interviews to aim for (assumption)",
    min_value=1,
    max_value=40,
    value=interview_target(target, data),
    step=1,
    key="programs_interview_target",
    help=data.interview_targets.note,
)
yield_default = round(100 * own_yield, 1) if own_yield else round(100 * assumed_yield, 1)
yield_percent = i2.number_input(
    "Interview yield, % of applications",
    min_value=0.0,
    max_value=100.0,
    value=yield_default,
    step=0.5,
    format="%.1f",
    key="programs_yield",
    help="Last cycle's interview offers per application; change it to plan for a better one.",
)
needed = applications_for_interviews(int(interviews_wanted), float(yield_percent) / 100)
i3.metric(
    "Applications for that target",
    "—" if needed is None else needed,
    border=True,
)
i4.metric("Tier count (R-50/R-51)", total.recommended, border=True)
if own_yield is None:
    st.caption(
        f"No applications last cycle, so the yield starts at an assumed "
        f"{assumed_yield:.0%} (R-07's threshold)."
    )
elif own_yield == 0:
    st.caption(
        f"No interview offers from {cycle.programs_applied} applications last cycle: "
        f"the yield starts at an assumed {assumed_yield:.0%} instead."
    )
else:
    st.caption(
        f"Last cycle: {cycle.interview_offers} offers from {cycle.programs_applied} "
        f"applications ({own_yield:.1%})."
    )
if needed is None:
    st.warning(
        "At a 0% yield no number of applications reaches an interview target: the yield "
        "has to change (earlier submission, a targeted list, signals, fresh letters)."
    )
elif needed > total.max:
    st.warning(
        f"At {yield_percent:.1f}% it takes {needed} applications to reach "
        f"{interviews_wanted} interviews, above the tier's range ({total.max}). Raising the "
        "yield matters more than adding programs."
    )
st.caption(render.source_line([data.interview_targets.source, "article"]))

# --- costs ------------------------------------------------------------------------------
st.subheader("ERAS fees (R-54)")
scenarios = [("Recommended", eras_fees(plan.counts(), ref, data))]
if what_if_counts is not None:
    scenarios.append(("What-if", eras_fees(what_if_counts, ref, data)))
if len(cycle.specialties_applied) == 1 and cycle.programs_applied:
    scenarios.insert(
        0,
        (
            "Last cycle",
            eras_fees({cycle.specialties_applied[0]: cycle.programs_applied}, ref, data),
        ),
    )
fee_columns = st.columns(len(scenarios))
for column, (label, fees) in zip(fee_columns, scenarios, strict=True):
    column.metric(
        f"{label}: total",
        f"${fees.total:,}",
        help=f"Program fees ${fees.program_fees:,} + transcript ${fees.transcript_fee:,}",
        border=True,
    )
st.plotly_chart(
    fee_chart(scenarios, order=[p.specialty_id for p in plan.parts]),
    key="programs_fee_chart",
    width="stretch",
    config=CHART_CONFIG,
)
schedule = data.fees
bands = "; ".join(
    f"${b.per_program} each for programs {b.first}-{b.last}"
    if b.last
    else f"${b.per_program} each from program {b.first} on"
    for b in schedule.bands
)
examples = "; ".join(
    " + ".join(f"{n} {ref.specialty(s).name}" for s, n in ex.programs.items())
    + f" = ${sum(specialty_fee(n, schedule) for n in ex.programs.values()):,}"
    for ex in schedule.worked_examples
)
st.markdown(
    f"{schedule.season} season: {bands}, counted again from 1 for each specialty; plus "
    f"${schedule.transcript_fee.value} for the USMLE transcript, once per season. "
    f"The AAMC's own examples (program fees only): {examples}."
)
for note in {n for _, fees in scenarios for n in fees.notes}:
    st.caption(render.plain(note))
if profile.target_match_year > schedule.season:
    st.caption(schedule.later_seasons_note)
st.caption(render.source_line([schedule.source, schedule.transcript_fee.source]))

# --- signals ----------------------------------------------------------------------------
st.subheader("Signals (R-55)")
signal_columns = st.columns(len(plan.parts))
for column, part in zip(signal_columns, plan.parts, strict=True):
    advice = signal_advice(ref.specialty(part.specialty_id), profile.target_match_year, level)
    with column, st.container(border=True):
        st.metric(f"{advice.name}: signals", advice.label)
        for line in advice.advice:
            st.markdown(f"- {line}")
        if advice.assumed_for_later_season:
            st.caption(
                f"From the {advice.season} season's table; the table for the "
                f"{profile.target_match_year} Match is not confirmed, so MatchPlan assumes "
                "it still holds."
            )
        st.caption(render.source_line(advice.sources))
target_signals = target.signals.total

# --- the list ----------------------------------------------------------------------------
st.subheader("Program list (R-53)")
mix_target = data.target_mix.for_level(level)
st.markdown(
    f"Target mix for a {level} tier (assumption): "
    + ", ".join(f"{k} {v:.0f}%" for k, v in mix_target.type.items())
    + "; "
    + ", ".join(f"{k} {v:.0f}%" for k, v in mix_target.setting.items())
    + ". Higher risk means more community programs, academic programs off the usual radar "
    "and less sought-after places."
)
t1, t2 = st.columns([1, 2])
t1.download_button(
    "Download the CSV template",
    data=template_csv(),
    file_name="matchplan-program-list-template.csv",
    mime="text/csv",
    icon=":material/download:",
    key="programs_template_download",
)
upload = t2.file_uploader(
    f"Upload a program list (CSV; columns {', '.join(TEMPLATE_COLUMNS)})",
    type=["csv"],
    key="programs_csv",
    max_upload_size=2,  # above MAX_CSV_BYTES on purpose: the core explains a big file
)
if upload is not None:
    imported = parse_program_csv(upload.getvalue())
    if imported.problem:
        st.error(render.plain(imported.problem), icon=":material/error:")
    else:
        if upload.file_id != state.program_upload_id():
            state.set_program_upload_id(upload.file_id)
            state.set_program_editor_base(imported.rows)
            st.session_state.pop("programs_editor", None)  # start the editor from the file
        st.success(
            f"Loaded {len(imported.rows)} program(s) from the file"
            + (f"; {len(imported.errors)} line(s) need fixing." if imported.errors else "."),
            icon=":material/check_circle:",
        )
        for note in imported.notes:
            st.caption(render.plain(note))
        if imported.errors:
            st.dataframe(
                pd.DataFrame([{"Line": e.line, "Problem": e.message} for e in imported.errors]),
                hide_index=True,
                width="stretch",
                key="programs_csv_errors",
            )
elif "programs_editor" not in st.session_state:
    state.set_program_editor_base(state.program_list())


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


st.markdown("**The list** (edit, add or delete rows; the mix below follows)")
edited = st.data_editor(
    frame(state.program_editor_base()),
    num_rows="dynamic",
    hide_index=True,
    key="programs_editor",
    width="stretch",
    column_config={
        "program": st.column_config.TextColumn("Program", max_chars=200, required=True),
        "state": st.column_config.SelectboxColumn(
            "State", options=STATE_CODES, help="Two-letter postal code"
        ),
        "type": st.column_config.SelectboxColumn("Type", options=list(PROGRAM_TYPES)),
        "setting": st.column_config.SelectboxColumn("Setting", options=list(SETTINGS)),
        "connection": st.column_config.TextColumn("Connection", max_chars=200),
        "signal": st.column_config.CheckboxColumn("Signal", default=False),
    },
)
rows, row_errors = validate_program_rows(records(edited))
state.set_program_list(rows)
if row_errors:
    st.warning("Some rows are not counted until fixed:", icon=":material/warning:")
    st.dataframe(
        pd.DataFrame([{"Row": e.line, "Problem": e.message} for e in row_errors]),
        hide_index=True,
        width="stretch",
        key="programs_editor_errors",
    )

if rows:
    mix = list_mix(
        rows,
        level,
        ref,
        data,
        signals_allowed=target_signals,
        recommended_min=total.min,
    )
    with st.container(key="programs_mix"):
        s1, s2, s3, s4 = st.columns(4)
        s1.metric("Programs in the list", mix.programs, border=True)
        s2.metric("States", len(mix.states), border=True)
        s3.metric("Census divisions", f"{mix.divisions_used} of {len(mix.divisions)}", border=True)
        s4.metric("Signals marked", f"{mix.signals_marked} of {target_signals}", border=True)
        left, right = st.columns(2)
        left.plotly_chart(
            mix_chart(mix), key="programs_mix_chart", width="stretch", config=CHART_CONFIG
        )
        right.plotly_chart(
            division_chart(mix),
            key="programs_division_chart",
            width="stretch",
            config=CHART_CONFIG,
        )
        if mix.outside_divisions:
            st.caption(f"{mix.outside_divisions} program(s) in territories outside the divisions.")
        if mix.findings:
            render.reasons(mix.findings)
        else:
            st.success("The list's mix is within the target for this tier.")
        st.caption(render.source_line([data.target_mix.source, data.census_divisions.source]))
    st.download_button(
        "Download this list (CSV)",
        data=rows_csv(rows),
        file_name="matchplan-program-list.csv",
        mime="text/csv",
        icon=":material/download:",
        key="programs_list_download",
    )
else:
    st.info("Add programs above or upload a CSV to see the list's mix against the target.")
