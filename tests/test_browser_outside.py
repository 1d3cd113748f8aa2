"""Browser: nothing leaves the app's own server (issue 15, items 3 and 9).

Every request the page makes is recorded while a hostile plan file is refused
and while an accepted plan's hostile scenario name is shown: image links, bare
URLs, icon and emoji codes and LaTeX in file text must render as plain text, and
the page icon must come from the app itself. None may reach another host.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from matchplan.plan import new_plan
from matchplan.planfile import Scenario, dump_plan
from matchplan.profile import parse_profile
from tests.conftest import ARTIFACTS, StreamlitServer, click_through, screenshot, settled
from tests.strategies import EXAMPLE_FILE, TODAY

pytestmark = pytest.mark.browser

HOSTILE_NAME = "![p](http://evil.example/s.png) :material/home: :smile: $x$"
"""Fits Scenario.name (60 characters): an image link, an icon, an emoji code, LaTeX."""


def outside(requests: list[str], server: StreamlitServer) -> list[str]:
    own = urlparse(server.url).netloc
    return [
        url
        for url in requests
        if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).netloc != own
    ]


def upload(tab: Any, name: str, content: bytes) -> None:
    path = ARTIFACTS / name
    ARTIFACTS.mkdir(exist_ok=True)
    path.write_bytes(content)
    settled(tab)  # a load renews the uploader: the old one stays until its run ends
    tab.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(str(path))


def test_issue15_no_outside_request_while_hostile_text_is_refused_and_shown(
    page: Any, server: StreamlitServer
) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server.url}/")
    expect(page.locator("h1").first).to_have_text("Overview")

    # 1. Refused: an extra key and an unknown specialty carrying image links.
    example = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    refused = {
        **example,
        "target_specialty": "![s](http://evil.example/spec.png)",
        "![k](http://evil.example/key.png)": 1,
    }
    upload(page, "hostile-refused.json", json.dumps(refused).encode())
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.locator('[data-testid="stAlert"]')).to_contain_text("invalid values")
    expect(sidebar).to_contain_text("evil.example/key.png")  # shown as text
    expect(page.locator("img[src*='evil.example']")).to_have_count(0)

    # 2. Accepted: a scenario whose name carries every kind of markup.
    profile = parse_profile(example, TODAY)
    plan = new_plan(profile, TODAY)
    scenario = Scenario(
        name=HOSTILE_NAME,
        target_specialty=profile.target_specialty,
        target_match_year=profile.target_match_year,
        timeline=plan.timeline,
    )
    upload(
        page, "hostile-scenario.json", dump_plan(plan.model_copy(update={"scenarios": (scenario,)}))
    )
    expect(page.get_by_text("Loaded your plan file")).to_be_visible()
    click_through(page, page.get_by_role("link", name="Scenarios"), "Scenarios")
    table = page.locator(".st-key-scenarios_table")
    expect(table).to_contain_text("evil.example/s.png")
    expander = page.locator('[data-testid="stExpander"]').first
    expect(expander).to_contain_text("material/home")  # the code, not an icon
    expander.click()
    expect(page.locator("img[src*='evil.example']")).to_have_count(0)
    expect(page.locator("a[href*='evil.example']")).to_have_count(0)
    expect(page.locator(".katex")).to_have_count(0)
    screenshot(page, "hostile-scenario-name")

    # 3. A page with charts: plotly.js comes from the app's own server (ui/live_chart.py).
    click_through(page, page.get_by_role("link", name="Timeline", exact=True), "Timeline")
    expect(page.locator(".st-key-timeline_gantt .js-plotly-plot .main-svg").first).to_be_visible()
    assert any("plotly.min.js" in url for url in requests)

    assert outside(requests, server) == []
    # the app's own icon, inline: nothing fetched for it from anywhere
    icon = page.locator("link[rel*='icon']").first.get_attribute("href") or ""
    assert icon.startswith("data:image/svg+xml")


@pytest.mark.parametrize("path", ["overview", "timeline"])
def test_a_cold_servers_first_visitor_fetches_nothing_from_outside(browser: Any, path: str) -> None:
    """The first run of a fresh server (issue 14 moved work after the page): the tab
    icon and the charts' plotly.js still come from the app, never from another host
    (a page's own :material: icon, applied as the tab icon, would be fetched from one)."""
    cold = StreamlitServer()
    cold.start()
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        tab = context.new_page()
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        tab.goto(f"{cold.url}/{path}")
        expect(tab.locator("h1").first).to_be_visible()
        settled(tab)
        tab.get_by_role("button", name="Load the example applicant").click()
        expect(tab.locator(".js-plotly-plot .main-svg").first).to_be_visible()
        click_through(
            tab, tab.get_by_role("link", name="Risk", exact=True), "Risk, as programs read it"
        )
        expect(tab.locator(".js-plotly-plot .main-svg").first).to_be_visible()
        settled(tab)
        icon = tab.locator("link[rel*='icon']").first  # the app's own, once it has read it
        expect(icon).to_have_attribute("href", re.compile(r"^data:image/svg\+xml;base64,"))
        assert any("plotly.min.js" in url for url in requests)
        assert outside(requests, cold) == []
    finally:
        context.close()
        cold.stop()
