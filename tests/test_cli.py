"""The command line: ``python -m matchplan schema`` and ``python -m matchplan assess FILE``.

A few cases run the real module in a subprocess from the repository root (as an
advisor would); the rest call ``matchplan.cli.main`` in-process, which is faster.
A bad file must exit non-zero with one readable ``error:`` line per problem on
stderr, nothing on stdout, and never a traceback.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from matchplan.cli import MAX_FILE_BYTES, TODAY_RANGE, main
from tests.strategies import EXAMPLE_FILE, REPO_ROOT, TODAY, data_with

LEVELS = {"low", "moderate", "high"}
VIEWS = {"optimistic", "cautious", "pessimistic"}
DIMENSIONS = {"exams", "clinical", "specialty", "strategy"}


def run_module(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "matchplan", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def assess_args(path: Path) -> list[str]:
    return ["assess", str(path), "--today", TODAY.isoformat()]


def check_assessment_json(output: dict[str, Any]) -> None:
    assert set(output["risk"]) == {"academic", "reliability", "bandwidth", "overall"}
    assert set(output["risk"].values()) <= LEVELS
    assert output["view"] in VIEWS
    assert output["proposed_view"] in VIEWS
    assert isinstance(output["findings"], list)
    for finding in output["findings"]:
        assert {"rule", "dimension", "message"} <= set(finding)
        assert finding["rule"] == "R-07"
        assert finding["dimension"] in DIMENSIONS
        assert finding["message"]
    assert len(output["next_actions"]) <= 3


# --- through the real module -------------------------------------------------------------


def test_schema_prints_the_profile_json_schema() -> None:
    done = run_module("schema")
    assert done.returncode == 0, done.stderr
    schema = json.loads(done.stdout)
    assert {"exams", "last_cycle", "graduation_date", "target_specialty"} <= set(
        schema["properties"]
    )
    assert schema["additionalProperties"] is False  # unknown fields are rejected


def test_assess_the_example_prints_its_reading() -> None:
    done = run_module(*assess_args(EXAMPLE_FILE))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    output = json.loads(done.stdout)
    check_assessment_json(output)
    assert output["risk"] == {
        "academic": "moderate",
        "reliability": "high",
        "bandwidth": "moderate",
        "overall": "high",
    }
    assert output["view"] == "cautious"
    # R-06 (revised): findings follow the dimensions' order of importance.
    first = output["diagnosis"][0]["dimension"]
    assert output["findings"][0]["dimension"] == first
    assert any(f["message"].startswith("Applied to 45 programs") for f in output["findings"])
    assert output["next_actions"][0] == (
        "Start hands-on, US-based clinical work in the target specialty now."
    )


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        pytest.param(b"[" * 100_000, "nested too deeply", id="deeply-nested-array"),
        pytest.param(b'{"display_name": "\xff\xfe"}', "not UTF-8 text", id="non-utf8-bytes"),
    ],
)
def test_module_rejects_hostile_files_without_traceback(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = tmp_path / "profile.json"
    path.write_bytes(content)
    done = run_module(*assess_args(path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("error: ")
    assert fragment in done.stderr
    assert "Traceback" not in done.stderr


# --- in-process ----------------------------------------------------------------------------


def test_main_assess_matches_the_documented_shape(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(assess_args(EXAMPLE_FILE)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    output = json.loads(out)
    check_assessment_json(output)
    assert set(output["reasons"]) == {"academic", "reliability", "bandwidth"}
    high = output["reasons"]["reliability"][0]
    assert high == {
        "rule": "R-02",
        "field": "clinical.months_since_clinical",
        "level": "high",
        # R-02 revised: measured on the target submission day
        "text": "35 months since hands-on clinical work by the application day (01 Sep 2027).",
    }


def _json_file(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _bytes_file(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "profile.json"
    path.write_bytes(content)
    return path


def _oversized_but_valid(tmp_path: Path) -> Path:
    text = EXAMPLE_FILE.read_text(encoding="utf-8")
    return _bytes_file(tmp_path, (text + " " * MAX_FILE_BYTES).encode())


BAD_FILES = [
    pytest.param(
        lambda p: _json_file(p, []),
        "error: The file's top level is not a JSON object",
        id="wrong-type-top-level-array",
    ),
    pytest.param(
        lambda p: _json_file(p, "a profile"),
        "error: The file's top level is not a JSON object",
        id="wrong-type-top-level-string",
    ),
    pytest.param(
        lambda p: _json_file(p, data_with(last_cycle={"programs_applied": "many"})),
        "error: Profile – Last cycle – Programs applied to: Input should be a valid integer",
        id="wrong-type-field",
    ),
    pytest.param(
        lambda p: _json_file(p, data_with(last_cycle={"interview_offers": 46})),
        "error: Profile – Last cycle: Interview offers (46) cannot be more than programs "
        "applied to (45)",
        id="interviews-more-than-applications",
    ),
    pytest.param(
        lambda p: _bytes_file(p, b'{"applicant_type": "us_md",'),
        "not valid JSON (line 1",
        id="invalid-json",
    ),
    pytest.param(lambda p: _bytes_file(p, b""), "The file is empty", id="empty-file"),
    pytest.param(
        lambda p: _bytes_file(p, '{"display_name": "Ren\u00e9"}'.encode("latin-1")),
        "not UTF-8 text",
        id="latin-1-file",
    ),
    pytest.param(_oversized_but_valid, "larger than 2 MB", id="file-over-2-mb"),
    pytest.param(
        lambda p: _bytes_file(p, b"[" * 100_000), "nested too deeply", id="deeply-nested-array"
    ),
    pytest.param(
        lambda p: _bytes_file(p, b'{"a": ' * 50_000), "nested too deeply", id="deeply-nested-object"
    ),
    pytest.param(lambda p: p / "missing.json", "No such file or directory", id="missing-file"),
    pytest.param(lambda p: p, "Is a directory", id="a-directory"),
]


@pytest.mark.parametrize(("make_file", "fragment"), BAD_FILES)
def test_invalid_file_exits_nonzero_with_a_readable_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make_file: Any, fragment: str
) -> None:
    path = make_file(tmp_path)
    assert main(assess_args(path)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert fragment in err
    assert all(line.startswith("error: ") for line in err.splitlines())
    assert "Traceback" not in err


def test_each_problem_gets_its_own_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_with(target_specialty="cardiology", last_cycle={"census_divisions": 12})
    assert main(assess_args(_json_file(tmp_path, data))) == 2
    lines = sorted(capsys.readouterr().err.splitlines())
    assert len(lines) == 2
    assert lines[0].startswith("error: Profile – Last cycle – Census divisions applied in:")
    assert lines[1].startswith("error: Profile – Target specialty: unknown specialty")


def test_assess_uses_the_today_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A graduation after --today is rejected: the date comes from the flag, not the clock."""
    path = _json_file(tmp_path, data_with(graduation_date="2026-11-27"))
    assert main(assess_args(path)) == 2
    assert "Graduation date (27 Nov 2026) is in the future" in capsys.readouterr().err
    assert main(["assess", str(path), "--today", "2026-11-27"]) == 0


