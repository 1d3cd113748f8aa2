"""Networking targets and the applicant's own emails (docs/RULES.md R-62).

Programs where the applicant has a real connection - alumni of their school, a
rotation, an observership, research, a mentor's contact - are where an
advocate's call to the program director counts. The applicant's own emails are
short (3-5 sentences), name the program and name the connection; this module
keeps the table, suggests each next step, checks a draft and writes an outline.

The package splits the domain by concern: ``table`` (the targets, their next
steps and the editor's rows), ``email_check`` (a draft against R-62) and
``outlines`` (the applicant's email and the advocate's brief). Every public name
is re-exported here.
"""

from __future__ import annotations

from matchplan.networking.email_check import (
    EmailCheck,
    EmailFinding,
    EmailFindingKind,
    EmailRules,
    body_sentences,
    check_email,
    email_rules,
    ends_with_full_stop,
    names_program,
    program_words,
)
from matchplan.networking.outlines import advocate_brief, email_outline
from matchplan.networking.table import (
    CONNECTION_LABELS,
    CONNECTION_NOUNS,
    STATUS_LABELS,
    ConnectionKind,
    NetworkingNote,
    NetworkingTable,
    NetworkingTarget,
    Status,
    TableParse,
    suggested_next_step,
    table_from_rows,
    table_notes,
)

__all__ = [
    "CONNECTION_LABELS",
    "CONNECTION_NOUNS",
    "STATUS_LABELS",
    "ConnectionKind",
    "EmailCheck",
    "EmailFinding",
    "EmailFindingKind",
    "EmailRules",
    "NetworkingNote",
    "NetworkingTable",
    "NetworkingTarget",
    "Status",
    "TableParse",
    "advocate_brief",
    "body_sentences",
    "check_email",
    "email_outline",
    "email_rules",
    "ends_with_full_stop",
    "names_program",
    "program_words",
    "suggested_next_step",
    "table_from_rows",
    "table_notes",
]
