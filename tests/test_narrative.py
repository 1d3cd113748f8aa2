"""R-60, R-61, R-71: the statement outline, the draft check and the family script.

The drafts below are written for these tests: a good one, a failure-dominated
one, a self-pitying one, one without outcomes, one without specialty
motivation. Each check must quote exactly the sentences it is about.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchplan.narrative import (
    QUOTE_MAX,
    NarrativeData,
    StatementWorkspace,
    check_statement,
    family_script,
    narrative_data,
    outline_text,
    split_sentences,
    statement_outline,
    validate_data,
)
from matchplan.reference import ReferenceDataError
from tests.strategies import TODAY, attempt, example_profile, profile_with

GOOD = (
    "In June 2022 I failed Step 1. I had prepared by reading content alone and never sat "
    "a timed practice exam.\n\n"
    "I rebuilt how I study: a fixed weekly timetable, a timed practice exam every two "
    "weeks, and a Friday meeting with my mentor to go through the results.\n\n"
    "These changes held. I passed Step 1 in October 2022 and Step 2 CK on my first attempt "
    "with a 231, and my research supervisor rated my reliability at the top of her team.\n\n"
    "On the medicine wards I cared for a man with heart failure who kept coming back "
    "because no one had reconciled his eleven medications. Rebuilding that list with him "
    "and his daughter showed me why I want internal medicine: holding the whole patient in "
    "view. I want to train where continuity clinic and inpatient medicine sit side by side."
)

FAILURE_DOMINATED = (
    "I failed Step 1 in June 2022. "
    "The failure shook my confidence for months and I questioned everything about my path. "
    "After I failed, I sat the exam again with a new plan and much more practice. "
    "I passed Step 1 on my second attempt in October 2022. "
    "My supervisor rated my work highly. "
    "I want to train in internal medicine."
)
FAILURE_DOMINATED_QUOTES = (
    "I failed Step 1 in June 2022.",
    "The failure shook my confidence for months and I questioned everything about my path.",
    "After I failed, I sat the exam again with a new plan and much more practice.",
    "I passed Step 1 on my second attempt in October 2022.",
)

SELF_PITYING = (
    "In June 2022 I failed Step 1. "
    "The exam was unfair and I was devastated. "
    "It was not my fault, just bad luck with the questions. "
    "I passed Step 1 in October 2022 and scored 231 on Step 2 CK. "
    "On the medicine wards I found the work I want, because internal medicine lets me "
    "follow patients through the whole course of their illness, from admission to clinic. "
    "I want to train where inpatient and outpatient medicine are taught side by side, "
    "and where residents carry their own continuity patients."
)

NO_OUTCOMES = (
    "In June 2022 I failed Step 1 because I studied without a plan. "
    "Since then I have changed how I work: I keep a weekly timetable and meet a mentor every "
    "Friday. "
    "Internal medicine draws me because I like following a patient's whole course in "
    "hospital. "
    "I want to join a program where teaching happens on the wards."
)

NO_MOTIVATION = (
    "In June 2022 I failed Step 1. "
    "I rebuilt my study plan around timed practice exams. "
    "I passed Step 1 in October 2022 and Step 2 CK on my first attempt. "
    "I now work as a research assistant and presented a poster in May."
)


def kinds(text: str, **kwargs: object) -> list[str]:
    return [f.kind for f in check_statement(text, "im", **kwargs).findings]  # type: ignore[arg-type]


# --- the drafts --------------------------------------------------------------------


def test_r61_good_draft_has_no_findings() -> None:
    check = check_statement(GOOD, "im")
    assert check.findings == ()
    assert 0 < check.failure_share < 1 / 3
    assert check.sentences == 8


@pytest.mark.parametrize(
    ("draft", "kind", "quotes"),
    [
        pytest.param(
            FAILURE_DOMINATED,
            "failure_share",
            FAILURE_DOMINATED_QUOTES,
            id="R-61-failure-dominated-draft-warns",
        ),
        pytest.param(
            SELF_PITYING,
            "self_pity",
            (
                "The exam was unfair and I was devastated.",
                "It was not my fault, just bad luck with the questions.",
            ),
            id="R-61-self-pitying-sentences-are-quoted",
        ),
        pytest.param(
            NO_OUTCOMES,
            "missing_outcomes",
            ("In June 2022 I failed Step 1 because I studied without a plan.",),
            id="R-61-no-outcomes-quotes-where-the-story-stops",
        ),
        pytest.param(
            NO_MOTIVATION,
            "missing_motivation",
            ("I now work as a research assistant and presented a poster in May.",),
            id="R-61-no-specialty-motivation-quotes-the-closing-sentence",
        ),
    ],
)
def test_r61_each_problem_draft_quotes_its_sentences(
    draft: str, kind: str, quotes: tuple[str, ...]
) -> None:
    check = check_statement(draft, "im")
    found = [f for f in check.findings if f.kind == kind]
    assert found, [f.kind for f in check.findings]
    assert tuple(q for f in found for q in f.quotes) == quotes
    # and nothing else is wrong with these drafts
    assert {f.kind for f in check.warnings} == {kind}


def test_r61_failure_share_is_measured_against_the_threshold_in_data() -> None:
    check = check_statement(FAILURE_DOMINATED, "im")
    assert check.failure_share_limit == narrative_data().thresholds.failure_share_warn.value
    assert check.failure_share > check.failure_share_limit
    assert "%" in check.of_kind("failure_share")[0].message


@pytest.mark.parametrize(
    ("text", "has_failure", "expected"),
    [
        pytest.param(
            "I cared for patients with heart failure and renal failure on the medicine wards. "
            "I passed Step 2 CK on my first attempt. Internal medicine is where I belong.",
            True,
            "failure_missing",
            id="R-61-heart-failure-is-not-the-applicants-failure",
        ),
        pytest.param(
            "I passed Step 2 CK on my first attempt. Internal medicine is where I belong.",
            False,
            None,
            id="R-61-no-failure-to-own-without-a-failed-attempt",
        ),
        pytest.param(
            "I am passionate about internal medicine. I passed Step 1 in October 2022 "
            "after I failed it in June.",
            True,
            "vague",
            id="R-61-vague-phrase-is-a-note",
        ),
    ],
)
def test_r61_single_checks(text: str, has_failure: bool, expected: str | None) -> None:
    found = kinds(text, has_failure=has_failure)
    if expected is None:
        assert found == []
    else:
        assert expected in found


def test_r61_vague_finding_quotes_the_sentence_and_is_only_a_note() -> None:
    check = check_statement("I am passionate about internal medicine. I passed Step 1.", "im")
    vague = check.of_kind("vague")
    assert vague[0].quotes == ("I am passionate about internal medicine.",)
    assert vague[0].severity == "note"
    assert "passionate" in vague[0].message


def test_r61_specialty_words_come_from_the_target_specialty() -> None:
    text = "I failed Step 1 in 2022. I passed it in October. Psychiatry is where I belong."
    assert "missing_motivation" in [f.kind for f in check_statement(text, "im").findings]
    assert "missing_motivation" not in [f.kind for f in check_statement(text, "psych").findings]


def test_r60_failure_spread_over_three_paragraphs_warns_and_quotes_each() -> None:
    text = (
        "I failed Step 1 in 2022.\n\nMy second attempt went better and I passed.\n\n"
        "The setback taught me to plan. Internal medicine is my goal and I scored 240."
    )
    found = check_statement(text, "im").of_kind("failure_paragraphs")
    assert found[0].rule == "R-60"
    assert found[0].quotes == (
        "I failed Step 1 in 2022.",
        "My second attempt went better and I passed.",
        "The setback taught me to plan.",
    )


def test_r60_personal_circumstances_beyond_two_sentences_warn() -> None:
    text = (
        "In 2022 I failed Step 1. My mother was diagnosed with cancer that spring. "
        "I became her caregiver. My anxiety grew and I stopped sleeping. "
        "I passed Step 1 in October. Internal medicine is where I want to train."
    )
    found = check_statement(text, "im").of_kind("personal_length")
    assert found[0].rule == "R-60"
    assert found[0].quotes == (
        "My mother was diagnosed with cancer that spring.",
        "I became her caregiver.",
        "My anxiety grew and I stopped sleeping.",
    )
    two = text.replace(" My anxiety grew and I stopped sleeping.", "")
    assert not check_statement(two, "im").of_kind("personal_length")


def test_R60_revised_the_statement_owns_the_failure_no_elsewhere_option() -> None:
    # the "keep the statement on the specialty; handle the failure elsewhere"
    # approach is gone from the data and the options; an old plan loads as in_statement.
    assert set(narrative_data().approaches) == {"in_statement"}
    assert StatementWorkspace.model_validate({"approach": "elsewhere"}).approach == "in_statement"
    on_specialty = GOOD.split("\n\n")[-1]
    assert check_statement(on_specialty, "im").of_kind("failure_missing")


# --- robustness --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="R-61-empty"),
        pytest.param("   \n\n\t  ", id="R-61-whitespace"),
        pytest.param("x" * 100_000, id="R-61-100k-one-word"),
        pytest.param(("I failed Step 1. " * 6_000)[:100_000], id="R-61-100k-failure-sentences"),
        pytest.param(("passionate, unfair. " * 5_000)[:100_000], id="R-61-100k-phrases"),
        pytest.param("a. " * 33_334, id="R-61-100k-initials"),
        pytest.param("\n" * 100_000, id="R-61-100k-newlines"),
        pytest.param(
            "Suspendí el Step 1 en 2022. Ahora trabajo en medicina interna y aprobé el examen.",
            id="R-61-spanish",
        ),
        pytest.param(
            "我在2022年没有通过第一步考试。现在我在内科工作！我通过了考试？", id="R-61-chinese"
        ),
        pytest.param(
            "رسبت في الامتحان عام ٢٠٢٢. الآن أعمل في الطب الباطني؟ نجحت.", id="R-61-arabic"
        ),
        pytest.param("<script>alert(1)</script> <img src=x onerror=alert(1)>", id="R-61-html"),
        pytest.param("Dr. U.S. e.g. ... !!! ??? … 。。。", id="R-61-punctuation-only"),
        pytest.param("\x00\x01\u200b\ufeff😀 I failed 🙃.", id="R-61-control-and-emoji"),
    ],
)
def test_r61_checker_never_crashes(text: str) -> None:
    check = check_statement(text, "im")
    assert 0.0 <= check.failure_share <= 1.0
    assert check.characters == len(text)
    for finding in check.findings:
        assert all(len(q) <= QUOTE_MAX for q in finding.quotes)


def test_r61_empty_draft_has_no_findings() -> None:
    check = check_statement("", "im")
    assert check.findings == ()
    assert check.sentences == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(max_size=2_000),
    approach=st.sampled_from(["in_statement"]),
    has_failure=st.booleans(),
)
def test_r61_any_text_gives_a_result_quoting_only_the_text(
    text: str, approach: str, has_failure: bool
) -> None:
    check = check_statement(text, "im", approach=approach, has_failure=has_failure)  # type: ignore[arg-type]
    flat = " ".join(text.split())
    assert 0.0 <= check.failure_share <= 1.0
    for finding in check.findings:
        for quoted in finding.quotes:
            assert quoted.removesuffix("…") in flat


def test_sentences_keep_titles_and_split_non_latin_full_stops() -> None:
    assert [s.text for s in split_sentences("My mentor Dr. Lee trained in the U.S. too. Yes.")] == [
        "My mentor Dr. Lee trained in the U.S. too.",
        "Yes.",
    ]
    assert [s.text for s in split_sentences("我失败了。我通过了！")] == ["我失败了。", "我通过了！"]
    paragraphs = [s.paragraph for s in split_sentences("One. Two.\n\nThree.")]
    assert paragraphs == [0, 0, 1]


# --- the outline ---------------------------------------------------------------------


def test_r60_outline_is_cause_action_result_then_specialty() -> None:
    outline = statement_outline(example_profile(), TODAY)
    keys = [s.key for s in outline.sections]
    assert keys == ["cause", "action", "result", "motivation", "personal"]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param(
            "cause", "Step 1 not passed in June 2022", id="R-60-cause-names-step-and-date"
        ),
        pytest.param(
            "cause", "Unmatched in the 2026 Match (Internal Medicine)", id="R-60-cause-names-cycle"
        ),
        pytest.param(
            "result", "Step 1 passed in October 2022 (attempt 2)", id="R-60-result-lists-the-pass"
        ),
        pytest.param(
            "result",
            "Step 2 CK passed in March 2023 (first attempt, score 231)",
            id="R-60-result-lists-passes-since",
        ),
        pytest.param(
            "action", "Current or planned role: research position", id="R-60-action-names-role"
        ),
        pytest.param(
            "motivation", "Target specialty: Internal Medicine", id="R-60-back-to-the-specialty"
        ),
    ],
)
def test_r60_outline_facts_come_from_the_profile(key: str, expected: str) -> None:
    outline = statement_outline(example_profile(), TODAY)
    section = next(s for s in outline.sections if s.key == key)
    assert expected in section.facts


def test_r60_outline_starter_names_the_failed_step() -> None:
    outline = statement_outline(example_profile(), TODAY)
    assert outline.sections[0].starter.startswith("In June 2022 I did not pass Step 1.")
    assert "Internal Medicine" in outline.sections[3].starter


def test_r60_planned_retake_appears_in_the_results() -> None:
    profile = profile_with(
        exams=[
            attempt("step1", "2022-06-14", "pass"),
            attempt("step2ck", "2025-03-15", "fail"),
            attempt("step2ck", "2027-03-10", "planned"),
        ]
    )
    outline = statement_outline(profile, TODAY)
    result = next(s for s in outline.sections if s.key == "result")
    assert "Step 2 CK retake planned for March 2027" in result.facts
    assert outline.sections[0].starter.startswith("In March 2025 I did not pass Step 2 CK.")


def test_r60_personal_circumstances_are_one_or_two_sentences() -> None:
    outline = statement_outline(example_profile(), TODAY)
    personal = next(s for s in outline.sections if s.key == "personal")
    assert "One or two" in personal.guidance


def test_r60_outline_text_is_a_plain_skeleton_with_prompts() -> None:
    text = outline_text(statement_outline(example_profile(), TODAY))
    assert text.count("\n\n") == 3  # four blocks: cause, action, result, specialty
    assert "[Step 1 passed in October 2022 (attempt 2)]" in text


def test_workspace_caps_the_draft() -> None:
    with pytest.raises(ValueError, match="at most"):
        StatementWorkspace(draft="x" * 30_001)


# --- the family script ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "contains"),
    [
        pytest.param(
            {},
            ("licensing exam (Step 1)", "passed it since", "research position", "2028 Match"),
            id="R-71-example-setback-fixed-role-year",
        ),
        pytest.param(
            {
                "exams": [
                    attempt("step1", "2022-06-14", "pass"),
                    attempt("step2ck", "2025-03-15", "fail"),
                    attempt("step2ck", "2027-03-10", "planned"),
                ]
            },
            ("Step 2 CK", "retake Step 2 CK in March 2027"),
            id="R-71-planned-retake-is-named",
        ),
        pytest.param(
            {
                "exams": [
                    attempt("step1", "2022-06-14", "pass"),
                    attempt("step2ck", "2023-03-15", "pass", 240),
                ]
            },
            ("did not get a residency place", "fixing it"),
            id="R-71-no-exam-failure",
        ),
        pytest.param(
            {"clinical": {"current_role": "prelim_or_ty"}},
            ("first-year resident",),
            id="R-71-current-role",
        ),
        pytest.param({"target_match_year": 2029}, ("July 2029",), id="R-71-target-year"),
    ],
)
def test_r71_family_script_follows_the_plan(
    changes: dict[str, object], contains: tuple[str, ...]
) -> None:
    script = family_script(profile_with(**changes), TODAY)
    for part in contains:
        assert part in script
    assert len(split_sentences(script)) <= 5  # short enough to say the same way each time
    assert len(script.split()) < 90


# --- data ------------------------------------------------------------------------------------


def test_bad_narrative_data_fails_naming_the_file() -> None:
    with pytest.raises(ReferenceDataError, match=r"matchplan/data/narrative.json: invalid at"):
        validate_data("narrative.json", NarrativeData, {"thresholds": {}})


def test_assumptions_in_narrative_data_are_labelled() -> None:
    t = narrative_data().thresholds
    assert t.failure_share_warn.source == "matchplan-assumption"
    assert t.failure_share_warn.rule == "R-61"
    assert 0.3 < t.failure_share_warn.value < 0.34
