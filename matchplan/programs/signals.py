"""R-55: how many program signals the specialty gives, and how to spend them."""

from __future__ import annotations

from matchplan.frozen import Frozen
from matchplan.reference import Level, Specialty


class SignalAdvice(Frozen):
    specialty_id: str
    name: str
    label: str
    total: int
    gold: int
    season: int
    assumed_for_later_season: bool
    advice: tuple[str, ...]
    sources: tuple[str, ...]


def signal_advice(spec: Specialty, target_match_year: int, level: Level) -> SignalAdvice:
    """R-55: how many signals the specialty gives, for which season, and how to spend them."""
    signals = spec.signals
    advice: list[str] = []
    if signals.total == 0:
        advice.append(
            f"{spec.name} is not in the ERAS signal table for the {signals.season} season, "
            "so there are no ERAS signals to plan."
        )
    else:
        advice.append(
            "Spend every signal on a program where you are realistic: one that interviews "
            "applicants with your history, or where you have a real connection."
        )
        if signals.silver:
            advice.append(
                "Gold signals carry the most weight: give them to the realistic programs "
                "you want most, not to reach programs."
            )
        if level != "low":
            advice.append(
                f"At a {level} tier a signal to a program that screens out failed attempts "
                "is wasted; favour community and university-affiliated programs."
            )
        advice.append("Signals go out with the application and cannot be moved afterwards.")
    if signals.note:
        advice.append(signals.note)
    return SignalAdvice(
        specialty_id=spec.id,
        name=spec.name,
        label=signals.label(),
        total=signals.total,
        gold=signals.gold,
        season=signals.season,
        assumed_for_later_season=target_match_year > signals.season,
        advice=tuple(advice),
        sources=(signals.source, "aamc-signaling-faq"),
    )
