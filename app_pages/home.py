"""The root address: the entry script sends it on to /overview (issue 12, item 10).

A default page is served only at "/", so a bookmarked /overview was "Page not
found"; Overview now has its own address and this hidden page forwards to it.
"""

from __future__ import annotations

import streamlit as st

st.switch_page("app_pages/overview.py", query_params=dict(st.query_params))
