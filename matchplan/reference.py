"""Reference data: loaded from ``matchplan/data/*.json`` once and validated.

Every outside number the app shows comes from here with a source id; a data
file that is malformed fails loudly at import time naming the file and field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from matchplan.datafiles import ReferenceDataError as ReferenceDataError
from matchplan.datafiles import read_data
from matchplan.frozen import Frozen

Confidence = Literal["official", "secondary", "weak", "inferred", "assumption"]
SpecialtyGroup = Literal["primary_care", "moderate", "competitive", "ultra"]
Level = Literal["low", "moderate", "high"]
StepId = Literal["step1", "step2ck", "step3"]


class Source(Frozen):
    """Where an outside number comes from, as shown to the user."""

    title: str
    url: str
    year: int | None  # None: the source states no year
    confidence: Confidence

    def label(self) -> str:
        """Short citation: title, year and confidence, e.g. for a caption."""
        year = "year not stated" if self.year is None else str(self.year)
        return f"{self.title} ({year}, {self.confidence})"


class Threshold(Frozen):
    value: float
    unit: str
    rule: str
    source: str
    note: str


class Thresholds(Frozen):
    """Named rule thresholds; a missing or misspelt one fails at load time."""

    step2ck_low_pass_margin: Threshold
    attempt_limit: Threshold
    years_since_graduation_caution: Threshold
    years_since_graduation_high: Threshold
    clinical_recency_months: Threshold
    clinical_gap_high_months: Threshold
    strong_recent_letters_min: Threshold
    letter_recency_months: Threshold
    unsuccessful_cycles_moderate: Threshold
    unsuccessful_cycles_high: Threshold
    failed_attempts_bandwidth_moderate: Threshold
    failed_attempts_bandwidth_high: Threshold
    min_census_divisions: Threshold
    min_interview_yield: Threshold
    other_careers_clinical_gap_months: Threshold
    other_careers_unsuccessful_cycles: Threshold
    licensing_window_years: Threshold
    hold_lead_months: Threshold


class ProgramCount(Frozen):
    value: int
    rule: str
    source: str


class ProgramRange(Frozen):
    low: int
    high: int
    rule: str
    source: str


class ProgramCounts(Frozen):
    low: ProgramCount
    moderate: ProgramCount
    high: ProgramCount
    high_risk_ranges: dict[str, ProgramRange]

    def for_level(self, level: Level) -> ProgramCount:
        return {"low": self.low, "moderate": self.moderate, "high": self.high}[level]


class PassingStandard(Frozen):
    standard: int
    effective_from: date
    source: str


class SourcedDate(Frozen):
    value: date
    source: str


class SourcedWeeks(Frozen):
    value: int
    source: str


class RetakeRules(Frozen):
    """F§2.3: how soon and how often a Step may be retaken (R-34)."""

    max_attempts_in_12_months: int
    fourth_attempt_months_after_first: int
    fourth_attempt_months_after_latest: int
    source: str


class Usmle(Frozen):
    retake_rules: RetakeRules
    passing_standards: dict[StepId, tuple[PassingStandard, ...]]
    step1_pass_fail_from: SourcedDate
    report_delay_weeks_typical: SourcedWeeks
    report_delay_weeks_safe: SourcedWeeks

    def standard_on(self, step: StepId, day: date) -> PassingStandard:
        """The passing standard in force for ``step`` on ``day`` (facts §2.1)."""
        in_force = [s for s in self.passing_standards[step] if s.effective_from <= day]
        return (
            max(in_force, key=lambda s: s.effective_from)
            if in_force
            else (min(self.passing_standards[step], key=lambda s: s.effective_from))
        )


class SourcedValue(Frozen):
    value: int
    source: str


class SourcedBar(Frozen):
    value: int
    source: str
    note: str


class Signals(Frozen):
    """R-55: program signals for one specialty in one ERAS season (facts §1.6).

    0 gold and 0 silver means the specialty is not in that season's table.
    """

    gold: int = Field(ge=0, le=60)
    silver: int = Field(default=0, ge=0, le=60)
    season: int
    source: str
    note: str = ""

    @property
    def total(self) -> int:
        return self.gold + self.silver

    def label(self) -> str:
        """'3 gold + 12 silver', '5', or 'none' as a reader says it."""
        if self.total == 0:
            return "none"
        return f"{self.gold} gold + {self.silver} silver" if self.silver else str(self.gold)


ApplicationService = Literal["eras", "mixed", "other"]


class SpecialtyRoute(Frozen):
    """How a specialty is applied to and matched (facts §1.6, §6): ERAS fees only apply via ERAS."""

    application: ApplicationService
    application_source: str
    nrmp_main_match: bool
    match_source: str
    note: str = ""


class Specialty(Frozen):
    id: str
    name: str
    group: SpecialtyGroup
    mean_step2ck: SourcedValue | None
    cross_check_step2ck: SourcedValue | None = None
    solid_step2ck_bar: SourcedBar
    related: tuple[str, ...]
    signals: Signals
    route: SpecialtyRoute


class SourcedNote(Frozen):
    """A MatchPlan choice or reading with the source (often an assumption) that backs it."""

    source: str
    note: str


class SpecialtyList(Frozen):
    """A sourced list of specialty ids, e.g. R-21's stay-realistic group."""

    ids: tuple[str, ...] = Field(min_length=1)
    rule: str
    source: str
    note: str


