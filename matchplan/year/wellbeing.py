"""R-85: looking after yourself through the year (article §8).

The article names comparison with classmates and shame; MatchPlan says so kindly,
keeps protected rest in the weekly structure (R-70's rest hours, read from the
same week) and points to support for physicians and trainees, with crisis lines
shown plainly and first. It asks for no symptoms, gives no score and makes no
diagnosis: the only things kept are the applicant's own words about who to call
and what the protected time is for.
"""

from __future__ import annotations

from typing import Final

from pydantic import Field

from matchplan.frozen import FrozenInput
from matchplan.week import WeekPlan, hours_by_domain, week_data
from matchplan.year.data import SourcedText, SupportResource, YearData, year_data

ANCHOR_MAX: Final = 300


class WellbeingPlan(FrozenInput):
    """The applicant's own anchors for the year (plan file, schema 4). No scores."""

    people: str = Field(default="", max_length=ANCHOR_MAX, title="Who I talk to when it is heavy")
    not_medicine: str = Field(
        default="", max_length=ANCHOR_MAX, title="What my protected time is for"
    )
    mentor: str = Field(default="", max_length=ANCHOR_MAX, title="My weekly mentor meeting")


class WellbeingView(FrozenInput):
    rule: str = "R-85"
    named: tuple[SourcedText, ...]
    rest_hours: float
    min_rest_hours: float
    rest_note: str
    crisis: tuple[SupportResource, ...]
    support: tuple[SupportResource, ...]
    emergency: str
    prompts: tuple[str, ...]


def wellbeing_view(
    plan: WellbeingPlan, week: WeekPlan, data: YearData | None = None
) -> WellbeingView:
    """R-85 (with R-70's rest): what the page says, the week's protected rest, where to turn."""
    data = data or year_data()
    rest = hours_by_domain(week)["rest"]
    minimum = week_data().thresholds.min_rest_hours.value
    if rest == 0:
        rest_note = (
            "Your week has no protected rest yet. That is not a failing, it is a gap in the "
            "plan: mark at least one block as rest on Weekly structure."
        )
    elif rest < minimum:
        rest_note = (
            f"Your week protects {rest:.0f} hours of rest; aim for at least {minimum:.0f} "
            "(R-70). Sleep, exercise and time away from medicine are part of the plan."
        )
    else:
        rest_note = f"Your week protects {rest:.0f} hours of rest (R-70). Keep them."
    prompts = tuple(
        text
        for value, text in (
            (plan.people, "Name one or two people you can tell how it is really going."),
            (plan.not_medicine, "Write down what the protected time is for - not medicine."),
            (plan.mentor, "Pick a weekly meeting with a mentor or accountability partner."),
        )
        if not value
    )
    resources = data.wellbeing.resources
    return WellbeingView(
        named=data.wellbeing.named,
        rest_hours=rest,
        min_rest_hours=minimum,
        rest_note=rest_note,
        crisis=tuple(r for r in resources if r.crisis),
        support=tuple(r for r in resources if not r.crisis),
        emergency=data.wellbeing.emergency,
        prompts=prompts,
    )
