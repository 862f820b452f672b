"""WebSocket selection expressions (ref §6.1 (D))."""

from __future__ import annotations

import pytest

from vtlgw.apigw.util import java_string
from vtlgw.simulate.expression import ExpressionInputs, evaluate

BODY = '{"action": "join", "service": "chat", "tags": ["a", "b"], "n": 3, "o": {"k": 1}}'


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("${request.body.action}", "join"),
        ("$request.body.action", "join"),
        ("${request.body.service}/${request.body.action}", "chat/join"),  # ref §6.1 (D)
        ("${request.body.action}-${request.body.nope}", "join-"),  # ref §6.1 (D)
        ("\\$default", "$default"),  # ref §6.1 (D)
        ("${request.body.tags}", "[a, b]"),  # non-scalar stringified, ref §6.1 (D)
        ("${request.body.tags[1]}", "b"),
        ("${request.body.n}", "3"),
        ("${request.body.o}", "{k=1}"),
        ("static", "static"),
        ("${request.body['action']}", "join"),
    ],
)
def test_request_body_expressions(expression: str, expected: str) -> None:
    assert evaluate(expression, ExpressionInputs(body=BODY)) == expected


def test_non_json_body_resolves_to_empty() -> None:
    # ref §6.1 (D): an unresolvable path becomes "".
    assert evaluate("${request.body.action}", ExpressionInputs(body="hello")) == ""
    assert evaluate("${request.body.action}", ExpressionInputs(body=None)) == ""


def test_integration_response_variables() -> None:
    inputs = ExpressionInputs(
        status=404,
        headers={"Content-Type": "text/plain"},
        multivalue_headers={"X-A": ["1", "2"]},
    )
    assert evaluate("${integration.response.statuscode}", inputs) == "404"
    assert evaluate("${response.statuscode}", inputs) == "404"
    assert evaluate("${integration.response.header.content-type}", inputs) == "text/plain"
    assert evaluate("${integration.response.multivalueheader.X-A}", inputs) == "[1, 2]"


def test_java_string_of_nested_nulls() -> None:
    assert java_string({"a": None, "b": [None, True]}) == "{a=null, b=[null, true]}"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("${request.body.tags[2]}", ""),  # one past the end: unresolved, not an error
        ("${request.body.tags[0]}", "a"),
        ("${request.body.action.deeper}", ""),
        ("cost$", "cost$"),  # a dollar that starts no variable is literal
        ("${}", ""),
        ("\\$", "$"),
        ("${request.body}", "{action=join, service=chat, tags=[a, b], n=3, o={k=1}}"),
    ],
)
def test_expression_boundaries(expression: str, expected: str) -> None:
    assert evaluate(expression, ExpressionInputs(body=BODY)) == expected
