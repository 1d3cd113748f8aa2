"""Where the year stands (R-43) and, after Match Day, the outcome (R-44), on Overview.

The first thing a returning applicant sees: the phase, what is due in the next 14
days, the past tasks that still ask "done?", what was answered "not done", and the
cycle's offers (the next cycle when the application was not marked submitted, the
outcome question and "Plan the next cycle" after Match Day). Everything comes from
``result.standing``; answers change the plan through ``ui.state``.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from matchplan.plan import NextCycleError, PlanResult, next_cycle_plan
from matchplan.planfile import dump_plan
from matchplan.progress import mark_done, mark_not_done
from matchplan.timeline import Milestone
from matchplan.year import DUE_SOON_DAYS, MATCH_RESULT_LABELS, CycleOutcome, MatchResult
from ui import planio, render, state

OUTCOME_COUNTS = ("programs_applied", "interview_offers", "interviews_attended", "programs_ranked")


def _when(milestone: Milestone) -> str:
    if milestone.start == milestone.end:
        return f"{milestone.start:%d %b %Y}"
    return f"{milestone.start:%d %b %Y} to {milestone.end:%d %b %Y}"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _answer(name: str, done: bool) -> None:
    """Button callback: the applicant's answer to a past milestone's "done?"."""
    progress = state.plan().progress
    state.update(
        progress=mark_done(progress, name, True) if done else mark_not_done(progress, name)
    )


def standing_card(result: PlanResult) -> None:
    """R-43: the phase, due in 14 days, "done?" questions and what was missed."""
    standing = result.standing
    with st.container(border=True, key="standing_card"):
        st.markdown(
            render.words(
                f"**Where the year stands (R-43):** {standing.label}, "
                f"{standing.match_year} Match · today {standing.today:%d %b %Y}"
            )
        )
        done = len(standing.done)
        st.caption(f"{done} milestone{'s' if done != 1 else ''} marked done on Progress.")
        if standing.due_soon:
            st.markdown(f"**Due in the next {DUE_SOON_DAYS} days**")
            for milestone in standing.due_soon:
                mark = " (estimated date)" if milestone.estimated else ""
                st.markdown(f"- {render.plain(milestone.name)}: {_when(milestone)}{mark}")
        else:
            st.caption(f"Nothing in the plan falls due in the next {DUE_SOON_DAYS} days.")
        if standing.under_way:
            st.markdown(
                "**Under way:** "
                + "; ".join(
                    f"{render.plain(m.name)} (until {m.end:%d %b %Y})" for m in standing.under_way
                )
            )
        for milestone in standing.to_confirm:
            _ask_done(milestone)
        if standing.missed:
            st.markdown(
                "**Missed:** "
                + "; ".join(f"{render.plain(m.name)} ({_when(m)})" for m in standing.missed)
                + ". Tick one on Progress if it was done after all."
            )
        if standing.unsubmitted and standing.phase != "after_match":
            _offer_next_cycle(result)
        st.caption(
            "Cycle dates come from the AAMC and NRMP calendars; an estimated date follows "
            "the pattern of the published cycles. Each date's source is on the Timeline."
        )
        st.page_link(
            "app_pages/timeline.py", label="Dates and sources", icon=":material/arrow_forward:"
        )
    if standing.phase == "after_match":
        outcome_card(result)


def _ask_done(milestone: Milestone) -> None:
    slug = _slug(milestone.name)
    text, yes, no = st.columns([4, 1, 1], vertical_alignment="center")
    text.markdown(f"{render.plain(milestone.name)} ({_when(milestone)}): done?")
    yes.button(
        "Done",
        key=state.key(f"standing_done_{slug}"),
        on_click=_answer,
        args=(milestone.name, True),
        icon=":material/check:",
    )
    no.button(
        "Not done",
        key=state.key(f"standing_not_done_{slug}"),
        on_click=_answer,
        args=(milestone.name, False),
    )


def _move_target(year: int) -> None:
    """R-40: the applicant chooses the next cycle for this plan (a change of target)."""
    state.edit_profile({"target_match_year": year})


def _offer_next_cycle(result: PlanResult) -> None:
    """R-40 (revised): the application is not marked submitted; offer the next cycle."""
    standing = result.standing
    opened = result.timeline.calendar["submission_opens"]
    st.warning(
        f"Applications for the {standing.match_year} Match opened on {opened:%d %b %Y} and "
        "the application is not marked submitted. If it went in, answer **Done** for "
        f'"Submit ERAS and send signals". If not, the {standing.next_match_year} Match is the '
        "next cycle this plan can aim for.",
        icon=":material/event_busy:",
    )
    st.button(
        f"Plan for the {standing.next_match_year} Match instead",
        key=state.key("standing_next_cycle_target"),
        on_click=_move_target,
        args=(standing.next_match_year,),
        help="Moves this plan's target to the next cycle. Download the plan first if you "
        "want to keep it as it is.",
    )


def _outcome_commit(field: str) -> state.Commit:
    def commit(value: Any) -> None:
        current = state.plan().outcome
        base: dict[str, Any] = current.model_dump() if current else {}
        if field == "result" and value is None:
            state.update(outcome=None)
            return
        if "result" not in base and field != "result":
            base["result"] = "not_matched"
        state.update(outcome=CycleOutcome.model_validate({**base, field: value}))

    return commit


def outcome_card(result: PlanResult) -> None:
    """R-44: how the cycle ended; for "not matched", its numbers and the next plan."""
    outcome = result.plan.outcome
    with st.container(border=True, key="outcome_card"):
        st.markdown(render.words(f"**How did the {result.standing.match_year} Match end? (R-44)**"))
        options: list[MatchResult] = list(MATCH_RESULT_LABELS)
        st.radio(
            "Outcome",
            options,
            index=options.index(outcome.result) if outcome else None,
            format_func=MATCH_RESULT_LABELS.__getitem__,
            horizontal=True,
            **state.bind("outcome_result", _outcome_commit("result")),
        )
        state.error("outcome_result")
        if outcome is None:
            st.caption("Answer when you know: the plan then says what comes next.")
            return
        if outcome.result != "not_matched":
            st.success(
                "Congratulations: this plan has done its work. Keep the file as a record of "
                "the year; nothing more is due.",
                icon=":material/celebration:",
            )
            return
        st.markdown(
            "Not matching again is hard, and it is not the end of the road. The numbers of "
            "this cycle become the next plan's last cycle; the next plan weighs a hold and "
            "the careers outside residency again with this cycle counted."
        )
        columns = st.columns(4)
        for column, field in zip(columns, OUTCOME_COUNTS, strict=True):
            with column:
                st.number_input(
                    str(CycleOutcome.model_fields[field].title),
                    min_value=0,
                    max_value=1000,
                    step=1,
                    value=getattr(outcome, field),
                    placeholder="not entered",
                    **state.bind(f"outcome_{field}", _outcome_commit(field)),
                )
        for field in OUTCOME_COUNTS:
            state.error(f"outcome_{field}")
        _next_cycle_download(result)


def _open_next_cycle() -> None:
    current = state.result()
    try:
        new = next_cycle_plan(current, current.today)
    except NextCycleError as problem:
        state.flash(str(problem))
        return
    state.replace(
        new,
        f"Opened the plan for the {new.profile.target_match_year} Match. The plan for the "
        f"{current.standing.match_year} Match is unchanged in the file you saved.",
    )


def _next_cycle_download(result: PlanResult) -> None:
    try:
        new = next_cycle_plan(result, result.today)
    except NextCycleError as problem:
        st.info(str(problem), icon=":material/info:")
        return
    year = new.profile.target_match_year
    left, right = st.columns(2)
    left.download_button(
        f"Plan the next cycle: download a plan for the {year} Match",
        data=dump_plan(new),
        file_name=planio.plan_file_name(new, result.today),
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        key=state.key("outcome_next_cycle_download"),
    )
    right.button(
        "Open the next cycle's plan here",
        key=state.key("outcome_next_cycle_open"),
        on_click=_open_next_cycle,
        help="Your current plan stays as it is in any file you downloaded; download it "
        "first to keep this cycle's record.",
    )
