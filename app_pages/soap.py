"""SOAP readiness (R-86, facts §1.5): eligibility for the target cycle, the documents to
have ready, and a short list of programs likely to have unfilled positions in the
target and alternative specialties - with two dated items before Match Week on the
Timeline's Gantt. Bound widgets and a data editor over ``plan.soap``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from matchplan.reference import load_reference
from matchplan.year.data import year_data
from matchplan.year.soap import SoapPlan, SoapProgram
from ui import render, state

data = year_data().soap
ref = load_reference()
NAMES = {s: ref.specialty(s).name for s in ref.specialty_ids()}
result = state.result()
soap = result.soap
plan = result.plan.soap

st.title("SOAP readiness")
st.caption(
    "If Match Day leaves you unmatched, SOAP runs Monday to Thursday of Match Week, with "
    "offers in rounds. There is no time to prepare then: get eligible, get the documents "
    f"ready, and keep a short list before {soap.prepare_by:%d %b %Y}."
)


def commit(field: str) -> state.Commit:
    def apply(value: Any) -> None:
        current = state.plan().soap.model_dump()
        state.update(soap=SoapPlan.model_validate({**current, field: value}))

    return apply


st.subheader("Eligibility")
st.checkbox(
    f"Registered for the {result.timeline.match_year} Match",
    value=plan.registered,
    **state.bind("soap_registered", commit("registered")),
)
ICONS = {
    "eligible": ":material/check_circle:",
    "at_risk": ":material/warning:",
    "not_eligible": ":material/block:",
}
WORDS = {"eligible": "Eligible", "at_risk": "At risk", "not_eligible": "Not eligible"}
with st.container(border=True, key="soap_eligibility"):
    st.markdown(
        f"{ICONS[soap.eligibility]} " + render.words(f"**{WORDS[soap.eligibility]} (R-86)**")
    )
    for reason in soap.reasons:
        st.markdown(f"- {reason}")
    st.caption(render.source_line(["nrmp-soap", "nrmp-img-exam-deadline"]))

st.subheader("Documents")
st.multiselect(
    "Ready before Match Week",
    list(data.documents),
    default=list(plan.documents),
    format_func=lambda k: data.documents[k],
    **state.bind("soap_documents", commit("documents")),
)
if soap.documents_missing:
    st.caption(f"Still to do: {len(soap.documents_missing)} of {len(data.documents)}.")
st.caption(render.source_line([data.documents_source]))

st.subheader("Short list")
st.caption(
    f"{data.positions_note.text} Note programs that had unfilled positions in your target "
    f"and alternative specialties; SOAP allows {soap.cap} applications."
)


def commit_programs(value: Any) -> None:
    current = state.plan().soap.model_dump()
    programs = [p.model_dump() for p in value]
    state.update(soap=SoapPlan.model_validate({**current, "programs": programs}))


base = state.editor_base("soap_programs", plan.programs)
with st.container(key="soap_programs"):
    edited = st.data_editor(
        pd.DataFrame(
            [{"Program": p.name, "Specialty": NAMES[p.specialty]} for p in base],
            columns=["Program", "Specialty"],
        ),
        key=state.key("soap_programs"),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "Program": st.column_config.TextColumn(required=True, max_chars=120),
            "Specialty": st.column_config.SelectboxColumn(
                options=list(NAMES.values()),
                required=True,
                default=NAMES[result.profile.target_specialty],
            ),
        },
    )
by_name = {v: k for k, v in NAMES.items()}
rows = [r for r in edited.to_dict("records") if any(isinstance(v, str) and v for v in r.values())]
try:
    programs = tuple(
        SoapProgram(name=r.get("Program") or "", specialty=by_name.get(str(r.get("Specialty")), ""))
        for r in rows
    )
except ValueError:
    st.error(
        "Every row needs a program name and a specialty; nothing was saved.",
        icon=":material/error:",
    )
else:
    if programs != plan.programs:
        state.commit_now("soap_programs", commit_programs, programs)
        state.error("soap_programs")
        soap = state.result().soap
with st.container(key="soap_list_status"):
    st.markdown(
        f"**{soap.programs}** programs: {soap.in_target} in "
        f"{NAMES[result.profile.target_specialty]}, "
        f"{soap.in_alternatives} in other specialties."
    )
    for note in soap.list_notes:
        st.markdown(f"- {note}")
st.caption(render.source_line(soap.sources))
