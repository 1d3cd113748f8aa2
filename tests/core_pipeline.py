"""Everything the pages compute from one plan, run through the core (issue 15, item 2).

``exercise(plan, today)`` calls what Overview, Risk, Timeline, Programs, Handout,
Progress, Scenarios, Week and Statement call, so a test can show that a plan which
validates cannot raise anywhere (an OverflowError from 9999-12-31, say). Dates
that cannot be placed are repaired by build_plan (and named in its result).
"""

from __future__ import annotations

from datetime import date

from matchplan.calendar_export import milestones_to_ics
from matchplan.handout import handout_content
from matchplan.handout_html import handout_figures, handout_html
from matchplan.handout_pdf import handout_pdf
from matchplan.narrative import family_script, statement_outline
from matchplan.plan import build_plan
from matchplan.plan_json import result_json
from matchplan.planfile import PlanFile
from matchplan.progress import score_trend, steps_with_scores
from matchplan.progress_charts import score_trend_chart
from matchplan.reference import load_reference
from matchplan.scenarios import evaluate
from matchplan.timeline_charts import chance_chart, gantt_chart


def exercise(plan: PlanFile, today: date) -> None:
    """Run build_plan and every renderer a page uses on its result; raise on any failure."""
    ref = load_reference()
    result = build_plan(plan, today, ref)
    result_json(result)
    gantt_chart(result.timeline, today)
    chance_chart(result.timeline)
    milestones_to_ics(result.timeline, today)
    content = handout_content(result, identify=True)
    handout_pdf(content)
    handout_html(content, handout_figures(result))
    for step in steps_with_scores(plan.progress):
        score_trend_chart(score_trend(plan.progress, step, today, ref))
    for scenario in plan.scenarios:
        try:
            evaluate(plan, scenario, today)
        except ValueError:
            continue  # a scenario that no longer fits is left out with a message
    statement_outline(plan.profile, today)
    family_script(plan.profile, today)
