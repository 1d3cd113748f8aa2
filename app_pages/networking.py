"""Networking: target programs with a real connection, advocates, and own emails (R-62).

The table is a data editor over the stored targets; every row is validated and a
bad row is named while the last valid table is kept. Program and people names
are the user's text: they are escaped before they reach markdown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from matchplan.narrative import narrative_data
from matchplan.networking import (
    CONNECTION_LABELS,
    STATUS_LABELS,
    advocate_brief,
    check_email,
    email_outline,
    suggested_next_step,
    table_from_rows,
    table_notes,
)
from ui import render, state

profile = state.profile()
today = state.today()
EDITOR_KEY = "networking_editor"
EMAIL_KEY = "networking_email"
PICK_KEY = "networking_pick"
FIELDS = {  # editor column -> NetworkingTarget field
    "Program": "program",
    "Connection": "connection",
    "Advocate who could call": "advocate",
    "Status": "status",
    "Next step": "next_step",
}
COLUMNS = list(FIELDS)

st.title("Networking")
st.caption(
    "Where you have a real connection - your school's alumni, a rotation, an observership, "
    "research, a mentor's colleague - an advocate's call to the program director counts "
    "for more than any email. Your own emails are short and specific (R-62)."
)


# --- the table -------------------------------------------------------------------------
st.subheader("Target programs")
st.caption(
    "One row per program: click the empty last row to add one. Leave the next step empty "
    "to get a suggestion from the status."
)
if EDITOR_KEY not in st.session_state:  # a fresh editor starts from the stored table
    state.set_networking_editor_base(state.networking())
base = state.networking_editor_base()
frame = pd.DataFrame(
    [
        {
            "Program": t.program,
            "Connection": CONNECTION_LABELS[t.connection],
            "Advocate who could call": t.advocate,
            "Status": STATUS_LABELS[t.status],
            "Next step": t.next_step,
        }
        for t in base.targets
    ],
    columns=COLUMNS,
)
edited = st.data_editor(
    frame,
    num_rows="dynamic",
    hide_index=True,
    key=EDITOR_KEY,
    width="stretch",
    column_config={
        "Program": st.column_config.TextColumn(max_chars=160, required=True, width="medium"),
        "Connection": st.column_config.SelectboxColumn(
            options=list(CONNECTION_LABELS.values()),
            required=True,
            default=CONNECTION_LABELS["rotation"],
        ),
        "Advocate who could call": st.column_config.TextColumn(
            max_chars=120, help="Someone who knows your work and can call the program director"
        ),
        "Status": st.column_config.SelectboxColumn(
            options=list(STATUS_LABELS.values()),
            required=True,
            default=STATUS_LABELS["not_started"],
        ),
        "Next step": st.column_config.TextColumn(
            max_chars=300, help="Leave empty to see a suggestion below", width="large"
        ),
    },
)
parsed = table_from_rows(
    [{FIELDS[c]: v for c, v in row.items() if c in FIELDS} for row in edited.to_dict("records")]
)
table = parsed.table
if table is None:
    for problem in parsed.problems:
        st.error(render.plain(problem), icon=":material/error:")
    st.caption("Until the row is fixed, the steps below use the last valid table.")
    table = state.networking()
else:
    state.set_networking(table)

for note in table_notes(table):
    named = ", ".join(render.plain(p) for p in note.programs)
    st.info(f"**{note.rule}** · {note.message}" + (f" {named}." if named else ""))

if table.targets:
    st.markdown("**Next steps**")
    for target in table.targets:
        step = target.next_step or suggested_next_step(target)
        own = "" if target.next_step else " *(suggested)*"
        st.markdown(f"- **{render.plain(target.program)}**: {render.plain(step)}{own}")

# --- one program: the advocate's note and your own email -------------------------------
st.subheader("Approach one program")
choices = list(range(len(table.targets)))
if st.session_state.get(PICK_KEY) not in choices:  # new, removed or first rows: pick the first
    st.session_state[PICK_KEY] = choices[0] if choices else None
picked = st.selectbox(
    "Program",
    choices,
    format_func=lambda i: table.targets[i].program,
    key=PICK_KEY,
    placeholder="Add a program to the table first",
)
target = table.targets[picked] if picked is not None and picked < len(table.targets) else None

left, right = st.columns(2, gap="large")
with left:
    st.markdown("**What to ask your advocate**")
    if target is None:
        st.caption("Pick a program to see the points for its advocate.")
    else:
        for point in advocate_brief(profile, target, today):
            st.markdown(f"- {render.plain(point)}")
    st.markdown("**Outline for your own email**")
    st.caption("Fill the [brackets]; keep it to three to five sentences.")
    st.code(email_outline(profile, target, today), language=None, wrap_lines=True)


@st.fragment
def email_check() -> None:
    """The email box and its check rerun alone."""
    draft = st.text_area(
        "Your email draft",
        value=state.email_draft(),
        height=260,
        max_chars=5000,
        key=EMAIL_KEY,
        placeholder="Write or paste the email; it is checked when you click outside the box.",
    )
    draft = draft or ""
    if draft != state.email_draft():
        state.set_email_draft(draft)
    if not draft.strip():
        return
    check = check_email(
        draft,
        target.program if target else "",
        target.connection if target else None,
        target.advocate if target else "",
    )
    with st.container(key="networking_email_check"):
        limits = narrative_data().thresholds
        st.caption(
            f"{check.sentences} sentence(s) in the body; aim for "
            f"{limits.email_sentences_min.value:.0f}-{limits.email_sentences_max.value:.0f}."
        )
        if not check.findings:
            st.success(
                "Short, names the program and the connection.", icon=":material/check_circle:"
            )
        for finding in check.findings:
            with st.container(border=True):
                st.markdown(
                    f":material/warning: **{finding.rule}** · {render.plain(finding.message)}"
                )
                for quoted in finding.quotes:
                    st.markdown(f"> {render.plain(quoted)}")
                st.caption(finding.hint)


with right:
    email_check()
