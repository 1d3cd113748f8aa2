"""R-53: one program of the applicant's list (``ProgramRow``), validated row by row.

Every text cell a spreadsheet would run as a formula is refused (issue 15, item 4).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import Field, ValidationError, field_validator

from matchplan.frozen import Frozen, FrozenInput
from matchplan.programs.data import ProgramType, Setting, program_data
from matchplan.textsafe import markdown_safe

MAX_TEXT = 200
TRUE_WORDS = frozenset({"yes", "y", "true", "1", "x", "signal", "signalled", "signaled"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", ""})


# --- the program list -------------------------------------------------------------------


def _short(value: object) -> str:
    """A cell or column name repeated in a message: inert in markdown, at most 60 long."""
    return markdown_safe(str(value), limit=60)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, CSV injection)."""


def formula_start(value: str) -> str | None:
    """The formula character a cell starts with, past leading spaces and control characters.

    Spreadsheets skip those before deciding, so ``"\t=1+1"`` runs as ``=1+1``.
    """
    for char in value:
        if char in "=+-@":
            return char
        if not (char.isspace() or ord(char) < 32):
            return None
    return None


def _not_a_formula(value: object) -> object:
    """Refuse a text cell a spreadsheet would run as a formula (issue 15, item 4).

    A program list is data, never a formula, and stripping the leading whitespace
    (as every text cell is) would silently turn ``"\t=1+1"`` into ``"=1+1"``; so
    the row is refused with a reason instead of stored, whether it came from a CSV,
    the table editor or a plan file. A lone ``-`` (a common "none") is kept.
    """
    if isinstance(value, str) and value.strip() != "-":
        char = formula_start(value)
        if char is not None:
            raise ValueError(
                f"starts with '{markdown_safe(char)}', which a spreadsheet would run as a "
                "formula; start it with a letter or a digit"
            )
    return value


def _known_state(value: str) -> str:
    if not program_data().census_divisions.known(value):
        raise ValueError(f"unknown state code '{_short(value)}' (use the two-letter postal code)")
    return value


class ProgramRow(FrozenInput):
    """One program in the applicant's list, as typed or as read from a CSV line."""

    program: str = Field(min_length=1, max_length=MAX_TEXT, title="Program")
    state: str = Field(title="State")
    type: ProgramType = Field(title="Type")
    setting: Setting = Field(title="Setting")
    connection: str = Field(default="", max_length=MAX_TEXT, title="Connection")
    signal: bool = Field(default=False, title="Signal")

    @field_validator("state", mode="before")
    @classmethod
    def _state(cls, value: object) -> object:
        return _known_state(value.strip().upper()) if isinstance(value, str) else value

    @field_validator("type", "setting", mode="before")
    @classmethod
    def _word(cls, value: object) -> object:
        if isinstance(value, str):
            return "-".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
        return value

    @field_validator("connection", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return "" if value is None else _not_a_formula(value)

    @field_validator("program", mode="before")
    @classmethod
    def _program_text(cls, value: object) -> object:
        return _not_a_formula(value)

    @field_validator("signal", mode="before")
    @classmethod
    def _yes_no(cls, value: object) -> object:
        if value is None:
            return False
        if isinstance(value, str):
            word = value.strip().lower()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
            raise ValueError(f"'{_short(value)}' is not yes or no")
        return value


class RowError(Frozen):
    line: int
    message: str


_COLUMN_TITLES = {name: str(f.title) for name, f in ProgramRow.model_fields.items()}


def _row_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        column = str(err["loc"][0]) if err["loc"] else ""
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "missing" or err.get("input") in (None, ""):
            message = "is empty"
        elif err["type"] == "literal_error":
            expected = (err.get("ctx") or {}).get("expected", "")
            message = f"'{_short(err['input'])}' is not one of {expected}"
        parts.append(f"{column}: {message}" if column else message)
    return "; ".join(parts)


def validate_program_rows(
    records: Iterable[tuple[int, Mapping[str, object]]],
) -> tuple[tuple[ProgramRow, ...], tuple[RowError, ...]]:
    """Validate (line, record) pairs: good rows load, each bad one is named by its line.

    Shared by the CSV import and the hand-built list. A program named twice in the
    same state is reported at its second line.
    """
    rows: list[ProgramRow] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}
    for line, record in records:
        values = {k: v for k, v in record.items() if k in _COLUMN_TITLES}
        try:
            row = ProgramRow.model_validate(values)
        except ValidationError as exc:
            errors.append(RowError(line=line, message=_row_message(exc)))
            continue
        key = (row.program.casefold(), row.state)
        if key in seen:
            errors.append(
                RowError(line=line, message=f"program: same program and state as line {seen[key]}")
            )
            continue
        seen[key] = line
        rows.append(row)
    return tuple(rows), tuple(errors)
