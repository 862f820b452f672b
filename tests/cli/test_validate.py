"""``vtlgw validate``: valid output, JSON errors traced to the template, schemas, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from vtlgw.cli import cli
from vtlgw.events import synthesize

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "fixtures" / "schemas" / "validation"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def event(tmp_path: Path, body: str = '{"action": "join", "n": 3}') -> str:
    return write(tmp_path, "event.json", json.dumps(synthesize("message", seed=5, body=body)))


def test_valid_output_exits_0(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", '{"action": "$input.path(\'$.action\')", "room": "r"}')
    code, out, err = run(
        template, "--event", event(tmp_path), "--schema", str(SCHEMAS / "message-draft7.json")
    )
    assert (code, out, err) == (0, f"{template}: valid\n", "")


def test_unquoted_empty_reference_is_traced_to_its_line(tmp_path: Path) -> None:
    # ref §9.4 and §11.1 (V): null renders as nothing, leaving `"count": ,`.
    template = write(
        tmp_path,
        "t.vtl",
        "{\n  \"n\": $input.path('$.n'),\n  \"count\": $input.path('$.missing'),\n}",
    )
    code, out, _ = run(template, "--event", event(tmp_path))
    assert code == 1
    assert out.splitlines() == [
        f"{template}:3:12: invalid-json: output is not valid JSON: expected a JSON value, "
        "found ','",
        "  template line 3:12: $input.path('$.missing')",
        "    this reference probably rendered empty (null or undefined), leaving no JSON value; "
        "quote it or give it a default",
        f"{template}: invalid (1 finding)",
    ]


def test_duplicate_keys_and_schema_violations_in_json_format(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", '{"action": "x", "action": "$input.path(\'$.action\')"}')
    code, out, _ = run(
        template,
        "-e",
        event(tmp_path),
        "-s",
        str(SCHEMAS / "message-draft7.json"),
        "--format",
        "json",
    )
    assert code == 1
    report = json.loads(out)
    assert report["version"] == 1 and report["valid"] is False
    (output,) = report["outputs"]
    assert output["output"] == '{"action": "x", "action": "join"}'
    assert [(f["code"], f["pointer"], f["rule"]) for f in output["findings"]] == [
        ("duplicate-key", "/action", None),
        ("schema-violation", "", "required"),
    ]
    assert output["findings"][1]["schemaPath"] == "#/then/required"


def test_text_content_type_skips_json_checks(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "plain $input.path('$.action')")
    code, out, _ = run(template, "-e", event(tmp_path), "--content-type", "text/plain")
    assert (code, out) == (0, f"{template}: valid\n")


def test_render_error_exits_1(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "#foreach($x in [1])")
    code, out, err = run(template, "-e", event(tmp_path))
    assert code == 1
    assert "render-error" in out
    assert err == ""


def test_input_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    template = write(tmp_path, "t.vtl", "{}")
    code, _, err = run(template, "-e", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read event file" in err and "Traceback" not in err
    bad_schema = write(tmp_path, "s.json", '{"type": 12}')
    code, _, err = run(template, "-e", event(tmp_path), "-s", bad_schema)
    assert code == 2 and "invalid 2020-12 schema at /type" in err
    code, _, err = run(str(tmp_path / "nope.vtl"), "-e", event(tmp_path))
    assert code == 2 and "cannot read template" in err
    network = write(tmp_path, "n.json", '{"$ref": "https://example.com/s.json"}')
    code, _, err = run(template, "-e", event(tmp_path), "-s", network)
    assert code == 2 and "never fetches schemas over the network" in err


def test_usage_error_exits_2() -> None:
    result = CliRunner().invoke(cli, ["validate"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "Missing argument 'TEMPLATE'" in result.output
