"""Every upload path survives a fuzzed stream of bytes (issue 7).

A plan file either loads or is refused with PlanLoadError; a program CSV
always comes back as a ListImport (good rows, row errors, or a file problem).
Nothing else may escape: an unexpected exception would crash the page.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchplan.narrative import check_statement
from matchplan.networking import check_email
from matchplan.planfile import PlanFile, PlanLoadError, dump_plan, load_plan
from matchplan.profile import EARLIEST_GRADUATION, EARLIEST_RECORD, LATEST_PLANNABLE
from matchplan.programs import ListImport, parse_program_csv, template_csv
from tests.core_pipeline import exercise
from tests.strategies import TODAY, example_profile

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID_PLAN = dump_plan(PlanFile(saved_on=TODAY, profile=example_profile()))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=40,
)


def _load_or_refuse(raw: bytes) -> None:
    """Either a PlanFile, or a PlanLoadError with a message for the person; nothing else."""
    outcome: PlanFile | str
    try:
        outcome = load_plan(raw, TODAY)
    except PlanLoadError as refused:
        outcome = str(refused)
    assert isinstance(outcome, PlanFile) or outcome.strip()


@FUZZ
@given(st.binary(max_size=4096))
def test_any_bytes_as_a_plan_file_load_or_are_refused(raw: bytes) -> None:
    _load_or_refuse(raw)


@FUZZ
@given(st.data())
def test_a_damaged_plan_file_loads_or_is_refused(data: st.DataObject) -> None:
    raw = bytearray(VALID_PLAN)
    for _ in range(data.draw(st.integers(1, 8))):
        where = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip":
            raw[where] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del raw[where : where + data.draw(st.integers(1, 64))]
        else:
            raw[where:where] = data.draw(st.binary(min_size=1, max_size=16))
        if not raw:
            break
    _load_or_refuse(bytes(raw))


@FUZZ
@given(JSON_VALUES)
def test_any_json_document_loads_or_is_refused(value: object) -> None:
    _load_or_refuse(json.dumps(value).encode())


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "profile",
                "timeline",
                "what_if",
                "scenarios",
                "program_list",
                "statement",
                "week",
                "saved_on",
            ]
        ),
        JSON_VALUES,
        max_size=4,
    )
)
def test_wrong_sections_in_a_plan_are_refused(sections: dict[str, object]) -> None:
    document = json.loads(VALID_PLAN)
    document.update(sections)
    _load_or_refuse(json.dumps(document).encode())


@FUZZ
@given(st.binary(max_size=4096))
def test_any_bytes_as_a_program_csv_give_a_clear_outcome(raw: bytes) -> None:
    outcome = parse_program_csv(raw)
    assert isinstance(outcome, ListImport)
    assert outcome.rows or outcome.errors or outcome.problem or raw.strip() == b"" or outcome.notes


@FUZZ
@given(st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=8), max_size=20))
def test_any_table_under_the_template_header_gives_a_clear_outcome(
    cells: list[list[str]],
) -> None:
    header = template_csv().decode("utf-8").splitlines()[0]
    body = "\n".join(",".join(json.dumps(c) for c in row) for row in cells)
    outcome = parse_program_csv(f"{header}\n{body}".encode())
    assert isinstance(outcome, ListImport)
    assert len(outcome.rows) + len(outcome.errors) <= len(cells)


# --- issue 15: dates at the edges and long punctuation runs -----------------------------

EDGE_DATES = st.sampled_from(
    [
        date.min,
        date.max,
        EARLIEST_GRADUATION,
        EARLIEST_GRADUATION - timedelta(days=1),
        EARLIEST_RECORD,
        EARLIEST_RECORD - timedelta(days=1),
        LATEST_PLANNABLE,
        LATEST_PLANNABLE + timedelta(days=1),
        TODAY,
        TODAY + timedelta(days=1),
        date(1979, 6, 1),
    ]
)
# Where a date can sit in a plan file: (section path, key).
DATE_FIELDS = [
    (("profile",), "graduation_date"),
    (("profile", "exams", 0), "exam_date"),
    (("profile", "content", "letters", 0), "written_on"),
    (("profile", "last_cycle"), "eras_submitted_on"),
    (("profile", "last_cycle"), "letters_uploaded_on"),
    (("profile", "last_cycle"), "latest_score_reported_on"),
    (("timeline",), "exam_date"),
    (("timeline",), "step3_date"),
    (("timeline",), "letter_request_date"),
    (("timeline", "calendar_overrides"), "match_day"),
    (("timeline", "calendar_overrides"), "eras_opens"),
    (("progress", "practice_scores", 0), "taken_on"),
    ((), "saved_on"),
]
PUNCTUATION_RUN = st.tuples(
    st.sampled_from([".", "!", "?", "…", " ", "\n", "\t", ".!?", ". ", "。"]),
    st.integers(min_value=1, max_value=3000),
).map(lambda run: (run[0] * run[1])[:4000])
TEXT_FIELDS = [
    (("profile",), "advisor_notes"),
    (("profile",), "display_name"),
    (("statement",), "draft"),
    ((), "email_draft"),
    ((), "family_script"),
]


def _plan_document() -> dict[str, object]:
    document: dict[str, Any] = json.loads(VALID_PLAN)
    document["progress"] = {
        "practice_scores": [{"taken_on": "2026-10-01", "step": "step2ck", "score": 230}]
    }
    return document


def _at(document: dict[str, Any], path: tuple[str | int, ...]) -> Any:
    node: Any = document
    for part in path:
        node = node[part] if isinstance(part, int) else node.setdefault(part, {})
    return node


def _loads_and_runs(raw: bytes) -> None:
    """Loads (and then every page's core computation runs) or is refused cleanly."""
    try:
        plan = load_plan(raw, TODAY)
    except PlanLoadError:
        return
    exercise(plan, TODAY)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(DATE_FIELDS), EDGE_DATES), min_size=1, max_size=4))
def test_issue15_edge_dates_in_a_plan_load_and_run_or_are_refused(
    changes: list[tuple[tuple[tuple[str | int, ...], str], date]],
) -> None:
    document = _plan_document()
    for (path, key), when in changes:
        parent = _at(document, path)
        if isinstance(parent, dict):
            parent[key] = when.isoformat()
    _loads_and_runs(json.dumps(document).encode())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(TEXT_FIELDS), PUNCTUATION_RUN), min_size=1, max_size=3))
def test_issue15_punctuation_runs_in_text_fields_load_and_run_or_are_refused(
    changes: list[tuple[tuple[tuple[str, ...], str], str]],
) -> None:
    document = _plan_document()
    for (path, key), text in changes:
        _at(document, path)[key] = text
    raw = json.dumps(document).encode()
    _loads_and_runs(raw)
    try:
        plan = load_plan(raw, TODAY)
    except PlanLoadError:
        return
    check_statement(plan.statement.draft, plan.profile.target_specialty)
    check_email(plan.email_draft, "Mercy Hospital")


@FUZZ
@given(st.lists(st.lists(PUNCTUATION_RUN, min_size=1, max_size=6), min_size=1, max_size=3))
def test_issue15_punctuation_runs_in_csv_cells_give_a_clear_outcome(
    cells: list[list[str]],
) -> None:
    header = template_csv().decode("utf-8").splitlines()[0]
    body = "\n".join(",".join(json.dumps(c) for c in row) for row in cells)
    outcome = parse_program_csv(f"{header}\n{body}".encode())
    assert isinstance(outcome, ListImport)
    for error in outcome.errors:
        assert len(error.message) < 1000  # quoted cells are capped
