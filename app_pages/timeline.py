"""Timeline (under construction in this change)."""

import streamlit as st

st.title("Timeline")
st.info("This page is being built.")
