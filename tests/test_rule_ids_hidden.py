"""Issue 24, item 5: rule ids only behind "Show rule ids and details", everywhere.

With the toggle off no page and neither handout shows an id (``R-05``), an empty
parenthesis left where one was ("clinical recency ();") or a heading with nothing
under it; with it on the ids are there. The profiles are chosen to reach the
sentences that carried ids when this was reported: the example applicant, and a
harsher one (a failed Step 2 CK, an observership) whose next actions say "Pass
Step 3 before applying" and whose role misses R-37's hands-on work.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, HeadingBase, Markdown, Node

from matchplan.examples import blank_profile, example_profile
from matchplan.handout import HandoutContent, handout_content
from matchplan.handout_html import handout_figures, handout_html
from matchplan.handout_pdf import handout_pdf
from matchplan.plan import PlanResult, build_plan, new_plan
from matchplan.planfile import PlanFile
from matchplan.profile import with_changes
from matchplan.rule_ids import without_rule_ids
from matchplan.year import AdvisorAnswer, AdvisorLog
from tests.conftest import TODAY
from ui.session import SHOW_RULES
from ui.state import BOX

ENTRY = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py"))
DAY = date.fromisoformat(TODAY)

RULE_ID = re.compile(r"\bR-\d\d")
LEFT_BEHIND = re.compile(r"\(\s*\)|\(\s*[,;:]|[,;:]\s*\)")  # "()", "(: lowers", "x, )"


def harsh_plan(today: date) -> PlanFile:
    """Step 2 CK failed too, an observership, a third cycle, and two advisors who disagree."""
    profile = with_changes(
        example_profile(today),
        {
            "exams": [
                {"step": "step1", "exam_date": "2022-06-14", "result": "fail"},
                {"step": "step1", "exam_date": "2022-10-11", "result": "pass"},
                {"step": "step2ck", "exam_date": "2023-03-15", "result": "fail"},
                {"step": "step2ck", "exam_date": "2023-08-15", "result": "pass", "score": 214},
            ],
            "last_cycle": {"prior_unsuccessful_cycles": 2},  # Careers opens its list
            "clinical": {
                "months_since_clinical": 30,
                "clinical_us_based": False,
                "clinical_in_target": False,
                "current_role": "observership",
            },
        },
        today,
    )
    advisors = AdvisorLog(
        answers=(
            AdvisorAnswer(advisor="Dr Chen", bucket="optimistic"),
            AdvisorAnswer(advisor="Dr Okafor", bucket="pessimistic"),
        )
    )
    return new_plan(profile, today).model_copy(update={"advisors": advisors})


PLANS: dict[str, Callable[[date], PlanFile]] = {
    "example": lambda today: new_plan(example_profile(today), today),
    "harsh": harsh_plan,
    "blank": lambda today: new_plan(blank_profile(today), today),
}


def test_the_harsh_plan_reaches_the_sentences_that_leaked() -> None:
    """Guard: the scan below would prove nothing if these sentences were not produced."""
    result = build_plan(harsh_plan(DAY), DAY)
    assert any("R-05" in action for action in result.next_actions)
    assert any("R-37" in missing for missing in result.timeline.role.missing)


# --- one function -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        (
            "Pass Step 3 before applying (R-05: lowers academic risk one level).",
            "Pass Step 3 before applying (lowers academic risk one level).",
        ),
        (
            "observing does not reset clinical recency (R-37)",
            "observing does not reset clinical recency",
        ),
        ("**Proposed path (R-20)**", "**Proposed path**"),
        ("**R-01, R-22** · Apply widely", "Apply widely"),
        ("a split (dual application, R-52).", "a split (dual application)."),
        ("R-04's overall tier is high", "the overall tier is high"),
        (
            "Careers outside residency (R-72) are shown beside it.",
            "Careers outside residency are shown beside it.",
        ),
        ("Step 3 later (R-35, Step 3 eligibility).", "Step 3 later (Step 3 eligibility)."),
        ("at least 80 (R-50/R-51, illustrative).", "at least 80 (illustrative)."),
        ("the R-37 target of 2 is met", "the target of 2 is met"),
        ("Source: Results (2025, high)", "Source: Results (2025, high)"),
    ],
    ids=[
        "R-05-colon-inside",
        "R-37-trailing",
        "R-20-in-a-heading",
        "bold-prefix",
        "after-a-comma",
        "possessive",
        "mid-sentence",
        "before-a-comma",
        "slash-pair",
        "bare-in-a-sentence",
        "no-id-unchanged",
    ],
)
def test_without_rule_ids_leaves_a_sentence_that_reads(text: str, plain: str) -> None:
    assert without_rule_ids(text) == plain


# --- every page --------------------------------------------------------------------------


def _walk(node: Node) -> list[Node]:
    out: list[Node] = [node]
    if isinstance(node, Block):
        for child in node.children.values():
            out += _walk(child)
    return out


def _texts(node: Node) -> list[str]:
    """Every string a user reads on an element: its value, label, help, and chart text."""
    out: list[str] = []
    for attribute in ("value", "label", "help", "body", "caption", "placeholder"):
        value = getattr(node, attribute, None)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, pd.DataFrame):
            out.append(value.to_csv(index=False))
    options = getattr(node, "options", None)
    if isinstance(options, list | tuple):
        out += [str(o) for o in options]
    proto = getattr(node, "proto", None)
    if getattr(node, "type", "") == "plotly_chart" and proto is not None:
        out.append(json.dumps(json.loads(proto.spec)))
    return out


def _rank(node: Node) -> int:
    """A heading's rank (1 = title ... 6), a bold-only line 7, anything else 0."""
    if isinstance(node, HeadingBase):
        return {"title": 1, "header": 2, "subheader": 3}.get(node.type, 3)
    if isinstance(node, Markdown) and node.type == "markdown":
        text = str(node.value).strip()
        if hashes := re.match(r"#{1,6}(?= )", text):
            return len(hashes.group(0))
        if re.fullmatch(r"\*\*[^*]+\*\*", text):
            return 7
    return 0


