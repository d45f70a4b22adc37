"""Gunicorn settings of every web process: `gunicorn -c python:qplatform.web.gunicorn_conf`.

Metrics from several worker processes meet in PROMETHEUS_MULTIPROC_DIR; the variable must
be set before prometheus_client is first imported, hence this file sets it first.
"""

import os
import shutil
import tempfile

os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="qp-metrics-"))

from prometheus_client import multiprocess

bind = os.environ.get("QP_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("QP_WEB_WORKERS", "2"))
accesslog = None
graceful_timeout = 10
# Several services run side by side on one host; a shared control socket would clash.
control_socket_disable = True


def on_starting(server: object) -> None:
    """Start each run with no samples left from a previous one."""
    directory = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory, exist_ok=True)


def child_exit(server: object, worker: object) -> None:
    """Drop a dead worker's live gauges from the totals."""
    multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
