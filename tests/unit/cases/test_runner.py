"""Running cases: passing and failing expectations, diffs, render errors, integrations."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from vtlgw.cases.model import load_cases
from vtlgw.cases.runner import CaseResult, CaseRunner
from vtlgw.errors import InputError

FIXTURES = Path(__file__).parents[3] / "fixtures"


def _run(tmp_path: Path, text: str) -> list[CaseResult]:
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(text)
    runner = CaseRunner()
    return [runner.run(case) for case in load_cases(path)]


EVENT = '{route: message, seed: 1, body: \'{"n": 5, "name": "bob"}\'}'


def test_passing_template_case(tmp_path: Path) -> None:
    (result,) = _run(
        tmp_path,
        "- template_text: >-\n"
        '    {"n": $input.path(\'$.n\'), "who": "$input.path(\'$.name\')"}\n'
        f"  event: {EVENT}\n"
        "  expect:\n"
        '    output: \'{"n": 5, "who": "bob"}\'\n'
        "    json: {n: 5, who: bob}\n"
        "    json_subset: {who: bob}\n"
        "    valid_json: true\n"
        "    contains: [bob, '\"n\"']\n",
    )
    assert result.passed, result.failures
    assert result.output == '{"n": 5, "who": "bob"}'


def test_failing_expectations_come_with_diffs(tmp_path: Path) -> None:
    (result,) = _run(
        tmp_path,
        "- template_text: '{\"n\": $input.path(''$.n'')}'\n"
        f"  event: {EVENT}\n"
        "  expect:\n"
        "    output: '{\"n\": 6}'\n"
        "    json: {n: 6}\n"
        "    json_subset: {m: 1}\n"
        "    contains: zzz\n",
    )
    by_name = {f.expectation: f for f in result.failures}
    assert set(by_name) == {"output", "json", "json_subset", "contains"}
    assert '-{"n": 6}\n+{"n": 5}\n' in by_name["output"].diff
    assert '-  "n": 6\n+  "n": 5\n' in by_name["json"].diff
    assert by_name["contains"].message == "output does not contain 'zzz'"


def test_invalid_json_is_traced_to_the_template_line(tmp_path: Path) -> None:
    # ref §9.4 / §11.1 (V): an unquoted null reference leaves no JSON value.
    (result,) = _run(
        tmp_path,
        "- template_text: |-\n"
        "    {\n"
        "      \"count\": $input.path('$.missing'),\n"
        '      "n": 1\n'
        "    }\n"
        f"  event: {EVENT}\n"
        "  expect: {valid_json: true}\n",
    )
    (failure,) = result.failures
    assert failure.expectation == "invalid-json"
    assert "expected a JSON value, found ','" in failure.message
    assert "(output 2:12)" in failure.message


def test_expected_invalid_json(tmp_path: Path) -> None:
    results = _run(
        tmp_path,
        f"- {{template_text: '{{', event: {EVENT}, expect: {{valid_json: false}}}}\n"
        f"- {{template_text: '{{}}', event: {EVENT}, expect: {{valid_json: false}}}}\n",
    )
    assert results[0].passed
    assert [f.expectation for f in results[1].failures] == ["valid_json"]


def test_render_errors_fail_unless_expected(tmp_path: Path) -> None:
    results = _run(
        tmp_path,
        f"- {{template_text: '#if(', event: {EVENT}, expect: {{contains: x}}}}\n"
        f"- {{template_text: '#if(', event: {EVENT}, expect: {{error: 'is still open'}}}}\n"
        f"- {{template_text: 'ok', event: {EVENT}, expect: {{error: x}}}}\n",
    )
    assert [f.expectation for f in results[0].failures] == ["render"]
    assert results[0].failures[0].message.startswith("rendering failed: ")
    assert results[1].passed, results[1].failures
    assert [f.expectation for f in results[2].failures] == ["error"]


def test_schema_expectation(tmp_path: Path) -> None:
    schema = FIXTURES / "schemas" / "validation" / "message-draft7.json"
    (result,) = _run(
        tmp_path,
        f'- {{template_text: \'{{"action": "join"}}\', event: {EVENT}, '
        f"expect: {{schema: {schema}}}}}\n",
    )
    assert [(f.expectation, f.message) for f in result.failures] == [
        ("schema-violation", "(root): 'room' is a required property [required]")
    ]


def test_integration_case_outcomes(tmp_path: Path) -> None:
    integration = FIXTURES / "integrations" / "ws-connect-proxy.yaml"
    results = _run(
        tmp_path,
        f"- integration: {integration}\n"
        "  event: {route: connect, seed: 1}\n"
        "  backend: {statusCode: 403}\n"
        "  expect: {connection: refused, client_status: 403, client_kind: handshake}\n"
        f"- integration: {integration}\n"
        "  event: {route: connect, seed: 1}\n"
        "  backend: {statusCode: 200}\n"
        "  expect: {connection: refused, client_status: 403}\n",
    )
    assert results[0].passed
    assert [(f.expectation, f.message) for f in results[1].failures] == [
        ("client_status", "expected 403, got 101"),
        ("connection", "expected 'refused', got 'accepted'"),
    ]
    assert results[1].to_dict()["simulation"]["client"]["connection"] == "accepted"


REST_HTTP = FIXTURES / "integrations" / "rest-http.yaml"
BACKEND_502 = FIXTURES / "integrations" / "backend" / "http-502.yaml"


def test_client_headers_match_in_any_letter_case(tmp_path: Path) -> None:
    # the client gets Content-Type: application/json (see fixtures/cases/rest-methods)
    results = _run(
        tmp_path,
        f"- integration: {REST_HTTP}\n"
        f"  event: {{route: rest, seed: 3, body: '{{}}'}}\n"
        f"  backend: {{file: {BACKEND_502}}}\n"
        "  expect: {client_headers: {content-type: application/json}}\n"
        f"- integration: {REST_HTTP}\n"
        f"  event: {{route: rest, seed: 3, body: '{{}}'}}\n"
        f"  backend: {{file: {BACKEND_502}}}\n"
        "  expect: {client_headers: {CONTENT-TYPE: text/html, X-Absent: x}}\n",
    )
    assert results[0].simulation is not None
    assert "Content-Type" in results[0].simulation.client.headers
    assert results[0].passed, results[0].failures
    assert [(f.expectation, f.message) for f in results[1].failures] == [
        ("client_headers", "expected header CONTENT-TYPE: 'text/html', got 'application/json'"),
        ("client_headers", "expected header X-Absent: 'x', got None"),
    ]


def test_output_checks_fail_when_the_simulation_has_no_output(tmp_path: Path) -> None:
    # ref §8.4: WHEN_NO_TEMPLATES rejects a text/plain request; nothing is rendered
    integration = FIXTURES / "integrations" / "rest-lambda.yaml"
    event = "{route: rest, seed: 3, body: hello, headers: {Content-Type: text/plain}}"
    results = _run(
        tmp_path,
        f"- {{integration: {integration}, event: {event}, expect: {{valid_json: false}}}}\n"
        f"- {{integration: {integration}, event: {event}, "
        "expect: {response: {contains: x}}}\n",
    )
    assert results[0].output is None
    assert [(f.expectation, f.message) for f in results[0].failures] == [
        ("output", "there is no output to check")
    ]
    assert [(f.expectation, f.message) for f in results[1].failures] == [
        ("response.output", "there is no output to check"),
    ]


def test_an_input_error_while_running_names_the_case(tmp_path: Path) -> None:
    # load_cases checks that the event reaches the integration; a Case changed in code may not
    integration = FIXTURES / "integrations" / "ws-message-lambda.yaml"
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(
        f"- name: routed\n  integration: {integration}\n"
        "  event: {route: message, seed: 1, route_key: sendmessage}\n"
        "  expect: {client_kind: frame}\n"
    )
    (case,) = load_cases(path)
    context = {**case.event["requestContext"], "routeKey": "$default"}
    elsewhere = dataclasses.replace(case, event={**case.event, "requestContext": context})
    with pytest.raises(InputError) as info:
        CaseRunner().run(elsewhere)
    assert info.value.message.startswith("a WebSocket MESSAGE event on route '$default' cannot")
    assert info.value.message.endswith(f" (the event of case 'routed', {path}:1)")


MOCK_WITHOUT_STATUS = "type: MOCK\nrequestTemplates:\n  application/json: '{\"ok\": true}'\n"


def test_a_simulation_finding_fails_the_case_that_does_not_expect_it(tmp_path: Path) -> None:
    # ref §5.5 (O): a MOCK request template without an integer statusCode is a 500; a case
    # that only checks the client kind must not pass over the finding
    integration = tmp_path / "mock.yaml"
    integration.write_text(MOCK_WITHOUT_STATUS)
    (result,) = _run(
        tmp_path,
        f"- {{integration: {integration}, event: {{route: rest, seed: 1}}, "
        "expect: {client_kind: http}}\n",
    )
    assert [f.expectation for f in result.failures] == ["findings"]
    assert result.failures[0].message.startswith(
        "the simulation found mock-status: the MOCK integration request has no integer statusCode"
    )


def test_expected_findings_pass_and_must_match_exactly(tmp_path: Path) -> None:
    integration = tmp_path / "mock.yaml"
    integration.write_text(MOCK_WITHOUT_STATUS)
    event = "{route: rest, seed: 1}"
    passed, missing, extra = _run(
        tmp_path,
        f"- {{integration: {integration}, event: {event}, "
        "expect: {findings: [mock-status], client_status: 500}}\n"
        f"- {{integration: {FIXTURES / 'integrations' / 'rest-mock.yaml'}, event: {event}, "
        "expect: {findings: [mock-status]}}\n"
        f"- {{integration: {integration}, event: {event}, "
        "expect: {findings: []}}\n",
    )
    assert passed.failures == ()
    assert [(f.expectation, f.message) for f in missing.failures] == [
        ("findings", "expected findings ['mock-status'], got []")
    ]
    assert [(f.expectation, f.message) for f in extra.failures] == [
        ("findings", "expected findings [], got ['mock-status']")
    ]


def test_findings_are_checked_when_loading(tmp_path: Path) -> None:
    integration = tmp_path / "mock.yaml"
    integration.write_text(MOCK_WITHOUT_STATUS)
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(
        f"- {{integration: {integration}, event: {{route: rest, seed: 1}}, "
        "expect: {findings: [mock-statu]}}\n"
    )
    with pytest.raises(InputError) as info:
        load_cases(path)
    assert info.value.line == 1
    assert "findings[0]: unknown finding code 'mock-statu' (did you mean 'mock-status'?)" in (
        info.value.message
    )
    path.write_text("- {template_text: x, event: {route: rest}, expect: {findings: []}}\n")
    with pytest.raises(InputError, match="findings applies only to integration cases"):
        load_cases(path)
