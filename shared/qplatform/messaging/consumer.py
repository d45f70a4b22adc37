"""The consumer runner: read a service's topics in its group, commit what it handled.

What becomes of each record (the batch, the fallback, retries, parking) is in
`qplatform.messaging.handling`; this module owns the client, the partitions and the loop.
"""

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

from kafka import KafkaConsumer
from kafka.errors import KafkaError

from qplatform.config import Settings
from qplatform.db.outages import is_database_outage
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.events import CATALOG, Catalog
from qplatform.messaging.backoff import Backoff
from qplatform.messaging.collector import settle_startup_objects
from qplatform.messaging.dead_letters import DeadLetterPublisher, RawRecord
from qplatform.messaging.early_events import EarlyEvents
from qplatform.messaging.handlers import Handler, HandlerKey, TombstoneHandler
from qplatform.messaging.handling import EventHandling
from qplatform.messaging.partitions import PartitionProgress
from qplatform.messaging.security import client_security
from qplatform.messaging.topics import replay_topic

log = logging.getLogger(__name__)


# How every consumer of the platform reads: offsets committed by the consumer once the
# events are handled, from the start of a topic for a new group, up to 100 records a poll.
CONSUMER_SETTINGS: dict[str, Any] = {
    "enable_auto_commit": False,
    "auto_offset_reset": "earliest",
    "max_poll_records": 100,
    # A crashed worker's partitions move to a live one within seconds, not the 45 s
    # default, at the cost of a heartbeat every 3 s.
    "session_timeout_ms": 10_000,
    "heartbeat_interval_ms": 3_000,
    # Partitions an operator adds are picked up within 30 s, not 5 minutes.
    "metadata_max_age_ms": 30_000,
}


class EventConsumer:
    """Run a service's handlers over the topics they need, in the service's consumer group.

    A handler's effects and the event's id commit in one transaction (the inbox), and the
    offset is committed after it, so a redelivered event finds its id and has no effect.
    The records of one poll share that transaction while every handler succeeds; when
    one fails, they are handled again one at a time, each in its own.
    A handler that raises is tried `max_attempts` times; then the record goes to the
    dead-letter topic with the error, and the consumer moves on to the next one. A handler
    that raises ArrivedEarly holds back its key (see EarlyEvents), not its partition. A
    broker or database outage is waited out, never taken as the event's fault.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        handlers: Mapping[HandlerKey, Handler],
        unit_of_work: Callable[[], UnitOfWork],
        dead_letters: DeadLetterPublisher,
        catalog: Catalog = CATALOG,
        tombstone_handlers: Mapping[str, TombstoneHandler] | None = None,
    ) -> None:
        self._settings = settings
        self._handlers = dict(handlers)
        self._tombstone_handlers = {
            settings.topic(name): handler for name, handler in (tombstone_handlers or {}).items()
        }
        self._catalog = catalog
        self._early = EarlyEvents(settings.early_event_wait_seconds)
        self._stop = threading.Event()
        self._handling = EventHandling(
            settings=settings,
            handlers=self._handlers,
            tombstone_handlers=self._tombstone_handlers,
            unit_of_work=unit_of_work,
            dead_letters=dead_letters,
            catalog=catalog,
            early=self._early,
        )

    @property
    def topics(self) -> list[str]:
        """Return the topics that carry the event types this consumer handles."""
        names = {self._catalog.spec(type, version).topic.name for type, version in self._handlers}
        return sorted(
            {self._settings.topic(name) for name in names} | set(self._tombstone_handlers)
        )

    def run(self, stop: threading.Event) -> None:
        """Consume until `stop` is set, waiting out and reconnecting after any outage."""
        self._stop = self._handling.stop = stop
        backoff = Backoff(initial=0.5, maximum=5.0)
        while not stop.is_set():
            try:
                consumer = self._connect()
            except KafkaError as error:
                log.warning("cannot reach the broker; will retry", extra={"error": str(error)})
                stop.wait(backoff.next())
                continue
            settle_startup_objects()
            progress = PartitionProgress(consumer, self._early, self._settings.service)
            try:
                consumer.subscribe([*self.topics, replay_topic(self._settings)])
                while not stop.is_set():
                    self._poll_once(consumer, progress)
                    backoff.reset()
                progress.settle()
            except KafkaError as error:
                log.warning("lost the broker; reconnecting", extra={"error": str(error)})
                stop.wait(backoff.next())
            except Exception as error:
                if not is_database_outage(error):
                    raise
                log.warning("database unavailable; reconnecting", extra={"error": str(error)})
                stop.wait(backoff.next())
            finally:
                # What was held is read again from the last committed offset.
                self._early.clear()
                _close(consumer)

    def process(self, record: RawRecord) -> str:
        """Handle one record and return its outcome; a bad event never raises."""
        return self._handling.process(record)

    def _connect(self) -> KafkaConsumer:
        consumer = KafkaConsumer(
            bootstrap_servers=self._settings.kafka_bootstrap,
            group_id=self._settings.consumer_group,
            client_id=f"{self._settings.service}-consumer",
            **CONSUMER_SETTINGS,
            **client_security(self._settings),
        )
        try:
            self._await_partitions(consumer)
        except BaseException:
            _close(consumer)
            raise
        return consumer

    def _await_partitions(self, consumer: KafkaConsumer) -> None:
        # Joining the group before the broker's metadata shows a just-declared topic would
        # leave this member with nothing assigned until the next metadata refresh.
        backoff = Backoff(initial=0.1, maximum=2.0)
        missing = [*self.topics, replay_topic(self._settings)]
        while missing and not self._stop.is_set():
            missing = [topic for topic in missing if not consumer.partitions_for_topic(topic)]
            if missing:
                self._stop.wait(backoff.next())

    def _poll_once(self, consumer: KafkaConsumer, progress: PartitionProgress) -> None:
        self._retry_held(progress)
        batches = consumer.poll(timeout_ms=int(self._settings.idle_poll_seconds * 1000) or 100)
        progress.follow_assignment()
        records = [RawRecord.of(record) for records in batches.values() for record in records]
        for record in records[: self._handling.take_all(records)]:
            progress.passed(record.topic, record.partition, record.offset)
        progress.commit()
        progress.measure_lag()

    def _retry_held(self, progress: PartitionProgress) -> None:
        for queue in self._early.due():
            while (record := self._early.take_head(queue)) is not None:
                if self._handling.process(record) == "deferred":
                    self._early.hold(record)
                    break
        progress.pause_crowded()


def _close(consumer: KafkaConsumer) -> None:
    try:
        consumer.close(autocommit=False)
    except Exception:
        log.warning("consumer did not close cleanly", exc_info=True)
