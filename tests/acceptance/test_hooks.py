"""Every hook in ``.pre-commit-hooks.yaml`` runs the way pre-commit runs it.

pre-commit selects the staged files whose names match ``files`` (and ``types``), then calls the
hook's ``entry`` with the hook's ``args`` and those files appended, from the repository root.
This test reads the hook file itself, so a hook whose entry, file pattern or arguments drift
from what the CLI accepts fails here, not in a user's repository. Each hook needs a case in
:data:`CASES` (which files it must select, a passing and a failing input, what the failure
prints); a hook without one fails :func:`test_every_hook_has_a_case`.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from vtlgw.cli import cli

ROOT = Path(__file__).resolve().parents[2]
HOOKS: list[dict[str, Any]] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
#: The keys pre-commit's manifest schema knows (a misspelt key is silently ignored there).
MANIFEST_KEYS = frozenset(
    {
        "id",
        "name",
        "entry",
        "language",
        "alias",
        "files",
        "exclude",
        "types",
        "types_or",
        "exclude_types",
        "additional_dependencies",
        "args",
        "always_run",
        "fail_fast",
        "pass_filenames",
        "description",
        "language_version",
        "log_file",
        "require_serial",
        "stages",
        "verbose",
        "minimum_pre_commit_version",
    }
)


@dataclass(frozen=True)
class Case:
    """What one hook must do."""

    selected: tuple[str, ...]  # of NAMES, the files the hook's pattern selects
    good: tuple[str, str]  # file name, text: passes
    bad: tuple[str, str]  # file name, text: fails
    says: str  # a line the failure prints (``{path}`` is the bad file)


NAMES = (
    "a/connect.vtl",
    "b/legacy.vm",
    "c/UPPER.VTL",
    "template.yaml",
    "notes.md",
    "x.vtl.bak",
    "d/api.json",
    "e/main.tf",
    "f/serverless.yml",
    "g/main.tfvars",
)
#: an OpenAPI file with one request template, written as a JSON string (``template``)
EMBEDDED = """\
openapi: 3.0.1
info: {{title: items}}
paths:
  /items:
    get:
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates:
          application/json: {template}
"""
CASES = {
    "vtlgw-lint": Case(
        selected=("a/connect.vtl", "b/legacy.vm"),
        good=("good.vtl", '{"connectionId": "$context.connectionId", "stage": "$context.stage"}\n'),
        bad=("bad.vtl", '{"id": "$context.connectionId"}\n#parse("common.vtl")\n'),
        says="{path}:2:1: VTL104 #parse cannot load another template on API Gateway (ref §5.1)",
    ),
    "vtlgw-lint-embedded": Case(
        selected=("template.yaml", "d/api.json", "e/main.tf", "f/serverless.yml"),
        good=("template.yaml", EMBEDDED.format(template=json.dumps('{"statusCode": 200}'))),
        bad=(
            "api.yaml",
            EMBEDDED.format(template=json.dumps('{"statusCode": 200}\n#parse("common.vtl")')),
        ),
        says="{path}:9:53: VTL104 #parse cannot load another template on API Gateway (ref §5.1) "
        "[paths//items/get/x-amazon-apigateway-integration/requestTemplates/application/json]",
    ),
}


def _argv(hook: dict[str, Any], files: list[Path]) -> list[str]:
    return shlex.split(hook["entry"]) + list(hook.get("args", [])) + [str(f) for f in files]


def _run(hook: dict[str, Any], files: list[Path]) -> tuple[int, str]:
    argv = _argv(hook, files)
    assert argv[0] == "vtlgw", "hooks run the vtlgw console script"
    result = CliRunner().invoke(cli, argv[1:], catch_exceptions=False)
    return result.exit_code, result.output


def _selected(hook: dict[str, Any], names: tuple[str, ...]) -> tuple[str, ...]:
    pattern = re.compile(hook["files"])
    excluded = re.compile(hook["exclude"]) if "exclude" in hook else None
    return tuple(
        name
        for name in names
        if pattern.search(name) and not (excluded is not None and excluded.search(name))
    )


def test_every_hook_has_a_case() -> None:
    assert [hook["id"] for hook in HOOKS][:1] == ["vtlgw-lint"]
    assert sorted(hook["id"] for hook in HOOKS) == sorted(CASES)


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: hook["id"])
def test_the_hook_definition_is_valid_for_pre_commit(hook: dict[str, Any]) -> None:
    assert set(hook) <= MANIFEST_KEYS
    assert {"id", "name", "entry", "language"} <= set(hook)
    assert hook["language"] == "python"
    assert hook.get("pass_filenames", True) is True
    assert hook.get("types", ["file"]) == ["file"]  # symbolic links are not passed


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: hook["id"])
def test_the_file_pattern_selects_what_the_hook_lints(hook: dict[str, Any]) -> None:
    assert _selected(hook, NAMES) == CASES[hook["id"]].selected


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: hook["id"])
def test_the_hook_passes_good_and_fails_bad_files(
    hook: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # pre-commit runs hooks from the repository root
    case = CASES[hook["id"]]
    good = tmp_path / case.good[0]
    good.write_text(case.good[1], encoding="utf-8")
    bad = tmp_path / case.bad[0]
    bad.write_text(case.bad[1], encoding="utf-8")
    assert _run(hook, [good]) == (0, "All checks passed!\n")
    code, output = _run(hook, [good, bad])
    assert code == 1
    assert case.says.format(path=bad) in output.splitlines()
    assert str(good) not in output


def test_the_embedded_hook_skips_yaml_and_json_files_without_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    hook = next(hook for hook in HOOKS if hook["id"] == "vtlgw-lint-embedded")
    files = {
        "package.json": '{"name": "app"}',
        "workflow.yml": "on: push\njobs: {}\n",
        "stack.yaml": "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n",
        "template.yaml": CASES[hook["id"]].good[1],
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert _run(hook, [tmp_path / name for name in files]) == (0, "All checks passed!\n")
    (tmp_path / "broken.yaml").write_text("openapi: 3.0.1\npaths: [\n", encoding="utf-8")
    code, output = _run(hook, [tmp_path / "broken.yaml"])
    assert code == 2
    assert output.startswith(f"{tmp_path / 'broken.yaml'}:")


def _console_script() -> str:
    beside = Path(sys.executable).with_name("vtlgw")
    found = str(beside) if beside.exists() else shutil.which("vtlgw")
    assert found, "the vtlgw console script is not installed (pip install -e .)"
    return found


def test_the_entry_runs_as_a_real_process(tmp_path: Path) -> None:
    hook = HOOKS[0]
    case = CASES[hook["id"]]
    bad = tmp_path / case.bad[0]
    bad.write_text(case.bad[1], encoding="utf-8")
    argv = _argv(hook, [bad.relative_to(tmp_path)])
    done = subprocess.run(
        [_console_script(), *argv[1:]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert case.says.format(path=case.bad[0]) in done.stdout.splitlines()
