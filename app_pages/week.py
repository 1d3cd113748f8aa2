"""Weekly structure (under construction in this change)."""

import streamlit as st

st.title("Weekly structure")
st.info("This page is being built.")
