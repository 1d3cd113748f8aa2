"""Sources and assumptions: every outside number the app uses, with source and year."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from matchplan.cycles import cycle_date
from matchplan.reference import CycleEvent, load_reference
from ui import render, session, state

ref = load_reference()
st.title("Sources and assumptions")
st.caption(
    "Where each number comes from. Values marked 'assumption' are MatchPlan's "
    "adjustable defaults, not published facts; 'inferred' and estimated dates follow "
    "the pattern of earlier cycles."
)


def cite(source_id: str) -> str:
    if source_id == "pattern":
        return "Estimated from earlier cycles"
    src = ref.source(source_id)
    return f"{src.title} ({src.year})"


def confidence(source_id: str) -> str:
    return "estimate" if source_id == "pattern" else ref.source(source_id).confidence


st.subheader("Rule thresholds")
st.dataframe(
    pd.DataFrame(
        [
            {
                "Threshold": name.replace("_", " "),
                "Value": t.value,
                "Unit": t.unit,
                **({"Rule": t.rule} if session.show_rules() else {}),
                "Why": render.words(t.note),
                "Source": cite(t.source),
                "Confidence": confidence(t.source),
            }
            for name, t in ref.thresholds.__dict__.items()
        ]
    ),
    hide_index=True,
    width="stretch",
)

st.subheader("Specialties")
st.dataframe(
    pd.DataFrame(
        [
            {
                "Specialty": s.name,
                "Group": s.group.replace("_", " "),
                "Mean Step 2 CK (matched US MD, 2024)": s.mean_step2ck.value
                if s.mean_step2ck
                else None,
                render.words("Solid Step 2 CK bar (R-31)"): s.solid_step2ck_bar.value,
                "Bar source": cite(s.solid_step2ck_bar.source),
            }
            for s in ref.specialties
        ]
    ),
    hide_index=True,
    width="stretch",
)

st.subheader("USMLE passing standards")
st.dataframe(
    pd.DataFrame(
        [
            {
                "Step": step,
                "Standard": s.standard,
                "From": s.effective_from,
                "Source": cite(s.source),
                "Confidence": confidence(s.source),
            }
            for step, standards in ref.usmle.passing_standards.items()
            for s in standards
        ]
    ),
    hide_index=True,
    width="stretch",
)

st.subheader("Cycle calendar")
events: tuple[CycleEvent, ...] = (
    "myeras_opens",
    "submission_opens",
    "review_opens",
    "rol_deadline",
    "match_day",
)
year = state.plan().profile.target_match_year
rows = []
for match_year in sorted({year - 2, year - 1, year}):
    for event in events:
        found = cycle_date(match_year, event, ref)
        rows.append(
            {
                "Match": match_year,
                "Event": event.replace("_", " "),
                "Date": found.date,
                "Estimate": found.estimated,
                "Source": cite(found.source),
            }
        )
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")

st.subheader("All sources")
for source in ref.sources.values():
    line = f"[{source.title}]({source.url})" if source.url else source.title
    st.markdown(f"- {line} · {source.year} · {source.confidence}")
