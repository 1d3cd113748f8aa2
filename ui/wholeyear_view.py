"""Rendering helpers for the whole year's parts (issue 13): the attendings table, the
practice-form schedule, the letters status (R-81), readiness (R-82), the prelim/TY
checklist (R-83). Tables follow the score log's pattern: edit, validate whole, keep."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from matchplan.reference import load_reference
from matchplan.year import ChecklistItem, OutputsStatus, Readiness
from matchplan.year.clinical_outputs import LETTER_LABELS, Attending
from matchplan.year.study_plan import PlannedForm
from ui import render
from ui.year_view import _cell

ATTENDING_COLUMNS = {
    "Attending": "name",
    "Role or rotation": "role",
    "Specialty": "specialty",
    "Letter": "letter",
    "Comment worth quoting": "comment",
    "Will call programs": "network_anchor",
}
FORM_COLUMNS = {"Form": "form", "Planned date": "planned_on"}
STATE_ICONS = {
    "met": ":material/check_circle:",
    "on_track": ":material/schedule:",
    "short": ":material/error:",
}


def _specialties() -> dict[str, str]:
    ref = load_reference()
    return {s: ref.specialty(s).name for s in ref.specialty_ids()}


def attending_frame(rows: tuple[Attending, ...]) -> pd.DataFrame:
    names = _specialties()
    return pd.DataFrame(
        [
            {
                "Attending": a.name,
                "Role or rotation": a.role,
                "Specialty": names[a.specialty],
                "Letter": LETTER_LABELS[a.letter],
                "Comment worth quoting": a.comment,
                "Will call programs": a.network_anchor,
            }
            for a in rows
        ],
        columns=list(ATTENDING_COLUMNS),
    ).astype({"Will call programs": "bool"})


def attending_columns(default_specialty: str) -> dict[str, Any]:
    names = _specialties()
    return {
        "Attending": st.column_config.TextColumn(required=True, max_chars=80),
        "Role or rotation": st.column_config.TextColumn(max_chars=120),
        "Specialty": st.column_config.SelectboxColumn(
            options=list(names.values()), required=True, default=names[default_specialty]
        ),
        "Letter": st.column_config.SelectboxColumn(
            options=list(LETTER_LABELS.values()), required=True, default="not asked"
        ),
        "Comment worth quoting": st.column_config.TextColumn(
            help="A specific line on work ethic, teachability, patient care or improvement"
        ),
        "Will call programs": st.column_config.CheckboxColumn(
            default=False, help="A network anchor: will answer a program director's call"
        ),
    }


def attending_rows(edited: pd.DataFrame) -> list[dict[str, Any]]:
    by_name = {v: k for k, v in _specialties().items()}
    by_label = {v: k for k, v in LETTER_LABELS.items()}
    rows = []
    for row in edited.to_dict("records"):
        out = {name: _cell(row.get(column)) for column, name in ATTENDING_COLUMNS.items()}
        if all(v in (None, "", False) for v in out.values()):
            rows.append(out)
            continue
        out["specialty"] = by_name.get(out["specialty"], out["specialty"])
        out["letter"] = by_label.get(out["letter"], out["letter"]) or "not_asked"
        out["network_anchor"] = bool(out["network_anchor"])
        out["role"] = out["role"] or ""
        out["comment"] = out["comment"] or ""
        rows.append(out)
    return rows


def form_frame(forms: tuple[PlannedForm, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"Form": f.form, "Planned date": f.planned_on} for f in forms], columns=list(FORM_COLUMNS)
    )


def form_columns() -> dict[str, Any]:
    return {
        "Form": st.column_config.TextColumn(required=True, max_chars=40, help="e.g. NBME 30"),
        "Planned date": st.column_config.DateColumn(format="YYYY-MM-DD", required=True),
    }


def form_rows(edited: pd.DataFrame) -> list[dict[str, Any]]:
    rows = [
        {name: _cell(row.get(column)) for column, name in FORM_COLUMNS.items()}
        for row in edited.to_dict("records")
    ]
    return [r for r in rows if any(v not in (None, "") for v in r.values())]


def outputs_status(status: OutputsStatus) -> None:
    """R-81 against R-37's target: letters, comments, anchors."""
    with st.container(border=True, key="outputs_status"):
        st.markdown(f"{STATE_ICONS[status.state]} " + render.ruled("R-81", status.message))
        a, b, c, d = st.columns(4)
        a.metric("Letters uploaded", f"{status.uploaded} of {status.target}")
        b.metric("Promised", status.promised)
        c.metric("Comments worth quoting", status.comments)
        d.metric("Network anchors", status.anchors)
        if status.off_target:
            st.caption(
                f"{status.off_target} letter(s) outside the target and its close fields: "
                "useful, but they do not count toward R-37's target."
            )
        st.caption(render.source_line(status.sources))


def readiness(ready: Readiness) -> None:
    """R-82: ready / on track / not on track, the warning, and what the plan lacks."""
    with st.container(border=True, key="study_readiness"):
        icon = {
            "ready": ":material/check_circle:",
            "on_track": ":material/trending_up:",
            "not_on_track": ":material/warning:",
        }.get(ready.state, ":material/info:")
        st.markdown(f"{icon} " + render.words(f"**Readiness (R-82)** · {ready.message}"))
        if ready.warning:
            st.warning(ready.warning, icon=":material/event_busy:")
        for note in ready.plan_notes:
            st.markdown(f"- {note}")
        st.caption(
            f"Rule: sit the exam when the last {ready.forms_needed} practice forms each clear "
            f"the passing standard by {ready.margin} points (an assumption). "
            + render.source_line(ready.sources)
        )


def checklist(items: tuple[ChecklistItem, ...], today: date) -> None:
    """R-83's items with their dates (also on the Timeline's Gantt)."""
    for item in items:
        mark = ":material/check_box:" if item.done else ":material/check_box_outline_blank:"
        late = " · :orange[past its date]" if not item.done and item.due < today else ""
        st.markdown(f"{mark} **{item.name}** · by {item.due:%d %b %Y}{late}")
        st.caption(item.text)
