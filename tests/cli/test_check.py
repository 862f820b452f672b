"""``vtlgw check``: case files pass, failures come with diffs, broken files exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vtlgw.cli import cli

ROOT = Path(__file__).resolve().parents[2]
INTEGRATIONS = ROOT / "fixtures" / "integrations"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str, name: str = "c.vtlcase.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


PASSING = (
    "cases:\n"
    "  - name: echo\n"
    "    template_text: '{\"a\": \"$input.path(''$.a'')\"}'\n"
    '    event: {route: message, seed: 1, body: \'{"a": "x"}\'}\n'
    "    expect: {json: {a: x}}\n"
)
FAILING = (
    "cases:\n"
    "  - name: wrong\n"
    "    template_text: '{\"a\": \"$input.path(''$.a'')\"}'\n"
    '    event: {route: message, seed: 1, body: \'{"a": "x"}\'}\n'
    "    expect: {json: {a: y}}\n"
)


def test_passing_cases_exit_0(tmp_path: Path) -> None:
    path = write(tmp_path, PASSING)
    code, out, err = run(path)
    assert (code, err) == (0, "")
    assert out == f"{path}:2: PASS echo\n1 passed, 0 failed\n"


def test_failure_is_reported_with_a_diff(tmp_path: Path) -> None:
    path = write(tmp_path, FAILING)
    code, out, _ = run(path)
    assert code == 1
    assert out == (
        f"{path}:2: FAIL wrong\n"
        "  json: JSON differs\n"
        "    --- expected\n"
        "    +++ actual\n"
        "    @@ -1,3 +1,3 @@\n"
        "     {\n"
        '    -  "a": "y"\n'
        '    +  "a": "x"\n'
        "     }\n"
        "0 passed, 1 failed\n"
    )


def test_directories_are_searched_and_json_format(tmp_path: Path) -> None:
    write(tmp_path, PASSING, "a.vtlcase.yaml")
    write(tmp_path, FAILING, "b.vtlcase.yaml")
    write(tmp_path, "not: a case file\n", "ignored.yaml")
    code, out, _ = run(str(tmp_path), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert (report["version"], report["passed"], report["failed"]) == (1, 1, 1)
    assert [c["name"] for c in report["cases"]] == ["echo", "wrong"]
    assert report["cases"][1]["failures"][0]["expectation"] == "json"


def test_integration_case_failure_output(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"- name: expects acceptance\n"
        f"  integration: {INTEGRATIONS / 'ws-connect-proxy.yaml'}\n"
        f"  event: {{route: connect, seed: 1}}\n"
        f"  backend: {{statusCode: 401}}\n"
        f"  expect: {{connection: accepted}}\n",
    )
    code, out, _ = run(path)
    assert code == 1
    assert "  connection: expected 'accepted', got 'refused'\n" in out


def test_invalid_case_file_exits_2_and_says_where(tmp_path: Path) -> None:
    path = write(
        tmp_path, "- name: x\n  template_text: a\n  event: {route: rest}\n  expect: {jsn: 1}\n"
    )
    code, out, err = run(path)
    assert (code, out) == (2, "")
    assert err == (
        f"{path}:4:12: [0].expect.jsn: unknown key (did you mean 'json'?); expected one of "
        "output, contains, json, json_subset, schema, valid_json, error, request_template, "
        "response_key, client_kind, client_status, connection, client_headers, findings, response, "
        "client_body\n"
        "  expect: {jsn: 1}\n"
        "           ^\n"
    )


TEMPLATE_CHECKS = "output, contains, json, json_subset, schema, valid_json, error"


def test_integration_expectations_in_a_template_case_exit_2(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "- name: x\n"
        "  template_text: '{}'\n"
        "  event: {route: rest}\n"
        "  expect:\n"
        "    valid_json: true\n"
        "    client_status: 200\n",
    )
    code, out, err = run(path)
    assert (code, out) == (2, "")
    assert err == (
        f"{path}:6:5: [0].expect.client_status: client_status applies only to integration "
        f"cases; this case renders a template, which can check {TEMPLATE_CHECKS}\n"
        "    client_status: 200\n"
        "    ^\n"
    )


def test_a_case_that_checks_nothing_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path, "- {name: x, template_text: a, event: {route: rest}, expect: {}}\n")
    code, out, err = run(path)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == (
        f"{path}:1:61: [0].expect: checks nothing; expected at least one of {TEMPLATE_CHECKS}"
    )


def test_a_case_with_template_and_template_text_exits_2(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "- template: t.vtl\n  template_text: a\n  event: {route: rest}\n  expect: {output: a}\n",
    )
    code, out, err = run(path)
    assert (code, out) == (2, "")
    assert err == (
        f"{path}:2:3: [0].template_text: a case takes exactly one of template, template_text, "
        "integration; found template and template_text\n"
        "  template_text: a\n"
        "  ^\n"
    )


def test_a_missing_event_file_exits_2_at_the_case(tmp_path: Path) -> None:
    path = write(tmp_path, "- template_text: a\n  event: e.json\n  expect: {output: a}\n")
    code, out, err = run(path)
    assert (code, out) == (2, "")
    assert err == (
        f"{path}:2:10: [0].event: {tmp_path / 'e.json'}: cannot read event file: "
        "No such file or directory\n"
        "  event: e.json\n"
        "         ^\n"
    )


def test_every_file_is_checked_before_any_case_runs(tmp_path: Path) -> None:
    write(tmp_path, PASSING, "a.vtlcase.yaml")
    bad = write(tmp_path, "- {template_text: a, event: {route: rest}}\n", "b.vtlcase.yaml")
    code, out, err = run(str(tmp_path))
    assert (code, out) == (2, "")
    assert err.startswith(f"{bad}:1:3: [0]: checks nothing: expected an expect: block")


def test_a_case_file_that_is_not_utf8_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "c.vtlcase.yaml"
    path.write_bytes(b"- {name: caf\xe9, template_text: a, event: {route: rest}}\n")
    code, out, err = run(str(path))
    assert (code, out) == (2, "")
    assert err == f"{path}: file is not UTF-8 text (bad byte at offset 12)\n"


def test_a_missing_case_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "absent.vtlcase.yaml"
    code, out, err = run(str(path))
    assert (code, out) == (2, "")
    assert err == f"{path}: cannot read file: No such file or directory\n"


def test_a_directory_without_case_files_exits_2(tmp_path: Path) -> None:
    write(tmp_path, PASSING, "a.vtlcase.yaml")
    empty = tmp_path / "empty"
    empty.mkdir()
    write(empty, PASSING, "not-a-case.yaml")
    code, out, err = run(str(tmp_path / "a.vtlcase.yaml"), str(empty))
    assert (code, out) == (2, "")
    assert err == (
        f"{empty}: no case files found under {empty}; expected files named *.vtlcase.yaml\n"
    )


def test_exit_codes_with_exact_output(tmp_path: Path) -> None:
    passing = write(tmp_path, PASSING, "a.vtlcase.yaml")
    failing = write(tmp_path, FAILING, "b.vtlcase.yaml")
    assert run(passing) == (0, f"{passing}:2: PASS echo\n1 passed, 0 failed\n", "")
    code, out, err = run(passing, failing)
    assert (code, err) == (1, "")
    assert out.startswith(
        f"{passing}:2: PASS echo\n{failing}:2: FAIL wrong\n  json: JSON differs\n"
    )
    assert out.endswith("1 passed, 1 failed\n")


def test_fixture_cases_directory_runs() -> None:
    code, out, _ = run(str(ROOT / "fixtures" / "cases"), "--format", "json")
    report = json.loads(out)
    assert report["passed"] + report["failed"] >= 19
    assert code == (0 if report["failed"] == 0 else 1)


def test_a_bug_is_one_line_unless_traceback_is_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vtlgw.cases.runner import CaseRunner

    def broken(self: CaseRunner, case: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(CaseRunner, "run", broken)
    path = write(tmp_path, PASSING)
    assert run(path) == (
        2,
        "",
        "check: internal error: RuntimeError: boom "
        "(this is a vtlgw bug; --traceback shows where)\n",
    )
    with pytest.raises(RuntimeError, match="boom"):
        CliRunner().invoke(cli, ["check", path, "--traceback"], catch_exceptions=False)


def test_a_yaml_alias_bomb_in_a_case_file_exits_2_quickly(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefghij", "bcdefghijk", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    code, out, err = run(path)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == f"{path}:5:36: YAML aliases expand to more than 100,000 values"
