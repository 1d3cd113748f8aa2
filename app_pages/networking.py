"""Networking: target programs with a real connection, advocates, and own emails (R-62).

The table is a data editor over ``plan.networking``: each valid edit is committed
at once (``state.commit_now``), a bad row is named while the last valid table is
kept. The email draft is bound to ``plan.email_draft``. Program and people names
are the user's text: they are escaped before they reach markdown.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from matchplan.networking import suggested_next_step, table_from_rows, table_notes
from matchplan.views_year import approach_program
from ui import render, state, year_view

st.title("Networking")
st.caption(
    render.words(
        "Where you have a real connection - your school's alumni, a rotation, an observership, "
        "research, a mentor's colleague - an advocate's call to the program director counts "
        "for more than any email. Your own emails are short and specific (R-62)."
    )
)


def commit_table(value: Any) -> None:
    state.update(networking=value)


def commit_email(value: Any) -> None:
    state.update(email_draft=value or "")


# --- the table -------------------------------------------------------------------------
st.subheader("Target programs")
st.caption(
    "One row per program: click the empty last row to add one. Leave the next step empty "
    "to get a suggestion from the status."
)
base = state.editor_base("networking_editor", state.plan().networking)
edited = st.data_editor(
    year_view.network_frame(base),
    num_rows="dynamic",
    hide_index=True,
    key=state.key("networking_editor"),
    width="stretch",
    column_config=year_view.network_columns(),
)
parsed = table_from_rows(year_view.network_rows(edited))
if parsed.table is None:
    for problem in parsed.problems:
        st.error(render.plain(problem), icon=":material/error:")
    st.caption("Until the row is fixed, the steps below use the last valid table.")
elif parsed.table != state.plan().networking:
    state.commit_now("networking_editor", commit_table, parsed.table)
    state.error("networking_editor")

result = state.result()  # after the table's commit
table = result.plan.networking
for note in table_notes(table):
    named = ", ".join(render.plain(p) for p in note.programs)
    st.info(render.ruled(note.rule, note.message) + (f" {named}." if named else ""))

if table.targets:
    st.markdown("**Next steps**")
    for target in table.targets:
        step = target.next_step or suggested_next_step(target)
        own = "" if target.next_step else " *(suggested)*"
        st.markdown(f"- **{render.plain(target.program)}**: {render.plain(step)}{own}")

# --- one program: the advocate's note and your own email -------------------------------
st.subheader("Approach one program")
choices = list(range(len(table.targets)))
pick_key = year_view.valid_pick(state.key("networking_pick"), choices)
picked = st.selectbox(
    "Program",
    choices,
    format_func=lambda i: table.targets[i].program if i < len(table.targets) else "",
    key=pick_key,
    placeholder="Add a program to the table first",
)
shown = approach_program(result, picked)

left, right = st.columns(2, gap="large")
with left:
    st.markdown("**What to ask your advocate**")
    if shown.target is None:
        st.caption("Pick a program to see the points for its advocate.")
    for point in shown.advocate_points:
        st.markdown(f"- {render.plain(point)}")
    st.markdown("**Outline for your own email**")
    st.caption("Fill the [brackets]; keep it to three to five sentences.")
    st.code(shown.outline, language=None, wrap_lines=True)

with right:
    st.text_area(
        "Your email draft",
        value=result.plan.email_draft,
        height=260,
        max_chars=5000,
        placeholder="Write or paste the email; it is checked when you click outside the box.",
        **state.bind("networking_email", commit_email),
    )
    state.error("networking_email")
    if shown.email is not None:
        with st.container(key="networking_email_check"):
            year_view.email_check(shown.email)
