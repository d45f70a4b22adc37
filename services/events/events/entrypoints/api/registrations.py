"""Members register for events and give places up; organisers see who comes and record it."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from events.domain.registrations import Attendance, Registration
from events.entrypoints.api.callers import managed, member_id, require_member_to_write
from events.entrypoints.api.schemas import SECURED
from events.service_layer import registering
from events.service_layer.registering import Placed, Registrant
from qplatform.web.app import runtime

blp = Blueprint(
    "registrations",
    __name__,
    url_prefix="/events/<event_id>/registrations",
    description="Places at events, waitlists and attendance.",
)
blp.before_request(require_member_to_write)


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
    @blp.response(201, PlacedSchema)
    @blp.doc(**SECURED)
    def post(self, event_id: str) -> Placed:
        """Register the calling member: a place if one is free, else the end of the waitlist."""
        caller_id = member_id()
        with runtime().unit_of_work() as uow:
            registration = registering.register(uow=uow, event_id=event_id, member_id=caller_id)
            return registering.placed(uow, registration)

    @blp.response(200, RegistrantSchema(many=True))
    @blp.doc(**SECURED)
    def get(self, event_id: str) -> list[Registrant]:
        """List the places then the waitlist, in order (the organiser or staff)."""
        with runtime().unit_of_work() as uow:
            managed(uow, event_id)
            return registering.registrants(uow=uow, event_id=event_id)


@blp.route("/mine")
class MyRegistration(MethodView):
    @blp.response(200, PlacedSchema)
    @blp.doc(**SECURED)
    def get(self, event_id: str) -> Placed:
        """Show the calling member's registration and their place in the waitlist."""
        caller_id = member_id()
        with runtime().unit_of_work() as uow:
            return registering.registration_of(uow=uow, event_id=event_id, member_id=caller_id)

    @blp.response(200, RegistrationSchema)
    @blp.doc(**SECURED)
    def delete(self, event_id: str) -> Registration:
        """Give up the calling member's place; the first on the waitlist takes it."""
        caller_id = member_id()
        with runtime().unit_of_work() as uow:
            return registering.cancel_registration(uow=uow, event_id=event_id, member_id=caller_id)


@blp.route("/<registration_id>/attendance")
class RegistrationAttendance(MethodView):
    @blp.arguments(AttendanceSchema)
    @blp.response(200, RegistrationSchema)
    @blp.doc(**SECURED)
    def put(self, form: dict[str, Any], event_id: str, registration_id: str) -> Registration:
        """Record whether a member came (the organiser or staff)."""
        with runtime().unit_of_work() as uow:
            managed(uow, event_id)
            return registering.record_attendance(
                uow=uow,
                event_id=event_id,
                registration_id=registration_id,
                attendance=Attendance(form["attendance"]),
            )
