"""The one-page handout for the end of an advisor session (issue 6).

``handout_content`` gathers what the page says (pure); ``handout_pdf`` lays it
out with fpdf2 (pure Python, so it works on Community Cloud) and
``handout_html`` writes a self-contained page with the interactive charts.
Identifying details (name, advisor notes) appear only when the applicant
chooses; every text is escaped in HTML.
"""

from __future__ import annotations

import html
from datetime import date

import plotly.graph_objects as go
from fpdf import FPDF
from pydantic import BaseModel, ConfigDict

from matchplan.assessment import LENS_QUESTIONS
from matchplan.charts import risk_chart
from matchplan.cycles import EVENT_LABELS
from matchplan.pathway import PATH_LABELS
from matchplan.plan import PlanResult
from matchplan.profile import STEP_LABELS
from matchplan.reference import CycleEvent, Level, load_reference
from matchplan.timeline_charts import gantt_chart

YEAR_RESERVE_MM = 42
"""Room the year's lines leave at the foot of the page for the sources and the disclaimer."""
KEY_EVENTS: tuple[CycleEvent, ...] = (
    "myeras_opens",
    "submission_opens",
    "review_opens",
    "rol_deadline",
    "match_day",
)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LensLine(_Model):
    name: str
    question: str
    level: Level
    reasons: tuple[str, ...]


class DateLine(_Model):
    label: str
    day: date
    note: str = ""


class HandoutContent(_Model):
    made_on: date
    name: str
    notes: str
    lenses: tuple[LensLine, ...]
    overall: Level
    path: str
    path_reasons: tuple[str, ...]
    dates: tuple[DateLine, ...]
    programs: int
    programs_range: str
    cost: int
    next_actions: tuple[str, ...]
    warnings: tuple[str, ...]
    sources: tuple[str, ...]
    # The whole year (issue 13): what an advisor hands over - R-80, R-81, R-82.
    advisor_answers: tuple[str, ...] = ()
    letters_status: str = ""
    readiness: str = ""


def handout_content(result: PlanResult, *, identify: bool) -> HandoutContent:
    """Everything the handout says, read from the one computation (build_plan)."""
    ref = load_reference()
    profile = result.profile
    assessment = result.assessment
    timeline = result.timeline
    dates: list[DateLine] = []
    used_sources: set[str] = {"article", "aamc-eras-fees-2026"}
    if timeline.exam is not None:
        exam = timeline.exam
        dates.append(
            DateLine(
                label=f"{STEP_LABELS[exam.step]} exam",
                day=exam.exam_date,
                note=f"score about {exam.report_typical:%d %b %Y}",
            )
        )
    for event in KEY_EVENTS:
        found = timeline.calendar.dates[event]
        dates.append(
            DateLine(
                label=EVENT_LABELS[event],
                day=found.date,
                note="estimate" if found.estimated else "",
            )
        )
        if found.source in ref.sources:
            used_sources.add(found.source)
    warnings = [*result.timeline_repairs, *(f"{w.rule}: {w.text}" for w in timeline.warnings)]
    for lens in assessment.lenses:
        for reason in lens.reasons:
            used_sources.update(s for s in reason.sources if s in ref.sources)
    programs = result.programs
    return HandoutContent(
        made_on=result.today,
        name=profile.display_name if identify else "",
        notes=profile.advisor_notes if identify else "",
        lenses=tuple(
            LensLine(
                name=lens.lens.capitalize(),
                question=LENS_QUESTIONS[lens.lens],
                level=lens.level,
                reasons=tuple(r.text for r in lens.reasons[:2]),
            )
            for lens in assessment.lenses
        ),
        overall=assessment.overall,
        path=PATH_LABELS[result.pathway.effective],
        path_reasons=tuple(r.text for r in result.pathway.reasons[:3]),
        dates=tuple(sorted(dates, key=lambda d: d.day)),
        programs=result.program_total,
        programs_range=f"{programs.total.min}-{programs.total.max}",
        cost=result.fees.total,
        next_actions=result.next_actions,
        warnings=tuple(warnings[:4]),
        sources=tuple(sorted(ref.source(s).label() for s in used_sources)),
        advisor_answers=_advisor_lines(result, identify=identify),
        letters_status=f"{result.outputs.rule}: {result.outputs.message}",
        readiness=f"{result.readiness.rule}: {result.readiness.message}"
        + (f" {result.readiness.warning}" if result.readiness.warning else ""),
    )


def _advisor_lines(result: PlanResult, *, identify: bool) -> tuple[str, ...]:
    """R-80 for the handout: each advisor's view (names only when identifying), then the reading."""
    reading = result.advisors
    lines = tuple(
        f"{line.advisor if identify else f'Advisor {number}'}: {line.label}"
        for number, line in enumerate(reading.lines, start=1)
    )
    return (*lines, f"{reading.rule}: {reading.message}")


# --- PDF -----------------------------------------------------------------------------------
_PDF_SAFE = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "…": "...",
        "≤": "<=",
        "≥": ">=",
        "→": "->",
        "\u00a0": " ",
    }
)


def _latin1(text: str) -> str:
    """The PDF's core fonts are Latin-1: map common punctuation, replace the rest."""
    return text.translate(_PDF_SAFE).encode("latin-1", "replace").decode("latin-1")


