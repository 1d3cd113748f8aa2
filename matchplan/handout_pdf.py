"""The handout as one printed page (A4 or Letter), with the timeline drawn in.

fpdf2 only (pure Python, works on Community Cloud, no browser): the Gantt is
drawn with fpdf2's own rectangles, lines and text from the plan's milestones.
The fonts shipped in ``matchplan/fonts`` (Noto Sans, and a Noto Sans CJK subset
as the fallback) print Latin with diacritics, Greek, Cyrillic and CJK as typed.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from fpdf import FPDF

from matchplan.charts import LEVEL_COLOURS
from matchplan.handout import HandoutContent, program_sentence, title_of
from matchplan.textsafe import BIDI_CONTROLS
from matchplan.timeline_charts import KIND_COLOURS

PageSize = Literal["A4", "Letter"]
PAGE_SIZES: tuple[PageSize, ...] = ("A4", "Letter")
FONTS = Path(__file__).parent / "fonts"
FAMILY = "NotoSans"
CJK = "NotoSansCJK"
MARGIN = 12.0
BOTTOM = 13.0  # mm kept clear at the foot: printers cut about 5
INK = (27, 36, 48)
GREY = (90, 90, 90)
_SYMBOLS = str.maketrans(
    {"≤": "<=", "≥": ">=", "→": "->", "←": "<-", "\u00a0": " ", "\u200b": ""}
    | dict.fromkeys(BIDI_CONTROLS, "")  # a reversing control in a name (issue 25)
)
# fpdf2 logs each glyph a font lacks; the fallback font covers the scripts that matter.
logging.getLogger("fpdf.output").setLevel(logging.ERROR)


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _text(text: str) -> str:
    """Symbols Noto Sans lacks, as plain characters; no bidi controls; the rest as typed."""
    return text.translate(_SYMBOLS)


class _Page:
    """A thin wrapper over FPDF with the handout's text styles."""

    def __init__(self, size: PageSize) -> None:
        pdf = FPDF(format=size)
        pdf.set_auto_page_break(auto=False)
        pdf.set_margins(MARGIN, 10, MARGIN)
        pdf.add_font(FAMILY, "", FONTS / "NotoSans-Regular.ttf")
        pdf.add_font(FAMILY, "B", FONTS / "NotoSans-Bold.ttf")
        pdf.add_font(CJK, "", FONTS / "NotoSansCJKsc-Subset.ttf")
        pdf.set_fallback_fonts([CJK], exact_match=False)
        pdf.set_title("MatchPlan: re-application plan")
        pdf.set_creator("MatchPlan")
        pdf.add_page()
        self.pdf = pdf
        self.width = pdf.w - 2 * MARGIN
        self.foot = pdf.h - BOTTOM

    def style(self, size: float, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        self.pdf.set_font(FAMILY, "B" if bold else "", size)
        self.pdf.set_text_color(*colour)

    def para(
        self,
        text: str,
        x: float,
        width: float,
        size: float = 8.5,
        bold: bool = False,
        colour: tuple[int, int, int] = INK,
    ) -> float:
        """A wrapped paragraph at (x, current y); returns the new y."""
        self.style(size, bold, colour)
        self.pdf.set_x(x)
        self.pdf.multi_cell(width, size * 0.45, _text(text), align="L", new_x="LEFT", new_y="NEXT")
        return self.pdf.get_y()

    def height(self, text: str, width: float, size: float, bold: bool = False) -> float:
        self.style(size, bold)
        lines = self.pdf.multi_cell(
            width, size * 0.45, _text(text), align="L", dry_run=True, output="LINES"
        )
        assert isinstance(lines, list)
        return len(lines) * size * 0.45

    def heading(self, text: str, x: float, width: float) -> float:
        self.pdf.set_y(self.pdf.get_y() + 1.6)
        return self.para(text, x, width, 10, bold=True)

    def fitted(self, text: str, width: float) -> str:
        """Text shortened with an ellipsis to fit one line of ``width`` at the current font."""
        text = _text(text)
        if self.pdf.get_string_width(text) <= width:
            return text
        while text and self.pdf.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"


def _lenses(page: _Page, content: HandoutContent) -> None:
    pdf = page.pdf
    gap = 3.0
    width = (page.width - 2 * gap) / 3
    top = pdf.get_y() + 1.5
    bottoms = []
    for index, lens in enumerate(content.lenses):
        x = MARGIN + index * (width + gap)
        pdf.set_fill_color(*_rgb(LEVEL_COLOURS[lens.level]))
        pdf.rect(x + 1.5, top + 1.6, 2.6, 2.6, style="F")
        pdf.set_y(top + 1)
        page.para(f"{lens.name}: {lens.level}", x + 5, width - 6, 9, bold=True)
        page.para(lens.question, x + 1.5, width - 3, 7.2, colour=GREY)
        for reason in lens.reasons:
            pdf.set_y(pdf.get_y() + 0.6)
            page.para(f"• {reason}", x + 1.5, width - 3, 7.5)
        bottoms.append(pdf.get_y() + 1)
    bottom = max(bottoms)
    pdf.set_draw_color(190, 190, 190)
    pdf.set_line_width(0.2)
    for index in range(len(content.lenses)):
        pdf.rect(MARGIN + index * (width + gap), top, width, bottom - top)
    pdf.set_y(bottom)


def _months(first: date, last: date) -> list[date]:
    day = first.replace(day=1)
    found = []
    while day <= last:
        found.append(day)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return found


ROW = 4.3
"""A Gantt row's height (mm) when the page has room; rows shrink to MIN_ROW to fit."""
MIN_ROW = 3.2
GANTT_FRAME = 18.0
"""The Gantt's height besides its rows: date labels above, month and year labels below."""


def _gantt(page: _Page, content: HandoutContent, row: float = ROW) -> None:
    """The timeline as a Gantt chart: one row per milestone, real dates, the deadlines drawn."""
    pdf = page.pdf
    bars = content.bars
    if not bars:
        return
    label_w = 52.0
    left = MARGIN + label_w
    right = MARGIN + page.width
    first = min([b.start for b in bars] + [ln.day for ln in content.chart_lines])
    last = max([b.end for b in bars] + [ln.day for ln in content.chart_lines])
    months = _months(first, last + timedelta(days=31))
    lo, hi = months[0], (months[-1].replace(day=28) + timedelta(days=4)).replace(day=1)
    span = (hi - lo).days

    def x_of(day: date) -> float:
        return left + (right - left) * (day - lo).days / span

    # Line labels above the rows, staggered so close dates (rank list, Match Day) never overlap.
    page.style(6.5, bold=True)
    placed: list[list[tuple[float, float]]] = [[], [], []]
    label_rows: list[tuple[float, int, str]] = []
    for line in sorted(content.chart_lines, key=lambda ln: ln.day):
        text = f"{line.label} {line.day:%d %b}"
        w = pdf.get_string_width(text) + 1.5
        x = x_of(line.day)
        start = x - w if x + w > right else x
        level = next(
            (
                i
                for i, taken in enumerate(placed)
                if all(start + w < a or start > b for a, b in taken)
            ),
            len(placed) - 1,
        )
        placed[level].append((start, start + w))
        label_rows.append((start, level, text))
    levels = 1 + max(level for _, level, _ in label_rows)
    top = pdf.get_y() + 1 + levels * 2.9
    for start, level, text in label_rows:
        pdf.text(start + 0.4, top - 0.8 - (levels - 1 - level) * 2.9, _text(text))
    bottom = top + row * len(bars)

    # Month grid and labels.
    pdf.set_line_width(0.15)
    page.style(6.2, colour=GREY)
    for index, month in enumerate(months):
        x = x_of(month)
        pdf.set_draw_color(215, 215, 215)
        pdf.line(x, top, x, bottom)
        if x + pdf.get_string_width(f"{month:%b}") <= right + 1:
            pdf.text(x + 0.5, bottom + 2.8, f"{month:%b}")
            if month.month == 1 or index == 0:
                pdf.text(x + 0.5, bottom + 5.2, f"{month:%Y}")
    pdf.set_draw_color(120, 120, 120)
    pdf.line(left, bottom, right, bottom)

    # Rows.
    for index, bar in enumerate(bars):
        y = top + index * row
        if index % 2 == 0:
            pdf.set_fill_color(246, 247, 249)
            pdf.rect(MARGIN, y, page.width, row, style="F")
        page.style(6.8, colour=INK)
        name = bar.name + (" (misses its deadline)" if bar.missed else "")
        pdf.text(MARGIN + 0.8, y + row * 0.7, page.fitted(name, label_w - 2))
        colour = _rgb(KIND_COLOURS[bar.kind])
        pdf.set_draw_color(*INK)
        pdf.set_line_width(0.2)
        x0, x1 = x_of(bar.start), x_of(bar.end)
        if (bar.end - bar.start).days < 4:
            mid, h = y + row / 2, row * 0.36
            pdf.set_fill_color(*colour)
            pdf.polygon([(x0, mid - h), (x0 + h, mid), (x0, mid + h), (x0 - h, mid)], style="DF")
        else:
            pdf.set_fill_color(*((255, 255, 255) if bar.missed else colour))
            if bar.missed:
                pdf.set_dash_pattern(dash=0.8, gap=0.6)
            pdf.rect(x0, y + row * 0.2, max(x1 - x0, 0.8), row * 0.6, style="DF")
            pdf.set_dash_pattern()

    # Today and the deadlines as vertical lines.
    for line in content.chart_lines:
        x = x_of(line.day)
        today = line.label == "Today"
        pdf.set_draw_color(*((110, 110, 110) if today else INK))
        pdf.set_line_width(0.25 if today else 0.35)
        pdf.set_dash_pattern(dash=0.5, gap=0.7) if today else pdf.set_dash_pattern()
        pdf.line(x, top - 0.5, x, bottom)
    pdf.set_dash_pattern()
    pdf.set_y(bottom + 6.0)


def _column(
    page: _Page, x: float, width: float, top: float, blocks: list[tuple[str, list[str]]]
) -> float:
    pdf = page.pdf
    pdf.set_y(top)
    for title, lines in blocks:
        page.heading(title, x, width)
        for text in lines:
            pdf.set_y(pdf.get_y() + 0.5)
            page.para(text, x, width, 8)
    return pdf.get_y()


def _blocks_height(page: _Page, width: float, blocks: list[tuple[str, list[str]]]) -> float:
    """How tall ``_column`` will draw these blocks (it is measured before it is drawn)."""
    total = 0.0
    for title, lines in blocks:
        total += 1.6 + page.height(title, width, 10, bold=True)
        total += sum(0.5 + page.height(text, width, 8) for text in lines)
    return total


def _row_height(page: _Page, bars: int, below: float) -> float:
    """The Gantt's row height that leaves ``below`` mm for what follows it on the page."""
    if not bars:
        return ROW
    room = page.foot - below - page.pdf.get_y() - GANTT_FRAME
    return max(MIN_ROW, min(ROW, room / bars))


def handout_pdf(content: HandoutContent, size: PageSize = "Letter") -> bytes:
    """One page, A4 or US Letter, readable when printed in black and white.

    The Gantt's rows shrink (to MIN_ROW) when the columns below need the room, and the
    warnings and advisor notes are cut to what fits above the footer.
    """
    page = _Page(size)
    pdf = page.pdf
    page.para(title_of(content), MARGIN, page.width, 14, bold=True)
    who = f"For {content.name}. " if content.name else ""
    page.para(
        f"{who}Made on {content.made_on:%d %B %Y}. Overall risk: {content.overall}. "
        f"Path: {content.path}.",
        MARGIN,
        page.width,
        9.5,
    )
    if content.standing:
        page.para(content.standing, MARGIN, page.width, 8.5)
    page.heading("How programs are likely to read the application", MARGIN, page.width)
    _lenses(page, content)
    page.heading(f"Timeline to the {content.match_year} Match", MARGIN, page.width)

    gap = 6.0
    half = (page.width - gap) / 2
    left_blocks = [
        ("Next actions", [f"{n}. {a}" for n, a in enumerate(content.next_actions, 1)]),
        (
            "Key dates",
            [
                f"{d.day:%d %b %Y}   {d.label}" + (f" ({d.note})" if d.note else "")
                for d in content.dates
            ],
        ),
        ("Programs and cost", [program_sentence(content)]),
    ]
    right_blocks = [
        (f"Path: {content.path}", list(content.path_reasons)),
        ("Letters", [*content.letters, *([content.readiness] if content.readiness else [])]),
        ("Clinical work and role", [content.clinical, *content.role]),
        ("Statement and networking", [content.statement, content.networking]),
        *(
            [("Advisors' answers", list(content.advisor_answers))]
            if content.advisor_answers
            else []
        ),
    ]
    footer = [
        "Sources: " + "; ".join(content.sources),
        "Dates marked estimate follow the usual pattern until published. Not medical or "
        "legal advice; check dates with the AAMC and NRMP.",
    ]
    foot_h = sum(page.height(text, page.width, 6.3) for text in footer) + 1
    columns = max(_blocks_height(page, half, left_blocks), _blocks_height(page, half, right_blocks))
    _gantt(page, content, _row_height(page, len(content.bars), columns + foot_h + 2))

    top = pdf.get_y()
    left_end = _column(page, MARGIN, half, top, left_blocks)
    right_end = _column(page, MARGIN + half + gap, half, top, right_blocks)
    pdf.set_y(max(left_end, right_end))

    foot_top = page.foot - foot_h
    warnings = [w for w in content.warnings if w]
    first = page.height(f"• {warnings[0]}", page.width, 7.8) if warnings else 0.0
    if warnings and pdf.get_y() + 1.6 + page.height("Watch out", page.width, 10) + first < (
        foot_top - 8
    ):
        page.heading("Watch out", MARGIN, page.width)
        for warning in warnings:
            if pdf.get_y() + page.height(warning, page.width, 7.8) > foot_top - 8:
                break
            page.para(f"• {warning}", MARGIN, page.width, 7.8)
    if content.notes:
        room = foot_top - pdf.get_y() - 7
        notes = content.notes
        while notes and page.height(notes, page.width, 7.8) > room:
            notes = notes[: max(0, int(len(notes) * 0.9) - 1)].rstrip() + "…"
            if len(notes) < 4:
                notes = ""
        if notes:
            page.heading("Advisor notes", MARGIN, page.width)
            page.para(notes, MARGIN, page.width, 7.8)
    pdf.set_y(foot_top)
    for text in footer:
        page.para(text, MARGIN, page.width, 6.3, colour=GREY)
    return bytes(pdf.output())
