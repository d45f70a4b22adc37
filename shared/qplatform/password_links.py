"""The one-time set-password link, which no stream carries.

Membership announces a set-password request by its id only; the link's secret is a keyed
digest of that id, which only membership and notifications can compute, holding the
password link key (`QP_PASSWORD_LINK_SECRET`). Membership keeps a digest of the secret and
notifications mails it, so a reader of every topic learns an id that sets no password.
"""

import base64
import hashlib
import hmac


def password_link_secret(key: str, setup_id: str) -> str:
    """Return the secret of the set-password link of request `setup_id`."""
    mac = hmac.new(key.encode(), f"password-setup:{setup_id}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode()
