"""Reference data (matchplan/data/*.json): loads, cites its sources, fails loudly when broken.

``load_reference`` is cached with functools.cache; ``load_reference.__wrapped__``
is the uncached function, so these tests can load broken copies of the data
without touching the cached reference every other test uses.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from matchplan import datafiles
from matchplan import reference as reference_module
from matchplan.reference import Reference, ReferenceDataError, load_reference
from tests.strategies import REPO_ROOT

DATA_DIR = REPO_ROOT / "matchplan" / "data"
# Every model whose values cite a source (they all name it ``source``).
_SOURCED = tuple(
    model
    for model in vars(reference_module).values()
    if isinstance(model, type) and issubclass(model, BaseModel) and "source" in model.model_fields
)


def all_source_ids_used(value: Any, where: str = "") -> list[tuple[str, str]]:
    """(where, source id) for every ``source`` field anywhere in the reference data."""
    if isinstance(value, BaseModel):
        found = [(f"{where}.source", value.source)] if isinstance(value, _SOURCED) else []
        for name in type(value).model_fields:
            if name != "source":
                found += all_source_ids_used(getattr(value, name), f"{where}.{name}")
        return found
    if isinstance(value, dict):
        return [u for k, v in value.items() for u in all_source_ids_used(v, f"{where}.{k}")]
    if isinstance(value, tuple):
        return [u for i, v in enumerate(value) for u in all_source_ids_used(v, f"{where}.{i}")]
    return []


def test_reference_data_loads_with_the_values_the_rules_use() -> None:
    ref = load_reference()
    assert ref.thresholds.attempt_limit.value == 4
    assert [ref.program_counts.for_level(lv).value for lv in ("low", "moderate", "high")] == [
        40,
        70,
        110,
    ]
    assert (
        ref.program_counts.high_risk_ranges["psych"].low,
        ref.program_counts.high_risk_ranges["psych"].high,
    ) == (60, 100)
    assert ref.usmle.step1_pass_fail_from.value.isoformat() == "2022-01-26"
    assert ref.usmle.report_delay_weeks_typical.value == 4
    assert ref.usmle.report_delay_weeks_safe.value == 8
    assert len(ref.specialty_ids()) == len(set(ref.specialty_ids())) == 20


def test_every_value_cites_a_known_source() -> None:
    ref = load_reference()
    used = all_source_ids_used(ref)
    assert len(used) > 50
    wheres = {where for where, _ in used}
    assert ".thresholds.attempt_limit.source" in wheres
    assert ".specialties.0.solid_step2ck_bar.source" in wheres
    assert ".cycles.2026.match_day.source" in wheres
    unknown = [(where, source) for where, source in used if source not in ref.sources]
    assert unknown == []


def test_every_source_is_labelled_for_the_reader() -> None:
    for source_id, source in load_reference().sources.items():
        assert source.title, source_id
        assert source.url.startswith("http") or source_id in {"article", "matchplan-assumption"}
        year = "year not stated" if source.year is None else str(source.year)
        assert source.year is None or 2010 <= source.year <= 2026, source_id
        assert source.label() == f"{source.title} ({year}, {source.confidence})"


@pytest.mark.parametrize("name", sorted(name for name, _ in load_reference().thresholds))
def test_each_threshold_names_its_rule(name: str) -> None:
    threshold = getattr(load_reference().thresholds, name)
    assert re.fullmatch(r"R-\d\d", threshold.rule)
    assert threshold.unit
    assert threshold.note


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("step2ck_low_pass_margin", id="R-01-low-pass-margin-is-assumption"),
        pytest.param("min_census_divisions", id="R-07-three-divisions-is-assumption"),
        pytest.param("min_interview_yield", id="R-07-ten-percent-yield-is-assumption"),
    ],
)
def test_rules_assumptions_are_labelled_as_assumptions(name: str) -> None:
    ref = load_reference()
    threshold = getattr(ref.thresholds, name)
    assert threshold.source == "matchplan-assumption"
    assert ref.source(threshold.source).confidence == "assumption"


def test_r31_solid_step2ck_bars() -> None:
    """Primary care at the top of 235-240; other specialties the matched mean minus 10."""
    for spec in load_reference().specialties:
        if spec.group == "primary_care":
            assert 235 <= spec.solid_step2ck_bar.value <= 240, spec.id
        elif spec.mean_step2ck is not None:
            assert spec.solid_step2ck_bar.value == spec.mean_step2ck.value - 10, spec.id


def test_r23_ultra_competitive_group() -> None:
    ultra = {s.id for s in load_reference().specialties if s.group == "ultra"}
    assert ultra == {"derm", "ortho", "plastics", "nsgy", "ent", "uro", "radonc", "ir"}


# --- broken reference data fails loudly --------------------------------------------------


def _valid_dump() -> dict[str, Any]:
    return load_reference().model_dump()


def test_a_missing_source_id_is_rejected() -> None:
    data = _valid_dump()
    del data["sources"]["usmle-attempt-limit"]
    with pytest.raises(ValidationError, match="unknown source ids: usmle-attempt-limit"):
        Reference.model_validate(data)


def test_an_unknown_related_specialty_is_rejected() -> None:
    data = _valid_dump()
    data["specialties"][0]["related"] = ("im", "cardiology")
    with pytest.raises(ValidationError, match="unknown related ids: cardiology"):
        Reference.model_validate(data)


def test_a_program_range_for_an_unknown_specialty_is_rejected() -> None:
    data = _valid_dump()
    data["program_counts"]["high_risk_ranges"]["cardiology"] = data["program_counts"][
        "high_risk_ranges"
    ]["im"]
    with pytest.raises(ValidationError, match="unknown specialty ids: cardiology"):
        Reference.model_validate(data)


def _real(name: str) -> dict[str, Any]:
    return datafiles.read_data(name, directory=DATA_DIR)


def _read_with(broken_name: str, broken: dict[str, Any]) -> Any:
    def read(name: str) -> dict[str, Any]:
        return broken if name == broken_name else _real(name)

    return read


def _without_attempt_limit() -> dict[str, Any]:
    data = _real("thresholds.json")
    del data["thresholds"]["attempt_limit"]
    return data


def _with_unknown_bar_source() -> dict[str, Any]:
    data = _real("specialties.json")
    data["specialties"][0]["solid_step2ck_bar"]["source"] = "nowhere"
    return data


def _with_text_score() -> dict[str, Any]:
    data = _real("usmle.json")
    data["passing_standards"]["step2ck"][0]["standard"] = "two hundred"
    return data


BROKEN_DATA = [
    pytest.param(
        "thresholds.json",
        {"thresholds": {}},
        ["thresholds.json", "program_counts"],
        id="missing-section",
    ),
    pytest.param(
        "thresholds.json",
        _without_attempt_limit(),
        ["thresholds.json", "thresholds.attempt_limit", "Field required"],
        id="missing-threshold",
    ),
    pytest.param(
        "usmle.json",
        _with_text_score(),
        ["usmle.json", "usmle.passing_standards.step2ck.0.standard", "integer"],
        id="text-where-a-number-belongs",
    ),
    pytest.param(
        "specialties.json",
        _with_unknown_bar_source(),
        ["specialties.json", "unknown source ids: nowhere"],
        id="unknown-source-id",
    ),
    pytest.param(
        "cycles.json",
        {"cycles": {"2026": {"match_day": {"date": "20 March"}}}},
        ["cycles.json", "cycles.2026.match_day"],
        id="malformed-cycle-date",
    ),
]


@pytest.mark.parametrize(("name", "broken", "fragments"), BROKEN_DATA)
def test_broken_data_file_fails_loudly_naming_file_and_field(
    monkeypatch: pytest.MonkeyPatch, name: str, broken: dict[str, Any], fragments: list[str]
) -> None:
    monkeypatch.setattr(reference_module, "read_data", _read_with(name, broken))
    with pytest.raises(ReferenceDataError) as caught:
        load_reference.__wrapped__()
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of matchplan/data that ``read_data`` reads instead of the package's own."""
    for path in DATA_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(datafiles, "data_directory", lambda: tmp_path)
    return tmp_path


