"""Rendering for the Timeline page: metrics, warnings, the Gantt and chance charts,
the Step 3 and role panels, and the cycle's dates. No rules: everything shown comes
from ``build_plan``'s timeline."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from matchplan.cycles import EVENT_LABELS, DateStatus
from matchplan.reference import load_reference
from matchplan.timeline import Timeline
from matchplan.timeline_charts import chance_chart, gantt_chart
from ui import render

STATUS_WORDS: dict[DateStatus, str] = {
    "published": "published",
    "secondary": "reported by a secondary source",
    "estimated": "estimate",
    "advisor": "advisor override",
}

VERDICT_ICONS = {
    "strong": ":material/verified:",
    "useful": ":material/thumb_up:",
    "weak": ":material/error:",
    "wasteful": ":material/block:",
}
ROLE_FACT_LABELS = {
    "in_target_specialty": "In the target specialty",
    "department_has_program": "In a department with a residency program",
    "visible_to_selection_faculty": "Seen by faculty who select residents",
    "produces_output": "Produces abstracts or papers",
    "remote": "Remote, without faculty contact",
    "paired_with_observership": "Paired with a targeted observership",
}


def metrics(timeline: Timeline) -> None:
    d = timeline.deadlines
    exam = timeline.exam
    cols = st.columns(4)
    cols[0].metric(
        "Latest exam date, typical delay",
        f"{d.latest_typical:%d %b %Y}",
        help=render.words(f"Review day minus {d.typical_weeks} weeks (R-30)."),
    )
    cols[1].metric(
        "Latest exam date, safe delay",
        f"{d.latest_safe:%d %b %Y}",
        help=render.words(f"Review day minus {d.safe_weeks} weeks: plan with this one (R-30)."),
    )
    if exam is not None:
        cols[2].metric(
            "Score reported (typical)",
            f"{exam.report_typical:%d %b %Y}",
            help=f"Safe: {exam.report_safe:%d %b %Y}. Scores post on Wednesdays.",
        )
        with cols[3], st.container(key="timeline_chance"):
            st.metric(
                "Relative interview chance",
                f"{exam.chance.value}",
                help="Illustrative (article §4.1).",
            )
            st.caption(f"Score arrives {exam.chance.words}.")
    st.caption(
        render.source_line(
            [
                timeline.calendar.dates["review_opens"].source,
                load_reference().usmle.report_delay_weeks_typical.source,
                "ecfmg-score-wednesdays",
            ]
        )
    )


def warnings(timeline: Timeline) -> None:
    with st.container(key="timeline_warnings"):
        if not timeline.warnings:
            st.success("Every milestone meets its date.", icon=":material/event_available:")
        for warning in timeline.warnings:
            st.warning(render.ruled(warning.rule, warning.text), icon=":material/warning:")
            line = render.source_line(warning.sources)
            if line:
                st.caption(line)
        for milestone in (m for m in timeline.milestones if m.missed):
            st.error(
                f"Misses its date: {milestone.name}. {milestone.reason}",
                icon=":material/event_busy:",
            )


def panels(timeline: Timeline) -> None:
    """The chance curve beside the alternative cycle, Step 3 advice and the role's score."""
    left, right = st.columns([3, 2])
    with left:
        if timeline.exam is not None:
            render.chart(chance_chart(timeline), key="timeline_chance_chart")
            st.caption(render.source_line(["article"]) + " · illustrative curve")
    with right:  # one markdown element a panel: each element costs a slider move ~1.5 ms
        alternative = timeline.alternative
        if alternative is not None:
            with st.container(border=True, key="timeline_alternative"):
                st.markdown(
                    f"**Alternative: reapply for the {alternative.match_year} Match**\n\n"
                    f"Programs review from {alternative.review_day:%d %b %Y}; the same "
                    f"exam date would reach them {alternative.chance.words} "
                    f"(chance {alternative.chance.value}). Use the extra year for "
                    "clinical work, letters and Step 3."
                )
        step3 = timeline.step3
        with st.container(border=True):
            verdict = "Recommended" if step3.recommended else "Not recommended now"
            heading = render.words(f"**Step 3 before reapplying (R-35): {verdict}**")
            st.markdown(bullets(heading, [render.words(r) for r in step3.reasons]))
        role = timeline.role
        with st.container(border=True, key="timeline_role_score"):
            st.markdown(
                bullets(
                    f"{VERDICT_ICONS[role.verdict]} **Role: {role.verdict}** · "
                    + render.words(role.advice),
                    [f":material/check: {render.words(item)}" for item in role.met]
                    + [f":material/close: {render.words(item)}" for item in role.missing],
                )
            )


def bullets(heading: str, items: list[str]) -> str:
    """A heading and its points as one markdown text (core wording, no user text)."""
    return "\n".join([heading, "", *(f"- {item}" for item in items)])


def results(timeline: Timeline, today: date) -> None:
    metrics(timeline)
    warnings(timeline)
    render.chart(gantt_chart(timeline, today), key="timeline_gantt")
    panels(timeline)


def cycle_dates(timeline: Timeline) -> None:
    with st.expander("The cycle's dates, with their sources"):
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Event": EVENT_LABELS[e],
                        "Date": c.date,
                        "Status": STATUS_WORDS[c.status],
                        "Source": render.source_line([c.source]).removeprefix("Source: "),
                    }
                    for e, c in timeline.calendar.dates.items()
                ]
            ),
            hide_index=True,
            width="stretch",
        )
