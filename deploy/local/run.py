"""Run the whole platform on this machine: broker, mail catcher, each service's processes,
and the nginx gateway in front of them.

`make run` starts it. A process that exits is started again, with backoff. Ctrl-C, or
SIGINT, SIGTERM, SIGHUP or SIGQUIT to this process or to the `make` that started it,
stops everything and leaves no process behind.
"""

import importlib.util
import signal
import sys
import time
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The repository root is not on the path by default.
sys.path.insert(0, str(ROOT))

from deploy.local.layout import Layout, jaeger_built  # noqa: E402
from deploy.local.parent import ParentWatch  # noqa: E402
from deploy.local.supervisor import Child, Supervisor  # noqa: E402
from deploy.nginx import render  # noqa: E402
from qplatform.services import SERVICES  # noqa: E402

BIN = Path(sys.executable).parent
GUNICORN = [str(BIN / "gunicorn"), "-c", "python:qplatform.web.gunicorn_conf"]
# The website (frontend/) is served at the gateway's root once it is installed.
WEBSITE_APP = "website:create_app()"
BROKER = ROOT / "deploy" / "kafka" / "broker.sh"
JAEGER = ROOT / "deploy" / "jaeger" / "jaeger.sh"
# What jaeger.sh fetch exits with when Go is not installed.
NO_GO = 3
TICK = 0.2
# How often a start that takes long says what it still waits for.
WAITING_NOTE_SECONDS = 15.0


class StopRequest:
    """Becomes true on SIGINT, SIGTERM, SIGHUP or SIGQUIT, or when the parent (make) goes away."""

    def __init__(self) -> None:
        self._signalled = False
        self._parent = ParentWatch()
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, *_: object) -> None:
        self._signalled = True

    def __bool__(self) -> bool:
        return self._signalled or self._parent.stopping()


def main() -> int:
    """Start everything, say where it answers once it does, and stop it all when asked."""
    layout = Layout.from_env()
    stop = StopRequest()
    if not Path(layout.nginx).is_file():
        return fail(f"nginx is not at {layout.nginx}: apt-get install nginx, or set QP_LOCAL_NGINX")
    supervisor = Supervisor(say)
    say(f"Starting Q Platform; each process writes its log to {layout.logs}/<name>.log")
    try:
        layout = start_jaeger(supervisor, layout, stop)
        failed = None if stop else start(supervisor, layout, stop)
        if failed is None:
            say("Waiting for the gateway and every service's /readyz to answer...")
            supervise(supervisor, layout, stop)
        return failed or 0
    finally:
        say("Stopping...")
        supervisor.stop()
        run_step([str(BROKER), "stop"], layout.logs / "kafka.log", None, layout.broker_env())
        say("Stopped.")


def start(supervisor: Supervisor, layout: Layout, stop: StopRequest) -> int | None:
    """Start every process in order; return an exit status if that ended early, else None."""
    logs = layout.logs
    say(f"  kafka          starting a broker on {layout.kafka_bootstrap}")
    if not run_step([str(BROKER), "start"], logs / "kafka.log", stop, layout.broker_env()):
        return 0 if stop else fail("the broker did not start", logs / "kafka.log")
    say(f"  mail catcher   smtp://127.0.0.1:{layout.smtp_port}")
    supervisor.start(Child("mail", mail_catcher(layout), logs / "mail.log", cwd=ROOT))
    say(f"  migrations     {', '.join(SERVICES)}, side by side")
    failed = run_steps([migration(service, layout) for service in SERVICES], stop)
    if stop or failed:
        return 0 if stop else fail("a migration failed", failed[0].log)
    for service in SERVICES:
        say(f"  {service:<14} web :{layout.web_port(service)} and worker")
        for child in service_children(service, layout):
            supervisor.start(child)
    if website_installed():
        say(f"  website        web :{layout.website_port}")
        website = [*GUNICORN, WEBSITE_APP]
        log = logs / "website.log"
        supervisor.start(Child("website", website, log, layout.website_env(), ROOT))
    say(f"  gateway        {layout.gateway_url}")
    supervisor.start(Child("gateway", gateway_command(layout), logs / "gateway.log", cwd=ROOT))
    return None


def start_jaeger(supervisor: Supervisor, layout: Layout, stop: StopRequest) -> Layout:
    """Build and start the local Jaeger if it may run; return the layout, without it if not."""
    if layout.jaeger == "off":
        return layout
    if layout.jaeger == "auto" and not jaeger_built():
        # Building takes minutes: the first run of a fresh checkout should not wait for it.
        say("  jaeger         not built: `QP_LOCAL_JAEGER=on make run` builds it once from its")
        say("                 Go module (it takes minutes), and every run after starts it")
        return replace(layout, jaeger="off")
    log = layout.logs / "jaeger.log"
    fetch = Child("jaeger-fetch", [str(JAEGER), "fetch"], log, layout.jaeger_env(), ROOT)
    say("  jaeger         building from its Go module if needed (the first time takes minutes)")
    failed = run_steps([fetch], stop)
    if failed:
        reason = "Go is not installed" if fetch.exited() == NO_GO else f"see {log}"
        say(f"  jaeger         not started ({reason}); the services trace nothing")
        return replace(layout, jaeger="off")
    say(f"  jaeger         traces at {layout.jaeger_url}")
    supervisor.start(Child("jaeger", [str(JAEGER), "run"], log, layout.jaeger_env(), ROOT))
    return layout


