"""How programs read the applicant: RULES.md R-01 to R-07 and R-20.

Each rule is pinned by parametrized cases whose ids start with the rule id.
Cases start from a hand-made base applicant (tests/strategies.py: CLEAN reads
low everywhere, FAILED_ONCE has one Step 1 failure later passed) and change the
one input the case is about, then check the level and the reason a user reads,
including the input (field) the reason names. Hypothesis checks invariants over
every valid profile.
"""

from __future__ import annotations

from datetime import timedelta
from functools import reduce
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from matchplan.assessment import (
    LEVELS,
    Assessment,
    LensResult,
    Reason,
    assess,
    overall_tier,
    worst,
)
from matchplan.profile import ApplicantProfile, parse_profile
from matchplan.reference import load_reference
from matchplan.whatif import WhatIf, apply_what_if
from tests.strategies import (
    CLEAN,
    FAILED_ONCE,
    TODAY,
    attempt,
    data_with,
    example_profile,
    letter,
    profile_with,
    valid_profile_data,
    valid_profiles,
)

HYPOTHESIS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Exam histories used by the cases (CLEAN's Step 1 pass and Step 2 CK dates).
S1_PASS = attempt("step1", "2023-04-10", "pass")
S1_FAIL = attempt("step1", "2023-01-10", "fail")


def s2(score: int | None, result: str = "pass", day: str = "2024-08-20") -> dict[str, Any]:
    return attempt("step2ck", day, result, score)


def step1_fails(count: int) -> list[dict[str, Any]]:
    return [attempt("step1", f"2022-0{month}-10", "fail") for month in (1, 3, 5, 7)[:count]]


S3_PASS = attempt("step3", "2025-01-10", "pass")
S3_FAIL = attempt("step3", "2025-01-10", "fail")


def reading(base: dict[str, Any], **changes: Any) -> Assessment:
    return assess(profile_with(base, **changes), TODAY)


def reason_matching(lens: LensResult | tuple[Reason, ...], rule: str, fragment: str) -> Reason:
    reasons = lens.reasons if isinstance(lens, LensResult) else lens
    found = [r for r in reasons if r.rule == rule and fragment in r.text]
    assert found, f"no {rule} reason containing {fragment!r} in {[r.text for r in reasons]}"
    return found[0]


def resolves(profile: ApplicantProfile, field: str) -> bool:
    """Whether a reason's field names a real input of the profile (dotted path)."""
    try:
        reduce(getattr, field.split("."), profile)
    except AttributeError:
        return False
    return True


# --- the hand-made bases read as documented ------------------------------------------------


def test_bases_read_as_documented() -> None:
    clean, once = reading(CLEAN), reading(FAILED_ONCE)
    assert [lens.level for lens in clean.lenses] == ["low", "low", "low"]
    assert [lens.level for lens in once.lenses] == ["moderate", "low", "moderate"]
    assert (clean.overall, once.overall) == ("low", "moderate")
    assert clean.findings == once.findings == ()


# --- R-01 academic risk ----------------------------------------------------------------------

R01_CASES = [
    pytest.param(
        [S1_PASS, s2(None, "fail", "2024-03-01"), s2(245)],
        "high",
        "Step 2 CK failed once",
        id="R-01-step2-failure-is-high",
    ),
    pytest.param(
        [*step1_fails(2), S1_PASS, s2(250)],
        "high",
        "2 failed attempts in all.",
        id="R-01-two-failures-at-one-step-is-high",
    ),
    pytest.param(
        [S1_PASS, attempt("step2ck", "2027-03-01", "planned")],
        "high",
        "Step 2 CK not yet passed.",
        id="R-01-step2ck-not-yet-passed-is-high",
    ),
    pytest.param(
        [S1_FAIL, s2(250)],
        "high",
        "Step 1 not yet passed.",
        id="R-01-step1-not-yet-passed-is-high",
    ),
    pytest.param(
        [S1_PASS, *(s2(None, "fail", f"2024-0{m}-10") for m in (1, 3, 5))],
        "high",
        "One attempt left at Step 2 CK (USMLE allows 4).",
        id="R-01-one-attempt-left-is-high",
    ),
    pytest.param(
        [S1_PASS, s2(228)],
        "high",
        "Step 2 CK 228 is within 10 points of the passing standard (218).",
        id="R-01-step2-within-10-of-standard-is-high",
    ),
    pytest.param(
        [S1_PASS, s2(229)],
        "moderate",
        "Step 2 CK 229 is below 240, the score programs in Internal Medicine usually look for.",
        id="R-01-step2-just-above-low-zone-is-moderate",
    ),
    pytest.param(
        [S1_FAIL, S1_PASS, s2(250)],
        "moderate",
        "One Step 1 failure, later passed, with Step 2 CK above the low-pass zone.",
        id="R-01-single-step1-failure-later-passed-is-moderate",
    ),
    pytest.param(
        [S1_PASS, s2(250)],
        "low",
        "No failed attempt and Step 2 CK 250 at or above 240, the score programs in Internal "
        "Medicine",
        id="R-01-no-failure-solid-step2-is-low",
    ),
    pytest.param(
        [S1_PASS, s2(240)],
        "low",
        "Step 2 CK 240 at or above 240, the score programs",
        id="R-01-step2-exactly-at-solid-bar-is-low",
    ),
    pytest.param(
        [S1_PASS, s2(None)],
        "moderate",
        "No Step 2 CK score on record",
        id="R-01-no-step2-score-is-moderate",
    ),
]


@pytest.mark.parametrize(("exams", "level", "text"), R01_CASES)
def test_r01_academic_risk(exams: list[dict[str, Any]], level: str, text: str) -> None:
    academic = reading(CLEAN, exams=exams).academic
    assert academic.level == level
    reason = next(r for r in academic.reasons if text in r.text)
    assert reason.rule in {"R-01", "R-31"}
    assert reason.field == "exams"
    assert reason.level == level


@pytest.mark.parametrize(
    ("target", "level", "text"),
    [
        pytest.param(
            "im",
            "low",
            "at or above 240, the score programs in Internal Medicine usually look for",
            id="R-01-step2-245-solid-for-internal-medicine",
        ),
        pytest.param(
            "derm",
            "moderate",
            "below 247, the score programs in Dermatology usually look for",
            id="R-01-step2-245-below-dermatology-bar",
        ),
    ],
)
def test_r01_solid_bar_is_per_specialty(target: str, level: str, text: str) -> None:
    academic = reading(CLEAN, exams=[S1_PASS, s2(245)], target_specialty=target).academic
    assert academic.level == level
    assert any(text in r.text for r in academic.reasons)


@pytest.mark.parametrize(
    ("exams", "step"),
    [
        pytest.param([S1_FAIL, s2(250)], "Step 1", id="R-01-unpassed-step1-failure"),
        pytest.param([S1_PASS, s2(250), S3_FAIL], "Step 3", id="R-01-unpassed-step3-failure"),
    ],
)
def test_r01_an_unpassed_failure_is_never_called_later_passed(
    exams: list[dict[str, Any]], step: str
) -> None:
    texts = [r.text for r in reading(CLEAN, exams=exams).academic.reasons]
    assert not any("later passed" in t for t in texts)
    assert any(f"One {step} failure, not yet passed" in t for t in texts)


def test_r01_unpassed_step_says_what_would_lower_it() -> None:
    academic = reading(CLEAN, exams=[S1_PASS, attempt("step2ck", "2027-03-01", "planned")])
    assert (
        "Pass Step 2 CK and have the score reported before programs review."
        in academic.academic.would_lower
    )


# --- R-02 reliability risk -------------------------------------------------------------------

R02_CASES = [
    pytest.param({}, "low", "clinical", "Recent clinical work", id="R-02-recent-everything-is-low"),
    pytest.param(
        {"graduation_date": "2024-09-15"},
        "low",
        "clinical",
        "Recent clinical work",
        id="R-02-under-3-years-since-graduation-is-low",
    ),
    pytest.param(
        {"graduation_date": "2024-05-15"},
        "moderate",
        "graduation_date",
        "3.3 years from graduation when the application opens (past 3).",
        id="R-02-past-3-years-since-graduation-is-moderate",
    ),
    pytest.param(
        {"graduation_date": "2022-05-15"},
        "high",
        "graduation_date",
        "5.3 years from graduation when the application opens (past 5).",
        id="R-02-past-5-years-since-graduation-is-high",
    ),
    pytest.param(
        {"clinical": {"months_since_clinical": 12}},
        "low",
        "clinical",
        "Recent clinical work",
        id="R-02-clinical-work-12-months-ago-is-recent",
    ),
    pytest.param(
        {"clinical": {"months_since_clinical": 13}},
        "moderate",
        "clinical.months_since_clinical",
        "13 months since hands-on clinical work by the application day (01 Sep 2027) "
        "(recent means within 12).",  # revised R-02: measured on the submission day
        id="R-02-clinical-gap-13-months-is-moderate",
    ),
    pytest.param(
        {"clinical": {"months_since_clinical": 24}},
        "high",
        "clinical.months_since_clinical",
        "24 months since hands-on clinical work by the application day (01 Sep 2027).",
        id="R-02-clinical-gap-24-months-is-high",
    ),
    pytest.param(
        {
            "content": {
                "letters": [
                    letter("im", "2026-10-01"),  # revised R-02: recent on 1 Sep 2027
                    letter("im", "2026-11-01", strong=False),
                    letter("im", "2026-06-01"),
                ]
            }
        },
        "moderate",
        "content.letters",
        "1 strong recent letter(s) in or near Internal Medicine; programs look for at least 2.",
        id="R-02-one-strong-recent-letter-is-moderate",
    ),
    pytest.param(
        {"content": {"letters": [letter("derm", "2026-05-01"), letter("derm", "2026-06-01")]}},
        "moderate",
        "content.letters",
        "0 strong recent letter(s) in or near Internal Medicine",
        id="R-02-letters-far-from-target-do-not-count",
    ),
    pytest.param(
        {"content": {"letters": [letter("fm", "2026-10-01"), letter("neuro", "2026-11-01")]}},
        "low",
        "clinical",
        "Recent clinical work",
        id="R-02-letters-near-target-count",
    ),
    pytest.param(
        {"last_cycle": {"prior_unsuccessful_cycles": 2}},
        "moderate",
        "last_cycle.prior_unsuccessful_cycles",
        "2 unsuccessful cycles.",
        id="R-02-two-unsuccessful-cycles-is-moderate",
    ),
    pytest.param(
        {"last_cycle": {"prior_unsuccessful_cycles": 3}},
        "high",
        "last_cycle.prior_unsuccessful_cycles",
        "3 unsuccessful cycles.",
        id="R-02-three-unsuccessful-cycles-is-high",
    ),
]


@pytest.mark.parametrize(("changes", "level", "field", "text"), R02_CASES)
def test_r02_reliability_risk(changes: dict[str, Any], level: str, field: str, text: str) -> None:
    reliability = reading(CLEAN, **changes).reliability
    assert reliability.level == level
    reason = reason_matching(reliability, "R-02", text)
    assert (reason.field, reason.level) == (field, level)


# --- R-03 bandwidth risk ---------------------------------------------------------------------

R03_CASES = [
    pytest.param(
        {},
        "low",
        "exams",
        "No exam pending during residency after a failure.",
        id="R-03-no-failure-is-low",
    ),
    pytest.param(
        {"exams": [S1_FAIL, S1_PASS, s2(250)]},
        "moderate",
        "exams",
        "Step 3 would still be pending during residency, after a failed attempt.",
        id="R-03-step3-pending-after-a-failure-is-moderate",
    ),
    pytest.param(
        {"exams": [S1_FAIL, S1_PASS, s2(250), S3_PASS]},
        "low",
        "exams",
        "No exam pending during residency after a failure.",
        id="R-03-step3-passed-after-a-failure-is-low",
    ),
    pytest.param(
        {"exams": [S1_PASS, attempt("step2ck", "2027-03-01", "planned")]},
        "high",
        "exams",
        "Step 2 CK would still be pending during residency.",
        id="R-03-unpassed-step2ck-is-high",
    ),
    pytest.param(
        {"exams": [S1_PASS, s2(250), S3_FAIL], "clinical": {"current_role": "prelim_or_ty"}},
        "high",
        "clinical.current_role",
        "A prelim/TY year while Step 3 is still unremediated leaves little room to study.",
        id="R-03-prelim-with-unremediated-exam-is-high",
    ),
    pytest.param(
        {"exams": [S1_FAIL, S1_PASS, s2(250)], "clinical": {"current_role": "prelim_or_ty"}},
        "moderate",
        "exams",
        "Step 3 would still be pending",
        id="R-03-prelim-after-remediation-is-not-raised",
    ),
    pytest.param(
        {"exams": [*step1_fails(2), S1_PASS, s2(250), S3_PASS]},
        "moderate",
        "exams",
        "2 failed attempts suggest extra academic support.",
        id="R-03-two-failed-attempts-is-moderate",
    ),
    pytest.param(
        {"exams": [*step1_fails(3), S1_PASS, s2(250), S3_PASS]},
        "high",
        "exams",
        "3 failed attempts suggest close academic support.",
        id="R-03-three-failed-attempts-is-high",
    ),
]


@pytest.mark.parametrize(("changes", "level", "field", "text"), R03_CASES)
def test_r03_bandwidth_risk(changes: dict[str, Any], level: str, field: str, text: str) -> None:
    bandwidth = reading(CLEAN, **changes).bandwidth
    assert bandwidth.level == level
    reason = reason_matching(bandwidth, "R-03", text)
    assert (reason.field, reason.level) == (field, level)


# --- R-04 overall tier -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "overall", "worst_lens"),
    [
        pytest.param(CLEAN, "low", "academic", id="R-04-all-lenses-low-is-low"),
        pytest.param(FAILED_ONCE, "moderate", "academic", id="R-04-worst-lens-moderate"),
        pytest.param(
            data_with(FAILED_ONCE, clinical={"months_since_clinical": 30}),
            "high",
            "reliability",
            id="R-04-one-high-lens-makes-overall-high",
        ),
    ],
)
def test_r04_overall_is_the_worst_lens(base: dict[str, Any], overall: str, worst_lens: str) -> None:
    result = reading(base)
    assert result.overall == overall
    first = result.overall_reasons[0]
    assert (first.rule, first.field) == ("R-04", worst_lens)
    assert f"{worst_lens} is {overall}" in first.text


