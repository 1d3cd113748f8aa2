"""The one plan in the session, and the one way pages read and change it.

The session holds exactly one validated ``PlanFile`` (in a ``PlanBox``). Pages
read it with ``plan()`` and everything derived from it with ``result()``
(``matchplan.plan.build_plan``, computed once per change). They change it only
through ``update`` / ``edit_profile`` (each change validated before it is kept)
or replace it whole with ``replace`` (a file, the example, a blank start).

**Binding widgets.** Every input widget gets its kwargs from ``bind(name,
commit)``: a key that carries the session's nonce and the plan's revision, and
an ``on_change`` callback that commits the value. So

- a replaced plan bumps the revision: every widget gets a new key and shows the
  new plan (no stale field survives a file load);
- a change is committed in its callback, which Streamlit runs before the next
  script run whatever page that run shows: a draft typed and left by clicking
  another page is kept;
- an invalid value stays in its widget with a message at the field (``error``)
  and is retried after every later change, so entering fields in any order works
  (interview offers before programs applied, say);
- a new session (a server restart, a lost connection) has a new nonce, so values
  a reconnecting browser still holds for old widgets are never merged into it.

No page writes plan data into ``st.session_state`` itself.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import streamlit as st
from pydantic import ValidationError

from matchplan import clock
from matchplan.examples import example_profile
from matchplan.plan import PlanResult, build_plan, new_plan
from matchplan.planfile import PlanFile
from matchplan.profile import field_errors, with_changes
from matchplan.textsafe import markdown_safe as plain

BOX = "plan_box"
FLASH = "flash_message"
SESSION_PARAM = "s"

Commit = Callable[[Any], None]


@dataclass
class PlanBox:
    """The session's plan with its revision and the result derived from it."""

    plan: PlanFile
    nonce: str = field(default_factory=lambda: secrets.token_hex(4))
    revision: int = 0
    replaced_at: int = 0
    result: PlanResult | None = None
    errors: dict[str, str] = field(default_factory=dict)
    pending: dict[str, tuple[Commit, Any]] = field(default_factory=dict)
    session_lost: bool = False
    committed_from: str | None = None
    last_page: str | None = None
    download_clicks: int = 0
    clicked: threading.Condition = field(default_factory=threading.Condition)


def today() -> date:
    """The one place the app reads the clock; ``MATCHPLAN_TODAY`` pins it.

    Pages ask here, never the clock, so the app, the CLI and a profile validated
    without a date all agree on the day.
    """
    return clock.pinned_today() or date.today()  # noqa: DTZ011 - the applicant's local date


def _box() -> PlanBox:
    box = st.session_state.get(BOX)
    if not isinstance(box, PlanBox):
        box = PlanBox(plan=new_plan(example_profile(today()), today()))
        # A link that carries another session's id means that session is gone.
        box.session_lost = SESSION_PARAM in st.query_params
        st.session_state[BOX] = box
    return box


def init() -> None:
    """Once per run: the plan exists, and the address carries this session's id."""
    box = _box()
    if st.query_params.get(SESSION_PARAM) != box.nonce:
        st.query_params[SESSION_PARAM] = box.nonce


def stale_page(requested: str) -> str | None:
    """The page to stay on when this run is a late commit from the page just left.

    Typing in a box and clicking another page at once makes the browser send two
    reruns: the new page, then the box's own commit still naming the old page. The
    commit is kept (its callback ran); the page shown stays the one the user chose.
    A commit that arrives in the same run as the click (Streamlit merges reruns
    under load) names the new page, so it is not late and the click is honoured.
    Returns that page's url path, or None when this run should show what it asks.
    """
    box = _box()
    late = box.committed_from == requested and box.last_page not in (None, requested)
    box.committed_from = None
    if late:
        return box.last_page
    box.last_page = requested
    return None


def session_lost() -> bool:
    """True on the first session after the previous one in this tab ended."""
    return _box().session_lost


def plan() -> PlanFile:
    return _box().plan


def plan_reader() -> Callable[[], PlanFile]:
    """The plan as it will be when called: for a download built at the click.

    Streamlit runs a download's ``data`` callable outside the script run, where
    ``st.session_state`` is not this session's, so the callable keeps the box itself.
    """
    box = _box()
    return lambda: box.plan


def download_clicked() -> None:
    """The download button's callback: it runs with the click's commits (see planio)."""
    box = _box()
    with box.clicked:
        box.download_clicks += 1
        box.clicked.notify_all()


def click_waiter() -> Callable[[float], bool]:
    """For a download drawn now: a wait until its click has reached the script runner.

    The wait runs on the thread that builds the file; it is True once the click's
    rerun, which carries every value edited before it, has started its callbacks.
    """
    box = _box()
    drawn_at = box.download_clicks

    def wait(timeout: float) -> bool:
        with box.clicked:
            return box.clicked.wait_for(lambda: box.download_clicks > drawn_at, timeout)

    return wait


