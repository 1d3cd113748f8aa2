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
from matchplan.profile import ApplicantProfile, field_errors, parse_profile

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Same limit as the app's upload size: a profile is a few kilobytes."""


def assessment_json(result: Assessment) -> dict[str, Any]:
    """The stable, documented shape of ``assess`` output."""
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
    }


def _load(path: Path, today: date) -> ApplicantProfile:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError(f"{path}: larger than {MAX_FILE_BYTES // 1024} KiB; not a profile file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
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
        type=date.fromisoformat,
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
            print(f"error: {error.message}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(assessment_json(assess(profile, today)), indent=2))
    return 0
