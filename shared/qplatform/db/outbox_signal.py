"""Wake the outbox relay when a transaction commits events, instead of making it poll.

On PostgreSQL the unit of work sends NOTIFY in the transaction that stages events; the
server delivers it only when that transaction commits, to every relay that LISTENs on the
service's database. SQLite has no such signal: there the relay's idle poll is all there is.
"""

import logging
import select
import threading
import time
from typing import Any

from sqlalchemy import Connection, Engine, text

log = logging.getLogger(__name__)

CHANNEL = "qp_outbox"
_NOTIFY = text(f"NOTIFY {CHANNEL}")


def announce_staged(connection: Connection) -> None:
    """Tell listening relays, at commit, that this transaction staged events."""
    if connection.dialect.name == "postgresql":
        connection.execute(_NOTIFY)


class OutboxListener:
    """Wait for commits that staged events, or for `timeout`, whichever comes first.

    It holds one connection of its own, outside the pool, listening on the channel; when
    that connection is lost it is opened again at the next wait, and until then the wait
    is the plain timeout (the relay's idle poll), so nothing is missed, only later.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._driver: Any = None

    def listen(self) -> None:
        """Start listening now, so no commit from here on goes unnoticed; never raises."""
        if self._engine.dialect.name != "postgresql":
            return
        try:
            self._listening()
        except Exception as error:
            log.info("not listening for commits yet", extra={"error": str(error)})
            self.close()

    def wait(self, stop: threading.Event, timeout: float) -> bool:
        """Block until a commit staged events, `timeout` passed or `stop` was set."""
        if self._engine.dialect.name != "postgresql":
            stop.wait(timeout)
            return False
        deadline = time.monotonic() + timeout
        try:
            driver = self._listening()
            while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
                # Readable means a notification (or the connection's end) has arrived;
                # waiting in short slices keeps a long idle poll quick to stop.
                ready, _, _ = select.select([driver.fileno()], [], [], min(left, 0.5))
                if ready:
                    return bool(list(driver.notifies(timeout=0)))
            return False
        except Exception as error:
            log.info("not listening for commits; polling", extra={"error": str(error)})
            self.close()
            stop.wait(max(deadline - time.monotonic(), 0.0))
            return False

    def close(self) -> None:
        """Stop listening and close the connection."""
        if self._driver is not None:
            try:
                self._driver.close()
            except Exception:
                log.debug("listening connection did not close cleanly", exc_info=True)
            self._driver = None

    def _listening(self) -> Any:
        if self._driver is None:
            pooled = self._engine.raw_connection()
            driver = pooled.driver_connection
            assert driver is not None
            # Taken out of the pool for good: it stays in LISTEN for the relay's life.
            pooled.detach()
            self._driver = driver
            driver.rollback()
            driver.autocommit = True
            driver.execute(f"LISTEN {CHANNEL}")
        return self._driver
