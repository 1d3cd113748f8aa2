"""R-83: a prelim or transitional year used well (article §5.2).

When the year's role is a prelim or TY position, three things decide whether it
helps the reapplication: the exam is behind the applicant before intern year
eats the bandwidth (R-38), interview days are requested early (intern schedules
are fixed months ahead), and the program director is asked early whether the
program will support a categorical application (a letter, an in-house spot).
Each is a checklist item with a date, drawn on the Gantt.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final, Literal

from pydantic import Field

from matchplan.frozen import Frozen
from matchplan.profile import STEP_LABELS, CurrentRole
from matchplan.timeline import Milestone, Timeline
from matchplan.year.data import YearData, year_data

PdSupport = Literal["not_asked", "asked", "yes", "no"]
PD_LABELS: Final[dict[PdSupport, str]] = {
    "not_asked": "not asked yet",
    "asked": "asked, no answer yet",
    "yes": "the program will support it",
    "no": "the program will not support it",
}
PRELIM_ROLE: Final[CurrentRole] = "prelim_or_ty"


class PrelimPlan(Frozen):
    """What the applicant has done of the prelim/TY checklist (plan file, schema 4)."""

    days_off_requested: bool = Field(default=False, title="Interview days requested")
    pd_support: PdSupport = Field(default="not_asked", title="Program's support")


class ChecklistItem(Frozen):
    name: str
    due: date
    done: bool
    rule: str
    text: str


def prelim_checklist(
    role: CurrentRole,
    timeline: Timeline,
    plan: PrelimPlan,
    data: YearData | None = None,
) -> tuple[ChecklistItem, ...]:
    """R-83: the prelim/TY items with their dates; empty when the role is something else."""
    if role != PRELIM_ROLE:
        return ()
    data = data or year_data()
    calendar = timeline.calendar
    days_off = calendar["interview_season_starts"] - timedelta(
        weeks=data.prelim.days_off_lead_weeks.value
    )
    pd_day = calendar["submission_opens"] - timedelta(weeks=data.prelim.pd_support_lead_weeks.value)
    exam = timeline.exam
    if exam is None:
        exam_item = ChecklistItem(
            name="Prelim/TY: exams behind you",
            due=days_off,
            done=True,
            rule="R-83",
            text="No failed or pending exam is left to time: intern year can go to the work.",
        )
    else:
        exam_item = ChecklistItem(
            name=f"Prelim/TY: pass {STEP_LABELS[exam.step]} first",
            due=exam.exam_date,
            done=False,
            rule="R-83",
            text=f"{STEP_LABELS[exam.step]} is still ahead on {exam.exam_date:%d %b %Y}. Intern "
            "year leaves little room to study: fix the exam first (R-38), ideally before the "
            "prelim year starts.",
        )
    support = {
        "not_asked": "Ask whether the program will back a categorical application: a letter, "
        "a call, an in-house spot if one opens.",
        "asked": "Asked; follow up before ERAS opens.",
        "yes": "The program will support it: ask for the letter now.",
        "no": "The program will not support it: find another letter writer who will.",
    }[plan.pd_support]
    return (
        exam_item,
        ChecklistItem(
            name="Prelim/TY: request interview days off",
            due=days_off,
            done=plan.days_off_requested,
            rule="R-83",
            text="Intern schedules are fixed months ahead: ask for interview days before "
            f"{days_off:%d %b %Y} ({data.prelim.days_off_lead_weeks.value:.0f} weeks before "
            "interview season, an assumption).",
        ),
        ChecklistItem(
            name="Prelim/TY: ask the program director for support",
            due=pd_day,
            done=plan.pd_support != "not_asked",
            rule="R-83",
            text=support,
        ),
    )


def checklist_milestones(items: tuple[ChecklistItem, ...], today: date) -> tuple[Milestone, ...]:
    """The checklist as Gantt milestones (kind "role"); an item not done past its date is missed."""
    return tuple(
        Milestone(
            name=item.name,
            start=item.due,
            end=item.due,
            kind="role",
            deadline=item.due,
            missed=not item.done and item.due < today,
            reason=item.text if not item.done and item.due < today else "",
        )
        for item in items
    )
