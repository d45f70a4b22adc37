"""Staff create Q events; anyone lists the upcoming ones and reads each."""

from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from events.domain.model import Event, EventDetails
from events.entrypoints.api.schemas import EventFormSchema, EventSchema
from events.service_layer import programme
from qplatform.web.app import runtime
from qplatform.web.auth import require_staff

blp = Blueprint("events", __name__, url_prefix="/events", description="Q's programme of events.")


@blp.route("")
class EventList(MethodView):
    @blp.response(200, EventSchema(many=True))
    @blp.paginate(page_size=20, max_page_size=100)
    def get(self, pagination_parameters: PaginationParameters) -> list[Event]:
        """List published events that are not over yet, soonest first."""
        with runtime().unit_of_work() as uow:
            page = programme.upcoming_events(
                uow=uow,
                offset=pagination_parameters.first_item,
                limit=pagination_parameters.page_size,
            )
        pagination_parameters.item_count = page.total
        return page.events

    @blp.arguments(EventFormSchema)
    @blp.response(201, EventSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, form: dict[str, Any]) -> tuple[Event, dict[str, str]]:
        """Create and publish an event (staff only)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            event = programme.create_event(uow=uow, details=EventDetails(**form))
        return event, {"Location": url_for("events.EventItem", event_id=event.id)}


@blp.route("/<event_id>")
class EventItem(MethodView):
    @blp.response(200, EventSchema)
    def get(self, event_id: str) -> Event:
        """Show one event."""
        with runtime().unit_of_work() as uow:
            return programme.get_event(uow=uow, event_id=event_id)
