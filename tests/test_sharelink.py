"""Issue 6: the shareable link carries only non-sensitive settings.

A link holds the target specialty, the target Match year and the what-if
choices. Reading one checks each value on its own: a bad value is reported
and ignored, the good ones beside it are kept, and unknown keys are ignored.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchplan import sharelink
from matchplan.profile import with_changes
from matchplan.sharelink import KEYS, ShareSettings, from_query, to_query
from matchplan.whatif import WhatIf
from tests.strategies import SPECIALTY_IDS, TODAY, example_profile

what_ifs = st.builds(
    WhatIf,
    pass_step3=st.booleans(),
    new_specialty_letters=st.integers(0, 4),
    recent_us_clinical=st.booleans(),
    extra_programs=st.integers(0, 300),
)


@settings(max_examples=150, deadline=None)
@given(
    specialty=st.none() | st.sampled_from(SPECIALTY_IDS),
    year=st.none() | st.integers(2016, 2045),
    what_if=what_ifs,
)
def test_any_settings_survive_the_link(
    specialty: str | None, year: int | None, what_if: WhatIf
) -> None:
    shared = ShareSettings(target_specialty=specialty, target_match_year=year, what_if=what_if)
    query = to_query(shared)

    assert set(query) <= set(KEYS)
    assert all(isinstance(v, str) and v for v in query.values())
    assert from_query(query) == (shared, [])


def test_example_link_reads_as_a_user_would_expect() -> None:
    shared = ShareSettings(
        target_specialty="fm",
        target_match_year=2029,
        what_if=WhatIf(pass_step3=True, new_specialty_letters=2, extra_programs=40),
    )
    assert to_query(shared) == {
        "specialty": "fm",
        "match": "2029",
        "step3": "1",
        "letters": "2",
        "extra": "40",
    }


def test_settings_can_hold_nothing_but_target_and_what_if() -> None:
    assert set(ShareSettings.model_fields) == {"target_specialty", "target_match_year", "what_if"}
    assert "specialty" in " ".join(sharelink.CARRIED)
    assert "what-if" in " ".join(sharelink.CARRIED)


def test_link_never_carries_identity_or_exam_history() -> None:
    profile = with_changes(
        example_profile(),
        {"display_name": "Dr. Ana Rivera", "advisor_notes": "Private: visa worries."},
        TODAY,
    )
    shared = ShareSettings(  # built exactly as the app builds it from the session
        target_specialty=profile.target_specialty,
        target_match_year=profile.target_match_year,
        what_if=WhatIf(pass_step3=True, new_specialty_letters=4, recent_us_clinical=True),
    )
    query = to_query(shared)

    assert set(query) <= set(KEYS)
    assert query["specialty"] == "im"
    assert query["match"] == "2028"
    exam_facts = [
        *(f"{a.exam_date:%Y-%m-%d}" for a in profile.exams),
        *(str(a.score) for a in profile.exams if a.score is not None),  # 231
    ]
    for value in query.values():
        assert "Rivera" not in value
        assert "visa" not in value
        assert value not in exam_facts
    assert all(fact not in "&".join(f"{k}={v}" for k, v in query.items()) for fact in exam_facts)


GOOD = {"specialty": "fm", "step3": "1", "match": "2029"}


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("specialty", "astrology", "specialty is not one MatchPlan knows"),
        ("specialty", "<script>alert(1)</script>", "specialty is not one MatchPlan knows"),
        ("letters", "-1", "number of letters is not a number"),
        ("letters", "9", "number of letters is out of range"),
        ("letters", "²", "number of letters is not a number"),
        ("extra", "99999999", "number of extra programs is not a number"),
        ("extra", "301", "number of extra programs is out of range"),
        ("extra", "ten", "number of extra programs is not a number"),
        ("match", "2099", "Match year is out of range"),
        ("match", "1999", "Match year is out of range"),
        ("match", "20x8", "Match year is not a number"),
        ("clinical", "<script>", "recent US clinical work setting is not 1 or 0"),
    ],
    ids=[
        "unknown-specialty",
        "script-as-specialty",
        "negative-letters",
        "too-many-letters",
        "superscript-digit-letters",
        "huge-extra-programs",
        "extra-programs-over-300",
        "extra-programs-in-words",
        "year-after-2045",
        "year-before-2016",
        "year-with-a-letter",
        "script-as-clinical-flag",
    ],
)
def test_malformed_value_is_ignored_with_a_message(key: str, value: str, words: str) -> None:
    params = {**GOOD, key: value}
    shared, problems = from_query(params)

    assert len(problems) == 1
    assert words in problems[0]
    assert "ignored" in problems[0]
    # The bad value is dropped; every other value of the link is kept.
    expected = {
        "target_specialty": "fm",
        "target_match_year": 2029,
        "what_if": WhatIf(pass_step3=True),
    }
    dropped = {"specialty": "target_specialty", "match": "target_match_year"}
    if key in dropped:
        expected[dropped[key]] = None
    assert shared == ShareSettings.model_validate(expected)


def test_each_bad_value_gets_its_own_message() -> None:
    shared, problems = from_query({"letters": "9", "extra": "-5", "match": "3000", "step3": "1"})
    assert len(problems) == 3
    assert shared == ShareSettings(what_if=WhatIf(pass_step3=True))


def test_unknown_keys_are_ignored() -> None:
    params = {"specialty": "im", "name": "Dr. Ana Rivera", "step1": "fail", "utm_source": "mail"}
    shared, problems = from_query(params)
    assert shared == ShareSettings(target_specialty="im")
    assert problems == []
    assert "Rivera" not in shared.model_dump_json()


def test_empty_link_gives_neutral_settings() -> None:
    assert from_query({}) == (ShareSettings(), [])
