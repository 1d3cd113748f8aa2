"""R-25 and R-72: when other careers come forward, and what each path needs."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from matchplan.assessment import assess
from matchplan.careers import (
    CareersData,
    careers_data,
    other_careers,
    other_careers_triggers,
)
from matchplan.narrative import validate_data
from matchplan.profile import ApplicantProfile
from matchplan.reference import ReferenceDataError, load_reference
from tests.strategies import (
    FAILED_ONCE,
    TODAY,
    attempt,
    example_profile,
    profile_with,
    valid_profiles,
)


def texts(profile: ApplicantProfile) -> list[str]:
    return [t.text for t in other_careers_triggers(profile)]


STEP1_TWICE_STEP2_ONCE = [
    attempt("step1", "2021-03-01", "fail"),
    attempt("step1", "2021-07-01", "fail"),
    attempt("step1", "2021-11-01", "pass"),
    attempt("step2ck", "2022-06-01", "fail"),
    attempt("step2ck", "2022-11-01", "pass", 221),
]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {"exams": STEP1_TWICE_STEP2_ONCE},
            "Failures at both Step 1 and Step 2 CK, more than one at either.",
            id="R-25-failures-at-both-steps-more-than-one",
        ),
        pytest.param(
            {"clinical": {"months_since_clinical": 48}},
            "No clinical work for four years or more.",
            id="R-25-four-years-without-clinical-work",
        ),
        pytest.param(
            {"last_cycle": {"prior_unsuccessful_cycles": 2}},
            "Two or more unsuccessful cycles.",
            id="R-25-two-unsuccessful-cycles",
        ),
        pytest.param(
            {
                "exams": [
                    attempt("step1", "2021-03-01", "pass"),
                    attempt("step2ck", "2022-01-01", "fail"),
                    attempt("step2ck", "2022-06-01", "fail"),
                    attempt("step2ck", "2023-01-01", "fail"),
                ]
            },
            "One attempt left at Step 2 CK.",
            id="R-25-one-attempt-left-at-an-unpassed-step",
        ),
        pytest.param(
            {
                "exams": [
                    attempt("step1", "2021-03-01", "pass"),
                    attempt("step2ck", "2022-01-01", "pass", 240),
                    attempt("step3", "2023-01-01", "fail"),
                    attempt("step3", "2023-06-01", "fail"),
                    attempt("step3", "2024-01-01", "fail"),
                ]
            },
            "One attempt left at Step 3.",
            id="R-25-one-attempt-left-counts-step-3-too",
        ),
    ],
)
def test_r25_triggers(changes: dict[str, Any], expected: str) -> None:
    profile = profile_with(**changes)
    assert expected in texts(profile)
    advice = other_careers(profile)
    assert advice.prominent


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({}, id="R-25-one-step1-failure-later-passed-does-not-fire"),
        pytest.param({"clinical": {"months_since_clinical": 47}}, id="R-25-just-under-four-years"),
        pytest.param(
            {
                "exams": [
                    attempt("step1", "2021-03-01", "fail"),
                    attempt("step1", "2021-07-01", "pass"),
                    attempt("step2ck", "2022-06-01", "fail"),
                    attempt("step2ck", "2022-11-01", "pass", 221),
                ]
            },
            id="R-25-one-failure-at-each-step-does-not-fire",
        ),
        pytest.param(
            {
                "exams": [
                    attempt("step1", "2021-03-01", "pass"),
                    attempt("step2ck", "2022-01-01", "fail"),
                    attempt("step2ck", "2022-06-01", "fail"),
                ]
            },
            id="R-25-two-attempts-left-does-not-fire",
        ),
    ],
)
def test_r25_does_not_fire(changes: dict[str, Any]) -> None:
    profile = profile_with(FAILED_ONCE, **changes)
    assert texts(profile) == []
    assert not other_careers(profile).prominent


def test_r25_example_applicant_does_not_fire() -> None:
    assert not other_careers(example_profile()).prominent


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=valid_profiles())
def test_r25_agrees_with_the_view_reasons(profile: ApplicantProfile) -> None:
    """The view (R-20) cites R-25 only when the careers predicate fires, with the same words.

    The view may drop a cautious R-25 reason when a pessimistic one wins; the predicate
    never drops one, so the view's R-25 reasons are a subset.
    """
    view = assess(profile, TODAY).view
    in_view = {r.text for r in view.reasons if r.rule == "R-25"}
    assert in_view <= set(texts(profile))


# --- the paths ---------------------------------------------------------------------------


def test_r72_paths_are_always_available() -> None:
    quiet = other_careers(example_profile())
    loud = other_careers(profile_with(last_cycle={"prior_unsuccessful_cycles": 3}))
    assert len(quiet.paths) == len(loud.paths) == len(careers_data().paths) >= 5
    assert {v.path.id for v in quiet.paths} == {v.path.id for v in loud.paths}


@pytest.mark.parametrize("path", careers_data().paths, ids=lambda p: f"R-72-{p.id}")
def test_r72_each_path_says_what_it_needs_and_what_carries_over(path: Any) -> None:
    assert path.needs
    assert path.carries_over
    assert path.first_step
    assert path.source == "article"
    assert path.needs_source == "matchplan-assumption"


def test_r72_current_role_is_named_where_it_is_direct_experience() -> None:
    advice = other_careers(profile_with(last_cycle={"prior_unsuccessful_cycles": 2}))
    notes = {v.path.id: v.role_note for v in advice.paths}
    assert notes["clinical_research"] == (
        "Your current research position is direct experience for this path."
    )
    assert notes["medical_education"] == ""
    # when prominent, the paths that build on the role come first
    assert [bool(v.role_note) for v in advice.paths] == sorted(
        (bool(v.role_note) for v in advice.paths), reverse=True
    )


def test_r72_data_ids_are_unique_and_sources_exist() -> None:
    paths = careers_data().paths
    assert len({p.id for p in paths}) == len(paths)
    sources = load_reference().sources
    assert all(p.source in sources and p.needs_source in sources for p in paths)


def test_bad_careers_data_fails_naming_the_file() -> None:
    with pytest.raises(ReferenceDataError, match=r"matchplan/data/careers.json"):
        validate_data("careers.json", CareersData, {"paths": [{"id": "x"}]})
    raw = careers_data().model_dump()
    raw["paths"][0]["source"] = "nowhere"
    with pytest.raises(ReferenceDataError, match="unknown source ids: nowhere"):
        validate_data("careers.json", CareersData, raw)
