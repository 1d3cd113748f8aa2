"""How many programs, of which kind, at what cost: docs/RULES.md R-50 to R-55.

Program counts by tier and specialty (R-50, R-51), the dual application
split (R-52), the target mix of the list and the actual mix of a loaded list
(R-53), ERAS fees (R-54), signals (R-55), and the interviews the count is
really for. Pure: reference data in, results out; the CSV importer takes
bytes and never raises on bad input.

Reference data: ``matchplan/data/program_strategy.json`` and ``fees.json``,
loaded once by ``program_data()`` and cross-checked against ``load_reference()``
(every source id and specialty id must exist), failing loudly naming the file.

The package splits the domain by concern: ``data`` (reference data), ``counts``
(R-50..R-52), ``fees`` (R-54), ``signals`` (R-55), ``interviews``, ``rows`` and
``lists`` (R-53). Every public name is re-exported here.
"""

from __future__ import annotations

from matchplan.programs.counts import (
    CountRange,
    ProgramPlan,
    SpecialtyCount,
    count_reason,
    dual_advised,
    program_plan,
    r51_range,
    specialty_count,
)
from matchplan.programs.data import (
    GROUP_LABELS,
    PROGRAM_TYPES,
    SETTINGS,
    CensusDivisions,
    DualApplicationData,
    DualGroup,
    FeeBand,
    FeeSchedule,
    InterviewTargets,
    LessCompetitive,
    Mix,
    OtherMatch,
    ProgramData,
    ProgramType,
    Role,
    Setting,
    SourcedNumber,
    TargetMix,
    TierUpper,
    TranscriptFee,
    WorkedExample,
    program_data,
)
from matchplan.programs.fees import (
    FeeBreakdown,
    FeeLine,
    eras_fees,
    specialty_fee,
)
from matchplan.programs.interviews import (
    applications_for_interviews,
    interview_target,
    last_cycle_yield,
)
from matchplan.programs.lists import (
    MAX_CSV_BYTES,
    MAX_CSV_ROWS,
    REQUIRED_COLUMNS,
    TEMPLATE_COLUMNS,
    ListImport,
    ListMix,
    ShareRow,
    csv_cell,
    list_mix,
    parse_program_csv,
    rows_csv,
    template_csv,
)
from matchplan.programs.rows import (
    FALSE_WORDS,
    FORMULA_STARTS,
    MAX_TEXT,
    TRUE_WORDS,
    ProgramRow,
    RowError,
    formula_start,
    validate_program_rows,
)
from matchplan.programs.signals import (
    SignalAdvice,
    signal_advice,
)

__all__ = [
    "FALSE_WORDS",
    "FORMULA_STARTS",
    "GROUP_LABELS",
    "MAX_CSV_BYTES",
    "MAX_CSV_ROWS",
    "MAX_TEXT",
    "PROGRAM_TYPES",
    "REQUIRED_COLUMNS",
    "SETTINGS",
    "TEMPLATE_COLUMNS",
    "TRUE_WORDS",
    "CensusDivisions",
    "CountRange",
    "DualApplicationData",
    "DualGroup",
    "FeeBand",
    "FeeBreakdown",
    "FeeLine",
    "FeeSchedule",
    "InterviewTargets",
    "LessCompetitive",
    "ListImport",
    "ListMix",
    "Mix",
    "OtherMatch",
    "ProgramData",
    "ProgramPlan",
    "ProgramRow",
    "ProgramType",
    "Role",
    "RowError",
    "Setting",
    "ShareRow",
    "SignalAdvice",
    "SourcedNumber",
    "SpecialtyCount",
    "TargetMix",
    "TierUpper",
    "TranscriptFee",
    "WorkedExample",
    "applications_for_interviews",
    "count_reason",
    "csv_cell",
    "dual_advised",
    "eras_fees",
    "formula_start",
    "interview_target",
    "last_cycle_yield",
    "list_mix",
    "parse_program_csv",
    "program_data",
    "program_plan",
    "r51_range",
    "rows_csv",
    "signal_advice",
    "specialty_count",
    "specialty_fee",
    "template_csv",
    "validate_program_rows",
]
