"""Personal statement (under construction in this change)."""

import streamlit as st

st.title("Personal statement")
st.info("This page is being built.")
