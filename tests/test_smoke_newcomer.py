"""Smoke layer: the product run the way the README runs it, on the real clock.

A newcomer clones the repository, types ``make run`` and opens the app, then tries
the README's command-line examples. Nothing here pins the date (``MATCHPLAN_TODAY``
is removed from the environment the product gets) and nothing sets a MatchPlan
variable: the other app tests run on a pinned day, and for a long time no test ever
saw the world a newcomer sees, where every page said "This app has encountered an
error" and ``assess`` of the README's example exited 2.

The only settings given are Streamlit's own (a free port on 127.0.0.1), so this
module's server cannot clash with another one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, ROOT, free_port, screenshot, settled, wait_healthy

EXAMPLE = "matchplan/data/example_applicant.json"
"""The README's example file, named as the README names it (relative to the root)."""
EXAMPLE_TARGET = int(json.loads((ROOT / EXAMPLE).read_text("utf-8"))["target_match_year"])
"""The Match the example targets: a bare profile file, so a fixed year."""
PAGE_FILES = sorted(p.stem for p in (ROOT / "app_pages").glob("*.py"))
"""Every page's address: streamlit_app.py gives each page its file's name as url_path."""
ERROR_TEXT = "This app has encountered an error"
"""What Streamlit shows for an uncaught exception with ``client.showErrorDetails = "none"``."""
TIERS = re.compile(r"(Low|Moderate|High) risk")


def newcomer_environment(**streamlit: str) -> dict[str, str]:
    """This process's environment without any MatchPlan variable (so the real clock),
    plus Streamlit's own settings given as ``STREAMLIT_*`` keyword arguments."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATCHPLAN_")}
    env.pop("MATCHPLAN_TODAY", None)  # covered above; named because it is the one that matters
    return {**env, **streamlit}


@dataclass
class MakeRun:
    """``make run`` in its own process group (make starts streamlit as a child)."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        # Streamlit may outlive make for a moment after make itself has exited.
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def make_run() -> Iterator[MakeRun]:
    """The README's first command from the repository root, served on a free port."""
    make = shutil.which("make")
    if make is None:
        message = "make not found: the README's `make run` cannot be tested"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    env = newcomer_environment(
        STREAMLIT_SERVER_PORT=str(port), STREAMLIT_SERVER_ADDRESS="127.0.0.1"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "smoke-make-run.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            # The venv this test runs in is set up (`make test` did it): make must not
            # reinstall it because pyproject.toml's mtime moved (pip, a download). The
            # rest is `make run` unchanged: its recipe, from the repository root.
            [make, "--assume-old=.venv/.installed", "run"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so streamlit stops with make
        )
    server = MakeRun(url=f"http://127.0.0.1:{port}", process=process, log=log)
    try:
        try:
            wait_healthy(server.url, process, timeout=60, log=log)
        except RuntimeError as problem:
            pytest.fail(f"`make run`: {problem}")
        yield server
    finally:
        server.stop()


def open_fresh(tab: Any, url: str) -> None:
    """Open an address as a newcomer does and wait until that run has drawn."""
    tab.goto(url)
    # Either the page's heading or an error proves the script ran; then wait for the end.
    drawn = tab.locator('h1, [data-testid="stException"], [data-testid="stAlertContentError"]')
    expect(drawn.first).to_be_visible()
    settled(tab)


def expect_no_error(tab: Any) -> None:
    """No exception, no redacted-error notice, no st.error, no "Page not found".

    Called once the run has ended (``open_fresh``), so what is shown now stays shown:
    the page is read at once (a waiting ``to_have_count(0)`` would spend its whole
    timeout on every broken page) and the failure quotes what the newcomer sees.
    """
    shown = (
        tab.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
        .or_(tab.get_by_text(ERROR_TEXT))
        .or_(tab.get_by_text("Page not found"))
    )
    assert shown.all_inner_texts() == [], "a freshly opened app shows an error"
    # The sidebar is drawn after the page: its button proves the whole entry script ran.
    expect(tab.get_by_role("button", name="Load the example applicant")).to_be_visible()


@pytest.mark.browser
def test_make_run_opens_overview_of_the_example_applicant_on_todays_date(
    make_run: MakeRun, page: Any
) -> None:
    open_fresh(page, f"{make_run.url}/")
    expect_no_error(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator("h1").first).to_have_text("Overview")
    # The app reads the day itself (the test never does): the year card and the caption
    # name the same day, whatever it is.
    day = r"\d{2} [A-Z][a-z]{2} \d{4}"
    card = page.locator('[class*="st-key-standing_card"]')
    expect(card).to_contain_text(re.compile(rf"today {day}"))
    shown = re.search(rf"today ({day})", card.inner_text())
    assert shown is not None
    expect(main).to_contain_text(
        f"likely to read Example applicant (Dr. A. Rivera) today, {shown.group(1)}"
    )
    for lens in ("Academic", "Reliability", "Bandwidth", "Overall tier"):
        expect(main.get_by_text(lens, exact=True).first).to_be_visible()
    # One badge per lens and one for the overall tier (the chart's labels say no "risk").
    badges = main.get_by_text(re.compile(rf"{TIERS.pattern}$"))
    expect(badges.nth(3)).to_be_visible()
    expect(main.get_by_role("heading", name="Next three actions")).to_be_visible()
    screenshot(page, "smoke-newcomer-overview")


@pytest.mark.browser
def test_the_sidebar_links_every_page(make_run: MakeRun, page: Any) -> None:
    open_fresh(page, f"{make_run.url}/")
    expect_no_error(page)
    links = page.locator('[data-testid="stSidebarNavLink"]')
    expect(links).to_have_count(len(PAGE_FILES))
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert sorted(href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs) == PAGE_FILES


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_FILES)
def test_every_page_opens_on_a_fresh_app_without_an_error(
    make_run: MakeRun, page: Any, path: str
) -> None:
    open_fresh(page, f"{make_run.url}/{path}")
    expect_no_error(page)
    expect(page.locator('[data-testid="stMain"] h1').first).not_to_be_empty()


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    def said(self) -> str:
        """The exit status and the whole of stderr, for a failure message."""
        return f"exit {self.returncode}, stderr:\n{self.stderr}"


