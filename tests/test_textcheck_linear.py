"""Issue 15, item 1: every check that runs on user text is linear in its length.

The regular expressions in ``matchplan.narrative`` and ``matchplan.networking``
were rewritten (possessive quantifiers, runs entered only at their first
character) because the old ones took quadratic time on runs of ``.!?…`` and of
spaces. These tests pin two things without timing anything (timing is the
benchmark's job: ``python -m bench.run --stages textcheck``):

- on small strings from an adversarial alphabet the new patterns find exactly what
  the old ones found, so behaviour is unchanged;
- on long adversarial strings every checker terminates with the right structure.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchplan import narrative
from matchplan.narrative import build_pattern, check_statement, split_sentences
from matchplan.networking import body_sentences, check_email, ends_with_full_stop
from matchplan.programs import parse_program_csv
from matchplan.textsafe import markdown_safe

# The patterns as they were on 42dd844 (backtracking, quadratic on long runs).
OLD_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*\s+|[。！？؟۔]+[\"'”’)\]]*\s*|\s*\n\s*")
OLD_PARAGRAPHS = re.compile(r"\n[^\S\n]*\n\s*")
OLD_TERMINAL = re.compile(r"[.!?。！？؟۔]\W*$")

ADVERSARIAL = "ab.!?…。！\"')] \t\r\n\u3000"
small = st.text(alphabet=ADVERSARIAL, max_size=14)
# Long strings built from runs: a character repeated up to 4000 times, a few runs.
runs = st.lists(
    st.tuples(st.sampled_from(ADVERSARIAL), st.integers(min_value=1, max_value=4000)),
    min_size=1,
    max_size=6,
).map(lambda parts: "".join(c * n for c, n in parts))

LONG = 30_000
ADVERSARIAL_LONG = {
    "dots": "." * LONG,
    "mixed-punctuation": ".!?…" * (LONG // 4),
    "punctuation-then-word": "?!" * (LONG // 2) + "x",
    "spaces": " " * LONG,
    "spaces-then-word": "a" + " " * LONG + "b",
    "tabs-and-returns": "\t\r" * (LONG // 2),
    "blank-lines": "\n \n" * (LONG // 3),
    "dot-space": ". " * (LONG // 2),
    "quotes-after-stop": "." + "'" * LONG,
}


def _old_phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    def one(phrase: str) -> str:
        words = phrase.casefold().strip()
        body = r"\s+".join(re.escape(w) for w in words.rstrip("*").split())
        return body + (r"\w*" if words.endswith("*") else "")

    parts = sorted((one(p) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _non_space(text: str) -> str:
    return "".join(text.split())


@given(small)
@settings(max_examples=2000, deadline=None)
def test_issue15_sentence_boundaries_match_the_old_pattern(text: str) -> None:
    old = [m.span() for m in OLD_BOUNDARY.finditer(text)]
    assert [m.span() for m in narrative._BOUNDARY.finditer(text)] == old
    assert narrative._PARAGRAPHS.split(text) == OLD_PARAGRAPHS.split(text)


@given(small)
@settings(max_examples=1000, deadline=None)
def test_issue15_full_stop_check_matches_the_old_pattern(text: str) -> None:
    assert ends_with_full_stop(text) == (OLD_TERMINAL.search(text) is not None)


@given(st.text(alphabet="ab \t\n", max_size=14))
@settings(max_examples=1000, deadline=None)
def test_issue15_phrase_patterns_match_the_old_pattern(text: str) -> None:
    phrases = ("a b", "ab*", "b", "a  a b*")
    old = [m.span() for m in _old_phrase_pattern(phrases).finditer(text)]
    assert [m.span() for m in build_pattern(phrases).finditer(text)] == old


@given(runs)
@settings(max_examples=60, deadline=None)
def test_issue15_adversarial_runs_split_into_sentences_that_cover_the_text(text: str) -> None:
    sentences = split_sentences(text)
    assert _non_space("".join(s.text for s in sentences)) == _non_space(text)
    assert all(s.text == s.text.strip() and s.text for s in sentences)
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs == sorted(paragraphs)


@given(runs)
@settings(max_examples=25, deadline=None)
def test_issue15_adversarial_runs_give_a_statement_and_email_check(text: str) -> None:
    check = check_statement(text[: narrative.STATEMENT_MAX], "im")
    assert check.sentences == len(split_sentences(text[: narrative.STATEMENT_MAX]))
    assert 0.0 <= check.failure_share <= 1.0
    email = check_email(text, "Mercy Hospital", "rotation", "Dr. Chen")
    assert email.sentences == len(body_sentences(text))


@pytest.mark.parametrize("name", list(ADVERSARIAL_LONG))
def test_issue15_30k_adversarial_text_is_checked(name: str) -> None:
    text = ADVERSARIAL_LONG[name]
    sentences = split_sentences(text)
    assert _non_space("".join(s.text for s in sentences)) == _non_space(text)
    check = check_statement(text, "im")
    assert check.characters == len(text)
    check_email(text, "Mercy Hospital", "rotation", "Dr. Chen")
    assert markdown_safe(text, limit=60).count("…") <= 1 + text.count("…")


def test_issue15_dot_runs_are_one_sentence_and_dot_space_many() -> None:
    assert [s.text for s in split_sentences("." * LONG)] == ["." * LONG]
    assert len(split_sentences(". " * 1000)) == 1000
    assert split_sentences(" " * LONG) == ()


def test_issue15_adversarial_csv_cells_are_read() -> None:
    header = "program,state,type,setting,connection,signal\n"
    line = f'"{"." * 5000}{" " * 5000}",OH,community,urban,"{"?" * 5000}",yes\n'
    result = parse_program_csv((header + line).encode())
    assert result.problem is None
    assert [e.line for e in result.errors] == [2]  # program longer than 200 characters
