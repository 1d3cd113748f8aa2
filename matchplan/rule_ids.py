"""Rule ids in the sentences the core writes: the one place that takes them out (issue 24).

Core sentences name their rule the way docs/RULES.md does: "(R-05: lowers academic
risk one level)", "(dual application, R-52)", "R-37's target", "**R-01** · text".
Whoever shows a sentence decides whether its id shows: the pages follow "Show rule
ids and details" (``ui.render.words``), the handout its ``rule_ids`` option
(``matchplan.handout.handout_content``). Both call ``shown``, so with ids off a
sentence reads the same everywhere, and no "()" or "(: ..." is left where an id was.
Sources are never removed. The ids stay in the core's text (rather than a field of
every message) because a sentence may name several rules at different places in it.
"""

from __future__ import annotations

import re

RULE_ID = re.compile(r"\bR-\d{2}[a-z]?\b")
"""A rule id as docs/RULES.md writes it (R-05, R-41a)."""

_RULE = r"R-\d{2}[a-z]?"
_RULES = rf"{_RULE}(?:\s*(?:/|,|and)\s*{_RULE})*"
_STRIP: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\*\*{_RULES}\*\*\s*·\s*"), ""),  # "**R-01, R-22** · text"
    (re.compile(rf"\s*\(\s*{_RULES}\s*\)"), ""),  # "text (R-50/R-51)"
    (re.compile(rf"\(\s*{_RULES}\s*[:,;]\s*"), "("),  # "(R-05: lowers ...)"
    (re.compile(rf"\s*[,;]\s*{_RULES}\s*(?=\))"), ""),  # "(dual application, R-52)"
    (re.compile(rf"{_RULES}'s\s+"), "the "),  # "R-04's overall tier"
    (re.compile(rf"\s*\b{_RULES}\b\s*[:·]?\s*"), " "),  # any id left in a sentence
)


def without_rule_ids(text: str) -> str:
    """The sentence with every rule id taken out, still reading as a sentence."""
    if not RULE_ID.search(text):
        return text
    for pattern, replacement in _STRIP:
        text = pattern.sub(replacement, text)
    return re.sub(r" {2,}", " ", text)


def shown(text: str, *, rule_ids: bool) -> str:
    """The sentence as a reader sees it: with its ids when they are on, without otherwise."""
    return text if rule_ids else without_rule_ids(text)
