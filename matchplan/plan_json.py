"""build_plan's result as JSON: the stable, documented shape of ``matchplan assess``.

Every key is read from the one PlanResult, so the CLI says what the pages say.
The README documents each key.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from matchplan.plan import PlanResult
from matchplan.timeline import ExamRefusal, Milestone


def _reasons(items: Any) -> list[dict[str, Any]]:
    return [{"rule": r.rule, "field": r.field, "level": r.level, "text": r.text} for r in items]


def _refusal(refusal: ExamRefusal | None) -> dict[str, Any] | None:
    if refusal is None:
        return None
    return {
        "step": refusal.step,
        "date": refusal.exam_date.isoformat(),
        "reasons": list(refusal.reasons),
        "earliest_allowed": (
            refusal.earliest_allowed.isoformat() if refusal.earliest_allowed else None
        ),
    }


def _hold(result: PlanResult) -> dict[str, Any] | None:
    """R-24: the unmet conditions and the proposed cycle, when the plan should wait."""
    hold = result.assessment.hold
    if hold is None:
        return None
    return {
        "years_since_graduation": round(hold.years_since_graduation, 1),
        "unmet": [c.condition for c in hold.unmet],
        "conditions": [
            {"condition": c.condition, "met": c.met, "detail": c.detail} for c in hold.conditions
        ],
        "proposed_match_year": hold.proposed_match_year,
    }


def _dated(milestones: Iterable[Milestone]) -> list[dict[str, Any]]:
    return [
        {"name": m.name, "start": m.start.isoformat(), "end": m.end.isoformat()} for m in milestones
    ]


def _phase(result: PlanResult) -> dict[str, Any]:
    """R-43 / R-44: where the year stands on the day the plan was built for."""
    standing = result.standing
    outcome = standing.outcome
    return {
        "phase": standing.phase,
        "label": standing.label,
        "today": standing.today.isoformat(),
        "due_soon": _dated(standing.due_soon),
        "under_way": _dated(standing.under_way),
        "done": [m.name for m in standing.done],
        "to_confirm": _dated(standing.to_confirm),
        "missed": _dated(standing.missed),
        "unsubmitted": standing.unsubmitted,
        "next_match_year": standing.next_match_year,
        "ask_outcome": standing.ask_outcome,
        "outcome": outcome.result if outcome else None,
    }


def result_json(result: PlanResult) -> dict[str, Any]:
    """The whole plan's result: risk, view, path, programs, fees, exam, timeline.

    A profile that is not assessed yet (``PlanResult.missing``) gets what it must say
    and the cycle's phase, never tiers, counts or milestones read from its empty fields.
    """
    if not result.assessed:
        standing = result.standing  # the cycle's phase only: no milestone of a plan not made
        return {
            "not_assessed": [{"what": m.what, "why": m.why} for m in result.missing],
            "phase": {
                "phase": standing.phase,
                "label": standing.label,
                "today": standing.today.isoformat(),
            },
        }
    assessment = result.assessment
    path = result.pathway
    programs = result.programs
    timeline = result.timeline
    exam = timeline.exam
    total = programs.total
    return {
        "risk": {
            "academic": assessment.academic.level,
            "reliability": assessment.reliability.level,
            "bandwidth": assessment.bandwidth.level,
            "overall": assessment.overall,
        },
        "reasons": {lens.lens: _reasons(lens.reasons) for lens in assessment.lenses},
        "view": assessment.view.effective,
        "proposed_view": assessment.view.proposed,
        "view_reasons": _reasons(assessment.view.reasons),
        "findings": [
            {"rule": f.rule, "dimension": f.dimension, "message": f.message, "fix": f.fix}
            for f in result.findings
        ],
        "diagnosis": [
            {"dimension": d.dimension, "failed": d.failed, "evidence": list(d.evidence)}
            for d in assessment.diagnosis
        ],
        "next_actions": list(result.next_actions),
        "pathway": path.effective,
        "alternatives": [a.name for a in path.alternatives],
        "programs": {
            "min": total.min,
            "recommended": total.recommended,
            "max": total.max,
            "total": total.recommended,
            "level": result.program_level,
            "by_specialty": {
                part.specialty_id: {
                    "role": part.role,
                    "min": part.count.min,
                    "recommended": part.count.recommended,
                    "max": part.count.max,
                }
                for part in programs.parts
            },
        },
        "fees": {
            "total": result.fees.total,
            "by_specialty": {line.specialty_id: line.fee for line in result.fees.lines},
            "transcript": result.fees.transcript_fee,
        },
        "signals": [
            {"specialty": s.name, "signals": s.label, "advice": list(s.advice)}
            for s in result.signals
        ],
        "step3": {
            "recommended": timeline.step3.recommended,
            "eligible": timeline.step3.eligible,
            "reasons": list(timeline.step3.reasons),
        },
        "role": {
            "verdict": timeline.role.verdict,
            "met": list(timeline.role.met),
            "missing": list(timeline.role.missing),
        },
        "careers": {
            "triggered": result.careers.prominent,
            "triggers": [t.text for t in result.careers.triggers],
        },
        "exam": {
            "step": exam.step if exam else None,
            "planned_date": exam.exam_date.isoformat() if exam else None,
            "latest_date_typical": timeline.deadlines.latest_typical.isoformat(),
            "latest_date_safe": timeline.deadlines.latest_safe.isoformat(),
            "relative_interview_chance": exam.chance.value if exam else None,
            "final_attempt": exam.final_attempt if exam else False,
            "refused": _refusal(result.exam_refusal),
        },
        "hold": _hold(result),
        "phase": _phase(result),
        "milestones": [
            {
                "name": m.name,
                "start": m.start.isoformat(),
                "end": m.end.isoformat(),
                "kind": m.kind,
                "missed": m.missed,
                "estimated": m.estimated,
            }
            for m in timeline.milestones
        ],
        "timeline_repairs": list(result.timeline_repairs),
        "timeline_warnings": [{"rule": w.rule, "text": w.text} for w in timeline.warnings],
        "warnings": [
            *({"rule": "R-34", "text": r.message} for r in result.profile_refusals),
            *({"rule": w.rule, "text": w.text} for w in timeline.warnings),
        ],
    }
