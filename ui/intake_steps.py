"""The intake's five steps, drawn one at a time by the Start here page (issue 12, item 1).

Each step is a form whose values reach the session's draft (``ui.intake_view``)
when the user moves on or back, never the plan.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st
from pydantic import ValidationError

from matchplan.plan import new_plan
from matchplan.profile import APPLICANT_TYPE_LABELS, CURRENT_ROLE_LABELS, STEP_LABELS, ExamAttempt
from matchplan.profile import field_errors as profile_field_errors
from ui import autopsy_cycle, session, state
from ui import autopsy_view as view
from ui import intake_view as intake


def date_kwargs(today: date) -> dict[str, Any]:
    """One date format shown and typed everywhere, within what the app can plan with."""
    return {"format": "DD/MM/YYYY", "min_value": view.EARLIEST, "max_value": view.latest(today)}


def key(name: str) -> str:
    return f"intake_{name}.{intake.draft()['revision']}"


def choice(label: str, name: str, labels: dict[Any, str], **kwargs: Any) -> Any:
    """A radio whose options are labelled; no choice until the user makes one."""
    draft = intake.draft()
    options = list(labels)
    index = options.index(draft[name]) if draft[name] in options else None
    picked = st.radio(
        label, options, index=index, format_func=labels.__getitem__, key=key(name), **kwargs
    )
    intake.show_error(name)
    return picked


def count(label: str, name: str, **kwargs: Any) -> int | None:
    draft = intake.draft()
    value = st.number_input(
        label, min_value=0, max_value=1000, value=draft[name], step=1, key=key(name), **kwargs
    )
    intake.show_error(name)
    return None if value is None else int(value)


def move(values: dict[str, Any], to: int) -> None:
    """Keep a step's values in the draft; go on only when the step holds what it needs."""
    draft, number = intake.draft(), intake.step()
    draft.update(values)
    held = intake.errors()
    for name in list(held):
        if intake.STEP_OF.get(name) == number:
            held.pop(name)
    need = intake.check_step(number, draft) if to > number else {}
    held.update(need)
    if not need:
        intake.go_to(to)
    st.rerun()


def step_0(draft: dict[str, Any], today: date) -> None:
    """Step 1 of the intake."""
    DATE = date_kwargs(today)
    with st.form(key("form0"), border=True):
        values = {
            "applicant_type": choice(
                "You are a", "applicant_type", dict(APPLICANT_TYPE_LABELS), horizontal=True
            ),
            "graduation_date": st.date_input(
                "Graduation date", value=draft["graduation_date"], key=key("graduation"), **DATE
            ),
        }
        intake.show_error("graduation_date")
        c1, c2 = st.columns(2)
        values["needs_visa"] = c1.checkbox(
            "I need visa sponsorship", draft["needs_visa"], key=key("visa")
        )
        values["ecfmg"] = c2.checkbox("ECFMG certified (IMGs)", draft["ecfmg"], key=key("ecfmg"))
        if session.hide_details():  # screen-share mode: the name stays off the screen
            st.text_input("Name", "hidden while screen sharing", disabled=True, key=key("nohide"))
        else:
            values["name"] = st.text_input(
                "Name (optional, stays in this tab)", draft["name"], max_chars=120, key=key("name")
            )
            intake.show_error("name")
        if st.form_submit_button("Continue", type="primary", icon=":material/arrow_forward:"):
            move(values, 1)


def step_1(draft: dict[str, Any], today: date) -> None:
    """Step 2 of the intake."""
    DATE = date_kwargs(today)
    st.markdown("**Every time you sat a Step**, passed or failed, and any you have booked.")
    for index, attempt in enumerate(draft["exams"]):
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        c1.markdown(f"- {intake.attempt_label(attempt)}")
        if c2.button("Remove", key=key(f"remove_{index}"), icon=":material/delete:"):
            draft["exams"].pop(index)
            st.rerun()
    if not draft["exams"]:
        st.caption("No attempts yet.")
    intake.show_error("exams")
    with st.form(key("add_attempt"), clear_on_submit=True, border=True):
        c1, c2, c3, c4 = st.columns(4)
        exam_step = c1.selectbox(
            "Step",
            list(STEP_LABELS),
            index=1,
            format_func=STEP_LABELS.__getitem__,
            key=key("exam_step"),
        )
        exam_date = c2.date_input("Exam date", value=None, key=key("exam_date"), **DATE)
        result = c3.radio(
            "Result", ["pass", "fail", "planned"], key=key("exam_result"), horizontal=True
        )
        score = c4.number_input("Score (if reported)", 1, 300, value=None, key=key("exam_score"))
        if st.form_submit_button("Add attempt", icon=":material/add:"):
            try:
                attempt = ExamAttempt.model_validate(
                    {"step": exam_step, "exam_date": exam_date, "result": result, "score": score}
                )
            except ValidationError as exc:
                intake.errors()["attempt"] = "; ".join(
                    e.message for e in profile_field_errors(exc, ExamAttempt)
                )
            else:
                intake.errors().pop("attempt", None)
                intake.errors().pop("exams", None)
                draft["exams"].append(attempt.model_dump())
            st.rerun()
    intake.show_error("attempt")
    back, forward = st.columns(2)
    if back.button("Back", key=key("back1"), icon=":material/arrow_back:"):
        intake.go_to(0)
        st.rerun()
    if forward.button(
        "Continue", key=key("next1"), type="primary", icon=":material/arrow_forward:"
    ):
        intake.go_to(2)
        st.rerun()


