"""Browser: two people on one server never see each other's plan (issue 7),
including after each saves and loads their plan file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, ROOT, StreamlitServer

pytestmark = pytest.mark.browser

EXAMPLE = json.loads((ROOT / "matchplan" / "data" / "example_applicant.json").read_text())


def plan_for(name: str, specialty: str) -> Path:
    profile = {**EXAMPLE, "display_name": name, "target_specialty": specialty}
    path = ARTIFACTS / f"plan-{name.split()[0].lower()}.json"
    path.write_text(json.dumps(profile), encoding="utf-8")  # a version 1 file: migrates
    return path


def load(tab: Any, server: StreamlitServer, plan: Path) -> Any:
    tab.goto(f"{server.url}/")
    sidebar = tab.locator('[data-testid="stSidebar"]')
    sidebar.locator("input[type=file]").set_input_files(str(plan))
    expect(tab.get_by_text("Loaded your plan file")).to_be_visible()
    return sidebar


def save(tab: Any, name: str) -> Path:
    with tab.expect_download() as info:
        tab.get_by_role("button", name="Download plan (.json)").click()
    target = ARTIFACTS / name
    info.value.save_as(target)
    return target


def test_two_sessions_stay_apart_through_save_and_load(
    browser: Any, server: StreamlitServer
) -> None:
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(2)]
    try:
        alice, bob = (c.new_page() for c in contexts)
        alice_bar = load(alice, server, plan_for("Alice Alpha", "psych"))
        bob_bar = load(bob, server, plan_for("Bob Beta", "fm"))
        expect(alice_bar).to_contain_text("Alice Alpha")
        expect(bob_bar).to_contain_text("Bob Beta")
        expect(alice_bar).not_to_contain_text("Bob Beta")

        alice_file = save(alice, "saved-alice.json")
        bob_file = save(bob, "saved-bob.json")
        alice_text, bob_text = alice_file.read_text(), bob_file.read_text()
        assert "Alice Alpha" in alice_text
        assert "Bob Beta" not in alice_text
        assert "Bob Beta" in bob_text
        assert "Alice Alpha" not in bob_text
        assert json.loads(alice_text)["profile"]["target_specialty"] == "psych"
        assert json.loads(bob_text)["profile"]["target_specialty"] == "fm"

        alice_bar = load(alice, server, alice_file)
        bob_bar = load(bob, server, bob_file)
        expect(alice_bar).to_contain_text("Alice Alpha")
        expect(alice_bar).not_to_contain_text("Bob Beta")
        expect(bob_bar).to_contain_text("Bob Beta")
        expect(bob_bar).not_to_contain_text("Alice Alpha")
    finally:
        for context in contexts:
            context.close()
