"""Issue 10: a commit never overrides a page click, nor a plan that replaced its widget.

Typing in a box and clicking another page sends a commit and a navigation. Under load
the browser may deliver them as two runs (the commit late, still naming the old page)
or Streamlit may merge them into one run naming the new page. The first must keep the
user on the page they chose; the second must take them there.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ui import state


@pytest.fixture
def session(monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    fake = SimpleNamespace(session_state={}, query_params={})
    monkeypatch.setattr(state, "st", fake)
    return fake


def type_on(session: SimpleNamespace, page: str) -> tuple[str, state.Commit, str | None]:
    """A text box bound on `page` and typed into, as its callback receives it."""
    assert state.stale_page(page) is None
    kwargs = state.bind("email_draft", state.plan_field("email_draft"))
    session.session_state[kwargs["key"]] = "typed"
    widget_key, commit, bound_on = kwargs["args"]
    assert bound_on == page
    return widget_key, commit, bound_on


def test_a_commit_arriving_after_the_click_keeps_the_page_the_user_chose(
    session: SimpleNamespace,
) -> None:
    args = type_on(session, "timeline")
    assert state.stale_page("overview") is None  # the click's run
    state._on_change(*args)  # the box's commit, late, still naming Timeline
    assert state.stale_page("timeline") == "overview"
    assert state.plan().email_draft == "typed"


def test_a_commit_merged_into_the_click_run_goes_to_the_clicked_page(
    session: SimpleNamespace,
) -> None:
    args = type_on(session, "timeline")
    state._on_change(*args)  # one run: the commit and the click together
    assert state.stale_page("overview") is None
    assert state.plan().email_draft == "typed"


def test_a_commit_on_the_same_page_stays_there(session: SimpleNamespace) -> None:
    args = type_on(session, "timeline")
    state._on_change(*args)
    assert state.stale_page("timeline") is None


def test_a_field_of_a_replaced_plan_never_writes_into_the_plan_that_replaced_it(
    session: SimpleNamespace,
) -> None:
    """Under load the browser sends the old plan's fields after a file load."""
    old_field = type_on(session, "autopsy")
    loaded = state.plan().model_copy(update={"email_draft": "from the file"})
    state.replace(loaded, "Loaded your plan file.")
    state._on_change(*old_field)
    assert state.plan().email_draft == "from the file"
    assert state.stale_page("autopsy") is None  # and it is not taken for a late commit


def test_a_field_from_before_a_reset_still_commits(session: SimpleNamespace) -> None:
    """reset_widgets re-seeds the same plan: an edit typed before it is still the user's."""
    old_field = type_on(session, "week")
    state.reset_widgets()
    state._on_change(*old_field)
    assert state.plan().email_draft == "typed"