def _low_lenses() -> tuple[LensResult, LensResult, LensResult]:
    return (
        LensResult(lens="academic", level="low", reasons=(), would_lower=()),
        LensResult(lens="reliability", level="low", reasons=(), would_lower=()),
        LensResult(lens="bandwidth", level="low", reasons=(), would_lower=()),
    )


@pytest.mark.parametrize(
    ("base", "overall"),
    [
        pytest.param(FAILED_ONCE, "moderate", id="R-04-failure-plus-unmatched-never-low"),
        pytest.param(CLEAN, "low", id="R-04-low-is-for-unmatched-without-failure"),
    ],
)
def test_r04_floor_for_a_failure_and_an_unmatched_cycle(base: dict[str, Any], overall: str) -> None:
    level, reasons = overall_tier(_low_lenses(), profile_with(base))
    assert level == overall
    floor = [r for r in reasons if "never below moderate" in r.text]
    assert len(floor) == (overall == "moderate")


# --- R-05 Step 3 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exams", "without", "with_step3"),
    [
        pytest.param(
            [S1_PASS, s2(None, "fail", "2024-03-01"), s2(245)],
            "high",
            "moderate",
            id="R-05-step3-lowers-high-to-moderate",
        ),
        pytest.param(
            [S1_FAIL, S1_PASS, s2(250)],
            "moderate",
            "moderate",
            id="R-05-step3-lowers-one-level-not-to-low",
        ),
        pytest.param(
            [*step1_fails(3), S1_PASS, s2(228)],
            "high",
            "moderate",
            id="R-05-step3-lowers-only-one-level-with-many-reasons",
        ),
        pytest.param([S1_PASS, s2(250)], "low", "low", id="R-05-step3-keeps-low-low"),
    ],
)
def test_r05_step3_lowers_academic_risk_one_level(
    exams: list[dict[str, Any]], without: str, with_step3: str
) -> None:
    before = reading(CLEAN, exams=exams).academic
    after = reading(CLEAN, exams=[*exams, S3_PASS]).academic
    assert (before.level, after.level) == (without, with_step3)
    assert not any(r.rule == "R-05" for r in before.reasons)
    reason = reason_matching(after, "R-05", "Step 3 passed")
    assert reason.field == "exams"


