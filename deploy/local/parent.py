"""Tell when the process that started us is going away, so `make run` stops with it.

A script or supervisor signals make's own pid, not its process group. GNU make passes
SIGTERM on to its children but not SIGINT or SIGHUP: for those it only stops catching the
signal and waits for its children to end, which a long-running child never would. So we
watch the parent: it is going away when it is gone, or when make stops catching a signal
it caught when we started.
"""

import os
import signal

STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)


class ParentWatch:
    """Remember our parent as it is now, to notice later that it is stopping."""

    def __init__(self) -> None:
        self.pid = os.getppid()
        self.is_make = _command(self.pid) == "make"
        self.caught = _caught_signals(self.pid) if self.is_make else set()

    def stopping(self) -> bool:
        """Return whether the parent has gone, or is make and is on its way out."""
        if os.getppid() != self.pid:
            return True
        if not self.is_make:
            return False
        watched = self.caught & set(STOPPING_SIGNALS)
        return not watched <= _caught_signals(self.pid)


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8") as comm:
            return comm.read().strip()
    except OSError:
        return ""


def _caught_signals(pid: int) -> set[int]:
    """Return the signals `pid` has handlers for (SigCgt in /proc/<pid>/status)."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            line = next(line for line in status if line.startswith("SigCgt:"))
    except (OSError, StopIteration):
        return set()
    mask = int(line.split()[1], 16)
    return {number + 1 for number in range(64) if mask >> number & 1}
