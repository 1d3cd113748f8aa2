"""Everything the pages compute from one plan, run through the core (issue 15, item 2).

``exercise(plan, today)`` calls what Overview, Risk, Timeline, Programs, Handout,
Progress, Scenarios, Week and Statement call, so a test can show that a plan which
validates cannot raise anywhere (an OverflowError from 9999-12-31, say). A
PlanDateError is allowed: it is how the timeline says a date cannot be placed, and
the Timeline page shows it at the field.
"""

from __future__ import annotations

from datetime import date

from matchplan.assessment import assess
from matchplan.calendar_export import milestones_to_ics
from matchplan.handout import handout_content, handout_figures, handout_pdf
from matchplan.narrative import family_script, statement_outline
from matchplan.pathway import pathway
from matchplan.planfile import PlanFile
from matchplan.programs import eras_fees, program_data, program_plan
from matchplan.progress import score_trend, steps_with_scores
from matchplan.progress_charts import score_trend_chart
from matchplan.reference import load_reference
from matchplan.scenarios import evaluate
from matchplan.timeline import PlanDateError, build_timeline, default_plan
from matchplan.timeline_charts import chance_chart, gantt_chart
from matchplan.week import study_fit, study_window_from_profile, template_week
from matchplan.whatif import apply_what_if


def exercise(plan: PlanFile, today: date) -> None:
    """Run every core computation a page makes from ``plan``; raise on any failure."""
    ref = load_reference()
    data = program_data()
    profile = plan.profile
    result = assess(profile, today, ref)
    chosen = pathway(profile, result, ref, data, plan.path_override)
    programs = program_plan(
        result.overall,
        profile.target_specialty,
        profile.last_cycle.programs_applied,
        ref,
        data,
        second_id=chosen.second_specialty,
    )
    eras_fees(programs.counts(), ref, data)
    apply_what_if(profile, plan.what_if, today)
    for timeline_plan in (default_plan(profile, today, ref), plan.timeline):
        try:
            timeline = build_timeline(profile, timeline_plan, today, ref)
        except PlanDateError:
            continue
        gantt_chart(timeline, today)
        chance_chart(timeline)
        milestones_to_ics(timeline, today)
    try:
        content = handout_content(profile, plan.timeline, plan.path_override, today, identify=True)
        handout_pdf(content)
        handout_figures(profile, plan.timeline, today)
    except PlanDateError:
        pass
    for step in steps_with_scores(plan.progress):
        score_trend_chart(score_trend(plan.progress, step, today, ref))
    for scenario in plan.scenarios:
        evaluate(profile, scenario, today, ref)
    window = study_window_from_profile(profile, today)
    if window is not None:
        study_fit(plan.week or template_week(profile.clinical.current_role), window)
    statement_outline(profile, today)
    family_script(profile, today)