def test_r05_step3_is_suggested_after_a_failure_and_not_without_one() -> None:
    assert any("Pass Step 3" in x for x in reading(FAILED_ONCE).academic.would_lower)
    assert not any("Pass Step 3" in x for x in reading(CLEAN).academic.would_lower)


# --- R-06 diagnosis --------------------------------------------------------------------------


def _diagnosis(result: Assessment) -> dict[str, tuple[bool, tuple[str, ...]]]:
    return {d.dimension: (d.failed, d.evidence) for d in result.diagnosis}


def test_r06_four_dimensions_each_named_once() -> None:
    dims = [d.dimension for d in reading(FAILED_ONCE).diagnosis]
    assert sorted(dims) == ["clinical", "exams", "specialty", "strategy"]


def test_r06_clean_applicant_fails_no_dimension() -> None:
    assert all(not d.failed and d.evidence == () for d in reading(CLEAN).diagnosis)


def test_R06_revised_example_diagnosis_by_importance_not_evidence_count() -> None:
    # Revised R-06: the worst finding's severity, ties in the fixed order; the example's
    # strategy has the most evidence lines yet comes after exam history.
    diagnosis = example_reading().diagnosis
    order = [d.dimension for d in diagnosis]
    assert order == ["clinical", "exams", "specialty", "strategy"]
    assert order.index("exams") < order.index("strategy")
    assert all(d.failed for d in diagnosis)
    strategy = diagnosis[-1].evidence
    assert len(strategy) == max(len(d.evidence) for d in diagnosis)
    assert "ERAS was submitted on 15 Oct 2025, after programs began reviewing on 24 Sep 2025." in (
        strategy
    )


