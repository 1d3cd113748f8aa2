"""Other careers (under construction in this change)."""

import streamlit as st

st.title("Other careers")
st.info("This page is being built.")
