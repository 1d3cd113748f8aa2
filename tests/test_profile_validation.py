"""RULES.md §1: every bad input is rejected with a message that names the field.

Each case changes one input of the (valid) example applicant and checks the one
message a user would read, as ``field_errors`` words it. The boundary cases at
the end check that the rejections are not wider than the rule.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from matchplan.profile import ApplicantProfile, field_errors, parse_profile
from matchplan.textsafe import plain_text
from tests.strategies import TODAY, attempt, data_with, example_data, letter

# The example applicant's history: Step 1 failed 14 Jun 2022, passed 11 Oct 2022;
# Step 2 CK passed 15 Mar 2023 (231). Cases below replace it where they need to.
STEP1_FAIL = attempt("step1", "2022-06-14", "fail")
STEP1_PASS = attempt("step1", "2022-10-11", "pass")
STEP2_PASS = attempt("step2ck", "2023-03-15", "pass", 231)
HISTORY = [STEP1_FAIL, STEP1_PASS, STEP2_PASS]


def rejection(data: dict[str, Any]) -> tuple[str, str]:
    """The single (field path, message) a bad profile is rejected with."""
    with pytest.raises(ValidationError) as caught:
        parse_profile(data, TODAY)
    errors = field_errors(caught.value)
    assert len(errors) == 1, [e.message for e in errors]  # one bad input, one message
    return errors[0].field, errors[0].message


BAD_INPUTS = [
    # --- the last cycle's funnel narrows -------------------------------------------------
    pytest.param(
        {"last_cycle": {"interview_offers": 46}},
        "last_cycle",
        ["Last cycle", "Interview offers (46) cannot be more than programs applied to (45)"],
        id="interview-offers-above-applications",
    ),
    pytest.param(
        {"last_cycle": {"programs_ranked": 4}},
        "last_cycle",
        ["Programs ranked (4) cannot be more than interviews attended (3)"],
        id="ranked-above-interviews-attended",
    ),
    pytest.param(
        {"last_cycle": {"interviews_attended": 4, "programs_ranked": 2}},
        "last_cycle",
        ["Interviews attended (4) cannot be more than interview offers (3)"],
        id="interviews-attended-above-offers",
    ),
    # --- attempt dates in order ---------------------------------------------------------
    pytest.param(
        {"exams": [*HISTORY, attempt("step1", "2023-01-10", "fail")]},
        "",
        ["Exam history", "Step 1 attempt on 10 Jan 2023 comes after the passing attempt"],
        id="attempt-after-a-pass",
    ),
    pytest.param(
        {"exams": [*HISTORY, attempt("step1", "2027-01-10", "planned")]},
        "",
        ["Exam history", "comes after the passing attempt on 11 Oct 2022"],
        id="planned-retake-of-a-passed-step",
    ),
    pytest.param(
        {
            "exams": [
                STEP1_PASS,
                attempt("step2ck", "2026-06-01", "planned"),
                attempt("step2ck", "2026-08-01", "fail"),
            ]
        },
        "",
        ["Exam history", "Step 2 CK attempt on 01 Aug 2026 is dated after a planned attempt"],
        id="taken-attempt-after-a-planned-one",
    ),
    pytest.param(
        {"exams": [STEP1_PASS, attempt("step2ck", "2026-11-27", "fail")]},
        "",
        ["Exam history", "Step 2 CK attempt on 27 Nov 2026 is in the future", "planned"],
        id="taken-attempt-dated-tomorrow",
    ),
    pytest.param(
        {"exams": [STEP1_FAIL, attempt("step1", "2022-06-14", "pass"), STEP2_PASS]},
        "",
        ["Exam history", "two Step 1 attempts on 14 Jun 2022"],
        id="two-attempts-on-one-day",
    ),
    # --- graduation ---------------------------------------------------------------------
    pytest.param(
        {"graduation_date": "2026-11-27"},
        "",
        ["Graduation date (27 Nov 2026) is in the future"],
        id="graduation-tomorrow",
    ),
    pytest.param(
        {"target_match_year": 2026},
        "",
        ["Target Match year (2026) must come after the last cycle's Match year (2026)"],
        id="target-year-not-after-last-cycle",
    ),
    # --- Step 3 needs Step 1 and Step 2 CK passed ----------------------------------------
    pytest.param(
        {"exams": [*HISTORY, attempt("step3", "2022-08-01", "pass")]},
        "",
        ["Exam history", "Step 3 attempt on 01 Aug 2022 comes before Step 1 is passed"],
        id="step3-before-step1-passed",
    ),
    pytest.param(
        {"exams": [*HISTORY, attempt("step3", "2023-01-05", "fail")]},
        "",
        ["Exam history", "Step 3 attempt on 05 Jan 2023 comes before Step 2 CK is passed"],
        id="step3-before-step2ck-passed",
    ),
    pytest.param(
        {"exams": [STEP1_PASS, attempt("step3", "2024-01-05", "pass")]},
        "",
        ["Exam history", "comes before Step 2 CK is passed"],
        id="step3-without-step2ck",
    ),
    pytest.param(
        {
            "exams": [
                STEP1_PASS,
                attempt("step2ck", "2027-01-05", "planned"),
                attempt("step3", "2027-06-05", "planned"),
            ]
        },
        "",
        ["Exam history", "Step 3 attempt on 05 Jun 2027 comes before Step 2 CK is passed"],
        id="step3-planned-while-step2ck-only-planned",
    ),
    pytest.param(
        {"exams": [*HISTORY, attempt("step3", "2023-03-15", "pass")]},
        "",
        ["Exam history", "comes before Step 2 CK is passed"],
        id="step3-on-the-day-step2ck-passed",
    ),
    # --- four attempts per Step (F§2.2) -------------------------------------------------
    pytest.param(
        {
            "exams": [attempt("step1", f"2021-0{month}-10", "fail") for month in (1, 3, 5, 7)]
            + [attempt("step1", "2021-09-10", "pass"), STEP2_PASS]
        },
        "",
        ["Exam history", "Step 1 has 5 attempts", "at most 4 per Step", "fifth attempt"],
        id="fifth-step1-attempt-taken",
    ),
    pytest.param(
        {
            "exams": [
                STEP1_PASS,
                *(attempt("step2ck", f"2025-0{month}-10", "fail") for month in (1, 3, 5, 7)),
                attempt("step2ck", "2027-02-10", "planned"),
            ]
        },
        "",
        ["Exam history", "Step 2 CK has 5 attempts", "fifth attempt"],
        id="fifth-step2ck-attempt-planned",
    ),
    pytest.param(
        {
            "exams": [
                *HISTORY,
                *(attempt("step3", f"2024-0{month}-10", "fail") for month in (1, 3, 5, 7, 9)),
            ]
        },
        "",
        ["Exam history", "Step 3 has 5 attempts"],
        id="fifth-step3-attempt",
    ),
    # --- scores: integers 1-300; Step 1 pass/fail from 26 Jan 2022 -----------------------
    pytest.param(
        {"exams": [STEP1_FAIL, STEP1_PASS, attempt("step2ck", "2023-03-15", "pass", 0)]},
        "exams.2.score",
        ["Exam attempt 3 – Score", "greater than or equal to 1"],
        id="score-0",
    ),
    pytest.param(
        {"exams": [STEP1_FAIL, STEP1_PASS, attempt("step2ck", "2023-03-15", "pass", 301)]},
        "exams.2.score",
        ["Exam attempt 3 – Score", "less than or equal to 300"],
        id="score-301",
    ),
    pytest.param(
        {"exams": [STEP1_FAIL, STEP1_PASS, attempt("step2ck", "2023-03-15", "pass", -5)]},
        "exams.2.score",
        ["Exam attempt 3 – Score", "greater than or equal to 1"],
        id="score-negative",
    ),
    pytest.param(
        {"exams": [STEP1_FAIL, STEP1_PASS, attempt("step2ck", "2023-03-15", "pass", 231.5)]},
        "exams.2.score",
        ["Exam attempt 3 – Score", "integer"],
        id="score-not-an-integer",
    ),
    pytest.param(
        {"exams": [STEP1_FAIL, attempt("step1", "2022-10-11", "pass", 230), STEP2_PASS]},
        "exams.1",
        ["Exam attempt 2", "Score", "Step 1 taken on or after 26 Jan 2022", "pass/fail only"],
        id="step1-score-after-pass-fail-switch",
    ),
    pytest.param(
        {"exams": [attempt("step1", "2022-01-26", "pass", 230), STEP2_PASS]},
        "exams.0",
        ["Exam attempt 1", "Step 1 taken on or after 26 Jan 2022"],
        id="step1-score-on-pass-fail-day",
    ),
    pytest.param(
        {"exams": [*HISTORY, attempt("step3", "2027-02-01", "planned", 220)]},
        "exams.3",
        ["Exam attempt 4", "Score: a planned Step 3 attempt has no score yet"],
        id="planned-attempt-with-score",
    ),
    # --- specialties ---------------------------------------------------------------------
    pytest.param(
        {"target_specialty": "cardiology"},
        "target_specialty",
        ["Target specialty", "unknown specialty 'cardiology'"],
        id="unknown-target-specialty",
    ),
    pytest.param(
        {"last_cycle": {"specialties_applied": ["im", "cardiology"]}},
        "last_cycle.specialties_applied.1",
        ["Last cycle", "Specialty 2", "unknown specialty 'cardiology'"],
        id="unknown-specialty-applied",
    ),
    pytest.param(
        {"content": {"letters": [letter("cardiology", "2026-01-05")]}},
        "content.letters.0.specialty",
        ["Letter 1 – Letter specialty", "unknown specialty 'cardiology'"],
        id="unknown-letter-specialty",
    ),
    # --- unknown fields -----------------------------------------------------------------
    pytest.param(
        {"usmle_id": "1234"},
        "usmle_id",
        ["'usmle_id': Extra inputs are not permitted"],
        id="unknown-top-level-field",
    ),
    pytest.param(
        {"last_cycle": {"interviews_declined": 2}},
        "last_cycle.interviews_declined",
        ["Last cycle – 'interviews_declined': Extra inputs are not permitted"],
        id="unknown-last-cycle-field",
    ),
    pytest.param(
        {"exams": [STEP1_FAIL, STEP1_PASS, {**STEP2_PASS, "percentile": 40}]},
        "exams.2.percentile",
        ["Exam attempt 3 – 'percentile'", "Extra inputs are not permitted"],
        id="unknown-exam-field",
    ),
    # --- wrong kinds of value -----------------------------------------------------------
    pytest.param(
        {"applicant_type": "caribbean_img"},
        "applicant_type",
        ["Applicant type", "'us_md'", "'non_us_img'"],
        id="unknown-applicant-type",
    ),
    pytest.param(
        {"last_cycle": {"programs_applied": -1}},
        "last_cycle.programs_applied",
        ["Last cycle – Programs applied to", "greater than or equal to 0"],
        id="negative-program-count",
    ),
]


@pytest.mark.parametrize(("changes", "field", "fragments"), BAD_INPUTS)
def test_bad_input_is_rejected_with_a_message_naming_the_field(
    changes: dict[str, Any], field: str, fragments: list[str]
) -> None:
    path, message = rejection(data_with(**changes))
    assert path == field
    for fragment in fragments:
        # Messages are markdown-safe (issue 15); the words a user reads are plain_text's.
        assert fragment in plain_text(message)


def test_the_example_applicant_is_valid() -> None:
    profile = parse_profile(example_data(), TODAY)
    assert profile.failures("step1") == 1
    assert profile.passed("step2ck")


ACCEPTED_BOUNDARIES = [
    pytest.param({"graduation_date": TODAY.isoformat()}, id="graduation-today"),
    pytest.param(
        {"exams": [*HISTORY, attempt("step3", TODAY.isoformat(), "fail")]},
        id="taken-attempt-dated-today",
    ),
    pytest.param(
        {"last_cycle": {"interview_offers": 45, "interviews_attended": 45, "programs_ranked": 45}},
        id="funnel-equal-counts",
    ),
    pytest.param(
        {"exams": [attempt("step1", "2022-01-25", "pass", 230), STEP2_PASS]},
        id="step1-score-day-before-pass-fail-switch",
    ),
    pytest.param(
        {
            "exams": [
                STEP1_PASS,
                attempt("step2ck", "2023-03-15", "fail", 1),
                STEP2_PASS | {"exam_date": "2023-09-15", "score": 300},
            ]
        },
        id="scores-1-and-300",
    ),
    pytest.param(
        {
            "exams": [
                *(attempt("step1", f"2021-0{month}-10", "fail") for month in (1, 3, 5)),
                attempt("step1", "2022-03-10", "pass"),
                STEP2_PASS,
            ]
        },
        id="fourth-attempt-allowed",
    ),
    pytest.param(
        {
            "exams": [
                STEP1_PASS,
                attempt("step2ck", "2025-01-10", "fail"),
                attempt("step2ck", "2027-01-10", "planned"),
            ]
        },
        id="planned-attempt-after-a-failure",
    ),
    pytest.param(
        {"exams": [*HISTORY, attempt("step3", "2023-03-16", "pass", 210)]},
        id="step3-the-day-after-step2ck-passed",
    ),
]


@pytest.mark.parametrize("changes", ACCEPTED_BOUNDARIES)
def test_valid_boundary_input_is_accepted(changes: dict[str, Any]) -> None:
    data = data_with(**changes)
    profile = parse_profile(data, TODAY)
    assert len(profile.exams) == len(data["exams"])
    assert profile.last_cycle.programs_ranked == data["last_cycle"]["programs_ranked"]


def test_a_rejected_input_is_not_corrected_silently() -> None:
    """The same file, fixed at that one field, is accepted with the other values intact."""
    bad = data_with(last_cycle={"interview_offers": 46})
    rejection(bad)
    fixed = data_with(bad, last_cycle={"interview_offers": 3})
    profile = parse_profile(fixed, TODAY)
    assert profile.last_cycle.interview_offers == 3
    assert profile.last_cycle.programs_applied == 45
    assert profile.display_name == "Example applicant (Dr. A. Rivera)"


def test_several_bad_inputs_each_get_their_own_message() -> None:
    data = data_with(target_specialty="cardiology", last_cycle={"census_divisions": 10})
    with pytest.raises(ValidationError) as caught:
        parse_profile(data, TODAY)
    messages = sorted(e.message for e in field_errors(caught.value))
    assert len(messages) == 2
    assert messages[0].startswith("Last cycle – Census divisions applied in:")
    assert messages[1] == "Target specialty: unknown specialty 'cardiology'"


def test_validation_uses_the_today_passed_in() -> None:
    """A graduation valid today was in the future a year earlier: the clock is never read."""
    data = data_with(graduation_date="2026-06-01")
    assert parse_profile(data, TODAY).graduation_date.isoformat() == "2026-06-01"
    with pytest.raises(ValidationError, match="Graduation date"):
        parse_profile(data, TODAY.replace(year=2025))


@pytest.mark.parametrize("pinned", [None, "2026-05-31", "2040-01-01"])
def test_a_profile_model_never_depends_on_the_day(
    monkeypatch: pytest.MonkeyPatch, pinned: str | None
) -> None:
    """A model holds only timeless invariants: no context, no variable, no clock decides
    whether it builds, so a checked profile placed inside another model still builds."""
    if pinned is None:
        monkeypatch.delenv("MATCHPLAN_TODAY", raising=False)
    else:
        monkeypatch.setenv("MATCHPLAN_TODAY", pinned)
    data = data_with(graduation_date="2026-06-01", target_match_year=2027)
    profile = ApplicantProfile.model_validate(data)
    assert ApplicantProfile.model_validate(profile.model_dump()) == profile
    assert ApplicantProfile.model_validate(data, context={"today": TODAY}) == profile


def test_R40_revised_an_edit_that_keeps_the_target_is_not_refused_in_a_running_cycle() -> None:
    """R-40 (revised): only choosing a target is refused; an edit of another field of a
    plan whose cycle is under way is kept."""
    from datetime import date as _date

    from matchplan.examples import example_profile
    from matchplan.profile import with_changes

    made = _date(2026, 12, 1)
    profile = example_profile(made)
    running = _date(2027, 11, 2)  # the 2028 cycle opened in September 2027
    edited = with_changes(profile, {"display_name": "A. Rivera"}, running)
    assert edited.display_name == "A. Rivera"
    assert edited.target_match_year == profile.target_match_year
    with pytest.raises(ValidationError, match=r"Target Match year \(2028\): that cycle"):
        with_changes(profile, {"target_specialty": "fm"}, running)
    assert with_changes(profile, {"target_match_year": 2029}, running).target_match_year == 2029


def test_R40_a_target_cycle_already_running_is_refused_at_the_field() -> None:
    # On 1 Dec 2026 the 2027 Match cycle (applications from 2 Sep 2026) is running.
    from datetime import date as _date

    from matchplan.examples import blank_profile, example_profile
    from matchplan.profile import first_plannable_match_year, parse_profile

    today = _date(2026, 12, 1)
    data = example_profile(today).model_dump()
    data["target_match_year"] = 2027
    with pytest.raises(ValidationError) as caught:
        parse_profile(data, today)
    message = str(caught.value)
    assert "Target Match year (2027)" in message
    assert "the 2028 Match" in message
    assert first_plannable_match_year(today) == 2028
    for day in (_date(2026, 6, 1), _date(2027, 9, 30), _date(2029, 1, 15)):
        assert example_profile(day).target_match_year >= first_plannable_match_year(day)
        assert blank_profile(day).target_match_year >= first_plannable_match_year(day)
