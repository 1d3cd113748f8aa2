"""Issue 25: one limit for a plan file, whether the page, the core or the CLI reads it.

Streamlit's page refuses a file over ``server.maxUploadSize`` megabytes of 10**6 bytes
(2**20 on Windows); its upload route, over that many of 2**20. MAX_PLAN_BYTES was
2 MiB: a file of 2,000,001 to 2,097,152 bytes was refused by the page and taken by the
CLI. It is now the page's 2,000,000.
"""

from __future__ import annotations

import inspect
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest
import streamlit
from streamlit.testing.v1 import AppTest
from streamlit.web.server.starlette import starlette_routes

from matchplan.cli import MAX_FILE_BYTES
from matchplan.planfile import MAX_PLAN_BYTES, PlanLoadError, load_plan
from tests.conftest import ROOT, TODAY
from tests.widgets import widget
from ui.planio import UPLOADER

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
UPLOAD_MB = CONFIG["server"]["maxUploadSize"]


def page_code_with_byte_units() -> str:
    """The installed Streamlit page's module that turns megabytes into bytes."""
    bundle = Path(next(iter(streamlit.__path__))) / "static" / "static" / "js"
    found = [
        text
        for path in bundle.glob("*.js")
        if "e.Megabyte=`mb`" in (text := path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert len(found) == 1
    return found[0]


def test_the_core_and_cli_limit_is_the_pages_in_decimal_megabytes() -> None:
    assert UPLOAD_MB == 2
    assert MAX_PLAN_BYTES == UPLOAD_MB * 10**6 == 2_000_000
    assert MAX_FILE_BYTES == MAX_PLAN_BYTES


def test_streamlits_page_counts_a_megabyte_as_a_million_bytes_except_on_windows() -> None:
    """Read off the installed page (Streamlit 1.67: ``st=l()?1024:1e3``, ``l`` its
    Windows check). If Streamlit changes it, this fails and the limit needs a look."""
    assert re.search(r"=\w+\(\)\?1024:1e3,", page_code_with_byte_units())


def test_streamlits_server_takes_at_least_what_the_page_takes() -> None:
    """The upload route's limit is maxUploadSize MiB, never below the page's."""
    source = inspect.getsource(starlette_routes)
    assert 'config.get_option("server.maxUploadSize") * 1024 * 1024' in source
    assert UPLOAD_MB * 2**20 >= MAX_PLAN_BYTES


def test_the_core_takes_a_file_of_exactly_the_limit_and_refuses_one_byte_more() -> None:
    today = date.fromisoformat(TODAY)
    with pytest.raises(PlanLoadError) as at_limit:
        load_plan(b"{".ljust(MAX_PLAN_BYTES, b" "), today)
    assert "larger than" not in str(at_limit.value)  # refused as JSON, not for its size
    with pytest.raises(PlanLoadError) as over:
        load_plan(b"{".ljust(MAX_PLAN_BYTES + 1, b" "), today)
    assert "larger than 2 MB" in str(over.value)


@pytest.mark.usefixtures("app_today")
def test_the_sidebar_uploader_takes_the_configured_megabytes() -> None:
    app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60).run()
    assert not app.exception
    assert widget(app, "file_uploader", UPLOADER).proto.max_upload_size_mb == UPLOAD_MB
