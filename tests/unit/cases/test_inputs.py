"""Files a case names and inline events: errors point into the case file, or keep their own.

A file that cannot be read, is not UTF-8 or is wrong as a whole is reported at the case-file
key that names it; a mistake with a position inside the named file keeps that position and
says which case key named the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.cases.model import load_cases
from vtlgw.errors import InputError

FIXTURES = Path(__file__).parents[3] / "fixtures"
INTEGRATION = FIXTURES / "integrations" / "rest-http.yaml"
CHECK = "expect: {output: a}"


def _error(tmp_path: Path, text: str) -> InputError:
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(InputError) as info:
        load_cases(path)
    return info.value


def _head(error: InputError) -> str:
    return str(error).splitlines()[0]


@pytest.mark.parametrize(
    ("event", "column", "key"),
    [("missing.json", 29, "[0].event"), ("{file: missing.json}", 36, "[0].event.file")],
)
def test_a_missing_event_file_is_reported_at_the_case(
    tmp_path: Path, event: str, column: int, key: str
) -> None:
    error = _error(tmp_path, f"- {{template_text: a, event: {event}, {CHECK}}}\n")
    assert _head(error) == (
        f"{tmp_path / 'c.vtlcase.yaml'}:1:{column}: {key}: {tmp_path / 'missing.json'}: "
        "cannot read event file: No such file or directory"
    )


def test_an_event_file_that_is_not_utf8_is_reported_at_the_case(tmp_path: Path) -> None:
    (tmp_path / "e.json").write_bytes(b'{"body": "\xff"}')
    error = _error(tmp_path, f"- {{template_text: a, event: e.json, {CHECK}}}\n")
    assert _head(error) == (
        f"{tmp_path / 'c.vtlcase.yaml'}:1:29: [0].event: {tmp_path / 'e.json'}: "
        "event file is not UTF-8 text (bad byte at offset 10)"
    )


def test_a_mistake_inside_an_event_file_keeps_its_own_position(tmp_path: Path) -> None:
    (tmp_path / "e.json").write_text('{"body": "x",\n "headers": 5}')
    error = _error(tmp_path, f"- {{template_text: a, event: e.json, {CHECK}}}\n")
    assert str(error) == (
        f"{tmp_path / 'e.json'}:2:2: headers: expected an object or null, found a number "
        f"(named at {tmp_path / 'c.vtlcase.yaml'}:1:29, [0].event)\n"
        ' "headers": 5}\n'
        " ^"
    )


def test_broken_json_in_an_event_file_keeps_its_own_position(tmp_path: Path) -> None:
    (tmp_path / "e.json").write_text('{"body": "x",\n ]')
    error = _error(tmp_path, f"- {{template_text: a, event: {{file: e.json}}, {CHECK}}}\n")
    assert _head(error) == (
        f"{tmp_path / 'e.json'}:2:2: event is not valid JSON: Expecting property name enclosed "
        f"in double quotes (named at {tmp_path / 'c.vtlcase.yaml'}:1:36, [0].event.file)"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read template: No such file or directory"),
        (b"ok \xff", "template is not UTF-8 text (bad byte at offset 3)"),
    ],
)
def test_unusable_template_files_are_reported_at_the_case(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    if content is not None:
        (tmp_path / "t.vtl").write_bytes(content)
    error = _error(tmp_path, f"- {{template: t.vtl, event: {{route: rest}}, {CHECK}}}\n")
    assert _head(error) == (
        f"{tmp_path / 'c.vtlcase.yaml'}:1:14: [0].template: {tmp_path / 't.vtl'}: {message}"
    )


def test_template_files_are_read_as_utf8_without_a_bom(tmp_path: Path) -> None:
    (tmp_path / "t.vtl").write_bytes("\ufeffcafé".encode())
    path = tmp_path / "c.vtlcase.yaml"
    path.write_text(f"- {{template: t.vtl, event: {{route: rest}}, {CHECK}}}\n", "utf-8")
    (case,) = load_cases(path)
    assert (case.template_text, case.template_name) == ("café", str(tmp_path / "t.vtl"))


def test_a_missing_backend_file_is_reported_at_the_case(tmp_path: Path) -> None:
    error = _error(
        tmp_path,
        f"- integration: {INTEGRATION}\n"
        "  event: {route: rest}\n"
        "  backend: {file: b.yaml}\n"
        "  expect: {client_status: 200}\n",
    )
    assert _head(error) == (
        f"{tmp_path / 'c.vtlcase.yaml'}:3:19: [0].backend.file: {tmp_path / 'b.yaml'}: "
        "cannot read file: No such file or directory"
    )


def test_a_mistake_in_a_backend_file_keeps_its_own_position(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("headers: {}\nstatus: 99\n")
    error = _error(
        tmp_path,
        f"- integration: {INTEGRATION}\n"
        "  event: {route: rest}\n"
        "  backend: {file: b.yaml}\n"
        "  expect: {client_status: 200}\n",
    )
    assert _head(error) == (
        f"{tmp_path / 'b.yaml'}:2:9: status: expected an HTTP status 100-599, found 99 "
        f"(named at {tmp_path / 'c.vtlcase.yaml'}:3:19, [0].backend.file)"
    )


def test_a_missing_integration_file_is_reported_at_the_case(tmp_path: Path) -> None:
    error = _error(tmp_path, "- {integration: i.yaml, event: {route: rest}, expect: {error: x}}\n")
    assert _head(error) == (
        f"{tmp_path / 'c.vtlcase.yaml'}:1:17: [0].integration: {tmp_path / 'i.yaml'}: "
        "cannot read file: No such file or directory"
    )


def test_a_mistake_in_an_integration_file_keeps_its_own_position(tmp_path: Path) -> None:
    (tmp_path / "i.yaml").write_text("type: AWS\npassthroughBehavior: sometimes\n")
    error = _error(tmp_path, "- {integration: i.yaml, event: {route: rest}, expect: {error: x}}\n")
    assert _head(error) == (
        f"{tmp_path / 'i.yaml'}:2:22: passthroughBehavior: expected one of WHEN_NO_MATCH, "
        "WHEN_NO_TEMPLATES, NEVER, found 'sometimes' "
        f"(named at {tmp_path / 'c.vtlcase.yaml'}:1:17, [0].integration)"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read schema: No such file or directory"),
        (b'{"type": "nope"}', "invalid 2020-12 schema at /type: 'nope' is not valid under any of"),
        (b'{"title": "caf\xe9"}', "schema is not UTF-8 text (bad byte at offset 14)"),
    ],
)
def test_unusable_schema_files_are_reported_at_the_expectation(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    if content is not None:
        (tmp_path / "s.json").write_bytes(content)
    error = _error(
        tmp_path, "- template_text: a\n  event: {route: rest}\n  expect: {schema: s.json}\n"
    )
    assert _head(error).startswith(
        f"{tmp_path / 'c.vtlcase.yaml'}:3:20: [0].expect.schema: {tmp_path / 's.json'}: {message}"
    )


def test_a_schema_ref_that_cannot_be_resolved_is_reported_at_the_expectation(
    tmp_path: Path,
) -> None:
    (tmp_path / "s.json").write_text('{"$ref": "missing.json"}')
    error = _error(
        tmp_path, "- template_text: a\n  event: {route: rest}\n  expect: {schema: s.json}\n"
    )
    assert _head(error).startswith(
        f"{tmp_path / 'c.vtlcase.yaml'}:3:20: [0].expect.schema: {tmp_path / 'missing.json'}: "
        "cannot read schema: No such file or directory"
    )


def test_a_schema_named_by_many_cases_is_loaded_once(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text('{"type": "object"}')
    path = tmp_path / "c.vtlcase.yaml"
    case = "- {template_text: a, event: {route: rest}, expect: {schema: s.json}}\n"
    path.write_text(case * 2, "utf-8")
    first, second = load_cases(path)
    assert first.expect.primary.schema is not None
    assert first.expect.primary.schema is second.expect.primary.schema


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (
            "{inline: {headers: 7}}",
            "1:48: [0].event.inline.headers: expected an object or null, found a number",
        ),
        (
            "{inline: {headers: {Host: [a]}}}",
            "1:55: [0].event.inline.headers.Host: expected a string, found an array",
        ),
        (
            "{inline: {requestContext: {when: 2024-01-01}}}",
            "1:62: [0].event.inline."
            "requestContext.when: expected a JSON value, found a date (quote it to make it a "
            "string)",
        ),
        (
            "{inline: {headers: {1: a}}}",
            "1:49: [0].event.inline.headers.1: expected a string key, found a number; quote it",
        ),
        (
            '{inline: {version: "2.0", requestContext: {http: {}}}}',
            "1:48: [0].event.inline."
            "version: an HTTP API (payload 2.0) event: HTTP APIs have no mapping templates; "
            "expected a REST (v1) or WebSocket proxy event",
        ),
        ("{inline: 3}", "1:38: [0].event.inline: expected the event as a mapping, found a number"),
        ("{inline: {}, route: rest}", "1:42: [0].event.route: unknown key; expected one of inline"),
        ("{file: e.json, route: rest}", "1:44: [0].event.route: unknown key; expected one of file"),
        ("{file: 3}", "1:36: [0].event.file: expected a file path, found a number"),
        (
            "3",
            "1:29: [0].event: expected a file path, {file: path}, {inline: {...}} or "
            "{route: connect|message|...}, found a number",
        ),
        (
            "{nothing: 1}",
            "1:29: [0].event: expected a file path, {file: path}, {inline: {...}} "
            "or {route: connect|message|...}",
        ),
        (
            "{route: ws}",
            "1:37: [0].event.route: expected one of connect, message, disconnect, rest, found 'ws'",
        ),
        ("{route: rest, seed: x}", "1:49: [0].event.seed: expected an integer, found a string"),
        ("{route: rest, body: {a: 1}}", "1:49: [0].event.body: expected a string, found a mapping"),
        (
            "{route: rest, time_ms: soon}",
            "1:52: [0].event.time_ms: expected an integer, found a string",
        ),
        (
            "{route: rest, stage: null}",
            "1:50: [0].event.stage: expected a value for stage, found null",
        ),
        ("{route: rest, query: [a]}", "1:50: [0].event.query: expected a mapping, found a list"),
    ],
)
def test_event_mistakes_say_where_and_what(tmp_path: Path, event: str, message: str) -> None:
    error = _error(tmp_path, f"- {{template_text: a, event: {event}, {CHECK}}}\n")
    assert _head(error) == f"{tmp_path / 'c.vtlcase.yaml'}:{message}"


def test_unknown_event_overrides_suggest_the_name_meant(tmp_path: Path) -> None:
    error = _error(
        tmp_path, f"- {{template_text: a, event: {{route: rest, headrs: {{}}}}, {CHECK}}}\n"
    )
    assert _head(error).startswith(
        f"{tmp_path / 'c.vtlcase.yaml'}:1:43: [0].event.headrs: unknown key (did you mean "
        "'headers'?); expected one of route, seed, account_id, api_id, authorizer, body,"
    )


def test_a_time_beyond_the_calendar_cannot_be_synthesized(tmp_path: Path) -> None:
    error = _error(
        tmp_path, f"- {{template_text: a, event: {{route: rest, time_ms: {10**20}}}, {CHECK}}}\n"
    )
    assert _head(error).startswith(
        f"{tmp_path / 'c.vtlcase.yaml'}:1:29: [0].event: cannot synthesize the event: "
    )


WS_MESSAGE = FIXTURES / "integrations" / "ws-message-lambda.yaml"


def test_an_event_that_cannot_reach_the_integration_is_an_error_at_the_event(
    tmp_path: Path,
) -> None:
    error = _error(
        tmp_path,
        f"- integration: {WS_MESSAGE}\n"
        "  event: {route: message, seed: 2}\n"
        "  expect: {client_kind: frame}\n",
    )
    assert _head(error) == (
        f"{tmp_path / 'c.vtlcase.yaml'}:2:10: [0].event: a WebSocket MESSAGE event on route "
        f"'$default' cannot reach the integration {WS_MESSAGE} (RouteKey 'sendmessage'): a "
        "message reaches the integration of route 'sendmessage' only when it is routed there, "
        "and this one was routed to '$default' (ref §6.1 (D))"
    )


def test_a_backend_that_cannot_answer_the_route_is_an_error_at_the_backend(
    tmp_path: Path,
) -> None:
    error = _error(
        tmp_path,
        f"- integration: {WS_MESSAGE}\n"
        "  event: {route: message, seed: 2, route_key: sendmessage}\n"
        "  backend: {authorizer: deny}\n"
        "  expect: {client_kind: frame}\n",
    )
    assert _head(error) == (
        f"{tmp_path / 'c.vtlcase.yaml'}:3:12: [0].backend: authorizer: a Lambda authorizer is "
        "simulated on the WebSocket $connect route only, not on route 'sendmessage' "
        "(ref §6.1 (D))"
    )
