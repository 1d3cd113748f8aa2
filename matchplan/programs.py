"""How many programs, of which kind, at what cost: docs/RULES.md R-50 to R-55.

Program counts by tier and specialty (R-50, R-51), the dual application
split (R-52), the target mix of the list and the actual mix of a loaded list
(R-53), ERAS fees (R-54), signals (R-55), and the interviews the count is
really for. Pure: reference data in, results out; the CSV importer takes
bytes and never raises on bad input.

Reference data: ``matchplan/data/program_strategy.json`` and ``fees.json``,
loaded once by ``program_data()`` and cross-checked against ``load_reference()``
(every source id and specialty id must exist), failing loudly naming the file.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from matchplan.assessment import Reason, recommended_program_floor
from matchplan.profile import ApplicantProfile
from matchplan.reference import (
    Level,
    ProgramRange,
    Reference,
    ReferenceDataError,
    Specialty,
    SpecialtyGroup,
    load_reference,
)
from matchplan.textsafe import markdown_safe

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
TEMPLATE_COLUMNS = ("program", "state", "type", "setting", "connection", "signal")
REQUIRED_COLUMNS = ("program", "state", "type", "setting")
MAX_CSV_BYTES = 1_000_000
"""A list of 2000 programs is well under 200 KB; anything near 1 MB is not a program list."""
MAX_CSV_ROWS = 2000
"""More rows than there are residency programs in most specialties combined."""
MAX_TEXT = 200
TRUE_WORDS = frozenset({"yes", "y", "true", "1", "x", "signal", "signalled", "signaled"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", ""})


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- reference data ------------------------------------------------------------------------


class TierUpper(_Model):
    """Upper end of R-50's range per tier (assumption); the tier count is the lower end."""

    low: int = Field(gt=0)
    moderate: int = Field(gt=0)
    high: int = Field(gt=0)
    source: str
    note: str

    def for_level(self, level: Level) -> int:
        return {"low": self.low, "moderate": self.moderate, "high": self.high}[level]


class SourcedNumber(_Model):
    value: float
    unit: str
    rule: str
    source: str
    note: str


class DualApplicationData(_Model):
    target_share: dict[DualGroup, float]
    source: str
    note: str

    @field_validator("target_share")
    @classmethod
    def _shares_are_fractions(cls, value: dict[DualGroup, float]) -> dict[DualGroup, float]:
        if any(not 0 < share <= 1 for share in value.values()):
            raise ValueError("each target share must be above 0 and at most 1")
        return value


class LessCompetitive(_Model):
    ids: tuple[str, ...]
    rule: str
    source: str
    note: str


class InterviewTargets(_Model):
    primary_care: int = Field(gt=0, le=40)
    moderate: int = Field(gt=0, le=40)
    competitive: int = Field(gt=0, le=40)
    ultra: int = Field(gt=0, le=40)
    source: str
    note: str

    def for_group(self, group: SpecialtyGroup) -> int:
        value: int = getattr(self, group)
        return value


class Mix(_Model):
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


class TargetMix(_Model):
    low: Mix
    moderate: Mix
    high: Mix
    tolerance_points: float = Field(gt=0, le=100)
    minimum_categories: tuple[str, ...]
    source: str
    note: str

    def for_level(self, level: Level) -> Mix:
        return {"low": self.low, "moderate": self.moderate, "high": self.high}[level]


class CensusDivisions(_Model):
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


class OtherMatch(_Model):
    name: str
    match: str
    source: str


class FeeBand(_Model):
    first: int = Field(ge=1)
    last: int | None
    per_program: int = Field(ge=0)


class TranscriptFee(_Model):
    value: int = Field(ge=0)
    source: str
    note: str


class WorkedExample(_Model):
    programs: dict[str, int]
    program_fees: int


class FeeSchedule(_Model):
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


class ProgramData(_Model):
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


def _read_json(name: str) -> dict[str, Any]:
    try:
        text = resources.files("matchplan.data").joinpath(name).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, json.JSONDecodeError) as exc:
        raise ReferenceDataError(f"matchplan/data/{name}: {exc!r}") from exc
    if not isinstance(data, dict):
        raise ReferenceDataError(f"matchplan/data/{name}: top level must be an object")
    data.pop("_comment", None)
    return data


@cache
def program_data() -> ProgramData:
    """Load, validate and cross-check the program-strategy and fee data once per process."""
    strategy = _read_json("program_strategy.json")
    fees = _read_json("fees.json")
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


# --- how many programs -------------------------------------------------


