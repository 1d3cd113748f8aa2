"""Find widgets by the name a page gives them, whatever revision the plan is at.

Widget keys are ``name.nonce.revision`` (ui.state.key): tests look them up by name.
In the browser, Streamlit turns the key into the class ``st-key-name-nonce-revision``.
"""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from matchplan.planfile import PlanFile
from ui.state import BOX


def widget(app: AppTest, kind: str, name: str) -> Any:
    """The one widget of this kind whose key starts with ``name.``."""
    prefix = f"{name}."
    found = [w for w in getattr(app, kind) if isinstance(w.key, str) and w.key.startswith(prefix)]
    assert len(found) == 1, f"{kind} {name!r}: found {len(found)}"
    return found[0]


def css(name: str) -> str:
    """A CSS selector for the element of a bound widget named ``name`` (any revision)."""
    return f'[class*="st-key-{name}-"]'


def plan_of(app: AppTest) -> PlanFile:
    """The one plan the session holds (ui.state's PlanBox)."""
    box = app.session_state[BOX]
    assert isinstance(box.plan, PlanFile)
    return box.plan
