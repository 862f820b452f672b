"""``$context``: the request context map, built from an event's ``requestContext`` (ref §1, §11.12).

REST contexts follow the key order recorded on AWS (§11.12, V): the eighteen top-level keys,
the twelve ``identity`` keys (empty strings when unauthenticated), ``requestOverride`` with
``path``/``header``/``querystring`` and ``responseOverride`` with ``header``; anything else the
event carries (``authorizer``, ``wafResponseCode``...) follows in event order. WebSocket contexts
keep the event's own keys and order (§1.1, §7). Nested groups are :class:`ContextGroup` maps,
which behave as maps but print as an empty string (§11.12, V). Authorizer values become strings
(§1.1, D).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from vtlgw.apigw.jsonvalue import to_json
from vtlgw.apigw.util import java_string
from vtlgw.engine.jcollections import MAP_METHODS
from vtlgw.engine.values import MISSING, VtlObject

REST_KEYS = (
    "resourceId",
    "resourcePath",
    "httpMethod",
    "extendedRequestId",
    "requestTime",
    "path",
    "accountId",
    "protocol",
    "requestOverride",
    "stage",
    "domainPrefix",
    "requestTimeEpoch",
    "requestId",
    "identity",
    "domainName",
    "deploymentId",
    "responseOverride",
    "apiId",
)
REST_IDENTITY_KEYS = (
    "cognitoIdentityPoolId",
    "accountId",
    "cognitoIdentityId",
    "caller",
    "sourceIp",
    "principalOrgId",
    "accessKey",
    "cognitoAuthenticationType",
    "cognitoAuthenticationProvider",
    "userArn",
    "userAgent",
    "user",
)
#: WebSocket requestContext keys the template reference does not list (§1.1, U).
UNDOCUMENTED_WEBSOCKET_KEYS = frozenset(
    {"messageDirection", "disconnectStatusCode", "disconnectReason"}
)


class ContextGroup(dict, VtlObject):  # type: ignore[type-arg]
    """A nested ``$context`` map: keys and ``get`` work, printing it gives ``""`` (§11.12, V).

    It is a ``dict`` (a LinkedHashMap to the engine) and also answers as a host object, so the
    engine reaches it either way: reads, ``Map`` methods and ``#set`` go to the map methods of
    the Java layer, and ``toString`` is empty. Keys written as properties
    (``#set($context.requestOverride.header.X-Trace = ...)``) arrive as a ``setX-Trace`` setter
    name; the key keeps an existing spelling, else the first letter is upper case in header
    groups and lower case elsewhere.
    """

    java_class_name: ClassVar[str] = "java.util.LinkedHashMap"
    #: First letter of a key written through a setter name: kept upper case (header groups).
    upper_keys: ClassVar[bool] = False

    def vtl_str(self) -> str:
        """How the group prints inside a template: empty."""
        return ""

    def vtl_get(self, name: str) -> Any:
        """``$group.name``: ``Map.get(name)`` (null when absent)."""
        return MAP_METHODS["get"](self, (name,))

    def vtl_call(self, name: str, args: tuple[Any, ...]) -> Any:
        """``Map`` methods; ``toString()`` is empty; ``setName(v)`` puts ``name``."""
        if name == "toString" and not args:
            return ""
        method = MAP_METHODS.get(name)
        if method is not None:
            return method(self, args)
        if name.startswith("set") and len(name) > 3 and len(args) == 1:
            return MAP_METHODS["put"](self, (self._setter_key(name[3:]), args[0]))
        return MISSING

    def _setter_key(self, capitalised: str) -> str:
        lower = capitalised[:1].lower() + capitalised[1:]
        for candidate in (capitalised, lower):
            if candidate in self:
                return candidate
        return capitalised if self.upper_keys else lower


class HeaderGroup(ContextGroup):
    """An override ``header`` group: header names usually start upper case (``X-Trace``)."""

    upper_keys: ClassVar[bool] = True


def authorizer_string(value: Any) -> Any:
    """An authorizer context value as the template sees it: always a String (§1.1, D)."""
    if isinstance(value, Mapping):
        return ContextGroup(
            (key, authorizer_string(item)) for key, item in value.items() if item is not None
        )
    if isinstance(value, (list, tuple)):
        return to_json(list(value))
    return java_string(value)


def _group(value: Mapping[str, Any]) -> ContextGroup:
    return ContextGroup(
        (key, _group(item) if isinstance(item, Mapping) else item)
        for key, item in value.items()
        if item is not None
    )


def _authorizer(value: Any) -> ContextGroup:
    return authorizer_string(value) if isinstance(value, Mapping) else ContextGroup()


def rest_context(request_context: Mapping[str, Any]) -> dict[str, Any]:
    """``$context`` of a REST (v1) request from its proxy-event ``requestContext``."""
    context: dict[str, Any] = {}
    for key in REST_KEYS:
        if key == "identity":
            source = request_context.get("identity")
            identity = source if isinstance(source, Mapping) else {}
            group = ContextGroup()
            for name in REST_IDENTITY_KEYS:
                found = identity.get(name)
                group[name] = "" if found is None else found
            for name, found in identity.items():
                if name not in group and found is not None:
                    group[name] = _group(found) if isinstance(found, Mapping) else found
            context[key] = group
        elif key == "requestOverride":
            context[key] = ContextGroup(
                path=ContextGroup(),
                header=HeaderGroup(),
                querystring=ContextGroup(),
            )
        elif key == "responseOverride":
            context[key] = ContextGroup(header=HeaderGroup())
        else:
            found = request_context.get(key)
            context[key] = "" if found is None else found
    for key, found in request_context.items():
        if key in context or found is None:
            continue
        if key == "authorizer":
            context[key] = _authorizer(found)
        else:
            context[key] = _group(found) if isinstance(found, Mapping) else found
    return context


def websocket_context(
    request_context: Mapping[str, Any], *, undocumented: bool = True
) -> dict[str, Any]:
    """``$context`` of a WebSocket route from its proxy-event ``requestContext`` (§1.1, §7)."""
    context: dict[str, Any] = {}
    for key, found in request_context.items():
        if found is None or (not undocumented and key in UNDOCUMENTED_WEBSOCKET_KEYS):
            continue
        if key == "authorizer":
            context[key] = _authorizer(found)
        elif isinstance(found, Mapping):
            context[key] = _group(found)
        else:
            context[key] = found
    return context


def deep_merge(target: dict[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``overrides`` into ``target`` in place: maps merge key by key, other values replace.

    New nested maps become :class:`ContextGroup`; values under ``authorizer`` become strings.
    """
    for key, value in overrides.items():
        current = target.get(key)
        if isinstance(value, Mapping):
            if not isinstance(current, dict):
                current = ContextGroup()
                target[key] = current
            deep_merge(current, value)
        else:
            target[key] = value
    if isinstance(target.get("authorizer"), Mapping):
        target["authorizer"] = _authorizer(target["authorizer"])
    return target
