"""What to write and what to ask an advocate to say, for one program (R-62).

Outlines leave [brackets] for what only the applicant knows; the exam history is
stated once, factually, in the words the rules ask for.
"""

from __future__ import annotations

from datetime import date

from matchplan.narrative import ROLE_LABELS
from matchplan.networking.table import ConnectionKind, NetworkingTarget
from matchplan.profile import STEP_LABELS, ApplicantProfile
from matchplan.reference import Reference, load_reference


def _exam_line(profile: ApplicantProfile, today: date) -> str:
    failed = [s for s in STEP_LABELS if profile.failures(s)]
    if not failed:
        return ""
    step = failed[0]
    attempt = profile.passing_attempt(step)
    planned = [a for a in profile.planned(step) if a.exam_date >= today]
    if attempt is not None:
        result = f"passed it in {attempt.exam_date:%B %Y}"
    elif planned:
        result = f"retake it in {planned[0].exam_date:%B %Y}"
    else:
        result = "retake it with a set study plan"
    return (
        f"I did not pass {STEP_LABELS[step]} on my first attempt; I changed how I "
        f"prepare and {result}."
    )


def _exam_facts(profile: ApplicantProfile, today: date) -> str:
    """The exam history in the third person, for an advocate's note."""
    parts: list[str] = []
    for step in STEP_LABELS:
        failures = profile.failures(step)
        if not failures:
            continue
        attempt = profile.passing_attempt(step)
        planned = [a for a in profile.planned(step) if a.exam_date >= today]
        times = "one failed attempt" if failures == 1 else f"{failures} failed attempts"
        if attempt is not None:
            after = f"passed in {attempt.exam_date:%B %Y}"
        elif planned:
            after = f"retake booked for {planned[0].exam_date:%B %Y}"
        else:
            after = "retake being prepared"
        parts.append(f"{STEP_LABELS[step]}: {times}, {after}")
    return "; ".join(parts)


def email_outline(
    profile: ApplicantProfile,
    target: NetworkingTarget | None,
    today: date,
    ref: Reference | None = None,
) -> str:
    """R-62: a 3-4 sentence email for one program; [brackets] are for the applicant to fill."""
    ref = ref or load_reference()
    spec = ref.specialty(profile.target_specialty)
    program = target.program if target else "[program]"
    kind: ConnectionKind = target.connection if target else "rotation"
    advocate = target.advocate if target and target.advocate else ""
    opening: dict[ConnectionKind, str] = {
        "alumni": f"I graduated from [your medical school], like [the alumnus's name] at "
        f"{program}, who suggested I write.",
        "rotation": f"I rotated at {program} on [service] in [month and year], working with "
        "[attending's name].",
        "observership": f"I completed an observership at {program} on [service] in "
        "[month and year] with [physician's name].",
        "research": f"I work with [investigator's name] at {program} on [project], "
        "[and what came of it: an abstract, a poster].",
        "mentor_contact": f"My mentor, {advocate or '[mentor name]'}, trained at {program} "
        "and suggested I write to you.",
    }
    role = ROLE_LABELS[profile.clinical.current_role]
    lines = [
        opening[kind],
        _exam_line(profile, today),
        f"I am applying in {spec.name} for the {profile.target_match_year} Match and now "
        f"work in a {role} [one concrete result from it].",
        f"I would be grateful to be considered for an interview at {program}"
        + (f"; {advocate} knows my work and may be in touch as well." if advocate else "."),
    ]
    body = " ".join(line for line in lines if line)
    return f"Dear Dr. [program director's surname],\n\n{body}\n\n[Your name]"


def advocate_brief(
    profile: ApplicantProfile, target: NetworkingTarget, today: date
) -> tuple[str, ...]:
    """R-62: what to ask an advocate to say to the program director, point by point."""
    who = target.advocate or "Your advocate"
    points = [
        f"{who} writes or calls the program director at {target.program} with a short, "
        "specific note.",
    ]
    facts = _exam_facts(profile, today)
    if facts:
        points.append(
            f"It states the exam history and the remediation in one factual line: {facts}."
        )
    points.append(
        "It vouches for what they saw of your work: reliability, clinical judgement, "
        "how you take feedback."
    )
    points.append("Give them your CV, these points and your ERAS ID, and a date to send by.")
    return tuple(points)
