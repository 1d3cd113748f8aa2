"""Networking (under construction in this change)."""

import streamlit as st

st.title("Networking")
st.info("This page is being built.")
