"""R-43 and R-44: where the year stands on a given day, and how the cycle ended.

A plan lives 12-18 months and is opened on any day of them. Every day belongs to
one phase, read from the plan's own cycle dates (the advisor's overrides
included), so the first page a returning applicant sees can say the phase, what
is done, what is due in the next 14 days, which past milestones still ask
"done?" and which were answered "not done" (missed). A milestone that has passed
is never called missed on the clock alone: the applicant may have done it.

After Match Day the plan asks how the cycle ended (R-44); ``CycleOutcome`` holds
the answer and, for "not matched again", the cycle's own numbers, which become
the next plan's "last cycle" (``matchplan.plan.next_cycle``).
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Literal, Self

from pydantic import Field, model_validator

from matchplan.frozen import Frozen, FrozenInput
from matchplan.profile import SoapOutcome, first_plannable_match_year
from matchplan.progress import Progress
from matchplan.timeline import SUBMIT_MILESTONE, Milestone, Timeline

Phase = Literal[
    "remediation", "application", "interviews", "rank_list", "match_week", "after_match"
]
PHASE_LABELS: dict[Phase, str] = {
    "remediation": "Remediation: exams, clinical work and letters",
    "application": "Application: MyERAS is open until submission day",
    "interviews": "Review and interviews",
    "rank_list": "Rank list",
    "match_week": "Match Week, with SOAP",
    "after_match": "After Match Day",
}
DUE_SOON_DAYS = 14
"""R-43: the window of "due in the next 14 days"."""

MatchResult = Literal["matched", "matched_soap", "not_matched"]
MATCH_RESULT_LABELS: dict[MatchResult, str] = {
    "matched": "Matched",
    "matched_soap": "Matched through SOAP",
    "not_matched": "Not matched this cycle",
}


class CycleOutcome(FrozenInput):
    """R-44: how the plan's cycle ended, and (if unmatched) its numbers for the next plan.

    A count left empty is "not entered", never a zero the next plan's advice judges.
    """

    result: MatchResult = Field(title="How the cycle ended")
    programs_applied: int | None = Field(default=None, ge=0, le=1000, title="Programs applied to")
    interview_offers: int | None = Field(default=None, ge=0, le=1000, title="Interview offers")
    interviews_attended: int | None = Field(
        default=None, ge=0, le=1000, title="Interviews attended"
    )
    programs_ranked: int | None = Field(default=None, ge=0, le=1000, title="Programs ranked")
    soap: SoapOutcome | None = Field(default=None, title="SOAP")

    @model_validator(mode="after")
    def _funnel_narrows(self) -> Self:
        funnel = (
            ("Programs applied to", self.programs_applied),
            ("Interview offers", self.interview_offers),
            ("Interviews attended", self.interviews_attended),
            ("Programs ranked", self.programs_ranked),
        )
        for (wider, many), (narrower, few) in pairwise(funnel):
            if many is not None and few is not None and few > many:
                raise ValueError(f"{narrower} ({few}) cannot be more than {wider.lower()} ({many})")
        return self

    def missing_counts(self) -> tuple[str, ...]:
        """The cycle's numbers not entered yet (the next plan needs them)."""
        fields = ("programs_applied", "interview_offers", "interviews_attended", "programs_ranked")
        return tuple(
            str(CycleOutcome.model_fields[f].title) for f in fields if getattr(self, f) is None
        )


class Standing(Frozen):
    """Where the year stands today (R-43), with the outcome question after Match Day (R-44)."""

    today: date
    phase: Phase
    label: str
    match_year: int
    done: tuple[Milestone, ...]
    due_soon: tuple[Milestone, ...]
    under_way: tuple[Milestone, ...]
    """Spans running today (a study block, interview season), not marked done."""
    to_confirm: tuple[Milestone, ...]
    """Past tasks not answered yet: each asks "done?"."""
    missed: tuple[Milestone, ...]
    """Past tasks answered "not done"."""
    unsubmitted: bool
    """R-40 (revised): submission day has passed and the application is not marked
    submitted; the next cycle is offered beside the plan."""
    next_match_year: int
    ask_outcome: bool
    """R-44: Match Day has passed and the outcome is not recorded yet."""
    outcome: CycleOutcome | None


def phase_on(timeline: Timeline, today: date) -> Phase:
    """R-43: the phase ``today`` falls in, from the plan's own cycle dates."""
    calendar = timeline.calendar
    if today > calendar["match_day"]:
        return "after_match"
    if today >= calendar["match_week_starts"]:
        return "match_week"
    if today >= calendar["ranking_opens"]:
        return "rank_list"
    if today > calendar["submission_opens"]:
        return "interviews"
    if today >= calendar["myeras_opens"]:
        return "application"
    return "remediation"


def _due(milestone: Milestone, today: date, soon: date) -> bool:
    """Due in the window: a task that starts or ends in it; an event that begins in it.

    An ongoing event (the gap-year role, interview season under way) is not "due".
    """
    if milestone.task:
        return today <= milestone.start <= soon or today <= milestone.end <= soon
    begins_later = today < milestone.start <= soon
    return begins_later or milestone.start == milestone.end == today


def where_the_year_stands(
    timeline: Timeline, progress: Progress, outcome: CycleOutcome | None, today: date
) -> Standing:
    """R-43 / R-44: the phase, what is done, due in 14 days, to confirm and missed.

    A task whose end has passed asks "done?" until the applicant answers; ticked, it is
    done; answered "not done", it is missed. Cycle events (MyERAS opening, Match Day)
    and score reports simply happen: they are due soon, never "done?" or missed.
    """
    soon = today + timedelta(days=DUE_SOON_DAYS)
    done_names, not_done_names = set(progress.done), set(progress.not_done)
    milestones = timeline.milestones
    done = tuple(m for m in milestones if m.name in done_names)
    past_tasks = [m for m in milestones if m.task and m.end < today and m.name not in done_names]
    due_soon = tuple(m for m in milestones if m.name not in done_names and _due(m, today, soon))
    submission = timeline.calendar["submission_opens"]
    phase = phase_on(timeline, today)
    return Standing(
        today=today,
        phase=phase,
        label=PHASE_LABELS[phase],
        match_year=timeline.match_year,
        done=done,
        due_soon=due_soon,
        under_way=tuple(
            m
            for m in milestones
            if m.start <= today <= m.end
            and m.start < m.end
            and m.name not in done_names
            and m not in due_soon
        ),
        to_confirm=tuple(m for m in past_tasks if m.name not in not_done_names),
        missed=tuple(m for m in past_tasks if m.name in not_done_names),
        unsubmitted=today > submission and SUBMIT_MILESTONE not in done_names,
        next_match_year=max(timeline.match_year + 1, first_plannable_match_year(today)),
        ask_outcome=phase == "after_match" and outcome is None,
        outcome=outcome,
    )
