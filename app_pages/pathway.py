"""Stay or pivot: the proposed path (R-20..R-25), realistic alternatives, dual application (R-52),
and the specialty reference table with every value's source.

The path override is bound to the plan's ``path_override``; everything else is
read from ``result.pathway`` and ``result.programs``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from matchplan.charts import program_count_chart
from matchplan.pathway import PATH_LABELS, PATH_MEANING, PATHS, Path
from matchplan.programs import GROUP_LABELS, program_data
from matchplan.reference import load_reference
from matchplan.views_profile import dual_split, shows_three_options
from ui import render, state

ref = load_reference()
data = program_data()
result = state.result()
profile = result.profile
path = result.pathway
target = ref.specialty(profile.target_specialty)


def cite(*source_ids: str) -> str:
    """Short 'publisher year' citations for one row of the table."""
    return "; ".join(
        f"{ref.source(i).title.split(',')[0]} {ref.source(i).year}"
        for i in dict.fromkeys(source_ids)
    )


def commit_override(value: Any) -> None:
    state.update(path_override=value)


st.title("Stay or pivot")
render.not_assessed()
st.caption(
    render.words(
        f"Is {target.name} still realistic? The path an experienced advisor would likely "
        "propose (R-20), its reasons, and the realistic alternatives. The advisor decides."
    )
)

decision, proposal = st.columns([2, 3])
with decision, st.container(border=True):
    st.markdown("**Advisor's decision**")
    options: list[Path | None] = [None, *PATHS]
    choice = state.plan().path_override
    st.selectbox(
        "Path for this plan",
        options,
        index=options.index(choice),
        format_func=lambda p: "Follow MatchPlan's proposal" if p is None else PATH_LABELS[p],
        help=render.words("Recorded with the plan, next to what MatchPlan proposed (R-20)."),
        **state.bind("pathway_override", commit_override),
    )
    state.error("pathway_override")
    if profile.advisor_view and choice is None:
        st.caption(f"The advisor's {profile.advisor_view} view recorded on Autopsy sets the path.")

with proposal, st.container(border=True, key="pathway_proposal"):
    st.markdown("**Path for this plan**")
    st.markdown(f"#### {PATH_LABELS[path.effective]}")
    st.markdown(PATH_MEANING[path.effective])
    if path.advisor_override and path.advisor_override != path.proposed:
        st.caption(f"Advisor's choice; MatchPlan proposed: {PATH_LABELS[path.proposed].lower()}.")
    else:
        st.caption("MatchPlan's proposal.")

st.subheader("Why MatchPlan proposes this")
render.reasons(path.reasons)

if shows_three_options(path):
    st.subheader(render.words("The three options (R-22)"))
    names = ", ".join(a.name for a in path.alternatives[:3]) or "none within reach"
    st.markdown(
        f"1. **{target.name} at less competitive programs**: community programs, programs "
        "off the usual radar, less sought-after places.\n"
        f"2. **A less competitive specialty**: best fits below ({names}).\n"
        "3. **A career outside residency**: real options, with what each needs."
    )
    st.page_link("app_pages/programs.py", label="Build the list", icon=":material/list:")

st.subheader("Realistic alternatives")
if path.alternatives:
    st.caption(
        render.words(
            "Ranked by: your Step 2 CK against the score programs in the specialty usually "
            "look for (R-31), related to "
            f"{target.name}, less competitive, named in the article (R-22)."
        )
    )
    for rank, alt in enumerate(path.alternatives, start=1):
        with st.container(border=True, key=f"pathway_alternative_{rank}"):
            name, why = st.columns([1, 2])
            name.markdown(f"**{rank}. {alt.name}**")
            name.caption(f"{alt.group.replace('_', ' ')} · {render.words(alt.margin_words)}")
            why.markdown("\n".join(f"- {render.words(line)}" for line in alt.why))
    st.caption(render.source_line(s for alt in path.alternatives for s in alt.sources))
elif path.no_alternative:  # e.g. Family Medicine: nothing is more accessible
    st.info(path.no_alternative, icon=":material/info:")
else:
    st.info("No less competitive specialty is within reach on the current exam record.")

plan = dual_split(result)
if plan is not None:
    st.subheader(render.words("Dual application (R-52)"))
    split = " + ".join(f"{p.count.recommended} {p.name}" for p in plan.parts)
    st.markdown(
        f"{target.name} is {GROUP_LABELS[target.group]}: apply to a realistic second "
        f"specialty in parallel. Proposed split: **{split}** = {plan.total.recommended} "
        "programs. Change the second specialty or the tier on Programs."
    )
    render.chart(
        program_count_chart(plan, title="Dual application: the split"),
        key="pathway_dual_chart",
    )
    render.reasons(plan.reasons)

if path.other_careers:
    st.subheader(render.words("Careers outside residency (R-25)"))
    st.markdown(
        "These signs make other careers worth weighing beside any re-application. "
        "They are real options, never the only message."
    )
    render.reasons(path.other_careers)
    st.page_link("app_pages/careers.py", label="Other careers", icon=":material/work:")


with st.expander("Specialty reference table, with sources"):
    ranges = ref.program_counts.high_risk_ranges
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Specialty": s.name,
                    "Group": s.group.replace("_", " "),
                    "Mean Step 2 CK, matched US MD 2024": str(s.mean_step2ck.value)
                    if s.mean_step2ck
                    else "not in the source's stored copy",
                    render.words("Score usually looked for (R-31)"): s.solid_step2ck_bar.value,
                    "Signals (season)": f"{s.signals.label()} ({s.signals.season})",
                    "Applications": {"eras": "ERAS", "mixed": "ERAS, partly other"}.get(
                        s.route.application, "Not ERAS"
                    ),
                    "NRMP Main Match": "yes" if s.route.nrmp_main_match else "no",
                    render.words(
                        "High-risk range (R-51)"
                    ): f"{ranges[s.id].low}-{ranges[s.id].high}+"
                    if s.id in ranges
                    else render.words("tier count (R-50)"),
                    "Sources": cite(
                        s.solid_step2ck_bar.source,
                        *([s.mean_step2ck.source] if s.mean_step2ck else []),
                        s.signals.source,
                        s.route.application_source,
                        s.route.match_source,
                    ),
                    "Notes": " ".join(
                        n for n in (s.signals.note, s.route.note, s.solid_step2ck_bar.note) if n
                    ),
                }
                for s in ref.specialties
            ]
        ),
        hide_index=True,
        width="stretch",
        key="pathway_reference_table",
    )
    st.caption(
        "Signals: the AAMC table for the 2025 ERAS season. The 2026 and 2027 tables are not "
        "confirmed; MatchPlan assumes the 2025 table still holds (anesthesiology is confirmed "
        "for 2026). Outside primary care, the score usually looked for is the 2024 mean "
        "minus 10 (assumption)."
    )
    outside = "; ".join(f"{m.name} ({m.match})" for m in data.outside_main_match)
    st.markdown(f"Outside the NRMP Main Match: {outside}.")
    used = [
        src
        for s in ref.specialties
        for src in (
            s.solid_step2ck_bar.source,
            *([s.mean_step2ck.source] if s.mean_step2ck else []),
            s.signals.source,
            s.route.application_source,
            s.route.match_source,
        )
    ]
    used += [r.source for r in ranges.values()]
    used += [m.source for m in data.outside_main_match]
    st.caption(render.source_line(used))
