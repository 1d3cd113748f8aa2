"""Progress across the year (issue 6, item 6): milestones ticked off, practice scores logged.

The applicant ticks off the timeline's milestones as they are done and logs
each practice exam (NBME, UWSA ...) with its date. A Step's scores are read as
a trend against the USMLE passing standard in force today (facts §2.1, via
``Usmle.standard_on``), because today's standard is the one the coming exam is
marked against: the gap is the latest score minus that standard, and the mean
of the last three beside it, since one practice form is a noisy reading.

Pure: ``today`` comes in. A practice exam cannot be logged with a date after today:
``scores_from_rows`` checks that where the log is edited. The model itself never
depends on the day, so a plan file opens on any later day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Annotated, Any, Self

from pydantic import (
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails

from matchplan.frozen import FrozenInput
from matchplan.profile import STEP_LABELS, RecordDate
from matchplan.reference import Reference, StepId, load_reference
from matchplan.textsafe import quoted
from matchplan.timeline import Milestone

MAX_DONE = 50
MAX_SCORES = 200
SCORE_MIN, SCORE_MAX = 1, 300
RECENT = 3
"""How many of the latest practice scores the recent average takes."""

MilestoneName = Annotated[str, Field(min_length=1, max_length=200)]


class PracticeScore(FrozenInput):
    """One practice exam taken: when, for which Step, the three-digit score, the form."""

    taken_on: RecordDate = Field(title="Date taken")
    step: StepId = Field(title="Step")
    score: int = Field(ge=SCORE_MIN, le=SCORE_MAX, title="Score")
    form: str = Field(default="", max_length=80, title="Form", description='e.g. "NBME 12"')


class Progress(FrozenInput):
    """What is done so far: milestone names ticked off and the practice-score log."""

    done: tuple[MilestoneName, ...] = Field(
        default=(), max_length=MAX_DONE, title="Milestones done"
    )
    practice_scores: tuple[PracticeScore, ...] = Field(
        default=(), max_length=MAX_SCORES, title="Practice scores"
    )
    not_done: tuple[MilestoneName, ...] = Field(
        default=(), max_length=MAX_DONE, title="Milestones answered not done"
    )
    """Past milestones the applicant answered "not done" (R-43): missed, not asked again."""

    @model_validator(mode="after")
    def _each_milestone_once(self) -> Self:
        seen: set[str] = set()
        for name in self.done:
            if name in seen:
                raise ValueError(f"Milestones done: {quoted(name)} is listed twice")
            seen.add(name)
        for name in self.not_done:
            if name in seen:
                raise ValueError(
                    f"Milestones answered not done: {quoted(name)} is also listed done"
                )
            seen.add(name)
        return self


def mark_done(progress: Progress, name: str, done: bool) -> Progress:
    """Tick a milestone off (or back on); idempotent, order of ticking kept.

    Raises ValidationError past MAX_DONE names (see ``forget_removed``).
    """
    names = [n for n in progress.done if n != name]
    if done:
        names.append(name)
    not_done = tuple(n for n in progress.not_done if n != name)
    return Progress(done=tuple(names), practice_scores=progress.practice_scores, not_done=not_done)


def mark_not_done(progress: Progress, name: str) -> Progress:
    """R-43: the answer "not done" to a past milestone's "done?": it counts as missed."""
    cleared = mark_done(progress, name, done=False)
    return Progress(
        done=cleared.done,
        practice_scores=cleared.practice_scores,
        not_done=(*cleared.not_done, name),
    )


def forget_removed(progress: Progress, milestones: Iterable[Milestone]) -> Progress:
    """Drop ticks for milestones the timeline no longer has (e.g. after the exam changed).

    Ticks for removed milestones are kept by default so they come back when the
    plan does; this makes room when the MAX_DONE cap is reached.
    """
    current = {m.name for m in milestones}
    kept = tuple(n for n in progress.done if n in current)
    answered = tuple(n for n in progress.not_done if n in current)
    return Progress(done=kept, practice_scores=progress.practice_scores, not_done=answered)


def completion(progress: Progress, milestones: Iterable[Milestone]) -> tuple[int, int]:
    """(done, total) over the timeline's milestones; ticks for removed ones do not count."""
    names = {m.name for m in milestones}
    return len(names.intersection(progress.done)), len(names)


# --- the practice-score log --------------------------------------------------------------
class RowProblem(FrozenInput):
    """Why one row of the score log cannot be saved; ``row`` counts from 1 as shown."""

    row: int
    field: str
    message: str

    def text(self) -> str:
        return f"Row {self.row} – {self.message}"


_FIELD_TITLES = {name: info.title or name for name, info in PracticeScore.model_fields.items()}


def _readable(error: ErrorDetails, row: Mapping[str, Any]) -> tuple[str, str]:
    """(field, message) for one pydantic error, in words that name the field."""
    loc = error["loc"]
    field = str(loc[0]) if loc else ""
    title = _FIELD_TITLES.get(field, "")
    kind = error["type"]
    if kind == "missing" or (field and row.get(field) in (None, "")):
        return field, f"{title} is missing"
    if field == "score" and kind in ("greater_than_equal", "less_than_equal"):
        return field, (
            f"Score ({row.get('score')}) must be between {SCORE_MIN} and {SCORE_MAX}, "
            "the USMLE three-digit range"
        )
    if field == "score" and kind.startswith("int"):
        return field, f"Score ({row.get('score')}) must be a whole number"
    if field == "step":
        return field, f"Step must be one of {', '.join(STEP_LABELS.values())}"
    message = str(error["msg"]).removeprefix("Value error, ")
    if not field:  # a model-level check writes its own field name into the message
        return "taken_on" if message.startswith("Date taken") else "", message
    return field, f"{title}: {message}"


