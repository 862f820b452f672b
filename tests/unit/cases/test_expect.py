"""The expect block: a case must check something, and only what its kind can check."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.cases.model import load_cases
from vtlgw.errors import InputError

FIXTURES = Path(__file__).parents[3] / "fixtures"
INTEGRATION = FIXTURES / "integrations" / "rest-http.yaml"
TEMPLATE = "- template_text: a\n  event: {route: rest}\n"
CASE = f"- integration: {INTEGRATION}\n  event: {{route: rest}}\n"
TEMPLATE_CHECKS = "output, contains, json, json_subset, schema, valid_json, error"
OUTPUT_CHECKS = "output, contains, json, json_subset, schema, valid_json"
ALL_CHECKS = (
    f"{OUTPUT_CHECKS}, error, request_template, response_key, client_kind, client_status, "
    "connection, client_headers, findings, response, client_body"
)


def _first_line(tmp_path: Path, text: str) -> str:
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(InputError) as info:
        load_cases(path)
    head = str(info.value).splitlines()[0]
    prefix = f"{path}:"
    assert head.startswith(prefix)
    return head[len(prefix) :]


@pytest.mark.parametrize(
    "key",
    [
        "client_status: 200",
        "client_kind: http",
        "connection: accepted",
        "request_template: $default",
        "response_key: '200'",
        "response: {output: x}",
        "client_body: {output: x}",
        "client_headers: {Content-Type: text/plain}",
    ],
)
def test_integration_expectations_are_errors_in_a_template_case(tmp_path: Path, key: str) -> None:
    name = key.partition(":")[0]
    line = _first_line(tmp_path, f"{TEMPLATE}  expect:\n    output: a\n    {key}\n")
    assert line == (
        f"5:5: [0].expect.{name}: {name} applies only to integration cases; this case renders "
        f"a template, which can check {TEMPLATE_CHECKS}"
    )


def test_the_same_rule_holds_for_template_files(tmp_path: Path) -> None:
    (tmp_path / "t.vtl").write_text("a")
    text = "- template: t.vtl\n  event: {route: rest}\n  expect: {client_status: 200}\n"
    assert _first_line(tmp_path, text) == (
        "3:12: [0].expect.client_status: client_status applies only to integration cases; "
        f"this case renders a template, which can check {TEMPLATE_CHECKS}"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            TEMPLATE,
            f"1:3: [0]: checks nothing: expected an expect: block with at least one of "
            f"{TEMPLATE_CHECKS}",
        ),
        (
            CASE,
            f"1:3: [0]: checks nothing: expected an expect: block with at least one of "
            f"{ALL_CHECKS}",
        ),
        (
            f"{TEMPLATE}  expect: {{}}\n",
            f"3:11: [0].expect: checks nothing; expected at least one of {TEMPLATE_CHECKS}",
        ),
        (
            f"{TEMPLATE}  expect:\n",
            f"3:10: [0].expect: checks nothing; expected at least one of {TEMPLATE_CHECKS}",
        ),
        (
            f"{CASE}  expect: {{}}\n",
            f"3:11: [0].expect: checks nothing; expected at least one of {ALL_CHECKS}",
        ),
        (
            f"{CASE}  expect: {{response: {{}}}}\n",
            f"3:22: [0].expect.response: checks nothing; expected at least one of {OUTPUT_CHECKS}",
        ),
        (
            f"{CASE}  expect: {{client_status: 200, client_body: {{}}}}\n",
            f"3:45: [0].expect.client_body: checks nothing; expected at least one of "
            f"{OUTPUT_CHECKS}",
        ),
        (
            f"{CASE}  expect: {{client_headers: {{}}}}\n",
            "3:28: [0].expect.client_headers: checks nothing; expected at least one header name "
            "and value",
        ),
        (
            f"{TEMPLATE}  expect: {{contains: []}}\n",
            "3:22: [0].expect.contains: expected a string or a non-empty list of strings, found an "
            "empty list",
        ),
        (
            f"{TEMPLATE}  expect: {{contains: ''}}\n",
            "3:22: [0].expect.contains: expected text the output must contain (every output "
            "contains ''), found an empty string",
        ),
        (
            f"{TEMPLATE}  expect: {{contains: [a, '']}}\n",
            "3:26: [0].expect.contains[1]: expected text the output must contain (every output "
            "contains ''), found an empty string",
        ),
        (
            f"{TEMPLATE}  expect: {{error: ''}}\n",
            "3:19: [0].expect.error: expected a part of the expected error message, found an empty "
            "string",
        ),
        (
            f"{TEMPLATE}  expect: {{output: null}}\n",
            "3:20: [0].expect.output: expected a value to check, found null",
        ),
        (
            f"{TEMPLATE}  expect: {{valid_json: ~}}\n",
            "3:24: [0].expect.valid_json: expected a value to check, found null",
        ),
        (
            f"{CASE}  expect: {{client_status: null}}\n",
            "3:27: [0].expect.client_status: expected a value to check, found null",
        ),
    ],
)
def test_a_case_that_checks_nothing_is_an_error(tmp_path: Path, text: str, message: str) -> None:
    assert _first_line(tmp_path, text) == message


@pytest.mark.parametrize(
    ("expect", "message"),
    [
        (
            "{clinet_status: 200}",
            "3:12: [0].expect.clinet_status: unknown key (did you mean 'client_status'?); "
            f"expected one of {ALL_CHECKS}",
        ),
        (
            "{response: {jsn: 1}}",
            "3:23: [0].expect.response.jsn: unknown key (did you mean 'json'?); expected one of "
            f"{OUTPUT_CHECKS}",
        ),
        (
            "{response: [output]}",
            "3:22: [0].expect.response: expected a mapping of output checks, found a list",
        ),
        ("[output]", "3:11: [0].expect: expected a mapping of expectations, found a list"),
        (
            "{client_status: 99}",
            "3:27: [0].expect.client_status: expected an integer status 100-599, found 99",
        ),
        (
            "{client_status: ok}",
            "3:27: [0].expect.client_status: expected an integer status 100-599, found a string",
        ),
        (
            "{client_status: true}",
            "3:27: [0].expect.client_status: expected an integer status 100-599, found a boolean",
        ),
        (
            "{connection: open}",
            "3:24: [0].expect.connection: expected accepted or refused, found 'open'",
        ),
        (
            "{client_kind: frames}",
            "3:25: [0].expect.client_kind: expected one of frame, none, error-frame, http, "
            "handshake, found 'frames'",
        ),
        (
            "{request_template: true}",
            "3:30: [0].expect.request_template: expected a request template key, passthrough or "
            "reject, found a boolean",
        ),
        (
            "{client_headers: {a: b, A: c}}",
            "3:35: [0].expect.client_headers.A: the same header as a (header names ignore case)",
        ),
        (
            "{client_headers: {a: [b]}}",
            "3:32: [0].expect.client_headers.a: expected the header value as a string, "
            "found a list",
        ),
        (
            "{output: 3}",
            "3:20: [0].expect.output: expected the exact output as a string, found a number",
        ),
        (
            "{valid_json: yes please}",
            "3:24: [0].expect.valid_json: expected true or false, found a string",
        ),
        (
            "{json: {when: 2024-01-01}}",
            "3:25: [0].expect.json.when: expected a JSON value, found a date (quote it to make it "
            "a string)",
        ),
        (
            "{json_subset: {1: a}}",
            "3:26: [0].expect.json_subset.1: expected a string key, found a number; quote it",
        ),
        (
            "{json: [{a: 1, b: 2024-01-01}, 2024-01-02]}",
            "3:29: [0].expect.json[0].b: expected a JSON value, found a date (quote it to make "
            "it a string)",
        ),
        ("{json: .nan}", "3:18: [0].expect.json: expected a JSON number, found nan"),
        (
            "{valid_json: false, schema: s.json}",
            "3:12: [0].expect.valid_json: expects output that is not JSON, so schema cannot hold; "
            "drop one",
        ),
    ],
)
def test_bad_expectations_say_where_and_what(tmp_path: Path, expect: str, message: str) -> None:
    assert _first_line(tmp_path, f"{CASE}  expect: {expect}\n") == message


def test_a_template_case_cannot_expect_an_error_and_output(tmp_path: Path) -> None:
    text = f"{TEMPLATE}  expect: {{error: is still open, contains: x}}\n"
    assert _first_line(tmp_path, text) == (
        "3:12: [0].expect.error: a template that fails to render has no output, so the output "
        "checks cannot hold with it; expect the error or the output"
    )


def test_an_integration_case_may_expect_an_error_and_output(tmp_path: Path) -> None:
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(f"{CASE}  expect: {{error: x, contains: y, json: null}}\n", "utf-8")
    (case,) = load_cases(path)
    assert (case.expect.error, case.expect.primary.contains) == ("x", ("y",))
    assert case.expect.primary.has_json and case.expect.primary.json is None


def test_numbers_are_accepted_as_keys_and_header_values(tmp_path: Path) -> None:
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(
        f"{CASE}  expect: {{response_key: 200, client_headers: {{Content-Length: 12}}}}\n",
        "utf-8",
    )
    (case,) = load_cases(path)
    assert case.expect.response_key == "200"
    assert dict(case.expect.client_headers) == {"Content-Length": "12"}
