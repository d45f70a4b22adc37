"""Tell a turned-down applicant the decision, keeping their address only until it is out."""

from notifications.domain.letters import APPLICANT_TEMPLATES, APPLICATION_DECISION
from notifications.domain.model import Contact, Message, MessageState
from notifications.service_layer.queueing import queue_letter
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from qplatform.messaging.handlers import ReceivedEvent


def mail_decision(uow: NotificationsUnitOfWork, event: ReceivedEvent) -> None:
    """Queue the decision mail for a rejection, once; an approval's mail is the welcome."""
    data = event.data
    if data["decision"] != "rejected":
        return
    application_id = data["application_id"]
    queued = queue_letter(
        uow,
        cause_id=event.id,
        member_id=application_id,
        template=APPLICATION_DECISION,
        context={"reason": data["reason"]},
    )
    if queued is None:
        return
    # The applicant is not a member: the application's id stands for them until it is sent.
    contact = uow.contacts.get(application_id) or Contact(member_id=application_id)
    contact.email, contact.display_name = data["email"], data["display_name"]
    contact.consents, contact.updated_at = [], event.envelope.time
    uow.contacts.add(contact)


def forget_applicant(uow: NotificationsUnitOfWork, application_id: str) -> None:
    """Scrub an applicant's finished mail; drop their address unless a mail still waits."""
    waiting = False
    for message in uow.messages.all_of(application_id):
        if message.template not in APPLICANT_TEMPLATES:
            continue
        if message.state == MessageState.QUEUED:
            waiting = True
        else:
            _scrub(message)
    contacts = uow.contacts
    contact = contacts.get(application_id)
    if contact is not None and not waiting:
        contacts.delete(contact)


def forget_once_out(uow: NotificationsUnitOfWork, message: Message) -> None:
    """Once an applicant's mail is sent or given up, forget its words and their address."""
    if message.template not in APPLICANT_TEMPLATES or message.state == MessageState.QUEUED:
        return
    _scrub(message)
    contacts = uow.contacts
    contact = contacts.get(message.member_id)
    if contact is not None:
        contacts.delete(contact)


def _scrub(message: Message) -> None:
    message.scrub()
    message.context = {}
