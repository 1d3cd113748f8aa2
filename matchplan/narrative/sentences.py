"""Plain-text tools: the linear sentence splitter and phrase matching (issue 15)."""

from __future__ import annotations

import re
from functools import cache

from matchplan.frozen import Frozen
from matchplan.narrative.data import NarrativeData, Phrase
from matchplan.reference import Reference

QUOTE_MAX = 240
"""A quoted sentence longer than this is cut with an ellipsis (the finding still names it)."""


# --- plain-text tools ------------------------------------------------------------------


class Sentence(Frozen):
    """One sentence of a text, with the paragraph it sits in (0-based)."""

    text: str
    paragraph: int


# Every pattern below runs on user text, so each must take time linear in it (issue 15):
# Python's regex engine holds the interpreter lock, and one quadratic match on a pasted
# 30 000-character run freezes every session on the server. Two habits make that so:
# - possessive quantifiers (``*+``, ``++``) never give back what they took, so a failed
#   match is never retried with a shorter run;
# - a run is only entered at its first character (a negative lookbehind), so a run of
#   n dots or spaces is scanned once, not once from each of its n positions.
# ``tests/test_narrative.py`` checks each against the old, backtracking form on small
# strings (same matches) and ``bench/run.py --stages textcheck`` times them.
_PARAGRAPHS = re.compile(r"\n[^\S\n]*+\n\s*+")
# A sentence ends at . ! ? or … followed by space, or at CJK / Arabic full stops, or a newline.
_BOUNDARY = re.compile(
    r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+\s++"
    r"|(?<![。！？؟۔])[。！？؟۔]++[\"'”’)\]]*+\s*+"
    r"|(?<![^\S\n])[^\S\n]*+\n\s*+"
)
_ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "prof", "st", "vs", "e.g", "i.e", "etc", "u.s", "no", "jr", "sr"}
)
_WORD = re.compile(r"\w+")


def _ends_with_abbreviation(text: str, end: int, start: int) -> bool:
    """Is the full stop at ``end`` part of 'Dr.' or 'U.S.'? Looks back a few characters only."""
    if end >= len(text) or text[end] != ".":
        return False
    tail = text[max(start, end - 8) : end].split()
    if not tail:
        return False
    word = tail[-1].casefold().lstrip("([\"'")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Paragraphs (blank-line separated), then sentences; linear in the length of the text."""
    out: list[Sentence] = []
    for number, paragraph in enumerate(p for p in _PARAGRAPHS.split(text) if p.strip()):
        start = 0
        for match in _BOUNDARY.finditer(paragraph):
            if _ends_with_abbreviation(paragraph, match.start(), start):
                continue
            piece = paragraph[start : match.end()].strip()
            if piece:
                out.append(Sentence(text=piece, paragraph=number))
            start = match.end()
        piece = paragraph[start:].strip()
        if piece:
            out.append(Sentence(text=piece, paragraph=number))
    return tuple(out)


def _phrase_regex(phrase: str) -> str:
    words = phrase.casefold().strip()
    star = words.endswith("*")
    # Possessive: a word never starts with a space, and a prefix match takes the whole word.
    body = r"\s++".join(re.escape(w) for w in words.rstrip("*").split())
    return body + (r"\w*+" if star else "")


def build_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a phrase list: whole words, case-insensitive, '*' as a word prefix."""
    parts = sorted((_phrase_regex(p) for p in phrases if p.strip()), key=len, reverse=True)
    if not parts:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


phrase_pattern = cache(build_pattern)
"""Cached patterns, for the phrase lists of the data files only: never for user text."""


def mentions(text: str, phrases: tuple[str, ...]) -> bool:
    """Does ``text`` contain one of the data file's phrases (cached patterns)?"""
    return phrase_pattern(phrases).search(text) is not None


def mentions_words(text: str, words: tuple[str, ...]) -> bool:
    """The same test for words the user typed (a program, a name): nothing is cached."""
    return build_pattern(tuple(w.replace("*", "") for w in words)).search(text) is not None


class PhraseMatch(Frozen):
    """A listed phrase found in a sentence, with the words as the writer typed them."""

    phrase: Phrase
    words: str


def first_phrase(text: str, phrases: tuple[Phrase, ...]) -> PhraseMatch | None:
    """The first listed phrase found in ``text`` (the list order sets the hint shown)."""
    if not mentions(text, tuple(p.phrase for p in phrases)):
        return None
    for phrase in phrases:
        match = phrase_pattern((phrase.phrase,)).search(text)
        if match is not None:
            return PhraseMatch(phrase=phrase, words=match.group(0))
    return None


def quote(text: str) -> str:
    """A sentence as quoted in a finding: whitespace collapsed, long ones cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_MAX else flat[: QUOTE_MAX - 1].rstrip() + "…"


def about_failure(sentence: str, data: NarrativeData) -> bool:
    """Does the sentence talk about the applicant's exam or Match setback (not heart failure)?"""
    cleaned = phrase_pattern(data.not_about_the_applicant).sub(" ", sentence)
    return mentions(cleaned, data.failure_terms)


def specialty_phrases(specialty_id: str, ref: Reference, data: NarrativeData) -> tuple[str, ...]:
    """The specialty's name and the words that show the statement is about it."""
    name = ref.specialty(specialty_id).name
    return (name, *data.specialty_terms.get(specialty_id, ()))