@pytest.mark.parametrize(
    ("changes", "dimension", "fragment"),
    [
        pytest.param(
            {},
            "exams",
            "One Step 1 failure, later passed",
            id="R-06-exam-reasons-are-exam-evidence",
        ),
        pytest.param(
            {"clinical": {"months_since_clinical": 30}},
            "clinical",
            "30 months since hands-on clinical work",
            id="R-06-clinical-gap-is-clinical-evidence",
        ),
        pytest.param(
            {"target_specialty": "derm"},
            "specialty",
            "Dermatology is ultra-competitive",
            id="R-06-ultra-target-after-failure-is-specialty-evidence",
        ),
        pytest.param(
            {"target_specialty": "gs"},
            "specialty",
            "General Surgery is competitive",
            id="R-06-competitive-target-with-academic-risk",
        ),
        pytest.param(
            {"last_cycle": {"eras_submitted_on": "2025-10-01"}},
            "strategy",
            "ERAS was submitted on 01 Oct 2025",
            id="R-06-late-submission-is-strategy-evidence",
        ),
    ],
)
def test_r06_evidence_lands_in_its_dimension(
    changes: dict[str, Any], dimension: str, fragment: str
) -> None:
    result = reading(FAILED_ONCE, **changes)
    failed, evidence = _diagnosis(result)[dimension]
    assert failed
    assert any(fragment in e for e in evidence)
    others = [d for d in result.diagnosis if d.dimension != dimension]
    assert not any(fragment in e for d in others for e in d.evidence)


# --- R-07 autopsy patterns -------------------------------------------------------------------

# Each pattern's finding, found by its dimension and the start of its message.
PATTERNS: dict[str, tuple[str, str]] = {
    "programs": ("strategy", "Applied to "),
    "geography": ("strategy", "Applied in "),
    "late-eras": ("strategy", "ERAS was submitted on "),
    "late-letters": ("clinical", "The last letter arrived on "),
    "late-score": ("exams", "The latest score was reported on "),
    "yield": ("strategy", "interview offers from"),
    "letters-off-target": ("clinical", "letter(s) from"),
    "scattered": ("specialty", "Research and activities were scattered"),
    "statement": ("strategy", "The personal statement was "),
    "ranked": ("strategy", "Ranked "),
}

HIGH_TIER = data_with(FAILED_ONCE, clinical={"months_since_clinical": 30})

