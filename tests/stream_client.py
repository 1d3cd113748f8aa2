"""A browser tab's session without a browser: the websocket and HTTP routes a page uses.

For tests that drive the real server (``conftest.StreamlitServer``) from outside,
where a browser would only add its own timing: the XSRF token from Streamlit's cookie,
the session's websocket, one run of the page, then the upload route.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import requests
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Subprotocol


@dataclass
class Tab:
    """One session, as a browser tab holds it: cookie, XSRF token, websocket, id."""

    url: str
    http: requests.Session
    token: str
    socket: ClientConnection
    session_id: str

    def upload(self, data: bytes) -> int:
        """PUT one file under a fresh id, as the uploader does; the HTTP status."""
        address = f"{self.url}/_stcore/upload_file/{self.session_id}/{uuid.uuid4()}"
        files = {"file": ("plan.json", data, "application/json")}
        response = self.http.put(address, headers={"X-Xsrftoken": self.token}, files=files)
        return response.status_code


@contextmanager
def open_tab(url: str) -> Iterator[Tab]:
    """Connect and run the page once; the tab is ready when that run has finished.

    The client learns its session id at the start of that run; waiting for its end
    means the entry script has installed the app's fixes (ui/streamlit_fixes.py).
    """
    http = requests.Session()
    http.get(f"{url}/_stcore/health", timeout=30).raise_for_status()
    token = http.cookies.get("_streamlit_xsrf")
    assert token, "Streamlit sets its XSRF cookie on the health check"
    with connect(
        url.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=[Subprotocol("streamlit"), Subprotocol(token)],
        additional_headers={"Cookie": f"_streamlit_xsrf={token}", "Origin": url},
        max_size=None,
    ) as socket:
        run = BackMsg()
        run.rerun_script.query_string = ""
        socket.send(run.SerializeToString())
        session_id = ""
        while True:
            message = ForwardMsg()
            message.ParseFromString(socket.recv(timeout=120))
            kind = message.WhichOneof("type")
            if kind == "new_session":
                session_id = message.new_session.initialize.session_id
            elif kind == "script_finished":
                break
        assert session_id
        yield Tab(url, http, token, socket, session_id)
