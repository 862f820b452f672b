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


def test_network_ref_is_refused_when_the_schema_loads(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"properties": {"a": {"$ref": "https://example.com/a.json"}}}))
    with pytest.raises(InputError) as info:
        load_schema(schema)
    assert info.value.name == str(schema)
    assert info.value.message == (
        "/properties/a/$ref: $ref 'https://example.com/a.json' is not a local file; "
        "vtlgw never fetches schemas over the network"
    )


def test_missing_ref_file_is_named_when_the_schema_loads(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"properties": {"a": {"$ref": "defs/nope.json"}}}))
    with pytest.raises(InputError) as info:
        load_schema(schema)
    assert info.value.name == str(tmp_path / "defs" / "nope.json")
    assert info.value.message == (
        "cannot read schema: No such file or directory "
        f"($ref 'defs/nope.json' at {schema}#/properties/a/$ref)"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "schema is not valid JSON: Expecting property name"),
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


# --- the default draft ---------------------------------------------------------------------


def test_a_schema_without_dollar_schema_is_2020_12(tmp_path: Path) -> None:
    # prefixItems exists only in 2020-12: under draft 7 it would be ignored and pass anything
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"type": "array", "prefixItems": [{"type": "string"}]}))
    check = load_schema(schema)
    assert check.draft == "2020-12"
    assert validate_instance(check, ["a", 1]) == ()
    findings = validate_instance(check, [1])
    assert [(f.pointer, f.rule, f.schema_path) for f in findings] == [
        ("/0", "type", "#/prefixItems/0/type")
    ]


# --- every file a $ref reaches is checked when the schema loads ------------------------------


def _write(path: Path, content: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, indent=2), "utf-8")
    return path


def _load_error(root: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_schema(root)
    return info.value


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            {"type": "objekt"},
            "invalid 2020-12 schema at /type: 'objekt' is not valid under any of the given schemas",
        ),
        (
            {"$defs": {"id": {"pattern": "["}}},
            "invalid 2020-12 schema at /$defs/id/pattern: '[' is not a 'regex' "
            "(unterminated character set at position 0)",
        ),
        (
            {"$schema": "http://json-schema.org/draft-07/schema#", "minLength": -1},
            "invalid draft-07 schema at /minLength: -1 is less than the minimum of 0",
        ),
    ],
)
def test_an_invalid_ref_target_is_named_with_the_pointer_inside_it(
    tmp_path: Path, target: object, message: str
) -> None:
    bad = _write(tmp_path / "defs" / "bad.json", target)
    root = _write(tmp_path / "root.json", {"properties": {"a": {"$ref": "defs/bad.json"}}})
    error = _load_error(root)
    assert error.name == str(bad)
    assert error.message == f"{message} ($ref 'defs/bad.json' at {root}#/properties/a/$ref)"


def test_a_ref_target_nested_in_another_ref_target_is_checked(tmp_path: Path) -> None:
    _write(tmp_path / "defs" / "a.json", {"$defs": {"x": {"$ref": "b.json"}}})
    bad = _write(tmp_path / "defs" / "b.json", {"type": "objekt"})
    root = _write(tmp_path / "root.json", {"$ref": "defs/a.json#/$defs/x"})
    error = _load_error(root)
    assert error.name == str(bad)
    assert error.message.endswith(
        f"($ref 'b.json' at {tmp_path / 'defs' / 'a.json'}#/$defs/x/$ref)"
    )


def test_a_ref_target_that_is_not_json_keeps_its_position(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "string",\n "x" 1}', "utf-8")
    root = _write(tmp_path / "root.json", {"$ref": "broken.json"})
    error = _load_error(root)
    assert (error.name, error.line, error.column) == (str(broken), 2, 6)
    assert error.message == (
        f"schema is not valid JSON: Expecting ':' delimiter ($ref 'broken.json' at {root}#/$ref)"
    )


def test_a_latin1_ref_target_is_named(tmp_path: Path) -> None:
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"description": "caf\xe9"}')
    root = _write(tmp_path / "root.json", {"$ref": "latin.json"})
    error = _load_error(root)
    assert error.name == str(latin)
    assert error.message == (
        f"schema is not UTF-8 text (bad byte at offset 20) ($ref 'latin.json' at {root}#/$ref)"
    )


def test_a_latin1_schema_is_an_input_error(tmp_path: Path) -> None:
    latin = tmp_path / "s.json"
    latin.write_bytes(b'{"description": "caf\xe9"}')
    assert str(_load_error(latin)) == f"{latin}: schema is not UTF-8 text (bad byte at offset 20)"


