"""Advisor conversation (R-80, article §2.2): the direct questions, each advisor's answers
and bucket, and how the answers move the proposed view (R-20).

Every field is bound to ``plan.advisors`` (``state.bind``; no form, nothing in a
fragment, so a typed answer left by a page click is kept). Adding or removing an
advisor re-seeds the widgets from the plan (``state.reset_widgets``).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from matchplan.pathway import PATH_LABELS
from matchplan.profile import MAX_TEXT
from matchplan.year.advisors import MAX_ADVISORS, add_advisor, remove_advisor, with_answer
from matchplan.year.data import year_data
from ui import render, state

data = year_data()
result = state.result()
log = result.plan.advisors
reading = result.advisors
BUCKETS: dict[str | None, str] = {
    None: "Not sorted yet",
    **{k: b.label for k, b in data.advisor_buckets.items()},
}

st.title("Advisor conversation")
st.caption(
    "Ask for real feedback, not reassurance: put the same three questions to each advisor, "
    "write down what they said, and sort the answer. Several advisors can disagree; "
    "MatchPlan shows the disagreement instead of averaging it away."
)

with st.container(border=True, key="advisor_questions"):
    st.markdown("**The questions**")
    for number, question in enumerate(data.advisor_questions, start=1):
        st.markdown(f"{number}. {question.text}")
    st.caption(render.source_line(q.source for q in data.advisor_questions))

with st.expander("What the three views mean"):
    for bucket in data.advisor_buckets.values():
        st.markdown(f"- **{bucket.label}**: {bucket.meaning}")


def commit(index: int, field: str) -> state.Commit:
    def apply(value: Any) -> None:
        state.update(advisors=with_answer(state.plan().advisors, index, field, value))

    return apply


def on_add() -> None:
    state.update(advisors=add_advisor(state.plan().advisors))
    state.reset_widgets()


def on_remove(index: int) -> None:
    state.update(advisors=remove_advisor(state.plan().advisors, index))
    state.reset_widgets()


FIELDS: tuple[tuple[str, str], ...] = (
    ("would_rank", data.advisor_questions[0].text),
    ("what_would_change", data.advisor_questions[1].text),
    ("realistic", data.advisor_questions[2].text),
)

st.subheader("Answers")
for index, answer in enumerate(log.answers):
    with st.container(border=True, key=f"advisor_card_{index}"):
        top, bucket_col, remove_col = st.columns([3, 3, 1], vertical_alignment="bottom")
        with top:
            st.text_input(
                "Advisor (a name or a role)",
                value=answer.advisor,
                max_chars=80,
                **state.bind(f"advisor_{index}_advisor", commit(index, "advisor")),
            )
            state.error(f"advisor_{index}_advisor")
        with bucket_col:
            st.selectbox(
                "Their view",
                list(BUCKETS),
                index=list(BUCKETS).index(answer.bucket),
                format_func=lambda k: BUCKETS[k],
                **state.bind(f"advisor_{index}_bucket", commit(index, "bucket")),
            )
        with remove_col:
            st.button(
                "Remove",
                key=f"advisor_remove_{index}",
                on_click=on_remove,
                args=(index,),
                icon=":material/delete:",
            )
        for field, asked in FIELDS:
            st.text_area(
                asked,
                value=getattr(answer, field),
                height=80,
                max_chars=MAX_TEXT,
                **state.bind(f"advisor_{index}_{field}", commit(index, field)),
            )
            state.error(f"advisor_{index}_{field}")
st.button(
    "Add an advisor",
    key="advisor_add",
    on_click=on_add,
    disabled=len(log.answers) >= MAX_ADVISORS,
    icon=":material/person_add:",
)

st.subheader("What the answers say")
with st.container(border=True, key="advisor_reading"):
    if reading.lines:
        for line in reading.lines:
            st.markdown(f"- {render.plain(line.advisor, limit=80)}: **{line.label}**")
    if reading.unsorted:
        names = ", ".join(render.plain(n, limit=80) for n in reading.unsorted)
        st.caption(f"Not sorted yet: {names}")
    if reading.disagreement:
        st.warning(render.ruled("R-80", reading.message), icon=":material/call_split:")
    else:
        st.markdown(render.ruled("R-80", reading.message))
    st.caption(
        f"Path now: **{PATH_LABELS[result.pathway.effective]}** (see Stay or pivot). "
        + render.source_line(["article"])
    )