def handout_pdf(content: HandoutContent) -> bytes:
    """One page, US Letter, readable when printed in black and white."""
    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(14, 12, 14)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(text: str, size: float = 9, style: str = "", height: float = 4.4) -> None:
        pdf.set_font("helvetica", style, size)
        pdf.multi_cell(width, height, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    def heading(text: str) -> None:
        pdf.ln(1.5)
        line(text, 11, "B", 5.5)

    line("MatchPlan: re-application plan summary", 15, "B", 7)
    who = f"For {content.name}. " if content.name else ""
    line(f"{who}Made on {content.made_on:%d %B %Y}. Overall risk: {content.overall}.", 10)
    heading("How programs are likely to read the application")
    for lens in content.lenses:
        line(f"{lens.name}: {lens.level} - {lens.question}", 9, "B")
        for reason in lens.reasons:
            line(f"   - {reason}", 8.5)
    heading(f"Path: {content.path}")
    for reason in content.path_reasons:
        line(f"   - {reason}", 8.5)
    heading("Key dates")
    for item in content.dates:
        note = f" ({item.note})" if item.note else ""
        line(f"{item.day:%d %b %Y}   {item.label}{note}", 9)
    heading("Programs and cost")
    line(
        f"Apply to about {content.programs} programs (range {content.programs_range}); "
        f"ERAS fees about ${content.cost:,} including the transcript fee.",
        9,
    )
    heading("Next actions")
    for number, action in enumerate(content.next_actions, start=1):
        line(f"{number}. {action}", 9)
    if content.warnings:
        heading("Watch out")
        for warning in content.warnings:
            line(f"- {warning}", 8.5)
    if content.notes:
        heading("Advisor notes")
        line(content.notes[:900], 8.5)
    year = [said for said in (content.letters_status, content.readiness) if said]
    year += list(content.advisor_answers)
    if year and pdf.get_y() < pdf.h - YEAR_RESERVE_MM:
        # The one page is fixed: the year's lines go in while room is left above the
        # sources and the disclaimer (long advisor notes can use most of the page).
        heading("The year: letters, readiness, advisors")
        for said in year:
            pdf.set_font("helvetica", "", 8)
            needed = float(
                pdf.multi_cell(  # type: ignore[arg-type]
                    width, 4, _latin1(f"- {said}"), dry_run=True, output="HEIGHT"
                )
            )
            if pdf.get_y() + needed > pdf.h - YEAR_RESERVE_MM:
                line("- More in the app: Clinical year, Progress, Advisor conversation.", 8)
                break
            line(f"- {said}", 8, height=4)
    pdf.ln(1)
    line("Sources: " + "; ".join(content.sources), 6.5, "", 3)
    line(
        "Illustrative counts and curves are labelled so in the app. Not medical or legal "
        "advice; check dates with the AAMC and NRMP.",
        6.5,
        "I",
        3,
    )
    return bytes(pdf.output())


# --- HTML ----------------------------------------------------------------------------------
def handout_html(content: HandoutContent, figures: list[go.Figure]) -> str:
    """A self-contained page: the text escaped, the charts interactive (plotly.js inlined)."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>MatchPlan summary</title><style>body{font-family:sans-serif;max-width:980px;"
        "margin:2em auto;color:#1B2430;line-height:1.45}h1{font-size:1.6em}"
        "h2{font-size:1.15em;margin-top:1.4em}.low{color:#00795A}.moderate{color:#A86A00}"
        ".high{color:#B04000}small{color:#555}</style></head><body>",
        "<h1>MatchPlan: re-application plan summary</h1>",
        f"<p>{'For ' + e(content.name) + '. ' if content.name else ''}Made on "
        f"{content.made_on:%d %B %Y}. Overall risk: <b class='{content.overall}'>"
        f"{content.overall}</b>.</p>",
        "<h2>How programs are likely to read the application</h2><ul>",
    ]
    for lens in content.lenses:
        reasons = "".join(f"<li>{e(r)}</li>" for r in lens.reasons)
        parts.append(
            f"<li><b>{e(lens.name)}</b>: <span class='{lens.level}'>{lens.level}"
            f"</span> <small>{e(lens.question)}</small><ul>{reasons}</ul></li>"
        )
    parts.append(f"</ul><h2>Path: {e(content.path)}</h2><ul>")
    parts += [f"<li>{e(r)}</li>" for r in content.path_reasons]
    parts.append("</ul><h2>Key dates</h2><ul>")
    for item in content.dates:
        note = f" <small>({e(item.note)})</small>" if item.note else ""
        parts.append(f"<li>{item.day:%d %b %Y}: {e(item.label)}{note}</li>")
    parts.append(
        f"</ul><h2>Programs and cost</h2><p>Apply to about {content.programs} "
        f"programs (range {e(content.programs_range)}); ERAS fees about "
        f"${content.cost:,} including the transcript fee.</p><h2>Next actions</h2><ol>"
    )
    parts += [f"<li>{e(a)}</li>" for a in content.next_actions]
    parts.append("</ol>")
    if content.warnings:
        parts.append("<h2>Watch out</h2><ul>")
        parts += [f"<li>{e(w)}</li>" for w in content.warnings]
        parts.append("</ul>")
    if content.notes:
        parts.append(f"<h2>Advisor notes</h2><p>{e(content.notes)}</p>")
    year = [*content.advisor_answers, content.letters_status, content.readiness]
    if any(year):
        parts.append("<h2>The year: advisors, letters, readiness</h2><ul>")
        parts += [f"<li>{e(item)}</li>" for item in year if item]
        parts.append("</ul>")
    for index, figure in enumerate(figures):
        parts.append(
            figure.to_html(
                full_html=False, include_plotlyjs=index == 0, config={"displayModeBar": False}
            )
        )
    parts.append("<h2>Sources</h2><ul>")
    parts += [f"<li><small>{e(s)}</small></li>" for s in content.sources]
    parts.append("</ul></body></html>")
    return "".join(parts)


def handout_figures(result: PlanResult) -> list[go.Figure]:
    """The charts the HTML handout carries: the risk bars and the Gantt."""
    return [risk_chart(result.assessment), gantt_chart(result.timeline, result.today)]
