"""Figures staff report on: who came to Q's events, by kind and by pillar."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from events.service_layer import attendance
from qplatform.identity import STAFF
from qplatform.web.access import requires
from qplatform.web.app import runtime

blp = Blueprint("figures", __name__, url_prefix="/figures", description="Community figures.")


class TallySchema(Schema):
    confirmed = fields.Integer(metadata={"description": "Confirmed places (not waitlisted)."})
    attended = fields.Integer(metadata={"description": "Of them, recorded as attended."})
    no_show = fields.Integer(metadata={"description": "Of them, recorded as not attending."})


class AttendanceFiguresSchema(Schema):
    by_kind = fields.Dict(keys=fields.String(), values=fields.Nested(TallySchema))
    by_pillar = fields.Dict(keys=fields.String(), values=fields.Nested(TallySchema))


@blp.route("/attendance")
class AttendanceFigures(MethodView):
    @requires(STAFF)
    @blp.response(200, AttendanceFiguresSchema)
    def get(self) -> attendance.AttendanceFigures:
        """Count places and attendance per kind of event and per pillar (staff only)."""
        with runtime().unit_of_work() as uow:
            return attendance.attendance_figures(uow=uow)
