"""``data/year.json``: questions, thresholds and resources for the whole year (R-80..R-86)."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import Field

from matchplan.datafiles import load_data
from matchplan.frozen import Frozen
from matchplan.reference import Threshold, load_reference

YEAR_FILE = "year.json"
View = Literal["optimistic", "cautious", "pessimistic"]
Resource = Literal["question_bank", "nbme_forms", "tutor_or_course", "learning_specialist"]
SoapDocument = Literal[
    "eras_updated",
    "statements",
    "letters_assigned",
    "scores_resent",
    "mspe_transcript",
    "phone_ready",
]


class SourcedText(Frozen):
    text: str = Field(min_length=1)
    source: str


class Question(SourcedText):
    id: str


class Bucket(Frozen):
    label: str
    meaning: str
    source: str


class LetterData(Frozen):
    near_specialties: dict[str, tuple[str, ...]]
    near_source: str


class StudyData(Frozen):
    ready_margin: Threshold
    ready_forms: Threshold
    min_weekly_hours: Threshold
    resources: dict[Resource, str]
    resources_source: str


class PrelimData(Frozen):
    days_off_lead_weeks: Threshold
    pd_support_lead_weeks: Threshold


class InterviewData(Frozen):
    words_min: Threshold
    words_max: Threshold
    failure_share_max: Threshold
    ownership_words: tuple[str, ...] = Field(min_length=1)
    follow_ups: tuple[SourcedText, ...] = Field(min_length=1)


class SupportResource(Frozen):
    name: str
    how: str
    crisis: bool
    source: str


class WellbeingData(Frozen):
    named: tuple[SourcedText, ...]
    resources: tuple[SupportResource, ...] = Field(min_length=1)
    emergency: str


class SoapData(Frozen):
    application_cap: Threshold
    prepare_lead_weeks: Threshold
    positions_note: SourcedText
    documents: dict[SoapDocument, str]
    documents_source: str


class YearData(Frozen):
    advisor_questions: tuple[Question, ...] = Field(min_length=1)
    advisor_buckets: dict[View, Bucket]
    letters: LetterData
    study: StudyData
    prelim: PrelimData
    interview: InterviewData
    wellbeing: WellbeingData
    soap: SoapData


@cache
def year_data() -> YearData:
    """matchplan/data/year.json, validated once; every source id must exist."""
    return load_data(YEAR_FILE, YearData, sources=load_reference().sources)
