"""The one loader for matchplan/data/*.json: a bad file fails naming the file and the field."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from matchplan import datafiles
from matchplan.careers import careers_data
from matchplan.datafiles import ReferenceDataError, load_data, read_data
from matchplan.examples import example_profile
from matchplan.narrative import narrative_data
from matchplan.networking import email_rules
from matchplan.programs import program_data
from matchplan.reference import load_reference
from matchplan.timeline import TimelineData, timeline_data
from matchplan.week import week_data
from tests.strategies import REPO_ROOT

DATA_DIR = REPO_ROOT / "matchplan" / "data"


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of matchplan/data that every loader reads instead of the package's own."""
    for path in DATA_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(datafiles, "data_directory", lambda: tmp_path)
    return tmp_path


def _edit(directory: Path, name: str, change: Callable[[dict[str, Any]], None]) -> None:
    path = directory / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_threshold_that_is_not_a_number_names_the_file_and_the_field(data_copy: Path) -> None:
    def text_margin(data: dict[str, Any]) -> None:
        data["thresholds"]["step2ck_low_pass_margin"]["value"] = "ten"

    _edit(data_copy, "thresholds.json", text_margin)
    with pytest.raises(ReferenceDataError) as caught:
        load_reference.__wrapped__()
    message = str(caught.value)
    assert message.startswith("matchplan/data/thresholds.json: ")
    assert "step2ck_low_pass_margin.value: Input should be a valid number" in message


def test_load_data_names_the_file_and_the_field_of_a_bad_file(tmp_path: Path) -> None:
    shutil.copy(DATA_DIR / "timeline.json", tmp_path / "timeline.json")

    def text_months(data: dict[str, Any]) -> None:
        data["study_months_min"]["value"] = "three"

    _edit(tmp_path, "timeline.json", text_months)
    with pytest.raises(ReferenceDataError) as caught:
        load_data("timeline.json", TimelineData, directory=tmp_path)
    assert str(caught.value) == (
        "matchplan/data/timeline.json: invalid at study_months_min.value: "
        "Input should be a valid number, unable to parse string as a number (1 errors)"
    )


def test_load_data_reads_the_real_file_like_the_cached_loader() -> None:
    assert load_data("timeline.json", TimelineData) == timeline_data()


def test_an_unknown_source_id_names_the_file(tmp_path: Path) -> None:
    shutil.copy(DATA_DIR / "timeline.json", tmp_path / "timeline.json")

    def unknown_source(data: dict[str, Any]) -> None:
        data["study_months_min"]["source"] = "nowhere"

    _edit(tmp_path, "timeline.json", unknown_source)
    sources = load_reference().sources
    with pytest.raises(
        ReferenceDataError, match=r"^matchplan/data/timeline\.json: unknown source ids: nowhere$"
    ):
        load_data("timeline.json", TimelineData, directory=tmp_path, sources=sources)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        pytest.param('{"a": ', "JSONDecodeError", id="not-json"),
        pytest.param("[1, 2]", "top level must be an object", id="top-level-a-list"),
        pytest.param(b"\xff\xfe{}", "UnicodeDecodeError", id="not-utf8"),
    ],
)
def test_an_unreadable_file_names_the_file(
    tmp_path: Path, text: str | bytes, fragment: str
) -> None:
    path = tmp_path / "broken.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        read_data("broken.json", directory=tmp_path)
    assert str(caught.value).startswith("matchplan/data/broken.json: ")
    assert fragment in str(caught.value)


def test_a_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match=r"^matchplan/data/absent\.json: FileNotFound"):
        read_data("absent.json", directory=tmp_path)


def test_comments_are_stripped_at_every_depth(tmp_path: Path) -> None:
    (tmp_path / "commented.json").write_text(
        json.dumps(
            {
                "_comment": "top",
                "a": {"_comment": "nested", "b": 1},
                "c": [{"_comment": "in a list", "d": 2}, 3],
            }
        ),
        encoding="utf-8",
    )
    assert read_data("commented.json", directory=tmp_path) == {"a": {"b": 1}, "c": [{"d": 2}, 3]}


def _example() -> object:
    return example_profile(date(2026, 12, 1))


LOADERS: list[Any] = [
    pytest.param(load_reference.__wrapped__, "usmle.json", id="reference"),
    pytest.param(program_data.__wrapped__, "fees.json", id="programs-fees"),
    pytest.param(program_data.__wrapped__, "program_strategy.json", id="programs-strategy"),
    pytest.param(timeline_data.__wrapped__, "timeline.json", id="timeline"),
    pytest.param(narrative_data.__wrapped__, "narrative.json", id="narrative"),
    pytest.param(email_rules.__wrapped__, "narrative.json", id="networking-email"),
    pytest.param(careers_data.__wrapped__, "careers.json", id="careers"),
    pytest.param(week_data.__wrapped__, "week_template.json", id="week"),
    pytest.param(_example, "example_applicant.json", id="example-applicant"),
]


@pytest.mark.parametrize(("loader", "name"), LOADERS)
def test_every_data_reader_goes_through_the_one_loader(
    data_copy: Path, loader: Callable[[], object], name: str
) -> None:
    (data_copy / name).write_text("[]", encoding="utf-8")
    with pytest.raises(
        ReferenceDataError, match=rf"^matchplan/data/{name}: top level must be an object$"
    ):
        loader()


def test_a_bad_email_rule_names_the_email_part(data_copy: Path) -> None:
    def no_phrases(data: dict[str, Any]) -> None:
        data["email"]["generic_phrases"] = "none"

    _edit(data_copy, "narrative.json", no_phrases)
    with pytest.raises(
        ReferenceDataError, match=r"^matchplan/data/narrative\.json: invalid at email\.generic_"
    ):
        email_rules.__wrapped__()
