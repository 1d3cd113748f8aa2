"""R-50..R-52: how many programs, per specialty and in all, and why (``ProgramPlan``)."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from matchplan.assessment import Reason, recommended_program_floor
from matchplan.frozen import Frozen
from matchplan.programs.data import GROUP_LABELS, DualGroup, ProgramData, Role
from matchplan.reference import Level, ProgramRange, Reference, Specialty


class CountRange(Frozen):
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


class SpecialtyCount(Frozen):
    specialty_id: str
    name: str
    role: Role
    count: CountRange


class ProgramPlan(Frozen):
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
