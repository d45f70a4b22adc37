"""Email addresses in one canonical form, so that one person holds one account.

An address is NFKC-normalised (full-width and other compatibility forms become plain
letters), trimmed and lower-cased whole: mail providers treat the local part without regard
to case, and two accounts differing only in case would be the same mailbox. Dots and `+tags`
are kept, as providers differ in what they mean. What mail cannot be trusted to deliver, or
what could pass for another address, is refused: any character outside ASCII (a Cyrillic `\u0430`
looks like a Latin `a`), control characters, quoted local parts and bracketed IP domains.
"""

import re
import unicodedata

# RFC 5322 dot-atom local part, and a domain of LDH labels with a dot.
_LOCAL = re.compile(r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN = re.compile(r"([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]")
MAX_LENGTH = 254


class UndeliverableAddress(ValueError):
    """An address that mail cannot be trusted to deliver, or that may pass for another."""


def canonical_address(raw: str) -> str:
    """Return the one form of `raw` the platform keeps; refuse one it cannot deliver to."""
    address = unicodedata.normalize("NFKC", raw).strip().lower()
    if not address.isascii():
        raise UndeliverableAddress("use an address written only in plain letters (a-z, 0-9)")
    local, at, domain = address.rpartition("@")
    if not at or len(address) > MAX_LENGTH or len(local) > 64:
        raise UndeliverableAddress("not a valid email address")
    if not _LOCAL.fullmatch(local) or not _DOMAIN.fullmatch(domain):
        raise UndeliverableAddress("not an address mail can be delivered to")
    return address
