"""Autopsy helpers: labels, bound commits for profile fields, the two tables, the findings.

Every field commits on change through ``ui.state`` (no forms): a value is kept
the moment it is entered, and one that does not fit yet (interview offers above
programs applied, say) stays in its field with its message and is retried after
each later change. The exam and letter tables commit with ``state.commit_now``
when what they hold differs from the plan.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st

from matchplan.assessment import DIMENSION_LABELS, Assessment, Finding
from matchplan.profile import EARLIEST_GRADUATION, STEP_LABELS, ApplicantProfile
from matchplan.reference import load_reference
from ui import render, state
from ui.state import Commit

SPECIALTY_NAMES = {s.id: s.name for s in load_reference().specialties}
SPECIALTY_IDS = {name: sid for sid, name in SPECIALTY_NAMES.items()}
STEP_IDS = {label: step for step, label in STEP_LABELS.items()}
EARLIEST = EARLIEST_GRADUATION  # a 1979 graduate is realistic; the model bounds each date

EXAM_COLUMNS = ["Step", "Exam date", "Result", "Score"]
LETTER_COLUMNS = ["Writer's title", "Specialty", "Date written", "US-based", "Strong"]


def latest(today: date) -> date:
    """The date pickers' upper end; later dates are accepted, then rejected by the model."""
    return date(today.year + 3, 12, 31)


def labelled(labels: Mapping[Any, str]) -> dict[str, Any]:
    """Options and their labels for a selectbox, from a value -> label mapping."""
    return {"options": list(labels), "format_func": lambda value: labels[value]}


def field(path: str, convert: Callable[[Any], Any] | None = None) -> Commit:
    """A commit for one profile field (``"last_cycle.programs_applied"``), converted first."""
    commit = state.profile_field(path)
    if convert is None:
        return commit

    def converted(value: Any) -> None:
        commit(None if value is None else convert(value))

    return converted


def bound(name: str, path: str, convert: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """``state.bind`` kwargs for a widget that edits one profile field."""
    return state.bind(name, field(path, convert))


def cell(value: Any) -> Any:
    """A data-editor cell as a plain Python value (empty cells become None)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _day(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value


def _records(frame: pd.DataFrame, content: Iterable[str]) -> list[dict[str, Any]]:
    """Rows with at least one of the ``content`` columns filled (default ticks do not count)."""
    records = [{str(k): cell(v) for k, v in row.items()} for row in frame.to_dict("records")]
    columns = tuple(content)
    return [r for r in records if any(r.get(c) is not None for c in columns)]


def _canonical(items: list[dict[str, Any]]) -> list[str]:
    return sorted(repr(sorted(item.items())) for item in items)


def exams_frame(profile: ApplicantProfile) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Step": STEP_LABELS[a.step],
                "Exam date": a.exam_date,
                "Result": a.result,
                "Score": a.score,
            }
            for a in sorted(profile.exams, key=lambda a: a.exam_date)
        ],
        columns=EXAM_COLUMNS,
    )


def exams_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The exam attempts a table holds, as profile data."""
    out = []
    for r in _records(frame, ("Step", "Exam date", "Result", "Score")):
        score = r.get("Score")
        out.append(
            {
                "step": STEP_IDS.get(r.get("Step") or "", r.get("Step")),
                "exam_date": _day(r.get("Exam date")),
                "result": r.get("Result"),
                "score": int(score) if isinstance(score, int | float) else score,
            }
        )
    return out


def letters_frame(profile: ApplicantProfile) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Writer's title": x.writer_title,
                "Specialty": SPECIALTY_NAMES[x.specialty],
                "Date written": x.written_on,
                "US-based": x.us_based,
                "Strong": x.strong,
            }
            for x in profile.content.letters
        ],
        columns=LETTER_COLUMNS,
    )


def letters_of(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The letters a table holds, as profile data."""
    out = []
    for r in _records(frame, ("Writer's title", "Specialty", "Date written")):
        title = r.get("Writer's title")
        us_based, strong = r.get("US-based"), r.get("Strong")
        out.append(
            {
                "writer_title": title.strip() if isinstance(title, str) else "",
                "specialty": SPECIALTY_IDS.get(r.get("Specialty") or "", r.get("Specialty")),
                "written_on": _day(r.get("Date written")),
                "us_based": True if us_based is None else bool(us_based),
                "strong": True if strong is None else bool(strong),
            }
        )
    return out


def commit_table(name: str, rows: list[dict[str, Any]], stored: list[dict[str, Any]]) -> None:
    """Commit a table's rows when they differ from the plan's (order aside); show any problem."""
    if _canonical(rows) != _canonical(stored):
        commit = state.profile_field("content.letters" if name == "autopsy_letters" else "exams")
        state.commit_now(name, commit, rows)
    state.error(name)


def findings(result: Assessment, found: tuple[Finding, ...]) -> None:
    """What the autopsy finds: the dimensions (R-06) and the findings with fixes (R-07)."""
    st.divider()
    st.subheader("What the autopsy finds")
    for diagnosis in result.diagnosis:
        icon = ":material/cancel:" if diagnosis.failed else ":material/check:"
        with st.expander(
            f"{DIMENSION_LABELS[diagnosis.dimension]} ({len(diagnosis.evidence)} finding(s))",
            icon=icon,
            expanded=diagnosis.failed,
        ):
            if not diagnosis.evidence:
                st.markdown("Nothing found here.")
            for line in diagnosis.evidence:
                st.markdown(f"- {render.words(line)}")
    st.markdown(render.words("**Findings and fixes, most important first (R-07)**"))
    for finding in found:
        render.finding_card(finding)
