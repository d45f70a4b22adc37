"""A thin producer that connects on first use and starts afresh after a broker failure."""

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kafka import KafkaProducer
from kafka.errors import KafkaError

from qplatform.errors import PlatformError

log = logging.getLogger(__name__)


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
        producer = self._connect()
        try:
            futures = [
                producer.send(r.topic, key=r.key.encode(), value=r.value, headers=list(r.headers))
                for r in records
            ]
            producer.flush(timeout=self._timeout)
        except KafkaError as error:
            self._reset()
            raise DeliveryError(f"broker unavailable: {error}") from error
        for delivered, future in enumerate(futures):
            try:
                future.get(timeout=self._timeout)
            except KafkaError as error:
                self._reset()
                raise DeliveryError(
                    f"broker refused record {delivered}: {error}", delivered=delivered
                ) from error
        return len(futures)

    def close(self) -> None:
        """Flush what is pending and disconnect."""
        self._reset(timeout=self._timeout)

    def _connect(self) -> KafkaProducer:
        if self._producer is None:
            try:
                self._producer = KafkaProducer(
                    bootstrap_servers=self._bootstrap,
                    client_id=self._client_id,
                    acks="all",
                    enable_idempotence=True,
                    linger_ms=5,
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
