"""The personal statement workspace and the family script (docs/RULES.md R-60, R-61, R-71).

A statement after a failed Step tells one short story - cause, action, result -
and then returns to why the applicant wants the specialty. This module fills
that outline from the profile (R-60), checks a draft with plain text rules
(R-61: regular expressions over sentences; nothing is sent anywhere), and writes
a short, editable script for explaining the year to family (R-71).

The phrase lists and thresholds live in ``data/narrative.json``; the checker is
total: any string (empty, 100 000 characters, any script) gives a result.

The package splits the workspace by concern: ``data``, ``sentences``,
``statement`` (R-61), ``outline`` (R-60) and ``family`` (R-71). Every public name
is re-exported here.
"""

from __future__ import annotations

from matchplan.datafiles import sources_of
from matchplan.narrative.data import (
    NARRATIVE_FILE,
    ROLE_LABELS,
    ROLE_PHRASES,
    Approach,
    ApproachText,
    M,
    NarrativeData,
    NarrativeThresholds,
    Phrase,
    narrative_data,
    validate_data,
)
from matchplan.narrative.family import (
    family_script,
)
from matchplan.narrative.outline import (
    OutlineSection,
    SectionKey,
    StatementOutline,
    outline_text,
    statement_outline,
)
from matchplan.narrative.sentences import (
    _BOUNDARY as _BOUNDARY,
)
from matchplan.narrative.sentences import (
    _PARAGRAPHS as _PARAGRAPHS,
)
from matchplan.narrative.sentences import (
    QUOTE_MAX,
    PhraseMatch,
    Sentence,
    about_failure,
    build_pattern,
    first_phrase,
    mentions,
    mentions_words,
    phrase_pattern,
    quote,
    specialty_phrases,
    split_sentences,
)
from matchplan.narrative.statement import (
    MAX_QUOTES,
    STATEMENT_MAX,
    FindingKind,
    Severity,
    StatementCheck,
    StatementWorkspace,
    TextFinding,
    check_statement,
)

__all__ = [
    "MAX_QUOTES",
    "NARRATIVE_FILE",
    "QUOTE_MAX",
    "ROLE_LABELS",
    "ROLE_PHRASES",
    "STATEMENT_MAX",
    "Approach",
    "ApproachText",
    "FindingKind",
    "M",
    "NarrativeData",
    "NarrativeThresholds",
    "OutlineSection",
    "Phrase",
    "PhraseMatch",
    "SectionKey",
    "Sentence",
    "Severity",
    "StatementCheck",
    "StatementOutline",
    "StatementWorkspace",
    "TextFinding",
    "about_failure",
    "build_pattern",
    "check_statement",
    "family_script",
    "first_phrase",
    "mentions",
    "mentions_words",
    "narrative_data",
    "outline_text",
    "phrase_pattern",
    "quote",
    "sources_of",
    "specialty_phrases",
    "split_sentences",
    "statement_outline",
    "validate_data",
]
