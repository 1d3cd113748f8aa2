"""Packaging and architecture rules that a reviewer would otherwise check by eye."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path
from typing import Any

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def _pins(name: str) -> dict[str, Version]:
    """A pins file as canonical name -> exact version; every line must be ``name==version``."""
    pins: dict[str, Version] = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        requirement = Requirement(line)
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"{name}: {line} is not an exact pin"
        pins[canonicalize_name(requirement.name)] = Version(spec.version)
    return pins


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_requirements_txt_pins_every_runtime_dependency_within_pyproject() -> None:
    """Community Cloud installs requirements.txt: exact pins, inside pyproject's ranges."""
    pins = _pins("requirements.txt")
    for line in _pyproject()["project"]["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"requirements.txt does not pin {name}"
        assert pins[name] in requirement.specifier, f"{name}=={pins[name]} is outside {line}"


def test_requirements_txt_equals_the_constraints() -> None:
    """The deployment runs exactly the versions CI tested (constraints.txt)."""
    constraints = _pins("constraints.txt")
    pins = _pins("requirements.txt")
    assert {n: v for n, v in pins.items() if constraints.get(n) != v} == {}


def test_constraints_pin_every_extra_within_pyproject() -> None:
    """The test and dev extras are pinned too, inside their ranges (the Makefile uses -c)."""
    constraints = _pins("constraints.txt")
    extras = _pyproject()["project"]["optional-dependencies"]
    for line in [*extras["test"], *extras["dev"]]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        if name == "matchplan":
            continue
        assert name in constraints, f"constraints.txt does not pin {name}"
        assert constraints[name] in requirement.specifier, f"{name} is outside {line}"


def test_pypdf_floor_is_above_its_known_crash_advisories() -> None:
    """pypdf < 6.16.1 has published denial-of-service advisories (infinite loops, RAM)."""
    (line,) = [d for d in _pyproject()["project"]["optional-dependencies"]["test"] if "pypdf" in d]
    assert Version("6.16.0") not in Requirement(line).specifier
    assert Version("6.16.1") in Requirement(line).specifier


def test_makefile_installs_with_the_constraints() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '-c constraints.txt -e ".[dev]"' in makefile
    assert "$(VENV)/.installed: pyproject.toml requirements.txt constraints.txt" in makefile
    assert "\nconstraints:" in makefile


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


def test_issue15_local_page_icon_is_a_small_inline_svg() -> None:
    """The page icon is the app's own (a :material/...: icon is fetched from an outside
    font host on every visit). An SVG file is sent inline as a data URL; a PNG went
    through Pillow at every cold start (0.07 s of the first run, issue 14)."""
    icon = ROOT / "assets" / "matchplan-icon.svg"
    text = icon.read_text(encoding="utf-8")
    assert text.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">')
    assert len(text) < 2048
    assert "<script" not in text  # nothing to run
    assert "href" not in text  # nothing to fetch
    entry = (ROOT / "streamlit_app.py").read_text(encoding="utf-8")
    assert 'ICON = str(HERE / "assets" / "matchplan-icon.svg")' in entry
    assert "st.set_page_config(page_icon=ICON)" in entry  # after the page: numpy and PIL


def test_every_core_model_is_frozen_and_refuses_unknown_keys() -> None:
    """``matchplan.frozen`` is the one place for model behaviour: a model that set its own
    config, or derived from pydantic's BaseModel directly, would be found here."""
    import importlib
    import pkgutil

    from pydantic import BaseModel

    import matchplan
    from matchplan.frozen import Frozen, FrozenInput

    for info in pkgutil.walk_packages(matchplan.__path__, "matchplan."):
        if not info.name.endswith("__main__"):  # that one runs the CLI
            importlib.import_module(info.name)
    models: list[type[BaseModel]] = []
    pending = list(BaseModel.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if model.__module__.startswith("matchplan.") and model not in (Frozen, FrozenInput):
            models.append(model)
    assert len(models) > 50
    for model in models:
        assert issubclass(model, Frozen | FrozenInput), model
        assert model.model_config.get("frozen") is True, model
        assert model.model_config.get("extra") == "forbid", model
