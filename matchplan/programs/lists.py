"""R-53: the program list as CSV (import that never raises on bad input, template,
export) and the list's mix against the tier's target.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from matchplan.assessment import Reason
from matchplan.frozen import Frozen
from matchplan.programs.data import PROGRAM_TYPES, SETTINGS, ProgramData
from matchplan.programs.rows import (
    FORMULA_STARTS,
    ProgramRow,
    RowError,
    _short,
    formula_start,
    validate_program_rows,
)
from matchplan.reference import Level, Reference

TEMPLATE_COLUMNS = ("program", "state", "type", "setting", "connection", "signal")
REQUIRED_COLUMNS = ("program", "state", "type", "setting")
MAX_CSV_BYTES = 1_000_000
"""A list of 2000 programs is well under 200 KB; anything near 1 MB is not a program list."""
MAX_CSV_ROWS = 2000
"""More rows than there are residency programs in most specialties combined."""


class ListImport(Frozen):
    """What a CSV upload produced: good rows, each bad row's line and reason, or a file problem."""

    rows: tuple[ProgramRow, ...] = ()
    errors: tuple[RowError, ...] = ()
    problem: str | None = None
    notes: tuple[str, ...] = ()


def parse_program_csv(content: bytes) -> ListImport:
    """R-53: read a program list from CSV bytes; never raises on bad input.

    A file-level problem (too big, empty, not UTF-8, missing columns, unreadable)
    loads nothing and says why; otherwise good rows load and each bad row is
    reported with its line number (the header is line 1).
    """
    if len(content) > MAX_CSV_BYTES:
        return ListImport(
            problem=f"The file is {len(content) / 1_000_000:.1f} MB; a program list must be "
            f"under {MAX_CSV_BYTES // 1_000_000} MB. Nothing was loaded."
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ListImport(
            problem=f"The file is not UTF-8 text (unreadable byte at position {exc.start}). "
            "Save it as 'CSV UTF-8' and upload it again. Nothing was loaded."
        )
    if not text.strip():
        return ListImport(problem="The file is empty. Nothing was loaded.")
    if "\x00" in text:
        return ListImport(problem="The file contains NUL bytes; it is not a CSV file.")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
        columns = [c.strip().lower() for c in header]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            return ListImport(
                problem=f"Missing column(s): {', '.join(missing)}. The first line must name the "
                f"columns {', '.join(TEMPLATE_COLUMNS)} (download the template). "
                "Nothing was loaded."
            )
        repeated = sorted(c for c, n in Counter(columns).items() if n > 1 and c)
        if repeated:
            return ListImport(
                problem=f"Column(s) named twice: {', '.join(repeated)}. Nothing was loaded."
            )
        ignored = [c for c in columns if c and c not in TEMPLATE_COLUMNS]
        records: list[tuple[int, dict[str, object]]] = []
        errors: list[RowError] = []
        for fields in reader:
            line = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(records) + len(errors) >= MAX_CSV_ROWS:
                return ListImport(
                    problem=f"The file has more than {MAX_CSV_ROWS} programs; split it or keep "
                    "the programs you will really apply to. Nothing was loaded."
                )
            if len(fields) > len(columns):
                errors.append(
                    RowError(
                        line=line,
                        message=f"has {len(fields)} values but the header names {len(columns)} "
                        "columns (a comma inside a name needs quotes)",
                    )
                )
                continue
            records.append((line, dict(zip(columns, fields, strict=False))))
    except csv.Error as exc:
        return ListImport(
            problem=f"The file could not be read as CSV (line {reader.line_num}: {exc}). "
            "Nothing was loaded."
        )
    rows, row_errors = validate_program_rows(records)
    notes = (f"Ignored column(s): {', '.join(_short(c) for c in ignored)}.",) if ignored else ()
    if not rows and not errors and not row_errors:
        return ListImport(problem="The file has a header but no programs. Nothing was loaded.")
    all_errors = tuple(sorted((*errors, *row_errors), key=lambda e: e.line))
    return ListImport(rows=rows, errors=all_errors, notes=notes)


def template_csv() -> bytes:
    """The downloadable template: the columns and two example lines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerow(["Example Community Hospital IM", "OH", "community", "suburban", "", "yes"])
    writer.writerow(
        ["Example University Medical Center", "NM", "university", "urban", "observership", "no"]
    )
    return out.getvalue().encode("utf-8")


def csv_cell(value: str) -> str:
    """A cell as written to a downloaded CSV: a formula-like start gets a leading ``'``.

    OWASP's CSV-injection advice: a cell starting with = + - @ (or a tab or carriage
    return, or those after leading spaces) is prefixed with a single quote, which a
    spreadsheet shows as text and does not run. Validation already refuses such program
    and connection names; this guards every cell of every export regardless.
    """
    if value[:1] in FORMULA_STARTS or formula_start(value) is not None:
        return "'" + value
    return value


def rows_csv(rows: Iterable[ProgramRow]) -> bytes:
    """The list as CSV in the template's columns (for download), each cell via csv_cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TEMPLATE_COLUMNS)
    for row in rows:
        cells = [row.program, row.state, row.type, row.setting, row.connection, _yes(row.signal)]
        writer.writerow([csv_cell(c) for c in cells])
    return out.getvalue().encode("utf-8")