def website_installed() -> bool:
    return importlib.util.find_spec("website") is not None


def say(line: str) -> None:
    print(line, flush=True)


def fail(message: str, log: Path | None = None) -> int:
    say(f"\n{message}.")
    if log is not None:
        say(f"Last lines of {log}:")
        for line in log.read_text(errors="replace").splitlines()[-20:]:
            say(f"    {line}")
    return 1


def run_step(
    command: list[str], log: Path, stop: StopRequest | None, env: dict[str, str] | None = None
) -> bool:
    """Run a command to its end, its output to `log`; return whether it succeeded.

    When a stop is requested meanwhile, the command is ended and this returns False.
    """
    return not run_steps([Child(log.stem, command, log, env, ROOT)], stop)


def run_steps(steps: list[Child], stop: StopRequest | None) -> list[Child]:
    """Run commands side by side to their end; return those that failed or were stopped."""
    for step in steps:
        step.start()
    while any(step.running for step in steps):
        if stop:
            for step in steps:
                step.signal_group(signal.SIGTERM)
            for step in steps:
                assert step.popen is not None
                step.popen.wait()
            return steps
        time.sleep(TICK)
    return [step for step in steps if step.exited() != 0]


def migration(service: str, layout: Layout) -> Child:
    command = [str(BIN / "qp-migrate"), service]
    log = layout.logs / f"{service}-migrate.log"
    return Child(f"{service}-migrate", command, log, layout.service_env(service), ROOT)


def service_children(service: str, layout: Layout) -> list[Child]:
    web = [*GUNICORN, f"{service}.entrypoints.web:create_app()"]
    worker = [str(BIN / "qp-worker"), service]
    env, logs = layout.service_env(service), layout.logs
    return [
        Child(f"{service}-web", web, logs / f"{service}-web.log", env, ROOT),
        Child(f"{service}-worker", worker, logs / f"{service}-worker.log", env, ROOT),
    ]


def gateway_command(layout: Layout) -> list[str]:
    """Render the gateway's config in front of the local web ports; return how to run nginx."""
    run_dir = layout.run_dir / "nginx"
    (run_dir / "logs").mkdir(parents=True, exist_ok=True)
    ports = {service: layout.web_port(service) for service in SERVICES}
    website = f"127.0.0.1:{layout.website_port}" if website_installed() else None
    gateway = render.local(
        ports, run_dir, layout.gateway, cors_origins=layout.cors_origins, website=website
    )
    conf = run_dir / "nginx.conf"
    conf.write_text(render.render(gateway))
    return [layout.nginx, "-p", str(run_dir), "-c", str(conf)]


def mail_catcher(layout: Layout) -> list[str]:
    mailbox = layout.run_dir / "mail"
    for sub in ("cur", "new", "tmp"):
        (mailbox / sub).mkdir(parents=True, exist_ok=True)
    handler = ["-c", "aiosmtpd.handlers.Mailbox", str(mailbox)]
    return [str(BIN / "aiosmtpd"), "-n", "-l", f"127.0.0.1:{layout.smtp_port}", *handler]


def supervise(supervisor: Supervisor, layout: Layout, stop: StopRequest) -> None:
    """Restart what exits until a stop is requested; announce the platform once it answers."""
    announced = False
    noted = time.monotonic()
    while not stop:
        supervisor.tend()
        if not announced:
            waiting = not_answering(layout)
            if not waiting:
                announce(layout)
                announced = True
            elif time.monotonic() - noted > WAITING_NOTE_SECONDS:
                say(f"  still waiting for {', '.join(waiting)}")
                noted = time.monotonic()
        time.sleep(TICK)


def not_answering(layout: Layout) -> list[str]:
    """Return the gateway and the services that do not yet answer through it."""
    base = layout.gateway_url
    if not answers(f"{base}/healthz"):
        return ["gateway", *SERVICES]
    return [service for service in SERVICES if not answers(f"{base}/{service}/readyz")]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def announce(layout: Layout) -> None:
    gateway = layout.gateway_url
    lines = [
        "",
        f"Q Platform is running behind the gateway {gateway}",
        *([f"  website        {gateway}/"] if website_installed() else []),
        f"  API docs       {gateway}/docs  (each service's at {gateway}/<service>/docs)",
    ]
    for service in SERVICES:
        url = f"http://127.0.0.1:{layout.web_port(service)}"
        metrics = f"http://127.0.0.1:{layout.metrics_port(service)}/metrics"
        lines.append(f"  {service:<14} {url}  (worker metrics {metrics})")
    mailbox = layout.run_dir / "mail" / "new"
    lines += [
        f"  mail catcher   smtp://127.0.0.1:{layout.smtp_port}  (mail in {mailbox})",
        f"  kafka          {layout.kafka_bootstrap}",
        *([f"  traces         {layout.jaeger_url}  (Jaeger)"] if layout.jaeger != "off" else []),
        f"  mail links     {layout.site_url}",
        f"  logs           {layout.logs}",
        "Walk through it: deploy/local/walkthrough.sh",
        "First staff account (then run Q from the website's console):",
        "  deploy/local/first-staff.sh 'Your Name' you@example.org scotland",
        "Press Ctrl-C to stop.",
        "",
    ]
    say("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