def result() -> PlanResult:
    """build_plan of the current plan, computed once per change of the plan."""
    box = _box()
    if box.result is None or box.result.plan is not box.plan:
        box.result = build_plan(box.plan, today())
    return box.result


def revision() -> int:
    return _box().revision


def key(name: str) -> str:
    """A widget key tied to this session and this revision of the plan."""
    box = _box()
    return f"{name}.{box.nonce}.{box.revision}"


def _validated(candidate: PlanFile) -> PlanFile:
    return PlanFile.model_validate(candidate.model_dump())


def update(**fields: Any) -> None:
    """Change top-level parts of the plan; raises ValidationError and keeps the plan if bad."""
    box = _box()
    box.plan = _validated(box.plan.model_copy(update=fields))


def edit_profile(changes: dict[str, Any]) -> None:
    """Change profile fields (nested dicts merge); raises ValidationError if invalid."""
    box = _box()
    box.plan = box.plan.model_copy(
        update={"profile": with_changes(box.plan.profile, changes, today())}
    )


def replace(new: PlanFile, message: str) -> None:
    """Replace the whole plan: every widget re-seeds from it on the next run."""
    box = _box()
    box.plan = new
    box.revision += 1
    box.replaced_at = box.revision
    box.result = None
    box.errors.clear()
    box.pending.clear()
    box.session_lost = False
    flash(message)


def reset_widgets() -> None:
    """Re-seed every widget from the plan without replacing it (e.g. 'use the template')."""
    box = _box()
    box.revision += 1
    box.errors.clear()
    box.pending.clear()


def message_of(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(e.message for e in field_errors(exc))
    return str(exc)


def _try(widget_key: str, commit: Commit, value: Any) -> bool:
    box = _box()
    try:
        commit(value)
    except (ValidationError, ValueError) as exc:
        box.errors[widget_key] = message_of(exc)
        box.pending[widget_key] = (commit, value)
        return False
    box.errors.pop(widget_key, None)
    box.pending.pop(widget_key, None)
    return True


def _of_this_plan(widget_key: str) -> bool:
    """False for a widget drawn for a plan since replaced (a file load, the example).

    Under load the browser can still hold the old plan's fields when it sends the
    next change, and Streamlit then calls their callbacks with the old values; they
    must not overwrite the plan that replaced them. A widget from before
    ``reset_widgets`` still commits: its value is an edit to this same plan.
    """
    _, nonce, revision = widget_key.rsplit(".", 2)
    box = _box()
    return nonce == box.nonce and revision.isdigit() and int(revision) >= box.replaced_at


def _on_change(widget_key: str, commit: Commit, page: str | None = None) -> None:
    """Commit a widget's value; then retry earlier edits that were waiting on this one."""
    if widget_key not in st.session_state or not _of_this_plan(widget_key):
        return
    _box().committed_from = page
    if _try(widget_key, commit, st.session_state[widget_key]):
        box = _box()
        for other, (other_commit, value) in list(box.pending.items()):
            _try(other, other_commit, value)


def bind(name: str, commit: Commit) -> dict[str, Any]:
    """kwargs for an input widget: its revision key and the callback that commits it."""
    widget_key = key(name)
    page = _box().last_page  # the page this widget is drawn on (see stale_page)
    return {"key": widget_key, "on_change": _on_change, "args": (widget_key, commit, page)}


def commit_now(name: str, commit: Commit, value: Any) -> bool:
    """Commit a value read outside a callback (an editor, a form); True when kept."""
    return _try(key(name), commit, value)


def profile_field(path: str) -> Commit:
    """A commit that sets one profile field, e.g. ``"last_cycle.programs_applied"``."""
    head, _, rest = path.partition(".")

    def commit(value: Any) -> None:
        edit_profile({head: {rest: value}} if rest else {head: value})

    return commit


def plan_field(name: str) -> Commit:
    """A commit that sets one top-level field of the plan (validated)."""

    def commit(value: Any) -> None:
        update(**{name: value})

    return commit


def error(name: str) -> None:
    """Show the message of a value that could not be kept, where it was entered."""
    message = _box().errors.get(key(name))
    if message:
        st.error(plain(message, limit=400), icon=":material/error:")


def editor_base(name: str, rows: Any) -> Any:
    """What a data editor starts from: fixed while it holds edits, renewed with the plan."""
    box_key = f"editor_base.{key(name)}"
    if box_key not in st.session_state:
        st.session_state[box_key] = rows
    return st.session_state[box_key]


def flash(message: str) -> None:
    """A confirmation shown once, on the next run."""
    st.session_state[FLASH] = message


def show_flash() -> None:
    message = st.session_state.pop(FLASH, None)
    if isinstance(message, str) and message:
        st.success(plain(message, limit=300), icon=":material/check_circle:")
