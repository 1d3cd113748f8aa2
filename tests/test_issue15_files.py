"""Issue 15, items 3 and 6: a hostile plan file is refused quickly and its text stays inert.

Item 3: every message that repeats text from the file (an unknown key, a specialty
or state code, a scenario name, a milestone) quotes it through
``textsafe.markdown_safe(..., limit=60)``: no link, image, icon or shortcode can
form, and a long name is cut. Item 6: a file with 100 000+ unknown keys is refused
naming how many, listing only the first five (the timing is in the benchmark's
``textcheck`` stage, not here).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from pydantic import ValidationError

from matchplan.planfile import SHOWN_ERRORS, PlanLoadError, load_plan
from matchplan.profile import field_errors
from matchplan.programs import parse_program_csv
from matchplan.progress import Progress
from matchplan.textsafe import ELLIPSIS, plain_text
from tests.strategies import TODAY
from tests.test_planfile import plan_data
from tests.test_textsafe import later_patterns, source_is_escaped

IMAGE = "![x](http://evil.example/x.png)"
HOSTILE_NAME = f"{IMAGE} :material/route: :smile: www.evil.example $x$"


def refusal(data: Any) -> str:
    with pytest.raises(PlanLoadError) as refused:
        load_plan(json.dumps(data, separators=(",", ":")).encode("utf-8"), TODAY)
    return str(refused.value)


def assert_inert(message: str) -> None:
    """No markdown syntax outside backslash escapes, apart from the core's own words."""
    assert later_patterns(message) == []
    assert "](" not in message.replace("\\]\\(", "")


def quoted_parts(message: str) -> list[str]:
    return re.findall(r"'((?:[^'\\]|\\.)*)'", message)


def test_issue15_hostile_extra_key_is_quoted_inert_and_capped() -> None:
    data = plan_data()
    data["profile"][HOSTILE_NAME * 3] = 1
    message = refusal(data)
    assert_inert(message)
    (part,) = quoted_parts(message)
    assert source_is_escaped(part)
    assert len(plain_text(part)) == 60
    assert plain_text(part).endswith(ELLIPSIS)


def test_issue15_hostile_specialty_code_is_quoted_inert() -> None:
    data = plan_data()
    data["profile"]["target_specialty"] = IMAGE
    message = refusal(data)
    assert_inert(message)
    assert f"unknown specialty '{IMAGE}'" in plain_text(message)


def test_issue15_hostile_scenario_name_is_quoted_inert() -> None:
    data = plan_data()
    data["scenarios"][1]["name"] = "http://evil.example/x.png"
    data["scenarios"][1]["target_match_year"] = 2020
    message = refusal(data)
    assert_inert(message)
    assert "The scenario 'http://evil.example/x.png' does not fit" in plain_text(message)


def test_issue15_hostile_duplicate_milestone_is_quoted_inert() -> None:
    with pytest.raises(ValidationError, match="listed twice") as refused:
        Progress(done=(":material/route:", ":material/route:"))
    (error,) = field_errors(refused.value, Progress)
    assert later_patterns(error.message) == []
    assert "':material/route:' is listed twice" in plain_text(error.message)


def test_issue15_hostile_state_code_and_signal_in_csv_are_quoted_inert() -> None:
    csv = (
        "program,state,type,setting,connection,signal,![i](http://e/x.png)\n"
        f"Mercy,{IMAGE},community,urban,,:smile:,x\n"
    ).encode()
    result = parse_program_csv(csv)
    (error,) = result.errors
    assert_inert(error.message)
    assert f"unknown state code '{IMAGE.upper()}'" in plain_text(error.message)
    assert "':smile:' is not yes or no" in plain_text(error.message)
    (note,) = result.notes
    assert_inert(note)


@pytest.mark.parametrize("where", ["top", "profile", "timeline"])
def test_issue15_100k_extra_keys_in_one_object_are_counted_and_five_listed(where: str) -> None:
    data = plan_data()
    target = data if where == "top" else data[where]
    for n in range(120_000):
        target[str(n)] = 0
    message = refusal(data)
    total = len(target)
    assert f"an object with {total:,} keys" in message
    assert quoted_parts(message) == [f"{k}".replace("_", "\\_") for k in list(target)[:5]]


def test_issue15_100k_extra_keys_spread_over_rows_list_five_and_count_the_rest() -> None:
    data = plan_data()
    row = {"program": "Mercy", "state": "OH", "type": "community", "setting": "urban"}
    data["program_list"] = [
        {**row, "program": f"P{r}", **{f"x{k}": 0 for k in range(50)}} for r in range(2000)
    ]
    message = refusal(data)
    assert message.count("Extra inputs are not permitted") == SHOWN_ERRORS
    assert "(and 99,995 more)" in message


def test_issue15_list_longer_than_any_plan_list_is_refused() -> None:
    data = plan_data()
    data["progress"]["done"] = ["x"] * 100_000
    assert "a list of 100,000 items" in refusal(data)