def test_a_malformed_today_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["assess", str(EXAMPLE_FILE), "--today", "26/11/2026"])
    assert exited.value.code == 2
    assert "--today" in capsys.readouterr().err


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    assert "required" in capsys.readouterr().err


# --- issue 15, item 7 ------------------------------------------------------------------------


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01", "2014-12-31", "2046-01-01"])
def test_issue15_today_outside_the_planned_years_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], today: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["assess", str(EXAMPLE_FILE), "--today", today])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "--today" in err
    assert "outside the years MatchPlan plans for (2015-01-01 to 2045-12-31)" in err


def test_issue15_today_9999_through_the_module_has_no_traceback() -> None:
    done = run_module("assess", str(EXAMPLE_FILE), "--today", "9999-12-31")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "outside the years MatchPlan plans for" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("today", [TODAY_RANGE[0], TODAY_RANGE[1]], ids=str)
def test_issue15_today_at_the_bounds_assesses_or_names_the_problem(
    capsys: pytest.CaptureFixture[str], today: date
) -> None:
    code = main(["assess", str(EXAMPLE_FILE), "--today", today.isoformat()])
    out, err = capsys.readouterr()
    assert code in (0, 2)
    if code == 0:
        check_assessment_json(json.loads(out))
    else:
        assert err.startswith("error: ")


def _limit_memory() -> None:  # pragma: no cover - runs in the child before exec
    # Should the read ever be unbounded again, the child fails fast instead of the machine.
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_issue15_assess_dev_zero_reads_only_the_limit_and_refuses() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "matchplan", "assess", "/dev/zero", "--today", TODAY.isoformat()],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 2
    assert (
        done.stderr
        == f"error: The file is larger than {MAX_FILE_BYTES // 10**6} MB; a plan file is tens of "
        "kilobytes. Is it the right file?\n"
    )


