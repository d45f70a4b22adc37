"""Who may call an operation: declared once per view, enforced and documented from there.

`@requires(STAFF)` on a view refuses every other caller (401 without a token, 403 with
the wrong roles) before the request is read, and writes the same roles into the OpenAPI
operation (`security` and `x-required-roles`), so the spec and the check cannot disagree.
`@requires(ANYONE)` declares a public operation. Whose data a member may touch ("the member
or staff") is decided in the service layer with `caller.ensure_may_act_for(member_id)`.
"""

import functools
from collections.abc import Callable
from copy import deepcopy
from typing import Any, TypeVar

from qplatform.identity import CONNECTOR, MEMBER, PARTNER_REVIEWER, STAFF
from qplatform.web.auth import require_member, require_role

ANYONE = "anyone"
DECLARABLE = (ANYONE, MEMBER, CONNECTOR, PARTNER_REVIEWER, STAFF)
ROLES_EXTENSION = "x-required-roles"

View = TypeVar("View", bound=Callable[..., Any])


def requires(*roles: str) -> Callable[[View], View]:
    """Let only callers holding one of `roles` run the view (staff hold every role).

    Put it above the view's `@blp.arguments`, so no one learns what a request should hold
    before they may send it. `MEMBER` means any signed-in member; `ANYONE`, no token.
    """
    unknown = set(roles) - set(DECLARABLE)
    if not roles or unknown:
        raise ValueError(f"declare one or more of {DECLARABLE}; got {roles}")

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            _admit(roles)
            return view(*args, **kwargs)

        apidoc = deepcopy(getattr(view, "_apidoc", {}))
        manual = apidoc.setdefault("manual_doc", {})
        manual["security"] = [] if ANYONE in roles else [{"bearer": []}]
        manual[ROLES_EXTENSION] = list(roles)
        guarded._apidoc = apidoc  # type: ignore[attr-defined]
        guarded.required_roles = roles  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorator


def _admit(roles: tuple[str, ...]) -> None:
    if ANYONE in roles:
        return
    if MEMBER in roles:
        require_member()
    else:
        require_role(*roles)


def describe_roles(paths: dict[str, dict[str, Any]]) -> None:
    """Say in each operation's description who may call it, for readers of the API docs."""
    for operations in paths.values():
        for operation in operations.values():
            roles = operation.get(ROLES_EXTENSION) if isinstance(operation, dict) else None
            if not roles or _WHO in operation.get("description", ""):
                continue
            who = "anyone" if ANYONE in roles else " or ".join(roles) + " (staff always may)"
            described = operation.get("description", "").rstrip()
            operation["description"] = f"{described}\n\n{_WHO} {who}.".lstrip()


_WHO = "**Who may call:**"
