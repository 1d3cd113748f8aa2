"""Command line for advisors and for checking results outside the UI.

``python -m matchplan schema`` prints the JSON Schema of the profile file;
``python -m matchplan assess FILE.json`` prints the assessment as JSON, or the
validation errors (exit code 2) when the file is not a valid profile.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from matchplan.assessment import Assessment, assess
from matchplan.pathway import pathway
from matchplan.profile import (
    FIRST_MATCH_YEAR,
    LAST_TARGET_MATCH_YEAR,
    ApplicantProfile,
    field_errors,
    parse_profile,
)
from matchplan.programs import program_data, program_plan
from matchplan.reference import load_reference
from matchplan.textsafe import plain_text
from matchplan.timeline import PlanDateError, build_timeline, default_plan

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Same limit as the app's upload size: a profile is a few kilobytes."""
TODAY_RANGE = (date(FIRST_MATCH_YEAR, 1, 1), date(LAST_TARGET_MATCH_YEAR, 12, 31))
"""``--today`` must fall in the years the app plans for (9999-12-31 overflowed)."""


def today_arg(text: str) -> date:
    """Parse ``--today``: an ISO date within TODAY_RANGE, else a usage error (exit 2)."""
    try:
        value = date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from exc
    earliest, latest = TODAY_RANGE
    if not earliest <= value <= latest:
        raise argparse.ArgumentTypeError(
            f"{value.isoformat()} is outside the years MatchPlan plans for "
            f"({earliest.isoformat()} to {latest.isoformat()})"
        )
    return value


def assessment_json(result: Assessment, profile: ApplicantProfile) -> dict[str, Any]:
    """The stable, documented shape of ``assess`` output.

    ``pathway`` is R-20's path (the advisor's view, when recorded, maps onto it);
    ``alternatives`` the ranked realistic specialties; ``programs`` the R-50..R-52
    count for the target specialty (its share when R-52 advises a dual application).
    """
    ref = load_reference()
    data = program_data()
    path = pathway(profile, result, ref, data)
    plan = program_plan(
        result.overall,
        profile.target_specialty,
        profile.last_cycle.programs_applied,
        ref,
        data,
        second_id=path.second_specialty,
    )
    target = plan.target.count
    return {
        "risk": {
            "academic": result.academic.level,
            "reliability": result.reliability.level,
            "bandwidth": result.bandwidth.level,
            "overall": result.overall,
        },
        "reasons": {
            lens.lens: [
                {"rule": r.rule, "field": r.field, "level": r.level, "text": r.text}
                for r in lens.reasons
            ]
            for lens in result.lenses
        },
        "view": result.view.effective,
        "proposed_view": result.view.proposed,
        "findings": [
            {"rule": f.rule, "dimension": f.dimension, "message": f.message, "fix": f.fix}
            for f in result.findings
        ],
        "diagnosis": [
            {"dimension": d.dimension, "failed": d.failed, "evidence": list(d.evidence)}
            for d in result.diagnosis
        ],
        "next_actions": list(result.next_actions()),
        "pathway": path.effective,
        "alternatives": [a.name for a in path.alternatives],
        "programs": {"min": target.min, "recommended": target.recommended, "max": target.max},
    }


def timeline_json(profile: ApplicantProfile, today: date) -> dict[str, Any]:
    """R-30..R-39 for the default plan: exam deadlines, the chance, and the milestones."""
    try:
        timeline = build_timeline(profile, default_plan(profile, today), today)
    except PlanDateError as problem:
        return {"exam": None, "milestones": [], "timeline_error": str(problem)}
    exam = timeline.exam
    return {
        "exam": {
            "step": exam.step if exam else None,
            "planned_date": exam.exam_date.isoformat() if exam else None,
            "latest_date_typical": timeline.deadlines.latest_typical.isoformat(),
            "latest_date_safe": timeline.deadlines.latest_safe.isoformat(),
            "relative_interview_chance": exam.chance.value if exam else None,
        },
        "milestones": [
            {
                "name": m.name,
                "start": m.start.isoformat(),
                "end": m.end.isoformat(),
                "kind": m.kind,
                "missed": m.missed,
            }
            for m in timeline.milestones
        ],
        "timeline_warnings": [{"rule": w.rule, "text": w.text} for w in timeline.warnings],
    }


def _load(path: Path, today: date) -> ApplicantProfile:
    # Read at most one byte past the limit: the size on disk says nothing for a pipe
    # or a device (``assess /dev/zero`` read until MemoryError).
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise ValueError(f"{path}: larger than {MAX_FILE_BYTES // 1024} KiB; not a profile file")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except RecursionError as exc:
        raise ValueError(f"{path}: nested too deeply to be a profile file") from exc
    return parse_profile(data, today)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matchplan", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("schema", help="print the JSON Schema of the profile file")
    assess_cmd = commands.add_parser("assess", help="assess a profile file")
    assess_cmd.add_argument("file", type=Path)
    assess_cmd.add_argument(
        "--today",
        type=today_arg,
        default=None,
        help="assess as of this date (YYYY-MM-DD); default: the system date",
    )
    args = parser.parse_args(argv)

    if args.command == "schema":
        print(json.dumps(ApplicantProfile.model_json_schema(), indent=2))
        return 0
    today = args.today or date.today()  # noqa: DTZ011 - the calendar date the user means
    try:
        profile = _load(args.file, today)
    except ValidationError as exc:
        for error in field_errors(exc):
            print(f"error: {plain_text(error.message)}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    output = {**assessment_json(assess(profile, today), profile), **timeline_json(profile, today)}
    print(json.dumps(output, indent=2))
    return 0
