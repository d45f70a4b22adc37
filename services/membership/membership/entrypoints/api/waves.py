"""Recruitment waves: anyone sees when Q recruits where; staff schedule them and follow progress."""

from collections.abc import Sequence
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from membership.domain.recruitment import RecruitmentWave
from membership.entrypoints.api.recruitment_schemas import (
    WaveChangeSchema,
    WaveProgressSchema,
    WaveSchema,
)
from membership.service_layer import recruitment
from qplatform.identity import PARTNER_REVIEWER, STAFF
from qplatform.web.access import ANYONE, requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint("waves", __name__, url_prefix="/waves", description="Recruitment waves.")


@blp.route("")
class WaveList(MethodView):
    @requires(ANYONE)
    @blp.response(200, WaveSchema(many=True))
    @paged(blp, long=True)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[RecruitmentWave]:
        """List recruitment waves, soonest first."""
        with runtime().unit_of_work() as uow:
            page = recruitment.list_waves(uow=uow, page=page_request(pagination_parameters))
        return answer(pagination_parameters, page)

    @requires(STAFF)
    @blp.arguments(WaveSchema)
    @blp.response(201, WaveSchema)
    def post(self, body: dict[str, Any]) -> RecruitmentWave:
        """Schedule a recruitment wave (staff only)."""
        with runtime().unit_of_work() as uow:
            return recruitment.schedule_wave(uow=uow, wave=RecruitmentWave(**body))


@blp.route("/<wave_id>")
class WaveItem(MethodView):
    @requires(ANYONE)
    @blp.response(200, WaveSchema)
    def get(self, wave_id: str) -> RecruitmentWave:
        """Show one recruitment wave."""
        with runtime().unit_of_work() as uow:
            return recruitment.get_wave(uow=uow, wave_id=wave_id)

    @requires(STAFF)
    @blp.arguments(WaveChangeSchema)
    @blp.response(200, WaveSchema)
    def patch(self, changes: dict[str, Any], wave_id: str) -> RecruitmentWave:
        """Change a wave's name, partner, dates or target (staff only)."""
        with runtime().unit_of_work() as uow:
            return recruitment.change_wave(uow=uow, wave_id=wave_id, changes=changes)


@blp.route("/<wave_id>/close")
class WaveClosure(MethodView):
    @requires(STAFF)
    @blp.response(200, WaveSchema)
    def post(self, wave_id: str) -> RecruitmentWave:
        """Close a wave early: from today it takes no applications (staff only)."""
        with runtime().unit_of_work() as uow:
            return recruitment.close_wave(uow=uow, wave_id=wave_id)


@blp.route("/<wave_id>/progress")
class WaveProgress(MethodView):
    @requires(PARTNER_REVIEWER)
    @blp.response(200, WaveProgressSchema)
    def get(self, wave_id: str) -> recruitment.WaveProgress:
        """Show a wave's applications and weekly approvals against its target.

        Staff see every region; a partner reviewer sees their own region's applications, of a
        wave recruiting there.
        """
        with runtime().unit_of_work() as uow:
            return recruitment.wave_progress(uow=uow, wave_id=wave_id, caller=current_caller())
