"""The live chart component's server side (ui/live_chart.py, issue 14).

plotly.js comes from the installed plotly package, through the app's own server: from a
private folder holding only that file, gzipped there once per process, plain until then;
the folder goes when the process exits (issue 25).
"""

from __future__ import annotations

import gzip
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from ui import live_chart


def test_plotly_js_is_gzipped_once_into_a_private_folder_holding_only_it() -> None:
    files = live_chart._FILES
    files.start()
    assert files.gzipped.wait(timeout=60)  # a background thread; a waiting check, no sleep
    folder = files.folder
    assert folder is not None
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # nobody else can place a file
    assert sorted(p.name for p in folder.iterdir()) == ["plotly.min.js", "plotly.min.js.gz"]
    original = (live_chart.PLOTLY_DATA / "plotly.min.js").read_bytes()
    assert (folder / "plotly.min.js").read_bytes() == original
    packed = (folder / "plotly.min.js.gz").read_bytes()
    assert gzip.decompress(packed) == original
    assert len(packed) < len(original) / 2


def test_the_browser_gets_both_addresses_under_the_app_root_with_the_version() -> None:
    live_chart._FILES.start()
    assert live_chart._FILES.gzipped.wait(timeout=60)
    paths = live_chart.plotly_js_paths()
    version = f"?v={live_chart.PLOTLY_VERSION}"
    assert paths["plain"] == f"component/ui.live_chart.plotlyjs/plotly.min.js{version}"
    assert paths["gz"] == f"component/ui.live_chart.plotlyjs/plotly.min.js.gz{version}"


def test_until_the_gzip_is_ready_the_plain_file_is_offered(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    writing = live_chart._PlotlyFiles()
    writing.folder = tmp_path  # begun, the gzip not written yet
    writing._begun = True
    monkeypatch.setattr(live_chart, "_FILES", writing)
    paths = live_chart.plotly_js_paths()
    assert paths["gz"] is None
    plain = f"component/ui.live_chart.plotlyjs/plotly.min.js?v={live_chart.PLOTLY_VERSION}"
    assert paths["plain"] == plain


def test_an_unwritable_temp_folder_leaves_the_plain_file_from_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(**_: object) -> str:
        raise PermissionError("read-only")

    monkeypatch.setattr(live_chart.tempfile, "mkdtemp", refuse)
    failed = live_chart._PlotlyFiles()
    monkeypatch.setattr(live_chart, "_FILES", failed)
    paths = live_chart.plotly_js_paths()
    assert failed.gzipped.is_set()
    assert failed.folder is None
    assert paths["gz"] is None
    assert paths["plain"] is not None


@pytest.mark.parametrize("gzip_done", [True, False], ids=["gzip-written", "exit-while-gzipping"])
def test_the_plotly_folder_is_removed_when_the_process_exits(
    tmp_path: Path, gzip_done: bool
) -> None:
    """Each server or test process left a 1.4 MB folder in the temp directory."""
    script = (
        "from ui import live_chart\n"
        "live_chart.plotly_js_paths()\n"  # the first chart
        f"if {gzip_done}: assert live_chart._FILES.gzipped.wait(60)\n"
        "print(live_chart._FILES.folder)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    folder = Path(done.stdout.strip())
    assert folder.parent == tmp_path
    assert folder.name.startswith("matchplan-plotly-")
    assert list(tmp_path.iterdir()) == []
