"""Members register for events and give places up; organisers see who comes and record it."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters
from marshmallow import Schema, fields, validate

from events.domain.registrations import Attendance, Registration
from events.entrypoints.api.callers import member_id
from events.service_layer import registering
from events.service_layer.registering import Placed, Registrant
from qplatform.identity import MEMBER
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint(
    "registrations",
    __name__,
    url_prefix="/events/<event_id>/registrations",
    description="Places at events, waitlists and attendance.",
)


class RegistrationSchema(Schema):
    """A registration: confirmed, waitlisted or cancelled, and attendance once recorded."""

    id = fields.String()
    event_id = fields.String()
    member_id = fields.String()
    status = fields.Function(lambda r: r.status.value)
    attendance = fields.Function(lambda r: r.attendance.value if r.attendance else None)
    queued_at = fields.AwareDateTime()


class PlacedSchema(RegistrationSchema):
    """The member's own registration, with their place in the waitlist while waiting."""

    position = fields.Integer(allow_none=True, metadata={"description": "1 is next in line."})


class RegistrantSchema(RegistrationSchema):
    """A registration as the organiser sees it: with a display name, never an email."""

    display_name = fields.String(allow_none=True)


class AttendanceSchema(Schema):
    """Whether a member with a place came."""

    attendance = fields.String(
        required=True, validate=validate.OneOf([kind.value for kind in Attendance])
    )


@blp.route("")
class EventRegistrations(MethodView):
    @requires(MEMBER)
    @blp.response(201, PlacedSchema)
    def post(self, event_id: str) -> Placed:
        """Register the calling member: a place if one is free, else the end of the waitlist."""
        caller_id = member_id()
        with runtime().unit_of_work() as uow:
            registration = registering.register(uow=uow, event_id=event_id, member_id=caller_id)
            return registering.placed(uow, registration)

    @requires(MEMBER)
    @blp.response(200, RegistrantSchema(many=True))
    @paged(blp, long=True)
    def get(
        self, event_id: str, pagination_parameters: PaginationParameters
    ) -> Sequence[Registrant]:
        """List the places then the waitlist, in order (the organiser or staff)."""
        with runtime().unit_of_work() as uow:
            page = registering.registrants(
                uow=uow,
                event_id=event_id,
                caller=current_caller(),
                page=page_request(pagination_parameters),
            )
        return answer(pagination_parameters, page)


@blp.route("/mine")
class MyRegistration(MethodView):
    @requires(MEMBER)
    @blp.response(200, PlacedSchema)
    def get(self, event_id: str) -> Placed:
        """Show the calling member's registration and their place in the waitlist."""
        caller_id = member_id()
        with runtime().unit_of_work() as uow:
            return registering.registration_of(uow=uow, event_id=event_id, member_id=caller_id)

    @requires(MEMBER)
    @blp.response(200, RegistrationSchema)
    def delete(self, event_id: str) -> Registration:
        """Give up the calling member's place; the first on the waitlist takes it."""
        caller_id = member_id()
        with runtime().unit_of_work() as uow:
            return registering.cancel_registration(uow=uow, event_id=event_id, member_id=caller_id)


@blp.route("/<registration_id>/attendance")
class RegistrationAttendance(MethodView):
    @requires(MEMBER)
    @blp.arguments(AttendanceSchema)
    @blp.response(200, RegistrationSchema)
    def put(self, form: dict[str, Any], event_id: str, registration_id: str) -> Registration:
        """Record whether a member came (the organiser or staff)."""
        with runtime().unit_of_work() as uow:
            return registering.record_attendance(
                uow=uow,
                event_id=event_id,
                registration_id=registration_id,
                attendance=Attendance(form["attendance"]),
                caller=current_caller(),
            )
