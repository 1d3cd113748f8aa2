"""The benchmark's pure helpers: CPU readings and the rows that judge issue 14's targets.

The measurements themselves need a browser and a quiet machine (``make bench``); what
is tested here is that a reading is parsed right and a figure is judged against the
right target.
"""

from __future__ import annotations

import pytest

from bench.run import build_rows, metric_deltas_ms, metric_values, proc_cpu_seconds


def test_proc_stat_cpu_counts_utime_and_stime_after_an_awkward_command_name() -> None:
    # Fields 14 and 15 (utime 250, stime 50 ticks); the name holds spaces and a ")".
    stat = "4242 (python (x) y) S 1 4242 4242 0 -1 4194560 9 0 0 0 250 50 0 0 20 0 7 0"
    assert proc_cpu_seconds(stat, 100) == pytest.approx(3.0)


def test_browser_cpu_is_the_change_of_each_known_metric_in_ms() -> None:
    before = metric_values([{"name": "ThreadTime", "value": 1.5}, {"name": "Nodes", "value": 9}])
    after = metric_values([{"name": "ThreadTime", "value": 1.62}, {"name": "Nodes", "value": 99}])
    assert metric_deltas_ms(before, after) == {"ThreadTime": pytest.approx(120.0)}


def _latency(timeline_cpu: tuple[float, float], programs_cpu: tuple[float, float]) -> dict:
    """Two moves per control; wall ms and (browser, server) CPU ms per move."""
    wall = {"bare_slider": 100.0, "bare_count": 100.0, "timeline": 190.0, "programs": 210.0}
    cpu = {
        "bare_slider": (20.0, 30.0),
        "bare_count": (20.0, 30.0),
        "timeline": timeline_cpu,
        "programs": programs_cpu,
    }
    return {
        **{key: [ms, ms] for key, ms in wall.items()},
        "messages": {key: [12, 12] for key in wall},
        "long_task_ms": {key: [0.0, 0.0] for key in wall},
        "browser_cpu_ms": {key: [{"ThreadTime": b}] * 2 for key, (b, _) in cpu.items()},
        "server_cpu_ms": {key: [s, s] for key, (_, s) in cpu.items()},
    }


def _verdicts(results: dict) -> dict[str, str]:
    return {figure.strip(): verdict for figure, _, _, verdict in build_rows(results) if verdict}


def test_moves_are_judged_at_2x_the_bare_app_and_by_cpu_per_move() -> None:
    verdicts = _verdicts({"latency": _latency((200.0, 90.0), (120.0, 70.0))})
    assert verdicts == {
        "Timeline / bare slider": "PASS",  # 1.9x
        "Programs / bare number input": "MISS",  # 2.1x
        "Timeline slider": "PASS",  # 290 ms <= 300
        "Programs what-if count": "MISS",  # 190 ms > 180
    }


def test_cpu_rows_are_left_out_for_results_from_before_issue_14() -> None:
    old = _latency((0.0, 0.0), (0.0, 0.0))
    del old["browser_cpu_ms"], old["server_cpu_ms"]
    assert "Timeline slider" not in _verdicts({"latency": old})


def test_first_content_is_judged_against_the_bare_apps_first_text() -> None:
    cold = {
        "app_content_s": [2.5, 2.6, 2.7],
        "app_s": [5.0, 5.1, 5.2],
        "bare_s": [2.0, 2.0, 2.0],
        "app_healthy_s": [0.8] * 3,
        "bare_healthy_s": [0.8] * 3,
    }
    assert _verdicts({"cold": cold}) == {"app first content / bare first text": "PASS"}  # 1.3x
    cold["app_content_s"] = [2.7, 2.7, 2.7]
    assert _verdicts({"cold": cold}) == {"app first content / bare first text": "MISS"}


def test_sessions_per_gib_come_from_the_growth_per_session() -> None:
    memory = {
        "sessions": 10,
        "rss_idle_mib": 70.0,
        "rss_1_mib": 180.0,
        "rss_n_mib": 184.5,
        "mib_per_extra_session": 0.5,
    }
    (row,) = [r for r in build_rows({"memory": memory}) if r[0].strip() == "sessions per GiB"]
    assert row[1].startswith("2048 of session memory; one server in 1 GiB: 1689 ")
