"""Issue 12, item 3: no rule id in the sentences pages show, unless details are on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.session import GUIDED, SHOW_RULES

pytestmark = pytest.mark.usefixtures("app_today")  # the app reads its pinned date

ENTRY = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
ROOT = Path(__file__).resolve().parent.parent
# Sources lists rules by id too, but only with details on (issue 24, item 5).
PAGES = sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py"))
RULE_ID = re.compile(r"\bR-\d{2}")
TEXT_KINDS = (
    "markdown",
    "caption",
    "subheader",
    "header",
    "title",
    "info",
    "warning",
    "success",
    "error",
    "expander",
    "metric",
    "toggle",
    "checkbox",
    "selectbox",
    "slider",
    "number_input",
    "radio",
    "button",
)


def shown_text(app: AppTest) -> list[str]:
    """What the page says: every text element, every widget's label and help."""
    out: list[str] = []
    for kind in TEXT_KINDS:
        for element in getattr(app, kind, []):
            for attribute in ("value", "label", "help", "body"):
                value = getattr(element, attribute, None)
                if isinstance(value, str):
                    out.append(value)
    return out


@pytest.mark.parametrize("page", PAGES, ids=[Path(p).stem for p in PAGES])
def test_no_rule_ids_in_the_sentences_of(page: str) -> None:
    app = AppTest.from_file(ENTRY, default_timeout=90).run()
    app.switch_page(page).run()
    assert not app.exception
    with_ids = [text for text in shown_text(app) if RULE_ID.search(text)]
    assert with_ids == [], with_ids


def test_the_details_toggle_shows_the_ids_and_the_guided_walk_turns_it_on() -> None:
    app = AppTest.from_file(ENTRY, default_timeout=90).run()
    app.switch_page("app_pages/risk.py").run()
    assert not any(RULE_ID.search(t) for t in shown_text(app))
    app.toggle(key=GUIDED).set_value(True).run()
    assert app.toggle(key=SHOW_RULES).value is True
    assert any(RULE_ID.search(t) for t in shown_text(app))
    app.toggle(key=SHOW_RULES).set_value(False).run()
    assert not any(RULE_ID.search(t) for t in shown_text(app))
