"""The built-in example applicant and the blank starting profile."""

from __future__ import annotations

from datetime import date

from matchplan.cycles import cycle_date
from matchplan.datafiles import read_data
from matchplan.profile import ApplicantProfile, first_plannable_match_year, parse_profile

EXAMPLE_FILE = "example_applicant.json"


def example_profile(today: date) -> ApplicantProfile:
    """One Step 1 failure, unmatched in internal medicine: every chart has something to show."""
    data = read_data(EXAMPLE_FILE)
    # on a later day the example's cycle may be running; plan the next one instead.
    data["target_match_year"] = max(data["target_match_year"], first_plannable_match_year(today))
    return parse_profile(data, today)


def last_match_year(today: date) -> int:
    """The most recent Match whose Match Day has passed."""
    year = today.year
    return year if cycle_date(year, "match_day").date <= today else year - 1


def blank_profile(today: date) -> ApplicantProfile:
    """A neutral start: no exams yet, the last Match just past, the next open cycle as target."""
    last = last_match_year(today)
    target = max(last + 1, first_plannable_match_year(today))
    return parse_profile(
        {
            "applicant_type": "us_md",
            "graduation_date": date(last - 1, 5, 15),
            "target_specialty": "im",
            "target_match_year": target,
            "last_cycle": {
                "match_year": last,
                "specialties_applied": ["im"],
                "programs_applied": 0,
                "census_divisions": 1,
                "interview_offers": 0,
                "interviews_attended": 0,
                "programs_ranked": 0,
            },
            "content": {"personal_statement": "generic", "activities": "none"},
            "clinical": {
                "months_since_clinical": 0,
                "clinical_us_based": True,
                "clinical_in_target": True,
                "current_role": "none",
            },
        },
        today,
    )
