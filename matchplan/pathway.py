"""Stay or pivot: the proposed path, realistic alternatives, dual application (R-20..R-25, R-52).

The advisor view of R-20 (``assessment.propose_view``, which owns R-21..R-25
and gives each as a reason) maps onto a path:

- optimistic -> **stay**: same specialty, heavy documented remediation (R-21);
- cautious -> **retarget**: same specialty at less competitive programs and
  places (R-22's first option, R-24's caution);
- pessimistic -> **pivot**: a less competitive specialty (R-22, R-23, R-24);
- **alternatives** (careers outside residency, §9) when R-25 fires strongly:
  one attempt left at an unpassed Step, failures at both Step 1 and Step 2 CK
  with more than one at either, or four or more years without clinical work.
  These are exactly the R-25 reasons ``propose_view`` raises at the high level;
  R-25's softer trigger (two or more unsuccessful cycles) keeps the path at
  retarget but still puts other careers on the table, never as the only message.

The advisor may override the path; an advisor view recorded in the profile
maps through the same table. Pure: no I/O, no clock.
"""

from __future__ import annotations

from typing import Literal

from matchplan.assessment import Assessment, Reason, View
from matchplan.frozen import Frozen
from matchplan.profile import ApplicantProfile
from matchplan.programs import GROUP_LABELS, ProgramData, dual_advised
from matchplan.reference import Reference, Specialty, SpecialtyGroup

Path = Literal["stay", "retarget", "pivot", "alternatives"]

PATHS: tuple[Path, ...] = ("stay", "retarget", "pivot", "alternatives")
PATH_LABELS: dict[Path, str] = {
    "stay": "Stay in the specialty",
    "retarget": "Same specialty, re-targeted",
    "pivot": "Pivot to another specialty",
    "alternatives": "Weigh careers outside residency",
}
PATH_MEANING: dict[Path, str] = {
    "stay": "Stay in the specialty with heavy, documented remediation and a statement "
    "that owns the failure.",
    "retarget": "Same specialty, aimed at community and less competitive programs and "
    "at less sought-after places.",
    "pivot": "Move to a less competitive specialty, or at most apply to the target and a "
    "realistic second specialty in parallel.",
    "alternatives": "Give careers outside residency (§9) real weight beside any "
    "re-application; they are options, not a verdict.",
}
VIEW_TO_PATH: dict[View, Path] = {
    "optimistic": "stay",
    "cautious": "retarget",
    "pessimistic": "pivot",
}
GROUP_ORDER: tuple[SpecialtyGroup, ...] = ("primary_care", "moderate", "competitive", "ultra")
MAX_ALTERNATIVES = 5


class Alternative(Frozen):
    """A realistic other specialty, with why it ranks where it does."""

    specialty_id: str
    name: str
    group: SpecialtyGroup
    solid_bar: int
    step2ck: int | None
    related: bool
    named_by_article: bool
    why: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def margin(self) -> int | None:
        return None if self.step2ck is None else self.step2ck - self.solid_bar

    @property
    def margin_words(self) -> str:
        """The Step 2 CK against this specialty's solid bar, in plain words (for pages)."""
        return _bar_words(self.step2ck, self.solid_bar, self.name)


class Pathway(Frozen):
    """R-20: the proposed path with its reasons, the alternatives, and the advisor's choice."""

    proposed: Path
    reasons: tuple[Reason, ...]
    advisor_override: Path | None
    alternatives: tuple[Alternative, ...]
    dual_advised: bool
    second_specialty: str | None
    other_careers: tuple[Reason, ...]
    no_alternative: str = ""  # set when no specialty is more accessible than the target

    @property
    def effective(self) -> Path:
        return self.advisor_override or self.proposed


def strong_other_careers(result: Assessment) -> tuple[Reason, ...]:
    """R-25's strong triggers, as ``propose_view`` raised them (rule R-25, level high)."""
    return tuple(r for r in result.view.reasons if r.rule == "R-25" and r.level == "high")


def propose_path(result: Assessment) -> tuple[Path, tuple[Reason, ...]]:
    """R-20: the path for MatchPlan's proposed view; R-25's strong triggers mean other careers."""
    view = result.view.proposed
    strong = strong_other_careers(result)
    path: Path = "alternatives" if strong else VIEW_TO_PATH[view]
    mapping = Reason(
        rule="R-20",
        field="advisor_view",
        level="low"
        if path == "stay"
        else "high"
        if path in ("pivot", "alternatives")
        else "moderate",
        text=f"MatchPlan proposes the {view} view"
        + (" with strong signs for other careers (R-25)" if strong else "")
        + f", which maps to: {PATH_LABELS[path].lower()}.",
    )
    reasons = [mapping, *result.view.reasons]
    if path == "stay":
        # R-21 needs a solid Step 2 CK: say so when the academic lens found it short.
        reasons += [r for r in result.academic.reasons if r.rule == "R-31"]
    return path, tuple(reasons)


def _bar_words(score: int | None, bar: int, name: str) -> str:
    """Plain words for the Step 2 CK against a specialty's solid bar (no 'margin -16')."""
    looked_for = f"the score programs in {name} usually look for"
    if score is None:
        return f"No Step 2 CK score yet to compare with {looked_for} ({bar})."
    if score >= bar:
        return f"Your Step 2 CK {score} meets {looked_for} ({bar}, R-31)."
    return f"Your Step 2 CK {score} is {bar - score} points below {looked_for} ({bar}, R-31)."