class CountRange(_Model):
    """A program count: the least to apply to, the recommendation, and the useful upper end."""

    min: int = Field(ge=0)
    recommended: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.min <= self.recommended <= self.max:
            raise ValueError("a count range needs min <= recommended <= max")
        return self

    def __add__(self, other: CountRange) -> CountRange:
        return CountRange(
            min=self.min + other.min,
            recommended=self.recommended + other.recommended,
            max=self.max + other.max,
        )


class SpecialtyCount(_Model):
    specialty_id: str
    name: str
    role: Role
    count: CountRange


class ProgramPlan(_Model):
    """The recommended applications: per specialty (target first), the total, and why."""

    level: Level
    last_cycle: int
    parts: tuple[SpecialtyCount, ...] = Field(min_length=1, max_length=2)
    reasons: tuple[Reason, ...]

    @property
    def total(self) -> CountRange:
        total = self.parts[0].count
        for part in self.parts[1:]:
            total = total + part.count
        return total

    @property
    def target(self) -> SpecialtyCount:
        return self.parts[0]

    @property
    def dual(self) -> bool:
        return len(self.parts) == 2

    def counts(self) -> dict[str, int]:
        """Recommended programs per specialty id, for the fee calculation."""
        return {p.specialty_id: p.count.recommended for p in self.parts}

    @property
    def by_specialty(self) -> dict[str, CountRange]:
        """R-52 (revised): the count per specialty id, target first; they sum to ``total``."""
        return {p.specialty_id: p.count for p in self.parts}

    def headline(self) -> str:
        """R-52 (revised): the count sentence, always the split and its total (illustrative)."""
        total = self.total
        if not self.dual:
            return (
                f"Apply to at least {total.min} {self.target.name} programs "
                f"({total.recommended} recommended; illustrative)."
            )
        split = " + ".join(f"{p.count.recommended} {p.name}" for p in self.parts)
        return (
            f"Apply to {split} = {total.recommended} programs in all (at least {total.min}; "
            "illustrative)."
        )


def r51_range(
    level: Level, specialty_id: str, ref: Reference, *, img: bool = False
) -> ProgramRange | None:
    """R-51 (revised): the specialty's own range, for every IMG and for a high tier."""
    if level != "high" and not img:
        return None
    return ref.program_counts.high_risk_ranges.get(specialty_id)


def specialty_count(
    level: Level,
    specialty_id: str,
    ref: Reference,
    data: ProgramData,
    *,
    img: bool = False,
    visa: bool = False,
) -> CountRange:
    """R-50/R-51 (revised): the count for one specialty applied to alone.

    R-51's range (IM, FM, Peds, Psych; every IMG whatever the tier, and a high
    tier) takes precedence: its low end is the least (never below R-50's tier
    count), its midpoint the recommendation, its high end the upper end; a visa
    need keeps the least at the midpoint. Elsewhere R-50's illustrative tier count
    is the least and the recommendation, and the upper end is an assumption.
    """
    floor = recommended_program_floor(level, specialty_id, ref, img=img)
    span = r51_range(level, specialty_id, ref, img=img)
    if span is not None:
        middle = (span.low + span.high) // 2
        least = max(floor, middle) if visa else floor
        recommended = max(middle, least)
        return CountRange(min=least, recommended=recommended, max=max(span.high, recommended))
    return CountRange(
        min=floor, recommended=floor, max=max(floor, data.tier_upper.for_level(level))
    )


def dual_advised(
    level: Level, spec: Specialty, ref: Reference | None = None, *, failed: bool = False
) -> bool:
    """R-52, R-21 (revised): when a second specialty is applied to in parallel.

    A competitive or ultra target at a moderate or high tier; and, after a failure
    (with ``ref`` given), any target outside R-21's stay-realistic group.
    """
    if spec.group in ("competitive", "ultra") and level != "low":
        return True
    return failed and ref is not None and spec.id not in ref.stay_realistic_ids()


def _scaled(count: CountRange, share: float) -> CountRange:
    def part(n: int) -> int:
        return max(1, round(n * share))

    return CountRange(min=part(count.min), recommended=part(count.recommended), max=part(count.max))


