"""The page links in the sidebar, as plain links under section headings (issue 12, item 9).

Streamlit's own sectioned sidebar navigation puts each section's ``<div>`` straight
inside a ``<ul>`` with the ``<li>`` items inside the div, which axe-core reports as a
serious violation on every page (a list holding something other than list items, list
items outside a list). So the navigation runs hidden and the sidebar shows the same
pages with ``st.page_link``: links a screen reader announces as links, in sections
with real headings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

NAV_KEY = "sidebar_nav"


def sidebar_links(sections: Mapping[str, Sequence[st.Page]]) -> None:
    """Every page, in its section, as a link; the current page is marked by Streamlit."""
    with st.container(key=NAV_KEY, gap="small"):
        for section, pages in sections.items():
            st.markdown(f"**{section}**")
            for page in pages:
                st.page_link(page)
