"""MatchPlan core: pure, typed rules for re-applying to residency (no UI here)."""
