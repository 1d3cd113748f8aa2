"""Personal statement: the outline from the plan (R-60) and a check of the draft (R-61).

The draft lives in the plan (``plan.statement``) and is committed by its callback,
so a draft typed and left by clicking another page is kept. The box is not in a
fragment: a fragment rerun racing a page click lost the draft. The check reads the
committed draft; it runs inside MatchPlan and is never sent anywhere. Quoted
sentences are the user's own text (render.plain).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from matchplan.narrative import STATEMENT_MAX, narrative_data, outline_text
from matchplan.reference import load_reference
from matchplan.views_year import (
    statement_check_of,
    statement_outline_of,
    with_draft,
)
from ui import render, state, year_view

result = state.result()
workspace = result.plan.statement
data = narrative_data()
spec = load_reference().specialty(result.profile.target_specialty)

st.title("Personal statement")
st.caption(
    f"One short story - what happened, what you changed, what came of it - and then back "
    f"to why {spec.name}. The draft is checked by plain text rules inside MatchPlan; it is "
    "not sent to any outside service."
)


def commit_draft(value: Any) -> None:
    state.update(statement=with_draft(state.plan().statement, value))


# --- where the failure is explained (R-60: the statement owns it) -----------------------
st.subheader("Where the failure is explained")
approach = data.approach("in_statement")
with st.container(border=True, key="statement_approach"):
    st.markdown(f"**{approach.label}**")
    st.markdown(approach.summary)
    st.caption(f"Trade-off: {approach.trade_off}")
if not result.profile.total_failures():
    st.caption(
        "No failed attempt is on record, so the outline starts from the unmatched cycle; "
        "the statement can stay almost entirely on the specialty."
    )

# --- the outline (R-60) ----------------------------------------------------------------
outline = statement_outline_of(result)


def start_from_outline() -> None:
    """Put the outline into an empty draft box (never over the applicant's own text)."""
    if state.plan().statement.draft.strip():
        return
    state.update(statement=with_draft(state.plan().statement, outline_text(outline)))
    state.reset_widgets()  # the box re-seeds from the stored draft


with st.expander(
    render.words("Outline from your plan (R-60)"), expanded=True, icon=":material/list_alt:"
):
    year_view.outline(outline)
    st.button(
        "Start the draft from this outline",
        key="statement_use_outline",
        on_click=start_from_outline,
        disabled=bool(workspace.draft.strip()),
        help="Only into an empty draft box, so your own text is never replaced.",
        icon=":material/content_paste:",
    )

# --- the draft and its check (R-61) ----------------------------------------------------
st.subheader("Your draft")
left, right = st.columns([3, 2], gap="large")
with left:
    st.text_area(
        "Your draft",
        value=workspace.draft,
        height=460,
        max_chars=STATEMENT_MAX,
        placeholder="Paste or write your statement here. The check updates when you "
        "click outside the box or press Ctrl+Enter.",
        **state.bind("statement_draft", commit_draft),
    )
    state.error("statement_draft")
with right, st.container(key="statement_check"):
    st.markdown(render.words("**Check (R-61)**"))
    check = statement_check_of(result)
    if check is None:
        st.info("Type or paste a draft; the check appears here.", icon=":material/edit:")
    else:
        year_view.statement_check(check)
st.caption(
    "Personal circumstances (illness, a family crisis, mental health): one or two factual "
    "sentences, the support you took, then what changed and how you are doing now."
)
