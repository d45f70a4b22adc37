import os
import signal
from collections.abc import Iterator

import pytest

from tests.local.running import LocalRun, start_make_run


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRun]:
    """Run `make run` once for every test of a module, on ports of its own."""
    run = start_make_run(tmp_path_factory.mktemp("make-run"))
    try:
        yield run
    finally:
        started = run.processes()
        run.stop(signal.SIGTERM)
        for pid in run.processes() & started:
            os.kill(pid, signal.SIGKILL)
