"""Make user or file text inert wherever it is shown (issue 15, item 3; issue 25).

Two renderers read markup in text: Streamlit's markdown (``markdown_safe``) and
Plotly's HTML-like chart labels (``chart_safe``). Text a user typed or a file carried
must show exactly as written in both, and must never become a link, an image or a
style (which the browser fetches), an icon (``:material/route:`` loads a font from
an outside host), an emoji, LaTeX or HTML.

Both also drop the Unicode bidi controls (``BIDI_CONTROLS``, issue 25 item 2): an
invisible right-to-left override (U+202E) in a name ``Dr Ann <U+202E>wol :ksir
llarevO`` reverses the rest of its line, so a handout or an error message would read "Overall
risk: low" where it says high. Names in right-to-left scripts read correctly without
them (the browser orders them by their letters); ``without_bidi`` does the same for
places that escape text their own way (the HTML and PDF handouts).

Markdown (``markdown_safe``): pages call it through ``ui.render.plain``; the core's
error messages that repeat user text call it themselves with a ``limit``. Why each
step, given how Streamlit's markdown works (remark with GitHub-flavoured markdown,
math, directives, emoji and Material-icon plugins):

- Markdown syntax (``[x](y)``, ``![x](y)``, ``<http://..>``, ``*``, ``#``, ``$``,
  ``<tag>``, tables, headings ...) is decided when the text is parsed, so a
  backslash before every ASCII punctuation mark that has a meaning is enough.
- Bare URLs, e-mail addresses, emoji shortcodes and ``:material/...:`` icons are
  found *after* parsing, in the text the parser produced - where backslash escapes
  are already gone. Those are broken with an invisible zero-width space
  (U+200B) inside the pattern: after every ``:`` (so no ``http://``, no
  ``:smile:``, no ``:material/x:``, no ``:red[..]`` directive), before every ``@``
  (no e-mail link) and between ``www`` and its dot (no ``www.x.com`` link).
- ``&`` is escaped too, so ``&#58;`` cannot smuggle a colon past the rest.

Charts (``chart_safe``): Plotly draws ``<br>``, ``<b>``, ``<i>``, ``<em>``, ``<sup>``,
``<sub>``, ``<span style=...>`` and ``<a href=...>`` in hover labels, text, titles,
annotations, tick labels and legend names, and decodes HTML entities - a practice form
named ``<a href=...>`` was a live link in the Progress chart, and a
``style="background:url(...)"`` a fetch from another host on hover. Escaping ``&``,
``<`` and ``>`` as entities leaves nothing Plotly reads as a tag, and it decodes them
back to the characters typed. The figure builders apply it to every value that comes
from a plan or a data file (not to their own markup); ``chart_plain`` undoes it for
``matchplan.figure_data``'s table, which shows the text as typed.

Each function is a ``str.translate`` pass or two (and, for markdown, one fixed-width
regex): linear in the text.
"""

from __future__ import annotations

import re
from typing import Final

ZWSP: Final = "\u200b"
"""Zero-width space: invisible, and not a word character, so it breaks a pattern."""
ELLIPSIS: Final = "…"
MARKDOWN_SPECIALS: Final = "\\`*_{}[]<>()#+-.!|~$&="
"""ASCII punctuation with a meaning in (GitHub-flavoured, Streamlit) markdown."""

BIDI_CONTROLS: Final = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
"""Embeddings, overrides, isolates and their pops (U+202A-U+202E, U+2066-U+2069), and
the invisible direction marks (LRM, RLM, ALM): all invisible, all able to reorder text."""
_NO_BIDI: Final[dict[int, None]] = dict.fromkeys(map(ord, BIDI_CONTROLS))

_TRANSLATION: Final[dict[int, str]] = {
    **{ord(c): "\\" + c for c in MARKDOWN_SPECIALS},
    ord(":"): ":" + ZWSP,
    ord("@"): ZWSP + "@",
}
# "www." starts a bare link even without a scheme; a fixed-width lookbehind is linear.
_WWW_DOT: Final = re.compile(r"(?<=[wW]{3})(?=\.)")
_CHART_TRANSLATION: Final[dict[int, str]] = {
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
}
_CHART_ENTITY: Final = re.compile("&(amp|lt|gt);")
_CHART_CHARS: Final = {"amp": "&", "lt": "<", "gt": ">"}
_ESCAPED: Final = re.compile("\\\\([" + re.escape(MARKDOWN_SPECIALS) + "])|" + ZWSP)


def cap(text: str, limit: int) -> str:
    """At most ``limit`` characters, the last an ellipsis when something was cut."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit:
        return text
    return text[: limit - 1] + ELLIPSIS


def _prepared(text: str, limit: int | None) -> str:
    """Without bidi controls (first: one between "www" and "." would hide the link);
    with ``limit``, on one line and capped (see ``markdown_safe``)."""
    text = without_bidi(text)
    return text if limit is None else cap(" ".join(text.split()), limit)


def without_bidi(text: str) -> str:
    """``text`` without the bidi controls that could reorder what follows it on its line."""
    return text.translate(_NO_BIDI)


def markdown_safe(text: str, limit: int | None = None) -> str:
    """``text`` as Streamlit markdown that shows exactly these characters and nothing else
    (the invisible bidi controls left out).

    With ``limit`` (for quoting user text inside a message) the text is first put on
    one line (whitespace runs become one space) and capped at ``limit`` characters
    with an ellipsis, so a hostile file cannot fill the screen with one key name.
    """
    return _WWW_DOT.sub(ZWSP, _prepared(text, limit)).translate(_TRANSLATION)


def chart_safe(text: str, limit: int | None = None) -> str:
    """``text`` for a Plotly label (hover, text, name, annotation, tick): shown exactly as
    typed, never a tag, a link or a style (the invisible bidi controls left out).

    ``limit`` works as in ``markdown_safe``.
    """
    return _prepared(text, limit).translate(_CHART_TRANSLATION)


def chart_plain(label: str) -> str:
    """Undo ``chart_safe`` for a place that shows text as it is (the chart's data table)."""
    return _CHART_ENTITY.sub(lambda m: _CHART_CHARS[m.group(1)], label)


def plain_text(markdown: str) -> str:
    """Undo ``markdown_safe`` for a place that shows text as it is, not as markdown.

    Core messages that quote user text are markdown-safe (they go to ``st.error``
    and friends as they are); a table cell, the command line or a PDF shows raw
    characters, so it takes the message through this first. The core's own words
    never contain a backslash, so only the escapes ``markdown_safe`` added go.
    """
    return _ESCAPED.sub(lambda m: m.group(1) or "", markdown)


def quoted(text: str, limit: int = 60) -> str:
    """User text quoted inside a core message: ``'...'``, inert and at most ``limit`` long."""
    return f"'{markdown_safe(text, limit)}'"
