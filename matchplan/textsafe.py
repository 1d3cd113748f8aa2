"""One escaping function for every piece of user or file text shown through markdown.

(Interim version; the hardening branch replaces it with the complete one.)
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:])")


def markdown_safe(text: str, limit: int | None = None) -> str:
    """Text that renders exactly as typed: no links, images, icons, emoji codes or LaTeX."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return _SPECIAL.sub(r"\\\1", text)
