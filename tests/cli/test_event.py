"""``vtlgw event``: realistic events on stdout, reproducible with --seed."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from vtlgw.cli import cli
from vtlgw.events import synthesize


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["event", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_seeded_event_is_reproducible_and_matches_the_library() -> None:
    code, out, _ = run("connect", "--seed", "11")
    assert code == 0
    assert out.endswith("}\n")
    assert json.loads(out) == synthesize("connect", seed=11)
    assert run("connect", "--seed", "11")[1] == out


def test_flags_reach_the_event() -> None:
    code, out, _ = run(
        "connect",
        "--seed",
        "2",
        "-H",
        "Authorization: Bearer t",
        "-q",
        "token=a b",
        "--stage",
        "dev",
        "--authorizer",
        "tenant=acme",
        "--authorizer",
        "quota=5",
        "--principal-id",
        "u-9",
        "--source-ip",
        "203.0.113.4",
        "--stage-var",
        "table=conn",
    )
    assert code == 0
    event = json.loads(out)
    assert event["headers"]["Authorization"] == "Bearer t"
    assert event["queryStringParameters"] == {"token": "a b"}
    context = event["requestContext"]
    assert context["stage"] == "dev"
    assert context["authorizer"]["tenant"] == "acme"
    assert context["authorizer"]["quota"] == 5
    assert context["authorizer"]["principalId"] == "u-9"
    assert context["identity"]["sourceIp"] == "203.0.113.4"
    assert event["stageVariables"] == {"table": "conn"}


def test_message_route_key_and_body() -> None:
    code, out, _ = run("message", "--seed", "1", "--route-key", "chat", "--body", "hi")
    event = json.loads(out)
    assert (code, event["requestContext"]["routeKey"], event["body"]) == (0, "chat", "hi")


def test_rest_flags() -> None:
    code, out, _ = run(
        "rest",
        "--seed",
        "1",
        "--method",
        "GET",
        "--path",
        "/pets/3",
        "--resource",
        "/pets/{id}",
        "--path-param",
        "id=3",
        "--time-ms",
        "1700000000000",
    )
    event = json.loads(out)
    assert code == 0
    assert event["pathParameters"] == {"id": "3"}
    assert event["requestContext"]["requestTimeEpoch"] == 1700000000000
    assert event["requestContext"]["requestTime"] == "14/Nov/2023:22:13:20 +0000"


def test_bad_flags_are_usage_errors() -> None:
    assert run("connect", "-H", "no colon")[0] == 2
    assert run("connect", "-q", "novalue")[0] == 2
    assert run("upgrade")[0] == 2


def test_event_as_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "vtlgw", "event", "disconnect", "--seed", "5"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == synthesize("disconnect", seed=5)


def test_defaults_are_the_library_defaults() -> None:
    for route in ("connect", "message", "disconnect", "rest"):
        code, out, _ = run(route, "--seed", "4")
        assert (code, json.loads(out)) == (0, synthesize(route, seed=4))


@pytest.mark.parametrize("value", ["-5", "99999999999999999", "253402300800000"])
def test_time_outside_what_the_event_can_print_is_a_usage_error(value: str) -> None:
    code, out, err = run("rest", "--time-ms", value)
    assert (code, out) == (2, "")
    assert (
        f"Error: Invalid value for '--time-ms': {value} is not in the range "
        "0<=x<=253402300799999." in err
    )
    assert "Traceback" not in err


def test_time_range_ends_are_accepted() -> None:
    first = json.loads(run("connect", "--seed", "1", "--time-ms", "0")[1])["requestContext"]
    assert (first["requestTime"], first["requestTimeEpoch"], first["connectedAt"]) == (
        "01/Jan/1970:00:00:00 +0000",
        0,
        0,
    )
    last = json.loads(run("rest", "--seed", "1", "--time-ms", "253402300799999")[1])
    assert last["requestContext"]["requestTime"] == "31/Dec/9999:23:59:59 +0000"


# each route-specific flag, a value for it, and the routes whose events have a place for it
ROUTE_FLAGS = [
    (["-H", "X-Id: 1"], "--header", ("connect", "disconnect", "rest")),
    (["-q", "a=1"], "--query", ("connect", "rest")),
    (["--body", "hi"], "--body", ("message", "rest")),
    (["--route-key", "chat"], "--route-key", ("message",)),
    (["--method", "GET"], "--method", ("rest",)),
    (["--path", "/a"], "--path", ("rest",)),
    (["--resource", "/a"], "--resource", ("rest",)),
    (["--path-param", "id=1"], "--path-param", ("rest",)),
    (["--connection-id", "c="], "--connection-id", ("connect", "message", "disconnect")),
]
# flags every route's event has a place for
EVERY_ROUTE_FLAGS = [
    ["--stage", "dev"],
    ["--stage-var", "t=1"],
    ["--authorizer", "k=v"],
    ["--principal-id", "u"],
    ["--source-ip", "203.0.113.1"],
    ["--time-ms", "1700000000000"],
    ["--api-id", "abcdefghij"],
    ["--region", "eu-west-1"],
]
ROUTES = ("connect", "message", "disconnect", "rest")


def test_every_option_is_in_one_table() -> None:
    from vtlgw.cli.event import command

    flags = {max(p.opts, key=len) for p in command.params if isinstance(p, click.Option)}
    tabled = {flag for _, flag, _ in ROUTE_FLAGS} | {args[0] for args in EVERY_ROUTE_FLAGS}
    assert flags - tabled == {"--seed"}


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("args", "flag", "routes"), ROUTE_FLAGS)
def test_a_flag_the_route_has_no_place_for_is_a_usage_error(
    route: str, args: list[str], flag: str, routes: tuple[str, ...]
) -> None:
    code, out, err = run(route, "--seed", "1", *args)
    if route in routes:
        assert (code, err) == (0, "")
        assert json.loads(out) != synthesize(route, seed=1)
    else:
        assert (code, out) == (2, "")
        assert (
            f"Error: {flag} does not apply to {route} events; it applies to: {', '.join(routes)}\n"
        ) in err


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("args", EVERY_ROUTE_FLAGS)
def test_flags_for_every_route_change_the_event(route: str, args: list[str]) -> None:
    code, out, err = run(route, "--seed", "1", *args)
    assert (code, err) == (0, "")
    assert json.loads(out) != synthesize(route, seed=1)


@pytest.mark.parametrize("key", ["$connect", "$disconnect"])
def test_a_message_cannot_take_another_routes_key(key: str) -> None:
    code, out, err = run("message", "--route-key", key)
    route = key[1:]
    assert (code, out) == (2, "")
    assert (
        f"Error: Invalid value for '--route-key': '{key}' is the key of the {route} route, "
        f"not a message route key; make a {route} event instead (vtlgw event {route})\n"
    ) in err


def test_a_default_route_key_and_bad_rest_values() -> None:
    code, out, _ = run("message", "--seed", "1", "--route-key", "$default")
    assert (code, json.loads(out)["requestContext"]["routeKey"]) == (0, "$default")
    for args, message in (
        (["message", "--route-key", ""], "'--route-key': must not be empty"),
        (["rest", "--method", "GE T"], "'--method': expected an HTTP method such as GET, found"),
        (["rest", "--path", "items"], "'--path': expected a path starting with '/', found 'items'"),
    ):
        code, _, err = run(*args)
        assert code == 2 and f"Error: Invalid value for {message}" in err


@pytest.mark.parametrize("route", ["connect", "disconnect", "rest"])
def test_a_header_replaces_the_default_in_any_case_keeping_the_users_spelling(route: str) -> None:
    default = synthesize(route, seed=1)["headers"]
    event = json.loads(run(route, "--seed", "1", "-H", "host: example.com")[1])
    headers = list(event["headers"].items())
    expected = [("host", "example.com") if k == "Host" else (k, v) for k, v in default.items()]
    assert headers == expected
    assert event["multiValueHeaders"] == {k: [v] for k, v in expected}


def test_a_user_agent_header_in_any_case_is_the_rest_identity() -> None:
    event = json.loads(run("rest", "--seed", "1", "-H", "user-agent: probe/1")[1])
    assert event["headers"]["user-agent"] == "probe/1"
    assert "User-Agent" not in event["headers"]
    assert event["requestContext"]["identity"]["userAgent"] == "probe/1"