def _groups_apart(a: Specialty, b: Specialty) -> int:
    return GROUP_ORDER.index(a.group) - GROUP_ORDER.index(b.group)


def _related(a: Specialty, b: Specialty) -> bool:
    return b.id in a.related or a.id in b.related


def more_accessible(spec: Specialty, target: Specialty) -> tuple[str, str] | None:
    """Issue 11 / R-22: is ``spec`` more accessible than ``target`` by the data held?

    Yes when its matched mean Step 2 CK is lower in the same table: Charting
    Outcomes 2024 (via QuantaPrep) when both rows exist, else the MedSchoolCoach
    cross-check table (weak). Returns the words and the source id, or None.
    """
    for attr in ("mean_step2ck", "cross_check_step2ck"):
        mine = getattr(spec, attr)
        theirs = getattr(target, attr)
        if mine is not None and theirs is not None:
            if mine.value < theirs.value:
                return (
                    f"More accessible by the data: matched applicants' mean Step 2 CK is "
                    f"{mine.value}, against {theirs.value} for {target.name}.",
                    mine.source,
                )
            return None
    return None


def no_alternative_note(target: Specialty) -> str:
    """What to say when no specialty is more accessible than the target (e.g. FM)."""
    return (
        f"No specialty in MatchPlan's data is more accessible than {target.name}, so a "
        "change of specialty is not the lever. Put the weight on a broader list, more "
        "regions and less sought-after places, community programs, and the other "
        "options: a stronger application next cycle, or careers outside residency."
    )


def rank_alternatives(
    profile: ApplicantProfile, ref: Reference, data: ProgramData, limit: int = MAX_ALTERNATIVES
) -> tuple[Alternative, ...]:
    """R-22/R-23: realistic other specialties, best first, each with why.

    Candidates must be genuinely more accessible than the target by the data held
    (``more_accessible``: a lower matched mean Step 2 CK in the same table). Never
    an ultra-competitive one after a failure (R-23); a competitive one only when
    the applicant's Step 2 CK meets its solid bar. An empty result means none is
    more accessible (say so with ``no_alternative_note``).
    Ranked by: meets its solid bar (R-31), related to the target (experience and
    letters carry over), less competitive group, named by the article, then the
    larger margin over the bar.
    """
    target = ref.specialty(profile.target_specialty)
    step2 = profile.passing_attempt("step2ck")
    score = step2.score if step2 is not None else None
    failed = profile.total_failures() > 0
    named_ids = set(data.less_competitive.ids)
    found: list[tuple[tuple[int, int, int, int, int, int, str], Alternative]] = []
    for spec in ref.specialties:
        if spec.id == target.id:
            continue
        apart = _groups_apart(spec, target)
        named = spec.id in named_ids
        accessible = more_accessible(spec, target)
        if accessible is None:
            continue
        bar = spec.solid_step2ck_bar.value
        meets = score is not None and score >= bar
        if spec.group == "ultra" and failed:
            continue
        if spec.group == "competitive" and not meets:
            continue
        related = _related(spec, target)
        why: list[str] = [accessible[0]]
        if apart < 0:
            why.append(
                f"Less competitive: {GROUP_LABELS[spec.group]} "
                f"({target.name} is {GROUP_LABELS[target.group]})."
            )
        if named:
            why.append("Named in the article as a less competitive option (R-22).")
        if related:
            why.append(f"Related to {target.name}: clinical work and letters carry over.")
        why.append(_bar_words(score, bar, spec.name))
        sources = tuple(
            dict.fromkeys([accessible[1], spec.solid_step2ck_bar.source, *(["article"] * named)])
        )
        margin = -999 if score is None else score - bar
        key = (
            0 if meets else 1,
            0 if related else 1,
            GROUP_ORDER.index(spec.group),
            0 if named else 1,
            -margin,
            bar,
            spec.name,
        )
        found.append(
            (
                key,
                Alternative(
                    specialty_id=spec.id,
                    name=spec.name,
                    group=spec.group,
                    solid_bar=bar,
                    step2ck=score,
                    related=related,
                    named_by_article=named,
                    why=tuple(why),
                    sources=sources,
                ),
            )
        )
    return tuple(alt for _, alt in sorted(found, key=lambda pair: pair[0]))[:limit]


def pathway(
    profile: ApplicantProfile,
    result: Assessment,
    ref: Reference,
    data: ProgramData,
    override: Path | None = None,
) -> Pathway:
    """R-20..R-25 and R-52: the path, its reasons, alternatives and the dual application.

    The advisor's path override wins; without one, an advisor view recorded in
    the profile maps through VIEW_TO_PATH; without either, MatchPlan's proposal.
    """
    proposed, reasons = propose_path(result)
    advisor = override
    if advisor is None and profile.advisor_view is not None:
        advisor = VIEW_TO_PATH[profile.advisor_view]
    alternatives = rank_alternatives(profile, ref, data)
    target = ref.specialty(profile.target_specialty)
    dual = dual_advised(result.overall, target, ref, failed=profile.total_failures() > 0)
    realistic = ref.stay_realistic_ids()
    seconds = [a for a in alternatives if a.specialty_id in realistic] or list(alternatives)
    return Pathway(
        proposed=proposed,
        reasons=reasons,
        advisor_override=advisor,
        alternatives=alternatives,
        dual_advised=dual,
        second_specialty=seconds[0].specialty_id if dual and seconds else None,
        other_careers=tuple(r for r in result.view.reasons if r.rule == "R-25"),
        no_alternative="" if alternatives else no_alternative_note(target),
    )
