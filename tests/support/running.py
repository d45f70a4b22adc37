"""Run a service's worker inside the test process, on the real broker."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from qplatform.worker import Worker


@contextmanager
def running(worker: Worker) -> Iterator[threading.Event]:
    """Run `worker` in a thread for the duration of the block, then stop it cleanly."""
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,), daemon=True)
    thread.start()
    try:
        yield stop
    finally:
        stop.set()
        thread.join(timeout=60)
        worker.runtime.close()
        if thread.is_alive():
            raise AssertionError("worker did not stop within 60s")
