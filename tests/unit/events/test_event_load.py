"""Loading event files: the event shape and precise errors (file, position, expectation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vtlgw.errors import InputError
from vtlgw.events import load_event

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
