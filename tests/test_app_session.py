"""AppTest: save and load through the sidebar, screen-share privacy, shared links (issue 6).

Hostile files are asserted on session state: after each refused upload every
object of the plan is exactly what it was.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from matchplan.planfile import PlanFile, dump_plan
from matchplan.textsafe import plain_text
from tests.widgets import plan_of, widget
from ui.planio import UPLOADER

pytestmark = pytest.mark.usefixtures("app_today")  # the app reads its pinned date

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "streamlit_app.py")
EXAMPLE = (ROOT / "matchplan" / "data" / "example_applicant.json").read_bytes()


def start(**query: str) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def snapshot(app: AppTest) -> PlanFile:
    return plan_of(app)


def upload(app: AppTest, name: str, content: bytes) -> AppTest:
    widget(app, "file_uploader", UPLOADER).upload(name, content, "application/json")
    return app.run()


def sidebar_text(app: AppTest) -> str:
    return " ".join(str(e.value) for e in app.sidebar.markdown) + " ".join(
        str(e.value) for e in app.sidebar.caption
    )


def hostile_plan(**profile_changes: Any) -> bytes:
    data = json.loads(EXAMPLE)
    data.update(profile_changes)
    return json.dumps({"schema_version": 2, "saved_on": "2026-11-01", "profile": data}).encode()


HOSTILE = {
    "invalid-json": (b"{not json", "not valid JSON"),
    "truncated": (EXAMPLE[: len(EXAMPLE) // 2], "not valid JSON"),
    "wrong-types": (hostile_plan(graduation_date=["x"]), "Graduation date"),
    "deeply-nested": (b"[" * 100_000, "nested too deeply"),
    "extra-field": (hostile_plan(is_admin=True), "is_admin"),
    "newer-version": (b'{"schema_version": 99}', "newer MatchPlan"),
    "not-utf8": (b"\xff\xfe\x00garbage", "not UTF-8"),
    "top-level-list": (b"[1, 2, 3]", "not a JSON object"),
    "bad-funnel": (
        hostile_plan(last_cycle={**json.loads(EXAMPLE)["last_cycle"], "interview_offers": 999}),
        "Interview offers (999)",
    ),
}


@pytest.mark.parametrize(("content", "expected"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_plan_file_is_refused_and_nothing_changes(content: bytes, expected: str) -> None:
    app = start()
    app.switch_page("app_pages/risk.py").run()
    widget(app, "toggle", "whatif_recent_clinical").set_value(True).run()
    before = snapshot(app)
    upload(app, "plan.json", content)
    assert not app.exception
    # The message is markdown-safe (issue 15): compare the words a reader sees.
    errors = plain_text(" ".join(str(e.value) for e in app.sidebar.error))
    assert expected in errors
    assert snapshot(app) == before


def test_a_saved_plan_loads_back_exactly() -> None:
    app = start()
    app.switch_page("app_pages/risk.py").run()
    widget(app, "slider", "whatif_letters").set_value(2).run()
    saved = PlanFile.model_validate(
        {
            "saved_on": "2026-11-26",
            "profile": plan_of(app).profile,
            "what_if": plan_of(app).what_if,
        }
    )
    other = start()
    other.button(key="sidebar_start_blank").click().run()
    assert plan_of(other).profile != saved.profile
    upload(other, "mine.json", dump_plan(saved))
    assert not other.exception
    assert plan_of(other).profile == saved.profile
    assert plan_of(other).what_if == saved.what_if
    assert any("Loaded your plan file" in str(s.value) for s in other.success)


def test_an_old_version_1_profile_file_loads_through_migration() -> None:
    app = start()
    app.button(key="sidebar_start_blank").click().run()
    upload(app, "example_applicant.json", EXAMPLE)
    assert plan_of(app).profile.display_name.startswith("Example applicant")


def test_screen_share_mode_hides_the_name_from_the_page() -> None:
    app = start()
    assert "Rivera" in sidebar_text(app)
    app.toggle(key="session_hide_details").set_value(True).run()
    shown = sidebar_text(app) + " ".join(str(c.value) for c in app.caption)
    assert "Rivera" not in shown
    assert "details hidden" in shown


def test_a_shared_link_restores_its_settings_and_nothing_else() -> None:
    app = start(specialty="fm", match="2029", step3="1", letters="2", name="Mallory")
    profile = plan_of(app).profile
    assert profile.target_specialty == "fm"
    assert profile.target_match_year == 2029
    what_if = plan_of(app).what_if
    assert what_if.pass_step3
    assert what_if.new_specialty_letters == 2
    # Issue 12: the settings land on a neutral profile, never on the example applicant.
    assert profile.display_name == ""  # the unknown "name" key is ignored
    assert profile.exams == ()
    assert profile.last_cycle.programs_applied == 0
    banner = [str(m.value) for m in app.markdown]
    assert any("Settings shared with you" in t for t in banner)
    assert any("Not assessed yet" in t for t in banner)


def test_suggested_scenarios_are_compared_side_by_side() -> None:
    app = start()
    app.switch_page("app_pages/scenarios.py").run()
    app.button(key="scenarios_suggest").click().run()
    assert not app.exception
    names = [s.name for s in plan_of(app).scenarios]
    assert names[:2] == ["As planned", "Reapply a cycle later"]
    table = app.table[0].value
    assert list(table.columns)[:2] == ["As planned", "Reapply a cycle later"]
    assert table.loc["Target Match", "Reapply a cycle later"] == str(
        int(table.loc["Target Match", "As planned"]) + 1
    )


def test_issue15_an_uploaded_plan_is_dropped_from_streamlits_store_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Streamlit keeps uploads until the session ends; MatchPlan drops each once read."""
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    left: list[dict[str, Any]] = []
    original = MemoryUploadedFileManager.remove_file

    def remove_and_look(self: MemoryUploadedFileManager, session_id: str, file_id: str) -> None:
        original(self, session_id, file_id)
        left.append(dict(self.file_storage.get(session_id, {})))

    monkeypatch.setattr(MemoryUploadedFileManager, "remove_file", remove_and_look)
    app = start()
    upload(app, "plan.json", EXAMPLE)
    assert not app.exception
    assert left == [{}]  # removed while the callback ran; nothing of it is kept
    upload_again = widget(app, "file_uploader", UPLOADER)  # a fresh, empty uploader
    assert not upload_again.value


@pytest.mark.parametrize(
    "page", ["handout", "scenarios", "timeline"], ids=["handout", "scenarios", "timeline"]
)
def test_issue22_not_assessed_means_no_handout_scenario_or_retake_plan(page: str) -> None:
    """A shared link's neutral profile: the page says what to enter, and shows no tier,
    path, count or exam plan read from the empty fields (the handout said "Overall risk
    high"; Timeline drew a full Step 1 plan under "Not assessed yet")."""
    app = start(specialty="fm", match="2029")
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception
    shown = " ".join(str(m.value) for m in [*app.markdown, *app.caption, *app.subheader])
    assert "Not assessed yet" in shown
    for told in ("Overall risk", "Step 1 exam", "Path:", "programs (range"):
        assert told not in shown, told
    assert [b.key for b in app.get("download_button")] == ["sidebar_download_plan"]
