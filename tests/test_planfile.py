"""Issue 6: the plan file - round trip, schema migration and hostile files.

Every case loads as of TODAY (26 Nov 2026). A file that cannot be loaded must
raise PlanLoadError with a message a person can act on; the assertions check
the key words of that message, not only that something was raised.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchplan.planfile import (
    MAX_PLAN_BYTES,
    MAX_SCENARIOS,
    MIGRATIONS,
    SCHEMA_VERSION,
    PlanFile,
    PlanLoadError,
    dump_plan,
    load_plan,
)
from matchplan.profile import ApplicantProfile, with_changes
from matchplan.scenarios import suggested
from matchplan.textsafe import plain_text
from matchplan.timeline import default_plan
from matchplan.whatif import WhatIf
from tests.strategies import EXAMPLE_FILE, TODAY, example_profile, valid_profiles

SCRIPT = "<script>alert(1)</script>"
EXAMPLE_WHAT_IF = WhatIf(pass_step3=True, new_specialty_letters=2, extra_programs=40)


def example_plan(profile: ApplicantProfile | None = None) -> PlanFile:
    """The example applicant's whole plan: timeline, a what-if, the suggested scenarios."""
    profile = profile or with_changes(
        example_profile(), {"advisor_notes": "Discussed the visa question."}, TODAY
    )
    timeline = default_plan(profile, TODAY)
    return PlanFile(
        saved_on=TODAY,
        profile=profile,
        timeline=timeline,
        what_if=EXAMPLE_WHAT_IF,
        path_override="pivot",
        email_draft="Dear Dr. Smith,",
        family_script="We are trying again next year.",
        scenarios=tuple(
            suggested(
                PlanFile(
                    saved_on=TODAY, profile=profile, timeline=timeline, what_if=EXAMPLE_WHAT_IF
                ),
                TODAY,
            )
        ),
    )


def plan_data(plan: PlanFile | None = None) -> dict[str, Any]:
    """A saved plan as the JSON dict a hostile editor would start from."""
    data: dict[str, Any] = json.loads(dump_plan(plan or example_plan()))
    return data


def as_bytes(data: Any) -> bytes:
    return json.dumps(data).encode("utf-8")


def load_error(raw: bytes) -> str:
    """The message load_plan gives for a file it must refuse."""
    with pytest.raises(PlanLoadError) as refused:
        load_plan(raw, TODAY)
    return str(refused.value)


# --- round trip --------------------------------------------------------------------------


def test_example_plan_round_trips_to_an_equal_plan() -> None:
    plan = example_plan()
    # The example really carries what the round trip must keep.
    assert [s.name for s in plan.scenarios][:2] == ["As planned", "Reapply a cycle later"]
    assert plan.timeline.exam_date is not None
    assert plan.profile.advisor_notes == "Discussed the visa question."

    loaded = load_plan(dump_plan(plan), TODAY)

    assert loaded == plan
    assert loaded.scenarios[1].target_match_year == 2029
    assert loaded.what_if.extra_programs == 40


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    profile=valid_profiles(),
    what_if=st.builds(
        WhatIf,
        pass_step3=st.booleans(),
        new_specialty_letters=st.integers(0, 4),
        recent_us_clinical=st.booleans(),
        extra_programs=st.integers(0, 300),
    ),
)
def test_any_valid_profile_round_trips(profile: ApplicantProfile, what_if: WhatIf) -> None:
    timeline = default_plan(profile, TODAY)
    plan = PlanFile(
        saved_on=TODAY,
        profile=profile,
        timeline=timeline,
        what_if=what_if,
        scenarios=tuple(
            suggested(
                PlanFile(saved_on=TODAY, profile=profile, timeline=timeline, what_if=what_if), TODAY
            )
        ),
    )
    assert load_plan(dump_plan(plan), TODAY) == plan


# --- schema versions ---------------------------------------------------------------------

# One file per older schema version, exactly as that version wrote it.
SAMPLES = Path(__file__).parent / "samples"
OLDER_VERSIONS: dict[int, bytes] = {
    1: EXAMPLE_FILE.read_bytes(),  # a bare profile
    2: (SAMPLES / "plan-v2.json").read_bytes(),  # a whole plan before the Programs choices
    3: (SAMPLES / "plan-v3.json").read_bytes(),  # a whole plan before the year's parts
    4: (SAMPLES / "plan-v4.json").read_bytes(),  # before the outcome and "not done" answers
}


