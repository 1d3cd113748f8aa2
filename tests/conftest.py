"""Shared fixtures: the repository root, a real streamlit server, a real browser.

Browser tests drive Debian's chromium through playwright (never ``playwright
install``: it cannot download here). Locally, a missing chromium skips them;
under CI=true it is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from matchplan.clock import TODAY_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-01"
"""The date the app tests run the app on, pinned per test: AppTest tests take the
``app_today`` fixture, servers get it in their own environment (``StreamlitServer``).
Nothing pins it for the whole process, so the smoke tests see the real clock."""
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("MATCHPLAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_command(script: str, port: int) -> list[str]:
    """The real server's command line, as the README starts it, on a local port.

    The benchmark starts its servers with this too, so both measure the same app.
    """
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that run the app in-process (AppTest): ``-m "not app"`` leaves the
    core's tests, which must pass on any date (``make faketime``)."""
    for item in items:
        if "app_today" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.app)


@pytest.fixture
def app_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Pin the app's clock (``ui.state.today``) to TODAY for one AppTest test."""
    monkeypatch.setenv(TODAY_VARIABLE, TODAY)
    return date.fromisoformat(TODAY)


def wait_healthy(
    url: str, process: subprocess.Popen[bytes], timeout: float, log: Path | None = None
) -> None:
    """Wait until the server at ``url`` answers its health check; fail if it exits."""
    deadline = time.monotonic() + timeout
    poll = threading.Event()  # never set: wait() is the health-check poll interval
    while not _healthy(url):
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {log or 'its log'}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"streamlit not healthy after {timeout}s; see {log or 'its log'}")
        poll.wait(0.2)


class StreamlitServer:
    """The real app, started exactly as the README starts it, on a free port.

    ``today`` pins the server's clock through its environment (None: the real clock).
    """

    def __init__(self, today: str | None = TODAY) -> None:
        self.today = today
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = ARTIFACTS / f"server-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        command = serve_command("streamlit_app.py", self.port)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.environment(),
            )
        wait_healthy(self.url, self.process, timeout, self.log)

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != TODAY_VARIABLE}
        return env if self.today is None else {**env, TODAY_VARIABLE: self.today}

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@pytest.fixture(scope="session")
def server() -> Iterator[StreamlitServer]:
    app = StreamlitServer()
    app.start()
    yield app
    app.stop()


def _chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import expect

    # Waiting assertions get the same patience as actions: a 2-core CI box under load
    # can take several seconds to rerun a page.
    expect.set_options(timeout=30_000)
    if not _chromium_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"chromium not found at {CHROMIUM}; CI must run the browser tests")
        pytest.skip(f"chromium not found at {CHROMIUM} (install Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context (its own streamlit session) per test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


def settled(tab: Any) -> None:
    """Wait until the app is idle: no script run going and no element left stale.

    Call it after a condition that proves the change reached the page (a new heading,
    a new value): Streamlit draws a run's first elements before the run ends, and a
    click on an element of a run still going (a stale button) can be lost.
    """
    from playwright.sync_api import expect

    expect(tab.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(
        1
    )
    expect(
        tab.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')
    ).to_have_count(1)
    expect(tab.locator('[data-stale="true"]')).to_have_count(0)
    expect(tab.locator('[data-testid="stStatusWidget"]')).to_have_count(0)


def click_through(tab: Any, link: Any, heading: str, tries: int = 5) -> None:
    """Click a page link until that page shows, as a user would click again.

    Streamlit can drop a click that lands while a run is redrawing the page (the link
    is replaced between mouse down and up, so the browser sends no click at all);
    the server never hears of it. Each try waits on the heading, not on time.
    """
    from playwright.sync_api import expect

    heading_shown = tab.locator("h1").first
    for _ in range(tries - 1):
        link.click()
        try:
            expect(heading_shown).to_have_text(heading, timeout=10_000)
            break
        except AssertionError:
            continue
    else:
        link.click()
    expect(heading_shown).to_have_text(heading)
    settled(tab)


def open_cell(cell: Any, editor: Any, tries: int = 3) -> None:
    """Open a data editor cell's editor by the cell's place in the grid, never by pixels.

    Streamlit's data editor (Glide Data Grid) draws on a canvas and keeps a hidden table
    of the cells in view: ``[data-testid=glide-cell-{column}-{row}]``, where column 0 is
    the row markers. Focusing such a cell selects it in the grid, and a click on it sends
    the grid Enter, which opens the selected cell's editor (``editor``: the overlay's
    input). The grid ignores a focus on the cell it last selected that way, and after an
    edit it keeps the focus on the edited cell, which a rerun can unselect: so a neighbour
    is focused first. A rerun can also replace the grid between focus and click; each try
    waits on the cell being selected, then on ``editor`` having focus, not on time.
    """
    from playwright.sync_api import expect

    neighbour = cell.locator("xpath=following-sibling::td[1] | preceding-sibling::td[1]").first
    for attempt in range(tries):
        wait = 10_000 if attempt < tries - 1 else None  # None: expect's own timeout
        try:
            if editor.count() == 0:  # a late editor from the last try: a click would accept it
                neighbour.focus()
                cell.focus()
                expect(cell).to_have_attribute("aria-selected", "true", timeout=wait)
                cell.dispatch_event("click")
            expect(editor).to_be_focused(timeout=wait)
            return
        except AssertionError:
            if attempt == tries - 1:
                raise


def screenshot(tab: Any, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ (kept by CI, looked at by people)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    # Every chart drawn (ui/live_chart.py loads plotly.js after the page's first paint).
    tab.wait_for_function(
        "() => Array.from(document.querySelectorAll('.matchplan-live-chart'))"
        ".every((chart) => chart.querySelector('.main-svg'))"
    )
    # Streamlit scrolls inside its main container, so grow the window to the content.
    size = tab.viewport_size
    height = tab.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll('[data-testid=stMain], "
        "[data-testid=stMainBlockContainer]')).map(e => e.scrollHeight), 0)"
    )
    tab.set_viewport_size({"width": size["width"], "height": min(max(height, 800), 8000)})
    tab.screenshot(path=str(path), full_page=True)
    tab.set_viewport_size(size)
    return path
