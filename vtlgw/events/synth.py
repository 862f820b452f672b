"""Realistic synthetic Lambda proxy events for the four routes: connect, message, disconnect, rest.

Shapes follow the recorded events of ref §7 (WebSocket) and the REST v1 proxy format: AWS id
formats (16-character connection/request ids ending in ``=``, 10-character API ids, UUID REST
request ids, ``Root=1-<hex time>-<24 hex>`` trace ids), ``requestTime`` and
``requestTimeEpoch`` for the same instant, ``connectedAt`` a little before it, and the header
sets recorded for each route. ``seed`` makes every id and time reproducible.

Overrides are checked, never dropped: one the route's event has no place for (``body`` on
connect; :data:`OPTION_ROUTES`), a message route key naming another route, or a time the event
cannot print (:data:`MAX_TIME_MS`) raises :class:`OptionError` naming the option.
"""

from __future__ import annotations

import base64
import random
import re
import time as time_module
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Any

ROUTES = ("connect", "message", "disconnect", "rest")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
#: 2024-11-11T13:45:46.514Z, the recorded message event of §7.2: seeded events start near it.
_SEEDED_EPOCH_MS = 1731332746514
#: The latest request time an event can carry: 9999-12-31T23:59:59.999Z. ``requestTime``
#: prints a four-digit year, and Python's datetime ends there.
MAX_TIME_MS = 253402300799999
#: The routes whose events have a place for an option; options not listed shape every route.
OPTION_ROUTES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "headers": ("connect", "disconnect", "rest"),
        "query": ("connect", "rest"),
        "body": ("message", "rest"),
        "route_key": ("message",),
        "connection_id": ("connect", "message", "disconnect"),
        "method": ("rest",),
        "path": ("rest",),
        "resource": ("rest",),
        "path_parameters": ("rest",),
        "account_id": ("rest",),
        "disconnect_status_code": ("disconnect",),
        "disconnect_reason": ("disconnect",),
    }
)
#: Route keys API Gateway keeps for its own routes, and the route each belongs to.
_RESERVED_ROUTE_KEYS = MappingProxyType({"$connect": "connect", "$disconnect": "disconnect"})
_METHOD = re.compile(r"[A-Za-z]+")
_USER_AGENT = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)


@dataclass(frozen=True)
class SynthOptions:
    """What a caller may set on a synthetic event; everything else is generated."""

    stage: str = "prod"
    region: str = "us-east-1"
    api_id: str | None = None
    domain_name: str | None = None
    source_ip: str | None = None
    user_agent: str | None = None
    headers: dict[str, str | None] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    route_key: str | None = None
    authorizer: dict[str, Any] | None = None
    principal_id: str | None = None
    stage_variables: dict[str, str] | None = None
    time_ms: int | None = None
    connection_id: str | None = None
    method: str = "POST"
    path: str = "/items"
    resource: str | None = None
    path_parameters: dict[str, str] | None = None
    account_id: str | None = None
    disconnect_status_code: int = 1005
    disconnect_reason: str = "Client-side close frame status not set"


class OptionError(ValueError):
    """An override the event cannot take; ``option`` is the :class:`SynthOptions` field."""

    def __init__(self, option: str, problem: str) -> None:
        super().__init__(f"{option}: {problem}")
        self.option = option
        self.problem = problem


def check_overrides(route: str, overrides: Mapping[str, Any]) -> None:
    """Raise :class:`OptionError` for an override ``route``'s event has no place for, and for
    values that would give a wrong event or a crash: a route key naming another route or empty,
    a time outside 0..:data:`MAX_TIME_MS`, a method not a word, a path not starting with ``/``.
    """
    for option in overrides:
        routes = OPTION_ROUTES.get(option, ROUTES)
        if route not in routes:
            raise OptionError(
                option, f"does not apply to {route} events; it applies to {', '.join(routes)}"
            )
    route_key = overrides.get("route_key")
    if route_key is not None:
        if not route_key:
            raise OptionError("route_key", "must not be empty (the default is $default)")
        owner = _RESERVED_ROUTE_KEYS.get(route_key)
        if owner is not None:
            raise OptionError(
                "route_key",
                f"{route_key!r} is the key of the {owner} route, not a message route key; "
                f"make a {owner} event instead (vtlgw event {owner})",
            )
    time_ms = overrides.get("time_ms")
    if time_ms is not None and (
        isinstance(time_ms, bool) or not isinstance(time_ms, int) or not 0 <= time_ms <= MAX_TIME_MS
    ):
        raise OptionError(
            "time_ms",
            f"expected epoch milliseconds from 0 to {MAX_TIME_MS} (the end of year 9999), "
            f"found {time_ms!r}",
        )
    method = overrides.get("method")
    if method is not None and not (isinstance(method, str) and _METHOD.fullmatch(method)):
        raise OptionError("method", f"expected an HTTP method such as GET, found {method!r}")
    for option in ("path", "resource"):
        value = overrides.get(option)
        if value is not None and not (isinstance(value, str) and value.startswith("/")):
            raise OptionError(option, f"expected a path starting with '/', found {value!r}")


