"""Risk: the three lenses with their reasons, and what-if levers that move them live."""

from __future__ import annotations

import streamlit as st

from matchplan.assessment import LEVELS, assess, recommended_program_floor
from matchplan.charts import risk_chart
from matchplan.reference import load_reference
from matchplan.whatif import WhatIf, apply_what_if
from ui import render, state

ref = load_reference()
profile = state.profile()
today = state.today()
current = state.assessment()

st.title("Risk, as programs read it")
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


@st.fragment
def what_if_panel() -> None:
    """The levers re-run only this panel, so the tiers move without redrawing the page."""
    st.subheader("What if…")
    st.caption(
        "Things the applicant can still do before applying. Move them and watch the "
        "tiers; nothing here changes the saved profile."
    )
    eligible = profile.passed("step1") and profile.passed("step2ck")
    stored = state.what_if()  # start from the stored choices (a shared link, a loaded plan)
    c1, c2 = st.columns(2)
    pass_step3 = c1.toggle(
        "Pass Step 3 before applying",
        value=stored.pass_step3,
        key="whatif_pass_step3",
        disabled=not eligible or profile.passed("step3"),
        help="Needs Step 1 and Step 2 CK passed (FSMB eligibility)."
        if not eligible
        else "R-05: lowers academic risk one level, never to low on its own.",
    )
    recent_clinical = c1.toggle(
        f"US clinical work in the last {ref.thresholds.clinical_recency_months.value:.0f} months",
        value=stored.recent_us_clinical,
        key="whatif_recent_clinical",
    )
    letters = c2.slider(
        "New strong letters in the target specialty",
        0,
        4,
        stored.new_specialty_letters,
        key="whatif_letters",
    )
    extra = c2.slider(
        "Programs beyond last cycle's count",
        0,
        150,
        min(stored.extra_programs // 10 * 10, 150),
        step=10,
        key="whatif_extra_programs",
    )
    choice = WhatIf(
        pass_step3=pass_step3,
        recent_us_clinical=recent_clinical,
        new_specialty_letters=letters,
        extra_programs=extra,
    )
    state.set_what_if(choice)
    outcome = apply_what_if(profile, choice, today)
    changed = assess(outcome.profile, today)
    for note in outcome.notes:
        st.warning(note)

    cols = st.columns(4)
    pairs = [*zip(current.lenses, changed.lenses, strict=False)]
    for col, (before, after) in zip(cols, pairs, strict=False):
        with col, st.container(border=True):
            st.markdown(f"**{after.lens.capitalize()}**")
            render.level_badge(after.level)
            if after.level != before.level:
                arrow = "down" if LEVELS.index(after.level) < LEVELS.index(before.level) else "up"
                st.caption(f"{arrow} from {before.level}")
    with cols[3], st.container(border=True, key="whatif_overall"):
        st.markdown("**Overall with these changes**")
        render.level_badge(changed.overall, prefix="What-if: ")
        if changed.overall != current.overall:
            st.caption(f"was {current.overall}")
    render.chart(risk_chart(changed, title="With these changes"), key="risk_whatif_chart")
    floor = recommended_program_floor(
        changed.overall, profile.last_cycle.specialties_applied[0], ref
    )
    planned = outcome.planned_programs
    verdict = "meets" if planned >= floor else "falls short of"
    st.markdown(
        f"**Programs:** {planned} planned {verdict} the {floor} a "
        f"{changed.overall}-risk applicant applies to (R-50/R-51, illustrative)."
    )
    st.caption(render.source_line(["article"]))


what_if_panel()
