"""Packaging and architecture rules that a reviewer would otherwise check by eye."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _requirement_lines() -> set[str]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_requirements_txt_matches_pyproject_dependencies() -> None:
    """Community Cloud installs requirements.txt; it must equal what pyproject declares."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert _requirement_lines() == set(pyproject["project"]["dependencies"])


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_the_ui() -> None:
    """matchplan/ is the pure core: no streamlit, no ui, no pages."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            _imported_modules(path) & {"streamlit", "ui", "app_pages"}
        )
        for path in (ROOT / "matchplan").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_unsafe_html_and_no_pickle_anywhere_in_the_app() -> None:
    sources = [
        ROOT / "streamlit_app.py",
        *ROOT.glob("app_pages/*.py"),
        *ROOT.glob("ui/*.py"),
        *ROOT.glob("matchplan/**/*.py"),
    ]
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        keywords = {
            k.arg for node in ast.walk(tree) if isinstance(node, ast.Call) for k in node.keywords
        }
        assert "unsafe_allow_html" not in keywords, path
        assert "pickle" not in _imported_modules(path), path


def test_usage_statistics_are_off() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["maxUploadSize"] <= 5