def _first_rank(node: Node) -> int | None:
    """The rank of the first thing a reader meets in a node; None when it shows nothing."""
    if isinstance(node, Block):
        for child in node.children.values():
            if (rank := _first_rank(child)) is not None:
                return rank
        return None
    return _rank(node)


def empty_headings(root: Node) -> list[str]:
    """Headings with nothing under them: last in their container, or (a real heading)
    straight before a heading of the same or a higher rank. A bold label is empty only
    when nothing follows it; alone in a column it is a grid's header cell (Week)."""
    found: list[str] = []
    for block in (n for n in _walk(root) if isinstance(n, Block)):
        children = list(block.children.values())
        for index, child in enumerate(children):
            rank = _rank(child)
            if rank in (0, 1) or (rank == 7 and block.type == "column"):
                continue
            after = [r for c in children[index + 1 :] if (r := _first_rank(c)) is not None]
            if not after or (rank < 7 and 0 < after[0] <= rank):
                found.append(str(getattr(child, "value", "")))
    return found


def problems(app: AppTest, *, ids_shown: bool) -> list[str]:
    """What a reader would trip over on the page on screen."""
    out: list[str] = []
    for node in _walk(app.main) + _walk(app.sidebar):
        for text in _texts(node):
            if not ids_shown and RULE_ID.search(text):
                out.append(f"rule id: {text[:160]!r}")
            if LEFT_BEHIND.search(re.sub(r"\]\([^)]*\)", "", text)) and node.type != "plotly_chart":
                out.append(f"left behind: {text[:160]!r}")
        if getattr(node, "type", "") in {"markdown", "subheader", "header", "title"}:
            value = str(getattr(node, "value", ""))
            if value.strip() and not re.sub(r"[*#_\s·:]", "", value):
                out.append(f"empty text: {value!r}")
    out += [f"empty heading: {h!r}" for h in empty_headings(app.main)]
    return out


