"""``data/narrative.json``: the phrase lists and thresholds, loaded and validated once."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field

from matchplan.datafiles import ReferenceDataError, check_data, read_data
from matchplan.frozen import Frozen
from matchplan.profile import CurrentRole
from matchplan.reference import Threshold, load_reference

Approach = Literal["in_statement"]
"""R-60: the statement owns the failure. The former "handle it elsewhere" approach was
removed (issue 11); a saved plan that chose it loads as "in_statement"."""

ROLE_PHRASES: dict[CurrentRole, str] = {
    "research": "I am working in a research position",
    "research_with_clinical_duties": "I am working as a research fellow with clinical duties",
    "clinical_assistant_or_scribe": "I am working as a clinical assistant",
    "hospitalist_service_assistant": "I am working as an assistant on a hospitalist service",
    "longitudinal_observership": "I am doing a long observership with a US hospital team",
    "alumni_rotation": "I am rotating with alumni of my school at a US program",
    "prelim_or_ty": "I am working as a first-year resident in a one-year position",
    "clinical_job": "I am working in a clinical job",
    "observership": "I am doing a clinical observership at a US hospital",
    "non_clinical_job": "I am working in a job outside medicine",
    "none": "I am arranging clinical work for this year",
}
ROLE_LABELS: dict[CurrentRole, str] = {
    "research": "research position",
    "research_with_clinical_duties": "research fellowship with clinical duties",
    "clinical_assistant_or_scribe": "clinical assistant or scribe role",
    "hospitalist_service_assistant": "hospitalist service assistant role",
    "longitudinal_observership": "longitudinal observership",
    "alumni_rotation": "rotation with alumni",
    "prelim_or_ty": "preliminary or transitional year",
    "clinical_job": "clinical job",
    "observership": "observership",
    "non_clinical_job": "non-clinical job",
    "none": "no role yet",
}

M = TypeVar("M", bound=BaseModel)


# --- data ------------------------------------------------------------------------------


def validate_data(name: str, model: type[M], data: dict[str, Any]) -> M:
    """Validate a data file's dict; every source id it uses must exist in sources.json."""
    return check_data(name, model, data, sources=load_reference().sources)


class Phrase(Frozen):
    """A phrase to look for, and what to do instead."""

    phrase: str = Field(min_length=1)
    hint: str = Field(min_length=1)


class ApproachText(Frozen):
    label: str
    summary: str
    trade_off: str


class NarrativeThresholds(Frozen):
    failure_share_warn: Threshold
    failure_paragraphs_max: Threshold
    personal_sentences_max: Threshold
    email_sentences_min: Threshold
    email_sentences_max: Threshold


class NarrativeData(Frozen):
    """``data/narrative.json`` (the ``email`` part is read by networking.py)."""

    thresholds: NarrativeThresholds
    failure_terms: tuple[str, ...] = Field(min_length=1)
    not_about_the_applicant: tuple[str, ...]
    outcome_terms: tuple[str, ...] = Field(min_length=1)
    personal_terms: tuple[str, ...] = Field(min_length=1)
    vague_phrases: tuple[Phrase, ...]
    self_pity_phrases: tuple[Phrase, ...]
    specialty_terms: dict[str, tuple[str, ...]]
    approaches: dict[Approach, ApproachText]

    def approach(self, key: Approach) -> ApproachText:
        return self.approaches[key]


NARRATIVE_FILE = "narrative.json"


@cache
def narrative_data() -> NarrativeData:
    """Load and validate ``data/narrative.json`` once (reference data, not user data)."""
    raw = read_data(NARRATIVE_FILE)
    raw.pop("email", None)
    data = validate_data(NARRATIVE_FILE, NarrativeData, raw)
    unknown = sorted(set(data.specialty_terms) - set(load_reference().specialty_ids()))
    if unknown:
        raise ReferenceDataError(
            f"matchplan/data/{NARRATIVE_FILE}: specialty_terms: unknown ids {', '.join(unknown)}"
        )
    if set(data.approaches) != {"in_statement"}:
        raise ReferenceDataError(
            f"matchplan/data/{NARRATIVE_FILE}: approaches must be in_statement only (R-60)"
        )
    return data
