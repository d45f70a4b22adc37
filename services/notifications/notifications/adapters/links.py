"""Signed links in mail that let a member unsubscribe without signing in."""

from itsdangerous import BadSignature, URLSafeSerializer

from notifications.domain.errors import InvalidLink


class UnsubscribeLinks:
    """Sign and read the links that unsubscribe one member from one category."""

    def __init__(self, secret: str, base_url: str) -> None:
        self._serializer = URLSafeSerializer(secret, salt="unsubscribe")
        self._base_url = base_url.rstrip("/")

    def url(self, member_id: str, category: str) -> str:
        """Return the link that unsubscribes `member_id` from `category`."""
        return f"{self._base_url}/unsubscribe/{self._serializer.dumps([member_id, category])}"

    def read(self, token: str) -> tuple[str, str]:
        """Return the member and category a token names; raise InvalidLink if forged."""
        try:
            member_id, category = self._serializer.loads(token)
        except (BadSignature, ValueError, TypeError):
            raise InvalidLink("this unsubscribe link is not valid", field="token") from None
        return str(member_id), str(category)