def scores_from_rows(
    rows: Sequence[Mapping[str, Any]], today: date
) -> tuple[tuple[PracticeScore, ...], tuple[RowProblem, ...]]:
    """Validate a whole edited log: the scores in date order, or every row's problems.

    Rows are dicts keyed by PracticeScore's field names; rows with every cell
    empty are skipped (a blank row the editor added). Any problem means no
    scores: the caller keeps the stored log as it was.
    """
    scores: list[PracticeScore] = []
    numbers: list[int] = []
    problems: list[RowProblem] = []
    for number, row in enumerate(rows, start=1):
        if all(value in (None, "") for value in row.values()):
            continue
        try:
            score = PracticeScore.model_validate(dict(row))
        except ValidationError as exc:
            for error in exc.errors():
                field, message = _readable(error, row)
                problems.append(RowProblem(row=number, field=field, message=message))
            continue
        if score.taken_on > today:
            problems.append(
                RowProblem(
                    row=number,
                    field="taken_on",
                    message=f"Date taken ({score.taken_on:%d %b %Y}) is in the future; log a "
                    "practice exam once it has been taken",
                )
            )
            continue
        scores.append(score)
        numbers.append(number)
    if len(scores) > MAX_SCORES:
        problems.append(
            RowProblem(
                row=numbers[MAX_SCORES],
                field="practice_scores",
                message=f"The log holds at most {MAX_SCORES} scores; remove older ones",
            )
        )
    if problems:
        return (), tuple(problems)
    return tuple(sorted(scores, key=lambda s: s.taken_on)), ()


def with_scores(progress: Progress, scores: Iterable[PracticeScore]) -> Progress:
    """The same progress with a new, validated score log (replaces the whole log)."""
    return progress.model_copy(update={"practice_scores": tuple(scores)})


# --- the trend ---------------------------------------------------------------------------
class TrendPoint(FrozenInput):
    taken_on: date
    score: int
    form: str
    gap: int


class ScoreTrend(FrozenInput):
    """One Step's practice scores against the passing standard in force today (facts §2.1).

    ``gap`` is the latest score minus the standard (positive: above it);
    ``recent_gap`` the same for the mean of the last ``recent_count`` scores.
    Step 1 is reported pass/fail only; its standard is the underlying
    three-digit one, which is what practice forms are scaled to. For Step 2 CK,
    ``in_low_pass_zone`` says the latest score passes by at most
    ``low_pass_margin`` points: a pass there still reads as high academic risk
    (R-01, R-22; the margin is an assumption in data).
    """

    step: StepId
    points: tuple[TrendPoint, ...]
    standard: int
    standard_from: date
    standard_source: str
    pass_fail_only: bool
    latest: TrendPoint | None
    gap: int | None
    recent_count: int
    recent_average: float | None
    recent_gap: float | None
    low_pass_margin: int | None = None
    in_low_pass_zone: bool = False


def score_trend(
    progress: Progress, step: StepId, today: date, ref: Reference | None = None
) -> ScoreTrend:
    """The trend for one Step: its scores up to today in date order, the standard and the gap.

    Facts §2.1 for the standard; R-01 / R-22 for Step 2 CK's low-pass zone.

    The latest score is the last by date; of several on one day, the one logged
    last. Scores dated after today (only possible in a hand-built model) are left out.
    """
    ref = ref or load_reference()
    standard = ref.usmle.standard_on(step, today)
    logged = [s for s in progress.practice_scores if s.step == step and s.taken_on <= today]
    ordered = sorted(logged, key=lambda s: s.taken_on)  # stable: same-day scores keep log order
    points = tuple(
        TrendPoint(taken_on=s.taken_on, score=s.score, form=s.form, gap=s.score - standard.standard)
        for s in ordered
    )
    recent = points[-RECENT:]
    average = sum(p.score for p in recent) / len(recent) if recent else None
    gap = points[-1].gap if points else None
    margin = int(ref.thresholds.step2ck_low_pass_margin.value) if step == "step2ck" else None
    return ScoreTrend(
        step=step,
        points=points,
        standard=standard.standard,
        standard_from=standard.effective_from,
        standard_source=standard.source,
        pass_fail_only=step == "step1" and today >= ref.usmle.step1_pass_fail_from.value,
        latest=points[-1] if points else None,
        gap=gap,
        recent_count=len(recent),
        recent_average=average,
        recent_gap=None if average is None else average - standard.standard,
        low_pass_margin=margin,
        in_low_pass_zone=margin is not None and gap is not None and 0 <= gap <= margin,
    )


def steps_with_scores(progress: Progress) -> tuple[StepId, ...]:
    """The Steps that have at least one logged score, in exam order."""
    logged = {s.step for s in progress.practice_scores}
    return tuple(step for step in STEP_LABELS if step in logged)
