"""R-62: the networking table, the next steps, the email check and the outlines."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from matchplan.networking import (
    ConnectionKind,
    NetworkingTable,
    NetworkingTarget,
    Status,
    advocate_brief,
    body_sentences,
    check_email,
    email_outline,
    email_rules,
    program_words,
    suggested_next_step,
    table_from_rows,
    table_notes,
)
from tests.strategies import TODAY, attempt, example_profile, profile_with

MERCY = "Mercy Hospital Internal Medicine Residency"

GOOD_EMAIL = """Dear Dr. Alvarez,

I rotated at Mercy on the general medicine service in March, working with Dr. Chen.
I did not pass Step 1 on my first attempt; I changed how I prepare and passed it in October 2022.
I am applying in internal medicine for the 2028 Match and now work in a research position.
I would be grateful to be considered for an interview at Mercy.

Best regards,
Ana Rivera"""


def email_kinds(text: str, **kwargs: object) -> list[str]:
    args = {"program": MERCY, "connection": "rotation", **kwargs}
    return [f.kind for f in check_email(text, **args).findings]  # type: ignore[arg-type]


# --- the email check -----------------------------------------------------------------------


def test_r62_good_email_passes() -> None:
    check = check_email(GOOD_EMAIL, MERCY, "rotation")
    assert check.findings == ()
    assert check.sentences == 4  # greeting and signature are not sentences


@pytest.mark.parametrize(
    ("text", "kind", "quotes"),
    [
        pytest.param(
            "I rotated at Mercy in March. May I be considered for an interview?",
            "length",
            (),
            id="R-62-two-sentences-too-short",
        ),
        pytest.param(
            "I rotated at Mercy in March. I loved it. The team was kind. I learned a lot. "
            "I passed Step 1. I work in research. I hope to hear from you.",
            "length",
            ("I work in research.", "I hope to hear from you."),
            id="R-62-seven-sentences-quotes-the-extra",
        ),
        pytest.param(
            "I rotated on your wards in March. I passed Step 1 since. May I be considered?",
            "program_missing",
            ("I rotated on your wards in March.",),
            id="R-62-program-not-named",
        ),
        pytest.param(
            "I admire the teaching at Mercy. I passed Step 1 since. May I be considered?",
            "connection_missing",
            ("I admire the teaching at Mercy.",),
            id="R-62-connection-not-named",
        ),
        pytest.param(
            "To whom it may concern, I rotated at Mercy. I passed Step 1. "
            "I would take any position you have.",
            "generic",
            ("To whom it may concern, I rotated at Mercy.", "I would take any position you have."),
            id="R-62-generic-phrases-quoted",
        ),
    ],
)
def test_r62_email_problems_quote_their_sentences(
    text: str, kind: str, quotes: tuple[str, ...]
) -> None:
    found = [f for f in check_email(text, MERCY, "rotation").findings if f.kind == kind]
    assert found, [f.kind for f in check_email(text, MERCY, "rotation").findings]
    assert tuple(q for f in found for q in f.quotes) == quotes
    assert all(f.rule == "R-62" for f in found)


@pytest.mark.parametrize(
    ("text", "kwargs", "absent"),
    [
        pytest.param(
            "My mentor Dr. Okafor suggested I write. I passed Step 1. May I apply at Mercy?",
            {"connection": "mentor_contact", "advocate": "Dr. Okafor"},
            "connection_missing",
            id="R-62-mentor-connection-named",
        ),
        pytest.param(
            "Dr. Okafor asked me to write. I passed Step 1. May I apply at Mercy?",
            {"connection": "mentor_contact", "advocate": "Dr. Okafor"},
            "connection_missing",
            id="R-62-advocate-name-counts-as-the-connection",
        ),
        pytest.param(
            "I did research with your cardiology group. I passed Step 1. May I apply at Mercy?",
            {"connection": None},
            "connection_missing",
            id="R-62-any-kind-when-none-recorded",
        ),
        pytest.param(
            "I rotated on your wards. I passed Step 1. May I apply?",
            {"program": ""},
            "program_missing",
            id="R-62-no-program-chosen-skips-the-name-check",
        ),
        pytest.param(
            "I rotated at MERCY in March. I passed Step 1. May I apply?",
            {},
            "program_missing",
            id="R-62-program-name-case-insensitive",
        ),
    ],
)
def test_r62_email_checks_accept(text: str, kwargs: dict[str, object], absent: str) -> None:
    assert absent not in email_kinds(text, **kwargs)


def test_r62_program_words_drop_generic_words() -> None:
    assert program_words(MERCY, email_rules()) == ("mercy",)
    assert program_words("St. Mary's Medical Center", email_rules()) == ("mary",)
    assert program_words("The Residency Program", email_rules()) == (
        "the",
        "residency",
        "program",
    )


def test_r62_greeting_and_signature_are_not_counted() -> None:
    assert body_sentences("Dear Dr. Smith,\n\nI rotated at Mercy. Thanks.\n\nBest,\nAna") == (
        "I rotated at Mercy.",
        "Thanks.",
    )


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=1_500), program=st.text(max_size=60))
def test_r62_email_check_never_crashes(text: str, program: str) -> None:
    check = check_email(text, program, None, "")
    flat = " ".join(text.split())
    for finding in check.findings:
        for quoted in finding.quotes:
            assert quoted.removesuffix("…") in flat


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="R-62-empty"),
        pytest.param("x" * 100_000, id="R-62-100k"),
        pytest.param("Estimado Dr. Pérez: roté en su hospital. ¿Puedo aplicar?", id="R-62-spanish"),
        pytest.param("<script>alert(1)</script>", id="R-62-html"),
    ],
)
def test_r62_email_check_takes_any_text(text: str) -> None:
    check_email(text, MERCY, "rotation")


# --- outlines ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", get_args(ConnectionKind), ids=lambda k: f"R-62-outline-{k}")
def test_r62_outline_passes_its_own_check(kind: ConnectionKind) -> None:
    target = NetworkingTarget(program=MERCY, connection=kind, advocate="Dr. Okafor")
    outline = email_outline(example_profile(), target, TODAY)
    check = check_email(outline, MERCY, kind, "Dr. Okafor")
    assert check.findings == ()
    assert 3 <= check.sentences <= 5
    assert outline.startswith("Dear Dr. [program director's surname],")


def test_r62_outline_states_the_exam_history_factually() -> None:
    target = NetworkingTarget(program="Mercy", connection="rotation")
    outline = email_outline(example_profile(), target, TODAY)
    assert "I did not pass Step 1 on my first attempt" in outline
    assert "passed it in October 2022" in outline
    clean = profile_with(
        exams=[
            attempt("step1", "2022-06-14", "pass"),
            attempt("step2ck", "2023-03-15", "pass", 240),
        ]
    )
    assert "did not pass" not in email_outline(clean, target, TODAY)


def test_r62_outline_without_a_target_uses_prompts() -> None:
    assert "[program]" in email_outline(example_profile(), None, TODAY)


def test_r62_advocate_brief_names_the_advocate_the_program_and_the_remediation() -> None:
    target = NetworkingTarget(program="Mercy", connection="rotation", advocate="Dr. Chen")
    points = advocate_brief(example_profile(), target, TODAY)
    assert points[0].startswith("Dr. Chen writes or calls the program director at Mercy")
    assert "Step 1: one failed attempt, passed in October 2022" in points[1]


# --- the table -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "advocate", "expected"),
    [
        pytest.param("not_started", "Dr. Chen", "Ask Dr. Chen to write or call", id="R-62-ask"),
        pytest.param("not_started", "", "Find an advocate", id="R-62-find-advocate"),
        pytest.param("advocate_asked", "Dr. Chen", "Confirm with Dr. Chen", id="R-62-confirm"),
        pytest.param("advocate_wrote", "Dr. Chen", "3-5 sentence email", id="R-62-own-email"),
        pytest.param("email_sent", "", "follow up once", id="R-62-follow-up"),
        pytest.param("replied", "", "Answer within a day", id="R-62-reply"),
        pytest.param("interview", "", "under a minute", id="R-62-interview"),
    ],
)
def test_r62_next_step_follows_the_status(status: Status, advocate: str, expected: str) -> None:
    target = NetworkingTarget(
        program="Mercy", connection="rotation", advocate=advocate, status=status
    )
    assert expected in suggested_next_step(target)


def test_r62_empty_table_says_where_to_look() -> None:
    (note,) = table_notes(NetworkingTable())
    assert "alumni" in note.message
    assert "rotated" in note.message


def test_r62_targets_without_an_advocate_and_duplicates_are_named() -> None:
    table = NetworkingTable(
        targets=(
            NetworkingTarget(program="Mercy", connection="rotation"),
            NetworkingTarget(program="Lakeside", connection="alumni", advocate="Dr. Chen"),
            NetworkingTarget(program="mercy ", connection="research", status="email_sent"),
        )
    )
    notes = table_notes(table)
    assert notes[0].programs == ("Mercy",)
    assert notes[1].programs == ("mercy",)


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"program": "", "connection": "rotation"}, id="R-62-program-required"),
        pytest.param({"program": "x" * 161, "connection": "rotation"}, id="R-62-program-capped"),
        pytest.param({"program": "Mercy", "connection": "friend"}, id="R-62-known-kinds-only"),
        pytest.param(
            {"program": "Mercy", "connection": "rotation", "extra": 1}, id="R-62-no-extra-fields"
        ),
    ],
)
def test_r62_bad_rows_are_rejected(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        NetworkingTarget.model_validate(fields)


def test_table_is_frozen_and_round_trips_as_json() -> None:
    table = NetworkingTable(targets=(NetworkingTarget(program="Mercy", connection="rotation"),))
    assert NetworkingTable.model_validate_json(table.model_dump_json()) == table
    with pytest.raises(ValidationError):
        table.targets = ()  # type: ignore[misc]


# --- reading the table editor ------------------------------------------------------------


def test_r62_rows_become_a_table_with_labels_mapped_and_blank_rows_skipped() -> None:
    parsed = table_from_rows(
        [
            {
                "program": " Mercy ",
                "connection": "I rotated there",
                "advocate": "Dr. Chen",
                "status": "Advocate asked",
                "next_step": None,
            },
            {"program": None, "connection": "Research there", "status": "Not started"},
            {"program": "Lakeside", "connection": "alumni", "status": float("nan")},
        ]
    )
    assert parsed.problems == ()
    assert parsed.table == NetworkingTable(
        targets=(
            NetworkingTarget(
                program="Mercy", connection="rotation", advocate="Dr. Chen", status="advocate_asked"
            ),
            NetworkingTarget(program="Lakeside", connection="alumni"),
        )
    )


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        pytest.param(
            {"program": "", "connection": "rotation", "advocate": "Dr. Chen"},
            "Row 1 – Program: String should have at least 1 character",
            id="R-62-row-without-program-is-named",
        ),
        pytest.param(
            {"program": "Mercy", "connection": "a friend"},
            "Row 1 – Connection: Input should be",
            id="R-62-unknown-connection-is-named",
        ),
    ],
)
def test_r62_a_bad_row_is_named_and_no_table_is_returned(
    row: dict[str, object], problem: str
) -> None:
    parsed = table_from_rows([row])
    assert parsed.table is None
    assert parsed.problems[0].startswith(problem)
