"""Browser: text a plan file carries is drawn in the charts as text, never as markup
(issue 25, items 2 and 5).

Plotly draws a subset of HTML in hover labels, titles, annotations, tick labels and
legend names: a practice form named ``<a href=...>`` became a live link and a
``<span style="background:url(...)">`` an outside fetch on hover. A plan with hostile
text in every user field is loaded through the sidebar; every page with a chart is
opened and every point of every chart hovered, one frame each (a style is only read
when the browser draws it). Every request the page makes is recorded (and one to any
other host refused, so nothing leaves the machine): none may go anywhere but the
app's server, and no link or ``url(...)`` to another host may appear in a chart.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from matchplan.examples import example_profile
from matchplan.plan import new_plan
from matchplan.planfile import PlanFile, Scenario, dump_plan
from matchplan.profile import with_changes
from matchplan.programs import ProgramRow
from matchplan.progress import PracticeScore, Progress
from tests.conftest import TODAY, StreamlitServer, click_through, screenshot, settled

pytestmark = pytest.mark.browser

DAY = date.fromisoformat(TODAY)
HOST = "evil.example"
RLO = "\u202e"
FORMS = (
    f'<span style="background:url(http://{HOST}/bg.png)">bg</span>',
    f'<a href="http://{HOST}/a">link</a>',
    f'<span style="cursor:url(http://{HOST}/c.png),auto">c</span>',
    f"<img src=http://{HOST}/i.png><b>bold</b>&lt;i&gt;",
    f"NBME {RLO}21 mrof",
)
"""Each at most 80 characters (PracticeScore.form); the last reverses what follows it."""
NAME = f'<a href="http://{HOST}/n">Dr Ann</a> {RLO}wol :ksir llarevO'
PROGRAM = f'<a href="http://{HOST}/p">Mercy</a> <span style="background:url(http://{HOST}/q)">'

# Every chart on the page: each point of each trace hovered (waiting until Plotly has:
# it throttles hovers to one per 50 ms) and drawn; what each hover label said, and every
# link or url(...) in the chart that names another host.
HOVER_EVERY_POINT = """async () => {
  const frame = () => new Promise((done) => {
    requestAnimationFrame(() => requestAnimationFrame(done));
  });
  // Fx.hover emits no event when called by a script: wait for its hover data instead.
  const hover = async (plot, curve, point) => {
    Plotly.Fx.hover(plot, [{curveNumber: curve, pointNumber: point}]);
    for (let tries = 0; tries < 300; tries++) {
      if ((plot._hoverdata || []).some((p) => p.curveNumber === curve && p.pointNumber === point)) {
        return true;
      }
      await frame();
    }
    return false;
  };
  const outside = (text) => /(https?:)?\\/\\/[^\\/'")\\s]+/i.test(text)
    && !text.includes('//' + location.host);
  const offences = (plot) => {
    const found = [];
    for (const link of plot.querySelectorAll('a')) {
      const href = link.getAttribute('href') || link.getAttribute('xlink:href') || '';
      if (outside(href)) found.push(link.outerHTML);
    }
    for (const element of plot.querySelectorAll('[style]')) {
      const urls = element.getAttribute('style').match(/url\\([^)]*\\)/gi) || [];
      if (urls.some(outside)) found.push(element.outerHTML);
    }
    return found;
  };
  const report = {plots: 0, hovers: 0, missed: [], labels: [], offences: []};
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    report.plots += 1;
    report.offences.push(...offences(plot));
    for (const trace of plot._fullData.filter((t) => t.hoverinfo !== 'skip')) {
      const points = Math.max((trace.x || []).length, (trace.y || []).length);
      for (let point = 0; point < points; point++) {
        if (!(await hover(plot, trace.index, point))) {
          report.missed.push(`${trace.name} ${point}`);
          continue;
        }
        await frame();
        report.hovers += 1;
        const layer = plot.querySelector('.hoverlayer');
        if (layer && layer.textContent) report.labels.push(layer.textContent);
        report.offences.push(...offences(plot));
      }
    }
    Plotly.Fx.unhover(plot);
  }
  return report;
}"""

CHART_PAGES = (  # link, heading, charts it draws for this plan
    ("Progress", "Progress", 1),
    ("Overview", "Overview", 1),
    ("Risk", "Risk, as programs read it", 1),
    ("Timeline", "Timeline", 2),
    ("Programs", "Programs", 4),
    ("Weekly structure", "Weekly structure", 1),
)


def hostile_plan() -> PlanFile:
    profile = with_changes(example_profile(DAY), {"display_name": NAME, "advisor_notes": NAME}, DAY)
    plan = new_plan(profile, DAY)
    scores = tuple(
        PracticeScore(taken_on=date(2026, month, 1), step="step3", score=190 + 4 * n, form=form)
        for n, (month, form) in enumerate(zip(range(6, 11), FORMS, strict=True))
    )
    programs = tuple(
        ProgramRow(
            program=f"{PROGRAM} {n}", state=state, type=kind, setting="urban", connection=NAME
        )
        for n, (state, kind) in enumerate(
            [("NY", "community"), ("CA", "university"), ("TX", "university-affiliated")]
        )
    )
    scenario = Scenario(
        name=f'<a href="http://{HOST}/s">B</a>{RLO}',
        target_specialty=profile.target_specialty,
        target_match_year=profile.target_match_year,
        timeline=plan.timeline,
    )
    return plan.model_copy(
        update={
            "progress": Progress(practice_scores=scores),
            "program_list": programs,
            "scenarios": (scenario,),
        }
    )


def test_issue25_hostile_plan_text_in_charts_is_inert_on_hover(
    page: Any, server: StreamlitServer, tmp_path: Path
) -> None:
    own = urlparse(server.url).netloc
    requests: list[str] = []

    def record(route: Any) -> None:
        url = route.request.url
        requests.append(url)
        if urlparse(url).scheme in ("http", "https") and urlparse(url).netloc != own:
            route.abort()  # recorded; nothing leaves the machine
        else:
            route.continue_()

    page.route("**/*", record)
    page.goto(f"{server.url}/progress")
    expect(page.locator("h1").first).to_have_text("Progress")
    settled(page)
    path = tmp_path / "hostile-chart-text.json"
    path.write_bytes(dump_plan(hostile_plan()))
    page.locator('[data-testid="stSidebar"] input[type=file]').set_input_files(str(path))
    expect(page.get_by_text("Loaded your plan file")).to_be_visible()
    settled(page)

    labels: list[str] = []
    for link, heading, charts in CHART_PAGES:
        nav = page.locator('[data-testid="stSidebar"]').get_by_role("link", name=link, exact=True)
        click_through(page, nav, heading)
        plots = page.locator(".js-plotly-plot .main-svg")
        expect(plots.nth(charts - 1)).to_be_attached()
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.matchplan-live-chart'))"
            ".every((chart) => chart.querySelector('.main-svg'))"
        )
        report = page.evaluate(HOVER_EVERY_POINT)
        assert report["plots"] >= charts, (link, report["plots"])
        assert report["hovers"] > 0, link
        assert report["missed"] == [], (link, report["missed"])
        assert report["offences"] == [], (link, report["offences"][:3])
        labels += report["labels"]
        screenshot(page, f"chart-text-{link.lower().replace(' ', '-')}")

    # The forms show as typed (the direction marks left out), in the Progress chart's hover.
    shown = " ".join(labels)
    for form in FORMS:
        assert form.replace(RLO, "") in shown, form
    assert RLO not in shown
    assert [url for url in requests if urlparse(url).netloc not in ("", own)] == []
