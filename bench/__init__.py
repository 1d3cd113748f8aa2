"""MatchPlan's benchmark against a bare Streamlit app: ``python -m bench.run``."""
