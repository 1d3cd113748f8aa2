"""One function that makes user or file text inert in Streamlit markdown (issue 15, item 3).

Streamlit renders markdown in ``st.markdown``, ``st.error``, ``st.caption``, widget
labels, expander labels and help text. Text a user typed or a file carried must
show exactly as written there, and must never become a link, an image (which the
browser fetches), an icon (``:material/route:`` loads a font from an outside host),
an emoji, LaTeX or HTML. Pages call this through ``ui.render.plain``; the core's
error messages that repeat user text call it themselves with a ``limit``.

Why each step, given how Streamlit's markdown works (remark with GitHub-flavoured
markdown, math, directives, emoji and Material-icon plugins):

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

The result reads the same on screen (the zero-width spaces are invisible) and is
built with one ``str.translate`` pass and one fixed-width regex: linear in the text.
"""

from __future__ import annotations

import re
from typing import Final

ZWSP: Final = "\u200b"
"""Zero-width space: invisible, and not a word character, so it breaks a pattern."""
ELLIPSIS: Final = "…"
MARKDOWN_SPECIALS: Final = "\\`*_{}[]<>()#+-.!|~$&="
"""ASCII punctuation with a meaning in (GitHub-flavoured, Streamlit) markdown."""

_TRANSLATION: Final[dict[int, str]] = {
    **{ord(c): "\\" + c for c in MARKDOWN_SPECIALS},
    ord(":"): ":" + ZWSP,
    ord("@"): ZWSP + "@",
}
# "www." starts a bare link even without a scheme; a fixed-width lookbehind is linear.
_WWW_DOT: Final = re.compile(r"(?<=[wW]{3})(?=\.)")
_ESCAPED: Final = re.compile("\\\\([" + re.escape(MARKDOWN_SPECIALS) + "])|" + ZWSP)


def cap(text: str, limit: int) -> str:
    """At most ``limit`` characters, the last an ellipsis when something was cut."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit:
        return text
    return text[: limit - 1] + ELLIPSIS


def markdown_safe(text: str, limit: int | None = None) -> str:
    """``text`` as Streamlit markdown that shows exactly these characters and nothing else.

    With ``limit`` (for quoting user text inside a message) the text is first put on
    one line (whitespace runs become one space) and capped at ``limit`` characters
    with an ellipsis, so a hostile file cannot fill the screen with one key name.
    """
    if limit is not None:
        text = cap(" ".join(text.split()), limit)
    return _WWW_DOT.sub(ZWSP, text).translate(_TRANSLATION)


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
