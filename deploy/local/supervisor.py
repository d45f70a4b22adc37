"""Keep the platform's processes up: restart one that exits, with backoff, and say so."""

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FIRST_DELAY = 1.0
LONGEST_DELAY = 30.0
# A process that ran this long before exiting starts again without waiting.
STEADY_SECONDS = 60.0

Say = Callable[[str], None]


@dataclass
class Child:
    """One long-running process, its command, and what it writes to its log."""

    name: str
    command: list[str]
    log: Path
    env: dict[str, str] | None = None
    cwd: Path | None = None
    popen: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    quick_exits: int = 0
    restart_at: float | None = None

    def start(self) -> None:
        """Start the process in its own group, so stopping it takes its children too."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                self.command,
                env=self.env,
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started_at = time.monotonic()
        self.restart_at = None

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def exited(self) -> int | None:
        """Return the exit status once the process has exited and no restart is planned."""
        if self.popen is None or self.restart_at is not None:
            return None
        return self.popen.poll()

    def plan_restart(self, now: float) -> float:
        """Plan the next start, later the more often the process exited soon after starting."""
        if now - self.started_at < STEADY_SECONDS:
            self.quick_exits += 1
        else:
            self.quick_exits = 0
        delay = min(FIRST_DELAY * 2 ** max(self.quick_exits - 1, 0), LONGEST_DELAY)
        if self.quick_exits == 0:
            delay = 0.0
        self.restart_at = now + delay
        return delay

    def last_lines(self, count: int = 5) -> list[str]:
        try:
            lines = self.log.read_text(errors="replace").splitlines()
        except OSError:
            return []
        return lines[-count:]

    def signal_group(self, signum: int) -> None:
        # The group outlives its leader while any member lives (gunicorn's workers, say).
        if self.popen is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.popen.pid, signum)


@dataclass
class Supervisor:
    """The children of one platform, restarted when they exit until stop() is called."""

    say: Say
    children: list[Child] = field(default_factory=list)

    def start(self, child: Child) -> None:
        self.children.append(child)
        child.start()

    def tend(self) -> None:
        """Notice children that exited, plan their restart, and start those that are due."""
        now = time.monotonic()
        for child in self.children:
            status = child.exited()
            if status is not None:
                delay = child.plan_restart(now)
                self._report_exit(child, status, delay)
            elif child.restart_at is not None and now >= child.restart_at:
                child.start()
                self.say(f"{child.name} started again")

    def _report_exit(self, child: Child, status: int, delay: float) -> None:
        how = f"was killed by signal {-status}" if status < 0 else f"exited with status {status}"
        self.say(f"{child.name} {how}; restarting it in {delay:.0f} s (log {child.log})")
        for line in child.last_lines():
            self.say(f"    {line[:200]}")

    def stop(self, grace: float = 15.0) -> None:
        """Stop every child: SIGTERM to each group, then SIGKILL to whatever outlives `grace`."""
        for child in self.children:
            child.restart_at = None
            child.signal_group(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for child in self.children:
            if child.popen is None:
                continue
            try:
                child.popen.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                child.signal_group(signal.SIGKILL)
                child.popen.wait()
