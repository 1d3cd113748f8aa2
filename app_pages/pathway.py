"""Stay or pivot (under construction in this change)."""

import streamlit as st

st.title("Stay or pivot")
st.info("This page is being built.")
