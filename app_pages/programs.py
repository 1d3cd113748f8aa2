"""Programs: how many (R-50..R-52), the interviews they are for, what they cost (R-54),
signals (R-55), and the list itself with its mix against the target (R-53).

Every choice here is part of the plan (``plan.programs``, ``plan.program_list``) and
every number comes from ``state.result()``. A CSV upload is read once, in the
uploader's callback, and the uploader is then cleared (its key rotates), so a file
left in it can never overwrite a list loaded later.

Live means live (issue 14): the what-if count, the interview inputs and everything
they move (how many, interviews, fees) re-run together in the ``counts`` fragment.
The tier and the second specialty stay outside it: they also change the list's
target mix and the signals further down, which a fragment run would leave stale.
A count typed then left by a page click is kept (``ui.streamlit_fixes``; pinned by
tests/test_browser_programs.py).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from matchplan import views_planning as views
from matchplan.programs import TEMPLATE_COLUMNS, program_data, rows_csv, template_csv
from matchplan.reference import load_reference
from ui import programs_view as view
from ui import render, state

st.title("Programs")
render.not_assessed()
st.caption(
    "How many programs, of which kind, at what cost. Tier counts are the article's "
    "illustrative numbers (§7.1); values marked 'assumption' are MatchPlan defaults you "
    "can change here."
)


def choice(field: str) -> state.Commit:
    """A commit that changes one of the Programs page's choices (validated)."""

    def commit(value: Any) -> None:
        state.update(programs=views.program_choices(state.result(), **{field: value}))

    return commit


ref = load_reference()
result = state.result()
choices = result.plan.programs
target = ref.specialty(result.profile.target_specialty)

# --- what-ifs ----------------------------------------------------------------------------
c1, c2 = st.columns(2)
tiers = views.tier_labels(result)
with c1:
    st.selectbox(
        "Risk tier",
        list(tiers),
        index=list(tiers).index(choices.tier),
        format_func=tiers.__getitem__,
        help=render.words(
            "R-04's overall tier sets the count (R-50/R-51); try another to see what changes."
        ),
        **state.bind("programs_tier", choice("tier")),
    )
    state.error("programs_tier")
with c2:
    if views.dual_offered(result):
        seconds = views.second_options(result)
        st.selectbox(
            render.words("Second specialty (dual application, R-52)"),
            seconds,
            index=seconds.index(views.chosen_second(result)),
            format_func=lambda s: "None" if s == "none" else ref.specialty(s).name,
            **state.bind("programs_second", choice("second_specialty")),
        )
        state.error("programs_second")
    else:
        st.markdown(
            render.words(
                f"**{target.name}** alone: no dual application at a "
                f"{result.program_level} tier (R-52)."
            )
        )


@st.fragment
def counts() -> None:
    """The what-if count and the interview inputs with what they move; reruns alone."""
    result = state.result()
    target = ref.specialty(result.profile.target_specialty)
    st.subheader("How many programs")
    w1, w2 = st.columns([1, 2])
    with w1:
        st.number_input(
            f"What-if: programs in {target.name}",
            min_value=0,
            max_value=1000,
            value=result.what_if_count,
            step=5,
            placeholder="Empty: none",
            **state.bind("programs_whatif_count", choice("what_if_count")),
        )
        state.error("programs_whatif_count")
    suggested = views.suggested_what_if_count(result)
    if suggested is not None and result.what_if_count is None:
        w2.caption(f"The Risk page's what-if: {suggested} programs.")
    view.how_many(result)

    st.subheader("Interviews, not only applications")
    st.caption(
        "Programs are a means; interviews are what match. Both numbers below are "
        "assumptions the advisor can change."
    )
    i1, i2, i3, i4 = st.columns(4)
    with i1:
        st.number_input(
            "Interviews to aim for (assumption)",
            min_value=1,
            max_value=40,
            value=result.interviews.target,
            step=1,
            help=program_data().interview_targets.note,
            **state.bind("programs_interview_target", choice("interview_target")),
        )
        state.error("programs_interview_target")
    with i2:
        st.number_input(
            "Interview yield, % of applications",
            min_value=0.0,
            max_value=100.0,
            value=round(100 * result.interviews.yield_rate, 1),
            step=0.5,
            format="%.1f",
            help="Last cycle's interview offers per application; change it to plan for a "
            "better one.",
            **state.bind("programs_yield", choice("yield_percent")),
        )
        state.error("programs_yield")
    view.interviews_after(result, (i3, i4))

    st.subheader(render.words("ERAS fees (R-54)"))
    view.fees(result)


counts()

# --- signals ------------------------------------------------------------------------------
st.subheader(render.words("Signals (R-55)"))
view.signals(result)

# --- the list ----------------------------------------------------------------------------
st.subheader(render.words("Program list (R-53)"))
st.markdown(views.target_mix_text(result.program_level))
t1, t2 = st.columns([1, 2])
t1.download_button(
    "Download the CSV template",
    data=template_csv(),
    file_name="matchplan-program-list-template.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="programs_template_download",
)
t2.file_uploader(
    f"Upload a program list (CSV; columns {', '.join(TEMPLATE_COLUMNS)})",
    type=["csv"],
    key=view.uploader_key(),
    on_change=view.on_csv,
    max_upload_size=2,  # above MAX_CSV_BYTES on purpose: the core explains a big file
    help="Replaces the list below with the file's programs.",
)
view.import_report()

view.list_editor(result)

result = state.result()  # the list may have just changed: its mix is read afresh
view.mix(result)
listed = result.plan.program_list
if listed:
    st.download_button(  # built at the click (which runs off the session: rows captured here)
        "Download this list (CSV)",
        data=lambda: rows_csv(listed),
        file_name="matchplan-program-list.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="programs_list_download",
    )
