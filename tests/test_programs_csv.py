"""Program-list CSV import (R-53): every file gets a clear outcome and nothing crashes.

``parse_program_csv`` takes bytes and returns good rows, each bad row's line and
reason, or one file-level problem (too big, empty, not UTF-8, wrong columns) with
nothing loaded. Hypothesis feeds it arbitrary bytes and text.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchplan.programs import (
    MAX_CSV_BYTES,
    MAX_CSV_ROWS,
    TEMPLATE_COLUMNS,
    ListImport,
    ProgramRow,
    csv_cell,
    parse_program_csv,
    rows_csv,
    template_csv,
    validate_program_rows,
)

HEADER = "program,state,type,setting,connection,signal\n"
GOOD = (
    HEADER + "Mercy Community Hospital IM,OH,community,suburban,alumni,yes\n"
    '"St. Mary\'s, Internal Medicine",nm,University-Affiliated,Rural,,no\n'
    "Lakeside University IM,WA,university,urban,observership,\n"
)


def parsed(text: str) -> ListImport:
    return parse_program_csv(text.encode("utf-8"))


def test_good_file_loads_every_row_normalised() -> None:
    result = parsed(GOOD)
    assert result.problem is None
    assert result.errors == ()
    assert [
        (r.program, r.state, r.type, r.setting, r.connection, r.signal) for r in result.rows
    ] == [
        ("Mercy Community Hospital IM", "OH", "community", "suburban", "alumni", True),
        ("St. Mary's, Internal Medicine", "NM", "university-affiliated", "rural", "", False),
        ("Lakeside University IM", "WA", "university", "urban", "observership", False),
    ]


def test_template_is_a_good_file_with_the_documented_columns() -> None:
    text = template_csv().decode("utf-8")
    assert text.splitlines()[0] == ",".join(TEMPLATE_COLUMNS)
    assert TEMPLATE_COLUMNS == ("program", "state", "type", "setting", "connection", "signal")
    result = parse_program_csv(template_csv())
    assert len(result.rows) == 2
    assert result.errors == ()


def test_downloaded_list_reads_back_the_same() -> None:
    rows = parsed(GOOD).rows
    assert parse_program_csv(rows_csv(rows)).rows == rows


BAD_ROWS = (
    HEADER + "Good One,OH,community,rural,,yes\n"  # line 2
    "Bad State,ZZ,community,rural,,\n"  # line 3
    "Bad Type,OH,academic,rural,,\n"  # line 4
    ",OH,community,rural,,\n"  # line 5
    "Bad Setting,TX,community,downtown,,\n"  # line 6
    "Bad Signal,TX,community,urban,,maybe\n"  # line 7
    "\n"  # line 8: blank, skipped
    "Good One,OH,community,urban,,\n"  # line 9: the same program and state again
    "Too,Many,Values,a,b,c,d,e\n"  # line 10
    "Good Two,PR,community,urban\n"  # line 11: short rows leave the optional columns empty
)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        pytest.param(3, "state: unknown state code 'ZZ' (use the two-letter postal code)",
                     id="R-53-unknown-state"),
        pytest.param(4, "type: 'academic' is not one of 'community', 'university-affiliated' or "
                     "'university'", id="R-53-unknown-type"),
        pytest.param(5, "program: is empty", id="R-53-empty-program"),
        pytest.param(6, "setting: 'downtown' is not one of 'urban', 'suburban' or 'rural'",
                     id="R-53-unknown-setting"),
        pytest.param(7, "signal: 'maybe' is not yes or no", id="R-53-unclear-signal"),
        pytest.param(9, "program: same program and state as line 2", id="R-53-duplicate"),
        pytest.param(10, "has 8 values but the header names 6 columns", id="R-53-too-many-values"),
    ],
)  # fmt: skip
def test_bad_rows_are_reported_by_line_while_good_rows_load(line: int, message: str) -> None:
    result = parsed(BAD_ROWS)
    assert result.problem is None
    assert [r.program for r in result.rows] == ["Good One", "Good Two"]
    errors = {e.line: e.message for e in result.errors}
    assert message in errors[line]
    assert sorted(errors) == [3, 4, 5, 6, 7, 9, 10]


def test_a_row_with_two_problems_names_both() -> None:
    result = parsed(HEADER + "X,ZZ,academic,rural,,\n")
    (error,) = result.errors
    assert error.line == 2
    assert "state:" in error.message
    assert "type:" in error.message


FILE_PROBLEMS = [
    pytest.param(b"", "The file is empty", id="empty-file"),
    pytest.param(b"  \n\n \r\n", "The file is empty", id="whitespace-only"),
    pytest.param(HEADER.encode(), "has a header but no programs", id="header-only"),
    pytest.param(b"name,city,kind\nA,B,C\n", "Missing column(s): program, state, type, setting",
                 id="wrong-columns"),
    pytest.param(b"program,state\nA,OH\n", "Missing column(s): type, setting",
                 id="some-columns-missing"),
    pytest.param(b"program,state,type,setting,state\nA,OH,community,rural,TX\n",
                 "Column(s) named twice: state", id="repeated-column"),
    pytest.param("program,state,type,setting\nClínica,PR,community,urban\n".encode("latin-1"),
                 "not UTF-8 text", id="non-utf8-latin1"),
    pytest.param(b"\xff\xfe\x00p\x00r\x00o", "not UTF-8 text", id="non-utf8-utf16"),
    pytest.param(b"program,state,type,setting\nA\x00,OH,community,rural\n", "NUL bytes",
                 id="binary-nul-bytes"),
    pytest.param(b'program,state,type,setting\n"' + b"x" * 200_000 + b'",OH,community,rural\n',
                 "could not be read as CSV", id="field-larger-than-the-csv-limit"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "fragment"), FILE_PROBLEMS)
def test_file_problems_load_nothing_and_say_why(content: bytes, fragment: str) -> None:
    result = parse_program_csv(content)
    assert result.problem is not None
    assert fragment in result.problem
    assert result.rows == ()


def test_a_huge_file_is_refused_before_it_is_read() -> None:
    line = "Some Program Name That Is Long Enough,OH,community,rural,,no\n"
    content = (HEADER + line * (MAX_CSV_BYTES // len(line) + 10)).encode()
    assert len(content) > MAX_CSV_BYTES
    result = parse_program_csv(content)
    assert result.problem is not None
    assert "1.0 MB" in result.problem
    assert "must be under 1 MB" in result.problem


def test_too_many_rows_is_refused() -> None:
    lines = "".join(f"P{i},OH,community,rural,,\n" for i in range(MAX_CSV_ROWS + 1))
    result = parsed(HEADER + lines)
    assert result.problem is not None
    assert f"more than {MAX_CSV_ROWS} programs" in result.problem


def test_exactly_the_row_limit_loads() -> None:
    lines = "".join(f"P{i},OH,community,rural,,\n" for i in range(MAX_CSV_ROWS))
    assert len(parsed(HEADER + lines).rows) == MAX_CSV_ROWS


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\xef\xbb\xbf" + GOOD.encode(), id="utf8-with-bom"),
        pytest.param(GOOD.replace("\n", "\r\n").encode(), id="windows-line-endings"),
        pytest.param(GOOD.replace(HEADER, "Program, State ,TYPE,Setting,Connection,Signal\n")
                     .encode(), id="header-case-and-spaces"),
    ],
)  # fmt: skip
def test_common_spreadsheet_exports_load(content: bytes) -> None:
    result = parse_program_csv(content)
    assert result.problem is None
    assert len(result.rows) == 3


def test_extra_columns_are_ignored_and_said_so() -> None:
    result = parsed("program,state,type,setting,notes\nA,OH,community,rural,call the PD\n")
    assert len(result.rows) == 1
    assert result.notes == ("Ignored column(s): notes.",)


def test_optional_columns_may_be_left_out() -> None:
    result = parsed("program,state,type,setting\nA,OH,community,rural\n")
    assert result.rows == (ProgramRow(program="A", state="OH", type="community", setting="rural"),)


def test_long_text_is_rejected_not_truncated() -> None:
    result = parsed(HEADER + "A" * 201 + ",OH,community,rural,,\n")
    assert "program: String should have at most 200 characters" in result.errors[0].message


# Issue 15, item 4 replaces issue 7's "formula-like text is kept as plain text": stripping
# leading whitespace turned "\t=1+1" into "=1+1", so such a cell is now refused by line.
@pytest.mark.parametrize(
    "cell",
    ['"=HYPERLINK(""http://evil"")"', '"\t=1+1"', '" +1"', '"@SUM(A1)"', '"-2+3"', '"\r=1"'],
    ids=["equals", "tab-equals", "space-plus", "at", "minus", "cr-equals"],
)
def test_issue15_formula_cell_is_refused_with_its_line(cell: str) -> None:
    result = parsed(HEADER + f"Mercy,OH,community,rural,,\n{cell},OH,community,rural,,\n")
    assert [r.program for r in result.rows] == ["Mercy"]
    (error,) = result.errors
    assert error.line == (4 if "\r" in cell else 3)  # a quoted CR counts as a line end
    assert "which a spreadsheet would run as a formula" in error.message


def test_issue15_formula_connection_is_refused_but_a_lone_dash_is_kept() -> None:
    result = parsed(HEADER + "A,OH,community,rural,=1+1,\nB,OH,community,rural,-,\n")
    assert [(r.program, r.connection) for r in result.rows] == [("B", "-")]
    assert "connection: starts with '\\='" in result.errors[0].message


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-", "'-"),
        ("@x", "'@x"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("  =1", "'  =1"),
        ("Mercy - IM", "Mercy - IM"),
        ("", ""),
    ],
)
def test_issue15_export_cell_neutralises_formula_starts(value: str, written: str) -> None:
    assert csv_cell(value) == written


def test_issue15_rows_csv_quotes_a_formula_like_cell() -> None:
    row = ProgramRow.model_construct(
        program='=HYPERLINK("http://evil")',
        state="OH",
        type="community",
        setting="urban",
        connection="-",
        signal=False,
    )
    lines = rows_csv([row]).decode().splitlines()
    assert lines[1] == '"\'=HYPERLINK(""http://evil"")",OH,community,urban,\'-,no'


def test_editor_rows_share_the_validation() -> None:
    rows, errors = validate_program_rows(
        [
            (1, {"program": "A", "state": "oh", "type": "community", "setting": "rural"}),
            (2, {"program": None, "state": None, "type": None, "setting": None, "signal": False}),
        ]
    )
    assert [r.state for r in rows] == ["OH"]
    assert errors[0].line == 2
    assert "program: is empty" in errors[0].message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_clear_outcome(content: bytes) -> None:
    result = parse_program_csv(content)
    assert result.problem is not None or result.rows or result.errors


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            st.one_of(
                st.sampled_from(["OH", "community", "rural", "yes", "", "university", "zz"]),
                st.text(max_size=12),
            ),
            max_size=8,
        ),
        max_size=20,
    )
)
def test_any_table_under_the_header_gives_a_clear_outcome(cells: list[list[str]]) -> None:
    """Every non-blank line is either a loaded row or a reported error, never lost."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerows(cells)
    result = parse_program_csv(out.getvalue().encode("utf-8"))
    lines = [row for row in cells if any(c.strip() for c in row)]
    if any("\x00" in c for row in cells for c in row):
        assert result.problem is not None
        assert "NUL" in result.problem
    elif not lines:
        assert result.problem is not None
        assert "no programs" in result.problem
    else:
        assert result.problem is None
        assert len(result.rows) + len(result.errors) == len(lines)
        assert all(e.line >= 2 for e in result.errors)
