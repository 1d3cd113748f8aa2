"""How many programs, at what cost, with which signals: RULES.md R-50 to R-55.

Cases are parametrized with ids that start with the rule id. Hypothesis checks the
two invariants the issue names: the recommended count never falls as risk rises,
and for a moderate or high tier it is never below last cycle's count. The page
test at the end drives app_pages/programs.py through AppTest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from matchplan.assessment import LEVELS, assess, recommended_program_floor
from matchplan.charts import (
    PROGRAM_COLOURS,
    fee_chart,
    program_count_chart,
)
from matchplan.cli import main
from matchplan.mix_charts import division_chart, mix_chart
from matchplan.pathway import pathway
from matchplan.profile import ApplicantProfile
from matchplan.programs import (
    CountRange,
    ProgramRow,
    applications_for_interviews,
    dual_advised,
    eras_fees,
    interview_target,
    last_cycle_yield,
    list_mix,
    program_data,
    program_plan,
    signal_advice,
    specialty_count,
    specialty_fee,
)
from matchplan.programs import data as programs_data
from matchplan.reference import Level, ReferenceDataError, load_reference
from tests.strategies import (
    CLEAN,
    EXAMPLE_FILE,
    FAILED_ONCE,
    TODAY,
    example_profile,
    profile_with,
    valid_profiles,
)
from tests.widgets import widget

pytestmark = pytest.mark.usefixtures("app_today")  # the app reads its pinned date

REF = load_reference()
DATA = program_data()
ENTRY = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
HYPOTHESIS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def plan(level: Level, target: str, last: int = 0, second: str | None = None) -> tuple[int, ...]:
    """(target min, recommended, max[, second recommended]) as the page shows them."""
    result = program_plan(level, target, last, REF, DATA, second_id=second)
    out = (result.target.count.min, result.target.count.recommended, result.target.count.max)
    return out + tuple(p.count.recommended for p in result.parts[1:])


# --- R-50 / R-51 / R-52 ---------------------------------------------------------------------

COUNT_CASES = [
    pytest.param("low", "em", 0, None, (40, 40, 55), id="R-50-low-tier-40"),
    pytest.param("moderate", "em", 0, None, (70, 70, 90), id="R-50-moderate-tier-70"),
    pytest.param("high", "em", 0, None, (110, 110, 140), id="R-50-high-tier-110"),
    pytest.param("moderate", "im", 0, None, (70, 70, 90), id="R-50-moderate-im-uses-tier-count"),
    pytest.param("high", "im", 0, None, (80, 100, 120), id="R-51-high-risk-im-80-to-120"),
    pytest.param("high", "fm", 0, None, (80, 100, 120), id="R-51-high-risk-fm-80-to-120"),
    pytest.param("high", "peds", 0, None, (80, 100, 120), id="R-51-high-risk-peds-80-to-120"),
    pytest.param("high", "psych", 0, None, (60, 80, 100), id="R-51-high-risk-psych-60-to-100"),
    pytest.param("moderate", "im", 150, None, (151, 160, 160),
                 id="R-51-moderate-always-more-than-last-cycle"),
    pytest.param("high", "psych", 95, None, (96, 105, 105),
                 id="R-51-high-always-more-than-last-cycle"),
    pytest.param("moderate", "im", 65, None, (70, 75, 90),
                 id="R-51-bump-keeps-the-tier-floor"),
    pytest.param("low", "im", 150, None, (40, 40, 55), id="R-51-low-tier-may-apply-to-fewer"),
    pytest.param("high", "derm", 0, "im", (28, 28, 35, 100),
                 id="R-52-ultra-target-quarter-share-plus-full-second"),
    pytest.param("moderate", "dr", 0, "im", (35, 35, 45, 70),
                 id="R-52-competitive-target-half-share-plus-full-second"),
    pytest.param("low", "dr", 0, "im", (40, 40, 55), id="R-52-low-tier-no-dual"),
    pytest.param("high", "im", 0, "fm", (80, 100, 120), id="R-52-primary-care-target-no-dual"),
    pytest.param("high", "derm", 108, "im", (28, 28, 35, 100),
                 id="R-51-the-least-count-is-also-above-last-cycle"),
    pytest.param("high", "derm", 200, "im", (28, 28, 35, 182),
                 id="R-52-last-cycle-shortfall-goes-to-the-second-specialty"),
]  # fmt: skip


@pytest.mark.parametrize(("level", "target", "last", "second", "expected"), COUNT_CASES)
def test_program_counts(
    level: Level, target: str, last: int, second: str | None, expected: tuple[int, ...]
) -> None:
    assert plan(level, target, last, second) == expected


@pytest.mark.parametrize(
    ("level", "target", "last", "second", "rule", "fragment"),
    [
        pytest.param("moderate", "em", 0, None, "R-50",
                     "at least 70 Emergency Medicine programs (illustrative)",
                     id="R-50-reason-says-illustrative"),
        pytest.param("high", "im", 0, None, "R-51", "apply to 80-120+ programs",
                     id="R-51-reason-names-the-range"),
        pytest.param("moderate", "im", 150, None, "R-51",
                     "Always broader than last cycle's 150 programs: never fewer than 151",
                     id="R-51-reason-for-broadening"),
        pytest.param("high", "derm", 0, "im", "R-52", "apply to Internal Medicine in parallel",
                     id="R-52-reason-names-the-second-specialty"),
        pytest.param("high", "derm", 0, "im", "R-52",
                     "Dermatology is ultra-competitive: apply to Internal Medicine in parallel "
                     "with its full count, and to Dermatology at 25% of the 110",
                     id="R-52-reason-gives-the-share"),
        pytest.param("high", "derm", 0, "im", "R-51",
                     "High-risk applicants in Internal Medicine apply to 80-120+",
                     id="R-51-the-second-specialty-count-is-explained"),
    ],
)  # fmt: skip
def test_program_count_reasons(
    level: Level, target: str, last: int, second: str | None, rule: str, fragment: str
) -> None:
    reasons = program_plan(level, target, last, REF, DATA, second_id=second).reasons
    assert any(r.rule == rule and fragment in r.text for r in reasons), [r.text for r in reasons]
    assert all(r.sources for r in reasons if r.rule in ("R-50", "R-51", "R-52"))


def test_r51_the_least_total_is_more_than_last_cycle() -> None:
    """108 last cycle: derm 28 + IM 80 would allow exactly 108, so the least rises to 109."""
    result = program_plan("high", "derm", 108, REF, DATA, second_id="im")
    assert (result.total.min, result.total.recommended, result.total.max) == (109, 128, 155)
    assert result.parts[1].count.min == 81


def test_r51_floor_matches_the_autopsy_finding() -> None:
    """The autopsy's 'apply to at least N' (R-07) and the plan's least count agree."""
    profile = example_profile()
    result = assess(profile, TODAY)
    count = specialty_count(result.overall, profile.target_specialty, REF, DATA)
    assert f"Apply to at least {count.min} programs this cycle." in [f.fix for f in result.findings]


@pytest.mark.parametrize(
    ("level", "target", "advised"),
    [
        pytest.param("moderate", "gs", True, id="R-52-competitive-moderate-dual"),
        pytest.param("high", "ortho", True, id="R-52-ultra-high-dual"),
        pytest.param("low", "ortho", False, id="R-52-low-tier-single"),
        pytest.param("high", "neuro", False, id="R-52-moderate-group-single"),
    ],
)
def test_r52_dual_advised(level: Level, target: str, advised: bool) -> None:
    assert dual_advised(level, REF.specialty(target)) is advised


def test_count_range_rejects_disorder() -> None:
    with pytest.raises(ValueError, match="min <= recommended <= max"):
        CountRange(min=10, recommended=5, max=20)


# --- Hypothesis: counts never fall as risk rises, never below last cycle -----------------------


def planned_total(profile: ApplicantProfile, level: Level) -> int:
    result = assess(profile, TODAY)
    second = pathway(profile, result, REF, DATA).alternatives
    second_id = second[0].specialty_id if second else None
    return program_plan(
        level,
        profile.target_specialty,
        profile.last_cycle.programs_applied,
        REF,
        DATA,
        second_id=second_id,
    ).total.recommended


@HYPOTHESIS
@given(valid_profiles())
def test_r50_r51_recommended_count_never_falls_as_risk_rises(profile: ApplicantProfile) -> None:
    totals = [planned_total(profile, level) for level in LEVELS]
    assert totals == sorted(totals), totals


@HYPOTHESIS
@given(valid_profiles(), st.sampled_from(["moderate", "high"]))
def test_r51_never_below_last_cycle_for_moderate_or_high(
    profile: ApplicantProfile, level: Level
) -> None:
    result = program_plan(
        level,
        profile.target_specialty,
        profile.last_cycle.programs_applied,
        REF,
        DATA,
        second_id="im" if profile.target_specialty != "im" else "fm",
    )
    assert result.total.recommended > profile.last_cycle.programs_applied
    assert result.total.min > profile.last_cycle.programs_applied or (
        profile.last_cycle.programs_applied == 0
    )
    for part in result.parts:
        assert part.count.min <= part.count.recommended <= part.count.max


@HYPOTHESIS
@given(valid_profiles())
def test_r50_the_assessed_tier_count_is_never_below_last_cycle(profile: ApplicantProfile) -> None:
    result = assess(profile, TODAY)
    total = planned_total(profile, result.overall)
    if result.overall != "low":
        assert total >= profile.last_cycle.programs_applied


# --- R-54 fees -----------------------------------------------------------------------------

FEE_CASES = [
    pytest.param({"em": 30}, 330, id="R-54-30-em-costs-330"),
    pytest.param({"im": 43, "dr": 7}, 797, id="R-54-43-im-plus-7-dr-costs-797"),
    pytest.param({"im": 0}, 0, id="R-54-no-programs-no-fee"),
    pytest.param({"im": 1}, 11, id="R-54-first-program-11"),
    pytest.param({"im": 31}, 360, id="R-54-31st-program-costs-30"),
    pytest.param({"im": 100}, 2430, id="R-54-100-im-programs"),
    pytest.param({"im": 30, "fm": 30}, 660, id="R-54-count-restarts-per-specialty"),
    pytest.param({"obgyn": 40}, 0, id="R-54-obgyn-outside-eras-costs-nothing-here"),
]


@pytest.mark.parametrize(("counts", "program_fees"), FEE_CASES)
def test_r54_program_fees(counts: dict[str, int], program_fees: int) -> None:
    assert eras_fees(counts, REF, DATA).program_fees == program_fees


def test_r54_the_data_reproduces_the_aamc_worked_examples() -> None:
    examples = DATA.fees.worked_examples
    assert [(dict(e.programs), e.program_fees) for e in examples] == [
        ({"em": 30}, 330),
        ({"im": 43, "dr": 7}, 797),
    ]
    for example in examples:
        assert eras_fees(example.programs, REF, DATA).program_fees == example.program_fees


def test_r54_transcript_fee_once_per_season() -> None:
    fees = eras_fees({"im": 43, "dr": 7}, REF, DATA)
    assert (fees.program_fees, fees.transcript_fee, fees.total) == (797, 80, 877)
    assert eras_fees({"em": 30}, REF, DATA, transcript=False).total == 330
    assert eras_fees({"obgyn": 40}, REF, DATA).transcript_fee == 0  # nothing sent via ERAS


def test_r54_fee_notes_for_specialties_outside_or_partly_outside_eras() -> None:
    notes = eras_fees({"obgyn": 40, "uro": 20}, REF, DATA).notes
    assert any("Obstetrics & Gynecology" in n and "ERAS fees do not apply" in n for n in notes)
    assert any(n.startswith("Urology:") and "AUA" in n for n in notes)


@given(st.integers(0, 400), st.integers(0, 400))
def test_r54_fee_grows_with_each_program(count: int, more: int) -> None:
    schedule = DATA.fees
    assert specialty_fee(count + more, schedule) >= specialty_fee(count, schedule)
    assert specialty_fee(count, schedule) == 11 * min(count, 30) + 30 * max(0, count - 30)


# --- R-55 signals ---------------------------------------------------------------------------

SIGNAL_CASES = [
    pytest.param("im", "3 gold + 12 silver", 15, id="R-55-im-3-gold-12-silver"),
    pytest.param("fm", "5", 5, id="R-55-fm-5"),
    pytest.param("psych", "10", 10, id="R-55-psych-10"),
    pytest.param("gs", "15", 15, id="R-55-general-surgery-15"),
    pytest.param("ortho", "30", 30, id="R-55-orthopaedics-30"),
    pytest.param("anes", "5 gold + 10 silver", 15, id="R-55-anesthesiology-5-gold-10-silver"),
    pytest.param("obgyn", "none", 0, id="R-55-obgyn-not-in-the-2025-eras-table"),
]


@pytest.mark.parametrize(("specialty", "label", "total"), SIGNAL_CASES)
def test_r55_signals_per_specialty(specialty: str, label: str, total: int) -> None:
    advice = signal_advice(REF.specialty(specialty), 2028, "high")
    assert (advice.label, advice.total) == (label, total)
    assert REF.source(advice.sources[0]).confidence == "official"


def test_r55_advice_spends_signals_where_realistic_and_flags_the_season() -> None:
    advice = signal_advice(REF.specialty("em"), 2028, "high")
    text = " ".join(advice.advice)
    assert "where you are realistic" in text
    assert "do not signal your home program" in text  # EM's specialty guidance
    assert advice.assumed_for_later_season
    assert not signal_advice(REF.specialty("em"), 2025, "high").assumed_for_later_season


def test_r55_no_signals_says_so() -> None:
    advice = signal_advice(REF.specialty("obgyn"), 2028, "high")
    assert "no ERAS signals to plan" in advice.advice[0]


def test_specialty_reference_values_carry_sources_and_years() -> None:
    for spec in REF.specialties:
        assert spec.signals.season >= 2025
        for source in (spec.signals.source, spec.route.application_source, spec.route.match_source):
            assert REF.source(source).year >= 2016
    assert REF.specialty("uro").route.nrmp_main_match is False
    assert REF.specialty("obgyn").route.application == "other"
    assert {s.id for s in REF.specialties if not s.route.nrmp_main_match} == {"uro"}
    assert [m.name for m in DATA.outside_main_match][:2] == ["Ophthalmology", "Urology"]


# --- interviews -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "yield_rate", "applications"),
    [
        pytest.param(12, 3 / 45, 180, id="example-12-interviews-at-6.7-percent"),
        pytest.param(12, 0.1, 120, id="12-interviews-at-10-percent"),
        pytest.param(12, 0.15, 80, id="12-interviews-at-15-percent"),
        pytest.param(10, 1.0, 10, id="every-application-an-interview"),
        pytest.param(12, 0.0, None, id="zero-yield-has-no-answer"),
    ],
)
def test_applications_for_an_interview_target(
    target: int, yield_rate: float, applications: int | None
) -> None:
    assert applications_for_interviews(target, yield_rate) == applications


def test_last_cycle_yield_guards_zero_applications() -> None:
    assert last_cycle_yield(example_profile()) == pytest.approx(3 / 45)
    none_applied = profile_with(
        CLEAN,
        last_cycle={
            "programs_applied": 0,
            "interview_offers": 0,
            "interviews_attended": 0,
            "programs_ranked": 0,
        },
    )
    assert last_cycle_yield(none_applied) is None


def test_interview_targets_are_labelled_assumptions() -> None:
    assert interview_target(REF.specialty("im"), DATA) == 12
    assert REF.source(DATA.interview_targets.source).confidence == "assumption"
    assert REF.source(DATA.target_mix.source).confidence == "assumption"
    assert REF.source(DATA.tier_upper.source).confidence == "assumption"
    assert REF.source(DATA.dual_application.source).confidence == "assumption"


# --- R-53 the list's mix -------------------------------------------------------------------


def row(name: str, state: str, kind: str, setting: str, signal: bool = False) -> ProgramRow:
    return ProgramRow.model_validate(
        {"program": name, "state": state, "type": kind, "setting": setting, "signal": signal}
    )


UNIVERSITY_HEAVY = [
    row("A", "NY", "university", "urban", signal=True),
    row("B", "NY", "university", "urban", signal=True),
    row("C", "NJ", "university", "urban"),
    row("D", "PA", "university-affiliated", "suburban"),
]


@pytest.mark.parametrize(
    ("level", "fragment"),
    [
        pytest.param("high", "Community: 0% of the list, short of the 60% minimum for a high tier",
                     id="R-53-too-few-community-programs-for-high-tier"),
        pytest.param("high", "Rural: 0% of the list, short of the 35% minimum",
                     id="R-53-too-few-rural-programs"),
        pytest.param("high", "covers 1 census division(s); a high-risk applicant spreads over at "
                     "least 3", id="R-53-narrow-geography"),
        pytest.param("high", "3 programs are marked for a signal; the specialty gives 2",
                     id="R-55-more-signals-marked-than-allowed"),
        pytest.param("high", "The list has 4 programs; the plan calls for at least 80",
                     id="R-50-list-shorter-than-the-plan"),
    ],
)  # fmt: skip
def test_r53_mix_findings(level: Level, fragment: str) -> None:
    rows = [*UNIVERSITY_HEAVY[:3], row("D", "PA", "university-affiliated", "suburban", signal=True)]
    mix = list_mix(rows, level, REF, DATA, signals_allowed=2, recommended_min=80)
    assert any(fragment in f.text for f in mix.findings), [f.text for f in mix.findings]


def test_R53_revised_only_shortfalls_are_flagged() -> None:
    # Revised R-53: the targets are minimums; a rural or community share above target,
    # or too few university programs, is never a problem, least of all at a high tier.
    rows = [
        row("A", "OH", "community", "rural"),
        row("B", "NM", "community", "rural"),
        row("C", "MS", "community", "rural"),
        row("D", "WV", "university-affiliated", "suburban"),
        row("E", "TX", "university-affiliated", "urban"),
        row("F", "IA", "community", "rural"),
    ]
    texts = [f.text for f in list_mix(rows, "high", REF, DATA).findings]
    assert not any("above" in t or "Rural" in t or "University:" in t for t in texts), texts
    university_heavy = [f.text for f in list_mix(UNIVERSITY_HEAVY, "high", REF, DATA).findings]
    assert not any(t.startswith("University:") for t in university_heavy)


def test_r53_mix_shares_states_and_divisions() -> None:
    rows = [
        row("A", "OH", "community", "rural"),
        row("B", "NM", "community", "rural"),
        row("C", "MS", "university-affiliated", "suburban"),
        row("D", "PR", "community", "urban"),
    ]
    mix = list_mix(rows, "high", REF, DATA)
    assert [(r.category, r.count, r.actual) for r in mix.types] == [
        ("community", 3, 75.0),
        ("university-affiliated", 1, 25.0),
        ("university", 0, 0.0),
    ]
    assert mix.states == ("MS", "NM", "OH", "PR")
    assert mix.divisions_used == 3
    assert mix.outside_divisions == 1  # Puerto Rico belongs to no census division
    assert dict(mix.divisions)["Mountain"] == 1


def test_r53_a_list_on_target_has_no_findings() -> None:
    rows = [
        row(f"P{i}", state, kind, setting)
        for i, (state, kind, setting) in enumerate(
            [
                ("OH", "community", "rural"),
                ("NM", "community", "rural"),
                ("MS", "community", "suburban"),
                ("TX", "community", "urban"),
                ("IA", "community", "suburban"),
                ("WV", "community", "rural"),
                ("NY", "university-affiliated", "urban"),
                ("GA", "university-affiliated", "suburban"),
                ("KY", "university-affiliated", "rural"),
                ("WA", "university", "urban"),
            ]
        )
    ]
    assert list_mix(rows, "high", REF, DATA).findings == ()


def test_r53_target_mix_moves_towards_community_as_risk_rises() -> None:
    community = [DATA.target_mix.for_level(lv).type["community"] for lv in LEVELS]
    rural = [DATA.target_mix.for_level(lv).setting["rural"] for lv in LEVELS]
    assert community == sorted(community)
    assert rural == sorted(rural)


def test_census_divisions_cover_every_state_and_dc_once() -> None:
    divisions = DATA.census_divisions.divisions
    codes = [c for states in divisions.values() for c in states]
    assert len(divisions) == 9
    assert len(codes) == len(set(codes)) == 51
    assert DATA.census_divisions.division_of("DC") == "South Atlantic"
    assert DATA.census_divisions.division_of("PR") is None


# --- reference data for this module fails loudly -------------------------------------------


def test_program_data_with_an_unknown_source_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    real = programs_data.read_data

    def broken(name: str) -> dict[str, Any]:
        data = real(name)
        if name == "program_strategy.json":
            data["interview_targets"]["source"] = "nowhere"
        return data

    monkeypatch.setattr(programs_data, "read_data", broken)
    with pytest.raises(ReferenceDataError, match="unknown source ids: nowhere"):
        program_data.__wrapped__()


def test_fee_bands_with_a_gap_fail_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    real = programs_data.read_data

    def broken(name: str) -> dict[str, Any]:
        data = real(name)
        if name == "fees.json":
            data["eras"]["bands"][1]["first"] = 32
        return data

    monkeypatch.setattr(programs_data, "read_data", broken)
    with pytest.raises(ReferenceDataError, match=r"fees\.json: invalid at fees"):
        program_data.__wrapped__()


# --- figures --------------------------------------------------------------------------------


def test_program_count_chart_shows_last_cycle_split_range_and_what_if() -> None:
    result = program_plan("high", "derm", 45, REF, DATA, second_id="im")
    fig = program_count_chart(result, what_if=60)
    bars = {t.name: (list(t.x), list(t.y)) for t in fig.data if t.type == "bar"}
    assert bars["Last cycle"] == (["Last cycle"], [45])
    assert bars["Dermatology (recommended)"] == (["Recommended"], [28])
    assert bars["Internal Medicine (recommended)"] == (["Recommended"], [100])
    assert bars["What-if"] == (["What-if"], [60])
    (range_marker,) = [t for t in fig.data if t.type == "scatter"]
    assert range_marker.name == "Range 108-155"
    assert fig.layout.barmode == "stack"
    colours = {t.marker.color for t in fig.data if t.type == "bar"}
    assert colours <= set(PROGRAM_COLOURS.values())


def test_fee_chart_stacks_specialties_and_transcript() -> None:
    fig = fee_chart(
        [
            ("Recommended", eras_fees({"im": 43, "dr": 7}, REF, DATA)),
            ("What-if", eras_fees({"em": 30}, REF, DATA)),
        ]
    )
    bars = {t.name: list(t.y) for t in fig.data if t.type == "bar"}
    assert bars == {
        "Internal Medicine": [720, 0],
        "Diagnostic Radiology": [77, 0],
        "Emergency Medicine": [0, 330],
        "USMLE transcript": [80, 80],
    }
    (totals,) = [t for t in fig.data if t.type == "scatter"]
    assert list(totals.text) == ["$877", "$410"]


def test_fee_chart_keeps_the_plan_colours_whatever_the_scenario_order() -> None:
    scenarios = [
        ("Last cycle", eras_fees({"im": 45}, REF, DATA)),
        ("Recommended", eras_fees({"derm": 28, "im": 100}, REF, DATA)),
    ]
    fig = fee_chart(scenarios, order=["derm", "im"])
    colours = {t.name: t.marker.color for t in fig.data if t.type == "bar"}
    assert colours["Dermatology"] == PROGRAM_COLOURS["target"]
    assert colours["Internal Medicine"] == PROGRAM_COLOURS["second"]


def test_mix_and_division_charts() -> None:
    mix = list_mix(UNIVERSITY_HEAVY, "high", REF, DATA)
    fig = mix_chart(mix)
    assert [t.name for t in fig.data] == ["Your list", "Target, high tier (assumption)"]
    assert list(fig.data[0].x)[:3] == [0.0, 25.0, 75.0]
    assert list(fig.data[1].x)[:3] == [60, 30, 10]
    divisions = division_chart(mix)
    assert sum(divisions.data[0].y) == 4
    assert "1 of 9" in divisions.layout.title.text


# --- the command line gains pathway, alternatives, programs ---------------------------------


def test_cli_assess_reports_pathway_alternatives_and_programs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["assess", str(EXAMPLE_FILE), "--today", TODAY.isoformat()]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["pathway"] == "retarget"
    assert output["alternatives"][0] == "Family Medicine"
    programs = output["programs"]
    assert (programs["min"], programs["recommended"], programs["max"]) == (80, 100, 120)
    assert programs["total"] == 100
    assert programs["by_specialty"] == {
        "im": {"role": "target", "min": 80, "recommended": 100, "max": 120}
    }


def test_cli_dual_application_reports_the_target_share(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "derm.json"
    data = json.loads(json.dumps(FAILED_ONCE))
    data["target_specialty"] = "derm"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["assess", str(path), "--today", TODAY.isoformat()]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["pathway"] == "pivot"
    assert output["alternatives"][0] == "Internal Medicine"
    programs = output["programs"]
    assert programs["by_specialty"]["derm"]["recommended"] == 18  # R-52 share of the target
    parts = programs["by_specialty"].values()
    # The headline is the dual split's total, never the target's share alone (R-23, R-52).
    assert programs["total"] == programs["recommended"] == sum(p["recommended"] for p in parts)
    assert programs["total"] > 18
    assert (
        output["fees"]["total"]
        == sum(output["fees"]["by_specialty"].values()) + (output["fees"]["transcript"])
    )


# --- the Programs page (AppTest) -------------------------------------------------------------


def programs_page() -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    app.switch_page("app_pages/programs.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metric(app: AppTest, label: str) -> str:
    return next(str(m.value) for m in app.metric if m.label == label)


def test_programs_page_runs_on_the_example() -> None:
    app = programs_page()
    assert app.title[0].value == "Programs"
    assert metric(app, "Recommended programs") == "100"
    assert metric(app, "Range") == "80-120"
    assert metric(app, "Applications for that target") == "180"
    assert metric(app, "Recommended: total") == "$2,510"
    assert metric(app, "Internal Medicine: signals") == "3 gold + 12 silver"


@pytest.mark.parametrize(
    ("tier", "recommended", "cost"),
    [
        # Revised R-51: an IMG (the example is a US-citizen IMG) applies to 80-120+
        # programs in IM whatever the tier, so a lower tier no longer shrinks the list.
        pytest.param("low", "100", "$2,510", id="R-51-revised-img-tier-what-if-low"),
        pytest.param("moderate", "100", "$2,510", id="R-51-revised-img-tier-what-if-moderate"),
    ],
)
def test_programs_page_tier_what_if_sets_the_count_and_cost(
    tier: str, recommended: str, cost: str
) -> None:
    app = programs_page()
    widget(app, "selectbox", "programs_tier").set_value(tier).run()
    assert not app.exception
    assert metric(app, "Recommended programs") == recommended
    assert metric(app, "Recommended: total") == cost


def test_programs_page_what_if_count_adds_a_cost() -> None:
    app = programs_page()
    widget(app, "number_input", "programs_whatif_count").set_value(30).run()
    assert not app.exception
    assert metric(app, "What-if: total") == "$410"  # 30 x $11 + $80 transcript


def test_programs_page_yield_what_if_changes_the_applications_needed() -> None:
    app = programs_page()
    widget(app, "number_input", "programs_yield").set_value(15.0).run()
    assert metric(app, "Applications for that target") == "80"
    widget(app, "number_input", "programs_yield").set_value(0.0).run()
    assert metric(app, "Applications for that target") == "—"
    assert any("0% yield" in str(w.value) for w in app.warning)


def test_R51_revised_moderate_tier_non_us_img_with_visa_in_im() -> None:
    # Revised R-51: 80-120+ for every IMG; a visa need keeps at least the middle.
    before_floor = 70  # R-50's moderate count, what this applicant got before
    plan = program_plan("moderate", "im", 45, REF, DATA, img=True, visa=True)
    assert plan.total.min == 100 > before_floor
    assert plan.total.recommended == 100
    assert any(r.rule == "R-51" and "J-1 or H-1B" in r.text for r in plan.reasons)
    no_visa = program_plan("moderate", "im", 45, REF, DATA, img=True)
    assert (no_visa.total.min, no_visa.total.recommended) == (80, 100)
    assert recommended_program_floor("moderate", "im", REF, img=True) == 80


def test_R52_revised_derm_plan_total_and_next_actions_use_the_split() -> None:
    # After R-23 the count follows the dual split and its total, never the target's share.
    profile = profile_with(
        FAILED_ONCE, target_specialty="derm", last_cycle={"programs_applied": 45}
    )
    result = assess(profile, TODAY, REF)
    plan = program_plan(result.overall, "derm", 45, REF, DATA, second_id="im")
    assert set(plan.by_specialty) == {"derm", "im"}
    assert plan.total.min == sum(c.min for c in plan.by_specialty.values())
    assert plan.headline().startswith("Apply to ")
    assert f"= {plan.total.recommended} programs in all" in plan.headline()
    actions = result.next_actions(10, program_total=plan.total.min)
    assert f"Apply to at least {plan.total.min} programs in all this cycle." in actions
    assert not any(a == "Apply to at least 70 programs this cycle." for a in actions)
