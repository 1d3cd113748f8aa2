"""The whole year (issue 13): what the article asks of the applicant beyond the plan's dates.

One module per part, each a model kept in the plan file and pure rule functions:
``advisors`` (R-80, article §2.2), ``clinical_outputs`` (R-81, §4.2), ``study_plan``
(R-82, §4.1), ``prelim`` (R-83, §5.2), ``interview_answer`` (R-84, §6),
``wellbeing`` (R-85, §8), ``soap`` (R-86, facts §1.5) and ``standing`` (where the
year stands on a given day, R-43, and how the cycle ended, R-44). Questions, thresholds
and resources live in ``data/year.json`` (``data.year_data``).
"""

from __future__ import annotations

from matchplan.year.advisors import AdvisorAnswer, AdvisorLog, AdvisorReading, advisor_reading
from matchplan.year.clinical_outputs import (
    Attending,
    ClinicalOutputs,
    OutputsStatus,
    outputs_status,
)
from matchplan.year.data import YearData, year_data
from matchplan.year.interview_answer import AnswerCheck, InterviewAnswer, check_answer
from matchplan.year.prelim import ChecklistItem, PrelimPlan, checklist_milestones, prelim_checklist
from matchplan.year.soap import (
    SoapPlan,
    SoapProgram,
    SoapReadiness,
    soap_milestones,
    soap_readiness,
)
from matchplan.year.standing import (
    DUE_SOON_DAYS,
    MATCH_RESULT_LABELS,
    PHASE_LABELS,
    CycleOutcome,
    MatchResult,
    Phase,
    Standing,
    phase_on,
    where_the_year_stands,
)
from matchplan.year.study_plan import PlannedForm, Readiness, StudyPlan, readiness
from matchplan.year.wellbeing import WellbeingPlan, WellbeingView, wellbeing_view

__all__ = [
    "DUE_SOON_DAYS",
    "MATCH_RESULT_LABELS",
    "PHASE_LABELS",
    "AdvisorAnswer",
    "AdvisorLog",
    "AdvisorReading",
    "AnswerCheck",
    "Attending",
    "ChecklistItem",
    "ClinicalOutputs",
    "CycleOutcome",
    "InterviewAnswer",
    "MatchResult",
    "OutputsStatus",
    "Phase",
    "PlannedForm",
    "PrelimPlan",
    "Readiness",
    "SoapPlan",
    "SoapProgram",
    "SoapReadiness",
    "Standing",
    "StudyPlan",
    "WellbeingPlan",
    "WellbeingView",
    "YearData",
    "advisor_reading",
    "check_answer",
    "checklist_milestones",
    "outputs_status",
    "phase_on",
    "prelim_checklist",
    "readiness",
    "soap_milestones",
    "soap_readiness",
    "wellbeing_view",
    "where_the_year_stands",
    "year_data",
]