R07_CASES = [
    # programs applied below the tier's count (R-50, R-51 range for high-risk IM)
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"programs_applied": 69}},
        "programs",
        "Applied to 69 programs; a moderate-risk applicant applies to at least 70",
        id="R-07-programs-below-moderate-tier-count",
    ),
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"programs_applied": 70}},
        "programs",
        None,
        id="R-07-programs-at-moderate-tier-count-not-flagged",
    ),
    pytest.param(
        HIGH_TIER,
        {"last_cycle": {"programs_applied": 79}},
        "programs",
        "Applied to 79 programs; a high-risk applicant applies to at least 80",
        id="R-07-programs-below-high-risk-im-range",
    ),
    pytest.param(
        HIGH_TIER,
        {"last_cycle": {"programs_applied": 80}},
        "programs",
        None,
        id="R-07-programs-at-high-risk-im-range-not-flagged",
    ),
    pytest.param(
        CLEAN,
        {"last_cycle": {"programs_applied": 39}},
        "programs",
        "Applied to 39 programs; a low-risk applicant applies to at least 40",
        id="R-07-programs-below-low-tier-count",
    ),
    # geography narrower than three census divisions, moderate/high tier only
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"census_divisions": 2}},
        "geography",
        "Applied in 2 census division(s); a moderate-risk applicant needs at least 3",
        id="R-07-geography-two-divisions-moderate-tier",
    ),
    pytest.param(
        HIGH_TIER,
        {"last_cycle": {"census_divisions": 1}},
        "geography",
        "Applied in 1 census division(s); a high-risk applicant needs at least 3",
        id="R-07-geography-one-division-high-tier",
    ),
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"census_divisions": 3}},
        "geography",
        None,
        id="R-07-geography-three-divisions-not-flagged",
    ),
    pytest.param(
        CLEAN,
        {"last_cycle": {"census_divisions": 1}},
        "geography",
        None,
        id="R-07-geography-narrow-not-flagged-for-low-tier",
    ),
    # ERAS submitted after programs first review (24 Sep 2025 for the 2026 Match)
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"eras_submitted_on": "2025-09-25"}},
        "late-eras",
        "ERAS was submitted on 25 Sep 2025, after programs began reviewing on 24 Sep 2025",
        id="R-07-late-eras-submission",
    ),
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"eras_submitted_on": "2025-09-24"}},
        "late-eras",
        None,
        id="R-07-eras-on-review-day-not-late",
    ),
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"eras_submitted_on": None}},
        "late-eras",
        None,
        id="R-07-eras-date-unknown-not-flagged",
    ),
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"match_year": 2025, "eras_submitted_on": "2024-09-26"}},
        "late-eras",
        "after programs began reviewing on 25 Sep 2024",
        id="R-07-late-eras-uses-that-cycles-review-day",
    ),
    # letters uploaded late
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"letters_uploaded_on": "2025-10-01"}},
        "late-letters",
        "The last letter arrived on 01 Oct 2025, after programs began reviewing on 24 Sep 2025",
        id="R-07-letters-uploaded-late",
    ),
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"letters_uploaded_on": "2025-09-24"}},
        "late-letters",
        None,
        id="R-07-letters-by-review-day-not-late",
    ),
    # the latest score reported after programs first review
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"latest_score_reported_on": "2025-10-15"}},
        "late-score",
        "The latest score was reported on 15 Oct 2025, after programs "
        "began reviewing on 24 Sep 2025",
        id="R-07-score-reported-after-review-day",
    ),
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"latest_score_reported_on": "2025-09-24"}},
        "late-score",
        None,
        id="R-07-score-reported-by-review-day-not-flagged",
    ),
    # interview yield below 10% of applications
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"interview_offers": 7, "interviews_attended": 7, "programs_ranked": 7}},
        "yield",
        "7 interview offers from 80 applications (9%), below 10%",
        id="R-07-interview-yield-below-10-percent",
    ),
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"interview_offers": 8, "interviews_attended": 8, "programs_ranked": 8}},
        "yield",
        None,
        id="R-07-interview-yield-10-percent-not-flagged",
    ),
    pytest.param(
        FAILED_ONCE,
        {
            "last_cycle": {
                "programs_applied": 0,
                "interview_offers": 0,
                "interviews_attended": 0,
                "programs_ranked": 0,
            }
        },
        "yield",
        None,
        id="R-07-no-applications-no-yield-finding",
    ),
    # letters not from the target specialty
    pytest.param(
        FAILED_ONCE,
        {
            "content": {
                "letters": [
                    letter("im", "2026-05-01"),
                    letter("fm", "2026-06-01"),
                    letter("fm", "2026-07-01"),
                ]
            }
        },
        "letters-off-target",
        "1 letter(s) from Internal Medicine, the specialty applied to",
        id="R-07-letters-not-from-target-specialty",
    ),
    pytest.param(
        FAILED_ONCE,
        {"content": {"letters": [letter("im", "2026-05-01"), letter("im", "2026-06-01")]}},
        "letters-off-target",
        None,
        id="R-07-two-target-letters-not-flagged",
    ),
    # research scattered across specialties
    pytest.param(
        FAILED_ONCE,
        {"content": {"activities": "scattered"}},
        "scattered",
        "Research and activities were scattered across specialties",
        id="R-07-research-scattered",
    ),
    pytest.param(
        FAILED_ONCE,
        {"content": {"activities": "relevant"}},
        "scattered",
        None,
        id="R-07-research-relevant-not-flagged",
    ),
    pytest.param(
        FAILED_ONCE,
        {"content": {"activities": "none"}},
        "scattered",
        None,
        id="R-07-no-activities-not-called-scattered",
    ),
    # a statement that does not address the failure
    pytest.param(
        FAILED_ONCE,
        {"content": {"personal_statement": "generic"}},
        "statement",
        "The personal statement was generic and did not address the failed attempt",
        id="R-07-generic-statement-after-failure",
    ),
    pytest.param(
        FAILED_ONCE,
        {"content": {"personal_statement": "targeted"}},
        "statement",
        "The personal statement was targeted and did not address the failed attempt",
        id="R-07-targeted-statement-still-silent-on-failure",
    ),
    pytest.param(
        FAILED_ONCE,
        {"content": {"personal_statement": "addressed_failure"}},
        "statement",
        None,
        id="R-07-statement-addressing-failure-not-flagged",
    ),
    pytest.param(
        CLEAN,
        {"content": {"personal_statement": "generic"}},
        "statement",
        None,
        id="R-07-statement-without-failure-not-flagged",
    ),
    # ranked fewer programs than interviews attended
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"programs_ranked": 11}},
        "ranked",
        "Ranked 11 of 12 programs interviewed at",
        id="R-07-ranked-fewer-than-interviews",
    ),
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"programs_ranked": 12}},
        "ranked",
        None,
        id="R-07-ranked-every-interview-not-flagged",
    ),
]


