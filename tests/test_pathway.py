"""Stay or pivot: RULES.md R-20 to R-25 and R-52 (matchplan/pathway.py).

The path follows the advisor view of R-20 (optimistic -> stay, cautious ->
retarget, pessimistic -> pivot) and becomes "alternatives" (careers outside
residency) when R-25 fires strongly. Each case starts from a hand-made base
applicant (tests/strategies.py) and changes one input; ids start with the rule.
The page tests at the end drive app_pages/pathway.py through AppTest.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from streamlit.testing.v1 import AppTest

from matchplan.assessment import assess
from matchplan.pathway import (
    PATHS,
    VIEW_TO_PATH,
    Path,
    Pathway,
    pathway,
    rank_alternatives,
    strong_other_careers,
)
from matchplan.profile import ApplicantProfile
from matchplan.programs import program_data, program_plan
from matchplan.reference import load_reference
from tests.strategies import (
    CLEAN,
    FAILED_ONCE,
    TODAY,
    attempt,
    example_profile,
    profile_with,
    valid_profiles,
)
from tests.widgets import plan_of, widget

pytestmark = pytest.mark.usefixtures("app_today")  # the app reads its pinned date

REF = load_reference()
DATA = program_data()
ENTRY = str(FilePath(__file__).resolve().parent.parent / "streamlit_app.py")
HYPOTHESIS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

S1_PASS = attempt("step1", "2023-04-10", "pass")
S1_FAIL = attempt("step1", "2023-01-10", "fail")


def s2(score: int | None, result: str = "pass", day: str = "2024-08-20") -> dict[str, Any]:
    return attempt("step2ck", day, result, score)


def step1_fails(count: int) -> list[dict[str, Any]]:
    return [attempt("step1", f"2022-0{month}-10", "fail") for month in (1, 3, 5, 7)[:count]]


def path_of(base: dict[str, Any], override: Path | None = None, **changes: Any) -> Pathway:
    profile = profile_with(base, **changes)
    return pathway(profile, assess(profile, TODAY), REF, DATA, override)


# --- R-20..R-25: the proposed path ------------------------------------------------------------

PATH_CASES = [
    pytest.param(FAILED_ONCE, {}, "stay", "R-21", "Internal Medicine is not hyper-competitive",
                 id="R-20-optimistic-view-means-stay"),
    pytest.param(FAILED_ONCE, {"target_specialty": "psych"}, "stay", "R-21",
                 "Psychiatry is not hyper-competitive",
                 id="R-21-one-step1-failure-solid-step2-stays-in-psychiatry"),
    pytest.param(FAILED_ONCE, {"exams": [S1_FAIL, S1_PASS, s2(235)]}, "retarget", "R-21",
                 "235 is below Internal Medicine's bar (240)",
                 id="R-21-below-the-solid-bar-after-a-failure-retargets"),
    pytest.param(CLEAN, {"exams": [S1_PASS, s2(None, "fail", "2024-03-01"), s2(245)]},
                 "retarget", "R-22", "A Step 2 CK failure opens the pivot conversation",
                 id="R-22-step2-failure-retargets"),
    pytest.param(CLEAN, {"exams": [*step1_fails(2), S1_PASS, s2(250)]}, "retarget", "R-22",
                 "Several failed attempts", id="R-22-several-failures-retarget"),
    pytest.param(CLEAN, {"exams": [S1_FAIL, S1_PASS, s2(225)]}, "retarget", "R-22",
                 "A low passing Step 2 CK (225)", id="R-22-low-step2-pass-retargets"),
    pytest.param(FAILED_ONCE, {}, "stay", "R-20",
                 "MatchPlan proposes the optimistic view, which maps to: stay in the specialty",
                 id="R-20-the-mapping-is-a-reason"),
    pytest.param(CLEAN, {"exams": [*step1_fails(3), s2(250)]}, "alternatives", "R-20",
                 "pessimistic view with strong signs for other careers (R-25), which maps to: "
                 "weigh careers outside residency", id="R-20-strong-r25-mapping-is-a-reason"),
    pytest.param(FAILED_ONCE, {"target_specialty": "derm"}, "pivot", "R-23",
                 "Dermatology is functionally closed", id="R-23-dermatology-after-failure-pivots"),
    *(
        pytest.param(FAILED_ONCE, {"target_specialty": spec.id}, "pivot", "R-23",
                     f"{spec.name} is functionally closed",
                     id=f"R-23-{spec.id}-after-failure-pivots")
        for spec in REF.specialties
        if spec.group == "ultra" and spec.id != "derm"
    ),
    pytest.param(FAILED_ONCE, {"graduation_date": "2024-05-15"}, "retarget", "R-24",
                 "3.3 years from graduation raises caution", id="R-24-past-3-years-retargets"),
    pytest.param(FAILED_ONCE, {"graduation_date": "2022-05-15"}, "pivot", "R-24",
                 "5.3 years from graduation without recent clinical work",
                 id="R-24-past-5-years-without-step3-pivots"),
    pytest.param(CLEAN, {"exams": [*step1_fails(3), s2(250)]}, "alternatives", "R-25",
                 "One attempt left at Step 1", id="R-25-one-attempt-left-means-other-careers"),
    pytest.param(CLEAN, {"exams": [*step1_fails(2), S1_PASS, s2(None, "fail", "2024-03-01"),
                                   s2(240)]}, "alternatives", "R-25",
                 "Failures at both Step 1 and Step 2 CK",
                 id="R-25-failures-at-both-steps-mean-other-careers"),
    pytest.param(FAILED_ONCE, {"clinical": {"months_since_clinical": 48}}, "alternatives",
                 "R-25", "No clinical work for four years",
                 id="R-25-four-years-without-clinical-work-means-other-careers"),
    pytest.param(FAILED_ONCE, {"clinical": {"months_since_clinical": 47}}, "retarget",
                 "R-04", "Overall risk is high", id="R-25-47-months-is-not-yet-other-careers"),
    pytest.param(FAILED_ONCE, {"last_cycle": {"prior_unsuccessful_cycles": 2}}, "retarget",
                 "R-25", "Two or more unsuccessful cycles",
                 id="R-25-two-cycles-retargets-and-weighs-other-careers"),
]  # fmt: skip


@pytest.mark.parametrize(("base", "changes", "path", "rule", "fragment"), PATH_CASES)
def test_proposed_path(
    base: dict[str, Any], changes: dict[str, Any], path: Path, rule: str, fragment: str
) -> None:
    result = path_of(base, **changes)
    assert result.proposed == path
    assert result.effective == path
    texts = [r.text for r in result.reasons if r.rule == rule]
    assert any(fragment in t for t in texts), [r.text for r in result.reasons]
    assert result.reasons[0].rule == "R-20"  # the mapping comes first


def test_r25_soft_trigger_still_shows_other_careers_but_not_as_the_path() -> None:
    result = path_of(FAILED_ONCE, last_cycle={"prior_unsuccessful_cycles": 2})
    assert result.proposed == "retarget"
    assert [r.text for r in result.other_careers] == ["Two or more unsuccessful cycles."]


def test_r25_strong_triggers_are_the_high_level_r25_reasons() -> None:
    profile = profile_with(CLEAN, exams=[*step1_fails(3), s2(250)])
    result = assess(profile, TODAY)
    strong = strong_other_careers(result)
    assert [r.text for r in strong] == ["One attempt left at Step 1."]
    assert pathway(profile, result, REF, DATA).other_careers == strong


def test_example_applicant_retargets() -> None:
    profile = example_profile()
    result = pathway(profile, assess(profile, TODAY), REF, DATA)
    assert (result.proposed, result.effective, result.advisor_override) == (
        "retarget",
        "retarget",
        None,
    )


# --- the advisor's override is recorded with the proposal ------------------------------


@pytest.mark.parametrize(
    ("override", "advisor_view", "effective"),
    [
        pytest.param("pivot", None, "pivot", id="R-20-advisor-path-override-wins"),
        pytest.param(None, "pessimistic", "pivot", id="R-20-advisor-view-maps-to-a-path"),
        pytest.param(None, "cautious", "retarget", id="R-20-cautious-view-retargets"),
        pytest.param("alternatives", "cautious", "alternatives",
                     id="R-20-path-override-beats-the-recorded-view"),
        pytest.param("stay", None, "stay", id="R-20-agreeing-override-is-still-recorded"),
    ],
)  # fmt: skip
def test_r20_override_recorded_next_to_the_proposal(
    override: Path | None, advisor_view: str | None, effective: Path
) -> None:
    result = path_of(FAILED_ONCE, override, advisor_view=advisor_view)
    assert result.proposed == "stay"
    assert result.advisor_override == effective
    assert result.effective == effective


def test_r20_view_to_path_mapping_is_complete() -> None:
    assert VIEW_TO_PATH == {"optimistic": "stay", "cautious": "retarget", "pessimistic": "pivot"}
    assert set(PATHS) == {*VIEW_TO_PATH.values(), "alternatives"}


# --- realistic alternatives --------------------------------------------


def test_r22_alternatives_for_the_example_internal_medicine_applicant() -> None:
    # Issue 11: every alternative is more accessible than the target by the data held
    # (a lower matched mean Step 2 CK in the same table), said in plain words.
    alternatives = rank_alternatives(example_profile(), REF, DATA)
    assert [a.name for a in alternatives] == [
        "Family Medicine",
        "Psychiatry",
        "Pathology",
        "Physical Medicine & Rehabilitation",
        "Emergency Medicine",
    ]
    fm = alternatives[0]
    assert fm.why == (
        "More accessible by the data: matched applicants' mean Step 2 CK is 238, against "
        "248 for Internal Medicine.",
        "Named in the article as a less competitive option (R-22).",
        "Related to Internal Medicine: clinical work and letters carry over.",
        "Your Step 2 CK 231 is 9 points below the score programs in Family Medicine "
        "usually look for (240, R-31).",
    )
    assert fm.margin == -9
    assert "margin" not in fm.margin_words
    assert "article" in fm.sources
    assert "medschoolcoach-estimator" in fm.sources


def test_R22_family_medicine_has_no_more_accessible_alternative() -> None:
    # Issue 11: nothing in the data is more accessible than FM; say so, weight on breadth.
    profile = profile_with(FAILED_ONCE, target_specialty="fm")
    assert rank_alternatives(profile, REF, DATA) == ()
    result = pathway(profile, assess(profile, TODAY, REF), REF, DATA)
    assert result.alternatives == ()
    assert "No specialty in MatchPlan's data is more accessible than Family Medicine" in (
        result.no_alternative
    )
    assert "community programs" in result.no_alternative


def test_R22_psychiatry_is_never_labelled_primary_care() -> None:
    from matchplan.programs import GROUP_LABELS

    assert GROUP_LABELS[REF.specialty("psych").group] != "primary care"
    assert REF.specialty_groups.source == "matchplan-assumption"


@pytest.mark.parametrize(
    ("changes", "first", "expected_ids", "excluded_ids"),
    [
        pytest.param({"target_specialty": "derm"}, "Internal Medicine",
                     {"im", "fm", "peds", "psych", "path"}, {"ortho", "plastics", "derm"},
                     id="R-23-no-ultra-alternative-after-a-failure"),
        pytest.param({"target_specialty": "gs"}, "Emergency Medicine",
                     {"em", "obgyn", "fm", "im", "peds"}, {"gs", "dr"},
                     id="R-22-related-and-less-competitive-first-for-surgery"),
        pytest.param({"target_specialty": "em"}, "Family Medicine",
                     {"fm", "peds", "psych", "path", "pmr"}, {"em", "neuro", "anes", "im"},
                     id="R-22-only-less-competitive-for-a-moderate-target"),
    ],
)  # fmt: skip
def test_r22_r23_alternatives(
    changes: dict[str, Any], first: str, expected_ids: set[str], excluded_ids: set[str]
) -> None:
    alternatives = rank_alternatives(profile_with(FAILED_ONCE, **changes), REF, DATA)
    ids = {a.specialty_id for a in alternatives}
    assert alternatives[0].name == first
    assert ids == expected_ids
    assert not ids & excluded_ids


@pytest.mark.parametrize(
    ("score", "competitive_ids"),
    [
        pytest.param(250, {"gs", "dr"}, id="R-31-competitive-alternatives-when-the-bar-is-met"),
        pytest.param(244, {"gs"}, id="R-31-radiology-needs-246"),
        pytest.param(238, set(), id="R-31-no-competitive-alternative-below-the-bars"),
    ],
)
def test_r31_competitive_alternatives_need_their_solid_bar(
    score: int, competitive_ids: set[str]
) -> None:
    profile = profile_with(
        FAILED_ONCE, target_specialty="derm", exams=[S1_FAIL, S1_PASS, s2(score)]
    )
    alternatives = rank_alternatives(profile, REF, DATA, limit=50)
    assert {a.specialty_id for a in alternatives if a.group == "competitive"} == competitive_ids


def test_alternatives_without_a_step2_score_say_so() -> None:
    profile = profile_with(CLEAN, exams=[S1_PASS, attempt("step2ck", "2027-03-01", "planned")])
    alternatives = rank_alternatives(profile, REF, DATA)
    assert alternatives
    assert all("No Step 2 CK score yet" in a.why[-1] for a in alternatives)


# --- dual application ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "changes", "advised", "second"),
    [
        pytest.param(FAILED_ONCE, {"target_specialty": "derm"}, True, "im",
                     id="R-52-dermatology-after-failure-dual-with-internal-medicine"),
        pytest.param(FAILED_ONCE, {"target_specialty": "dr"}, True, "im",
                     id="R-52-radiology-after-failure-dual"),
        pytest.param(CLEAN, {"target_specialty": "derm"}, False, None,
                     id="R-52-low-tier-needs-no-dual"),
        pytest.param(FAILED_ONCE, {}, False, None, id="R-52-primary-care-needs-no-dual"),
    ],
)  # fmt: skip
def test_r52_dual_application(
    base: dict[str, Any], changes: dict[str, Any], advised: bool, second: str | None
) -> None:
    result = path_of(base, **changes)
    assert result.dual_advised is advised
    assert result.second_specialty == second


# --- Hypothesis: invariants over every valid profile ------------------------------------------


@HYPOTHESIS
@given(valid_profiles())
def test_any_valid_profile_gets_a_path(profile: ApplicantProfile) -> None:
    result = assess(profile, TODAY)
    path = pathway(profile, result, REF, DATA)
    strong = strong_other_careers(result)
    assert path.proposed == ("alternatives" if strong else VIEW_TO_PATH[result.view.proposed])
    expected_override = VIEW_TO_PATH[profile.advisor_view] if profile.advisor_view else None
    assert path.advisor_override == expected_override
    assert path.effective in PATHS
    assert path.reasons
    ids = [a.specialty_id for a in path.alternatives]
    assert profile.target_specialty not in ids
    assert len(ids) == len(set(ids)) <= 5
    if profile.total_failures():
        assert all(a.group != "ultra" for a in path.alternatives)
    for alternative in path.alternatives:
        assert alternative.why
        if alternative.group == "competitive":
            assert alternative.margin is not None
            assert alternative.margin >= 0
    if path.dual_advised and path.alternatives:
        # Revised R-21: the second specialty is the first stay-realistic alternative.
        realistic = [a for a in path.alternatives if a.specialty_id in REF.stay_realistic_ids()]
        assert path.second_specialty == (realistic or list(path.alternatives))[0].specialty_id


# --- the Stay or pivot page (AppTest) -----------------------------------------------------------


def pathway_page() -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    app.switch_page("app_pages/pathway.py").run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def markdown(app: AppTest) -> list[str]:
    return [str(m.value) for m in app.markdown]


def test_pathway_page_shows_the_proposal_and_alternatives() -> None:
    app = pathway_page()
    assert app.title[0].value == "Stay or pivot"
    assert "#### Same specialty, re-targeted" in markdown(app)
    assert "MatchPlan's proposal." in [str(c.value) for c in app.caption]
    texts = markdown(app)
    assert "**1. Family Medicine**" in texts
    assert "**2. Psychiatry**" in texts
    assert any(
        "Your Step 2 CK 231 is 9 points below the score programs in Family Medicine usually "
        "look for (240)." in t
        for t in texts
    )
    reference = app.dataframe[0].value  # the specialty reference table
    assert len(reference) == len(REF.specialties)
    im = reference[reference["Specialty"] == "Internal Medicine"].iloc[0]
    assert im["Signals (season)"] == "3 gold + 12 silver (2025)"
    assert im["High-risk range"] == "80-120+"
    assert "QuantaPrep 2026" in im["Sources"]  # the page's own date (facts §3.3)
    assert "AAMC 2024" in im["Sources"]


def test_pathway_override_is_recorded_and_reset_with_a_new_profile() -> None:
    app = pathway_page()
    widget(app, "selectbox", "pathway_override").set_value("pivot").run()
    assert not app.exception
    assert plan_of(app).path_override == "pivot"
    assert "#### Pivot to another specialty" in markdown(app)
    assert any(
        "MatchPlan proposed: same specialty, re-targeted" in str(c.value) for c in app.caption
    )
    app.switch_page("app_pages/programs.py").run()
    app.switch_page("app_pages/pathway.py").run()
    assert widget(app, "selectbox", "pathway_override").value == "pivot"  # kept with the plan
    app.button(key="sidebar_load_example").click().run()
    assert plan_of(app).path_override is None


@pytest.mark.parametrize(
    ("target", "score"),
    [
        pytest.param("dr", 247, id="R-21-revised-diagnostic-radiology-247"),
        pytest.param("gs", 243, id="R-21-revised-general-surgery-243"),
        pytest.param("em", 240, id="R-21-revised-emergency-medicine-240"),
        pytest.param("anes", 241, id="R-21-revised-anesthesiology-241"),
        pytest.param("obgyn", 240, id="R-21-revised-obgyn-240"),
        pytest.param("pmr", 238, id="R-21-revised-pmr-238"),
    ],
)
def test_R21_revised_no_stay_after_failure_outside_the_stay_realistic_group(
    target: str, score: int
) -> None:
    # One Step 1 failure later passed, Step 2 CK at the specialty's solid bar or above:
    # before, "stay" with no dual application; now re-target with a dual application.
    profile = profile_with(
        FAILED_ONCE,
        target_specialty=target,
        exams=[
            attempt("step1", "2023-01-10", "fail"),
            attempt("step1", "2023-04-10", "pass"),
            attempt("step2ck", "2024-08-20", "pass", score),
        ],
    )
    result = assess(profile, TODAY, REF)
    path = pathway(profile, result, REF, DATA)
    assert path.proposed == "retarget"
    assert any(r.rule == "R-21" and "dual application" in r.text for r in path.reasons)
    assert path.dual_advised
    assert path.second_specialty in REF.stay_realistic_ids()
    plan = program_plan(
        result.overall,
        target,
        profile.last_cycle.programs_applied,
        REF,
        DATA,
        second_id=path.second_specialty,
        failed=True,  # as build_plan passes it: the same predicate as pathway's
    )
    assert plan.dual
    assert set(plan.by_specialty) == {target, path.second_specialty}
    assert "programs in all" in plan.headline()


@pytest.mark.parametrize("target", ["fm", "im", "peds", "psych", "neuro", "path"])
def test_R21_revised_stay_remains_for_the_stay_realistic_group(target: str) -> None:
    profile = profile_with(FAILED_ONCE, target_specialty=target)
    path = pathway(profile, assess(profile, TODAY, REF), REF, DATA)
    assert path.proposed == "stay"
    assert target in REF.stay_realistic_ids()
