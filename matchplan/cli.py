"""Command line for advisors and for checking results outside the UI.

``python -m matchplan schema`` prints the JSON Schema of the profile file;
``python -m matchplan assess FILE.json`` takes a profile file or a whole plan
file and prints build_plan's result as JSON (the same result every page shows),
or what is wrong with the file, naming the field, with exit code 2.
``python -m matchplan handout FILE.json --out SUMMARY.pdf`` (or ``.html``) writes
the one-page handout for a plan, for an advisor preparing a batch.
``python -m matchplan next-cycle PLAN.json --out NEW.json`` writes a new plan for the
next Match from a plan whose cycle ended unmatched (R-44); PLAN.json is not changed.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from matchplan.handout import handout_content
from matchplan.handout_html import handout_figures, handout_html
from matchplan.handout_pdf import PAGE_SIZES, handout_pdf
from matchplan.plan import NextCycleError, PlanResult, build_plan, next_cycle_plan, open_plan
from matchplan.plan_json import result_json
from matchplan.planfile import MAX_PLAN_BYTES, PlanFile, PlanLoadError, dump_plan
from matchplan.profile import (
    FIRST_MATCH_YEAR,
    LAST_TARGET_MATCH_YEAR,
    ApplicantProfile,
    field_errors,
)
from matchplan.textsafe import plain_text
from matchplan.year import CycleOutcome

OUTCOME_FLAGS = {
    "applied": "programs_applied",
    "offers": "interview_offers",
    "attended": "interviews_attended",
    "ranked": "programs_ranked",
}
"""next-cycle's flags for the cycle's numbers (CycleOutcome fields), when the plan
does not hold them yet."""
MAX_FILE_BYTES = MAX_PLAN_BYTES
"""Same limit as the app's upload size: a plan is tens of kilobytes."""
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


def _load(path: Path, today: date) -> PlanFile:
    """A profile file (schema 1) or a whole plan file, validated and buildable."""
    # Read at most one byte past the limit: the size on disk says nothing for a pipe
    # or a device (``assess /dev/zero`` read until MemoryError).
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    return open_plan(raw, today)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matchplan", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("schema", help="print the JSON Schema of the profile file")
    assess_cmd = commands.add_parser("assess", help="assess a profile file")
    assess_cmd.add_argument("file", type=Path)
    handout_cmd = commands.add_parser("handout", help="write the one-page handout of a plan")
    handout_cmd.add_argument("file", type=Path)
    handout_cmd.add_argument(
        "--out", type=Path, required=True, help="the handout to write: a .pdf or .html file"
    )
    handout_cmd.add_argument(
        "--page", choices=PAGE_SIZES, default="Letter", help="PDF page size (default: Letter)"
    )
    handout_cmd.add_argument(
        "--identify",
        action="store_true",
        help="include the name and the advisor notes (off by default)",
    )
    next_cmd = commands.add_parser(
        "next-cycle", help="after an unmatched Match Day: write a plan for the next Match"
    )
    next_cmd.add_argument("file", type=Path)
    next_cmd.add_argument("--out", type=Path, required=True, help="the new plan file (.json)")
    for flag, field in OUTCOME_FLAGS.items():
        title = str(CycleOutcome.model_fields[field].title)
        next_cmd.add_argument(
            f"--{flag}", type=int, default=None, help=f"this cycle's {title.lower()}"
        )
    for command in (assess_cmd, handout_cmd, next_cmd):
        command.add_argument(
            "--today",
            type=today_arg,
            default=None,
            help="as of this date (YYYY-MM-DD); default: today's date on this machine",
        )
    args = parser.parse_args(argv)
    if args.command == "handout" and args.out.suffix.lower() not in (".pdf", ".html"):
        parser.error(f"--out must end in .pdf or .html, not {args.out.name!r}")

    if args.command == "schema":
        print(json.dumps(ApplicantProfile.model_json_schema(), indent=2))
        return 0
    today = args.today or date.today()  # noqa: DTZ011 - the user's own date
    try:
        plan = _load(args.file, today)
    except PlanLoadError as exc:
        for problem in exc.problems or (str(exc),):
            print(f"error: {plain_text(problem)}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = build_plan(plan, today)
    if result.profile_refusals:  # a retake the rules forbid is refused, not planned
        for refusal in result.profile_refusals:
            print(f"error: Exam attempts – Exam date: {refusal.message}", file=sys.stderr)
        return 2
    if args.command == "handout":
        if not result.assessed:  # a handout would state tiers read from empty fields
            gaps = "; ".join(f"{m.what} ({m.why})" for m in result.missing)
            print(f"error: not assessed yet, so no handout: enter {gaps}", file=sys.stderr)
            return 2
        return _write_handout(result, args.out, page=args.page, identify=args.identify)
    if args.command == "next-cycle":
        return _write_next_cycle(result, args, today)
    print(json.dumps(result_json(result), indent=2))
    return 0


def _write_handout(result: PlanResult, out: Path, *, page: str, identify: bool) -> int:
    """Write the handout (PDF or HTML by the file's suffix); exit 2 if it cannot be written."""
    content = handout_content(result, identify=identify)
    try:
        if out.suffix.lower() == ".pdf":
            out.write_bytes(handout_pdf(content, "A4" if page == "A4" else "Letter"))
        else:
            out.write_text(handout_html(content, handout_figures(result)), encoding="utf-8")
    except OSError as exc:
        print(f"error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {out}")
    return 0


def _write_next_cycle(result: PlanResult, args: argparse.Namespace, today: date) -> int:
    """R-44: the next cycle's plan from this one (the flags fill the cycle's numbers)."""
    given = {
        field: getattr(args, flag)
        for flag, field in OUTCOME_FLAGS.items()
        if getattr(args, flag) is not None
    }
    if given:
        recorded = result.plan.outcome
        base = recorded.model_dump() if recorded else {"result": "not_matched"}
        try:
            outcome = CycleOutcome.model_validate({**base, **given})
        except ValidationError as exc:
            for problem in field_errors(exc, CycleOutcome):
                print(f"error: {plain_text(problem.message)}", file=sys.stderr)
            return 2
        result = build_plan(result.plan.model_copy(update={"outcome": outcome}), today)
    try:
        new = next_cycle_plan(result, today)
    except (NextCycleError, ValidationError) as exc:
        message = str(exc) if isinstance(exc, NextCycleError) else _first_problem(exc)
        print(f"error: {plain_text(message)}", file=sys.stderr)
        if result.plan.outcome is None or result.plan.outcome.missing_counts():
            flags = " ".join(f"--{flag} N" for flag in OUTCOME_FLAGS)
            print(f"hint: give this cycle's numbers: {flags}", file=sys.stderr)
        return 2
    try:
        args.out.write_bytes(dump_plan(new))
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}: a plan for the {new.profile.target_match_year} Match")
    return 0


def _first_problem(exc: ValidationError) -> str:
    return "; ".join(e.message for e in field_errors(exc))