@pytest.mark.parametrize(("base", "changes", "pattern", "message"), R07_CASES)
def test_r07_autopsy_pattern(
    base: dict[str, Any], changes: dict[str, Any], pattern: str, message: str | None
) -> None:
    findings = reading(base, **changes).findings
    dimension, start = PATTERNS[pattern]
    matching = [f for f in findings if f.dimension == dimension and start in f.message]
    if message is None:
        assert matching == []
    else:
        assert len(matching) == 1
        finding = matching[0]
        assert message in finding.message
        assert finding.rule == "R-07"
        assert finding.fix  # every finding says what to do


def test_r07_example_findings_most_important_first_each_with_a_fix() -> None:
    findings = example_reading().findings
    assert [f.importance for f in findings] == sorted(f.importance for f in findings)
    assert findings[0].message.startswith("Applied to 45 programs")
    assert findings[0].fix == "Apply to at least 80 programs this cycle."
    assert len({f.fix for f in findings}) == len(findings)


# --- R-20 the advisor view -------------------------------------------------------------------

R20_CASES = [
    pytest.param(
        FAILED_ONCE,
        {},
        "optimistic",
        "R-21",
        "target_specialty",
        "Internal Medicine is not hyper-competitive",
        id="R-20-single-step1-failure-primary-care-optimistic",
    ),
    pytest.param(
        CLEAN,
        {"exams": [S1_PASS, s2(None, "fail", "2024-03-01"), s2(245)]},
        "cautious",
        "R-22",
        "exams",
        "A Step 2 CK failure opens the pivot conversation",
        id="R-20-step2-failure-cautious",
    ),
    pytest.param(
        CLEAN,
        {"exams": [*step1_fails(2), S1_PASS, s2(250)]},
        "cautious",
        "R-22",
        "exams",
        "Several failed attempts",
        id="R-20-several-failures-cautious",
    ),
    pytest.param(
        CLEAN,
        {"exams": [S1_FAIL, S1_PASS, s2(225)]},
        "cautious",
        "R-22",
        "exams",
        "A low passing Step 2 CK (225)",
        id="R-20-low-step2-pass-cautious",
    ),
    pytest.param(
        FAILED_ONCE,
        {"last_cycle": {"prior_unsuccessful_cycles": 2}},
        "cautious",
        "R-25",
        "last_cycle.prior_unsuccessful_cycles",
        "Two or more unsuccessful",
        id="R-20-two-unsuccessful-cycles-cautious",
    ),
    pytest.param(
        FAILED_ONCE,
        {"graduation_date": "2024-05-15"},
        "cautious",
        "R-24",
        "graduation_date",
        "3.3 years from graduation raises caution",
        id="R-20-past-3-years-cautious",
    ),
    pytest.param(
        HIGH_TIER,
        {},
        "cautious",
        "R-04",
        "overall",
        "Overall risk is high",
        id="R-20-high-overall-cautious",
    ),
    *(
        pytest.param(
            FAILED_ONCE,
            {"target_specialty": spec.id},
            "pessimistic",
            "R-23",
            "target_specialty",
            f"{spec.name} is functionally closed",
            id=f"R-20-ultra-competitive-target-pessimistic-{spec.id}",
        )
        for spec in load_reference().specialties
        if spec.group == "ultra"
    ),
    pytest.param(
        CLEAN,
        {"target_specialty": "derm"},
        "optimistic",
        "R-21",
        "target_specialty",
        "Dermatology stays open",
        id="R-20-ultra-target-without-failure-not-closed",
    ),
    pytest.param(
        CLEAN,
        {"exams": [*step1_fails(2), S1_PASS, s2(None, "fail", "2024-03-01"), s2(240)]},
        "pessimistic",
        "R-25",
        "exams",
        "Failures at both Step 1 and Step 2 CK",
        id="R-20-failures-at-both-steps",
    ),
    pytest.param(
        CLEAN,
        {"exams": [*step1_fails(3), s2(250)]},
        "pessimistic",
        "R-25",
        "exams",
        "One attempt left at Step 1",
        id="R-20-one-attempt-left-pessimistic",
    ),
    pytest.param(
        FAILED_ONCE,
        {"clinical": {"months_since_clinical": 48}},
        "pessimistic",
        "R-25",
        "clinical.months_since_clinical",
        "No clinical work for four years",
        id="R-20-four-years-without-clinical-work-pessimistic",
    ),
    pytest.param(
        FAILED_ONCE,
        {"clinical": {"months_since_clinical": 47}},
        "cautious",
        "R-04",
        "overall",
        "Overall risk is high",
        id="R-20-47-months-without-clinical-work-not-pessimistic",
    ),
    pytest.param(
        FAILED_ONCE,
        {"graduation_date": "2022-05-15"},
        "pessimistic",
        "R-24",
        "graduation_date",
        "5.3 years from graduation",
        id="R-20-past-5-years-without-step3-pessimistic",
    ),
    pytest.param(
        FAILED_ONCE,
        {"graduation_date": "2022-05-15", "exams": [S1_FAIL, S1_PASS, s2(250), S3_PASS]},
        "cautious",
        "R-24",
        "graduation_date",
        "5.3 years from graduation raises caution",
        id="R-20-past-5-years-fully-remediated-cautious",
    ),
]


