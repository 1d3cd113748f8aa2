"""Issue 12, item 2: a blank or half-entered profile is 'not assessed yet', never High risk."""

from __future__ import annotations

from datetime import date

import pytest

from matchplan.completeness import is_incomplete, missing_inputs
from matchplan.examples import blank_profile, example_profile
from matchplan.profile import ApplicantProfile, with_changes
from tests.conftest import TODAY

DAY = date.fromisoformat(TODAY)
STEP2 = {"step": "step2ck", "exam_date": date(2025, 6, 1), "result": "pass", "score": 224}


def test_the_blank_profile_is_incomplete_and_names_both_gaps() -> None:
    profile = blank_profile(DAY)
    assert is_incomplete(profile)
    assert [m.what for m in missing_inputs(profile)] == ["Exam history", "Last cycle"]


def test_the_example_applicant_is_complete() -> None:
    profile = example_profile(DAY)
    assert not is_incomplete(profile)
    assert missing_inputs(profile) == ()


def _blank_with(**changes: object) -> ApplicantProfile:
    return with_changes(blank_profile(DAY), dict(changes), DAY)


@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        pytest.param({"exams": [STEP2]}, ["Last cycle"], id="exams-only-misses-last-cycle"),
        pytest.param(
            {"last_cycle": {"programs_applied": 60}}, ["Exam history"], id="cycle-only-misses-exams"
        ),
        pytest.param(
            {"exams": [STEP2], "last_cycle": {"programs_applied": 60}}, [], id="both-complete"
        ),
    ],
)
def test_each_gap_is_named_on_its_own(changes: dict[str, object], missing: list[str]) -> None:
    profile = _blank_with(**changes)
    assert [m.what for m in missing_inputs(profile)] == missing
    assert is_incomplete(profile) is bool(missing)