class PublishedDate(Frozen):
    date: date
    source: str


CycleEvent = Literal[
    "myeras_opens",
    "submission_opens",
    "review_opens",
    "nrmp_registration_opens",
    "interview_season_starts",
    "interview_season_ends",
    "ranking_opens",
    "rol_deadline",
    "match_week_starts",
    "match_day",
]


class Reference(Frozen):
    """All reference data, cross-checked: every source id used must exist."""

    sources: dict[str, Source]
    thresholds: Thresholds
    program_counts: ProgramCounts
    usmle: Usmle
    specialties: tuple[Specialty, ...]
    specialty_groups: SourcedNote
    stay_realistic: SpecialtyList
    cycles: dict[int, dict[CycleEvent, PublishedDate]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _sources_exist(self) -> Reference:
        used: list[str] = [t.source for t in self.thresholds.__dict__.values()]
        used += [self.program_counts.for_level(lv).source for lv in ("low", "moderate", "high")]
        used += [r.source for r in self.program_counts.high_risk_ranges.values()]
        used += [s.source for stds in self.usmle.passing_standards.values() for s in stds]
        used += [self.usmle.step1_pass_fail_from.source, self.usmle.retake_rules.source]
        for spec in self.specialties:
            used.append(spec.solid_step2ck_bar.source)
            if spec.mean_step2ck is not None:
                used.append(spec.mean_step2ck.source)
            if spec.cross_check_step2ck is not None:
                used.append(spec.cross_check_step2ck.source)
            used += [spec.signals.source, spec.route.application_source, spec.route.match_source]
        used += [d.source for events in self.cycles.values() for d in events.values()]
        used += [self.specialty_groups.source, self.stay_realistic.source]
        missing = sorted({s for s in used if s not in self.sources})
        if missing:
            raise ValueError(f"unknown source ids: {', '.join(missing)}")
        ids = {s.id for s in self.specialties}
        unknown = sorted({r for s in self.specialties for r in s.related if r not in ids})
        unknown += sorted(i for i in self.stay_realistic.ids if i not in ids)
        if unknown:
            raise ValueError(f"specialties: unknown related ids: {', '.join(unknown)}")
        unknown_ranges = sorted(k for k in self.program_counts.high_risk_ranges if k not in ids)
        if unknown_ranges:
            raise ValueError(f"program_counts: unknown specialty ids: {', '.join(unknown_ranges)}")
        return self

    def source(self, source_id: str) -> Source:
        return self.sources[source_id]

    def specialty(self, specialty_id: str) -> Specialty:
        for spec in self.specialties:
            if spec.id == specialty_id:
                return spec
        raise KeyError(specialty_id)

    def specialty_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.specialties)

    def stay_realistic_ids(self) -> frozenset[str]:
        """R-21 (revised): the specialties where 'stay' may follow a failure."""
        return frozenset(self.stay_realistic.ids)


@cache
def load_reference() -> Reference:
    """Load and validate every data file once per process (reference data only)."""
    files: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        "sources.json": lambda d: {"sources": d["sources"]},
        "thresholds.json": lambda d: {
            "thresholds": d["thresholds"],
            "program_counts": d["program_counts"],
        },
        "usmle.json": lambda d: {"usmle": d},
        "specialties.json": lambda d: {
            "specialties": d["specialties"],
            "specialty_groups": d["specialty_groups"],
            "stay_realistic": d["stay_realistic"],
        },
        "cycles.json": lambda d: {"cycles": d["cycles"]},
    }
    merged: dict[str, Any] = {}
    file_of: dict[str, str] = {}
    for name, pick in files.items():
        try:
            picked = pick(read_data(name))
        except KeyError as exc:
            raise ReferenceDataError(f"matchplan/data/{name}: {exc!r}") from exc
        merged.update(picked)
        file_of.update(dict.fromkeys(picked, name))
    try:
        return Reference.model_validate(merged)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        top = str(first["loc"][0]) if first["loc"] else ""
        files_named = file_of.get(top, ", ".join(files))  # cross-file checks name every file
        raise ReferenceDataError(
            f"matchplan/data/{files_named}: reference data invalid at {where or 'top level'}: "
            f"{first['msg']} ({exc.error_count()} errors)"
        ) from exc
