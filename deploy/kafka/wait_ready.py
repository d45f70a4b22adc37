"""Block until a Kafka broker answers cluster-metadata requests.

Used by broker.sh: the broker only accepts client requests once it has
registered with the (co-located) KRaft controller and been unfenced, so a
metadata response listing at least one broker means producers, consumers and
topic creation will work.

Usage: wait_ready.py BOOTSTRAP --password-file FILE [--timeout SECONDS] [--pid PID]
                     [--cluster-id ID]
It signs in as the broker's own principal (SCRAM-SHA-512, password in FILE).
Exit status 0 when ready, 1 on timeout or if PID exits first. With
--cluster-id, a different broker answering on the same port does not count.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time

from kafka import KafkaAdminClient

POLL_INTERVAL_S = 0.25


def _alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            # A dead child of broker.sh stays a zombie ("Z") until the shell reaps it.
            return f.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def _probe(bootstrap: str, budget_ms: int, cluster_id: str | None, password: str) -> str | None:
    """Return None when ready, else why not."""
    admin = KafkaAdminClient(
        bootstrap_servers=bootstrap,
        client_id="qplatform-wait-ready",
        bootstrap_timeout_ms=budget_ms,
        request_timeout_ms=budget_ms,
        reconnect_backoff_ms=50,
        reconnect_backoff_max_ms=250,
        security_protocol="SASL_PLAINTEXT",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_plain_username="broker",
        sasl_plain_password=password,
    )
    try:
        cluster = admin.describe_cluster()
    finally:
        admin.close()
    if cluster_id and cluster.get("cluster_id") != cluster_id:
        return f"cluster id is {cluster.get('cluster_id')}, expected {cluster_id}"
    if not cluster.get("brokers"):
        return "metadata lists no live broker yet"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bootstrap", help="host:port of the broker")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds (default 90)")
    parser.add_argument("--pid", type=int, help="give up early if this process exits")
    parser.add_argument("--cluster-id", help="only accept a broker of this cluster")
    parser.add_argument("--password-file", required=True, help="the broker's own password")
    args = parser.parse_args()
    with open(args.password_file, encoding="ascii") as f:
        password = f.read().strip()

    # Connection refusals are expected while the broker boots; keep them quiet.
    logging.getLogger("kafka").setLevel(logging.CRITICAL)

    deadline = time.monotonic() + args.timeout
    last_error = "no attempt made"
    while True:
        if not _alive(args.pid):
            print(f"broker process {args.pid} exited", file=sys.stderr)
            return 1
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            print(f"broker at {args.bootstrap} not ready: {last_error}", file=sys.stderr)
            return 1
        try:
            budget_ms = int(min(2.0, remaining) * 1000)
            problem = _probe(args.bootstrap, budget_ms, args.cluster_id, password)
            if problem is None:
                return 0
            last_error = problem
        except Exception as exc:  # any failure just means "not yet"
            last_error = f"{type(exc).__name__}: {exc}"
        time.sleep(min(POLL_INTERVAL_S, max(0.0, deadline - time.monotonic())))


if __name__ == "__main__":
    sys.exit(main())