@pytest.mark.parametrize(("base", "changes", "view", "rule", "field", "text"), R20_CASES)
def test_r20_proposed_view(
    base: dict[str, Any], changes: dict[str, Any], view: str, rule: str, field: str, text: str
) -> None:
    proposal = reading(base, **changes).view
    assert proposal.proposed == view
    assert proposal.effective == view
    reason = reason_matching(proposal.reasons, rule, text)
    assert reason.field == field


@pytest.mark.parametrize("override", ["cautious", "pessimistic"])
def test_r20_advisor_override_is_recorded_next_to_the_proposal(override: str) -> None:
    proposal = reading(FAILED_ONCE, advisor_view=override).view
    assert proposal.proposed == "optimistic"
    assert proposal.advisor_override == override
    assert proposal.effective == override


# --- the example applicant and next actions -------------------------------------------------


def example_reading() -> Assessment:
    return assess(example_profile(), TODAY)


def test_example_applicant_reading() -> None:
    result = example_reading()
    assert result.academic.level == "moderate"
    assert result.reliability.level == "high"
    assert result.bandwidth.level == "moderate"
    assert result.overall == "high"
    assert result.view.proposed == "cautious"
    assert result.view.effective == "cautious"
    high = [r for r in result.reliability.reasons if r.level == "high"]
    assert [(r.field, r.text) for r in high] == [
        # revised R-02: 26 months now, 35 by the submission day of the 2028 Match
        (
            "clinical.months_since_clinical",
            "35 months since hands-on clinical work by the application day (01 Sep 2027).",
        )
    ]


def test_next_actions_for_the_example() -> None:
    assert example_reading().next_actions() == (
        "Start hands-on, US-based clinical work in the target specialty now.",
        "Earn 2 new strong letter(s) in Internal Medicine.",
        "Apply to at least 80 programs this cycle.",
    )


@pytest.mark.parametrize("count", [1, 3, 5, 8])
def test_next_actions_are_distinct_and_capped(count: int) -> None:
    actions = example_reading().next_actions(count)
    assert len(actions) == count  # the example has more than 8 things to do
    assert len(set(actions)) == count


def test_next_actions_empty_when_nothing_to_do() -> None:
    assert reading(CLEAN).next_actions() == ()


# --- what-if levers (matchplan/whatif.py) ----------------------------------------------------

WHATIF_CASES = [
    pytest.param(WhatIf(), ("moderate", "high", "moderate"), "high", id="no-lever-no-change"),
    pytest.param(
        WhatIf(new_specialty_letters=2),
        ("moderate", "high", "moderate"),
        "high",
        id="R-02-letters-alone-leave-the-clinical-gap-high",
    ),
    pytest.param(
        WhatIf(recent_us_clinical=True),
        ("moderate", "moderate", "moderate"),
        "moderate",
        id="R-02-recent-us-clinical-lowers-reliability",
    ),
    pytest.param(
        WhatIf(recent_us_clinical=True, new_specialty_letters=2),
        ("moderate", "moderate", "moderate"),
        "moderate",
        id="R-02-recent-clinical-and-two-letters-lower-reliability",
    ),
    pytest.param(
        WhatIf(pass_step3=True),
        ("moderate", "high", "low"),
        "high",
        id="R-05-step3-clears-bandwidth-not-academic",
    ),
]


@pytest.mark.parametrize(("what_if", "lenses", "overall"), WHATIF_CASES)
def test_what_if_levers_move_tiers(
    what_if: WhatIf, lenses: tuple[str, str, str], overall: str
) -> None:
    result = apply_what_if(example_profile(), what_if, TODAY)
    after = assess(result.profile, TODAY)
    assert tuple(lens.level for lens in after.lenses) == lenses
    assert after.overall == overall
    assert result.notes == ()


def test_what_if_clinical_and_letters_leave_only_the_graduation_gap() -> None:
    lever = WhatIf(recent_us_clinical=True, new_specialty_letters=2)
    after = assess(apply_what_if(example_profile(), lever, TODAY).profile, TODAY)
    assert [r.field for r in after.reliability.reasons] == ["graduation_date"]


def test_what_if_extra_programs_counts_from_last_cycle() -> None:
    result = apply_what_if(example_profile(), WhatIf(extra_programs=40), TODAY)
    assert result.planned_programs == 85
    assert result.profile == example_profile()


def test_what_if_step3_refused_when_step2ck_not_passed() -> None:
    profile = profile_with(CLEAN, exams=[S1_PASS, attempt("step2ck", "2027-03-01", "planned")])
    result = apply_what_if(profile, WhatIf(pass_step3=True), TODAY)
    assert result.profile == profile
    assert result.notes == ("Step 3 needs Step 1 and Step 2 CK passed first; lever not applied.",)


