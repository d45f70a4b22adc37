"""Members offer talks; organisers find speakers by subject and ask them; speakers answer."""

from collections.abc import Sequence
from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

from events.domain.talks import TalkDetails
from events.entrypoints.api.callers import member_id
from events.entrypoints.api.talk_schemas import (
    AnswerSchema,
    TalkChangeSchema,
    TalkFormSchema,
    TalkQueryArgsSchema,
    TalkRequestFormSchema,
    TalkRequestSchema,
    TalkSchema,
)
from events.service_layer import talks
from events.service_layer.talks import ShownRequest, ShownTalk
from qplatform.identity import MEMBER
from qplatform.web.access import requires
from qplatform.web.app import runtime
from qplatform.web.auth import current_caller
from qplatform.web.pagination import answer, page_request, paged

blp = Blueprint("talks", __name__, url_prefix="/talks", description="Talks members offer.")


@blp.route("")
class TalkList(MethodView):
    @requires(MEMBER)
    @blp.arguments(TalkQueryArgsSchema, location="query")
    @blp.response(200, TalkSchema(many=True))
    @paged(blp)
    def get(
        self, args: dict[str, Any], pagination_parameters: PaginationParameters
    ) -> Sequence[ShownTalk]:
        """Find offered talks by subject, region and format (members only: it names speakers)."""
        with runtime().unit_of_work() as uow:
            page = talks.find_talks(
                uow=uow,
                subject=args.pop("subject"),
                page=page_request(pagination_parameters),
                region=args.get("region"),
                format=args.get("format"),
                speaker_id=args.get("speaker_id"),
            )
        return answer(pagination_parameters, page)

    @requires(MEMBER)
    @blp.arguments(TalkFormSchema)
    @blp.response(201, TalkSchema)
    def post(self, form: dict[str, Any]) -> tuple[ShownTalk, dict[str, str]]:
        """Offer a talk as the calling member."""
        speaker_id = member_id()
        details = _details(form)
        with runtime().unit_of_work() as uow:
            talk = talks.offer_talk(uow=uow, details=TalkDetails(**details), speaker_id=speaker_id)
        return talk, {"Location": url_for("talks.TalkItem", talk_id=talk.id)}


@blp.route("/<talk_id>")
class TalkItem(MethodView):
    @requires(MEMBER)
    @blp.response(200, TalkSchema)
    def get(self, talk_id: str) -> ShownTalk:
        """Show one talk, offered or withdrawn, to members."""
        with runtime().unit_of_work() as uow:
            return talks.show_talk(uow=uow, talk_id=talk_id)

    @requires(MEMBER)
    @blp.arguments(TalkChangeSchema(partial=True))
    @blp.response(200, TalkSchema)
    def patch(self, form: dict[str, Any], talk_id: str) -> ShownTalk:
        """Change an offer (its speaker or staff)."""
        caller = current_caller()
        with runtime().unit_of_work() as uow:
            return talks.change_offer(
                uow=uow, talk_id=talk_id, changes=_details(form), caller=caller
            )

    @requires(MEMBER)
    @blp.response(204)
    def delete(self, talk_id: str) -> None:
        """Withdraw an offer (its speaker or staff); answered requests stand."""
        caller = current_caller()
        with runtime().unit_of_work() as uow:
            talks.withdraw_offer(uow=uow, talk_id=talk_id, caller=caller)


@blp.route("/<talk_id>/requests")
class TalkRequests(MethodView):
    @requires(MEMBER)
    @blp.arguments(TalkRequestFormSchema)
    @blp.response(201, TalkRequestSchema)
    def post(self, form: dict[str, Any], talk_id: str) -> tuple[ShownRequest, dict[str, str]]:
        """Ask the speaker to give the talk; they are told by mail and in their feed."""
        requester_id = member_id()
        with runtime().unit_of_work() as uow:
            request = talks.request_talk(
                uow=uow, talk_id=talk_id, requester_id=requester_id, **form
            )
        return request, {"Location": url_for("talks.TalkRequestItem", request_id=request.id)}


@blp.route("/requests")
class MyTalkRequests(MethodView):
    @requires(MEMBER)
    @blp.response(200, TalkRequestSchema(many=True))
    @paged(blp)
    def get(self, pagination_parameters: PaginationParameters) -> Sequence[ShownRequest]:
        """List the requests the calling member made or was asked, newest first."""
        caller_id = member_id()
        with runtime().unit_of_work() as uow:
            page = talks.requests_of(
                uow=uow, member_id=caller_id, page=page_request(pagination_parameters)
            )
        return answer(pagination_parameters, page)


@blp.route("/requests/<request_id>")
class TalkRequestItem(MethodView):
    @requires(MEMBER)
    @blp.response(200, TalkRequestSchema)
    def get(self, request_id: str) -> ShownRequest:
        """Show a request to its speaker, its requester or staff."""
        caller = current_caller()
        with runtime().unit_of_work() as uow:
            return talks.show_request(uow=uow, request_id=request_id, caller=caller)


@blp.route("/requests/<request_id>/accept")
class Acceptance(MethodView):
    @requires(MEMBER)
    @blp.arguments(AnswerSchema)
    @blp.response(200, TalkRequestSchema)
    def post(self, form: dict[str, Any], request_id: str) -> ShownRequest:
        """Accept a request for your talk; the organiser is told by mail."""
        return _answer(request_id, accepted=True, reply=form["reply"])


@blp.route("/requests/<request_id>/decline")
class Refusal(MethodView):
    @requires(MEMBER)
    @blp.arguments(AnswerSchema)
    @blp.response(200, TalkRequestSchema)
    def post(self, form: dict[str, Any], request_id: str) -> ShownRequest:
        """Decline a request for your talk; the organiser is told by mail."""
        return _answer(request_id, accepted=False, reply=form["reply"])


def _answer(request_id: str, *, accepted: bool, reply: str | None) -> ShownRequest:
    speaker_id = member_id()
    with runtime().unit_of_work() as uow:
        return talks.answer_request(
            uow=uow, request_id=request_id, speaker_id=speaker_id, accepted=accepted, reply=reply
        )


def _details(form: dict[str, Any]) -> dict[str, Any]:
    return {
        name: tuple(value) if name in ("regions", "topics") else value
        for name, value in form.items()
    }
