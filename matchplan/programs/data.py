"""Program-strategy and fee reference data: the models, and ``program_data()`` loading
``matchplan/data/program_strategy.json`` and ``fees.json`` once, cross-checked against
``load_reference()`` (every source id and specialty id must exist), failing loudly naming the file.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Literal, Self

from pydantic import Field, ValidationError, field_validator, model_validator

from matchplan.datafiles import read_data
from matchplan.frozen import Frozen
from matchplan.reference import Level, ReferenceDataError, SpecialtyGroup, load_reference

ProgramType = Literal["community", "university-affiliated", "university"]
Setting = Literal["urban", "suburban", "rural"]
Role = Literal["target", "second"]
DualGroup = Literal["competitive", "ultra"]

PROGRAM_TYPES: tuple[ProgramType, ...] = ("community", "university-affiliated", "university")
GROUP_LABELS: dict[SpecialtyGroup, str] = {
    "primary_care": "primary care or less competitive",
    "moderate": "moderately competitive",
    "competitive": "competitive",
    "ultra": "ultra-competitive",
}
SETTINGS: tuple[Setting, ...] = ("urban", "suburban", "rural")


# --- reference data ------------------------------------------------------------------------


class TierUpper(Frozen):
    """Upper end of R-50's range per tier (assumption); the tier count is the lower end."""

    low: int = Field(gt=0)
    moderate: int = Field(gt=0)
    high: int = Field(gt=0)
    source: str
    note: str

    def for_level(self, level: Level) -> int:
        return {"low": self.low, "moderate": self.moderate, "high": self.high}[level]


class SourcedNumber(Frozen):
    value: float
    unit: str
    rule: str
    source: str
    note: str


class DualApplicationData(Frozen):
    target_share: dict[DualGroup, float]
    source: str
    note: str

    @field_validator("target_share")
    @classmethod
    def _shares_are_fractions(cls, value: dict[DualGroup, float]) -> dict[DualGroup, float]:
        if any(not 0 < share <= 1 for share in value.values()):
            raise ValueError("each target share must be above 0 and at most 1")
        return value


class LessCompetitive(Frozen):
    ids: tuple[str, ...]
    rule: str
    source: str
    note: str


class InterviewTargets(Frozen):
    primary_care: int = Field(gt=0, le=40)
    moderate: int = Field(gt=0, le=40)
    competitive: int = Field(gt=0, le=40)
    ultra: int = Field(gt=0, le=40)
    source: str
    note: str

    def for_group(self, group: SpecialtyGroup) -> int:
        value: int = getattr(self, group)
        return value


class Mix(Frozen):
    """Percent of the list by program type and by setting; each side sums to 100."""

    type: dict[ProgramType, float]
    setting: dict[Setting, float]

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if set(self.type) != set(PROGRAM_TYPES) or set(self.setting) != set(SETTINGS):
            raise ValueError("a mix names every program type and every setting")
        for name, shares in (("type", self.type), ("setting", self.setting)):
            if abs(sum(shares.values()) - 100) > 0.01:
                raise ValueError(f"{name} shares must sum to 100")
        return self


class TargetMix(Frozen):
    low: Mix
    moderate: Mix
    high: Mix
    tolerance_points: float = Field(gt=0, le=100)
    minimum_categories: tuple[str, ...]
    source: str
    note: str

    def for_level(self, level: Level) -> Mix:
        return {"low": self.low, "moderate": self.moderate, "high": self.high}[level]


class CensusDivisions(Frozen):
    """State and DC postal codes by census division; territories belong to none."""

    divisions: dict[str, tuple[str, ...]]
    territories: tuple[str, ...]
    source: str
    note: str

    @model_validator(mode="after")
    def _each_state_once(self) -> Self:
        codes = [c for states in self.divisions.values() for c in states] + list(self.territories)
        repeated = sorted(c for c, n in Counter(codes).items() if n > 1)
        if repeated:
            raise ValueError(f"state codes listed twice: {', '.join(repeated)}")
        return self

    def division_of(self, state: str) -> str | None:
        for division, states in self.divisions.items():
            if state in states:
                return division
        return None

    def known(self, state: str) -> bool:
        return self.division_of(state) is not None or state in self.territories


class OtherMatch(Frozen):
    name: str
    match: str
    source: str


class FeeBand(Frozen):
    first: int = Field(ge=1)
    last: int | None
    per_program: int = Field(ge=0)


class TranscriptFee(Frozen):
    value: int = Field(ge=0)
    source: str
    note: str


class WorkedExample(Frozen):
    programs: dict[str, int]
    program_fees: int


class FeeSchedule(Frozen):
    """ERAS fees per specialty in bands (facts §1.8); bands run from 1 with no gap."""

    season: int
    bands: tuple[FeeBand, ...] = Field(min_length=1)
    source: str
    note: str
    later_seasons_note: str
    transcript_fee: TranscriptFee
    worked_examples: tuple[WorkedExample, ...]

    @model_validator(mode="after")
    def _contiguous(self) -> Self:
        expected = 1
        for band in self.bands[:-1]:
            if band.first != expected or band.last is None or band.last < band.first:
                raise ValueError("fee bands must run from 1 upwards without gaps")
            expected = band.last + 1
        if self.bands[-1].first != expected or self.bands[-1].last is not None:
            raise ValueError("the last fee band must start after the one before and be open-ended")
        return self


class ProgramData(Frozen):
    """Everything in program_strategy.json and fees.json."""

    tier_upper: TierUpper
    broaden_over_last_cycle: SourcedNumber
    dual_application: DualApplicationData
    less_competitive: LessCompetitive
    interview_targets: InterviewTargets
    target_mix: TargetMix
    census_divisions: CensusDivisions
    outside_main_match: tuple[OtherMatch, ...]
    fees: FeeSchedule

    def source_ids(self) -> list[str]:
        return [
            self.tier_upper.source,
            self.broaden_over_last_cycle.source,
            self.dual_application.source,
            self.less_competitive.source,
            self.interview_targets.source,
            self.target_mix.source,
            self.census_divisions.source,
            *(m.source for m in self.outside_main_match),
            self.fees.source,
            self.fees.transcript_fee.source,
        ]

    def specialty_ids(self) -> list[str]:
        return [
            *self.less_competitive.ids,
            *(sid for ex in self.fees.worked_examples for sid in ex.programs),
        ]


@cache
def program_data() -> ProgramData:
    """Load, validate and cross-check the program-strategy and fee data once per process."""
    strategy = read_data("program_strategy.json")
    fees = read_data("fees.json")
    try:
        data = ProgramData.model_validate({**strategy, "fees": fees.get("eras")})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        name = (
            "fees.json" if first["loc"] and first["loc"][0] == "fees" else "program_strategy.json"
        )
        raise ReferenceDataError(
            f"matchplan/data/{name}: invalid at {where or 'top level'}: {first['msg']}"
        ) from exc
    ref = load_reference()
    missing = sorted({s for s in data.source_ids() if s not in ref.sources})
    unknown = sorted({s for s in data.specialty_ids() if s not in ref.specialty_ids()})
    if missing or unknown:
        raise ReferenceDataError(
            "matchplan/data/program_strategy.json, fees.json: "
            f"unknown source ids: {', '.join(missing) or '-'}; "
            f"unknown specialty ids: {', '.join(unknown) or '-'}"
        )
    return data
