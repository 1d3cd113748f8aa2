"""Streamlit helpers shared by the pages: session state and rendering (UI layer)."""