def test_what_if_letters_capped_at_twelve() -> None:
    eleven = [letter("im", f"2026-0{m}-01") for m in range(1, 10)] + [
        letter("im", "2026-10-01"),
        letter("im", "2026-11-01"),
    ]
    profile = profile_with(CLEAN, content={"letters": eleven})
    result = apply_what_if(profile, WhatIf(new_specialty_letters=3), TODAY)
    assert len(result.profile.content.letters) == 12
    assert result.notes == ("The profile holds at most 12 letters.",)


# --- Hypothesis: invariants over every valid profile -----------------------------------------


@HYPOTHESIS
@given(valid_profiles())
def test_any_valid_profile_is_assessed(profile: ApplicantProfile) -> None:
    result = assess(profile, TODAY)
    lenses = [lens.level for lens in result.lenses]
    floor = profile.total_failures() > 0 and profile.last_cycle.prior_unsuccessful_cycles > 0
    if floor and worst(lenses) == "low":
        assert result.overall == "moderate"  # R-04 floor
    else:
        assert result.overall == worst(lenses)  # R-04 worst lens
    if floor:
        assert result.overall != "low"
    for lens in result.lenses:
        assert lens.reasons, lens.lens  # no bare verdict
        assert all(resolves(profile, r.field) for r in lens.reasons)
        if lens.lens != "academic" or not profile.passed("step3"):
            assert lens.level == worst([r.level for r in lens.reasons])
    assert result.view.effective == (profile.advisor_view or result.view.proposed)
    assert [f.importance for f in result.findings] == sorted(f.importance for f in result.findings)
    actions = result.next_actions()
    assert len(actions) <= 3
    assert len(set(actions)) == len(actions)


@HYPOTHESIS
@given(valid_profile_data())
def test_r05_step3_pass_lowers_at_most_one_level_and_never_to_low(data: dict[str, Any]) -> None:
    without = data_with(data, exams=[a for a in data["exams"] if a["step"] != "step3"])
    before = parse_profile(without, TODAY)
    passes = [before.passing_attempt(step) for step in ("step1", "step2ck")]
    assume(all(p is not None and p.exam_date < TODAY for p in passes))
    with_step3 = data_with(without, exams=[*without["exams"], attempt("step3", TODAY, "pass")])
    was = assess(before, TODAY).academic.level
    now = assess(parse_profile(with_step3, TODAY), TODAY).academic.level
    assert now == ("moderate" if was == "high" else was)


@HYPOTHESIS
@given(valid_profile_data(), st.sampled_from(["step1", "step2ck"]))
def test_one_more_failed_attempt_never_lowers_risk(data: dict[str, Any], step: str) -> None:
    same_step = [a["exam_date"] for a in data["exams"] if a["step"] == step]
    assume(len(same_step) < 4)
    earliest = min([*same_step, TODAY + timedelta(days=1)])
    extra = attempt(step, earliest - timedelta(days=1), "fail")  # before every attempt
    before = assess(parse_profile(data, TODAY), TODAY)
    after = assess(parse_profile(data_with(data, exams=[*data["exams"], extra]), TODAY), TODAY)
    for name in ("academic", "bandwidth"):
        was, now = getattr(before, name).level, getattr(after, name).level
        assert LEVELS.index(now) >= LEVELS.index(was), name
    assert LEVELS.index(after.overall) >= LEVELS.index(before.overall)


@HYPOTHESIS
@given(
    valid_profiles(),
    st.builds(
        WhatIf,
        pass_step3=st.booleans(),
        new_specialty_letters=st.integers(0, 4),
        recent_us_clinical=st.booleans(),
    ),
)
def test_what_if_levers_never_raise_a_lens(profile: ApplicantProfile, what_if: WhatIf) -> None:
    before = assess(profile, TODAY)
    after = assess(apply_what_if(profile, what_if, TODAY).profile, TODAY)
    for was, now in zip(before.lenses, after.lenses, strict=True):
        assert LEVELS.index(now.level) <= LEVELS.index(was.level), now.lens


def test_R02_revised_clinical_work_outside_the_us_is_moderate_at_best() -> None:
    result = reading(CLEAN, clinical={"clinical_us_based": False})
    reason = reason_matching(result.reliability, "R-02", "outside the US")
    assert reason.level == "moderate"
    assert result.reliability.level == "moderate"


def test_R24_revised_hold_lists_unmet_conditions_and_proposes_a_cycle() -> None:
    result = reading(FAILED_ONCE, graduation_date="2020-05-15")
    hold = result.hold
    assert hold is not None
    assert hold.years_since_graduation > 5
    assert [c.condition for c in hold.unmet] == ["Every exam remediated, Step 3 included"]
    assert hold.proposed_match_year == 2028
    assert "not yet" in hold.reasons[0].text
    assert reading(FAILED_ONCE).hold is None


def test_R35_revised_step3_is_no_next_action_before_eligibility() -> None:
    # Step 1 failed and not yet passed: Step 3 is not possible, so never "Pass Step 3".
    result = reading(
        FAILED_ONCE,
        exams=[attempt("step1", "2023-01-10", "fail")],
    )
    actions = result.next_actions(20)
    assert not any(a.startswith("Pass Step 3") for a in actions)
    assert any("first Step 1 passed, Step 2 CK passed" in a for a in actions)
