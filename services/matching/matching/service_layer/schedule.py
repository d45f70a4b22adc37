"""The worker loop that requests scheduled rounds and runs every requested round once."""

import logging
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from matching.config import RoundConfig
from matching.domain.rounds import CoffeeRound
from matching.service_layer.round_runs import (
    Claim,
    claim_round,
    give_back_round,
    request_due_round,
    run_claimed_round,
)
from qplatform.correlation import new_correlation_id, set_correlation_id
from qplatform.db.unit_of_work import UnitOfWork
from qplatform.tracing import flow

log = logging.getLogger(__name__)


class RoundRunner:
    """Request each scheduled round on its day, then run whatever rounds wait."""

    def __init__(
        self, uow_factory: Callable[[], UnitOfWork], config: RoundConfig | None = None
    ) -> None:
        self._uow_factory = uow_factory
        self._config = config or RoundConfig()

    def run(self, stop: threading.Event) -> None:
        """Look for rounds to run every few seconds until `stop` is set."""
        while not stop.is_set():
            try:
                self.run_once(datetime.now(UTC).date())
            except Exception:
                log.exception("looking for coffee rounds to run failed")
            stop.wait(self._config.round_poll_seconds)

    def run_once(self, today: date) -> CoffeeRound | None:
        """Request the round due `today`, if any, run every waiting round; return the last."""
        # A scheduled round starts its own thread of work: give it its own correlation id.
        set_correlation_id(new_correlation_id())
        with self._uow_factory() as uow:
            request_due_round(uow=uow, today=today)
        completed = None
        lease = timedelta(seconds=self._config.round_lease_seconds)
        while True:
            with self._uow_factory() as uow:
                claim = claim_round(
                    uow=uow,
                    now=datetime.now(UTC),
                    lease=lease,
                    max_attempts=self._config.round_max_attempts,
                )
            if claim is None:
                return completed
            completed = self._run(claim) or completed

    def _run(self, claim: Claim) -> CoffeeRound | None:
        # Each round carries the id of what started it, into its logs and its events, and
        # has a trace of its own that links to the request's.
        with flow(
            "coffee round",
            cause=claim.cause,
            correlation_id=claim.correlation_id,
            round_id=claim.round_id,
        ):
            return self._hold(claim)

    def _hold(self, claim: Claim) -> CoffeeRound | None:
        log.info(
            "coffee round started",
            extra={"round": claim.round_id, "started_by": claim.started_by or "unknown"},
        )
        try:
            with self._uow_factory() as uow:
                held = run_claimed_round(uow=uow, claim=claim)
        except Exception as error:
            log.exception("coffee round failed", extra={"round": claim.round_id})
            with self._uow_factory() as uow:
                give_back_round(
                    uow=uow,
                    claim=claim,
                    reason=f"{type(error).__name__}: {error}",
                    max_attempts=self._config.round_max_attempts,
                )
            return None
        if held is not None:
            log.info("coffee round completed", extra={"round": held.id, "number": held.number})
        return held
