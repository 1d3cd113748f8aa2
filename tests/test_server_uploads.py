"""Issue 25, item 4: what one session can make the real server hold in uploads.

Driven from outside, through the routes a browser uses (tests/stream_client.py), and
read from Streamlit's ``/_stcore/metrics``: its ``cache_memory_bytes`` line for
``UploadedFileManager`` is the bytes the upload store holds. Metrics are computed at
most every 5 s, so the test reads them once, on a server of its own.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator

import pytest
import requests

from tests.conftest import StreamlitServer
from tests.stream_client import Tab, open_tab
from ui.streamlit_fixes import UPLOADS_KEPT

# A real server, like the browser tests: kept out of the core's faketime runs.
pytestmark = pytest.mark.browser

PLAN_SIZED = b"{".ljust(1_900_000, b" ")  # the report's upload: 1.9 MB, under the limit


def close_tab(tab: Tab, timeout: float = 60.0) -> None:
    """Close the websocket and wait until the server has let the session go: its upload
    address then answers 400 ("Invalid session_id"), checked in the same event loop
    that disconnects it."""
    tab.socket.close()
    deadline = time.monotonic() + timeout
    poll = threading.Event()  # never set: wait() is the poll interval
    while tab.upload(b"{}") != 400:
        assert time.monotonic() < deadline, "the server kept the closed tab's session"
        poll.wait(0.1)


def held_uploads(url: str) -> int:
    """Bytes in Streamlit's upload store, from its metrics endpoint (0 when empty)."""
    text = requests.get(
        f"{url}/_stcore/metrics", params={"families": "cache_memory_bytes"}, timeout=30
    ).text
    found = re.search(r'cache_memory_bytes\{cache_type="UploadedFileManager"[^}]*\} (\d+)', text)
    return int(found.group(1)) if found else 0


@pytest.fixture
def own_server() -> Iterator[StreamlitServer]:
    app = StreamlitServer()
    app.start()
    yield app
    app.stop()


def test_sixty_uploads_leave_a_sessions_newest_three_and_a_closed_tab_none(
    own_server: StreamlitServer,
) -> None:
    """Reported: 60 uploads of 1.9 MB in one session all kept (114 MB), and a closed
    tab's kept for its reconnect window and after (Streamlit alone: 123.5 MB here)."""
    url = own_server.url
    with open_tab(url) as staying, open_tab(url) as leaving:
        assert {staying.upload(PLAN_SIZED) for _ in range(60)} == {204}
        assert {leaving.upload(PLAN_SIZED) for _ in range(5)} == {204}
        close_tab(leaving)
        assert held_uploads(url) == UPLOADS_KEPT * len(PLAN_SIZED) == 5_700_000
