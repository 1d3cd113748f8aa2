"""Personal statement: the outline from the plan (R-60) and a live check of the draft (R-61).

The draft is checked with plain text rules inside MatchPlan; it is never sent
anywhere. Quoted sentences are the user's own text, so they go through
``render.plain`` before they reach markdown.
"""

from __future__ import annotations

from typing import get_args

import streamlit as st

from matchplan.narrative import (
    STATEMENT_MAX,
    Approach,
    StatementCheck,
    StatementWorkspace,
    TextFinding,
    check_statement,
    narrative_data,
    outline_text,
    statement_outline,
)
from matchplan.reference import load_reference
from ui import render, state

ref = load_reference()
data = narrative_data()
profile = state.profile()
today = state.today()
spec = ref.specialty(profile.target_specialty)
DRAFT_KEY = "statement_draft"
APPROACHES: tuple[Approach, ...] = get_args(Approach)
SHOWN_PER_KIND = 6

st.title("Personal statement")
st.caption(
    f"One short story - what happened, what you changed, what came of it - and then back "
    f"to why {spec.name}. The draft is checked by plain text rules inside MatchPlan; it is "
    "not sent to any outside service."
)

# --- the approach: two schools of thought ----------------------------------------------
st.subheader("Where the failure is explained")
workspace = state.statement()
approach = st.radio(
    "Approach",
    APPROACHES,
    index=APPROACHES.index(workspace.approach),
    format_func=lambda a: data.approach(a).label,
    horizontal=True,
    key="statement_approach",
    label_visibility="collapsed",
)
if approach != workspace.approach:
    workspace = StatementWorkspace(draft=workspace.draft, approach=approach)
    state.set_statement(workspace)
columns = st.columns(2)
for column, key in zip(columns, APPROACHES, strict=True):
    text = data.approach(key)
    with column, st.container(border=True):
        chosen = " (chosen)" if key == approach else ""
        st.markdown(f"**{text.label}{chosen}**")
        st.markdown(text.summary)
        st.caption(f"Trade-off: {text.trade_off}")
if not profile.total_failures():
    st.caption(
        "No failed attempt is on record, so the outline starts from the unmatched cycle; "
        "the statement can stay almost entirely on the specialty."
    )

# --- the outline (R-60) ----------------------------------------------------------------
outline = statement_outline(profile, today, approach, ref, data)


def start_from_outline() -> None:
    """Put the outline into an empty draft box (never over the applicant's own text)."""
    text = outline_text(outline)
    state.set_statement(StatementWorkspace(draft=text, approach=approach))
    st.session_state.pop(DRAFT_KEY, None)  # the box re-reads the stored draft


with st.expander("Outline from your plan (R-60)", expanded=True, icon=":material/list_alt:"):
    for number, section in enumerate(outline.sections, start=1):
        st.markdown(f"**{number}. {section.title}**")
        st.caption(section.guidance)
        for fact in section.facts:
            st.markdown(f"- {render.plain(fact)}")
        if section.starter:
            st.markdown(f"*{render.plain(section.starter)}*")
    st.caption(outline.length_note)
    st.button(
        "Start the draft from this outline",
        key="statement_use_outline",
        on_click=start_from_outline,
        disabled=bool(state.statement().draft.strip()),
        help="Only into an empty draft box, so your own text is never replaced.",
        icon=":material/content_paste:",
    )


# --- the draft and its check (R-61) ----------------------------------------------------
def show_finding(finding: TextFinding) -> None:
    icon = ":material/warning:" if finding.severity == "warning" else ":material/info:"
    with st.container(border=True):
        st.markdown(f"{icon} **{finding.rule}** · {render.plain(finding.message)}")
        for quoted in finding.quotes:
            st.markdown(f"> {render.plain(quoted)}")
        st.caption(finding.hint)


def show_check(check: StatementCheck) -> None:
    c1, c2 = st.columns(2)
    c1.metric("Words", check.words)
    c2.metric("Sentences", check.sentences)
    st.progress(
        min(check.failure_share, 1.0),
        text=f"On the setback: {check.failure_share:.0%} of the text (MatchPlan warns above "
        f"{check.failure_share_limit:.0%}, an adjustable default)",
    )
    st.caption(render.source_line([data.thresholds.failure_share_warn.source]))
    if not check.findings:
        st.success(
            "Nothing found by these checks. They read English wording, not the story "
            "itself: ask a mentor to read it too.",
            icon=":material/check_circle:",
        )
        return
    shown: dict[str, int] = {}
    for finding in check.findings:
        shown[finding.kind] = shown.get(finding.kind, 0) + 1
        if shown[finding.kind] <= SHOWN_PER_KIND:
            show_finding(finding)
    for kind, count in shown.items():
        if count > SHOWN_PER_KIND:
            st.caption(
                f"…and {count - SHOWN_PER_KIND} more like the {kind.replace('_', ' ')} ones."
            )


@st.fragment
def draft_and_check() -> None:
    """The draft box and its check rerun alone, so typing does not redraw the page."""
    current = state.statement()
    left, right = st.columns([3, 2], gap="large")
    with left:
        draft = st.text_area(
            "Your draft",
            value=current.draft,
            height=460,
            max_chars=STATEMENT_MAX,
            key=DRAFT_KEY,
            placeholder="Paste or write your statement here. The check updates when you "
            "click outside the box or press Ctrl+Enter.",
        )
        draft = (draft or "")[:STATEMENT_MAX]
        if draft != current.draft:
            state.set_statement(StatementWorkspace(draft=draft, approach=current.approach))
    with right, st.container(key="statement_check"):
        st.markdown("**Check (R-61)**")
        if not draft.strip():
            st.info("Type or paste a draft; the check appears here.", icon=":material/edit:")
            return
        show_check(
            check_statement(
                draft,
                profile.target_specialty,
                has_failure=profile.total_failures() > 0,
                approach=current.approach,
                data=data,
                ref=ref,
            )
        )


st.subheader("Your draft")
draft_and_check()
st.caption(
    "Personal circumstances (illness, a family crisis, mental health): one or two factual "
    "sentences, the support you took, then what changed and how you are doing now."
)
