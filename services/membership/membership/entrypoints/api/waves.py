"""Recruitment waves: anyone sees when Q recruits where; staff schedule them and follow progress."""

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from membership.domain.recruitment import RecruitmentWave
from membership.entrypoints.api.recruitment_schemas import (
    WaveChangeSchema,
    WaveProgressSchema,
    WaveSchema,
)
from membership.service_layer import recruitment
from qplatform.web.app import runtime
from qplatform.web.auth import PARTNER_REVIEWER, require_role, require_staff

blp = Blueprint("waves", __name__, url_prefix="/waves", description="Recruitment waves.")


@blp.route("")
class WaveList(MethodView):
    @blp.response(200, WaveSchema(many=True))
    def get(self) -> list[RecruitmentWave]:
        """List recruitment waves, soonest first."""
        with runtime().unit_of_work() as uow:
            return recruitment.list_waves(uow=uow)

    @blp.arguments(WaveSchema)
    @blp.response(201, WaveSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, body: dict[str, Any]) -> RecruitmentWave:
        """Schedule a recruitment wave (staff only)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return recruitment.schedule_wave(uow=uow, wave=RecruitmentWave(**body))


@blp.route("/<wave_id>")
class WaveItem(MethodView):
    @blp.response(200, WaveSchema)
    def get(self, wave_id: str) -> RecruitmentWave:
        """Show one recruitment wave."""
        with runtime().unit_of_work() as uow:
            return recruitment.get_wave(uow=uow, wave_id=wave_id)

    @blp.arguments(WaveChangeSchema)
    @blp.response(200, WaveSchema)
    @blp.doc(security=[{"bearer": []}])
    def patch(self, changes: dict[str, Any], wave_id: str) -> RecruitmentWave:
        """Change a wave's name, partner, dates or target (staff only)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return recruitment.change_wave(uow=uow, wave_id=wave_id, changes=changes)


@blp.route("/<wave_id>/close")
class WaveClosure(MethodView):
    @blp.response(200, WaveSchema)
    @blp.doc(security=[{"bearer": []}])
    def post(self, wave_id: str) -> RecruitmentWave:
        """Close a wave early: from today it takes no applications (staff only)."""
        require_staff()
        with runtime().unit_of_work() as uow:
            return recruitment.close_wave(uow=uow, wave_id=wave_id)


@blp.route("/<wave_id>/progress")
class WaveProgress(MethodView):
    @blp.response(200, WaveProgressSchema)
    @blp.doc(security=[{"bearer": []}])
    def get(self, wave_id: str) -> recruitment.WaveProgress:
        """Show a wave's applications and weekly approvals against its target.

        Staff see every region; a partner reviewer sees their own region's applications, of a
        wave recruiting there.
        """
        caller = require_role(PARTNER_REVIEWER)
        with runtime().unit_of_work() as uow:
            return recruitment.wave_progress(uow=uow, wave_id=wave_id, caller=caller)