def count_reason(
    level: Level,
    spec: Specialty,
    count: CountRange,
    ref: Reference,
    data: ProgramData,
    *,
    img: bool = False,
    visa: bool = False,
) -> Reason:
    """Why one specialty's count is what it is: R-51's range where it applies, else R-50."""
    span = r51_range(level, spec.id, ref, img=img)
    if span is not None:
        who = "IMGs" if img else "High-risk applicants"
        visa_words = (
            f" With a visa need, never fewer than the middle ({count.min}); confirm J-1 or "
            "H-1B sponsorship program by program."
            if visa
            else ""
        )
        return Reason(
            rule="R-51",
            field="applicant_type" if img else "overall",
            level=level,
            text=f"{who} in {spec.name} apply to {span.low}-{span.high}+ programs "
            f"(illustrative); MatchPlan recommends the middle, {count.recommended}." + visa_words,
            sources=(span.source,),
        )
    return Reason(
        rule="R-50",
        field="overall",
        level=level,
        text=f"A {level}-risk applicant applies to at least {count.min} {spec.name} programs "
        f"(illustrative); up to {count.max} is the useful upper end (assumption).",
        sources=("article", data.tier_upper.source),
    )


def program_plan(
    level: Level,
    target_id: str,
    last_cycle_programs: int,
    ref: Reference,
    data: ProgramData,
    second_id: str | None = None,
    *,
    img: bool = False,
    visa: bool = False,
    failed: bool = False,
) -> ProgramPlan:
    """R-50..R-52: counts for the target (and a dual application's second specialty).

    The second specialty is used only when R-52 advises a dual application. For a
    moderate or high tier the total is always more than last cycle (R-51): the
    shortfall goes to the part that carries the match (the second specialty in a
    dual application, else the target).
    """
    target = ref.specialty(target_id)
    single = specialty_count(level, target_id, ref, data, img=img, visa=visa)
    parts = [SpecialtyCount(specialty_id=target_id, name=target.name, role="target", count=single)]
    second = ref.specialty(second_id) if second_id and second_id != target_id else None
    # One predicate decides a dual application everywhere (R-52 with revised R-21).
    dual = dual_advised(level, target, ref, failed=failed)
    if second is None or not dual:
        reasons = [count_reason(level, target, single, ref, data, img=img, visa=visa)]
    else:
        group: DualGroup = "ultra" if target.group == "ultra" else "competitive"
        share = data.dual_application.target_share[group]
        second_count = specialty_count(level, second.id, ref, data, img=img, visa=visa)
        parts = [
            SpecialtyCount(
                specialty_id=target_id,
                name=target.name,
                role="target",
                count=_scaled(single, share),
            ),
            SpecialtyCount(
                specialty_id=second.id, name=second.name, role="second", count=second_count
            ),
        ]
        reasons = [
            Reason(
                rule="R-52",
                field="target_specialty",
                level=level,
                text=f"{target.name} is {GROUP_LABELS[target.group]}: apply to {second.name} "
                f"in parallel with its full count, and to {target.name} at {share:.0%} of the "
                f"{single.recommended} a {level}-risk applicant would send it alone "
                "(assumption).",
                sources=("article", data.dual_application.source),
            ),
            count_reason(level, second, second_count, ref, data, img=img, visa=visa),
        ]
    margin = int(data.broaden_over_last_cycle.value)
    wanted = last_cycle_programs + margin
    short_recommended = max(0, wanted - sum(p.count.recommended for p in parts))
    short_least = max(0, last_cycle_programs + 1 - sum(p.count.min for p in parts))
    if level != "low" and last_cycle_programs > 0 and (short_recommended or short_least):
        carrier = parts[-1]
        old = carrier.count
        least = old.min + short_least
        recommended = max(old.recommended + short_recommended, least)
        parts[-1] = carrier.model_copy(
            update={
                "count": CountRange(
                    min=least, recommended=recommended, max=max(old.max, recommended)
                )
            }
        )
        reasons.append(
            Reason(
                rule="R-51",
                field="last_cycle.programs_applied",
                level=level,
                text=f"Always broader than last cycle's {last_cycle_programs} programs: "
                f"never fewer than {last_cycle_programs + 1}, and {margin} more recommended "
                "(assumption).",
                sources=(data.broaden_over_last_cycle.source,),
            )
        )
    return ProgramPlan(
        level=level, last_cycle=last_cycle_programs, parts=tuple(parts), reasons=tuple(reasons)
    )


# --- ERAS fees ------------------------------------------------------------------------


def specialty_fee(programs: int, schedule: FeeSchedule) -> int:
    """R-54: ERAS program fees for one specialty; the band count restarts per specialty."""
    fee = 0
    for band in schedule.bands:
        last = programs if band.last is None else min(programs, band.last)
        if last >= band.first:
            fee += (last - band.first + 1) * band.per_program
    return fee


class FeeLine(_Model):
    specialty_id: str
    name: str
    programs: int
    fee: int
    via_eras: bool


class FeeBreakdown(_Model):
    """ERAS fees for one set of counts: per specialty, programs only, and with the transcript."""

    lines: tuple[FeeLine, ...]
    program_fees: int
    transcript_fee: int
    notes: tuple[str, ...]

    @property
    def total(self) -> int:
        return self.program_fees + self.transcript_fee


