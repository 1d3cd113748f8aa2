"""A draft email against R-62: 3-5 sentences, the program and the connection named.

The phrase lists live in ``data/narrative.json`` (loaded once); every check here
is linear in the text, because the text is pasted by the user.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from matchplan.datafiles import check_data, read_data
from matchplan.frozen import FrozenInput
from matchplan.narrative import (
    NARRATIVE_FILE,
    Phrase,
    first_phrase,
    mentions,
    mentions_words,
    narrative_data,
    quote,
    split_sentences,
)
from matchplan.networking.table import CONNECTION_NOUNS, ConnectionKind
from matchplan.reference import load_reference

EmailFindingKind = Literal["length", "program_missing", "connection_missing", "generic"]
_SIGN_OFF_WORDS = 6  # a line this short without a full stop is a greeting or a signature
# Does a line end in a full stop, perhaps followed by quotes, brackets or spaces? Matched
# on the reversed line from its start only, with a possessive skip, so the check is linear
# in the line (``search(r"[.!?]\W*$")`` rescans the tail from every full stop: quadratic
# on a pasted run of "?!?!...x").
_TERMINAL_REVERSED = re.compile(r"[^\w.!?。！？؟۔]*+[.!?。！？؟۔]")
_TOKEN = re.compile(r"\w+")


class EmailRules(FrozenInput):
    """The ``email`` part of ``data/narrative.json``."""

    generic_phrases: tuple[Phrase, ...]
    connection_terms: dict[ConnectionKind, tuple[str, ...]]
    program_stopwords: tuple[str, ...]


@cache
def email_rules() -> EmailRules:
    """Load the email phrase lists once (reference data)."""
    raw = read_data(NARRATIVE_FILE).get("email", {})
    return check_data(
        NARRATIVE_FILE,
        EmailRules,
        raw if isinstance(raw, dict) else {},
        sources=load_reference().sources,
        at="email",
    )


class EmailFinding(FrozenInput):
    rule: str
    kind: EmailFindingKind
    message: str
    hint: str
    quotes: tuple[str, ...] = ()


class EmailCheck(FrozenInput):
    """R-62: a draft email against the rules: length, the program, the connection."""

    sentences: int
    findings: tuple[EmailFinding, ...]


def ends_with_full_stop(line: str) -> bool:
    """Does the line end in . ! ? (or a CJK / Arabic full stop), closing marks aside?"""
    return _TERMINAL_REVERSED.match(line[::-1]) is not None


def body_sentences(text: str) -> tuple[str, ...]:
    """Sentences of an email without the greeting and the signature lines."""
    return tuple(
        s.text
        for s in split_sentences(text)
        if ends_with_full_stop(s.text) or len(s.text.split()) > _SIGN_OFF_WORDS
    )


def program_words(program: str, rules: EmailRules) -> tuple[str, ...]:
    """The distinctive words of a program's name ('Mercy Hospital IM Residency' -> mercy)."""
    stop = set(rules.program_stopwords)
    words = [w for w in _TOKEN.findall(program.casefold()) if w not in stop and len(w) > 2]
    return tuple(words) if words else tuple(_TOKEN.findall(program.casefold()))


def names_program(text: str, program: str, rules: EmailRules) -> bool:
    words = program_words(program, rules)
    return bool(words) and all(mentions_words(text, (w,)) for w in words)


def check_email(
    text: str,
    program: str,
    connection: ConnectionKind | None = None,
    advocate: str = "",
    rules: EmailRules | None = None,
) -> EmailCheck:
    """R-62: 3-5 sentences, the program named, the real connection named, nothing generic.

    ``connection`` is the kind recorded in the table (None accepts any kind); the
    advocate's name also counts as naming the connection.
    """
    rules = rules or email_rules()
    t = narrative_data().thresholds
    body = body_sentences(text)
    findings: list[EmailFinding] = []
    if not body:
        return EmailCheck(sentences=0, findings=())
    low, high = int(t.email_sentences_min.value), int(t.email_sentences_max.value)
    if not low <= len(body) <= high:
        findings.append(
            EmailFinding(
                rule="R-62",
                kind="length",
                message=f"{len(body)} sentence(s); a cold email that gets read is "
                f"{low}-{high} sentences.",
                hint="Connection, one line on where you are now, one specific ask."
                if len(body) > high
                else "Add the connection and one specific ask.",
                quotes=tuple(quote(s) for s in body[high:]) if len(body) > high else (),
            )
        )
    if program.strip() and not names_program(text, program, rules):
        findings.append(
            EmailFinding(
                rule="R-62",
                kind="program_missing",
                message=f"The email never names {program.strip()}, so it can read as a template.",
                hint="Name the program in the first sentence, with what ties you to it.",
                quotes=(quote(body[0]),),
            )
        )
    kinds = (connection,) if connection else tuple(rules.connection_terms)
    terms = tuple(term for kind in kinds for term in rules.connection_terms.get(kind, ()))
    names = tuple(w for w in _TOKEN.findall(advocate) if len(w) > 2 and w.casefold() != "dr")
    if not (mentions(text, terms) or mentions_words(text, names)):
        wanted = CONNECTION_NOUNS[connection] if connection else "a real connection"
        findings.append(
            EmailFinding(
                rule="R-62",
                kind="connection_missing",
                message=f"No sentence names the connection ({wanted}).",
                hint="Open with it: where you rotated or observed, whose research, which "
                "alumnus or mentor.",
                quotes=(quote(body[0]),),
            )
        )
    for sentence in body:
        found = first_phrase(sentence, rules.generic_phrases)
        if found is not None:
            findings.append(
                EmailFinding(
                    rule="R-62",
                    kind="generic",
                    message=f"Generic wording ('{found.words}').",
                    hint=found.phrase.hint,
                    quotes=(quote(sentence),),
                )
            )
    return EmailCheck(sentences=len(body), findings=tuple(findings))
