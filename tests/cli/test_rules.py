"""``vtlgw rules``: the catalogue as text, JSON and markdown, filtered by code or prefix."""

from __future__ import annotations

import json

from click.testing import CliRunner

from vtlgw.cli import cli
from vtlgw.lint.docs import rules_markdown
from vtlgw.lint.registry import ALL_RULES


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["rules", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_text_lists_every_rule_on_one_aligned_line() -> None:
    code, out, err = run()
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [rule.code for rule in ALL_RULES]
    width = max(len(rule.name) for rule in ALL_RULES)
    for line, rule in zip(lines, ALL_RULES, strict=True):
        flag = "" if rule.default else " (opt-in)"
        assert line == f"{rule.code}  {rule.name.ljust(width)}  {rule.summary}{flag}"


def test_codes_and_prefixes_filter() -> None:
    code, out, _ = run("VTL10", "vtl501")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [
        *(rule.code for rule in ALL_RULES if rule.code.startswith("VTL10")),
        "VTL501",
    ]
    assert out.splitlines()[0].startswith("VTL101  syntax-error")


def test_an_unknown_code_exits_2() -> None:
    assert run("VTL9") == (
        2,
        "",
        "vtlgw rules: unknown rule code or prefix 'VTL9' (did you mean 'VTL209'?); expected VTL "
        "followed by up to three digits of an existing rule (`vtlgw rules` lists them)\n",
    )


def test_json_has_the_metadata() -> None:
    code, out, _ = run("--format", "json", "VTL104")
    assert code == 0
    (row,) = json.loads(out)
    rule = next(r for r in ALL_RULES if r.code == "VTL104")
    assert row == {
        "code": "VTL104",
        "name": "include-not-supported",
        "summary": rule.summary,
        "severity": "error",
        "default": True,
        "explanation": rule.explanation,
        "bad": rule.bad,
        "good": rule.good,
    }
    assert len(json.loads(run("--format", "json")[1])) == len(ALL_RULES)


def test_markdown_is_the_generated_catalogue() -> None:
    # docs/rules.md itself is checked against the same text in tests/lint/test_registry.py
    code, out, _ = run("--format", "markdown")
    assert code == 0
    assert out == rules_markdown(ALL_RULES)
    assert out.startswith("# Lint rules\n")
    code, _, err = run("--format", "markdown", "VTL1")
    assert (code, err.splitlines()[-1]) == (
        2,
        "Error: --format markdown prints the whole catalogue; drop the codes",
    )
