"""Risk: the three lenses with their reasons, and what-if levers that move them live.

The levers are bound to the plan's ``what_if`` (kept in the plan file, carried
by a shared link); the tiers come from ``result.assessment`` and
``result.what_if_assessment``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from matchplan.charts import risk_chart
from matchplan.reference import load_reference
from matchplan.views_profile import level_move, step3_lever, what_if_program_check
from matchplan.whatif import WhatIf
from ui import render, state
from ui.state import Commit

ref = load_reference()
result = state.result()
current = result.assessment
stored = state.plan().what_if

st.title("Risk, as programs read it")
render.not_assessed()
st.caption(
    "Three questions every program director asks (article §1). Each level shows the "
    "inputs that set it and the rule behind it."
)

columns = st.columns(3)
for column, lens in zip(columns, current.lenses, strict=False):
    with column:
        render.lens_card(lens)
st.markdown("**Overall tier**")
render.level_badge(current.overall)
render.reasons(current.overall_reasons)


def lever(name: str) -> Commit:
    """A commit that sets one what-if lever in the plan (validated)."""

    def commit(value: Any) -> None:
        changed = {**state.plan().what_if.model_dump(), name: value}
        state.update(what_if=WhatIf.model_validate(changed))

    return commit


st.subheader("What if…")
st.caption(
    "Things the applicant can still do before applying. Move them and watch the "
    "tiers; they are kept with the plan but never change the profile."
)
step3 = step3_lever(result)
c1, c2 = st.columns(2)
c1.toggle(
    "Pass Step 3 before applying",
    value=stored.pass_step3,
    disabled=not step3.available,
    help=render.words(step3.help),
    **state.bind("whatif_pass_step3", lever("pass_step3")),
)
state.error("whatif_pass_step3")
c1.toggle(
    f"US clinical work in the last {ref.thresholds.clinical_recency_months.value:.0f} months",
    value=stored.recent_us_clinical,
    **state.bind("whatif_recent_clinical", lever("recent_us_clinical")),
)
c2.slider(
    "New strong letters in the target specialty",
    0,
    4,
    stored.new_specialty_letters,
    **state.bind("whatif_letters", lever("new_specialty_letters")),
)
c2.slider(
    "Programs beyond last cycle's count",
    0,
    150,
    min(stored.extra_programs // 10 * 10, 150),
    step=10,
    **state.bind("whatif_extra_programs", lever("extra_programs")),
)
state.error("whatif_extra_programs")

changed = result.what_if_assessment
for note in result.what_if.notes:
    st.warning(render.plain(note, limit=400))

cols = st.columns(4)
for col, before, after in zip(cols, current.lenses, changed.lenses, strict=False):
    with col, st.container(border=True):
        st.markdown(f"**{after.lens.capitalize()}**")
        render.level_badge(after.level)
        move = level_move(before.level, after.level)
        if move:
            st.caption(f"{move} from {before.level}")
with cols[3], st.container(border=True, key="whatif_overall"):
    st.markdown("**Overall with these changes**")
    render.level_badge(changed.overall, prefix="What-if: ")
    if changed.overall != current.overall:
        st.caption(f"was {current.overall}")
render.chart(risk_chart(changed, title="With these changes"), key="risk_whatif_chart")
check = what_if_program_check(result)
st.markdown(f"**Programs:** {render.words(check.text)}")
st.caption(render.source_line(check.sources))
