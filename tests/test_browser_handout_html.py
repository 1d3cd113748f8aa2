"""Browser: the HTML handout fits its window whatever the user typed (issue 25).

A name or advisor note of thousands of characters without a space (a pasted link,
say) made the page 37,914 px wide; the handout's style breaks such words. The page is
opened in chromium as the file would be, at a desktop and at a phone width.
"""

from __future__ import annotations

from typing import Any

import pytest

from matchplan.handout import handout_content
from matchplan.handout_html import handout_figures, handout_html
from matchplan.plan import build_plan, new_plan
from matchplan.profile import with_changes
from tests.strategies import TODAY, example_profile

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def long_words_page() -> str:
    profile = with_changes(
        example_profile(), {"display_name": "N" * 120, "advisor_notes": "x" * 5000}, TODAY
    )
    result = build_plan(new_plan(profile, TODAY), TODAY)
    return handout_html(handout_content(result, identify=True), handout_figures(result))


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_issue25_html_handout_with_5000_character_words_fits_the_window(
    browser: Any, long_words_page: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        tab = context.new_page()
        tab.set_content(long_words_page)
        tab.wait_for_function("() => document.querySelectorAll('.main-svg').length > 0")
        assert tab.get_by_text("x" * 50).count() == 1  # the note is on the page
        wide = tab.evaluate("() => document.documentElement.scrollWidth")
        assert wide <= width
    finally:
        context.close()
