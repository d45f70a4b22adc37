"""A signal to make's own pid, as a script or supervisor sends it, stops all of `make run`."""

import os
import signal
from pathlib import Path

import pytest

from tests.local.running import BANNER, start_make_run
from tests.support.servers import port_open
from tests.support.waiting import wait_until

# `make run` starts its own Kafka broker (its databases are SQLite files).
pytestmark = pytest.mark.kafka


@pytest.mark.parametrize(
    ("signum", "when"),
    [
        (signal.SIGINT, BANNER),
        (signal.SIGTERM, BANNER),
        (signal.SIGTERM, "migrations"),
    ],
    ids=["sigint-once-running", "sigterm-once-running", "sigterm-while-starting"],
)
def test_a_signal_to_make_stops_every_process_it_started(
    tmp_path: Path, signum: signal.Signals, when: str
) -> None:
    run = start_make_run(tmp_path)
    started: set[int] = set()
    try:
        run.wait_for(when)
        started = run.processes()
        assert len(started) >= 3, "make, the runner and the broker at least"
        run.stop(signum)
        wait_until(lambda: not run.processes() & started, timeout=60, message="all to end")
        assert "Stopped." in run.output
        listened = [run.env["QP_LOCAL_GATEWAY"].split(":")[1], run.env["KAFKA_PORT"]]
        assert not [port for port in listened if port_open(int(port))]
    finally:
        for pid in run.processes() & started:
            os.kill(pid, signal.SIGKILL)
