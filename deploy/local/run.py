"""Run the whole platform on this machine: broker, mail catcher, each service's processes,
and the nginx gateway in front of them.

`make run` starts it; Ctrl-C stops everything and leaves no process behind.
"""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from deploy.nginx import render  # noqa: E402  (the repository root is not on the path by default)

BIN = Path(sys.executable).parent
RUN_DIR = ROOT / ".run"
SERVICES = ("membership", "events", "matching", "notifications")
WEB_PORT_BASE = int(os.environ.get("QP_LOCAL_WEB_PORT_BASE", "8001"))
WORKER_METRICS_PORT_BASE = int(os.environ.get("QP_LOCAL_METRICS_PORT_BASE", "9101"))
SMTP_PORT = os.environ.get("QP_SMTP_PORT", "8025")
GATEWAY = os.environ.get("QP_LOCAL_GATEWAY", "127.0.0.1:8080")
CORS_ORIGINS = os.environ.get("QP_LOCAL_CORS_ORIGINS", "http://localhost:3000").split()
NGINX = os.environ.get("QP_LOCAL_NGINX", "/usr/sbin/nginx")
WEBSITE_COMMAND = [
    str(BIN / "gunicorn"),
    "-c",
    "python:qplatform.web.gunicorn_conf",
    "website:create_app()",
]


@dataclass
class Process:
    name: str
    popen: subprocess.Popen[bytes]


def main() -> None:
    """Start everything, report where it answers, and stop it all on Ctrl-C or SIGTERM."""
    if not Path(NGINX).is_file():
        sys.exit(f"nginx is not at {NGINX}: `apt-get install nginx`, or set QP_LOCAL_NGINX")
    subprocess.run([str(ROOT / "deploy/kafka/broker.sh"), "start"], check=True)
    processes: list[Process] = []
    try:
        processes.append(start("mail", mail_catcher()))
        for index, service in enumerate(SERVICES):
            env = service_env(service, index)
            subprocess.run([str(BIN / "qp-migrate"), service], env=env, check=True)
            processes.append(start(f"{service}-web", web_command(service, index), env))
            processes.append(start(f"{service}-worker", [str(BIN / "qp-worker"), service], env))
        website_env = {
            **service_env("website", len(SERVICES)),
            "QP_GATEWAY_URL": f"http://{GATEWAY}",
        }
        processes.append(start("website", WEBSITE_COMMAND, website_env))
        processes.append(start("gateway", gateway_command()))
        announce()
        wait_for_signal(processes)
    finally:
        stop_all(processes)
        subprocess.run([str(ROOT / "deploy/kafka/broker.sh"), "stop"], check=False)


def service_env(service: str, index: int) -> dict[str, str]:
    return {
        **os.environ,
        "QP_DATA_DIR": os.environ.get("QP_DATA_DIR", str(RUN_DIR / "data")),
        "QP_SMTP_PORT": SMTP_PORT,
        "QP_WORKER_METRICS_PORT": str(WORKER_METRICS_PORT_BASE + index),
        "QP_BIND": f"127.0.0.1:{WEB_PORT_BASE + index}",
        "PROMETHEUS_MULTIPROC_DIR": str(RUN_DIR / "metrics" / service),
    }


def web_command(service: str, index: int) -> list[str]:
    return [
        str(BIN / "gunicorn"),
        "-c",
        "python:qplatform.web.gunicorn_conf",
        f"{service}.entrypoints.web:create_app()",
    ]


def gateway_command() -> list[str]:
    """Render the gateway's config in front of the local web ports; return how to run nginx."""
    run_dir = RUN_DIR / "nginx"
    (run_dir / "logs").mkdir(parents=True, exist_ok=True)
    ports = {service: WEB_PORT_BASE + index for index, service in enumerate(SERVICES)}
    website = f"127.0.0.1:{WEB_PORT_BASE + len(SERVICES)}"
    gateway = render.local(
        ports, run_dir, GATEWAY, cors_origins=tuple(CORS_ORIGINS), website=website
    )
    conf = run_dir / "nginx.conf"
    conf.write_text(render.render(gateway))
    return [NGINX, "-p", str(run_dir), "-c", str(conf)]


def mail_catcher() -> list[str]:
    mailbox = RUN_DIR / "mail"
    for sub in ("cur", "new", "tmp"):
        (mailbox / sub).mkdir(parents=True, exist_ok=True)
    return [
        str(BIN / "aiosmtpd"),
        "-n",
        "-l",
        f"127.0.0.1:{SMTP_PORT}",
        "-c",
        "aiosmtpd.handlers.Mailbox",
        str(mailbox),
    ]


def start(name: str, command: list[str], env: dict[str, str] | None = None) -> Process:
    # Each child leads its own process group, so stopping it takes its children too.
    popen = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    return Process(name, popen)


def announce() -> None:
    print(f"\nQ Platform is running behind the gateway http://{GATEWAY}")
    print(f"  website        http://{GATEWAY}/  (gunicorn on port {WEB_PORT_BASE + len(SERVICES)})")
    print(f"  API docs       http://{GATEWAY}/docs  (each service under /<service>/)")
    print(f"  gateway logs   {RUN_DIR / 'nginx'}")
    for index, service in enumerate(SERVICES):
        url = f"http://127.0.0.1:{WEB_PORT_BASE + index}"
        print(f"  {service:<14} {url}  (docs {url}/docs, metrics {url}/metrics)")
    print(f"  mail catcher   smtp://127.0.0.1:{SMTP_PORT}  (mailbox {RUN_DIR / 'mail'})")
    print("  kafka          127.0.0.1:9092\nPress Ctrl-C to stop.\n", flush=True)


def wait_for_signal(processes: list[Process]) -> None:
    stopping = False

    def request_stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    while not stopping:
        for process in processes:
            if process.popen.poll() is not None:
                print(f"{process.name} exited with {process.popen.returncode}; stopping.")
                return
        time.sleep(0.5)


def stop_all(processes: list[Process], grace: float = 15.0) -> None:
    for process in processes:
        if process.popen.poll() is None:
            os.killpg(process.popen.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.popen.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            os.killpg(process.popen.pid, signal.SIGKILL)
            process.popen.wait()


if __name__ == "__main__":
    main()