def _yes(value: bool) -> str:
    return "yes" if value else "no"


class ShareRow(Frozen):
    category: str
    count: int
    actual: float
    target: float

    @property
    def gap(self) -> float:
        return self.actual - self.target


class ListMix(Frozen):
    """R-53: a loaded list's composition against the tier's target (percentages)."""

    level: Level
    programs: int
    types: tuple[ShareRow, ...]
    settings: tuple[ShareRow, ...]
    states: tuple[str, ...]
    divisions: tuple[tuple[str, int], ...]
    outside_divisions: int
    signals_marked: int
    findings: tuple[Reason, ...]

    @property
    def divisions_used(self) -> int:
        return sum(1 for _, n in self.divisions if n)


def _shares(
    values: list[str], categories: Iterable[str], target: Mapping[Any, float]
) -> tuple[ShareRow, ...]:
    counts = Counter(values)
    total = len(values)
    return tuple(
        ShareRow(
            category=c,
            count=counts[c],
            actual=100 * counts[c] / total if total else 0.0,
            target=target[c],
        )
        for c in categories
    )


def list_mix(
    rows: Iterable[ProgramRow],
    level: Level,
    ref: Reference,
    data: ProgramData,
    *,
    signals_allowed: int | None = None,
    recommended_min: int | None = None,
) -> ListMix:
    """R-53 (with R-07's division threshold and R-55): the list's mix against the target."""
    items = list(rows)
    mix = data.target_mix.for_level(level)
    divisions = data.census_divisions
    types = _shares([r.type for r in items], PROGRAM_TYPES, mix.type)
    settings = _shares([r.setting for r in items], SETTINGS, mix.setting)
    by_division = Counter(divisions.division_of(r.state) for r in items)
    division_counts = tuple((d, by_division[d]) for d in divisions.divisions)
    findings: list[Reason] = []
    tolerance = data.target_mix.tolerance_points
    if items:
        minimums = set(data.target_mix.minimum_categories)
        for row in (*types, *settings):
            # R-53 (revised): targets are minimums; only a shortfall is a finding.
            if row.category in minimums and row.gap < -tolerance:
                findings.append(
                    Reason(
                        rule="R-53",
                        field="program_list",
                        level="moderate",
                        text=f"{row.category.capitalize()}: {row.actual:.0f}% of the list, "
                        f"short of the {row.target:.0f}% minimum for a {level} tier "
                        "(assumption).",
                        sources=(data.target_mix.source,),
                    )
                )
        used = sum(1 for _, n in division_counts if n)
        needed = int(ref.thresholds.min_census_divisions.value)
        if level != "low" and used < needed:
            findings.append(
                Reason(
                    rule="R-53",
                    field="program_list",
                    level="moderate",
                    text=f"The list covers {used} census division(s); a {level}-risk "
                    f"applicant spreads over at least {needed}.",
                    sources=(ref.thresholds.min_census_divisions.source,),
                )
            )
    marked = sum(1 for r in items if r.signal)
    if signals_allowed is not None and marked > signals_allowed:
        findings.append(
            Reason(
                rule="R-55",
                field="program_list",
                level="moderate",
                text=f"{marked} programs are marked for a signal; the specialty gives "
                f"{signals_allowed}.",
            )
        )
    if recommended_min is not None and items and len(items) < recommended_min:
        findings.append(
            Reason(
                rule="R-50",
                field="program_list",
                level="moderate",
                text=f"The list has {len(items)} programs; the plan calls for at least "
                f"{recommended_min}.",
                sources=("article",),
            )
        )
    return ListMix(
        level=level,
        programs=len(items),
        types=types,
        settings=settings,
        states=tuple(sorted({r.state for r in items})),
        divisions=division_counts,
        outside_divisions=by_division[None],
        signals_marked=marked,
        findings=tuple(findings),
    )
