"""``vtlgw check``: case files pass, failures come with diffs, broken files exit 2."""

from __future__ import annotations

import json
from pathlib import Path

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
    assert err.startswith(f"{path}:4:12: [0].expect.jsn: unknown key; expected one of output")
    assert "Traceback" not in err


def test_missing_files_and_no_cases_exit_2(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "absent.vtlcase.yaml"))
    assert code == 2 and "cannot read file" in err
    code, out, _ = run(str(tmp_path))
    assert code == 2 and "no case files found" in out + _


def test_fixture_cases_directory_runs() -> None:
    code, out, _ = run(str(ROOT / "fixtures" / "cases"), "--format", "json")
    report = json.loads(out)
    assert report["passed"] + report["failed"] >= 19
    assert code == (0 if report["failed"] == 0 else 1)
