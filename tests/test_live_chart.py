"""The live chart component's server side (ui/live_chart.py, issue 14).

plotly.js comes from the installed plotly package, through the app's own server:
gzipped once per process into a private folder, and as the plain file until then.
"""

from __future__ import annotations

import gzip
import stat

import pytest

from ui import live_chart


def test_plotly_js_is_gzipped_once_into_a_private_folder_from_the_package() -> None:
    gzipped = live_chart._GZIPPED
    gzipped.start()
    assert gzipped._done.wait(timeout=60)  # a background thread; a waiting check, no sleep
    folder = gzipped.ready()
    assert folder is not None
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # nobody else can place a file
    packed = (folder / "plotly.min.js.gz").read_bytes()
    original = (live_chart.PLOTLY_DATA / "plotly.min.js").read_bytes()
    assert gzip.decompress(packed) == original
    assert len(packed) < len(original) / 2


def test_the_browser_gets_both_addresses_under_the_app_root_with_the_version() -> None:
    live_chart._GZIPPED.start()
    assert live_chart._GZIPPED._done.wait(timeout=60)
    paths = live_chart.plotly_js_paths()
    version = f"?v={live_chart.PLOTLY_VERSION}"
    assert paths["plain"] == f"component/ui.live_chart.plotlyjs/plotly.min.js{version}"
    assert paths["gz"] == f"component/ui.live_chart.plotlyjsgz/plotly.min.js.gz{version}"


def test_until_the_gzip_is_ready_the_plain_file_is_offered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(live_chart._GZIPPED, "ready", lambda: None)
    paths = live_chart.plotly_js_paths()
    assert paths["gz"] is None
    assert paths["plain"] is not None
    assert paths["plain"].startswith("component/")


def test_an_unwritable_temp_folder_leaves_the_plain_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**_: object) -> str:
        raise PermissionError("read-only")

    monkeypatch.setattr(live_chart.tempfile, "mkdtemp", refuse)
    failed = live_chart._Gzipped()
    failed.start()
    assert failed._done.wait(timeout=60)
    assert failed.ready() is None
