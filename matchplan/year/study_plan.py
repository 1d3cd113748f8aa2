"""R-82: the study plan inside the study block, and the readiness rule (article §4.1).

The block on Timeline is a length; the plan inside it is the resources (question
bank, NBME practice forms, a tutor or course, a learning specialist), the weekly
hours and the practice-form schedule. The readiness rule: sit the exam only when
the last ``ready_forms`` practice forms each clear the passing standard in force
by ``ready_margin`` points (both assumptions in data). Progress's score trend
(``progress.score_trend``) is read against it and against the exam date: a
straight line through the recent scores that does not reach the bar by the exam
date gives a warning.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final, Literal, Self

from pydantic import Field, model_validator

from matchplan.frozen import FrozenInput
from matchplan.profile import RecordDate
from matchplan.progress import SCORE_MAX, ScoreTrend, TrendPoint
from matchplan.year.data import Resource, YearData, year_data

MAX_FORMS: Final = 16
TREND_POINTS: Final = 4
"""How many of the latest scores the projection line is fitted to."""
LAST_FORM_WEEKS: Final = 3
"""A form should fall in the last weeks before the exam: it is the readiness check."""

ReadinessState = Literal["ready", "on_track", "not_on_track", "no_scores", "no_exam"]


class PlannedForm(FrozenInput):
    form: str = Field(min_length=1, max_length=40, title="Form")
    planned_on: RecordDate = Field(title="Planned date")


class StudyPlan(FrozenInput):
    """What fills the study block (plan file, schema 4)."""

    resources: tuple[Resource, ...] = Field(default=(), max_length=4, title="Resources")
    weekly_hours: int | None = Field(default=None, ge=0, le=100, title="Study hours a week")
    forms: tuple[PlannedForm, ...] = Field(default=(), max_length=MAX_FORMS, title="Form schedule")

    @model_validator(mode="after")
    def _each_resource_once(self) -> Self:
        if len(set(self.resources)) != len(self.resources):
            raise ValueError("Resources: each resource once")
        return self


class Readiness(FrozenInput):
    """R-82: whether the practice forms say 'sit the exam', and whether the date allows it."""

    rule: str = "R-82"
    state: ReadinessState
    bar: int | None
    margin: int
    forms_needed: int
    clearing: int
    projected: float | None
    exam_date: date | None
    message: str
    warning: str | None
    plan_notes: tuple[str, ...]
    sources: tuple[str, ...]


def _projection(points: tuple[TrendPoint, ...], day: date) -> float | None:
    """Least-squares line through the latest scores, read at ``day`` (None under 2 points)."""
    recent = points[-TREND_POINTS:]
    if len(recent) < 2:
        return None
    xs = [(p.taken_on - recent[0].taken_on).days for p in recent]
    ys = [p.score for p in recent]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return mean_y
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    value = mean_y + slope * ((day - recent[0].taken_on).days - mean_x)
    return max(0.0, min(float(SCORE_MAX), value))


def plan_notes(plan: StudyPlan, exam_date: date | None, data: YearData) -> tuple[str, ...]:
    """What the plan inside the block still lacks (R-82, article §4.1)."""
    study = data.study
    notes: list[str] = []
    if "nbme_forms" not in plan.resources:
        notes.append("No NBME practice forms in the plan: they are how readiness is measured.")
    if not ({"tutor_or_course", "learning_specialist"} & set(plan.resources)):
        notes.append(
            "No tutor, course or learning specialist: a structured curriculum, not just more "
            "questions, is what the article asks for after a failure."
        )
    minimum = int(study.min_weekly_hours.value)
    if plan.weekly_hours is not None and plan.weekly_hours < minimum:
        notes.append(
            f"{plan.weekly_hours} study hours a week is below {minimum} (assumption): protect "
            "more of the week for the block."
        )
    if exam_date is not None:
        late = [f for f in plan.forms if f.planned_on > exam_date]
        if late:
            notes.append(f"{len(late)} planned form(s) fall after the exam date.")
        window = exam_date - timedelta(weeks=LAST_FORM_WEEKS)
        if plan.forms and not any(window <= f.planned_on <= exam_date for f in plan.forms):
            notes.append(
                f"No form planned in the last {LAST_FORM_WEEKS} weeks before the exam: that "
                "is the readiness check."
            )
    return tuple(notes)


def readiness(
    trend: ScoreTrend | None,
    exam_date: date | None,
    plan: StudyPlan,
    data: YearData | None = None,
) -> Readiness:
    """R-82: ready when the last forms each clear standard + margin; otherwise whether the
    recent trend reaches that bar by the exam date, with a warning when it does not."""
    data = data or year_data()
    study = data.study
    margin = int(study.ready_margin.value)
    needed = int(study.ready_forms.value)
    sources = (study.ready_margin.source, "article")
    notes = plan_notes(plan, exam_date, data)

    def result(
        state: ReadinessState, message: str, warning: str | None = None, **kw: object
    ) -> Readiness:
        values: dict[str, object] = {
            "bar": None,
            "clearing": 0,
            "projected": None,
            **kw,
        }
        return Readiness(
            state=state,
            margin=margin,
            forms_needed=needed,
            exam_date=exam_date,
            message=message,
            warning=warning,
            plan_notes=notes,
            sources=sources,
            **values,
        )

    if exam_date is None:
        return result("no_exam", "No exam is planned, so there is no readiness to check.")
    if trend is None or not trend.points:
        return result(
            "no_scores",
            f"Log practice forms on Progress: sit the exam when the last {needed} clear the "
            f"passing standard by {margin} points.",
        )
    bar = trend.standard + margin
    last = trend.points[-needed:]
    clearing = sum(1 for p in last if p.score >= bar)
    projected = _projection(trend.points, exam_date)
    if len(last) >= needed and clearing == needed:
        return result(
            "ready",
            f"Ready by the rule: the last {needed} forms are at or above {bar} (the standard "
            f"{trend.standard} plus {margin}).",
            bar=bar,
            clearing=clearing,
            projected=projected,
        )
    if projected is not None and projected >= bar:
        return result(
            "on_track",
            f"Not ready yet ({clearing} of the last {needed} forms at {bar} or above), but the "
            f"trend reaches about {projected:.0f} by the exam on {exam_date:%d %b %Y}.",
            bar=bar,
            clearing=clearing,
            projected=projected,
        )
    reading = (
        f"the trend reaches only about {projected:.0f}"
        if projected is not None
        else "one form is not enough to draw a trend"
    )
    return result(
        "not_on_track",
        f"Not ready: {clearing} of the last {needed} forms at {bar} or above.",
        warning=(
            f"By the exam on {exam_date:%d %b %Y} {reading}, short of {bar} (the standard "
            f"{trend.standard} plus {margin}): add forms, change the plan, or move the date "
            "- and check the later cycle on Timeline."
        ),
        bar=bar,
        clearing=clearing,
        projected=projected,
    )
