"""The one reader for ``matchplan/data/*.json``: read, strip comments, validate, name the file.

Every reference-data loader (``load_reference``, ``program_data``, ``timeline_data``,
``narrative_data``, ``careers_data``, ``week_data``, ``email_rules``) and the example
applicant read their file here, so a bad file always fails the same loud way: a
``ReferenceDataError`` whose message starts with ``matchplan/data/<file>:`` and names the
field, e.g. ``matchplan/data/timeline.json: invalid at study_months_min.value: Input
should be a valid number (1 errors)``.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

DATA_PACKAGE = "matchplan.data"
COMMENT_KEY = "_comment"


class ReferenceDataError(RuntimeError):
    """A data file is malformed; the message names the file and the field."""


def data_directory() -> Traversable:
    """Where the data files live: the installed ``matchplan/data`` package."""
    return resources.files(DATA_PACKAGE)


def data_path(name: str) -> str:
    """How a message names a data file: ``matchplan/data/<name>``."""
    return f"matchplan/data/{name}"


def strip_comments(value: Any) -> Any:
    """``value`` without any ``_comment`` key, at any depth (inside lists too)."""
    if isinstance(value, dict):
        return {k: strip_comments(v) for k, v in value.items() if k != COMMENT_KEY}
    if isinstance(value, list):
        return [strip_comments(v) for v in value]
    return value


def read_data(name: str, *, directory: Traversable | Path | None = None) -> dict[str, Any]:
    """One data file as a dict, ``_comment`` keys removed; a file that is unreadable, not
    JSON or not an object raises ``ReferenceDataError`` naming it.

    ``directory`` replaces ``matchplan/data`` (tests point it at a temporary copy).
    """
    where = data_directory() if directory is None else directory
    try:
        data = json.loads(where.joinpath(name).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"{data_path(name)}: {exc!r}") from exc
    if not isinstance(data, dict):
        raise ReferenceDataError(f"{data_path(name)}: top level must be an object")
    cleaned: dict[str, Any] = strip_comments(data)
    return cleaned


def invalid_data(name: str, exc: ValidationError, *, at: str = "") -> ReferenceDataError:
    """The error for a file that fails its model: the file, the first bad field, why."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in (*([at] if at else []), *first["loc"])) or "top level"
    return ReferenceDataError(
        f"{data_path(name)}: invalid at {where}: {first['msg']} ({exc.error_count()} errors)"
    )


def sources_of(model: BaseModel) -> list[str]:
    """Every ``source`` field anywhere inside a data model (for the cross-check)."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, BaseModel):
            for name, item in value.__dict__.items():
                if name == "source" and isinstance(item, str):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)

    walk(model)
    return found


def check_data(
    name: str,
    model: type[M],
    data: dict[str, Any],
    *,
    sources: Collection[str] | None = None,
    at: str = "",
) -> M:
    """Validate a data file's dict (or its ``at`` part) against ``model``.

    With ``sources`` (the ids in sources.json), every ``source`` the file uses must be
    one of them. Either failure raises ``ReferenceDataError`` naming the file and field.
    """
    try:
        result = model.model_validate(data)
    except ValidationError as exc:
        raise invalid_data(name, exc, at=at) from exc
    if sources is not None:
        missing = sorted({s for s in sources_of(result) if s not in sources})
        if missing:
            raise ReferenceDataError(f"{data_path(name)}: unknown source ids: {', '.join(missing)}")
    return result


def load_data(
    name: str,
    model: type[M],
    *,
    sources: Collection[str] | None = None,
    directory: Traversable | Path | None = None,
) -> M:
    """Read ``name`` and validate it against ``model`` (see ``read_data``, ``check_data``)."""
    return check_data(name, model, read_data(name, directory=directory), sources=sources)
