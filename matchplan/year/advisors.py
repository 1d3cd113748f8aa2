"""R-80: the honest conversation with advisors (article §2.2).

The applicant asks each advisor the same direct questions and sorts the answer
into one of three buckets (optimistic but conditional, cautious, pessimistic).
Several advisors can be recorded. Their buckets are never averaged: when they
agree, that view is the advisors' view; when they disagree, the disagreement is
shown advisor by advisor and the plan is made for the most cautious view any of
them holds, until the applicant asks what would move it. The view feeds R-20 as
the advisor's view (``build_plan``), unless one was recorded on Autopsy or a path
was chosen by hand, which win.
"""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import Field

from matchplan.frozen import FrozenInput
from matchplan.profile import MAX_TEXT
from matchplan.year.data import View, YearData, year_data

MAX_ADVISORS: Final = 8
VIEW_ORDER: Final[tuple[View, ...]] = ("optimistic", "cautious", "pessimistic")
"""From the most hopeful to the most cautious: the planning view is the last one held."""

Answer = Annotated[str, Field(max_length=MAX_TEXT)]


class AdvisorAnswer(FrozenInput):
    """One advisor's answers to the three questions, and the bucket they fall in."""

    advisor: str = Field(min_length=1, max_length=80, title="Advisor")
    would_rank: Answer = Field(default="", title="Would you rank me?")
    what_would_change: Answer = Field(default="", title="What would need to change?")
    realistic: Answer = Field(default="", title="Realistic or unwise?")
    bucket: View | None = Field(default=None, title="Their view")


class AdvisorLog(FrozenInput):
    """Every advisor asked this year (plan file, schema 4)."""

    answers: tuple[AdvisorAnswer, ...] = Field(default=(), max_length=MAX_ADVISORS)


class AdvisorLine(FrozenInput):
    advisor: str
    bucket: View
    label: str


class AdvisorReading(FrozenInput):
    """What the recorded answers say, and how they move the proposed view (R-20)."""

    rule: str = "R-80"
    lines: tuple[AdvisorLine, ...]
    unsorted: tuple[str, ...]
    agreed: bool
    disagreement: bool
    planning_view: View | None
    proposed: View
    message: str

    @property
    def moves_view(self) -> bool:
        return self.planning_view is not None and self.planning_view != self.proposed


def add_advisor(log: AdvisorLog) -> AdvisorLog:
    """The log with one more, empty advisor named by number (raises past MAX_ADVISORS)."""
    name = f"Advisor {len(log.answers) + 1}"
    return AdvisorLog.model_validate({"answers": [*log.model_dump()["answers"], {"advisor": name}]})


def remove_advisor(log: AdvisorLog, index: int) -> AdvisorLog:
    return AdvisorLog(answers=tuple(a for i, a in enumerate(log.answers) if i != index))


def with_answer(log: AdvisorLog, index: int, field: str, value: object) -> AdvisorLog:
    """One field of one advisor changed, validated (raises ValidationError)."""
    rows = list(log.model_dump()["answers"])
    rows[index] = {**rows[index], field: value}
    return AdvisorLog.model_validate({"answers": rows})


def advisor_reading(
    log: AdvisorLog, proposed: View, data: YearData | None = None
) -> AdvisorReading:
    """R-80: the advisors' buckets side by side, agreement or disagreement, the view to plan on.

    Unanimous advisors give their view. Advisors who disagree are listed one by one;
    the plan takes the most cautious view held (never an average), and the message
    says so. No sorted answer leaves MatchPlan's proposal (R-20) as it is.
    """
    data = data or year_data()
    lines = tuple(
        AdvisorLine(advisor=a.advisor, bucket=a.bucket, label=data.advisor_buckets[a.bucket].label)
        for a in log.answers
        if a.bucket is not None
    )
    unsorted = tuple(a.advisor for a in log.answers if a.bucket is None)
    held = {line.bucket for line in lines}
    if not held:
        return AdvisorReading(
            lines=(),
            unsorted=unsorted,
            agreed=False,
            disagreement=False,
            planning_view=None,
            proposed=proposed,
            message="No advisor's answer is sorted yet: the path follows MatchPlan's "
            f"proposed {proposed} view (R-20).",
        )
    view = max(held, key=VIEW_ORDER.index)
    agreed = len(held) == 1
    count = len(lines)
    if agreed:
        who = "The advisor" if count == 1 else f"All {count} advisors"
        message = f"{who} read the application as {view}."
    else:
        spread = ", ".join(
            f"{sum(1 for line in lines if line.bucket == v)} {v}" for v in VIEW_ORDER if v in held
        )
        message = (
            f"The advisors disagree ({spread}). The plan is made for the most cautious "
            f"view held, {view}, until you learn what would move that advisor."
        )
    if view == proposed:
        message += " This matches MatchPlan's proposed view (R-20)."
    else:
        message += (
            f" MatchPlan proposed {proposed}; the advisors' {view} view now sets the path "
            "(R-20), unless a view is recorded on Autopsy or a path is chosen by hand."
        )
    return AdvisorReading(
        lines=lines,
        unsorted=unsorted,
        agreed=agreed,
        disagreement=not agreed,
        planning_view=view,
        proposed=proposed,
        message=message,
    )
