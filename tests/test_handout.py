"""Issue 6: the one-page handout, as PDF (read back with pypdf) and as HTML.

The example applicant (Dr. A. Rivera) targets internal medicine in the 2028
Match: programs first review on 22 Sep 2027, Match Day is 17 Mar 2028.
"""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from matchplan.handout import (
    HandoutContent,
    handout_content,
    handout_figures,
    handout_html,
    handout_pdf,
)
from matchplan.plan import build_plan, new_plan
from matchplan.profile import ApplicantProfile, with_changes
from tests.strategies import TODAY, example_profile, valid_profiles

NOTES = "Discussed the visa question; revisit the family budget in March."
SCRIPT = "<script>alert(1)</script>"


def profile_named(name: str, notes: str = NOTES) -> ApplicantProfile:
    return with_changes(example_profile(), {"display_name": name, "advisor_notes": notes}, TODAY)


def content_for(profile: ApplicantProfile, *, identify: bool) -> HandoutContent:
    return handout_content(build_plan(new_plan(profile, TODAY), TODAY), identify=identify)


def pdf_pages(content: HandoutContent) -> list[str]:
    """The PDF's text, page by page, as a PDF reader extracts it."""
    reader = PdfReader(io.BytesIO(handout_pdf(content)))
    return [page.extract_text() for page in reader.pages]


def html_for(profile: ApplicantProfile, content: HandoutContent) -> str:
    return handout_html(content, handout_figures(build_plan(new_plan(profile, TODAY), TODAY)))


@pytest.fixture(scope="module")
def rivera() -> ApplicantProfile:
    return profile_named("Example applicant (Dr. A. Rivera)")


@pytest.fixture(scope="module")
def identified(rivera: ApplicantProfile) -> HandoutContent:
    return content_for(rivera, identify=True)


@pytest.fixture(scope="module")
def anonymous(rivera: ApplicantProfile) -> HandoutContent:
    return content_for(rivera, identify=False)


@pytest.fixture(scope="module")
def anonymous_pdf(anonymous: HandoutContent) -> list[str]:
    return pdf_pages(anonymous)


@pytest.fixture(scope="module")
def anonymous_html(rivera: ApplicantProfile, anonymous: HandoutContent) -> str:
    return html_for(rivera, anonymous)


# --- PDF ---------------------------------------------------------------------------------


def test_pdf_is_one_page_with_the_summary(
    anonymous: HandoutContent, anonymous_pdf: list[str]
) -> None:
    assert len(anonymous_pdf) == 1
    text = anonymous_pdf[0]

    assert anonymous.overall == "high"
    assert "Overall risk: high." in text
    assert [lens.name for lens in anonymous.lenses] == ["Academic", "Reliability", "Bandwidth"]
    for lens in anonymous.lenses:
        assert f"{lens.name}: {lens.level} - {lens.question}" in text
    assert "Path: Same specialty, re-targeted" in text
    assert "22 Sep 2027   Programs first review applications (estimate)" in text
    assert "17 Mar 2028   Match Day (estimate)" in text
    assert "Step 3 exam (score about 25 Aug 2027)" in text
    assert "Apply to about 100 programs (range 80-120)" in text
    assert "ERAS fees about $2,510" in text
    assert "Sources: " in text
    assert "Made on 26 November 2026." in text


def test_pdf_without_identifying_details(anonymous_pdf: list[str]) -> None:
    text = anonymous_pdf[0]
    assert "Rivera" not in text
    assert "visa question" not in text
    assert "Advisor notes" not in text
    made_on = next(line for line in text.splitlines() if "Made on" in line)
    assert made_on.startswith("Made on 26 November 2026.")


def test_pdf_with_identifying_details(identified: HandoutContent) -> None:
    (text,) = pdf_pages(identified)
    assert "For Example applicant (Dr. A. Rivera). Made on 26 November 2026." in text
    assert "Advisor notes" in text
    assert "visa question" in text


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Nguyễn Văn An", "For Nguy?n V?n An."),
        ("李雷", "For ??."),
        ("O’Brien – test", "For O'Brien - test."),
        ("Zoë Ångström", "For Zoë Ångström."),
    ],
    ids=["vietnamese-diacritics", "chinese", "curly-quote-and-en-dash", "latin-1-accents"],
)
def test_pdf_survives_names_outside_latin_1(name: str, shown: str) -> None:
    (text,) = pdf_pages(content_for(profile_named(name), identify=True))
    assert shown in text


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=valid_profiles())
def test_longest_handout_still_fits_on_one_printable_page(profile: ApplicantProfile) -> None:
    """Auto page break is off, so overflowing text would silently run off the page."""
    longest = with_changes(
        profile, {"display_name": "N" * 120, "advisor_notes": "word " * 999 + "end"}, TODAY
    )
    reader = PdfReader(io.BytesIO(handout_pdf(content_for(longest, identify=True))))
    assert len(reader.pages) == 1
    heights: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            heights.append(tm[5])

    reader.pages[0].extract_text(visitor_text=visit)
    assert min(heights) >= 36  # the disclaimer sits at least half an inch above the edge


# --- HTML --------------------------------------------------------------------------------


def test_html_without_identifying_details(anonymous_html: str) -> None:
    assert "Rivera" not in anonymous_html
    assert "visa question" not in anonymous_html
    assert "Advisor notes" not in anonymous_html
    assert "<h2>Key dates</h2>" in anonymous_html
    assert "17 Mar 2028: Match Day" in anonymous_html


def test_html_with_identifying_details(
    rivera: ApplicantProfile, identified: HandoutContent
) -> None:
    page = html_for(rivera, identified)
    assert "For Example applicant (Dr. A. Rivera)." in page
    assert f"<h2>Advisor notes</h2><p>{NOTES}</p>" in page


def test_html_keeps_non_latin_names_exactly() -> None:
    profile = profile_named("Nguyễn Văn An")
    assert "For Nguyễn Văn An." in html_for(profile, content_for(profile, identify=True))


def test_html_escapes_script_in_name_and_notes() -> None:
    profile = profile_named(SCRIPT, notes=SCRIPT)
    page = html_for(profile, content_for(profile, identify=True))

    assert SCRIPT not in page
    assert "For &lt;script&gt;alert(1)&lt;/script&gt;." in page
    assert "<h2>Advisor notes</h2><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in page


def test_html_carries_plotly_once_and_one_div_per_figure(
    rivera: ApplicantProfile, anonymous: HandoutContent
) -> None:
    figures = handout_figures(build_plan(new_plan(rivera, TODAY), TODAY))
    assert len(figures) == 2  # the risk bars and the Gantt
    page = handout_html(anonymous, figures)

    assert len(re.findall(r"\* plotly\.js v\d", page)) == 1
    assert page.count('class="plotly-graph-div"') == len(figures)
    assert page.count("Plotly.newPlot(") == len(figures)
    assert page.startswith("<!doctype html>")
    assert page.endswith("</html>")