def test_a_schema_with_a_bom_loads(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_bytes(b'\xef\xbb\xbf{"type": "string", "description": "caf\xc3\xa9"}')
    assert [f.rule for f in validate_instance(load_schema(schema), 5)] == ["type"]


def test_broken_json_in_the_root_schema_has_line_and_column(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text('{\n  "type": "object"\n  "required": []\n}', "utf-8")
    error = _load_error(schema)
    assert (error.line, error.column, error.source_line) == (3, 3, '  "required": []')
    assert error.message == "schema is not valid JSON: Expecting ',' delimiter"


@pytest.mark.parametrize(
    ("ref", "where", "message"),
    [
        ("#/$defs/nope", "s.json", "JSON pointer '/$defs/nope' points to nothing here"),
        ("defs.json#/$defs/nope", "defs.json", "JSON pointer '/$defs/nope' points to nothing here"),
        ("#nope", "s.json", "no anchor 'nope' here"),
    ],
)
def test_a_ref_to_nowhere_names_the_file_it_looks_in(
    tmp_path: Path, ref: str, where: str, message: str
) -> None:
    _write(tmp_path / "defs.json", {"$defs": {"s": {"type": "string"}}})
    root = _write(tmp_path / "s.json", {"$defs": {"s": {}}, "properties": {"a": {"$ref": ref}}})
    error = _load_error(root)
    assert error.name == str(tmp_path / where)
    assert error.message == f"{message} ($ref {ref!r} at {root}#/properties/a/$ref)"


def test_a_dynamic_ref_to_nowhere_is_an_input_error(tmp_path: Path) -> None:
    root = _write(tmp_path / "s.json", {"items": {"$dynamicRef": "#missing"}})
    error = _load_error(root)
    assert (
        error.message == f"no anchor 'missing' here ($ref '#missing' at {root}#/items/$dynamicRef)"
    )


def test_refs_between_files_may_form_a_cycle(tmp_path: Path) -> None:
    root = _write(tmp_path / "a.json", {"type": "object", "properties": {"b": {"$ref": "b.json"}}})
    _write(tmp_path / "b.json", {"type": "object", "properties": {"a": {"$ref": "a.json"}}})
    check = load_schema(root)
    assert validate_instance(check, {"b": {"a": {"b": {}}}}) == ()
    assert [f.pointer for f in validate_instance(check, {"b": {"a": {"b": 5}}})] == ["/b/a/b"]


def test_ref_files_are_read_once_when_the_schema_loads(tmp_path: Path) -> None:
    item = _write(tmp_path / "item.json", {"type": "integer"})
    root = _write(tmp_path / "root.json", {"items": {"$ref": "item.json"}})
    check = load_schema(root)
    item.unlink()  # validation does not go back to the disk
    assert [f.pointer for f in validate_instance(check, [1, "x"])] == ["/1"]


# --- regular expressions never reach a traceback --------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "detail"),
    [
        ("(?<name>x)", "unknown extension ?<n at position 1"),
        ("a{99999999999}", "the repetition number is too large"),
    ],
)
def test_a_bad_pattern_in_the_root_is_an_input_error(
    tmp_path: Path, pattern: str, detail: str
) -> None:
    schema = _write(tmp_path / "s.json", {"properties": {"id": {"pattern": pattern}}})
    error = _load_error(schema)
    assert error.name == str(schema)
    assert error.message == (
        f"invalid 2020-12 schema at /properties/id/pattern: {pattern!r} is not a 'regex' ({detail})"
    )


def test_a_bad_pattern_property_that_only_failed_when_matching_is_an_input_error(
    tmp_path: Path,
) -> None:
    # draft 4's metaschema does not say patternProperties names are regexes: this used to load
    # and crash with re.error on the first object validated
    schema = _write(
        tmp_path / "s.json",
        {"$schema": "http://json-schema.org/draft-04/schema#", "patternProperties": {"[": {}}},
    )
    error = _load_error(schema)
    assert error.message == (
        "invalid draft-04 schema at /patternProperties: '[' is not a 'regex' "
        "(unterminated character set at position 0)"
    )


# --- bounded: deep schemas and deep outputs -------------------------------------------------


def test_a_schema_nested_too_deeply_is_an_input_error(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text('{"not": ' * 200 + "{}" + "}" * 200, "utf-8")
    error = _load_error(schema)
    assert error.name == str(schema)
    assert (
        error.message
        == f"schema is nested more than 100 levels deep (at {'.'.join(['not'] * 100)})"
    )


def test_a_yaml_schema_that_is_an_alias_bomb_is_an_input_error(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    schema = tmp_path / "s.yaml"
    schema.write_text("\n".join(lines) + "\n", "utf-8")
    assert str(_load_error(schema)).startswith(
        f"{schema}:6:10: YAML aliases expand to more than 100,000 values"
    )


def _nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


def test_an_output_too_deep_to_check_is_a_finding_not_a_pass(tmp_path: Path) -> None:
    schema = _write(tmp_path / "s.json", {"type": ["array", "integer"], "items": {"$ref": "#"}})
    check = load_schema(schema)
    assert validate_instance(check, _nested(99)) == ()
    (finding,) = validate_instance(check, _nested(150))
    assert (finding.code, finding.pointer) == (SCHEMA_VIOLATION, "")
    assert finding.message == (
        "(root): nested more than 100 levels deep to check "
        "(an output vtlgw cannot check does not pass)"
    )


def test_a_schema_too_deep_to_evaluate_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    # forty applicators per level: Python's recursion limit is hit long before 100 levels
    level: dict[str, object] = {"type": ["array", "integer"], "items": {"$ref": "#"}}
    for _ in range(40):
        level = {"allOf": [level]}
    check = load_schema(_write(tmp_path / "s.json", level))
    (finding,) = validate_instance(check, _nested(90))
    assert finding.message == (
        "(root): nested too deeply to check against this schema "
        "(an output vtlgw cannot check does not pass)"
    )


def test_a_yaml_schema_must_hold_json_data(tmp_path: Path) -> None:
    # `1:` is an integer key in YAML: as a property name it would never match "1" and pass all
    schema = tmp_path / "s.yaml"
    schema.write_text("type: object\nproperties:\n  1: {type: string}\n", "utf-8")
    error = _load_error(schema)
    assert (error.name, error.line, error.column) == (str(schema), 3, 3)
    assert error.message == "properties: expected string keys, found a number key 1"


def test_a_ref_outside_the_project_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "other.json").write_text('{"type": "string"}')
    schema = project / "s.json"
    schema.write_text('{"$ref": "../other.json"}')
    monkeypatch.chdir(project)
    with pytest.raises(InputError, match="outside the folder of the file that names it"):
        load_schema(schema)
