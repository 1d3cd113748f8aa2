"""Plotly charts that stay mounted while their figures change (issue 14).

``st.plotly_chart`` keys a chart by a hash of its figure, so a slider move unmounted
every chart it touched and the browser drew it from scratch: about 85 ms of the
~105 ms of main-thread work a Timeline move cost. This ``components.v2`` component
(plain JavaScript in ``ui/components/live_chart/chart.js``, no build step) keeps one
chart per key and passes each new figure to Plotly (``animate`` when only the traces
moved, ``react`` otherwise), which redraws only what changed.

plotly.js is the copy inside the Python plotly package, so the browser's plotly.js
always matches the figures the Python side builds, and the page fetches nothing from
outside the app: a ``components.v1`` declaration that is never mounted serves it, from
a private temporary folder holding that one file (the package's folder also holds its
datasets, templates and Jupyter widget bundle, none of which the page needs).
Served as it is, the 4.8 MB file was read and gzipped by the server for every new
page (~95 ms of CPU, and ~1 MiB of server memory a session in the benchmark, from
the allocator's buffers); so each server process gzips it once, into the same
folder, and the browser unpacks it (``DecompressionStream``) and keeps it
in its Cache Storage under a versioned address. A browser without either gets the
plain file. The folder goes when the process exits.
"""

from __future__ import annotations

import gzip
import importlib.metadata
import importlib.util
import json
import os
import shutil
import tempfile
import threading
import weakref
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


def _place(source: Path, target: Path) -> None:
    """A hard link where both are on one file system (nothing copied), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _remove(folder: Path, gzipped: threading.Event) -> None:
    """At exit: let a gzip being written finish (about a second), then remove the folder."""
    gzipped.wait(timeout=30)
    shutil.rmtree(folder, ignore_errors=True)


class _PlotlyFiles:
    """plotly.min.js in a folder of its own, and its gzip, written once per server
    process from the first chart on.

    A private folder (``mkdtemp``: mode 0700, a name nobody can guess), so no other
    user of the machine can put a file there for the server to hand out; removed at
    exit (``weakref.finalize`` runs at interpreter exit). The gzip is written in a
    background thread: zlib lets go of the GIL, so the work overlaps the first page
    run rather than delaying it; until it is done, pages get the plain file. Without
    a writable temporary folder, the package's folder is served as it was before.
    """

    def __init__(self) -> None:
        self.folder: Path | None = None
        """The folder, once it holds plotly.min.js."""
        self.gzipped = threading.Event()
        """Set when the gzip is written or has failed (``packed`` says which)."""
        self.packed = False
        self._started = threading.Lock()
        self._begun = False

    def start(self) -> None:
        """Begin once, at the first chart (importing this module starts nothing)."""
        with self._started:
            if self._begun:
                return
            self._begun = True
            try:
                folder = Path(tempfile.mkdtemp(prefix="matchplan-plotly-"))
            except OSError:
                self.gzipped.set()
                return
            weakref.finalize(self, _remove, folder, self.gzipped)
            try:
                _place(PLOTLY_DATA / "plotly.min.js", folder / "plotly.min.js")
            except OSError:
                self.gzipped.set()
                return
            self.folder = folder
            threading.Thread(
                target=self._write, args=(folder,), name="matchplan-plotly-gzip", daemon=True
            ).start()

    def _write(self, folder: Path) -> None:
        try:
            with (
                (folder / "plotly.min.js").open("rb") as source,
                gzip.open(folder / "plotly.min.js.gz", "wb", compresslevel=6) as target,
            ):
                shutil.copyfileobj(source, target)
            self.packed = True
        except OSError:
            self.packed = False
        finally:
            self.gzipped.set()


_FILES = _PlotlyFiles()


def plotly_js_paths() -> dict[str, str | None]:
    """Where the browser loads plotly.js from, relative to the app's root: ``gz`` (None
    while it is being made) and the ``plain`` file.

    Declared on every chart (a dictionary write), not once at import: a declaration
    registers with the runtime of the script run that makes it. The query names the
    plotly version, so the browser's cached copy is replaced when plotly is upgraded.
    """
    _FILES.start()
    folder = _FILES.folder or PLOTLY_DATA
    served = components_v1.declare_component("plotlyjs", path=str(folder))
    address = f"component/{served.name}/plotly.min.js"
    packed = _FILES.gzipped.is_set() and _FILES.packed
    return {
        "gz": f"{address}.gz?v={PLOTLY_VERSION}" if packed else None,
        "plain": f"{address}?v={PLOTLY_VERSION}",
    }


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
