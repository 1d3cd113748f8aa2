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

from matchplan.handout import HandoutContent, handout_content
from matchplan.handout_html import STYLE, handout_figures, handout_html
from matchplan.handout_pdf import PAGE_SIZES, PageSize, handout_pdf
from matchplan.plan import build_plan, new_plan
from matchplan.profile import ApplicantProfile, with_changes
from tests.strategies import TODAY, example_profile, valid_profiles

NOTES = "Discussed the visa question; revisit the family budget in March."
SCRIPT = "<script>alert(1)</script>"


def profile_named(name: str, notes: str = NOTES) -> ApplicantProfile:
    return with_changes(example_profile(), {"display_name": name, "advisor_notes": notes}, TODAY)


def content_for(profile: ApplicantProfile, *, identify: bool) -> HandoutContent:
    return handout_content(build_plan(new_plan(profile, TODAY), TODAY), identify=identify)


def pdf_pages(content: HandoutContent, size: PageSize = "Letter") -> list[str]:
    """The PDF's text, page by page, as a PDF reader extracts it."""
    reader = PdfReader(io.BytesIO(handout_pdf(content, size)))
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


@pytest.mark.parametrize("size", PAGE_SIZES)
def test_pdf_is_one_page_with_the_summary(anonymous: HandoutContent, size: PageSize) -> None:
    pages = pdf_pages(anonymous, size)
    assert len(pages) == 1
    text = " ".join(pages[0].split())

    assert "Re-application plan: Internal Medicine, 2028 Match" in text
    assert anonymous.overall == "high"
    assert "Overall risk: high." in text
    assert "Path: Same specialty, re-targeted" in text
    assert [lens.name for lens in anonymous.lenses] == ["Academic", "Reliability", "Bandwidth"]
    for lens in anonymous.lenses:
        assert f"{lens.name}: {lens.level}" in text
        assert lens.question in text
    assert "22 Sep 2027 Programs first review applications (estimate)" in text
    assert "17 Mar 2028 Match Day (estimate)" in text
    assert "28 Jul 2027 Step 3 exam (score about 25 Aug 2027)" in text
    assert "Apply to about 100 programs (range 80-120)" in text
    assert "ERAS fees about $2,510" in text
    assert "Sources: " in text
    assert "Made on 26 November 2026." in text


def test_pdf_page_sizes_are_a4_and_letter(anonymous: HandoutContent) -> None:
    sizes = {}
    for size in PAGE_SIZES:
        box = PdfReader(io.BytesIO(handout_pdf(anonymous, size))).pages[0].mediabox
        sizes[size] = (round(float(box.width)), round(float(box.height)))
    assert sizes == {"A4": (595, 842), "Letter": (612, 792)}


def test_pdf_says_letters_clinical_role_statement_networking_and_dated_actions(
    anonymous: HandoutContent, anonymous_pdf: list[str]
) -> None:
    text = " ".join(anonymous_pdf[0].split())
    assert "3 on file: 1 strong in Internal Medicine, 3 from US clinical settings" in text
    assert "Request new letters from 23 Jun 2027; uploaded by 01 Sep 2027." in text
    assert "26 months since hands-on clinical work (last US-based, in the target" in text
    assert "Current role: Research. As a gap-year role it is weak." in text
    assert "Personal statement: no draft in the plan yet." in text
    assert "Networking: no programs listed yet." in text
    assert "By 01 Sep 2027: Apply to at least 80 programs in all this cycle." in text
    assert "From 12 Apr 2027: Step 3 study block" in text
    assert "On 02 Jun 2027: MyERAS opens" in text


def test_pdf_draws_the_timeline_with_every_milestone_and_the_deadlines(
    anonymous: HandoutContent, anonymous_pdf: list[str]
) -> None:
    text = anonymous_pdf[0]
    for bar in anonymous.bars:
        assert bar.name in text  # every row of the Gantt is labelled
    assert "Rank list deadline 01 Mar" in text
    assert "Match Day 17 Mar" in text
    raw = handout_pdf(anonymous)
    # Each bar is a filled and outlined rectangle ("re B"); one-day events are diamonds.
    content = PdfReader(io.BytesIO(raw)).pages[0].get_contents().get_data().decode("latin-1")
    long_bars = [b for b in anonymous.bars if (b.end - b.start).days >= 4]
    assert len(long_bars) == 6
    assert content.count(" re B") == len(long_bars)


def test_handout_text_has_no_rule_ids_or_file_names(
    anonymous: HandoutContent, anonymous_pdf: list[str]
) -> None:
    text = anonymous_pdf[0]
    assert not re.search(r"\bR-\d+", text)
    assert not re.search(r"\w\.(md|json|csv|py)\b", text)
    assert "Watch out" in text  # the warning is kept, without its rule id
    assert "35 months old" in text


