"""R-37/R-38: the gap-year role, scored against the article's criteria."""

from __future__ import annotations

from matchplan.profile import (
    CURRENT_ROLE_LABELS,
    HANDS_ON_ROLES,
    IMG_ROLE_OPTIONS,
    OBSERVER_ROLES,
    ApplicantProfile,
)
from matchplan.timeline.exam import exam_to_plan
from matchplan.timeline.models import GapRole, RoleKind, RoleScore, Verdict


def _clinical_checks(role: GapRole) -> tuple[list[str], list[str]]:
    """R-37's criteria for a clinical or observer role (article section 4.2)."""
    met: list[str] = []
    missing: list[str] = []
    checks = (
        (
            role.kind in HANDS_ON_ROLES,
            "hands-on clinical work (keeps clinical recency current)",
            "hands-on clinical work: observing does not reset clinical recency (R-37)",
        ),
        (role.us_based, "US-based", "US-based"),
        (role.in_target_specialty, "in the target specialty", "in the target specialty"),
        (
            role.visible_to_selection_faculty,
            "faculty who can write strong letters and vouch for you",
            "faculty who can write strong letters and vouch for you",
        ),
    )
    for ok, yes, no in checks:
        (met if ok else missing).append(yes if ok else no)
    return met, missing


def score_role(role: GapRole, profile: ApplicantProfile) -> RoleScore:
    """R-37/R-38: score the chosen gap-year role against the article's criteria (§4.2, §5).

    Research is scored on R-38's four criteria (and 'wasteful' when remote or in an
    abandoned specialty); a research fellowship with clinical duties adds R-37's
    hands-on check. Clinical roles are scored on R-37: hands-on, US-based, in the
    target specialty, with faculty who write letters. Observer roles (an observership,
    a longitudinal observership, a rotation with alumni) are never 'strong': they add
    letters and contacts but not hands-on work (revised R-37).
    """
    met: list[str] = []
    missing: list[str] = []
    if role.kind in ("research", "research_with_clinical_duties"):
        checks = (
            (role.in_target_specialty, "in the target specialty"),
            (role.department_has_program, "inside a department with a residency program"),
            (role.visible_to_selection_faculty, "visible to faculty who select residents"),
            (role.produces_output, "produces abstracts, posters or papers"),
        )
        for ok, words in checks:
            (met if ok else missing).append(words)
        if role.kind == "research_with_clinical_duties":
            (met if role.us_based else missing).append(
                "hands-on, US-based clinical duties (keeps clinical recency current)"
            )
        if role.remote or not role.in_target_specialty:
            reason = "remote work" if role.remote else "an abandoned specialty"
            return RoleScore(
                verdict="wasteful",
                met=tuple(met),
                missing=tuple(missing),
                advice=f"Research in {reason} does little for the application; "
                "move it into the target specialty's department.",
            )
        verdict: Verdict = "strong" if not missing else "useful" if len(missing) <= 2 else "weak"
        return RoleScore(
            verdict=verdict,
            met=tuple(met),
            missing=tuple(missing),
            advice="Good research is in the target specialty, seen by its "
            "selection faculty, and produces output.",
        )
    if role.kind == "prelim_or_ty":
        open_exam = exam_to_plan(profile) is not None
        if open_exam:
            return RoleScore(
                verdict="weak",
                met=(),
                missing=("the exam fixed first",),
                advice="A prelim or transitional year helps only once the exam "
                "problem is fixed; intern-year hours leave little room to "
                "study.",
            )
        return RoleScore(
            verdict="strong",
            met=("exam already fixed",),
            missing=(),
            advice="US clinical work and core letters; ask for interview days early.",
        )
    if role.kind == "none":
        return RoleScore(
            verdict="weak",
            met=(),
            missing=("a structured role",),
            advice="A year of only waiting reads badly; add hands-on clinical work, "
            "research in the target specialty, or at least an observership.",
        )
    if role.kind in HANDS_ON_ROLES:
        met, missing = _clinical_checks(role)
        verdict = "strong" if not missing else "useful" if len(missing) <= 2 else "weak"
        return RoleScore(
            verdict=verdict,
            met=tuple(met),
            missing=tuple(missing),
            advice="Hands-on US clinical work keeps clinical recency current; aim it at "
            "the target specialty and at faculty who will write at least two strong letters.",
        )
    if role.kind in OBSERVER_ROLES:
        met, missing = _clinical_checks(role)
        verdict = "useful" if len(missing) <= 2 else "weak"
        return RoleScore(
            verdict=verdict,
            met=tuple(met),
            missing=tuple(missing),
            advice="Observing is less than hands-on work: it can bring letters and people "
            "who vouch for you, but it does not make clinical work recent. Pair it with a "
            "hands-on role where you can.",
        )
    (met if role.paired_with_observership else missing).append("paired with an observership")
    return RoleScore(
        verdict="useful" if role.paired_with_observership else "weak",
        met=tuple(met),
        missing=tuple(missing),
        advice="Other roles are secondary to exams, specialty clinical work and "
        "letters; pair them with targeted observerships.",
    )


def role_options(profile: ApplicantProfile) -> tuple[RoleKind, ...]:
    """R-37/R-38: the roles to offer, the article's IMG roles first for an IMG (§4.2)."""
    every: tuple[RoleKind, ...] = tuple(CURRENT_ROLE_LABELS)
    first = IMG_ROLE_OPTIONS if profile.is_img else ()
    return (*first, *(r for r in every if r not in first))
