"""Choices the reference leaves open (tag U), gathered in one frozen options object.

Each field is something real API Gateway does not document or nobody has recorded; the
default is the conservative choice the reference recommends, and ``docs/gateway-model.md``
explains every one. Callers pass them as keyword options to ``vtlgw.render`` or
``build_variables``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal

ApiKind = Literal["websocket", "rest"]


@dataclass(frozen=True)
class GatewayOptions:
    """Open behaviours of the gateway model (ref §2.3, §2.4, §1.1; all U)."""

    #: ``$input.params()`` on WebSocket routes contains an empty ``path`` map (§2.4, U).
    websocket_params_path: bool = True
    #: ``$input.params('x')`` matches header names ignoring case (§2.3: docs say exact, U).
    params_ignore_case: bool = False
    #: ``$input.path``/``$input.json`` on a body that is not JSON: ``"empty"`` renders nothing,
    #: ``"error"`` fails the render like a Java exception would (§2.3, U).
    invalid_body: Literal["empty", "error"] = "empty"
    #: ``$input.json`` of a path that matches nothing: ``"empty"`` renders nothing, ``"null"``
    #: gives the JSON text ``null`` (§2.3, U).
    json_missing: Literal["empty", "null"] = "empty"
    #: Keep WebSocket ``requestContext`` keys the template reference does not list
    #: (``messageDirection``, ``disconnectStatusCode``, ``disconnectReason``) (§1.1, U).
    undocumented_context: bool = True
    #: An event with ``isBase64Encoded: true``: ``"decode"`` gives ``$input.body`` the decoded
    #: UTF-8 text, ``"raw"`` keeps the base64 text (I).
    base64_body: Literal["decode", "raw"] = "decode"

    @classmethod
    def names(cls) -> frozenset[str]:
        """Names of every option field."""
        return frozenset(field.name for field in fields(cls))

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> GatewayOptions:
        """Build from keyword options, checking values; unknown names raise TypeError."""
        unknown = set(options) - cls.names()
        if unknown:
            raise TypeError(f"unknown gateway option(s): {', '.join(sorted(unknown))}")
        result = cls(**options)
        if result.invalid_body not in ("empty", "error"):
            raise ValueError("invalid_body must be 'empty' or 'error'")
        if result.json_missing not in ("empty", "null"):
            raise ValueError("json_missing must be 'empty' or 'null'")
        if result.base64_body not in ("decode", "raw"):
            raise ValueError("base64_body must be 'decode' or 'raw'")
        return result