def test_pdf_shows_the_dual_split_and_the_total() -> None:
    content = content_for(example_profile(), identify=False).model_copy(
        update={
            "program_parts": (
                "Internal Medicine: about 80 (60-90)",
                "Family Medicine: about 40 (30-50)",
            ),
            "programs": 120,
            "programs_range": "90-140",
        }
    )
    text = " ".join(pdf_pages(content)[0].split())
    assert "Internal Medicine: about 80 (60-90); Family Medicine: about 40 (30-50)." in text
    assert "In all about 120 programs (range 90-140)" in text


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


@pytest.mark.parametrize("size", PAGE_SIZES)
@pytest.mark.parametrize(
    "name",
    [
        "Nguyễn Thị Minh Khai",
        "张伟",
        "Иван Петрович Сидоров",
        "Γιώργος Παπαδόπουλος",
        "山田太郎",
        "김민준",
        "O’Brien – Zoë Ångström",
    ],
    ids=["vietnamese", "chinese", "cyrillic", "greek", "japanese", "korean", "latin-punctuation"],
)
def test_pdf_prints_names_in_every_script_as_typed(name: str, size: PageSize) -> None:
    (text,) = pdf_pages(
        content_for(profile_named(name, notes=f"Notes for {name}."), identify=True), size
    )
    assert f"For {name}." in text
    assert f"Notes for {name}." in text
    assert "?" not in text.split("Made on")[0]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=valid_profiles())
def test_longest_handout_still_fits_on_one_printable_page(profile: ApplicantProfile) -> None:
    """Auto page break is off, so overflowing text would silently run off the page."""
    longest = with_changes(
        profile, {"display_name": "N" * 120, "advisor_notes": "word " * 999 + "end"}, TODAY
    )
    reader = PdfReader(io.BytesIO(handout_pdf(content_for(longest, identify=True), "Letter")))
    assert len(reader.pages) == 1
    placed: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            placed.append((tm[5], tm[4], text))

    reader.pages[0].extract_text(visitor_text=visit)
    assert min(y for y, _, _ in placed) >= 36  # the disclaimer sits half an inch above the edge
    # Nothing runs into the footer: below the sources line only the footer's own lines,
    # all at the left margin (the right column never reaches it).
    sources = max(y for y, _, text in placed if text.startswith("Sources:"))
    assert all(x < 100 for y, x, _ in placed if y <= sources + 3)


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


def test_risk_chart_table_reads_the_levels(rivera: ApplicantProfile) -> None:
    from matchplan.charts import risk_chart
    from matchplan.figure_data import figure_rows

    result = build_plan(new_plan(rivera, TODAY), TODAY)
    rows = figure_rows(risk_chart(result.assessment))
    assert [(r["Item"], r["Value"]) for r in rows] == [
        *((lens.lens.capitalize(), lens.level) for lens in result.assessment.lenses),
        ("Overall", result.assessment.overall),
    ]


# --- issue 25: bidi controls and long words ------------------------------------------------

RLO = "\u202e"
REVERSED = f"Dr Ann {RLO}wol :ksir llarevO"
"""With the override, "For Dr Ann ... Overall risk: high" read as "... Overall risk: low"."""


@pytest.fixture(scope="module")
def reversed_name() -> tuple[ApplicantProfile, HandoutContent]:
    profile = profile_named(REVERSED, notes=f"Notes {RLO}wol")
    return profile, content_for(profile, identify=True)


def test_issue25_html_handout_drops_bidi_controls_from_user_text(
    reversed_name: tuple[ApplicantProfile, HandoutContent],
) -> None:
    page = html_for(*reversed_name)
    assert RLO not in page
    assert "For Dr Ann wol :ksir llarevO. Made on" in page
    assert "<h2>Advisor notes</h2><p>Notes wol</p>" in page


def test_issue25_pdf_handout_drops_bidi_controls_from_user_text(
    reversed_name: tuple[ApplicantProfile, HandoutContent],
) -> None:
    (text,) = pdf_pages(reversed_name[1])
    assert RLO not in text
    assert "For Dr Ann wol :ksir llarevO." in text


def test_issue25_html_handout_breaks_words_longer_than_the_page() -> None:
    """5,000 characters without a space (a pasted link, say) made the page 37,914 px wide;
    the browser check is tests/test_browser_handout_html.py."""
    body = STYLE.split("body{", 1)[1].split("}", 1)[0]
    assert "overflow-wrap:anywhere" in body
    assert "word-break:break-word" in body
    assert f"<style>{STYLE}</style>" in html_for(*content_and_profile("x" * 120, "y" * 5000))


def content_and_profile(name: str, notes: str) -> tuple[ApplicantProfile, HandoutContent]:
    profile = profile_named(name, notes=notes)
    return profile, content_for(profile, identify=True)
