"""Session isolation (issue 7): no user data in module-level or cached state.

Two checks: a static one (every cached function in the core and the UI
helpers takes no arguments, so a cache can hold only reference data) and a
behavioural one (two sessions in one server process never see each other's
plan).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.widgets import plan_of, widget

pytestmark = pytest.mark.usefixtures("app_today")  # the app reads its pinned date

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "streamlit_app.py")
CACHE_DECORATORS = {"cache", "lru_cache", "cache_data", "cache_resource"}


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def _cached_functions() -> list[tuple[str, ast.FunctionDef]]:
    found = []
    files = [
        *ROOT.glob("matchplan/**/*.py"),
        *ROOT.glob("ui/*.py"),
        *ROOT.glob("app_pages/*.py"),
        ROOT / "streamlit_app.py",
    ]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                _decorator_name(d) in CACHE_DECORATORS for d in node.decorator_list
            ):
                found.append((f"{path.relative_to(ROOT)}:{node.name}", node))
    return found


def test_the_codebase_has_cached_reference_loaders_to_check() -> None:
    names = [name for name, _ in _cached_functions()]
    assert any(name.endswith(":load_reference") for name in names), names


def test_every_cache_holds_reference_data_only() -> None:
    """A cached function with no parameters cannot be keyed by, or return, a user's data."""
    with_parameters = [
        name
        for name, node in _cached_functions()
        if node.args.args or node.args.kwonlyargs or node.args.vararg or node.args.kwarg
    ]
    assert with_parameters == []


def _session() -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert not app.exception
    return app


def test_two_sessions_never_see_each_others_plan() -> None:
    alice = _session()
    alice.switch_page("app_pages/autopsy.py").run()
    widget(alice, "text_input", "autopsy_display_name").set_value("Alice Isolation").run()
    assert plan_of(alice).profile.display_name == "Alice Isolation"

    bob = _session()
    assert plan_of(bob).profile.display_name.startswith("Example applicant")
    bob.button(key="sidebar_start_blank").click().run()
    shown = " ".join(str(e.value) for e in [*bob.markdown, *bob.caption, *bob.sidebar.caption])
    assert "Alice" not in shown

    alice.run()
    assert plan_of(alice).profile.display_name == "Alice Isolation"
    assert plan_of(alice).profile.exams != ()
