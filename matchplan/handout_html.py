"""The handout as one self-contained HTML page (print it, or save it as PDF)."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from matchplan.charts import risk_chart
from matchplan.handout import HandoutContent, program_sentence, title_of
from matchplan.plan import PlanResult
from matchplan.textsafe import without_bidi
from matchplan.timeline_charts import gantt_chart


def _escaped(text: str) -> str:
    """Text as HTML that shows it: no tag, and no bidi control that would reverse the rest
    of its paragraph ("Overall risk: high" read as "low", issue 25)."""
    return html.escape(without_bidi(text))


STYLE = (
    "body{font-family:'Noto Sans',sans-serif;max-width:980px;margin:2em auto;padding:0 1em;"
    # a 5,000-character word (a name, a pasted link) breaks instead of widening the page
    "color:#1B2430;line-height:1.45;overflow-wrap:anywhere;word-break:break-word}"
    "h1{font-size:1.6em}h2{font-size:1.15em;margin-top:1.4em}.low{color:#00795A}"
    ".moderate{color:#8A5600}.high{color:#A03A00}small{color:#555}"
)


def handout_html(content: HandoutContent, figures: list[go.Figure]) -> str:
    """A self-contained page: the text escaped, the charts interactive (plotly.js inlined)."""
    e = _escaped
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>MatchPlan summary</title><style>{STYLE}</style></head><body>",
        f"<h1>{e(title_of(content))}</h1>",
        f"<p>{'For ' + e(content.name) + '. ' if content.name else ''}Made on "
        f"{content.made_on:%d %B %Y}. Overall risk: <b class='{content.overall}'>"
        f"{content.overall}</b>. Path: <b>{e(content.path)}</b>.</p>",
        f"<p>{e(content.standing)}</p>" if content.standing else "",
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
    parts.append(f"</ul><h2>Programs and cost</h2><p>{e(program_sentence(content))}</p>")
    parts.append("<h2>Letters</h2>" + "".join(f"<p>{e(x)}</p>" for x in content.letters))
    year = [x for x in (content.readiness, *content.advisor_answers) if x]
    if year:  # no heading over an empty section
        parts.append(
            "<h2>Readiness and the advisors</h2>" + "".join(f"<p>{e(x)}</p>" for x in year)
        )
    parts.append(f"<h2>Clinical work and role</h2><p>{e(content.clinical)}</p>")
    parts += [f"<p>{e(x)}</p>" for x in content.role]
    parts.append(
        f"<h2>Statement and networking</h2><p>{e(content.statement)}</p>"
        f"<p>{e(content.networking)}</p><h2>Next actions</h2><ol>"
    )
    parts += [f"<li>{e(a)}</li>" for a in content.next_actions]
    parts.append("</ol>")
    if content.warnings:
        parts.append("<h2>Watch out</h2><ul>")
        parts += [f"<li>{e(w)}</li>" for w in content.warnings]
        parts.append("</ul>")
    if content.notes:
        parts.append(f"<h2>Advisor notes</h2><p>{e(content.notes)}</p>")
    for index, figure in enumerate(figures):
        parts.append(
            figure.to_html(
                full_html=False,
                include_plotlyjs=index == 0,
                config={"displayModeBar": False, "responsive": True},
            )
        )
    parts.append("<h2>Sources</h2><ul>")
    parts += [f"<li><small>{e(s)}</small></li>" for s in content.sources]
    parts.append("</ul></body></html>")
    return "".join(parts)


def handout_figures(result: PlanResult) -> list[go.Figure]:
    """The charts the HTML handout carries: the risk bars and the Gantt, labels in full.

    A static page draws once, so here the margins may grow to fit (the live pages fix them).
    """
    figures = [risk_chart(result.assessment), gantt_chart(result.timeline, result.today)]
    for figure in figures:
        figure.update_yaxes(automargin=True)
        figure.update_xaxes(automargin=True)
        figure.update_layout(
            margin={"l": 20, "r": 30, "autoexpand": True}, title={"automargin": True}
        )
    return figures
