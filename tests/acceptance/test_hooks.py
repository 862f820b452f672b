"""Every hook in ``.pre-commit-hooks.yaml`` runs the way pre-commit runs it.

pre-commit calls the hook's ``entry`` with the hook's ``args`` and the staged files whose names
match ``files`` appended. This test reads the hook file itself, so a hook whose entry, file
pattern or arguments drift from what the CLI accepts fails here, not in a user's repository.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from vtlgw.cli import cli

ROOT = Path(__file__).resolve().parents[2]
HOOKS: list[dict[str, Any]] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
GOOD = '{"connectionId": "$context.connectionId", "stage": "$context.stage"}\n'
BAD = '{"id": "$context.connectionId"}\n#parse("common.vtl")\n'


def _run(hook: dict[str, Any], files: list[Path]) -> tuple[int, str]:
    argv = shlex.split(hook["entry"]) + list(hook.get("args", [])) + [str(f) for f in files]
    assert argv[0] == "vtlgw", "hooks run the vtlgw console script"
    result = CliRunner().invoke(cli, argv[1:], catch_exceptions=False)
    return result.exit_code, result.output


def _selected(hook: dict[str, Any], names: list[str]) -> list[str]:
    pattern = re.compile(hook["files"])
    return [name for name in names if pattern.search(name)]


def test_the_hook_file_lists_the_lint_hook() -> None:
    assert [hook["id"] for hook in HOOKS][:1] == ["vtlgw-lint"]
    for hook in HOOKS:
        assert hook["language"] == "python"
        assert {"id", "name", "entry", "files"} <= set(hook)


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: hook["id"])
def test_hook_file_pattern_selects_templates_only(hook: dict[str, Any]) -> None:
    names = ["a/connect.vtl", "b/legacy.vm", "template.yaml", "notes.md", "x.vtl.bak"]
    assert _selected(hook, names) == ["a/connect.vtl", "b/legacy.vm"]


@pytest.mark.parametrize("hook", HOOKS, ids=lambda hook: hook["id"])
def test_hook_passes_good_and_fails_bad_templates(hook: dict[str, Any], tmp_path: Path) -> None:
    good = tmp_path / "good.vtl"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "bad.vtl"
    bad.write_text(BAD, encoding="utf-8")
    code, output = _run(hook, [good])
    assert (code, output) == (0, "All checks passed!\n")
    code, output = _run(hook, [good, bad])
    assert code == 1
    assert f"{bad}:2:1: VTL104 #parse cannot load another template" in output
    assert str(good) not in output