def matchplan_cli(*args: str) -> Run:
    """``.venv/bin/python -m matchplan ARGS`` from the root, as the README types it."""
    done = subprocess.run(
        [sys.executable, "-m", "matchplan", *args],
        cwd=ROOT,
        env=newcomer_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def refused_by_r40(run: Run) -> bool:
    """R-40: the example is a bare profile with a fixed target Match; once that cycle's
    applications have opened (on the real clock, which the test never reads) the CLI
    refuses it with exit 2, naming the earliest cycle that can still be planned.
    Any other failure, the start-up bug among them, is not this refusal."""
    if run.returncode != 2:
        return False
    assert run.stderr.startswith("error: Target Match year"), run.said()
    assert "the earliest cycle that can still be planned" in run.stderr, run.said()
    return True


def test_assess_the_readme_example_on_the_real_clock() -> None:
    run = matchplan_cli("assess", EXAMPLE)
    if refused_by_r40(run):
        return
    assert run.returncode == 0, run.said()
    result = json.loads(run.stdout)
    assert result["risk"]["overall"] in ("low", "moderate", "high")
    assert result["next_actions"], "the plan names its first actions"


def test_assess_the_readme_example_as_of_a_given_day() -> None:
    run = matchplan_cli("assess", EXAMPLE, "--today", "2026-12-01")
    assert run.returncode == 0, run.said()
    result = json.loads(run.stdout)
    assert set(result["risk"]) == {"academic", "reliability", "bandwidth", "overall"}
    assert result["milestones"], "the plan has a timeline"


@pytest.mark.parametrize(
    ("suffix", "options"), [(".pdf", ("--page", "A4")), (".html", ())], ids=["pdf", "html"]
)
def test_handout_of_the_readme_example_on_the_real_clock(
    tmp_path: Path, suffix: str, options: tuple[str, ...]
) -> None:
    out = tmp_path / f"summary{suffix}"
    run = matchplan_cli("handout", EXAMPLE, "--out", str(out), *options)
    if refused_by_r40(run):
        assert not out.exists()
        return
    assert run.returncode == 0, run.said()
    assert run.stdout.strip() == f"wrote {out}"
    if suffix == ".pdf":
        assert out.read_bytes().startswith(b"%PDF-")
    else:
        heading = f"Re-application plan: Internal Medicine, {EXAMPLE_TARGET} Match"
        assert heading in out.read_text("utf-8")
