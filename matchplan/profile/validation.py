"""Raw data in, a profile or field-named messages out.

A form or a file becomes a profile only through ``parse_profile`` /
``with_changes``, and every ``ValidationError`` is worded by ``field_errors`` with
the field's title, so the page can show it where it was typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from matchplan.frozen import Frozen
from matchplan.profile.checks import entry_problems
from matchplan.profile.models import ApplicantProfile
from matchplan.textsafe import quoted


class FieldError(Frozen):
    """A validation problem in words, with the field path it belongs to."""

    field: str
    message: str


_ITEM_NAMES = {
    "exams": "Exam attempt",
    "letters": "Letter",
    "specialties_applied": "Specialty",
    "scenarios": "Scenario",
    "program_list": "Program",
    "practice_scores": "Practice score",
    "done": "Milestone",
}


def _label_for(loc: tuple[int | str, ...], root: type[BaseModel]) -> str:
    """A person's name for a pydantic error location, e.g. 'Exam attempt 2 – Score'."""
    parts: list[str] = []
    model: Any = root
    last_key = ""
    for item in loc:
        if isinstance(item, int):
            parts[-1:] = [f"{_ITEM_NAMES.get(last_key, 'Item')} {item + 1}"]
            continue
        last_key = item
        info = getattr(model, "model_fields", {}).get(item)
        if info is None:  # a key the model does not know: quoted, inert, capped
            parts.append(quoted(item))
        else:
            parts.append(info.title or item.replace("_", " "))
        annotation = info.annotation if info is not None else None
        candidates = (annotation, *getattr(annotation, "__args__", ()))
        nested = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        model = nested[0] if nested else None
    return " – ".join(parts)


def field_errors(
    exc: ValidationError | Sequence[ErrorDetails], root: type[BaseModel] | None = None
) -> list[FieldError]:
    """Turn a ValidationError into messages that name the field they are about.

    ``root`` is the model that was validated (the profile unless said otherwise).
    Messages are markdown-safe: any user or file text in them (an unknown key, a
    specialty code) is quoted through ``textsafe.quoted``, so a page can show them
    with ``st.error`` as they are; a table cell or the CLI shows
    ``textsafe.plain_text(message)``. Pass a slice of ``exc.errors()`` to word only
    the first few of a file with thousands of errors.
    """
    root = root or ApplicantProfile
    out: list[FieldError] = []
    errors = exc.errors() if isinstance(exc, ValidationError) else exc
    for err in errors:
        loc = tuple(err["loc"])
        message = str(err["msg"]).removeprefix("Value error, ")
        label = _label_for(loc, root)
        out.append(
            FieldError(
                field=".".join(str(p) for p in loc),
                message=f"{label}: {message}" if label else message,
            )
        )
    return out


def parse_profile(
    data: Any, today: date, before: ApplicantProfile | None = None
) -> ApplicantProfile:
    """Validate what a user entered (a form, a bare profile file) into a profile.

    On top of the model's own checks, the values that differ from ``before`` (all of
    them for a new profile) are checked against ``today`` (``entry_problems``).
    Raises ValidationError either way, so a page words both alike.
    """
    profile = ApplicantProfile.model_validate(data)
    problems = entry_problems(profile, today, before)
    if problems:
        raise ValidationError.from_exception_data(
            ApplicantProfile.__name__,
            [
                {"type": "value_error", "loc": (), "input": data, "ctx": {"error": problem}}
                for problem in problems
            ],
        )
    return profile


def _merged(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def with_changes(
    profile: ApplicantProfile, changes: dict[str, Any], today: date
) -> ApplicantProfile:
    """A user's edit: the profile with some fields changed, re-validated, the changed
    values checked against ``today`` (raises ValidationError)."""
    return parse_profile(_merged(profile.model_dump(), changes), today, before=profile)


def changed_profile(profile: ApplicantProfile, changes: dict[str, Any]) -> ApplicantProfile:
    """The profile with some fields changed, checked by the model alone (no date).

    For changes MatchPlan derives, not ones a user types: a what-if, a saved
    scenario checked as a file is read (raises ValidationError).
    """
    return ApplicantProfile.model_validate(_merged(profile.model_dump(), changes))
