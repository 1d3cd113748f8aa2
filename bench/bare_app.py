"""The bare baseline: the same kinds of controls as MatchPlan's what-ifs, no charts.

A weekly date slider like the Timeline's "Exam date" and a stepped number input
like the Programs page's what-if count, each echoing its value as text. The
benchmark starts it exactly as it starts MatchPlan (same command, same working
directory, so the same .streamlit/config.toml) and times slider-to-text against
MatchPlan's slider-to-every-chart.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from matchplan.clock import pinned_today

st.set_page_config(page_title="Bare", layout="wide")
pinned = pinned_today()
if pinned is None:
    raise RuntimeError("the benchmark starts this app with MATCHPLAN_TODAY set")
today = pinned  # the same date the app's slider starts from

st.title("Bare")
exam_date = st.slider(
    "Exam date",
    min_value=today,
    max_value=today + timedelta(weeks=104),
    value=today + timedelta(weeks=35),
    step=timedelta(days=7),
    format="DD MMM YYYY",
    key="bare_exam_date",
)
with st.container(key="bare_exam_text"):
    st.text(f"Exam date: {exam_date.isoformat()}")

count = st.number_input(
    "What-if: programs", min_value=0, max_value=1000, value=100, step=5, key="bare_count"
)
with st.container(key="bare_count_text"):
    st.text(f"Programs: {count}")
