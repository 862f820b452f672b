"""Loading event files: the event shape and precise errors (file, position, expectation)."""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType

import pytest

import vtlgw
from vtlgw.errors import InputError
from vtlgw.events import load_event
from vtlgw.events.load import check_event

EVENTS = Path(__file__).resolve().parents[3] / "fixtures" / "events"


@pytest.mark.parametrize("path", sorted(EVENTS.glob("*.json")), ids=lambda p: p.name)
def test_bundled_fixtures_load(path: Path) -> None:
    assert load_event(path) == json.loads(path.read_text("utf-8"))


def test_load_from_json_text_and_str_path() -> None:
    assert load_event('{"body": "x"}') == {"body": "x"}
    assert load_event(str(EVENTS / "connect.json"))["requestContext"]["eventType"] == "CONNECT"


def test_broken_json_names_file_line_column_and_expectation(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "headers": {"Host": "x"}\n  "body": "y"\n}\n', "utf-8")
    with pytest.raises(InputError) as info:
        load_event(broken)
    error = info.value
    assert (error.name, error.line, error.column) == (str(broken), 3, 3)
    assert "Expecting ',' delimiter" in error.message
    assert error.source_line == '  "body": "y"'
    assert str(error).startswith(f"{broken}:3:3: event is not valid JSON")
    assert str(error).endswith('  "body": "y"\n  ^')


def test_truncated_json_reports_where_it_ends(tmp_path: Path) -> None:
    broken = tmp_path / "cut.json"
    broken.write_text('{"requestContext": {"stage": "prod"', "utf-8")
    with pytest.raises(InputError) as info:
        load_event(broken)
    assert info.value.line == 1
    assert "delimiter" in info.value.message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_event(tmp_path / "nope.json")
    assert info.value.name == str(tmp_path / "nope.json")
    assert "cannot read event file" in info.value.message


def test_non_utf8_file_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"body": "caf\xe9"}')
    with pytest.raises(InputError, match="not UTF-8"):
        load_event(bad)


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(InputError, match=r"expected a JSON object .* found an array"):
        load_event("[1, 2]")


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        (
            '{\n"headers": {\n  "Host": 5,\n  "Bad": {"x": 1}\n}}',
            "headers.Bad: expected a string",
            4,
        ),
        ('{"body": {"a": 1}}', "body: expected a string (the raw body text) or null", 1),
        ('{\n\n"requestContext": []}', "requestContext: expected an object, found an array", 3),
        ('{"multiValueHeaders": {"A": "x"}}', "multiValueHeaders.A: expected an array", 1),
        ('{"isBase64Encoded": "no"}', "isBase64Encoded: expected true or false", 1),
        ('{"stageVariables": [1]}', "stageVariables: expected an object or null", 1),
    ],
)
def test_wrong_field_types_are_located(text: str, message: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        load_event(text, name="event.json")
    assert message in info.value.message
    assert info.value.name == "event.json"
    assert info.value.line == line


def test_http_api_v2_events_are_refused_with_a_reason() -> None:
    text = '{\n  "version": "2.0",\n  "routeKey": "GET /",\n  "requestContext": {"http": {}}\n}'
    with pytest.raises(InputError) as info:
        load_event(text, name="v2.json")
    assert "HTTP APIs have no mapping templates" in info.value.message
    assert (info.value.line, info.value.column) == (2, 3)


# --- one validator for event files, JSON text and events built in code --------------------

BAD_EVENTS = [
    ({"requestContext": "x"}, "requestContext: expected an object, found a string"),
    (
        {"queryStringParameters": []},
        "queryStringParameters: expected an object or null, found an array",
    ),
    ({"body": 5}, "body: expected a string (the raw body text) or null, found a number"),
    (
        {"requestContext": {"identity": "x"}},
        "requestContext.identity: expected an object or null, found a string",
    ),
    ({"headers": {"Host": {"a": 1}}}, "headers.Host: expected a string, found an object"),
    (
        {"requestContext": {"authorizer": ["admin"]}},
        "requestContext.authorizer: expected an object or null, found an array",
    ),
    (
        {"requestContext": {"routeKey": 5, "connectionId": "c"}},
        "requestContext.routeKey: expected a string, found a number",
    ),
    (
        {"multiValueHeaders": {"Accept": ["text/html", None]}},
        "multiValueHeaders.Accept[1]: expected a string, found null",
    ),
    (
        {"multiValueQueryStringParameters": {"q": [{"a": 1}]}},
        "multiValueQueryStringParameters.q[0]: expected a string, found an object",
    ),
    ({"isBase64Encoded": "no"}, "isBase64Encoded: expected true or false, found a string"),
]


@pytest.mark.parametrize(("event", "message"), BAD_EVENTS, ids=lambda v: str(v)[:40])
def test_render_refuses_a_bad_event_dict_with_the_key_path(
    event: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError) as info:
        vtlgw.render("$input.body", event)
    assert (info.value.message, info.value.name) == (message, "<event>")
    assert str(info.value) == f"<event>: {message}"


@pytest.mark.parametrize(("event", "message"), BAD_EVENTS, ids=lambda v: str(v)[:40])
def test_event_files_and_dicts_get_the_same_message(
    tmp_path: Path, event: dict[str, object], message: str
) -> None:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event, indent=2), "utf-8")
    with pytest.raises(InputError) as from_file:
        load_event(path)
    with pytest.raises(InputError) as from_dict:
        check_event(event, name=str(path))
    assert from_file.value.message == from_dict.value.message == message
    assert from_file.value.line > 1  # the file error is also positioned at the offending key


