"""`make run` as a newcomer starts it: a real subprocess on ports of its own, and its output."""

import os
import signal
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

from deploy.local.layout import jaeger_built
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
BANNER = "Q Platform is running behind the gateway"


def free_ports(count: int) -> int:
    """Return the first of `count` consecutive loopback ports nobody listens on right now."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = int(probe.getsockname()[1])
        if first + count < 65536 and all(_free(first + i) for i in range(count)):
            return first


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@dataclass
class LocalRun:
    """One `make run` in a folder of its own, and the ports it was given."""

    run_dir: Path
    env: dict[str, str]
    popen: subprocess.Popen[bytes]

    @property
    def gateway(self) -> str:
        return f"http://{self.env['QP_LOCAL_GATEWAY']}"

    @property
    def output(self) -> str:
        return (self.run_dir / "make-run.out").read_text(errors="replace")

    def wait_for(self, text: str, timeout: float = 300) -> None:
        """Wait until `make run` has printed `text`; fail at once if it ended."""
        wait_until(
            lambda: text in self.output or self.popen.poll() is not None,
            timeout=timeout,
            interval=0.2,
            message=f"make run to print {text!r}",
        )
        assert text in self.output, self.output

    def processes(self) -> set[int]:
        """Return every live process make started, with the broker (which leaves its session)."""
        found = descendants(self.popen.pid) | {self.popen.pid}
        broker_pid = self.run_dir / "kafka" / "broker.pid"
        if broker_pid.exists():
            found.add(int(broker_pid.read_text()))
        return {pid for pid in found if alive(pid)}

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 120) -> None:
        """Signal make's own pid, as a supervisor would, and wait for make to end."""
        if self.popen.poll() is None:
            self.popen.send_signal(signum)
            self.popen.wait(timeout=timeout)


def start_make_run(run_dir: Path) -> LocalRun:
    """Start `make run` on free ports, its output in run_dir/make-run.out."""
    run_dir.mkdir(parents=True, exist_ok=True)
    web, metrics, smtp, gateway, kafka, jaeger = (free_ports(n) for n in (4, 4, 1, 1, 2, 4))
    env = {
        **os.environ,
        "QP_LOCAL_RUN_DIR": str(run_dir),
        "QP_LOCAL_WEB_PORT_BASE": str(web),
        "QP_LOCAL_METRICS_PORT_BASE": str(metrics),
        "QP_SMTP_PORT": str(smtp),
        "QP_LOCAL_GATEWAY": f"127.0.0.1:{gateway}",
        "KAFKA_PORT": str(kafka),
        # Jaeger's query and health ports are the UI's neighbours; building it takes minutes,
        # so the run has it only once `deploy/jaeger/jaeger.sh fetch` built it.
        "QP_LOCAL_JAEGER": "auto" if jaeger_built() else "off",
        "QP_LOCAL_JAEGER_UI_PORT": str(jaeger + 1),
        "QP_LOCAL_JAEGER_OTLP_PORT": str(jaeger + 3),
    }
    for inherited in ("KAFKA_CONTROLLER_PORT", "KAFKA_DATA_DIR", "QP_DATA_DIR", "QP_SITE_URL"):
        env.pop(inherited, None)
    with (run_dir / "make-run.out").open("wb") as out:
        popen = subprocess.Popen(
            ["make", "--no-print-directory", "run"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return LocalRun(run_dir, env, popen)


def descendants(pid: int) -> set[int]:
    """Return the pids of every live descendant of `pid`."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = _parent(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _parent(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def alive(pid: int) -> bool:
    """Tell whether `pid` runs (a zombie, already ended, does not count)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def command_line(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().split("\0")
    except OSError:
        return []
