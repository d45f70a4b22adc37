"""iCalendar feeds: every published event, by region or pillar, one event, a member's own."""

from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from events.adapters.calendars import calendar_of
from events.domain import errors
from events.domain.rules import REGIONS
from events.entrypoints.api.callers import member_id
from events.service_layer import calendars
from qplatform.events.contracts.events import PILLARS
from qplatform.identity import MEMBER
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import public_url_for, runtime

blp = Blueprint(
    "calendars", __name__, url_prefix="/calendars", description="iCalendar feeds of Q events."
)
ICS = {"responses": {"200": {"content": {"text/calendar": {"schema": {"type": "string"}}}}}}


class FeedSchema(Schema):
    """The secret address of a member's own calendar feed."""

    url = fields.String(metadata={"description": "Keep it private; reset it if it leaks."})


def ics(body: bytes, filename: str) -> Response:
    """Answer with a calendar file that calendar apps open or subscribe to."""
    headers = {"Content-Disposition": f'inline; filename="{filename}"'}
    return Response(body, mimetype="text/calendar", headers=headers)


@blp.route("/events.ics")
class AllEvents(MethodView):
    @requires(ANYONE)
    @blp.doc(**ICS)
    def get(self) -> Response:
        """Return every published event as a calendar."""
        with runtime().unit_of_work() as uow:
            body = calendar_of(calendars.published_events(uow=uow), name="Q events")
        return ics(body, "q-events.ics")


@blp.route("/regions/<region>.ics")
class RegionEvents(MethodView):
    @requires(ANYONE)
    @blp.doc(**ICS)
    def get(self, region: str) -> Response:
        """Return a region's published events as a calendar."""
        if region not in REGIONS:
            raise errors.UnknownRegion(f"unknown region '{region}'", field="region")
        with runtime().unit_of_work() as uow:
            events = calendars.published_events(uow=uow, region=region)
            body = calendar_of(events, name=f"Q events: {region}")
        return ics(body, f"q-events-{region}.ics")


@blp.route("/pillars/<pillar>.ics")
class PillarEvents(MethodView):
    @requires(ANYONE)
    @blp.doc(**ICS)
    def get(self, pillar: str) -> Response:
        """Return a pillar's published events as a calendar."""
        if pillar not in PILLARS:
            raise errors.UnknownPillar(f"unknown pillar '{pillar}'", field="pillar")
        with runtime().unit_of_work() as uow:
            events = calendars.published_events(uow=uow, pillar=pillar)
            body = calendar_of(events, name=f"Q events: {pillar}")
        return ics(body, f"q-events-{pillar}.ics")


@blp.route("/events/<event_id>.ics")
class OneEvent(MethodView):
    @requires(ANYONE)
    @blp.doc(**ICS)
    def get(self, event_id: str) -> Response:
        """Return one event as a calendar file."""
        with runtime().unit_of_work() as uow:
            event = calendars.one_event(uow=uow, event_id=event_id)
            body = calendar_of([event], name=event.title)
        return ics(body, f"q-event-{event_id}.ics")


@blp.route("/mine")
class MyFeed(MethodView):
    @requires(MEMBER)
    @blp.response(200, FeedSchema)
    def get(self) -> dict[str, Any]:
        """Return the secret address of the calling member's own feed."""
        return _feed(reset=False)

    @requires(MEMBER)
    @blp.response(200, FeedSchema)
    def delete(self) -> dict[str, Any]:
        """Retire the member's feed address and return a new one."""
        return _feed(reset=True)


@blp.route("/private/<secret>.ics")
class PrivateFeed(MethodView):
    @requires(ANYONE)
    @blp.doc(**ICS)
    def get(self, secret: str) -> Response:
        """Return a member's registered events, with links and reminders, at a secret address."""
        with runtime().unit_of_work() as uow:
            events = calendars.private_events(uow=uow, secret=secret)
            body = calendar_of(events, name="My Q events", with_links=True, reminders=True)
        return ics(body, "my-q-events.ics")


def _feed(*, reset: bool) -> dict[str, Any]:
    caller_id = member_id()
    with runtime().unit_of_work() as uow:
        secret = calendars.calendar_secret(uow=uow, member_id=caller_id, reset=reset)
    return {"url": public_url_for("calendars.PrivateFeed", secret=secret)}