def test_every_older_version_has_a_migration_and_a_sample_file() -> None:
    assert set(MIGRATIONS) == set(range(1, SCHEMA_VERSION))
    assert set(OLDER_VERSIONS) == set(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize(
    "version",
    sorted(OLDER_VERSIONS),
    ids=[f"v{v}-migrates-to-v{SCHEMA_VERSION}" for v in OLDER_VERSIONS],
)
def test_older_version_loads_as_current_with_the_same_profile(version: int) -> None:
    loaded = load_plan(OLDER_VERSIONS[version], TODAY)

    assert loaded.schema_version == SCHEMA_VERSION
    assert loaded.profile == example_profile()
    assert loaded.profile.display_name == "Example applicant (Dr. A. Rivera)"
    assert loaded.saved_on == TODAY
    assert loaded.scenarios == ()
    # Once migrated it saves and loads as the current version.
    assert load_plan(dump_plan(loaded), TODAY) == loaded


def test_newer_version_is_refused_naming_the_version() -> None:
    data = plan_data()
    data["schema_version"] = SCHEMA_VERSION + 1
    message = load_error(as_bytes(data))
    assert "newer MatchPlan" in message
    assert f"schema version {SCHEMA_VERSION + 1}" in message


def test_file_with_no_version_and_no_profile_is_refused() -> None:
    message = load_error(as_bytes({"saved_on": "2026-11-26", "notes": "hello"}))
    assert "not a MatchPlan plan" in message


# --- hostile files -----------------------------------------------------------------------


def test_invalid_json_is_refused() -> None:
    message = load_error(b"this is not { json")
    assert "not valid JSON" in message
    assert "line 1" in message


def test_truncated_file_is_refused() -> None:
    raw = dump_plan(example_plan())
    message = load_error(raw[: len(raw) // 2])
    assert "not valid JSON" in message
    assert "truncated" in message


def test_fifty_megabytes_is_refused_by_size() -> None:
    # One allocation: ljust pads the single "{" in place of b"{" + b" " * n.
    raw = b"{".ljust(50 * 1024 * 1024 + 1, b" ")
    assert len(raw) > MAX_PLAN_BYTES
    message = load_error(raw)
    assert "larger than 2 MB" in message
    assert "tens of kilobytes" in message


@pytest.mark.parametrize(
    "raw",
    [b"[" * 100_000, b'{"a":' * 50_000],
    ids=["100k-nested-arrays", "50k-nested-objects"],
)
def test_deeply_nested_file_is_refused(raw: bytes) -> None:
    assert "nested too deeply" in load_error(raw)


def test_integer_longer_than_python_reads_is_refused() -> None:
    raw = b'{"schema_version": ' + b"9" * 5000 + b"}"
    assert "not valid JSON" in load_error(raw)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        ('{"display_name": "Ren\xe9"}'.encode("latin-1"), "not UTF-8"),
        (b"[1, 2, 3]", "not a JSON object"),
        (b'"a plan"', "not a JSON object"),
    ],
    ids=[
        "empty-file",
        "only-whitespace",
        "latin-1-not-utf-8",
        "top-level-array",
        "top-level-string",
    ],
)
def test_not_a_json_object_is_refused(raw: bytes, words: str) -> None:
    assert words in load_error(raw)


def _profile_as_list(data: dict[str, Any]) -> list[str]:
    data["profile"] = ["im", 2028]
    return ["Profile", "valid dictionary"]


def _programs_applied_as_words(data: dict[str, Any]) -> list[str]:
    data["profile"]["last_cycle"]["programs_applied"] = "many"
    return ["Programs applied to", "valid integer"]


def _extra_field_at_top(data: dict[str, Any]) -> list[str]:
    data["shoe_size"] = 42
    return ["shoe_size", "not permitted"]


def _extra_field_in_profile(data: dict[str, Any]) -> list[str]:
    data["profile"]["shoe_size"] = 42
    return ["Profile", "shoe_size", "not permitted"]


def _lone_surrogate_name(data: dict[str, Any]) -> list[str]:
    data["profile"]["display_name"] = "\ud800"  # json.dumps writes it as the escape \ud800
    return ["Name", "unicode"]


def _four_scenarios(data: dict[str, Any]) -> list[str]:
    one = data["scenarios"][0]
    data["scenarios"] = [{**one, "name": f"Variant {n}"} for n in range(MAX_SCENARIOS + 1)]
    return ["scenarios", "at most 3"]


def _scenario_unknown_specialty(data: dict[str, Any]) -> list[str]:
    data["scenarios"][1]["target_specialty"] = "astrology"
    return ["Target specialty", "unknown specialty 'astrology'"]


def _scenario_before_last_cycle(data: dict[str, Any]) -> list[str]:
    data["scenarios"][1]["target_match_year"] = 2020
    return ["Reapply a cycle later", "Target Match year (2020)", "last cycle"]


def _version_as_text(data: dict[str, Any]) -> list[str]:
    data["schema_version"] = "two"
    return ["not a MatchPlan plan"]


@pytest.mark.parametrize(
    "spoil",
    [
        _profile_as_list,
        _programs_applied_as_words,
        _extra_field_at_top,
        _extra_field_in_profile,
        _lone_surrogate_name,
        _four_scenarios,
        _scenario_unknown_specialty,
        _scenario_before_last_cycle,
        _version_as_text,
    ],
    ids=[
        "profile-is-a-list",
        "programs-applied-is-many",
        "extra-field-at-top-level",
        "extra-field-in-profile",
        "name-is-a-lone-surrogate",
        "more-than-3-scenarios",
        "scenario-unknown-specialty",
        "scenario-target-before-last-cycle",
        "schema-version-is-text",
    ],
)
def test_wrong_values_are_refused_naming_the_field(spoil: Any) -> None:
    data = plan_data()
    words = spoil(data)
    message = load_error(as_bytes(data))
    for word in words:
        # The message is markdown-safe (issue 15): 'shoe\\_size' reads as 'shoe_size'.
        assert word in plain_text(message)


@pytest.mark.parametrize("field", ["display_name", "advisor_notes"])
def test_script_in_strings_loads_as_plain_data(field: str) -> None:
    """A script tag in a name or a note is only text: the file loads and keeps it exactly.

    Escaping is the UI's job (Streamlit escapes text; the HTML handout uses
    html.escape), so refusing the file would only lose the applicant's plan.
    """
    data = plan_data()
    data["profile"][field] = SCRIPT
    loaded = load_plan(as_bytes(data), TODAY)

    assert getattr(loaded.profile, field) == SCRIPT
    again = load_plan(dump_plan(loaded), TODAY)
    assert again == loaded
    assert getattr(again.profile, field) == SCRIPT


RLO = "\u202e"
"""Right-to-left override: reverses what follows it on its line (issue 25, item 2)."""


def _rlo_key_in_profile(data: dict[str, Any]) -> str:
    data["profile"][f"{RLO}shoe"] = 1
    return "'shoe'"


def _rlo_keys_in_a_huge_object(data: dict[str, Any]) -> str:
    data["profile"]["practice"] = {f"{RLO}k{n}": 1 for n in range(3000)}
    return "'k0', 'k1'"


def _rlo_in_a_scenario_that_does_not_fit(data: dict[str, Any]) -> str:
    data["scenarios"][1] |= {"name": f"Plan B {RLO}wol", "target_match_year": 2020}
    return "'Plan B wol' does not fit"


@pytest.mark.parametrize(
    "spoil",
    [_rlo_key_in_profile, _rlo_keys_in_a_huge_object, _rlo_in_a_scenario_that_does_not_fit],
    ids=["unknown-key", "huge-object-keys", "scenario-name"],
)
def test_issue25_file_text_quoted_in_a_refusal_carries_no_bidi_control(spoil: Any) -> None:
    """A key or a name with U+202E would reverse the rest of the app's own message."""
    data = plan_data()
    shown = spoil(data)
    message = load_error(as_bytes(data))
    assert RLO not in message
    assert shown in plain_text(message)
