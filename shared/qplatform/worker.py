"""The worker process of a service: outbox relay, event consumer and its own loops.

Run as `qp-worker SERVICE`; the service's `entrypoints/worker.py` says what runs.
"""

import importlib
import logging
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from kafka.errors import KafkaError
from prometheus_client import start_http_server

from qplatform.config import Settings
from qplatform.db.outages import is_database_outage
from qplatform.messaging.backoff import Backoff
from qplatform.messaging.consumer import EventConsumer
from qplatform.messaging.dead_letters import DeadLetterPublisher
from qplatform.messaging.handlers import Handler, HandlerKey, TombstoneHandler
from qplatform.messaging.producer import DeliveryError, EventProducer
from qplatform.messaging.relay import OutboxRelay
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import ensure_topics
from qplatform.runtime import Runtime
from qplatform.telemetry.logs import configure_logging
from qplatform.tracing import configure_tracing

log = logging.getLogger(__name__)

Loop = Callable[[threading.Event], None]


@dataclass
class Worker:
    """Everything one service runs in the background, each loop in its own thread."""

    runtime: Runtime[Any]
    handlers: Mapping[HandlerKey, Handler] = field(default_factory=dict)
    tombstone_handlers: Mapping[str, TombstoneHandler] = field(default_factory=dict)
    loops: Sequence[Loop] = ()

    failed: threading.Event = field(default_factory=threading.Event, init=False)

    def run(self, stop: threading.Event) -> None:
        """Run every loop until `stop` is set, then wait for all of them to finish."""
        threads = [self._spawn(loop, stop) for loop in self.loops]
        streaming = self.runtime.without_pre_ping()
        if self._declare_topics(stop):
            threads.append(self._spawn(self._relay_loop(streaming), stop))
            if self.handlers or self.tombstone_handlers:
                threads.append(self._spawn(self.consumer(stop, streaming).run, stop))
        stop.wait()
        for thread in threads:
            thread.join()
        streaming.close()

    def consumer(self, stop: threading.Event, runtime: Runtime[Any] | None = None) -> EventConsumer:
        """Build the consumer that runs this service's handlers (on `runtime`'s database)."""
        runtime = runtime or self.runtime
        settings = runtime.settings
        dead_letters = DeadLetterPublisher(
            service=settings.service,
            topic=settings.dead_letter_topic,
            stop=stop,
            producer=EventProducer(
                settings.kafka_bootstrap,
                client_id=f"{settings.service}-dlq",
                security=client_security(settings),
            ),
        )
        return EventConsumer(
            settings=settings,
            handlers=self.handlers,
            unit_of_work=runtime.unit_of_work,
            dead_letters=dead_letters,
            tombstone_handlers=self.tombstone_handlers,
        )

    def _relay_loop(self, runtime: Runtime[Any]) -> Loop:
        settings = runtime.settings
        producer = EventProducer(
            settings.kafka_bootstrap,
            client_id=f"{settings.service}-relay",
            security=client_security(settings),
        )
        relay = OutboxRelay(
            service=settings.service,
            engine=runtime.engine,
            tables=runtime.tables,
            producer=producer,
            batch_size=settings.relay_batch_size,
        )

        def relay_outbox(stop: threading.Event) -> None:
            relay.run(
                stop,
                idle_seconds=settings.idle_poll_seconds,
                retention=timedelta(hours=settings.outbox_retention_hours),
            )

        return relay_outbox

    def _declare_topics(self, stop: threading.Event) -> bool:
        backoff = Backoff(initial=0.5, maximum=5.0)
        while not stop.is_set():
            try:
                ensure_topics(self.runtime.settings)
                return True
            except Exception as error:
                if not _is_outage(error):
                    raise
                log.warning("cannot declare topics yet; will retry", extra={"error": str(error)})
                stop.wait(backoff.next())
        return False

    def _spawn(self, loop: Loop, stop: threading.Event) -> threading.Thread:
        thread = threading.Thread(
            target=_guarded, args=(loop, stop, self.failed), daemon=True, name=_name(loop)
        )
        thread.start()
        return thread


def _guarded(loop: Loop, stop: threading.Event, failed: threading.Event) -> None:
    """Run `loop`, again after any broker or database outage; stop the worker on anything else.

    A loop that meets an outage it did not handle itself waits and starts over, so no
    restart of the broker or the database takes a worker down. Any other error is a fault
    in the code: the worker stops and exits non-zero, so its supervisor restarts it.
    """
    backoff = Backoff(initial=0.5, maximum=5.0)
    while not stop.is_set():
        try:
            loop(stop)
            return
        except Exception as error:
            if stop.is_set():
                return
            if not _is_outage(error):
                log.exception("a worker loop failed; stopping the worker so it is restarted")
                failed.set()
                stop.set()
                return
            log.warning(
                "a worker loop met an outage; starting it again",
                extra={"loop": _name(loop), "error": str(error)},
            )
            stop.wait(backoff.next())


def _is_outage(error: BaseException) -> bool:
    return isinstance(error, KafkaError | DeliveryError) or is_database_outage(error)


def _name(loop: Loop) -> str:
    return str(getattr(loop, "__qualname__", "loop"))


def main(argv: Sequence[str] | None = None) -> None:
    """Run the worker of the service named on the command line until SIGTERM or Ctrl-C."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        sys.exit("usage: qp-worker SERVICE")
    service = args[0]
    # Listen for SIGTERM first: a worker stopped while still starting stops cleanly too.
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    settings = Settings.from_env(service)
    configure_logging(service, settings.log_level)
    configure_tracing(service, "worker")
    module = importlib.import_module(f"{service}.entrypoints.worker")
    worker: Worker = module.build_worker(settings)
    if settings.worker_metrics_port:
        start_http_server(settings.worker_metrics_port, addr=settings.worker_metrics_host)
    log.info("worker started")
    worker.run(stop)
    worker.runtime.close()
    if worker.failed.is_set():
        log.error("worker stopped after a failure")
        sys.exit(1)
    log.info("worker stopped")