def _open(plan: PlanFile) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=90).run()
    box = app.session_state[BOX]
    box.plan = plan
    box.revision += 1
    box.result = None
    return app


@pytest.mark.usefixtures("app_today")
@pytest.mark.parametrize("name", list(PLANS))
def test_no_rule_id_or_empty_section_on_any_page_with_the_toggle_off(name: str) -> None:
    app = _open(PLANS[name](DAY))
    assert app.toggle(key=SHOW_RULES).value is False
    found: dict[str, list[str]] = {}
    for page in PAGES:
        app.switch_page(page).run()
        assert not app.exception, (page, [e.value for e in app.exception])
        if issues := problems(app, ids_shown=False):
            found[Path(page).stem] = issues
    assert not found, "\n".join(f"{page}: {issue}" for page, lst in found.items() for issue in lst)


@pytest.mark.usefixtures("app_today")
def test_with_the_toggle_on_the_ids_are_shown() -> None:
    app = _open(harsh_plan(DAY))
    app.toggle(key=SHOW_RULES).set_value(True).run()
    for page, rule in [("overview", "R-05"), ("timeline", "R-37"), ("sources", "R-31")]:
        app.switch_page(f"app_pages/{page}.py").run()
        texts = [t for node in _walk(app.main) for t in _texts(node)]
        assert any(rule in t for t in texts), page
        assert not [p for p in problems(app, ids_shown=True) if "left behind" in p], page


# --- both handouts -----------------------------------------------------------------------


class _Sections(HTMLParser):
    """The HTML handout's visible text, and each h2 with the text under it."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.sections: list[tuple[str, str]] = []
        self._skip = 0
        self._in_heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "title"}:
            self._skip += 1
        elif tag in {"h1", "h2"}:
            self._in_heading = True
            self.sections.append(("", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "title"}:
            self._skip -= 1
        elif tag in {"h1", "h2"}:
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self.sections:
            heading, body = self.sections[-1]
            if self._in_heading:
                self.sections[-1] = (heading + data, body)
            else:
                self.sections[-1] = (heading, body + data)


def handout_texts(result: PlanResult, *, rule_ids: bool) -> tuple[str, str, _Sections]:
    content: HandoutContent = handout_content(result, identify=True, rule_ids=rule_ids)
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(handout_pdf(content))).pages)
    parser = _Sections()
    parser.feed(handout_html(content, handout_figures(result)))
    return pdf, " ".join(parser.text), parser


@pytest.mark.parametrize("name", list(PLANS))
def test_handouts_without_ids_have_none_and_no_empty_parenthesis_or_section(name: str) -> None:
    result = build_plan(PLANS[name](DAY), DAY)
    pdf, html_text, sections = handout_texts(result, rule_ids=False)
    for label, text in [("pdf", pdf), ("html", html_text)]:
        flat = " ".join(text.split())
        assert RULE_ID.findall(flat) == [], label
        assert LEFT_BEHIND.findall(flat) == [], (label, LEFT_BEHIND.search(flat))
    empty = [heading for heading, body in sections.sections if not body.strip()]
    assert empty == []
    assert [h for h, _ in sections.sections if not h.strip()] == []


def test_handouts_with_ids_show_them_where_the_reasons_are() -> None:
    result = build_plan(harsh_plan(DAY), DAY)
    pdf, html_text, _ = handout_texts(result, rule_ids=True)
    flat_pdf, flat_html = " ".join(pdf.split()), " ".join(html_text.split())
    assert "R-37" in flat_pdf  # the role's missing hands-on work
    assert "R-37" in flat_html
    assert "R-05" in flat_html  # the next action "Pass Step 3 before applying"
    assert LEFT_BEHIND.findall(flat_html) == []
