"""Staff request coffee rounds, set their schedule, and read snapshots, matches and rates."""

from collections.abc import Callable, Sequence
from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from matching.domain.rounds import CoffeeRound, RoundSchedule
from matching.domain.snapshot import SnapshotEntry
from matching.entrypoints.api.round_schemas import (
    MatchSchema,
    MeetingRatesSchema,
    RoundAuditSchema,
    RoundRatesArgsSchema,
    RoundRatesSchema,
    RoundSchema,
    RoundStartSchema,
    ScheduleSchema,
    SnapshotEntrySchema,
)
from matching.service_layer import feedback, round_audit, round_reading, rounds
from qplatform.identity import STAFF
from qplatform.paging import Page
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint("rounds", __name__, url_prefix="/rounds", description="Coffee rounds.")


@blp.route("")
class RoundList(MethodView):
    @requires(STAFF)
    @blp.arguments(RoundStartSchema)
    @blp.response(202, RoundSchema, headers={"Location": {"description": "The round to poll."}})
    def post(self, args: dict[str, Any]) -> tuple[CoffeeRound, dict[str, str]]:
        """Request a round: a worker snapshots the eligible, pairs them and announces it."""
        held_on = args.get("held_on") or runtime().clock.now().date()
        with runtime().unit_of_work() as uow:
            requested = rounds.request_round(uow=uow, held_on=held_on, seed=args.get("seed"))
        return requested, {"Location": url_for("rounds.RoundItem", round_id=requested.id)}

    @requires(STAFF)
    @blp.response(200, RoundSchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[CoffeeRound]:
        """List rounds, the newest first."""
        with runtime().unit_of_work() as uow:
            found = round_reading.list_rounds(uow=uow, page=page_request(pagination_parameters))
        return answer(pagination_parameters, found)


@blp.route("/schedule")
class Schedule(MethodView):
    @requires(STAFF)
    @blp.response(200, ScheduleSchema)
    def get(self) -> RoundSchedule:
        """Show when rounds run by themselves."""
        with runtime().unit_of_work() as uow:
            return round_reading.schedule(uow=uow)

    @requires(STAFF)
    @blp.arguments(ScheduleSchema)
    @blp.response(200, ScheduleSchema)
    def put(self, settings: dict[str, Any]) -> RoundSchedule:
        """Set how often rounds run, on which day, the cooldown, and the next round's day."""
        with runtime().unit_of_work() as uow:
            return round_reading.set_schedule(uow=uow, settings=settings)


@blp.route("/meeting-rates")
class MeetingRatesOverRounds(MethodView):
    @requires(STAFF)
    @blp.arguments(RoundRatesArgsSchema, location="query")
    @blp.response(200, RoundRatesSchema(many=True))
    def get(self, args: dict[str, Any]) -> list[feedback.RoundRates]:
        """List the meeting rates of the latest completed rounds, the oldest first."""
        with runtime().unit_of_work() as uow:
            return feedback.rates_over_rounds(uow=uow, last=args["last"])


@blp.route("/<round_id>")
class RoundItem(MethodView):
    @requires(STAFF)
    @blp.response(200, RoundSchema)
    def get(self, round_id: str) -> CoffeeRound:
        """Show a round, its seed and its quality figures."""
        with runtime().unit_of_work() as uow:
            return rounds.get_round(uow=uow, round_id=round_id)


@blp.route("/<round_id>/snapshot")
class RoundSnapshot(MethodView):
    @requires(STAFF)
    @blp.response(200, SnapshotEntrySchema(many=True))
    @paged(blp, long=True)
    def get(
        self, round_id: str, pagination_parameters: PaginationParameters
    ) -> Sequence[SnapshotEntry]:
        """List who was eligible for a round, as its pairing saw them, in pairing order."""
        return _page_of(round_reading.round_snapshot, round_id, pagination_parameters)


@blp.route("/<round_id>/audit")
class RoundAudit(MethodView):
    @requires(STAFF)
    @blp.response(200, RoundAuditSchema)
    def get(self, round_id: str) -> round_audit.RoundAudit:
        """Pair a completed round's snapshot again with its seed and compare the groups."""
        with runtime().unit_of_work() as uow:
            return round_audit.audit_round(uow=uow, round_id=round_id)


@blp.route("/<round_id>/matches")
class RoundMatches(MethodView):
    @requires(STAFF)
    @blp.response(200, MatchSchema(many=True))
    @paged(blp, long=True)
    def get(
        self, round_id: str, pagination_parameters: PaginationParameters
    ) -> Sequence[dict[str, Any]]:
        """List a round's matches and their members."""
        return _page_of(round_reading.round_matches, round_id, pagination_parameters)


@blp.route("/<round_id>/meeting-rates")
class RoundMeetingRates(MethodView):
    @requires(STAFF)
    @blp.response(200, MeetingRatesSchema)
    def get(self, round_id: str) -> feedback.MeetingRates:
        """Show how many of a round's matches met, by their members' answers."""
        with runtime().unit_of_work() as uow:
            return feedback.meeting_rates(uow=uow, round_id=round_id)


def _page_of(
    read: Callable[..., Page[Any]], round_id: str, pagination_parameters: PaginationParameters
) -> Sequence[Any]:
    """Read one page of a round's rows, telling the paginator how many there are in all."""
    with runtime().unit_of_work() as uow:
        found = read(uow=uow, round_id=round_id, page=page_request(pagination_parameters))
    return answer(pagination_parameters, found)
