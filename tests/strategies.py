"""Shared test data for the core tests.

- ``TODAY``: the fixed "today" every core test passes in (tests never read the clock).
- ``example_data()`` / ``example_profile()``: matchplan/data/example_applicant.json.
- ``CLEAN`` and ``FAILED_ONCE``: two hand-made base applicants for rule cases,
  one that reads low on every lens and one with a single Step 1 failure,
  later passed, that reads moderate. Each is chosen so that no R-07 finding
  fires, so a case that changes one input sees only that input's effect.
- ``data_with(base, **changes)`` / ``profile_with(base, **changes)``: a variant
  of a base dict, deep-updated (nested dicts merge, anything else replaces).
- ``valid_profiles()``: a Hypothesis strategy over valid ApplicantProfile
  objects across the input space of RULES.md §1.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from matchplan.profile import ApplicantProfile, parse_profile
from matchplan.reference import load_reference

TODAY = date(2026, 11, 26)
REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_FILE = REPO_ROOT / "matchplan" / "data" / "example_applicant.json"
STEP1_PASS_FAIL_FROM = date(2022, 1, 26)
SPECIALTY_IDS = load_reference().specialty_ids()
ATTEMPT_LIMIT = 4
VIEWS = ("optimistic", "cautious", "pessimistic")
Data = dict[str, Any]


# --- building blocks -------------------------------------------------------------------


def attempt(step: str, exam_date: str | date, result: str, score: int | None = None) -> Data:
    """One exam attempt as it appears in a profile file."""
    out: Data = {"step": step, "exam_date": exam_date, "result": result}
    if score is not None:
        out["score"] = score
    return out


def letter(specialty: str, written_on: str | date, *, strong: bool = True) -> Data:
    return {
        "writer_title": f"Attending physician ({specialty})",
        "specialty": specialty,
        "written_on": written_on,
        "us_based": True,
        "strong": strong,
    }


def deep_update(base: Mapping[str, Any], changes: Mapping[str, Any]) -> Data:
    """A copy of ``base`` with ``changes`` merged in: nested dicts merge, the rest replaces."""
    out = copy.deepcopy(dict(base))
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_update(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def example_data() -> Data:
    """The example applicant file as a fresh dict."""
    data: Data = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    return data


def example_profile() -> ApplicantProfile:
    return parse_profile(example_data(), TODAY)


def data_with(base: Mapping[str, Any] | None = None, /, **changes: Any) -> Data:
    """A variant of ``base`` (default: the example applicant), deep-updated with ``changes``."""
    return deep_update(example_data() if base is None else base, changes)


def profile_with(base: Mapping[str, Any] | None = None, /, **changes: Any) -> ApplicantProfile:
    """``data_with(...)`` validated as of TODAY."""
    return parse_profile(data_with(base, **changes), TODAY)


# --- two hand-made base applicants -----------------------------------------------------

# Low on every lens: US MD, graduated 2025 (2.3 years before the 2028 season opens),
# no failure, Step 2 CK 250 against IM's solid bar of 240, three strong IM letters from
# this year, in clinical work now; last cycle on time and broad. No R-07 finding fires.
CLEAN: Data = {
    "applicant_type": "us_md",
    "graduation_date": "2025-05-15",
    "exams": [
        attempt("step1", "2023-04-10", "pass"),
        attempt("step2ck", "2024-08-20", "pass", 250),
    ],
    "target_specialty": "im",
    "target_match_year": 2028,
    "last_cycle": {
        "match_year": 2026,
        "prior_unsuccessful_cycles": 1,
        "specialties_applied": ["im"],
        "programs_applied": 80,
        "census_divisions": 4,
        "interview_offers": 12,
        "interviews_attended": 12,
        "programs_ranked": 12,
        "soap": "no_position",
        "eras_submitted_on": "2025-09-03",
        "letters_uploaded_on": "2025-09-01",
        "latest_score_reported_on": "2024-09-15",
    },
    "content": {
        "personal_statement": "addressed_failure",
        # Revised R-02: letters are judged on the target submission day (1 Sep 2027),
        # so CLEAN's letters are ones still recent then.
        "letters": [
            letter("im", "2026-09-15"),
            letter("im", "2026-10-01"),
            letter("im", "2026-11-01"),
        ],
        "activities": "relevant",
    },
    "clinical": {
        "months_since_clinical": 2,
        "clinical_us_based": True,
        "clinical_in_target": True,
        "current_role": "clinical_job",
    },
}

# CLEAN plus one Step 1 failure, later passed: academic moderate, bandwidth
# moderate (Step 3 pending after a failure, R-03), so overall moderate; 80 programs
# is above the moderate count (70) and 4 divisions is broad enough, so still no finding.
FAILED_ONCE: Data = data_with(
    CLEAN,
    exams=[
        attempt("step1", "2023-01-10", "fail"),
        attempt("step1", "2023-04-10", "pass"),
        attempt("step2ck", "2024-08-20", "pass", 250),
    ],
)


# --- Hypothesis: valid profiles --------------------------------------------------------
# Each choice leans towards the common case (``_often``) so that low and moderate
# readings are drawn as often as high ones, while the whole range stays reachable.


def _often(common: st.SearchStrategy[Any], anything: st.SearchStrategy[Any]) -> Any:
    return st.one_of(common, anything)


def _distinct_sorted_dates(start: date, end: date, count: int) -> st.SearchStrategy[list[date]]:
    return st.lists(
        st.dates(min_value=start, max_value=end), min_size=count, max_size=count, unique=True
    ).map(sorted)


@st.composite
def _step_history(draw: st.DrawFn, step: str, start: date) -> list[Data]:
    """Attempts at one Step: 0-3 failures, then a pass or not, then planned attempts.

    Taken attempts fall between ``start`` and TODAY (Step 3 passes a later ``start``);
    planned ones after TODAY, and only while the Step is not yet passed.
    """
    failures = draw(_often(st.just(0), st.integers(0, 3)), label=f"{step} failures")
    passed = draw(_often(st.just(True), st.booleans()), label=f"{step} passed")
    taken_results = ["fail"] * failures + ["pass"] * passed
    if (TODAY - start).days + 1 < len(taken_results):
        taken_results = []  # no day left for a taken attempt (Step 3 right after a pass)
    dates = draw(_distinct_sorted_dates(start, TODAY, len(taken_results))) if taken_results else []
    out: list[Data] = []
    for day, result in zip(dates, taken_results, strict=True):
        scored = step != "step1" or day < STEP1_PASS_FAIL_FROM
        scores = st.none() | _often(st.integers(200, 280), st.integers(1, 300))
        score = draw(scores) if scored else None
        out.append(attempt(step, day, result, score))
    if "pass" not in taken_results:
        planned = draw(st.integers(0, min(2, ATTEMPT_LIMIT - len(out))), label=f"{step} planned")
        later = TODAY + timedelta(days=1)
        for day in draw(_distinct_sorted_dates(later, later + timedelta(days=730), planned)):
            out.append(attempt(step, day, "planned"))
    return out


def _pass_date(history: list[Data]) -> date | None:
    return next((a["exam_date"] for a in history if a["result"] == "pass"), None)


@st.composite
def _letters(draw: st.DrawFn, graduation: date, target: str) -> list[Data]:
    count = draw(st.integers(0, 5))
    return [
        {
            "writer_title": draw(st.sampled_from(["Program director", "Attending", "Chair"])),
            "specialty": draw(_often(st.just(target), st.sampled_from(SPECIALTY_IDS))),
            "written_on": draw(
                _often(
                    st.dates(TODAY - timedelta(days=300), TODAY),
                    st.dates(graduation - timedelta(days=365), TODAY),
                )
            ),
            "us_based": draw(st.booleans()),
            "strong": draw(st.booleans()),
        }
        for _ in range(count)
    ]


@st.composite
def _last_cycle(draw: st.DrawFn, graduation: date) -> Data:
    match_year = draw(st.integers(max(2016, graduation.year), 2026))
    season = (date(match_year - 1, 6, 1), date(match_year - 1, 12, 31))
    applied = draw(st.integers(0, 300))
    offers = draw(st.integers(0, applied))
    attended = draw(st.integers(0, offers))
    return {
        "match_year": match_year,
        "prior_unsuccessful_cycles": draw(_often(st.just(1), st.integers(0, 4))),
        "specialties_applied": draw(
            st.lists(st.sampled_from(SPECIALTY_IDS), min_size=1, max_size=3, unique=True)
        ),
        "programs_applied": applied,
        "census_divisions": draw(st.integers(1, 9)),
        "interview_offers": offers,
        "interviews_attended": attended,
        "programs_ranked": draw(st.integers(0, attended)),
        "soap": draw(st.sampled_from(["did_not_take_part", "no_position", "ineligible"])),
        "feedback": draw(st.sampled_from(["", "Apply earlier and more broadly."])),
        "eras_submitted_on": draw(st.none() | st.dates(*season)),
        "letters_uploaded_on": draw(st.none() | st.dates(*season)),
        "latest_score_reported_on": draw(
            st.none() | st.dates(graduation - timedelta(days=4 * 365), season[1])
        ),
    }


@st.composite
def valid_profile_data(draw: st.DrawFn) -> Data:
    """A dict that parse_profile(data, TODAY) accepts, drawn across RULES.md §1."""
    graduation = draw(
        _often(
            st.dates(date(2023, 1, 1), date(2026, 6, 30)),
            st.dates(date(2008, 1, 1), date(2026, 6, 30)),
        ),
        label="graduation",
    )
    exam_start = graduation - timedelta(days=4 * 365)
    step1 = draw(_step_history("step1", exam_start))
    step2 = draw(_step_history("step2ck", exam_start))
    step3: list[Data] = []
    passes = (_pass_date(step1), _pass_date(step2))
    if passes[0] is not None and passes[1] is not None and draw(st.booleans(), label="step3"):
        step3 = draw(_step_history("step3", max(passes) + timedelta(days=1)))
    exams = step1 + step2 + step3
    last_cycle = draw(_last_cycle(graduation))
    target = draw(st.sampled_from(SPECIALTY_IDS), label="target")
    return {
        "display_name": draw(st.sampled_from(["", "Test applicant"])),
        "applicant_type": draw(st.sampled_from(["us_md", "us_do", "us_img", "non_us_img"])),
        "graduation_date": graduation,
        "needs_visa": draw(st.booleans()),
        "ecfmg_certified": draw(st.booleans()),
        "exams": draw(st.permutations(exams)),  # file order must not matter
        "target_specialty": target,
        # on TODAY (26 Nov 2026) the 2027 cycle is running; 2028 is the first plannable.
        "target_match_year": draw(st.integers(max(last_cycle["match_year"] + 1, 2028), 2030)),
        "last_cycle": last_cycle,
        "content": {
            "personal_statement": draw(
                st.sampled_from(["generic", "targeted", "weak", "addressed_failure"])
            ),
            "letters": draw(_letters(graduation, target)),
            "activities": draw(st.sampled_from(["relevant", "scattered", "none"])),
        },
        "clinical": {
            "months_since_clinical": draw(_often(st.integers(0, 12), st.integers(0, 120))),
            "clinical_us_based": draw(st.booleans()),
            "clinical_in_target": draw(st.booleans()),
            "current_role": draw(
                st.sampled_from(
                    [
                        "research",
                        "prelim_or_ty",
                        "clinical_job",
                        "observership",
                        "non_clinical_job",
                        "none",
                    ]
                )
            ),
        },
        "advisor_view": draw(st.none() | st.sampled_from(VIEWS)),
        "advisor_notes": "",
    }


def valid_profiles() -> st.SearchStrategy[ApplicantProfile]:
    """Valid ApplicantProfile objects: ``valid_profile_data()`` through parse_profile."""
    return valid_profile_data().map(lambda data: parse_profile(data, TODAY))