def request_time(epoch_ms: int) -> str:
    """CLF time of an epoch in ms, as ``$context.requestTime``: ``11/Nov/2024:13:45:46 +0000``."""
    moment = datetime.fromtimestamp(epoch_ms / 1000, tz=timezone.utc)
    return (
        f"{moment.day:02d}/{_MONTHS[moment.month - 1]}/{moment.year}:"
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d} +0000"
    )


class _Ids:
    """Id generator over one random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def short_id(self) -> str:
        """16 chars: URL-safe base64 of 11 random bytes (15 chars + '=')."""
        return base64.urlsafe_b64encode(self.rng.randbytes(11)).decode("ascii")

    def lower(self, length: int) -> str:
        return "".join(self.rng.choice(_LOWER_ALNUM) for _ in range(length))

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def trace_id(self, epoch_ms: int) -> str:
        return f"Root=1-{epoch_ms // 1000:08x}-{self.rng.getrandbits(96):024x}"

    def ip(self) -> str:
        # TEST-NET ranges (RFC 5737): realistic, never a real client
        net = self.rng.choice(("192.0.2", "198.51.100", "203.0.113"))
        return f"{net}.{self.rng.randint(1, 254)}"

    def websocket_key(self) -> str:
        return base64.b64encode(self.rng.randbytes(16)).decode("ascii")

    def account(self) -> str:
        return "".join(str(self.rng.randint(0, 9)) for _ in range(12))


def _multi(values: dict[str, str]) -> dict[str, list[str]]:
    return {key: [value] for key, value in values.items()}


def _apply_headers(base: dict[str, str], extra: dict[str, str | None]) -> dict[str, str]:
    """``base`` with ``extra`` applied; names match in any case (``host`` replaces ``Host``
    where it stands, in the caller's spelling), ``None`` removes a header."""
    pending = {key.lower(): (key, value) for key, value in extra.items()}
    merged: dict[str, str] = {}
    for key, value in base.items():
        key, override = pending.pop(key.lower(), (key, value))
        if override is not None:
            merged[key] = override
    merged.update((key, value) for key, value in pending.values() if value is not None)
    return merged


def _header(headers: Mapping[str, str], name: str) -> str | None:
    """The value of header ``name`` in any spelling (header names are case-insensitive)."""
    wanted = name.lower()
    return next((value for key, value in headers.items() if key.lower() == wanted), None)


def _authorizer(options: SynthOptions) -> dict[str, Any] | None:
    if options.authorizer is None and options.principal_id is None:
        return None
    result: dict[str, Any] = {"principalId": options.principal_id or "user"}
    result.update(options.authorizer or {})
    result.setdefault("integrationLatency", 0)
    return result


def synthesize(route: str, *, seed: int | None = None, **overrides: Any) -> dict[str, Any]:
    """A realistic proxy event for ``route`` (``connect|message|disconnect|rest``).

    ``overrides`` are :class:`SynthOptions` fields (``headers``, ``query``, ``body``, ``stage``,
    ``authorizer``, ``principal_id``, ``source_ip``, ``route_key``, ``time_ms``...). The same
    ``seed`` and overrides always give the same event; without a seed ids are random and the time
    is now. An unknown override is a TypeError; one the route has no place for, or a value that
    cannot be right, an :class:`OptionError` (see :func:`check_overrides`).
    """
    if route not in ROUTES:
        raise ValueError(f"route must be one of {', '.join(ROUTES)}, not {route!r}")
    options = SynthOptions(**overrides)
    check_overrides(route, overrides)
    rng = random.Random(seed) if seed is not None else random.Random()
    ids = _Ids(rng)
    if options.time_ms is not None:
        now_ms = options.time_ms
    elif seed is not None:
        now_ms = _SEEDED_EPOCH_MS + rng.randrange(0, 30 * 86_400_000)
    else:
        now_ms = int(time_module.time() * 1000)
    api_id = options.api_id or ids.lower(10)
    domain = options.domain_name or f"{api_id}.execute-api.{options.region}.amazonaws.com"
    source_ip = options.source_ip or ids.ip()
    if route == "rest":
        return _rest_event(options, ids, now_ms, api_id, domain, source_ip)
    return _websocket_event(route, options, ids, now_ms, api_id, domain, source_ip)


def _websocket_event(
    route: str,
    options: SynthOptions,
    ids: _Ids,
    now_ms: int,
    api_id: str,
    domain: str,
    source_ip: str,
) -> dict[str, Any]:
    rng = ids.rng
    lag = {"connect": rng.randint(3, 12), "message": rng.randint(2_000, 60_000)}.get(
        route, rng.randint(60_000, 600_000)
    )
    request_id = ids.short_id()
    context: dict[str, Any] = {
        "routeKey": {"connect": "$connect", "disconnect": "$disconnect"}.get(
            route, options.route_key or "$default"
        ),
    }
    if route == "message":
        context["messageId"] = ids.short_id()
    if route == "disconnect":
        context["disconnectStatusCode"] = options.disconnect_status_code
    context.update(
        eventType={"connect": "CONNECT", "message": "MESSAGE"}.get(route, "DISCONNECT"),
        extendedRequestId=request_id,
        requestTime=request_time(now_ms),
        messageDirection="IN",
    )
    if route == "disconnect":
        context["disconnectReason"] = options.disconnect_reason
    identity: dict[str, str] = {"sourceIp": source_ip}
    if route == "message" or options.user_agent:
        identity["userAgent"] = options.user_agent or _USER_AGENT
    context.update(
        stage=options.stage,
        connectedAt=max(now_ms - lag, 0),
        requestTimeEpoch=now_ms,
        identity=identity,
        requestId=request_id,
        domainName=domain,
        connectionId=options.connection_id or ids.short_id(),
        apiId=api_id,
    )
    authorizer = _authorizer(options)
    if authorizer is not None:
        context["authorizer"] = authorizer
    event: dict[str, Any] = {}
    if route == "connect":
        headers = {
            "Host": domain,
            "Sec-WebSocket-Extensions": "permessage-deflate; client_max_window_bits",
            "Sec-WebSocket-Key": ids.websocket_key(),
            "Sec-WebSocket-Version": "13",
            "X-Amzn-Trace-Id": ids.trace_id(now_ms),
            "X-Forwarded-For": source_ip,
            "X-Forwarded-Port": "443",
            "X-Forwarded-Proto": "https",
        }
        if options.user_agent:
            headers["User-Agent"] = options.user_agent
        headers = _apply_headers(headers, options.headers)
        event["headers"] = headers
        event["multiValueHeaders"] = _multi(headers)
        if options.query:
            event["queryStringParameters"] = dict(options.query)
            event["multiValueQueryStringParameters"] = _multi(options.query)
    elif route == "disconnect":
        headers = _apply_headers(
            {"Host": domain, "x-api-key": "", "X-Forwarded-For": "", "x-restapi": ""},
            options.headers,
        )
        event["headers"] = headers
        event["multiValueHeaders"] = _multi(headers)
    if options.stage_variables:
        event["stageVariables"] = dict(options.stage_variables)
    event["requestContext"] = context
    if route == "message":
        default_body = '{"action": "sendmessage", "message": "hello"}'
        event["body"] = options.body if options.body is not None else default_body
    event["isBase64Encoded"] = False
    return event


def _rest_event(
    options: SynthOptions,
    ids: _Ids,
    now_ms: int,
    api_id: str,
    domain: str,
    source_ip: str,
) -> dict[str, Any]:
    method = options.method.upper()
    resource = options.resource or options.path
    body = options.body
    if body is None and method in ("POST", "PUT", "PATCH"):
        body = '{"name": "example", "quantity": 1}'
    headers = {
        "Accept": "application/json",
        "Accept-Encoding": "gzip, deflate, br",
        "Host": domain,
        "User-Agent": options.user_agent or _USER_AGENT,
        "X-Amzn-Trace-Id": ids.trace_id(now_ms),
        "X-Forwarded-For": source_ip,
        "X-Forwarded-Port": "443",
        "X-Forwarded-Proto": "https",
    }
    if body is not None:
        headers = {"Content-Type": "application/json", **headers}
    headers = _apply_headers(headers, options.headers)
    query = dict(options.query)
    identity: dict[str, Any] = {
        "cognitoIdentityPoolId": None,
        "accountId": None,
        "cognitoIdentityId": None,
        "caller": None,
        "sourceIp": source_ip,
        "principalOrgId": None,
        "accessKey": None,
        "cognitoAuthenticationType": None,
        "cognitoAuthenticationProvider": None,
        "userArn": None,
        "userAgent": _header(headers, "User-Agent") or "",
        "user": None,
    }
    context: dict[str, Any] = {
        "resourceId": ids.lower(6),
        "resourcePath": resource,
        "httpMethod": method,
        "extendedRequestId": ids.short_id(),
        "requestTime": request_time(now_ms),
        "path": f"/{options.stage}{options.path}",
        "accountId": options.account_id or ids.account(),
        "protocol": "HTTP/1.1",
        "stage": options.stage,
        "domainPrefix": domain.split(".", 1)[0],
        "requestTimeEpoch": now_ms,
        "requestId": ids.uuid(),
        "identity": identity,
        "domainName": domain,
        "deploymentId": ids.lower(6),
        "apiId": api_id,
    }
    authorizer = _authorizer(options)
    if authorizer is not None:
        context["authorizer"] = authorizer
    return {
        "resource": resource,
        "path": options.path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": _multi(headers),
        "queryStringParameters": query or None,
        "multiValueQueryStringParameters": _multi(query) or None,
        "pathParameters": dict(options.path_parameters) if options.path_parameters else None,
        "stageVariables": dict(options.stage_variables) if options.stage_variables else None,
        "requestContext": context,
        "body": body,
        "isBase64Encoded": False,
    }
