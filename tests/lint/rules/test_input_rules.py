"""VTL220: members of ``$input`` that do not exist (ref §2, §11.1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.lint.linter import Linter
from vtlgw.lint.selection import Selection
from vtlgw.lint.source import LintSource

ROOT = Path(__file__).resolve().parents[3]


def lint(text: str) -> list[tuple[int, int, str]]:
    findings = Linter(Selection(select=("VTL220",))).lint(LintSource(text, "t.vtl"))
    return [(f.location.line, f.location.column, f.message) for f in findings]


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        (
            "\"$input.parms('id')\"",
            9,
            "$input has no method parms() (did you mean 'params'?); it renders as an empty "
            "string (ref §2, §11.1)",
        ),
        (
            '"$input.params"',
            9,
            "$input.params is a method: call it, $input.params(...); as a property it renders "
            "as an empty string (ref §2, §11.1)",
        ),
        (
            '"$input.body()"',
            9,
            "$input.body is a property, not a method: write $input.body (ref §2, §11.1)",
        ),
        (
            '"$input.bdy"',
            9,
            "$input has no property bdy (did you mean 'body'?); it renders as an empty string "
            "(ref §2, §11.1)",
        ),
    ],
)
def test_members_that_do_not_exist(text: str, column: int, message: str) -> None:
    assert lint(text) == [(1, column, message)]


def test_the_members_that_exist_are_fine() -> None:
    text = (
        "$input.body $input.json('$') $input.path('$.a').b $input.params() "
        "$input.params('id') $input.params().header.get('x') \\$input.nothing"
    )
    assert lint(text) == []


@pytest.mark.parametrize("path", sorted((ROOT / "templates").glob("*.vtl")), ids=lambda p: p.name)
def test_the_bundled_templates_are_clean(path: Path) -> None:
    assert lint(path.read_text()) == []
