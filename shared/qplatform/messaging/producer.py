"""A thin producer that connects on first use and starts afresh after a broker failure."""

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kafka import KafkaProducer
from kafka.errors import KafkaError

from qplatform.errors import PlatformError

log = logging.getLogger(__name__)


# How every producer of the platform sends: acknowledged by every in-sync replica, never
# twice from one session, waiting up to 5 ms to fill a batch.
PRODUCER_SETTINGS: dict[str, Any] = {"acks": "all", "enable_idempotence": True, "linger_ms": 5}


class DeliveryError(PlatformError):
    """The broker did not take a record; the `delivered` records before it were taken."""

    def __init__(self, message: str, *, delivered: int = 0) -> None:
        super().__init__(message)
        self.delivered = delivered


@dataclass(frozen=True)
class Record:
    """One record for a topic: key, value (None for a tombstone) and headers."""

    topic: str
    key: str
    value: bytes | None
    headers: Sequence[tuple[str, bytes]]


class EventProducer:
    """Send records with acks from every in-sync replica and the idempotent producer."""

    def __init__(
        self,
        bootstrap: str,
        *,
        client_id: str,
        timeout_seconds: float = 10.0,
        security: Mapping[str, Any] | None = None,
    ) -> None:
        self._bootstrap = bootstrap
        self._security = dict(security or {})
        self._client_id = client_id
        self._timeout = timeout_seconds
        self._producer: KafkaProducer | None = None

    def send_all(self, records: Sequence[Record]) -> int:
        """Send `records` in order and wait until the broker has them all; return how many.

        On failure, returns how many of the leading records are known to have been taken
        before raising DeliveryError, so a caller can mark exactly those as sent.
        """
        sending = self.send(records)
        self.flush()
        return sending.confirmed()

    def send(self, records: Sequence[Record]) -> "Sending":
        """Hand `records` to the client in order without waiting for the broker."""
        producer = self._connect()
        try:
            futures = [
                producer.send(r.topic, key=r.key.encode(), value=r.value, headers=list(r.headers))
                for r in records
            ]
        except KafkaError as error:
            self._reset()
            raise DeliveryError(f"broker unavailable: {error}") from error
        return Sending(futures, timeout=self._timeout, on_failure=self._reset)

    def flush(self) -> None:
        """Send at once whatever the client holds back to fill its batches."""
        if self._producer is None:
            return
        try:
            self._producer.flush(timeout=self._timeout)
        except KafkaError as error:
            self._reset()
            raise DeliveryError(f"broker unavailable: {error}") from error

    def close(self) -> None:
        """Flush what is pending and disconnect."""
        self._reset(timeout=self._timeout)

    def _connect(self) -> KafkaProducer:
        if self._producer is None:
            try:
                self._producer = KafkaProducer(
                    bootstrap_servers=self._bootstrap,
                    client_id=self._client_id,
                    **PRODUCER_SETTINGS,
                    max_block_ms=int(self._timeout * 1000),
                    bootstrap_timeout_ms=int(self._timeout * 1000),
                    request_timeout_ms=int(self._timeout * 1000),
                    delivery_timeout_ms=int(self._timeout * 1000) + 5000,
                    **self._security,
                )
            except KafkaError as error:
                raise DeliveryError(f"cannot reach the broker: {error}") from error
        return self._producer

    def _reset(self, timeout: float = 0) -> None:
        if self._producer is not None:
            try:
                self._producer.close(timeout=timeout)
            except KafkaError:
                log.warning("producer did not close cleanly", exc_info=True)
            self._producer = None


class Sending:
    """Records handed to the client, whose acknowledgements may still be on their way."""

    def __init__(
        self, futures: list[Any], *, timeout: float, on_failure: Callable[[], None]
    ) -> None:
        self._futures = futures
        self._timeout = timeout
        # A refused record leaves the client in an unknown state: the producer starts afresh.
        self._on_failure = on_failure

    def __len__(self) -> int:
        return len(self._futures)

    @property
    def acknowledged(self) -> bool:
        """Tell whether the broker has answered for every record."""
        return all(future.is_done for future in self._futures)

    def confirmed(self) -> int:
        """Wait for the broker's answer to each record, in order; return how many it took.

        Raises DeliveryError, naming how many leading records it took, at the first it did not.
        """
        for delivered, future in enumerate(self._futures):
            try:
                future.get(timeout=self._timeout)
            except KafkaError as error:
                self._on_failure()
                raise DeliveryError(
                    f"broker refused record {delivered}: {error}", delivered=delivered
                ) from error
        return len(self._futures)
