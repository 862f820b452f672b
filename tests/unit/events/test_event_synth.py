"""Synthetic events: recorded shapes of ref §7, AWS id formats, consistent times, seeds."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from vtlgw.apigw.variables import detect_api
from vtlgw.events import synthesize
from vtlgw.events.load import parse_event
from vtlgw.events.synth import MAX_TIME_MS, OPTION_ROUTES, OptionError, request_time

SHORT_ID = re.compile(r"^[A-Za-z0-9_-]{15}=$")


@pytest.mark.parametrize("route", ["connect", "message", "disconnect", "rest"])
def test_same_seed_same_event_different_seed_different_ids(route: str) -> None:
    assert synthesize(route, seed=7) == synthesize(route, seed=7)
    first = synthesize(route, seed=7)["requestContext"]
    second = synthesize(route, seed=8)["requestContext"]
    assert first["requestId"] != second["requestId"]


@pytest.mark.parametrize("route", ["connect", "message", "disconnect", "rest"])
def test_events_pass_the_loader_checks(route: str) -> None:
    import json

    event = synthesize(route, seed=1)
    assert parse_event(json.dumps(event)) == event


def test_connect_has_the_recorded_header_set_ref_7_1_V() -> None:
    event = synthesize("connect", seed=3, query={"token": "abc"})
    assert list(event["headers"]) == [
        "Host",
        "Sec-WebSocket-Extensions",
        "Sec-WebSocket-Key",
        "Sec-WebSocket-Version",
        "X-Amzn-Trace-Id",
        "X-Forwarded-For",
        "X-Forwarded-Port",
        "X-Forwarded-Proto",
    ]
    assert event["multiValueHeaders"] == {k: [v] for k, v in event["headers"].items()}
    assert event["queryStringParameters"] == {"token": "abc"}
    assert event["multiValueQueryStringParameters"] == {"token": ["abc"]}
    assert "body" not in event
    assert re.fullmatch(r"Root=1-[0-9a-f]{8}-[0-9a-f]{24}", event["headers"]["X-Amzn-Trace-Id"])
    assert len(event["headers"]["Sec-WebSocket-Key"]) == 24


def test_connect_without_query_has_no_query_fields_ref_7_1_V() -> None:
    event = synthesize("connect", seed=3)
    assert "queryStringParameters" not in event


def test_websocket_ids_and_times_ref_1_1_V() -> None:
    context = synthesize("connect", seed=5)["requestContext"]
    assert SHORT_ID.match(context["connectionId"])
    assert SHORT_ID.match(context["requestId"])
    assert context["requestId"] == context["extendedRequestId"]
    assert re.fullmatch(r"[a-z0-9]{10}", context["apiId"])
    assert context["domainName"] == f"{context['apiId']}.execute-api.us-east-1.amazonaws.com"
    assert 0 < context["requestTimeEpoch"] - context["connectedAt"] < 50
    moment = datetime.fromtimestamp(context["requestTimeEpoch"] / 1000, tz=timezone.utc)
    assert context["requestTime"] == moment.strftime("%d/%b/%Y:%H:%M:%S +0000")


def test_message_event_shape_ref_7_2_V() -> None:
    event = synthesize("message", seed=2, route_key="chat", body='{"action": "chat"}')
    assert set(event) == {"requestContext", "body", "isBase64Encoded"}
    context = event["requestContext"]
    assert context["routeKey"] == "chat"
    assert context["eventType"] == "MESSAGE"
    assert SHORT_ID.match(context["messageId"])
    assert "userAgent" in context["identity"]
    assert event["body"] == '{"action": "chat"}'
    assert synthesize("message", seed=2)["requestContext"]["routeKey"] == "$default"


def test_disconnect_event_shape_ref_7_3_V() -> None:
    event = synthesize("disconnect", seed=2)
    assert event["headers"] == {
        "Host": event["requestContext"]["domainName"],
        "x-api-key": "",
        "X-Forwarded-For": "",
        "x-restapi": "",
    }
    context = event["requestContext"]
    assert context["disconnectStatusCode"] == 1005
    assert context["disconnectReason"] == "Client-side close frame status not set"
    assert context["requestTimeEpoch"] - context["connectedAt"] >= 60_000


def test_rest_event_shape_ref_1_2_D() -> None:
    event = synthesize(
        "rest",
        seed=4,
        method="get",
        path="/pets/7",
        resource="/pets/{id}",
        path_parameters={"id": "7"},
        stage="dev",
    )
    context = event["requestContext"]
    assert detect_api(event) == "rest"
    assert context["httpMethod"] == "GET"
    assert context["path"] == "/dev/pets/7"
    assert context["resourcePath"] == "/pets/{id}"
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", context["requestId"]
    )
    assert context["domainPrefix"] == context["apiId"]
    assert event["body"] is None
    assert event["pathParameters"] == {"id": "7"}


def test_overrides_for_headers_authorizer_source_ip_stage() -> None:
    event = synthesize(
        "connect",
        seed=1,
        headers={"Authorization": "Bearer t", "X-Forwarded-Port": None},
        authorizer={"tenant": "acme"},
        principal_id="u-1",
        source_ip="203.0.113.5",
        stage="dev",
        stage_variables={"table": "t"},
        time_ms=1700000000000,
    )
    assert event["headers"]["Authorization"] == "Bearer t"
    assert "X-Forwarded-Port" not in event["headers"]
    assert event["headers"]["X-Forwarded-For"] == "203.0.113.5"
    context = event["requestContext"]
    assert context["authorizer"]["principalId"] == "u-1"
    assert context["authorizer"]["tenant"] == "acme"
    assert context["identity"]["sourceIp"] == "203.0.113.5"
    assert context["stage"] == "dev"
    assert context["requestTimeEpoch"] == 1700000000000
    assert event["stageVariables"] == {"table": "t"}


def test_request_time_format_ref_1_1_D() -> None:
    assert request_time(1731332746514) == "11/Nov/2024:13:45:46 +0000"


def test_unknown_route_and_option_are_rejected() -> None:
    with pytest.raises(ValueError, match="route"):
        synthesize("upgrade")
    with pytest.raises(TypeError):
        synthesize("connect", colour="blue")


@pytest.mark.parametrize(
    ("route", "option", "value"),
    [
        ("connect", "body", "x"),
        ("disconnect", "body", "x"),
        ("message", "headers", {"X": "1"}),
        ("disconnect", "query", {"a": "1"}),
        ("connect", "route_key", "chat"),
        ("rest", "connection_id", "c="),
        ("message", "method", "GET"),
        ("connect", "path_parameters", {"id": "1"}),
        ("rest", "disconnect_reason", "bye"),
    ],
)
def test_an_override_the_route_has_no_place_for_is_refused(
    route: str, option: str, value: object
) -> None:
    routes = ", ".join(OPTION_ROUTES[option])
    with pytest.raises(OptionError) as caught:
        synthesize(route, seed=1, **{option: value})
    assert caught.value.option == option
    assert str(caught.value) == (
        f"{option}: does not apply to {route} events; it applies to {routes}"
    )


@pytest.mark.parametrize("time_ms", [-1, MAX_TIME_MS + 1, True, "5", 1.5])
def test_a_time_the_event_cannot_print_is_refused(time_ms: object) -> None:
    with pytest.raises(OptionError, match=r"^time_ms: expected epoch milliseconds from 0 to "):
        synthesize("rest", seed=1, time_ms=time_ms)


def test_the_time_range_ends_print() -> None:
    assert synthesize("rest", seed=1, time_ms=MAX_TIME_MS)["requestContext"]["requestTime"] == (
        "31/Dec/9999:23:59:59 +0000"
    )
    context = synthesize("disconnect", seed=1, time_ms=0)["requestContext"]
    assert (context["requestTimeEpoch"], context["connectedAt"]) == (0, 0)


@pytest.mark.parametrize("key", ["$connect", "$disconnect", ""])
def test_a_message_route_key_cannot_name_another_route_or_be_empty(key: str) -> None:
    with pytest.raises(OptionError, match=r"^route_key: "):
        synthesize("message", seed=1, route_key=key)


def test_a_header_override_replaces_the_default_in_any_case_where_it_stands() -> None:
    default = synthesize("rest", seed=1)["headers"]
    event = synthesize("rest", seed=1, headers={"host": "h", "ACCEPT": None, "X-New": "1"})
    expected = {
        ("host" if k == "Host" else k): ("h" if k == "Host" else v) for k, v in default.items()
    }
    del expected["Accept"]
    expected["X-New"] = "1"
    assert list(event["headers"].items()) == list(expected.items())
    assert event["multiValueHeaders"] == {k: [v] for k, v in expected.items()}


def test_the_rest_identity_user_agent_follows_the_header_in_any_case() -> None:
    event = synthesize("rest", seed=1, headers={"USER-AGENT": "probe"})
    assert event["requestContext"]["identity"]["userAgent"] == "probe"
