"""VTL1xx: syntax errors and the directives API Gateway does not run (ref §5.1, §11.3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.lint.linter import Linter
from vtlgw.lint.selection import Selection
from vtlgw.lint.source import LintSource


def lint(text: str, select: str = "VTL1") -> list[tuple[str, int, int, str]]:
    findings = Linter(Selection(select=(select,))).lint(LintSource(text, "t.vtl"))
    return [(f.code, f.location.line, f.location.column, f.message) for f in findings]


def test_an_unclosed_block_is_reported_where_it_opened() -> None:
    text = "x\n#foreach($i in $input.path('$.a'))\n  \"$i\"\n"
    ((code, line, column, message),) = lint(text)
    assert (code, line, column) == ("VTL101", 2, 1)
    assert message == (
        "expected '#end' closing #foreach, found the end of the template "
        "(the #foreach opened at 2:1 is still open)"
    )


def test_other_syntax_errors_are_reported_where_the_engine_reports_them() -> None:
    assert lint("#set($x = )") == [("VTL101", 1, 11, "expected a value, found ')'")]


def test_a_template_that_does_not_parse_gets_only_the_syntax_finding() -> None:
    assert [code for code, *_ in lint("#macro(m)#end\n#if(", "VTL")] == ["VTL101"]


def test_macro_definitions_and_calls() -> None:
    text = '#macro(field $k)"$k"#end\n{#field("id")}\n#sett($x)\n#@wrap()x#end'
    assert [(code, line, column) for code, line, column, _ in lint(text)] == [
        ("VTL102", 1, 1),
        ("VTL102", 2, 2),
        ("VTL102", 3, 1),
        ("VTL102", 4, 1),
    ]
    messages = [message for *_, message in lint(text)]
    assert "there is no directive #sett (did you mean 'set'?)" in messages[2]
    assert "#macro 'field' defines nothing on API Gateway (ref §11.3)" in messages[0]


def test_a_hash_word_without_parentheses_is_text_and_fine() -> None:
    assert lint("Issue #42 is fixed; see #notes") == []


def test_define_is_not_a_finding() -> None:
    assert lint('#define($id)"$context.requestId"#end{"id": $id}') == []


@pytest.mark.parametrize(
    ("text", "code", "column"),
    [
        ("#evaluate($t)", "VTL103", 1),
        ("a #include('x.vtl')", "VTL104", 3),
        ("#parse('x.vtl')", "VTL104", 1),
        ("#foreach($i $list)$i#end", "VTL105", 1),
        ("#foreach($i)$i#end", "VTL105", 1),
    ],
)
def test_directives_the_gateway_does_not_run(text: str, code: str, column: int) -> None:
    assert [(c, line, col) for c, line, col, _ in lint(text)] == [(code, 1, column)]


def test_a_well_formed_foreach_is_fine() -> None:
    assert lint("#foreach($i in [1, 2])$i#end") == []


def test_spaced_directive_at_the_start_of_a_line() -> None:
    text = "# set($a = 1)\n  # if($a) x\n## set(x)\nsee # set(x)\n#set($b = 2)$b\n"
    assert lint(text, "VTL106") == [
        (
            "VTL106",
            1,
            1,
            "'# set(' is text, not #set: Velocity reads '#' followed by a space as text and "
            "prints the line as written; write #set(",
        ),
        (
            "VTL106",
            2,
            3,
            "'# if(' is text, not #if: Velocity reads '#' followed by a space as text and "
            "prints the line as written; write #if(",
        ),
    ]


def test_an_unclosed_block_in_an_iac_template_says_where_it_opened_in_the_host(
    tmp_path: Path,
) -> None:
    from vtlgw.iac.detect import read_host

    host = tmp_path / "template.yaml"
    host.write_text(
        "Resources:\n"
        "  Integration:\n"
        "    Type: AWS::ApiGatewayV2::Integration\n"
        "    Properties:\n"
        "      IntegrationType: MOCK\n"
        "      RequestTemplates:\n"
        "        $default: |\n"
        "          {\n"
        "          #if($input.path('$.a') == 1)\n"
        '            "a": 1\n'
        "          }\n"
    )
    (template,) = read_host(str(host))
    source = template.lint_source()
    (finding,) = Linter(Selection(select=("VTL101",))).lint(source)
    assert (finding.location.name, finding.location.line, finding.location.column) == (
        str(host),
        9,
        11,
    )
    assert finding.message.endswith("(the #if opened at 9:11 is still open)")
    assert finding.host_path == "Resources/Integration/Properties/RequestTemplates/$default"
