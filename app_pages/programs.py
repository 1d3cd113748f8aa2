"""Programs (under construction in this change)."""

import streamlit as st

st.title("Programs")
st.info("This page is being built.")
