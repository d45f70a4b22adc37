"""Drain a burst of queued mail through the real dispatcher and time how fast it leaves.

A burst of approvals queues a welcome mail per new member faster than mail can leave;
the dispatcher should then send at the configured rate (`QP_MAIL_RATE_PER_SECOND`), no
slower. This queues `--mails` welcome mails in a fresh SQLite database (as `make run`
keeps them), starts the same aiosmtpd mail catcher as `make run` in its own process, runs
the worker's mail loop and prints the drain rate and how long each mail waited.

Run: `.venv/bin/python bench/mail_burst.py [--mails 300] [--rate 10] [--senders 4]
[--fresh-connections] [--postgres]`; with `--postgres` it works in its own database on the
test cluster (`deploy/postgres/cluster.sh start`, port QP_TEST_POSTGRES_PORT).
`--senders 1 --fresh-connections` is how the sender worked before (one sender, a
connection per mail): the baseline to compare with.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg
from sqlalchemy import select

from notifications.adapters.mailer import Mailer, SealedMail
from notifications.adapters.repositories.mail import Messages
from notifications.bootstrap import bootstrap, build_dispatcher
from notifications.config import MailConfig
from notifications.domain.model import Contact, Message, MessageState
from notifications.service_layer.handlers import welcome_member
from qplatform.config import Settings
from qplatform.db.migrate import upgrade
from qplatform.events import CATALOG, Envelope
from qplatform.messaging.handlers import ReceivedEvent
from qplatform.runtime import Runtime

PG_PORT = int(os.environ.get("QP_TEST_POSTGRES_PORT", "15433"))
PG_DATABASE = "notifications_mail_bench"


def free_port() -> int:
    """Return a loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_catcher(port: int, mailbox: Path) -> subprocess.Popen[bytes]:
    """Start the mail catcher `make run` uses, in its own process."""
    for sub in ("cur", "new", "tmp"):
        (mailbox / sub).mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}"]
    catcher = subprocess.Popen([*command, "-c", "aiosmtpd.handlers.Mailbox", str(mailbox)])
    time.sleep(1.0)
    return catcher


def queue_welcomes(runtime: Runtime, count: int) -> None:
    """Queue a welcome mail for `count` new members, each with an address."""
    spec = CATALOG.spec("member-joined", 1)
    with runtime.unit_of_work() as uow:
        for n in range(count):
            member_id = str(uuid.uuid4())
            data = {
                "member_id": member_id,
                "display_name": f"Member {n}",
                "organisation": "NHS Trust",
                "job_title": "Improvement Lead",
                "region": "scotland",
                "joined_at": "2026-12-01T09:00:00+00:00",
            }
            envelope = Envelope.new(
                type="member-joined",
                version=1,
                source="membership",
                subject=member_id,
                correlation_id="bench",
                data=data,
            )
            welcome_member(uow, ReceivedEvent(envelope, spec.deserialise(data)))
            email = f"member{n}@example.org"
            uow.session.add(Contact(member_id=member_id, email=email, display_name=f"M {n}"))
        uow.commit()


def hang_up_after_each(mailer: Mailer) -> None:
    """Make `mailer` open a connection per mail, as the sender did before."""
    send = mailer.send

    def send_and_hang_up(mail: SealedMail) -> None:
        send(mail)
        mailer.close()

    mailer.send = send_and_hang_up  # type: ignore[method-assign]


def sent(runtime: Runtime) -> list[Message]:
    with runtime.unit_of_work() as uow:
        query = select(Message).where(Message.state == MessageState.SENT)
        return list(uow.session.scalars(query))


def sent_count(runtime: Runtime) -> int:
    with runtime.unit_of_work() as uow:
        return Messages(uow.session).count_in_state(MessageState.SENT)


def postgres_database() -> str:
    """Create an empty bench database owned by notifications on the test cluster."""
    admin = f"host=127.0.0.1 port={PG_PORT} user=postgres dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {PG_DATABASE} OWNER notifications")
    return f"postgresql+psycopg://notifications:notifications@127.0.0.1:{PG_PORT}/{PG_DATABASE}"


def run(mails: int, rate: float, senders: int, fresh_connections: bool, postgres: bool) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="mail-burst-"))
    port = free_port()
    catcher = start_catcher(port, workdir / "mail")
    database_url = postgres_database() if postgres else f"sqlite:///{workdir / 'notifications.db'}"
    upgrade("notifications", database_url)
    settings = Settings.from_env(
        "notifications",
        database_url=database_url,
        smtp_port=port,
        extra={"mail_rate_per_second": rate, "mail_senders": senders},
    )
    runtime = bootstrap(settings)
    queue_welcomes(runtime, mails)
    dispatcher = build_dispatcher(runtime)
    if fresh_connections:
        for delivery in dispatcher._deliveries:
            hang_up_after_each(delivery.mailer)
    stop = threading.Event()
    loop = threading.Thread(target=dispatcher.run, args=(stop,))
    started = time.perf_counter()
    loop.start()
    try:
        while sent_count(runtime) < mails and time.perf_counter() - started < mails:
            time.sleep(0.2)
    finally:
        elapsed = time.perf_counter() - started
        stop.set()
        loop.join()
        catcher.terminate()
        catcher.wait()
    done = sent(runtime)
    runtime.close()
    waits = sorted((m.sent_at - m.created_at).total_seconds() for m in done if m.sent_at)
    times = sorted(m.sent_at for m in done if m.sent_at)
    span = (times[-1] - times[0]).total_seconds()
    delivered = len(list((workdir / "mail" / "new").iterdir()))
    kind = "fresh" if fresh_connections else "kept"
    where = "PostgreSQL" if postgres else "SQLite"
    print(f"{where}: mails {mails}  limit {rate:g}/s  senders {senders}  connections {kind}")
    print(f"drained in {elapsed:.1f} s: {mails / elapsed:.1f} mails/s  (catcher holds {delivered})")
    print(f"first to last mail: {span:.1f} s, {(len(times) - 1) / span:.1f} mails/s")
    print(
        f"wait from queueing to sent: p50 {statistics.median(waits):.1f} s, "
        f"p95 {waits[int(len(waits) * 0.95) - 1]:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=300)
    parser.add_argument("--rate", type=float, default=10.0)
    parser.add_argument("--senders", type=int, default=MailConfig().mail_senders)
    parser.add_argument("--fresh-connections", action="store_true")
    parser.add_argument("--postgres", action="store_true", help="on the test PostgreSQL")
    args = parser.parse_args()
    run(args.mails, args.rate, args.senders, args.fresh_connections, args.postgres)


if __name__ == "__main__":
    main()
