"""``vtlgw event``: realistic events on stdout, reproducible with --seed."""

from __future__ import annotations

import json
import subprocess
import sys

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
