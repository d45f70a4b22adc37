"""Keep the garbage collector's full passes short in a worker that has finished starting."""

import gc
import os
import threading

_lock = threading.Lock()
_settled_pid: int | None = None


def settle_startup_objects() -> None:
    """Collect once, then exempt every object alive now from later collections; once per process.

    A worker holds a hundred thousand objects from its start (modules, schemas, compiled
    statements, clients) that live as long as it does. The collector's full pass walks
    them all, and it pauses whichever thread is running, an event's handling included,
    for tens of milliseconds; frozen, they are left out of every later pass.
    """
    global _settled_pid
    with _lock:
        if _settled_pid == os.getpid():
            return
        gc.collect()
        gc.freeze()
        _settled_pid = os.getpid()
