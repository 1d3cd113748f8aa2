"""The container image runs the server the tests and the benchmark measure.

Docker need not be installed: the Dockerfile is read as text. Its command line must carry
tests/conftest.py's ``serve_command`` flags (except the address, which a container must
open to the outside, and the fixed port), and its health check, port and install line
must agree with each other.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from matchplan.clock import TODAY_VARIABLE
from tests.conftest import free_port, serve_command, settled, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
PORT = 8501


def _instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    lines = [
        line
        for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
        if not line.lstrip().startswith("#")
    ]
    text = re.sub(r"\\\n", " ", "\n".join(lines))
    pairs = []
    for line in text.splitlines():
        if line.strip():
            keyword, _, rest = line.strip().partition(" ")
            pairs.append((keyword.upper(), rest.strip()))
    return pairs


def _one(keyword: str) -> str:
    (found,) = [rest for kw, rest in _instructions() if kw == keyword]
    return found


def _flags(argv: list[str]) -> dict[str, str]:
    """``--name value`` pairs after ``streamlit run SCRIPT``."""
    start = argv.index("run") + 2
    names, values = argv[start::2], argv[start + 1 :: 2]
    assert all(name.startswith("--") for name in names), argv
    return dict(zip(names, values, strict=True))


def test_container_command_is_the_measured_command_line() -> None:
    command = json.loads(_one("CMD"))  # exec form: signals reach streamlit, not a shell
    assert command[:3] == ["streamlit", "run", "streamlit_app.py"]
    assert (ROOT / command[2]).is_file()
    measured = serve_command("streamlit_app.py", PORT)
    assert measured[measured.index("run") + 1] == command[2]
    expected = _flags(measured) | {"--server.address": "0.0.0.0"}
    assert _flags(command) == expected


def test_health_check_asks_streamlit_on_the_served_port_without_curl() -> None:
    port = _flags(json.loads(_one("CMD")))["--server.port"]
    assert _one("EXPOSE") == port
    check = _one("HEALTHCHECK")
    assert f"http://127.0.0.1:{port}/_stcore/health" in check
    assert "urllib" in check
    assert "curl" not in check  # python:3.11-slim has no curl


def test_image_installs_the_tested_pins_and_runs_without_root() -> None:
    assert _one("FROM") == "python:3.11-slim"
    installs = [rest for kw, rest in _instructions() if kw == "RUN" and "pip install" in rest]
    assert installs == ["pip install -r requirements.txt"]  # equal to constraints.txt
    user = _one("USER")
    assert user not in {"root", "0"}
    assert any(kw == "RUN" and "useradd" in rest and user in rest for kw, rest in _instructions())


def test_dockerignore_keeps_environments_history_and_output_out() -> None:
    ignored = set(shlex.split((ROOT / ".dockerignore").read_text(encoding="utf-8"), comments=True))
    assert {".git", ".venv", "test-artifacts", "bench"} <= ignored
    # What the server runs must stay in the build context.
    kept = {"streamlit_app.py", "app_pages", "ui", "matchplan", "assets", ".streamlit"}
    assert not kept & ignored


# --- the image's command, run outside a container -----------------------------------------
# This machine has no container runtime, so the image's exact command runs on the image's
# build context (the tree less .dockerignore), with the image's environment and the real
# clock (no MATCHPLAN_TODAY): what `docker run matchplan` serves.


def _environment() -> dict[str, str]:
    """The image's ENV lines as a dict."""
    env: dict[str, str] = {}
    for keyword, rest in _instructions():
        if keyword == "ENV":
            env.update(pair.split("=", 1) for pair in shlex.split(rest))
    return env


def _build_context(dest: Path) -> None:
    """Copy what ``COPY . .`` copies: the tree less the .dockerignore patterns used here."""
    patterns = shlex.split((ROOT / ".dockerignore").read_text(encoding="utf-8"), comments=True)
    top = {p for p in patterns if "/" not in p and "*" not in p}
    for entry in ROOT.iterdir():
        if entry.name in top or entry.name.endswith(".egg-info"):
            continue
        if entry.is_dir():
            shutil.copytree(entry, dest / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(entry, dest / entry.name)


@pytest.mark.browser
def test_the_image_command_serves_overview_on_the_real_clock(browser: Any, tmp_path: Path) -> None:
    context = tmp_path / "app"
    context.mkdir()
    _build_context(context)
    command = json.loads(_one("CMD"))
    port = str(free_port())
    command[command.index("--server.port") + 1] = port
    command[0] = str(Path(sys.executable).with_name("streamlit"))  # the image's PATH entry
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(home), **_environment()}
    assert TODAY_VARIABLE not in env
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(command, cwd=context, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, server, timeout=90)
        check = json.loads(_one("HEALTHCHECK").partition("CMD")[2])
        check[-1] = check[-1].replace(":8501/", f":{port}/")
        check[0] = sys.executable
        assert subprocess.run(check, env=env, timeout=30, check=False).returncode == 0
        tab = browser.new_page()
        tab.goto(url)
        expect(tab.locator("h1").first).to_have_text("Overview")
        settled(tab)
        expect(tab.locator('[data-testid="stException"]')).to_have_count(0)
        expect(tab.get_by_text("This app has encountered an error")).to_have_count(0)
        expect(tab.get_by_text("Overall tier", exact=True)).to_be_visible()
        tab.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
