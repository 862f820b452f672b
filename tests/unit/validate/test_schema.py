"""JSON Schema checks: the draft named by $schema, pointers, rules and local-file $ref."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vtlgw.errors import InputError
from vtlgw.validate.result import SCHEMA_VIOLATION
from vtlgw.validate.schema import load_schema, validate_instance

SCHEMAS = Path(__file__).parents[3] / "fixtures" / "schemas" / "validation"


@pytest.mark.parametrize(
    ("name", "draft"),
    [
        ("message-draft4.json", "draft-04"),
        ("message-draft6.json", "draft-06"),
        ("message-draft7.json", "draft-07"),
        ("message-2019-09.json", "2019-09"),
        ("message-2020-12.json", "2020-12"),
    ],
)
def test_draft_is_taken_from_dollar_schema(name: str, draft: str) -> None:
    assert load_schema(SCHEMAS / name).draft == draft


def test_draft4_boolean_exclusive_minimum() -> None:
    # Draft 4 spells exclusiveMinimum as a boolean; a later draft would reject this schema.
    check = load_schema(SCHEMAS / "message-draft4.json")
    findings = validate_instance(
        check, {"action": "sendmessage", "connectionId": "BFaT_fALIAMCKug=", "count": 0}
    )
    assert [(f.pointer, f.rule) for f in findings] == [("/count", "minimum")]


def test_draft6_numeric_exclusive_minimum_and_const() -> None:
    check = load_schema(SCHEMAS / "message-draft6.json")
    findings = validate_instance(check, {"action": "join", "count": 0})
    assert [(f.pointer, f.rule) for f in findings] == [
        ("/action", "const"),
        ("/count", "exclusiveMinimum"),
    ]


def test_draft7_if_then() -> None:
    check = load_schema(SCHEMAS / "message-draft7.json")
    assert validate_instance(check, {"action": "sendmessage"}) == ()
    findings = validate_instance(check, {"action": "join"})
    assert [(f.pointer, f.rule, f.schema_path) for f in findings] == [
        ("", "required", "#/then/required")
    ]


def test_2019_09_unevaluated_properties() -> None:
    check = load_schema(SCHEMAS / "message-2019-09.json")
    findings = validate_instance(check, {"action": "x", "extra": 1})
    assert [f.rule for f in findings] == ["unevaluatedProperties"]


def test_2020_12_prefix_items() -> None:
    check = load_schema(SCHEMAS / "message-2020-12.json")
    assert validate_instance(check, {"items": ["a", 1, 2]}) == ()
    findings = validate_instance(check, {"items": [1, "b"]})
    assert [(f.pointer, f.rule) for f in findings] == [("/items/0", "type"), ("/items/1", "type")]
    assert all(f.code == SCHEMA_VIOLATION for f in findings)


def test_every_violation_has_pointer_message_and_rule() -> None:
    check = load_schema(SCHEMAS / "connect-record.json")
    findings = validate_instance(
        check,
        {"TableName": "c", "Item": {"connectionId": {"S": ""}, "connectedAt": {"N": "x1"}}},
    )
    assert [(f.pointer, f.rule) for f in findings] == [
        ("/Item/connectedAt/N", "pattern"),
        ("/Item/connectionId/S", "minLength"),
        ("/TableName", "minLength"),
    ]
    assert findings[0].message.startswith("/Item/connectedAt/N: 'x1' does not match")


def test_ref_to_local_files_resolves_relative_to_the_referring_file() -> None:
    # connect-record.json -> defs/dynamodb.json -> defs/strings.json (relative to defs/).
    check = load_schema(SCHEMAS / "connect-record.json")
    good = {
        "TableName": "connections",
        "Item": {"connectionId": {"S": "BFaT_fALIAMCKug="}, "connectedAt": {"N": "1731332735513"}},
    }
    assert validate_instance(check, good) == ()
    bad = json.loads(json.dumps(good))
    bad["Item"]["userId"] = {"S": 5}
    findings = validate_instance(check, bad)
    assert [(f.pointer, f.rule) for f in findings] == [("/Item/userId/S", "type")]


def test_network_ref_is_refused(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"properties": {"a": {"$ref": "https://example.com/a.json"}}}))
    check = load_schema(schema)
    with pytest.raises(InputError, match="never fetches schemas over the network"):
        validate_instance(check, {"a": 1})


def test_missing_ref_file_is_an_input_error(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"$ref": "nope.json"}))
    with pytest.raises(InputError, match="cannot read schema"):
        validate_instance(load_schema(schema), {})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON or YAML"),
        ("[1]", "must hold a JSON object"),
        ('{"$schema": "http://example.com/mine"}', "unknown $schema"),
        ('{"type": 5}', "invalid 2020-12 schema at /type"),
    ],
)
def test_broken_schema_files_are_input_errors(tmp_path: Path, content: str, message: str) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(content)
    with pytest.raises(InputError, match=message.replace("$", r"\$")):
        load_schema(schema)


def test_missing_schema_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read schema"):
        load_schema(tmp_path / "absent.json")


def test_yaml_schema_files_load(tmp_path: Path) -> None:
    schema = tmp_path / "s.yaml"
    schema.write_text("type: object\nrequired: [a]\n")
    assert [f.rule for f in validate_instance(load_schema(schema), {})] == ["required"]


def test_refs_under_the_root_id_are_read_from_the_schema_directory(tmp_path: Path) -> None:
    (tmp_path / "item.json").write_text(json.dumps({"type": "integer"}))
    root = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://schemas.example.com/v1/root.json",
        "properties": {"n": {"$ref": "item.json"}},
    }
    (tmp_path / "root.json").write_text(json.dumps(root))
    check = load_schema(tmp_path / "root.json")
    assert validate_instance(check, {"n": 1}) == ()
    assert [f.rule for f in validate_instance(check, {"n": "x"})] == ["type"]