def step_2(draft: dict[str, Any], today: date) -> None:
    """Step 3 of the intake."""
    specialties = view.SPECIALTY_NAMES
    with st.form(key("form2"), border=True):
        c1, c2 = st.columns(2)
        values = {
            "cycle_year": c1.number_input(
                "Match year of your last cycle",
                2015,
                2040,
                draft["cycle_year"],
                key=key("cycle_year"),
            ),
            "specialty_applied": c2.selectbox(
                "Specialty you applied to",
                list(specialties),
                index=list(specialties).index(draft["specialty_applied"])
                if draft["specialty_applied"] in specialties
                else None,
                format_func=specialties.__getitem__,
                key=key("specialty_applied"),
            ),
        }
        with c2:
            intake.show_error("specialty_applied")
        values["also_applied"] = st.multiselect(
            "Also applied to (optional)",
            list(specialties),
            draft["also_applied"],
            format_func=specialties.__getitem__,
            key=key("also_applied"),
            max_selections=3,
        )
        c1, c2 = st.columns(2)
        with c1:
            values["programs"] = count("Programs applied to", "programs")
        with c2:
            values["divisions"] = count(
                "Census divisions (US regions) applied in", "divisions", help="1 to 9"
            )
        c1, c2, c3 = st.columns(3)
        with c1:
            values["offers"] = count("Interview offers", "offers")
        with c2:
            values["attended"] = count(
                "Interviews attended", "attended", placeholder="same as offers"
            )
        with c3:
            values["ranked"] = count("Programs ranked", "ranked", placeholder="same as attended")
        intake.show_error("last_cycle")
        values["statement"] = choice(
            "Your personal statement was",
            "statement",
            autopsy_cycle.STATEMENT_LABELS,
            horizontal=True,
        )
        values["activities"] = choice(
            "Research, leadership, volunteering",
            "activities",
            autopsy_cycle.ACTIVITY_LABELS,
            horizontal=True,
        )
        back, forward = st.columns(2)
        if back.form_submit_button("Back", icon=":material/arrow_back:"):
            move(values, 1)
        if forward.form_submit_button("Continue", type="primary", icon=":material/arrow_forward:"):
            move(values, 3)


def step_3(draft: dict[str, Any], today: date) -> None:
    """Step 4 of the intake."""
    specialties = view.SPECIALTY_NAMES
    with st.form(key("form3"), border=True):
        target = draft["target"] or draft["specialty_applied"]
        values = {
            "target": st.selectbox(
                "Specialty you are aiming for now",
                list(specialties),
                index=list(specialties).index(target) if target in specialties else None,
                format_func=specialties.__getitem__,
                key=key("target"),
            ),
            "target_year": st.number_input(
                "Match year you are aiming for",
                2016,
                2045,
                draft["target_year"],
                key=key("target_year"),
            ),
        }
        intake.show_error("target")
        back, forward = st.columns(2)
        if back.form_submit_button("Back", icon=":material/arrow_back:"):
            move(values, 2)
        if forward.form_submit_button("Continue", type="primary", icon=":material/arrow_forward:"):
            move(values, 4)


def step_4(draft: dict[str, Any], today: date) -> None:
    """Step 5 of the intake."""
    with st.form(key("form4"), border=True):
        values: dict[str, Any] = {
            "months_since_clinical": count(
                "Months since your last hands-on clinical work", "months_since_clinical"
            )
        }
        c1, c2 = st.columns(2)
        values["clinical_us"] = c1.checkbox(
            "That work was in the US", draft["clinical_us"], key=key("clinical_us")
        )
        values["clinical_in_target"] = c2.checkbox(
            "It was in the specialty you are aiming for",
            draft["clinical_in_target"],
            key=key("in_target"),
        )
        roles = dict(CURRENT_ROLE_LABELS)
        values["role"] = st.selectbox(
            "Your current or planned role",
            list(roles),
            index=list(roles).index(draft["role"]) if draft["role"] in roles else None,
            format_func=roles.__getitem__,
            key=key("role"),
        )
        intake.show_error("role")
        intake.show_error("clinical")
        back, save = st.columns(2)
        if back.form_submit_button("Back", icon=":material/arrow_back:"):
            move(values, 3)
        saved = save.form_submit_button("Save my profile", type="primary", icon=":material/save:")
    if saved:
        draft.update(values)
        checked = intake.validated(draft, today)
        if isinstance(checked, dict):
            intake.errors().clear()
            intake.errors().update(checked)
            intake.go_to(min(intake.STEP_OF.get(name, 4) for name in checked))
            st.rerun()
        intake.errors().clear()
        state.replace(
            new_plan(checked, today),
            "Saved your profile. Here is how programs are likely to read it.",
        )
        draft["revision"] = state.revision()  # the draft stays for going back and correcting
        intake.go_to(0)
        st.switch_page("app_pages/overview.py")
