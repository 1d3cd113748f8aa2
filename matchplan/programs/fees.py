"""R-54: ERAS fees per specialty in bands, plus the transcript fee once per season."""

from __future__ import annotations

from collections.abc import Mapping

from matchplan.frozen import Frozen
from matchplan.programs.data import FeeSchedule, ProgramData
from matchplan.reference import Reference


def specialty_fee(programs: int, schedule: FeeSchedule) -> int:
    """R-54: ERAS program fees for one specialty; the band count restarts per specialty."""
    fee = 0
    for band in schedule.bands:
        last = programs if band.last is None else min(programs, band.last)
        if last >= band.first:
            fee += (last - band.first + 1) * band.per_program
    return fee


class FeeLine(Frozen):
    specialty_id: str
    name: str
    programs: int
    fee: int
    via_eras: bool


class FeeBreakdown(Frozen):
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
