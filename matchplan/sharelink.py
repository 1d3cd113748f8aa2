"""A shareable link that carries only non-sensitive settings (issue 6).

The link holds the target specialty, the target Match year and the what-if
choices, and nothing else: never a name, an exam history or notes. Reading a
link validates each value; an unknown or malformed value is reported and
ignored, and keys the link does not know are ignored too.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field, ValidationError

from matchplan.frozen import Frozen
from matchplan.profile import FIRST_MATCH_YEAR, LAST_TARGET_MATCH_YEAR
from matchplan.reference import load_reference
from matchplan.whatif import WhatIf

CARRIED = (
    "target specialty",
    "target Match year",
    "what-if choices (Step 3, new letters, recent US clinical work, extra programs)",
)
KEYS = ("specialty", "match", "step3", "letters", "clinical", "extra")


class ShareSettings(Frozen):
    """What a link may carry; all fields optional so a link can carry a subset."""

    target_specialty: str | None = None
    target_match_year: int | None = Field(
        default=None, ge=FIRST_MATCH_YEAR + 1, le=LAST_TARGET_MATCH_YEAR
    )
    what_if: WhatIf = Field(default_factory=WhatIf)


def to_query(settings: ShareSettings) -> dict[str, str]:
    """Query parameters for a link (short keys, plain values)."""
    query: dict[str, str] = {}
    if settings.target_specialty:
        query["specialty"] = settings.target_specialty
    if settings.target_match_year:
        query["match"] = str(settings.target_match_year)
    w = settings.what_if
    if w.pass_step3:
        query["step3"] = "1"
    if w.new_specialty_letters:
        query["letters"] = str(w.new_specialty_letters)
    if w.recent_us_clinical:
        query["clinical"] = "1"
    if w.extra_programs:
        query["extra"] = str(w.extra_programs)
    return query


def from_query(params: Mapping[str, str]) -> tuple[ShareSettings, list[str]]:
    """Settings from a link's query parameters, and a message for each value refused."""
    problems: list[str] = []
    specialty = params.get("specialty")
    if specialty is not None and specialty not in load_reference().specialty_ids():
        problems.append("The link's specialty is not one MatchPlan knows; ignored.")
        specialty = None

    def number(key: str, label: str) -> int | None:
        raw = params.get(key)
        if raw is None:
            return None
        # isascii: str.isdigit() also accepts '²' and other digits int() cannot read.
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 4:
            problems.append(f"The link's {label} is not a number; ignored.")
            return None
        return int(raw)

    def flag(key: str, label: str) -> bool:
        raw = params.get(key)
        if raw is None or raw == "0":
            return False
        if raw != "1":
            problems.append(f"The link's {label} setting is not 1 or 0; ignored.")
        return raw == "1"

    # Each what-if value is checked on its own, so one bad value does not drop the others.
    what_if_fields: dict[str, object] = {
        "pass_step3": flag("step3", "Step 3"),
        "recent_us_clinical": flag("clinical", "recent US clinical work"),
    }
    for key, field, label in (
        ("letters", "new_specialty_letters", "number of letters"),
        ("extra", "extra_programs", "number of extra programs"),
    ):
        value = number(key, label)
        if value is None:
            continue
        try:
            WhatIf.model_validate({field: value})
        except ValidationError:
            problems.append(f"The link's {label} is out of range; ignored.")
        else:
            what_if_fields[field] = value
    what_if = WhatIf.model_validate(what_if_fields)
    year = number("match", "Match year")
    try:
        settings = ShareSettings(
            target_specialty=specialty, target_match_year=year, what_if=what_if
        )
    except ValidationError:
        problems.append("The link's Match year is out of range; ignored.")
        settings = ShareSettings(target_specialty=specialty, what_if=what_if)
    return settings, problems