def test_a_nested_problem_is_located_at_its_innermost_key() -> None:
    text = '{\n  "multiValueHeaders": {\n    "Accept": ["a", 5, null]\n  }\n}'
    with pytest.raises(InputError) as info:
        load_event(text, name="e.json")
    assert info.value.message == "multiValueHeaders.Accept[2]: expected a string, found null"
    assert (info.value.line, info.value.column) == (3, 5)


def test_a_good_event_dict_renders_and_mappings_are_accepted() -> None:
    event = MappingProxyType({"headers": {"Host": "example.com"}, "body": "hi"})
    assert vtlgw.render("$input.params('Host') $input.body", event) == "example.com hi"
    assert check_event(event) == {"headers": {"Host": "example.com"}, "body": "hi"}


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"headers": {1: "x"}}, "headers: expected string keys, found a number key 1"),
        (
            {"requestContext": {"authorizer": {"groups": ("a", "b")}}},
            "requestContext.authorizer.groups: expected JSON data (an object, array, string, "
            "number, boolean or null), found a Python tuple",
        ),
        (
            {"body": b"bytes"},
            "body: expected JSON data (an object, array, string, number, boolean or null), "
            "found a Python bytes",
        ),
        ([{"body": "x"}], "expected a JSON object (a Lambda proxy event), found an array"),
    ],
)
def test_event_dicts_must_hold_json_data(event: object, message: str) -> None:
    with pytest.raises(InputError) as info:
        check_event(event)
    assert info.value.message == message


def test_an_event_dict_that_contains_itself_is_refused() -> None:
    context: dict[str, object] = {"stage": "prod"}
    context["self"] = context
    with pytest.raises(InputError) as info:
        check_event({"requestContext": context})
    assert info.value.message == "requestContext.self: contains itself; expected JSON data"


def test_event_dicts_are_bounded_in_depth_even_when_parts_are_shared() -> None:
    shared: dict[str, object] = {}
    for _ in range(40):  # 2**40 paths: each shared part must be checked once
        shared = {"a": shared, "b": shared}
    assert check_event({"requestContext": {"authorizer": shared}})["requestContext"]
    for _ in range(60):
        shared = {"a": shared, "b": shared}
    with pytest.raises(InputError) as info:
        check_event({"requestContext": {"authorizer": shared}})
    assert info.value.message.endswith(": nested more than 100 levels deep")
    assert info.value.message.startswith("requestContext.authorizer.b.b.")


def test_a_deeply_nested_event_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"requestContext": {"authorizer": ' + "[" * 100_000 + "]" * 100_000 + "}}")
    with pytest.raises(InputError) as info:
        load_event(path)
    assert info.value.name == str(path)
    assert info.value.message == "event is nested more than 100 levels deep"


def test_a_latin1_event_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b'{"body": "caf\xe9"}')
    with pytest.raises(InputError) as info:
        load_event(bad)
    assert str(info.value) == f"{bad}: event file is not UTF-8 text (bad byte at offset 13)"


def test_an_event_file_with_a_bom_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"body": "caf\xc3\xa9", "headers": {"Host": "h"}}')
    assert load_event(path) == {"body": "caf\u00e9", "headers": {"Host": "h"}}


def test_a_bom_does_not_shift_error_positions(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"body": "x",\n "isBase64Encoded": 1}')
    with pytest.raises(InputError) as info:
        load_event(path)
    assert (info.value.line, info.value.column) == (2, 2)
    assert info.value.message == "isBase64Encoded: expected true or false, found a number"