def test_issue15_assess_reads_at_most_the_limit_plus_one_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sizes: list[int] = []
    real_open = Path.open

    def spy_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, *args, **kwargs)
        real_read = handle.read

        def read(size: int = -1) -> bytes:
            sizes.append(size)
            return real_read(size)

        handle.read = read
        return handle

    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 10))
    monkeypatch.setattr(Path, "open", spy_open)
    assert main(assess_args(path)) == 2
    assert sizes == [MAX_FILE_BYTES + 1]
    assert "larger than" in capsys.readouterr().err


# --- issue 11: the command line carries the whole plan ----------------------------------

DOCUMENTED_KEYS = {
    "phase",
    "risk",
    "reasons",
    "view",
    "proposed_view",
    "view_reasons",
    "findings",
    "diagnosis",
    "next_actions",
    "pathway",
    "alternatives",
    "programs",
    "fees",
    "signals",
    "step3",
    "role",
    "careers",
    "exam",
    "hold",
    "milestones",
    "timeline_repairs",
    "timeline_warnings",
    "warnings",
}


def test_assess_prints_every_documented_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(assess_args(EXAMPLE_FILE)) == 0
    output = json.loads(capsys.readouterr().out)
    assert set(output) == DOCUMENTED_KEYS
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"`{key}`" in readme for key in DOCUMENTED_KEYS)  # each key is documented
    assert {"final_attempt", "refused"} <= set(output["exam"])
    assert all("estimated" in m for m in output["milestones"])
    assert all("rule" in w for w in output["warnings"])
    assert {"recommended", "eligible", "reasons"} == set(output["step3"])
    assert {"verdict", "met", "missing"} == set(output["role"])
    assert {"phase", "label", "today", "due_soon", "done", "to_confirm", "missed"} <= set(
        output["phase"]
    )


def test_assess_reads_a_whole_plan_file_with_its_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from matchplan.plan import new_plan
    from matchplan.planfile import ProgramChoices, dump_plan
    from matchplan.profile import parse_profile

    profile = parse_profile(json.loads(EXAMPLE_FILE.read_text(encoding="utf-8")), TODAY)
    plan = new_plan(profile, TODAY).model_copy(
        update={"programs": ProgramChoices(tier="high", what_if_count=150)}
    )
    path = tmp_path / "plan.json"
    path.write_bytes(dump_plan(plan))
    assert main(assess_args(path)) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["programs"]["level"] == "high"


def test_R34_a_refused_retake_in_the_profile_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A 4th Step 2 CK attempt three months after the 3rd: the USMLE asks for six.
    data = data_with(
        exams=[
            {"step": "step1", "exam_date": "2022-06-14", "result": "pass"},
            {"step": "step2ck", "exam_date": "2025-01-10", "result": "fail"},
            {"step": "step2ck", "exam_date": "2025-06-10", "result": "fail"},
            {"step": "step2ck", "exam_date": "2026-09-01", "result": "fail"},
            {"step": "step2ck", "exam_date": "2026-12-01", "result": "planned"},
        ]
    )
    assert main(assess_args(_json_file(tmp_path, data))) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Exam date" in err
    assert "refused" in err
    assert "earliest allowed date" in err


def test_R40_a_target_cycle_already_running_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # On 1 Dec 2026 the 2027 Match cycle is running: applications opened in September.
    path = _json_file(tmp_path, data_with(target_match_year=2027))
    assert main(["assess", str(path), "--today", "2026-12-01"]) == 2
    assert "Target Match year" in capsys.readouterr().err


def test_issue22_a_profile_not_assessed_gets_what_to_enter_and_no_handout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """assess: exit 0 with the missing inputs and the cycle's phase, no tier or count;
    handout: exit 2 and no file, where it printed "Overall risk high" for a blank plan."""
    from matchplan.examples import blank_profile
    from matchplan.plan import new_plan
    from matchplan.planfile import dump_plan

    path = tmp_path / "blank.json"
    path.write_bytes(dump_plan(new_plan(blank_profile(TODAY), TODAY)))
    assert main(assess_args(path)) == 0
    output = json.loads(capsys.readouterr().out)
    assert [m["what"] for m in output["not_assessed"]] == ["Exam history", "Last cycle"]
    assert set(output) == {"not_assessed", "phase"}
    assert output["phase"]["today"] == TODAY.isoformat()

    out = tmp_path / "handout.pdf"
    assert main(["handout", str(path), "--out", str(out), "--today", TODAY.isoformat()]) == 2
    assert "not assessed yet, so no handout: enter Exam history" in capsys.readouterr().err
    assert not out.exists()
