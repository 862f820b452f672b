"""An event that cannot reach the integration is an input error (ref §6.1 (D))."""

from __future__ import annotations

from typing import Any

import pytest

from vtlgw.document import parse_document
from vtlgw.errors import InputError
from vtlgw.events import synthesize
from vtlgw.simulate.backend import backend_from_data
from vtlgw.simulate.integration import Integration, integration_from_document
from vtlgw.simulate.route import check_route, event_route
from vtlgw.simulate.run import simulate


def _integration(text: str) -> Integration:
    return integration_from_document(parse_document(text, name="i.yaml"))


def _ws(route_key: str) -> Integration:
    return _integration(f"RouteKey: '{route_key}'\nIntegrationType: MOCK\n")


def _event(route: str, **overrides: Any) -> dict[str, Any]:
    return synthesize(route, seed=5, **overrides)


def _refusal(integration: Integration, event: dict[str, Any]) -> str:
    with pytest.raises(InputError) as info:
        simulate(integration, event, None, event_name="e.json")
    assert info.value.name == "e.json"
    return info.value.message


def test_connect_integration_with_a_message_event() -> None:
    # The issue: this used to report "connection accepted (HTTP 101)".
    assert _refusal(_ws("$connect"), _event("message", body="{}")) == (
        "a WebSocket MESSAGE event on route '$default' cannot reach the integration i.yaml "
        "(RouteKey '$connect'): only CONNECT events run the integration of route '$connect' "
        "(ref §6.1 (D))"
    )


def test_message_integration_with_a_connect_or_disconnect_event() -> None:
    assert _refusal(_ws("sendmessage"), _event("connect")) == (
        "a WebSocket CONNECT event on route '$connect' cannot reach the integration i.yaml "
        "(RouteKey 'sendmessage'): only MESSAGE events run the integration of route "
        "'sendmessage' (ref §6.1 (D))"
    )
    assert _refusal(_ws("$connect"), _event("disconnect")).startswith(
        "a WebSocket DISCONNECT event on route '$disconnect' cannot reach"
    )


def test_websocket_integration_with_a_rest_event() -> None:
    assert _refusal(_ws("$default"), _event("rest")) == (
        "a REST event (its requestContext has no eventType or connectionId) cannot reach the "
        "integration i.yaml (a WebSocket integration): the API kinds differ"
    )


def test_rest_integration_with_a_websocket_event() -> None:
    assert _refusal(_integration("type: MOCK\n"), _event("message", body="{}")) == (
        "a WebSocket MESSAGE event on route '$default' cannot reach the integration i.yaml "
        "(a REST integration): the API kinds differ"
    )


def test_custom_route_needs_the_events_route_key() -> None:
    assert _refusal(_ws("sendmessage"), _event("message", body="{}")) == (
        "a WebSocket MESSAGE event on route '$default' cannot reach the integration i.yaml "
        "(RouteKey 'sendmessage'): a message reaches the integration of route 'sendmessage' "
        "only when it is routed there, and this one was routed to '$default' (ref §6.1 (D))"
    )
    # route keys match exactly, case included (ref §6.1 (D))
    assert "routed to 'SendMessage'" in _refusal(
        _ws("sendmessage"), _event("message", route_key="SendMessage", body="{}")
    )
    reached = simulate(_ws("sendmessage"), _event("message", route_key="sendmessage", body="{}"))
    assert reached.route == "sendmessage"


def test_default_route_receives_only_messages_routed_to_default() -> None:
    # $default gets the messages no other route matched: their routeKey is $default.
    reached = simulate(_ws("$default"), _event("message", body='{"action": "x"}'))
    assert reached.route == "$default"
    assert "routed to 'sendmessage'" in _refusal(
        _ws("$default"), _event("message", route_key="sendmessage", body="{}")
    )


def test_integration_without_route_key_takes_the_events_route() -> None:
    integration = _integration("IntegrationType: MOCK\n")
    event = _event("message", route_key="anything", body="{}")
    assert simulate(integration, event).route == "anything"
    assert simulate(integration, _event("connect")).route == "$connect"


def test_hand_written_event_without_route_key_or_event_type_is_accepted() -> None:
    event = {"requestContext": {"connectionId": "c1"}, "body": "{}"}
    assert simulate(_ws("sendmessage"), event).route == "sendmessage"


def test_event_type_alone_gives_the_route() -> None:
    event = {"requestContext": {"eventType": "CONNECT", "connectionId": "c1"}}
    where = event_route(event)
    assert (where.api, where.event_type, where.route) == ("websocket", "CONNECT", "$connect")
    assert "only MESSAGE events" in _refusal(_ws("ping"), event)


@pytest.mark.parametrize(
    ("context", "message"),
    [
        (
            {"eventType": "OPEN", "connectionId": "c"},
            "requestContext.eventType: expected one of CONNECT, MESSAGE, DISCONNECT, found 'OPEN'",
        ),
        (
            {"eventType": 3, "connectionId": "c"},
            "requestContext.eventType: expected one of CONNECT, MESSAGE, DISCONNECT, found 3",
        ),
        (
            {"eventType": "CONNECT", "routeKey": "sendmessage"},
            "requestContext.routeKey 'sendmessage' does not fit eventType CONNECT",
        ),
        (
            {"eventType": "MESSAGE", "routeKey": "$connect"},
            "requestContext.routeKey '$connect' does not fit eventType MESSAGE",
        ),
    ],
)
def test_contradictory_or_unknown_event_types(context: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError) as info:
        check_route(_ws("$connect"), {"requestContext": context}, event_name="e.json")
    assert (info.value.name, info.value.message) == ("e.json", message)


def test_authorizer_outcome_only_on_connect() -> None:
    backend = backend_from_data({"authorizer": "deny"}, name="b.yaml")
    with pytest.raises(InputError) as info:
        simulate(_ws("sendmessage"), _event("message", route_key="sendmessage"), backend)
    assert (info.value.name, info.value.message) == (
        "b.yaml",
        "authorizer: a Lambda authorizer is simulated on the WebSocket $connect route only, "
        "not on route 'sendmessage' (ref §6.1 (D))",
    )
    with pytest.raises(InputError, match="not on this REST method"):
        simulate(_integration("type: HTTP\n"), _event("rest"), backend)
    refused = simulate(_ws("$connect"), _event("connect"), backend)
    assert (refused.client.status, refused.client.accepted) == (403, False)
