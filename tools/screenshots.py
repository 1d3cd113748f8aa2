"""Screenshots of every page at 1440x900, 1280x720 and 390x844 (issue 12).

    MATCHPLAN_TODAY=2026-12-01 python -m streamlit run streamlit_app.py --server.port 8650 &
    python tools/screenshots.py http://127.0.0.1:8650 /tmp/shots

Full-page PNGs named ``<page>-<width>x<height>.png``; Debian's chromium, no download.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.test_browser import PAGES  # noqa: E402

SIZES = ((1440, 900), (1280, 720), (390, 844))


def main(url: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, height in SIZES:
            phone = width < 600
            context = browser.new_context(
                viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
            )
            context.set_default_timeout(30_000)
            tab = context.new_page()
            for path, title in PAGES.items():
                tab.goto(f"{url}/{'' if path == 'overview' else path}")
                expect(tab.locator("h1").first).to_have_text(title, timeout=30_000)
                expect(tab.locator('[data-testid="stStatusWidget"]')).to_have_count(0)
                expect(tab.locator('[data-testid="stSkeleton"]')).to_have_count(0)
                charts = tab.locator(".js-plotly-plot .main-svg")
                if charts.count():
                    expect(charts.first).to_be_visible()
                full = tab.evaluate(
                    "() => Math.max(...Array.from(document.querySelectorAll("
                    "'[data-testid=stMain], [data-testid=stMainBlockContainer]'))"
                    ".map(e => e.scrollHeight), 0)"
                )
                tab.set_viewport_size({"width": width, "height": min(max(full, height), 9000)})
                tab.screenshot(path=str(out / f"{path}-{width}x{height}.png"), full_page=True)
                tab.set_viewport_size({"width": width, "height": height})
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
