"""Plotly charts that stay mounted while their figures change (issue 14).

``st.plotly_chart`` keys a chart by a hash of its figure, so a slider move unmounted
every chart it touched and the browser drew it from scratch: about 85 ms of the
~105 ms of main-thread work a Timeline move cost. This ``components.v2`` component
(plain JavaScript in ``ui/components/live_chart/chart.js``, no build step) keeps one
chart per key and passes each new figure to Plotly (``animate`` when only the traces
moved, ``react`` otherwise), which redraws only what changed.

plotly.js is the copy inside the Python plotly package, so the browser's plotly.js
always matches the figures the Python side builds, and the page fetches nothing from
outside the app: ``components.v1`` declarations that are never mounted serve it.
Served as it is, the 4.8 MB file was read and gzipped by the server for every new
page (~95 ms of CPU, and ~1 MiB of server memory a session in the benchmark, from
the allocator's buffers); so each server process gzips it once, into a private
temporary folder, and the browser unpacks it (``DecompressionStream``) and keeps it
in its Cache Storage under a versioned address. A browser without either gets the
plain file.
"""

from __future__ import annotations

import gzip
import importlib.metadata
import importlib.util
import json
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

import streamlit.components.v1 as components_v1
import streamlit.components.v2 as components

JS = (Path(__file__).parent / "components" / "live_chart" / "chart.js").read_text(encoding="utf-8")


def _plotly_package_data() -> Path:
    """Where the installed plotly package keeps plotly.min.js, without importing plotly."""
    spec = importlib.util.find_spec("plotly")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the plotly package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "package_data"


PLOTLY_DATA = _plotly_package_data()
PLOTLY_VERSION = importlib.metadata.version("plotly")


class _Gzipped:
    """plotly.min.js gzipped once per server process, in a background thread begun by
    the first chart.

    A private folder (``mkdtemp``: mode 0700, a name nobody can guess), so no other
    user of the machine can put a file there for the server to hand out. zlib lets
    go of the GIL, so the work overlaps the first page run rather than delaying it;
    until it is done, pages get the plain file.
    """

    def __init__(self) -> None:
        self.folder: Path | None = None
        self._done = threading.Event()
        self._started = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Begin once, at the first chart (importing this module starts nothing)."""
        with self._started:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._write, name="matchplan-plotly-gzip", daemon=True
                )
                self._thread.start()

    def _write(self) -> None:
        try:
            folder = Path(tempfile.mkdtemp(prefix="matchplan-plotly-"))
            with (
                (PLOTLY_DATA / "plotly.min.js").open("rb") as source,
                gzip.open(folder / "plotly.min.js.gz", "wb", compresslevel=6) as target,
            ):
                shutil.copyfileobj(source, target)
            self.folder = folder
        except OSError:
            self.folder = None
        finally:
            self._done.set()

    def ready(self) -> Path | None:
        self.start()
        return self.folder if self._done.is_set() else None


_GZIPPED = _Gzipped()


def plotly_js_paths() -> dict[str, str | None]:
    """Where the browser loads plotly.js from, relative to the app's root: ``gz`` (None
    while it is being made) and the ``plain`` file.

    Declared on every chart (a dictionary write), not once at import: a declaration
    registers with the runtime of the script run that makes it. The query names the
    plotly version, so the browser's cached copy is replaced when plotly is upgraded.
    """
    plain = components_v1.declare_component("plotlyjs", path=str(PLOTLY_DATA))
    paths: dict[str, str | None] = {
        "gz": None,
        "plain": f"component/{plain.name}/plotly.min.js?v={PLOTLY_VERSION}",
    }
    folder = _GZIPPED.ready()
    if folder is not None:
        packed = components_v1.declare_component("plotlyjsgz", path=str(folder))
        paths["gz"] = f"component/{packed.name}/plotly.min.js.gz?v={PLOTLY_VERSION}"
    return paths


COMPONENT = "matchplan.live_chart"
# Not style-isolated: plotly.js adds its stylesheet to the document, which a shadow
# root would keep out (hover labels and the chart's own classes need it).
_mount = components.component(COMPONENT, js=JS, isolate_styles=False)


def live_chart(figure_json: str, label: str, key: str, config: dict[str, Any]) -> None:
    """Mount (or update in place) the chart under ``key`` with a figure's JSON.

    ``label`` is what a screen reader says for the chart (the figure's summary). The
    data goes as JSON bytes: Streamlit passes bytes through as they are, where a dict
    would be searched for dataframes (importing pandas during Overview's first run).
    """
    data = {"figure": figure_json, "label": label, "src": plotly_js_paths(), "config": config}
    _mount(key=key, data=json.dumps(data).encode("utf-8"))