def eras_fees(
    counts: Mapping[str, int], ref: Reference, data: ProgramData, *, transcript: bool = True
) -> FeeBreakdown:
    """R-54: program fees per specialty plus the transcript fee once per season.

    Specialties applied to outside ERAS ('other' route, e.g. OB/GYN) cost nothing
    here and say so; 'mixed' ones are counted with a caveat.
    """
    schedule = data.fees
    lines: list[FeeLine] = []
    notes: list[str] = []
    for specialty_id, programs in counts.items():
        spec = ref.specialty(specialty_id)
        via_eras = spec.route.application != "other"
        fee = specialty_fee(programs, schedule) if via_eras else 0
        lines.append(
            FeeLine(
                specialty_id=specialty_id,
                name=spec.name,
                programs=programs,
                fee=fee,
                via_eras=via_eras,
            )
        )
        if not via_eras:
            notes.append(
                f"{spec.name}: applications go through another service, so ERAS fees do "
                "not apply (that service's fees are not in MatchPlan's data)."
            )
        elif spec.route.application == "mixed":
            notes.append(f"{spec.name}: {spec.route.note}")
    any_eras = any(line.via_eras and line.programs for line in lines)
    return FeeBreakdown(
        lines=tuple(lines),
        program_fees=sum(line.fee for line in lines),
        transcript_fee=schedule.transcript_fee.value if transcript and any_eras else 0,
        notes=tuple(notes),
    )


# --- signals ---------------------------------------------------------------------------


class SignalAdvice(_Model):
    specialty_id: str
    name: str
    label: str
    total: int
    gold: int
    season: int
    assumed_for_later_season: bool
    advice: tuple[str, ...]
    sources: tuple[str, ...]


def signal_advice(spec: Specialty, target_match_year: int, level: Level) -> SignalAdvice:
    """R-55: how many signals the specialty gives, for which season, and how to spend them."""
    signals = spec.signals
    advice: list[str] = []
    if signals.total == 0:
        advice.append(
            f"{spec.name} is not in the ERAS signal table for the {signals.season} season, "
            "so there are no ERAS signals to plan."
        )
    else:
        advice.append(
            "Spend every signal on a program where you are realistic: one that interviews "
            "applicants with your history, or where you have a real connection."
        )
        if signals.silver:
            advice.append(
                "Gold signals carry the most weight: give them to the realistic programs "
                "you want most, not to reach programs."
            )
        if level != "low":
            advice.append(
                f"At a {level} tier a signal to a program that screens out failed attempts "
                "is wasted; favour community and university-affiliated programs."
            )
        advice.append("Signals go out with the application and cannot be moved afterwards.")
    if signals.note:
        advice.append(signals.note)
    return SignalAdvice(
        specialty_id=spec.id,
        name=spec.name,
        label=signals.label(),
        total=signals.total,
        gold=signals.gold,
        season=signals.season,
        assumed_for_later_season=target_match_year > signals.season,
        advice=tuple(advice),
        sources=(signals.source, "aamc-signaling-faq"),
    )


# --- interviews, not only applications -------------------------------------------------------


def last_cycle_yield(profile: ApplicantProfile) -> float | None:
    """Interview offers per application last cycle; None when nothing was applied to."""
    cycle = profile.last_cycle
    if cycle.programs_applied == 0:
        return None
    return cycle.interview_offers / cycle.programs_applied


def interview_target(spec: Specialty, data: ProgramData) -> int:
    """Interviews to aim for to match safely in the specialty (assumption, by group)."""
    return data.interview_targets.for_group(spec.group)


def applications_for_interviews(target_interviews: int, yield_rate: float) -> int | None:
    """Applications the interview target takes at a yield; None when the yield is zero."""
    if yield_rate <= 0:
        return None
    return math.ceil(round(max(0, target_interviews) / yield_rate, 6))


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


class ProgramRow(_Model):
    """One program in the applicant's list, as typed or as read from a CSV line."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

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


class RowError(_Model):
    line: int
    message: str


class ListImport(_Model):
    """What a CSV upload produced: good rows, each bad row's line and reason, or a file problem."""

    rows: tuple[ProgramRow, ...] = ()
    errors: tuple[RowError, ...] = ()
    problem: str | None = None
    notes: tuple[str, ...] = ()


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


class ShareRow(_Model):
    category: str
    count: int
    actual: float
    target: float

    @property
    def gap(self) -> float:
        return self.actual - self.target


class ListMix(_Model):
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
