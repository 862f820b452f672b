"""Choices the reference leaves open (tag U), gathered in one frozen options object.

Each field is something real API Gateway does not document or nobody has recorded; the
default is the conservative choice the reference recommends, and ``docs/gateway-model.md``
explains every one. :class:`RenderOptions` bundles them with the rest of what a render for an
event takes (API kind, stage variables, ``$context`` overrides, body).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
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
    #: ``$input.json`` of a path that matches nothing: ``"quotes"`` gives the two characters
    #: ``""`` (an empty JSON string, as the AWS console showed: §2.3, O), ``"empty"`` renders
    #: nothing, ``"null"`` gives the JSON text ``null``.
    json_missing: Literal["quotes", "empty", "null"] = "quotes"
    #: Keep WebSocket ``requestContext`` keys the template reference does not list
    #: (``messageDirection``, ``disconnectStatusCode``, ``disconnectReason``) (§1.1, U).
    undocumented_context: bool = True
    #: An event with ``isBase64Encoded: true``: ``"decode"`` gives ``$input.body`` the decoded
    #: UTF-8 text, ``"raw"`` keeps the base64 text (I).
    base64_body: Literal["decode", "raw"] = "decode"

    def __post_init__(self) -> None:
        for name, allowed in _CHOICES.items():
            value = getattr(self, name)
            if value not in allowed:
                expected = " or ".join(repr(choice) for choice in allowed)
                raise ValueError(f"{name} must be {expected}, not {value!r}")

    @classmethod
    def names(cls) -> frozenset[str]:
        """Names of every option field."""
        return frozenset(item.name for item in fields(cls))


_CHOICES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "invalid_body": ("empty", "error"),
        "json_missing": ("quotes", "empty", "null"),
        "base64_body": ("decode", "raw"),
    }
)


@dataclass(frozen=True, kw_only=True)
class RenderOptions:
    """Everything a render for an event takes besides the template and the event.

    ``api`` forces ``"websocket"`` or ``"rest"`` (default: detected from ``requestContext``);
    ``stage_variables`` are laid over the event's; ``context`` is deep-merged into
    ``$context``; ``body`` replaces the event body; ``gateway`` holds the open behaviours.
    Values are checked when the options are made, so a mistake fails at the call that made it.
    """

    api: ApiKind | None = None
    stage_variables: Mapping[str, Any] = field(default_factory=dict)
    context: Mapping[str, Any] = field(default_factory=dict)
    body: str | None = None
    gateway: GatewayOptions = GatewayOptions()

    def __post_init__(self) -> None:
        if self.api not in (None, "websocket", "rest"):
            raise ValueError(f"api must be 'websocket' or 'rest', not {self.api!r}")
        for name in ("stage_variables", "context"):
            value = getattr(self, name)
            if not isinstance(value, Mapping):
                raise TypeError(f"{name} must be a mapping, not {type(value).__name__}")
            object.__setattr__(self, name, MappingProxyType(dict(value)))
        if self.body is not None and not isinstance(self.body, str):
            raise TypeError(f"body must be a string or None, not {type(self.body).__name__}")
        if not isinstance(self.gateway, GatewayOptions):
            raise TypeError("gateway must be a GatewayOptions")

    @classmethod
    def of(cls, **keywords: Any) -> RenderOptions:
        """Options from flat keywords: the fields above plus :class:`GatewayOptions` fields.

        An unknown name raises :class:`TypeError` naming it and the names that exist.
        """
        own = {item.name for item in fields(cls)} - {"gateway"}
        gateway_names = GatewayOptions.names()
        unknown = sorted(set(keywords) - own - gateway_names)
        if unknown:
            known = ", ".join(sorted(own | gateway_names))
            raise TypeError(f"unknown render option {unknown[0]!r}; expected one of {known}")
        gateway = GatewayOptions(**{k: v for k, v in keywords.items() if k in gateway_names})
        return cls(gateway=gateway, **{k: v for k, v in keywords.items() if k in own})

    def replace(self, **changes: Any) -> RenderOptions:
        """A copy with ``changes`` applied (checked like the original)."""
        return dataclasses.replace(self, **changes)


DEFAULT_RENDER_OPTIONS = RenderOptions()
