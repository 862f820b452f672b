"""VTL5xx rules: unused variables (VTL501), unused and unsafe noqa comments (VTL502, VTL503)
and Velocity's deprecated loop variables (VTL504)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.engine.environment import Engine
from vtlgw.lint.linter import Linter
from vtlgw.lint.rules.style import VelocityCount
from vtlgw.lint.selection import Selection
from vtlgw.lint.source import LintSource

ROOT = Path(__file__).resolve().parents[3]
REAL_TEMPLATES = sorted(
    [*ROOT.glob("templates/*.vtl"), *ROOT.glob("fixtures/integrations/templates/*")]
)


def lint(text: str, select: str = "VTL5") -> list[tuple[str, int, int, str]]:
    findings = Linter(Selection(select=(select,))).lint(LintSource(text, "t.vtl"))
    return [(f.code, f.location.line, f.location.column, f.message) for f in findings]


# --- VTL501 unused-variable ---------------------------------------------------------------


def test_unused_variable_with_the_name_it_probably_meant() -> None:
    text = '#set($tabel = $stageVariables.table)\n{"TableName": "$table"}\n'
    assert lint(text) == [
        (
            "VTL501",
            1,
            6,
            "$tabel is set here but never read (did you mean $table, which is read but never "
            "set?); remove the #set, or read the variable",
        )
    ]


def test_unused_variable_reported_once_at_its_first_set() -> None:
    text = "{\n#set($count = 0)\n#foreach($i in [1, 2])#set($count = 5)$i#end\n}"
    assert lint(text) == [
        (
            "VTL501",
            2,
            6,
            "$count is set here but never read; remove the #set, or read the variable",
        )
    ]


def test_a_variable_named_only_in_a_comment_or_a_single_quoted_string_is_unused() -> None:
    text = "#set($x = 1)## $x\n#set($y = '$x')$y"
    assert [(code, line, column) for code, line, column, _ in lint(text)] == [("VTL501", 1, 6)]


@pytest.mark.parametrize(
    "text",
    [
        '#set($x = 1)"$x"',
        '#set($x = 1)#set($s = "a${x}b")$s',
        "#set($x = 1)$!{x}",
        "#set($x = 1)#if($x == 1)#end",
        "#set($x = [1])#foreach($i in $x)$i#end",
        "#set($x = 1)#define($block)value $x#end$block",
        "#set($m = {})#set($m.key = 1)",
        "#set($i = 0)#foreach($a in [1])#set($i = $i + 1)#end",
        "#set($x = 1)#mymacro($x)",
        "#set($context.requestOverride.header.X-Trace = 'a')"
        "#set($context.responseOverride.status = 400)",
        "#set($discard = $list.add(1))#set($ok = $map.put('a', 1))#set($n = $it.next())",
        "#set($_ = 1)#set($dummy = 2)#set($ignore2 = 3)#set($unused = 4)#set($void = 5)",
        "#set($x = 'a')#evaluate('$x')",
    ],
)
def test_read_variables_and_deliberate_discards_are_clean(text: str) -> None:
    assert lint(text, "VTL501") == []


# --- VTL502 unused-noqa -------------------------------------------------------------------


def test_noqa_comment_on_a_clean_line() -> None:
    text = '{"stage": "$context.stage"} #* vtlgw: noqa: VTL101 *#\n'
    assert lint(text, "VTL502") == [
        (
            "VTL502",
            1,
            29,
            "this noqa comment does not suppress codes VTL101 on its line; remove it (or the "
            "codes it no longer needs)",
        )
    ]


def test_used_noqa_comment_and_a_template_without_any_are_clean() -> None:
    used = "#set($total = 0) #* vtlgw: noqa: VTL501 *#\n{}\n"
    assert lint(used, "VTL50") == []
    assert lint("{}\n", "VTL502") == []


def test_the_rule_class_reports_nothing_itself() -> None:
    from vtlgw.lint.context import LintContext
    from vtlgw.lint.rules.style import UnusedNoqa

    text = "{} #* vtlgw: noqa: VTL101 *#"
    assert UnusedNoqa(LintContext(LintSource(text, "t.vtl"))).run() == []


# --- VTL503 noqa-in-line-comment ----------------------------------------------------------


def test_line_comment_noqa_after_text() -> None:
    text = '#set($total = 0) ## vtlgw: noqa: VTL501, VTL201\n{"stage": "$context.stage"}\n'
    assert lint(text, "VTL503") == [
        (
            "VTL503",
            1,
            18,
            "this ## comment swallows the line break after it (ref §11.4), so the noqa comment "
            "changes what the template renders; write #* vtlgw: noqa: VTL501, VTL201 *# "
            "instead",
        )
    ]


def test_line_comment_file_noqa_after_text_and_indented() -> None:
    text = "{} ## vtlgw: file-noqa: VTL2\n  ## vtlgw: file-noqa: VTL1\n"
    found = lint(text, "VTL503")
    assert [(code, line, column) for code, line, column, _ in found] == [
        ("VTL503", 1, 4),
        ("VTL503", 2, 3),
    ]
    assert "write #* vtlgw: file-noqa: VTL2 *# instead" in found[0][3]
    assert "write #* vtlgw: file-noqa: VTL1 *# instead" in found[1][3]


@pytest.mark.parametrize(
    "text",
    [
        "## vtlgw: file-noqa: VTL5\n{}\n",  # alone on its line: it removes itself cleanly
        "{} #* vtlgw: noqa: VTL501 *#\n",
        "{} #* about ## vtlgw: noqa: VTL2 *#\n",  # inside a block comment
        "{} ## an ordinary comment\n",
    ],
)
def test_safe_forms_are_clean(text: str) -> None:
    assert lint(text, "VTL503") == []


def test_the_premise_a_line_comment_changes_the_output_a_block_comment_does_not() -> None:
    engine = Engine()
    plain = engine.render("a $x\nb", {"x": 1})
    assert engine.render("a $x #* vtlgw: noqa *#\nb", {"x": 1}) == "a 1 \nb"
    assert engine.render("a $x ## vtlgw: noqa\nb", {"x": 1}) == "a 1 b"
    assert plain == "a 1\nb"


# --- VTL504 velocity-count ----------------------------------------------------------------


def test_velocity_count_and_has_next() -> None:
    text = "#foreach($i in [1, 2])$velocityCount#if($velocityHasNext),#end#end"
    assert lint(text, "VTL504") == [
        (
            "VTL504",
            1,
            23,
            "$velocityCount is Velocity 1.x's deprecated loop variable; write $foreach.count "
            "(ref §5.1, §11.3)",
        ),
        (
            "VTL504",
            1,
            41,
            "$velocityHasNext is Velocity 1.x's deprecated loop variable; write "
            "$foreach.hasNext (ref §5.1, §11.3)",
        ),
    ]


def test_velocity_count_is_opt_in_and_a_template_variable_of_that_name_is_clean() -> None:
    text = "#foreach($i in [1])$velocityCount#end"
    assert VelocityCount.default is False
    assert not Linter().selection.enabled("VTL504", default=VelocityCount.default)
    assert [code for code, *_ in lint(text)] == ["VTL504"]  # a VTL5 prefix selects it
    assert lint("#set($velocityCount = 3)$velocityCount", "VTL504") == []


# --- real templates -----------------------------------------------------------------------


@pytest.mark.parametrize("path", REAL_TEMPLATES, ids=lambda path: path.name)
def test_repository_templates_are_clean(path: Path) -> None:
    assert lint(path.read_text(encoding="utf-8")) == []