def test_the_copied_data_loads_like_the_real_data(data_copy: Path) -> None:
    assert load_reference.__wrapped__() == load_reference()


@pytest.mark.parametrize(
    ("name", "text", "fragments"),
    [
        pytest.param(
            "usmle.json",
            '{"passing_standards": ',
            ["usmle.json", "JSONDecodeError"],
            id="invalid-json",
        ),
        pytest.param(
            "cycles.json",
            "[]",
            ["cycles.json", "top level must be an object"],
            id="top-level-not-an-object",
        ),
        pytest.param(
            "sources.json", "{}", ["sources.json", "KeyError('sources')"], id="empty-object"
        ),
    ],
)
def test_unreadable_data_file_fails_loudly_naming_the_file(
    data_copy: Path, name: str, text: str, fragments: list[str]
) -> None:
    (data_copy / name).write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_reference.__wrapped__()
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_sources_match_facts_and_name_no_file_path() -> None:
    # Issue 11 / sources: addresses and years as facts.md gives them; no file path as a source.
    sources = load_reference().sources
    assert sources["quantaprep-step2-by-specialty"].year == 2026
    assert sources["medschoolcoach-estimator"].year is None
    assert sources["amclinicals-step2-209"].title.startswith("AM Clinicals, AMC's New Hospital")
    assert sources["interview-season-days-inferred"].confidence == "inferred"
    assert load_reference().usmle.report_delay_weeks_safe.source != "usmle-score-reporting-2016"
    for source in sources.values():
        for path in ("shared/", "seed/", "post-match-plan.txt", "facts.md", "../"):
            assert path not in source.title
    assert sources["matchplan-assumption"].title.startswith("MatchPlan's assumption")
