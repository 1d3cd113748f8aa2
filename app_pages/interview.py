"""Interview answer (R-84, article §6): a short structured answer about the failure -
what happened, what changed, the evidence, back to the specialty - checked like the
statement, and the common follow-up questions to practise.

Each part is a text area bound to ``plan.interview_answer`` (outside any fragment,
so a part typed and left by a page click is kept). The check runs inside MatchPlan
in linear time; it is never sent anywhere. Quoted sentences go through render.plain.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from matchplan.reference import load_reference
from matchplan.year.data import year_data
from matchplan.year.interview_answer import PART_LABELS, PART_MAX, PARTS, InterviewAnswer
from ui import render, state

data = year_data()
result = state.result()
answer = result.plan.interview_answer
check = result.interview_check
name = load_reference().specialty(result.profile.target_specialty).name

st.title("Interview answer")
st.caption(
    f"Every interviewer will ask about the failed exam. Prepare about ninety seconds: what "
    f"happened, what you changed, what came of it, and why {name}. Cause, action, result - "
    "not a memoir. The check runs inside MatchPlan and is not sent anywhere."
)

PROMPTS = {
    "what_happened": "One or two sentences, in the first person: which exam, when, and the "
    "specific cause.",
    "what_changed": "The concrete changes: a weekly schedule, NBME forms, a tutor or "
    "learning specialist, support you took.",
    "evidence": "What came of it: the pass, a score, evaluations, a letter, a role.",
    "specialty": f"Back to {name}: a patient, a service, a skill that keeps you in it.",
}


def commit(part: str) -> state.Commit:
    def apply(value: Any) -> None:
        current = state.plan().interview_answer.model_dump()
        state.update(interview_answer=InterviewAnswer.model_validate({**current, part: value}))

    return apply


left, right = st.columns([3, 2], gap="large")
with left:
    for number, part in enumerate(PARTS, start=1):
        st.text_area(
            f"{number}. {PART_LABELS[part]}",
            value=getattr(answer, part),
            height=100,
            max_chars=PART_MAX,
            placeholder=PROMPTS[part],
            **state.bind(f"interview_{part}", commit(part)),
        )
        state.error(f"interview_{part}")
with right, st.container(key="interview_check"):
    st.markdown(render.words("**Check (R-84)**"))
    if check.words == 0:
        st.info("Write the four parts; the check appears here.", icon=":material/edit:")
    else:
        st.metric(
            "Words", check.words, help=f"Aim for {check.words_min}-{check.words_max} (assumption)"
        )
        if check.ready:
            st.success(
                "Owned, specific, outcome named, back to the specialty. Now say it out loud.",
                icon=":material/check_circle:",
            )
        for finding in check.findings:
            with st.container(border=True):
                st.markdown(f":material/warning: {finding.message}")
                st.caption(finding.hint)
                if finding.quote:
                    st.caption(f"> {render.plain(finding.quote, limit=300)}")
    st.caption(render.source_line(["article", "matchplan-assumption"]))


def commit_practised(value: Any) -> None:
    current = state.plan().interview_answer.model_dump()
    indexes = sorted(i for i, q in enumerate(data.interview.follow_ups) if q.text in value)
    state.update(interview_answer=InterviewAnswer.model_validate({**current, "practised": indexes}))


st.subheader("Follow-up questions to practise")
st.caption(
    "Interviewers often ask a second question. Practise each aloud, ideally with someone "
    "who will push back, and tick it when your answer is short and steady."
)
questions = [q.text for q in data.interview.follow_ups]
st.pills(
    "Practised",
    questions,
    selection_mode="multi",
    default=[questions[i] for i in answer.practised if i < len(questions)],
    **state.bind("interview_practised", commit_practised),
)
st.caption(f"{len(answer.practised)} of {len(questions)} practised.")
