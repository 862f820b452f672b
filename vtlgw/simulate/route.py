"""Whether an event can reach an integration: the same API kind and, on WebSocket, its route.

API Gateway hands an integration only the requests of its own route (ref §6.1 (D)): ``$connect``
gets the CONNECT event, ``$disconnect`` the DISCONNECT event, and a message route (``$default``
or a custom key such as ``sendmessage``) the MESSAGE events routed to it, whose
``requestContext.routeKey`` is that key (``$default`` when no other route matched). A REST
integration gets REST events only. Simulating any other pairing would report an outcome that
cannot happen, so :func:`check_route` makes it an input error naming the event, its route or API
kind, and the integration's. :func:`vtlgw.simulate.run.simulate` calls it before simulating.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from vtlgw.apigw.variables import detect_api
from vtlgw.errors import InputError
from vtlgw.simulate.backend import BackendResponse
from vtlgw.simulate.integration import Integration
from vtlgw.simulate.quoting import quote, shown

EVENT_TYPES = ("CONNECT", "MESSAGE", "DISCONNECT")
_ROUTE_OF_TYPE = MappingProxyType({"CONNECT": "$connect", "DISCONNECT": "$disconnect"})
_TYPE_OF_ROUTE = MappingProxyType({"$connect": "CONNECT", "$disconnect": "DISCONNECT"})


@dataclass(frozen=True)
class EventRoute:
    """Where an event is headed: its API kind and, for WebSocket, its event type and route."""

    api: str
    event_type: str | None = None  # CONNECT, MESSAGE or DISCONNECT
    route_key: str | None = None  # requestContext.routeKey as given

    @property
    def route(self) -> str | None:
        """The route key, or the one the event type implies (``$connect``, ``$disconnect``)."""
        if self.route_key is not None:
            return self.route_key
        return None if self.event_type is None else _ROUTE_OF_TYPE.get(self.event_type)

    def describe(self) -> str:
        """``a WebSocket MESSAGE event on route 'sendmessage'``, ``a REST event``, ..."""
        if self.api == "rest":
            return "a REST event (its requestContext has no eventType or connectionId)"
        kind = f" {self.event_type}" if self.event_type else ""
        where = f" on route {quote(self.route_key)}" if self.route_key is not None else ""
        return f"a WebSocket{kind} event{where}"


def _route_type(route: str) -> str:
    return _TYPE_OF_ROUTE.get(route, "MESSAGE")


def event_route(event: Mapping[str, Any], *, event_name: str = "<event>") -> EventRoute:
    """The API kind, event type and route key of ``event``.

    An ``eventType`` other than CONNECT, MESSAGE or DISCONNECT, or one that contradicts the
    ``routeKey`` (a CONNECT event on route ``sendmessage``), is an :class:`InputError`.
    """
    api = detect_api(event)
    if api == "rest":
        return EventRoute("rest")
    context = event.get("requestContext")
    context = context if isinstance(context, Mapping) else {}
    raw_type = context.get("eventType")
    if raw_type is not None and raw_type not in EVENT_TYPES:
        raise InputError(
            f"requestContext.eventType: expected one of {', '.join(EVENT_TYPES)}, "
            f"found {shown(raw_type)}",
            name=event_name,
        )
    raw_key = context.get("routeKey")
    route_key = raw_key if isinstance(raw_key, str) else None
    event_type = raw_type if isinstance(raw_type, str) else None
    if event_type is not None and route_key is not None and _route_type(route_key) != event_type:
        raise InputError(
            f"requestContext.routeKey {quote(route_key)} does not fit eventType {event_type}",
            name=event_name,
        )
    if event_type is None and route_key is not None:
        event_type = _route_type(route_key)
    return EventRoute("websocket", event_type, route_key)


def _refuse(where: EventRoute, integration: Integration, what: str, why: str, name: str) -> None:
    raise InputError(
        f"{where.describe()} cannot reach the integration {integration.name} ({what}): {why}",
        name=name,
    )


def check_route(
    integration: Integration,
    event: Mapping[str, Any],
    backend: BackendResponse | None = None,
    *,
    event_name: str = "<event>",
) -> EventRoute:
    """Raise :class:`InputError` unless ``event`` can reach ``integration``; its route if so.

    A WebSocket integration without a ``RouteKey`` takes the event's route. A backend
    ``authorizer`` outcome is refused anywhere but on ``$connect`` (ref §6.1 (D)).
    """
    where = event_route(event, event_name=event_name)
    if where.api != integration.api:
        kind = "a WebSocket" if integration.api == "websocket" else "a REST"
        _refuse(where, integration, f"{kind} integration", "the API kinds differ", event_name)
    wanted = integration.route_key
    if integration.api == "websocket" and wanted is not None and where.event_type is not None:
        what = f"RouteKey {quote(wanted)}"
        wanted_type = _route_type(wanted)
        if where.event_type != wanted_type:
            why = f"only {wanted_type} events run the integration of route {quote(wanted)}"
            _refuse(where, integration, what, f"{why} (ref §6.1 (D))", event_name)
        if wanted_type == "MESSAGE" and where.route_key is not None and where.route_key != wanted:
            why = (
                f"a message reaches the integration of route {quote(wanted)} only when it is "
                f"routed there, and this one was routed to {quote(where.route_key)} "
                "(ref §6.1 (D))"
            )
            _refuse(where, integration, what, why, event_name)
    route = wanted if wanted is not None else where.route
    if backend is not None and backend.authorizer is not None and route != "$connect":
        if integration.api == "rest":
            target = "this REST method"
        else:
            target = f"route {quote(route)}" if route is not None else "a route other than $connect"
        raise InputError(
            f"authorizer: a Lambda authorizer is simulated on the WebSocket $connect route "
            f"only, not on {target} (ref §6.1 (D))",
            name=backend.name,
        )
    return EventRoute(where.api, where.event_type, route)
