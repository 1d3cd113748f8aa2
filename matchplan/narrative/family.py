"""R-71: a short, editable script for explaining the year to family."""

from __future__ import annotations

from datetime import date

from matchplan.narrative.data import ROLE_PHRASES
from matchplan.profile import STEP_LABELS, ApplicantProfile


def family_script(profile: ApplicantProfile, today: date) -> str:
    """R-71: a few plain sentences for family - the setback, the fix, the role, the date.

    Generated from the plan so it stays true; the applicant edits it into their own
    words and repeats it, rather than explaining the whole year each time.
    """
    failed = [s for s in STEP_LABELS if profile.failures(s)]
    unpassed = [s for s in failed if not profile.passed(s)]
    if failed:
        names = " and ".join(STEP_LABELS[s] for s in failed)
        exam = "a licensing exam" if len(failed) == 1 else "my licensing exams"
        setback = f"I had a setback on {exam} ({names}), and I did not get a residency place."
    else:
        setback = "I did not get a residency place in this year's Match."
    if unpassed:
        step = unpassed[0]
        planned = [a for a in profile.planned(step) if a.exam_date >= today]
        fixing = (
            f"I am fixing it: I retake {STEP_LABELS[step]} in {planned[0].exam_date:%B %Y}, "
            "with a set study plan."
            if planned
            else f"I am fixing it with a set study plan before I retake {STEP_LABELS[step]}."
        )
    elif failed:
        fixing = "I have fixed the exam problem: I have passed it since."
    else:
        fixing = "I know what went wrong with the application and I am fixing it."
    role = f"{ROLE_PHRASES[profile.clinical.current_role]} while I prepare the application."
    year = profile.target_match_year
    again = f"I am applying to residency again for the {year} Match, to start in July {year}."
    ask = "The most helpful thing is to ask how my week went, not when I will be a doctor."
    return " ".join((setback, fixing, role, again, ask))
