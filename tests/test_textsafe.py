"""Issue 15, item 3: one escaping function makes user and file text inert in markdown.

Two views of the output are checked, because Streamlit's markdown works in two
stages: the *source* (parsed for links, images, emphasis, HTML, LaTeX) must have
every meaningful punctuation mark backslash-escaped, and the *text* the parser
produces (escapes resolved; where bare URLs, e-mails, emoji shortcodes and
Material icons are found afterwards) must contain none of those patterns.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchplan.textsafe import (
    BIDI_CONTROLS,
    ELLIPSIS,
    MARKDOWN_SPECIALS,
    ZWSP,
    cap,
    markdown_safe,
    plain_text,
    quoted,
    without_bidi,
)

HOSTILE = (
    "![x](http://evil.example/x.png)",
    "[click](https://evil.example)",
    "<https://evil.example/a>",
    "http://evil/x.png",
    "https://evil.example",
    "www.evil.example",
    "WWW.Evil.Example/x",
    "me@evil.example",
    ":material/route:",
    ":smile:",
    ":+1:",
    ":red[alert]",
    ":blue-badge[x]",
    "$x^2$",
    "$$\\int$$",
    "<img src=x onerror=alert(1)>",
    "<b>bold</b>",
    "&#58;",
    "http&#58;//evil",
    "# heading",
    "title\n===",
    "> quote",
    "| a | b |",
    "`code`",
    "**bold** _it_ ~~strike~~",
    "\\",
    "." * 50,
    " " * 50,
    "\n" * 5,
)


def source_is_escaped(out: str) -> bool:
    """Every markdown special in the source is preceded by its own backslash."""
    i = 0
    while i < len(out):
        c = out[i]
        if c == "\\":
            if i + 1 >= len(out) or out[i + 1] not in MARKDOWN_SPECIALS:
                return False
            i += 2
            continue
        if c in MARKDOWN_SPECIALS:
            return False
        i += 1
    return True


def text_view(out: str) -> str:
    """What the markdown parser hands to the later plugins: escapes resolved, ZWSP kept."""
    return re.sub(r"\\(.)", r"\1", out)


_LATER_PATTERNS = {
    "bare url": re.compile(r"https?://", re.IGNORECASE),
    "www link": re.compile(r"www\.", re.IGNORECASE),
    "e-mail link": re.compile(r"[\w.+-]@"),
    "emoji or icon shortcode": re.compile(r":[\w+/-]+:"),
    "directive": re.compile(r":[A-Za-z]"),
}


def later_patterns(out: str) -> list[str]:
    view = text_view(out)
    return [name for name, pattern in _LATER_PATTERNS.items() if pattern.search(view)]


hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)), max_size=12).map(
    "".join
)


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:20]))
def test_issue15_hostile_fragment_is_inert_and_round_trips(text: str) -> None:
    out = markdown_safe(text)
    assert source_is_escaped(out)
    assert later_patterns(out) == []
    assert plain_text(out) == text


@given(hostile_text)
@settings(max_examples=300, deadline=None)
def test_issue15_no_output_holds_a_link_image_icon_or_shortcode(text: str) -> None:
    out = markdown_safe(text)
    assert source_is_escaped(out)
    assert later_patterns(out) == []
    if ZWSP not in text:
        assert plain_text(out) == without_bidi(text)


@given(hostile_text, st.integers(min_value=1, max_value=80))
@settings(max_examples=200, deadline=None)
def test_issue15_limited_quote_is_one_line_capped_and_inert(text: str, limit: int) -> None:
    out = markdown_safe(text, limit)
    shown = plain_text(out)
    assert len(shown) <= limit
    assert "\n" not in shown
    assert source_is_escaped(out)
    assert later_patterns(out) == []
    flat = " ".join(without_bidi(text).split())
    assert shown == flat if len(flat) <= limit else shown.endswith(ELLIPSIS)


def test_issue15_bare_url_in_scenario_name_is_not_a_link() -> None:
    out = markdown_safe("Plan B http://evil/x.png")
    assert "http://" not in text_view(out)
    assert plain_text(out) == "Plan B http://evil/x.png"


def test_issue15_icon_and_emoji_shortcodes_are_broken_invisibly() -> None:
    out = markdown_safe(":material/route: :smile:")
    assert out == f":{ZWSP}material/route:{ZWSP} :{ZWSP}smile:{ZWSP}"


def test_issue15_latex_and_html_are_escaped() -> None:
    assert markdown_safe("$x$") == "\\$x\\$"
    assert markdown_safe("<b>") == "\\<b\\>"


def test_issue15_long_text_is_capped_with_an_ellipsis() -> None:
    assert markdown_safe("a" * 100, limit=60) == "a" * 59 + ELLIPSIS
    assert markdown_safe("short", limit=60) == "short"
    assert cap("abc", 3) == "abc"
    with pytest.raises(ValueError, match="at least 1"):
        cap("abc", 0)


def test_issue15_quoted_wraps_in_single_quotes() -> None:
    assert quoted("[x](y)") == "'\\[x\\]\\(y\\)'"


def test_issue15_markdown_safe_handles_30k_punctuation_runs() -> None:
    # Structure only (no timing in unit tests): every character escaped exactly once.
    text = ".!?…" * 7500
    out = markdown_safe(text)
    assert out.count("\\") == 2 * 7500  # "." and "!" escaped; "?" and "…" mean nothing
    assert plain_text(out) == text


# --- issue 25, item 2: bidi controls ------------------------------------------------------

RLO = "\u202e"


@pytest.mark.parametrize("control", list(BIDI_CONTROLS), ids=lambda c: f"U+{ord(c):04X}")
def test_issue25_every_bidi_control_is_left_out_of_markdown(control: str) -> None:
    out = markdown_safe(f"Dr Ann {control}wol :ksir llarevO")
    assert control not in out
    assert plain_text(out) == "Dr Ann wol :ksir llarevO"


def test_issue25_reversed_name_cannot_reverse_the_message_quoting_it() -> None:
    message = f"The scenario {quoted(f'B {RLO}wol')} does not fit."
    assert RLO not in message
    assert plain_text(message) == "The scenario 'B wol' does not fit."


def test_issue25_bidi_control_cannot_hide_a_www_link() -> None:
    out = markdown_safe(f"www{RLO}.evil.example")
    assert later_patterns(out) == []
    assert plain_text(out) == "www.evil.example"


def test_issue25_right_to_left_letters_are_kept() -> None:
    assert plain_text(markdown_safe("د. أحمد")) == "د. أحمد"
