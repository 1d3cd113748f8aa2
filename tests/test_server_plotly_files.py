"""Issue 25: the real server hands out plotly.js and nothing else of plotly's package
folder, and leaves no folder in the temporary directory when it stops."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import StreamlitServer
from tests.stream_client import open_tab
from ui.live_chart import PLOTLY_DATA

# A real server, like the browser tests: kept out of the core's faketime runs.
pytestmark = pytest.mark.browser

SERVED = "component/ui.live_chart.plotlyjs"
"""Where the charts' plotly.js is served (ui.live_chart.plotly_js_paths)."""
NOT_NEEDED = ["widgetbundle.js", "templates/plotly.json", "datasets/iris.csv.gz"]
"""Other files of plotly's package_data: the Jupyter widget, a template, a dataset."""


class ServerWithItsOwnTemp(StreamlitServer):
    """The app with a temporary directory of the test's (TMPDIR), to see what it leaves."""

    def __init__(self, temp: Path) -> None:
        super().__init__()
        self.temp = temp

    def environment(self) -> dict[str, str]:
        return {**super().environment(), "TMPDIR": str(self.temp)}


@pytest.fixture
def charted(tmp_path: Path) -> Iterator[ServerWithItsOwnTemp]:
    """A server that has drawn a chart (Overview's, in one page run)."""
    app = ServerWithItsOwnTemp(tmp_path)
    app.start()
    try:
        with open_tab(app.url):
            yield app
    finally:
        app.stop()


def test_plotly_js_is_served_and_no_other_file_of_plotlys_package(
    charted: ServerWithItsOwnTemp,
) -> None:
    plain = requests.get(f"{charted.url}/{SERVED}/plotly.min.js", timeout=30)
    assert plain.status_code == 200
    assert plain.content == (PLOTLY_DATA / "plotly.min.js").read_bytes()
    for name in NOT_NEEDED:
        assert (PLOTLY_DATA / name).is_file()  # there in the package ...
        answer = requests.get(f"{charted.url}/{SERVED}/{name}", timeout=30)
        assert answer.status_code == 404, name  # ... and not over HTTP


def test_the_server_removes_its_plotly_folder_when_it_stops(tmp_path: Path) -> None:
    app = ServerWithItsOwnTemp(tmp_path)
    app.start()
    try:
        with open_tab(app.url):
            pass
        folders = list(tmp_path.glob("matchplan-plotly-*"))
        assert len(folders) == 1
        assert {p.name for p in folders[0].iterdir()} <= {"plotly.min.js", "plotly.min.js.gz"}
    finally:
        app.stop()
    assert app.process is not None
    assert app.process.returncode == 0  # stopped as Streamlit stops, not killed
    assert list(tmp_path.glob("matchplan-plotly-*")) == []
