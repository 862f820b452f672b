"""``vtlgw:`` comments: noqa forms, unused suppressions, declarations, and malformed comments.

The linter runs a fixed subset of rules here (VTL101, VTL104 and the noqa rules), so these
tests do not move when other rules change.
"""

from __future__ import annotations

import pytest

from vtlgw.engine.environment import Engine
from vtlgw.errors import InputError
from vtlgw.lint.finding import LintFinding
from vtlgw.lint.linter import Linter
from vtlgw.lint.noqa import Declaration, declared_settings, find_directives
from vtlgw.lint.rules.style import NoqaInLineComment, UnusedNoqa
from vtlgw.lint.rules.syntax import LoaderDirective, SyntaxError_
from vtlgw.lint.selection import Selection
from vtlgw.lint.source import ApiKind, LintSource
from vtlgw.location import LineIndex, SourceLocation

RULES = (SyntaxError_, LoaderDirective, UnusedNoqa, NoqaInLineComment)
PARSE = "#parse cannot load another template on API Gateway (ref §5.1)"


def lint(text: str, select: str = "VTL") -> list[tuple[str, int, int, str]]:
    linter = Linter(Selection(select=(select,)), rules=RULES)
    findings = linter.lint(LintSource(text, "t.vtl"))
    return [(f.code, f.location.line, f.location.column, f.message) for f in findings]


# --- suppression -----------------------------------------------------------------------------


def test_without_a_comment_the_finding_is_reported() -> None:
    assert lint("#parse('a.vtl')\n") == [("VTL104", 1, 1, PARSE)]


@pytest.mark.parametrize(
    "comment",
    [
        "#* vtlgw: noqa: VTL104 *#",
        "#* vtlgw: noqa: VTL1 *#",
        "#* vtlgw: noqa: vtl104 *#",
        "#* vtlgw: noqa *#",
        "#* vtlgw: NOQA *#",
        "#*vtlgw:noqa:VTL104*#",
        "#* vtlgw: noqa: VTL201, VTL104 *#",
        "#* vtlgw: noqa: VTL201 VTL104 *#",
    ],
)
def test_a_noqa_comment_on_the_line_suppresses(comment: str) -> None:
    findings = lint(f"#parse('a.vtl') {comment}\n", select="VTL104")
    assert findings == []


def test_a_noqa_comment_applies_to_its_own_line_only() -> None:
    text = "#* vtlgw: noqa: VTL104 *#\n#parse('a.vtl')\n"
    assert lint(text, select="VTL104") == [("VTL104", 2, 1, PARSE)]


def test_a_noqa_for_another_code_does_not_suppress() -> None:
    text = "#parse('a.vtl') #* vtlgw: noqa: VTL201 *#\n"
    assert [f[0] for f in lint(text, select="VTL104")] == ["VTL104"]


@pytest.mark.parametrize(
    "comment", ["#* vtlgw: file-noqa: VTL104 *#", "#* vtlgw: file-noqa *#", "## vtlgw: file-noqa\n"]
)
def test_file_noqa_suppresses_everywhere(comment: str) -> None:
    text = f"{comment}\n#parse('a.vtl')\n{{}}\n#include('b.vtl')\n"
    assert lint(text) == []


def test_a_line_comment_noqa_suppresses_but_is_reported_as_unsafe() -> None:
    text = "#parse('a.vtl') ## vtlgw: noqa: VTL104\n{}\n"
    assert lint(text) == [
        (
            "VTL503",
            1,
            17,
            "this ## comment swallows the line break after it (ref §11.4), so the noqa comment "
            "changes what the template renders; write #* vtlgw: noqa: VTL104 *# instead",
        )
    ]


def test_why_the_block_comment_is_the_safe_form() -> None:
    engine = Engine()
    assert engine.render("a\nb", {}) == "a\nb"
    assert engine.render("a #* vtlgw: noqa *#\nb", {}) == "a \nb"
    assert engine.render("a ## vtlgw: noqa\nb", {}) == "a b"  # the line break is gone
    assert engine.render("## vtlgw: file-noqa\na\nb", {}) == "a\nb"  # alone on its line: safe


# --- unused suppressions (VTL502) ------------------------------------------------------------


def test_unused_codes_are_reported_and_used_ones_are_not() -> None:
    text = "#parse('a.vtl') #* vtlgw: noqa: VTL104, VTL201 *#\n"
    assert lint(text) == [
        (
            "VTL502",
            1,
            17,
            "this noqa comment does not suppress codes VTL201 on its line; remove it (or the "
            "codes it no longer needs)",
        )
    ]


def test_an_unused_blanket_noqa_is_reported() -> None:
    assert lint("{} #* vtlgw: noqa *#\n") == [
        ("VTL502", 1, 4, "this noqa comment does not suppress anything on its line; remove it")
    ]


def test_an_unused_file_noqa_is_reported_for_the_whole_template() -> None:
    assert lint("#* vtlgw: file-noqa: VTL104 *#\n{}\n") == [
        (
            "VTL502",
            1,
            1,
            "this file-noqa comment does not suppress codes VTL104 anywhere in the template; "
            "remove it (or the codes it no longer needs)",
        )
    ]
    assert lint("#* vtlgw: file-noqa *#\n{}\n") == [
        (
            "VTL502",
            1,
            1,
            "this file-noqa comment does not suppress anything anywhere in the template; remove it",
        )
    ]


def test_a_code_that_no_rule_has_is_named_so() -> None:
    assert lint("{} #* vtlgw: noqa: VTL999 *#\n")[0][3] == (
        "this noqa comment does not suppress codes VTL999 (no such rule) on its line; remove "
        "it (or the codes it no longer needs)"
    )


def test_unused_noqa_is_reported_only_when_vtl502_is_selected() -> None:
    assert lint("{} #* vtlgw: noqa: VTL201 *#\n", select="VTL1") == []


def test_a_comment_listing_vtl502_keeps_the_comments_it_covers() -> None:
    assert lint("{} #* vtlgw: noqa: VTL201, VTL502 *#\n") == []
    text = "#* vtlgw: file-noqa: VTL502 *#\n{} #* vtlgw: noqa: VTL201 *#\n"
    assert lint(text) == []
    # a blanket noqa does not exempt itself
    assert [f[0] for f in lint("{} #* vtlgw: noqa *#\n")] == ["VTL502"]


def test_the_span_of_an_unused_comment_is_the_comment() -> None:
    linter = Linter(Selection(select=("VTL502",)), rules=RULES)
    (finding,) = linter.lint(LintSource("x #* vtlgw: noqa: VTL104 *# y\n", "t.vtl"))
    assert finding.location == SourceLocation("t.vtl", 1, 3, 1, 28)


# --- what is and is not a directive ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "#* see ## vtlgw: nonsense *#\n",  # inside another comment
        "#[[ #* vtlgw: nonsense *# ]]#\n",  # unparsed block
        "## Lint with vtlgw: it is fast\n",  # prose mentioning vtlgw
        "#* vtlgw: noqa\n",  # unclosed: a syntax error, not a directive
    ],
)
def test_only_a_comment_that_starts_with_vtlgw_is_a_directive(text: str) -> None:
    directives = find_directives(text, LineIndex(text), "t.vtl")
    assert directives.suppressions.items == []
    assert directives.declaration == Declaration()


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        (
            "{} #* vtlgw: nqa *#",
            14,
            "found 'nqa' (did you mean 'noqa'?) after 'vtlgw:'; expected noqa, noqa: CODES, "
            "file-noqa, file-noqa: CODES, or settings such as api=websocket route=$connect",
        ),
        (
            "{} #* vtlgw: *#",
            14,
            "found nothing after 'vtlgw:'; expected noqa, noqa: CODES, file-noqa, file-noqa: "
            "CODES, or settings such as api=websocket route=$connect",
        ),
        (
            "{} #* vtlgw: noqa VTL104 *#",
            19,
            "found 'VTL104' after 'noqa'; expected 'noqa' alone (every code) or 'noqa: ' and "
            "rule codes, such as 'noqa: VTL201'",
        ),
        (
            "{} #* vtlgw: noqa: VTL1O4 *#",
            20,
            "found 'VTL1O4' in the codes of 'noqa:'; expected rule codes or prefixes such as "
            "VTL201 or VTL2, separated by commas or spaces",
        ),
        (
            "{} #* vtlgw: noqa: VTL104 because *#",
            27,
            "found 'because' in the codes of 'noqa:'; expected rule codes or prefixes such as "
            "VTL201 or VTL2, separated by commas or spaces",
        ),
        (
            "{} ## vtlgw: file-noqa:",
            24,
            "'file-noqa:' without codes; write 'file-noqa' alone to suppress every code, or "
            "list codes such as 'file-noqa: VTL201'",
        ),
    ],
)
def test_a_malformed_noqa_is_an_input_error_at_its_position(
    text: str, column: int, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        Linter(rules=RULES).lint(LintSource(text, "t.vtl"))
    error = caught.value
    assert (error.name, error.line, error.column, error.message) == ("t.vtl", 1, column, message)
    assert error.excerpt == text + "\n" + " " * (column - 1) + "^"


# --- declarations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "api", "route"),
    [
        ("#* vtlgw: api=websocket route=$connect *#", "websocket", "$connect"),
        ("#* vtlgw: api=rest *#", "rest", None),
        ("#* vtlgw: route=sendMessage *#", "websocket", "sendMessage"),  # a route: WebSocket
        ("## vtlgw: api=websocket, route=$default\n", "websocket", "$default"),
        ("#* vtlgw: api=websocket *#\n#* vtlgw: route=$disconnect *#", "websocket", "$disconnect"),
        ("#* vtlgw: api=rest *#\n#* vtlgw: api=rest *#", "rest", None),
    ],
)
def test_declarations(text: str, api: str, route: str | None) -> None:
    directives = find_directives(text, LineIndex(text), "t.vtl")
    assert directives.declaration == Declaration(api, route)
    assert declared_settings(text) == {
        k: v for k, v in (("api", api), ("route", route)) if v is not None
    }


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        (
            "#* vtlgw: api=grpc *#",
            (1, 11),
            "the template declares api='grpc'; expected api=websocket or api=rest",
        ),
        (
            "#* vtlgw: api=WebSocket *#",
            (1, 11),
            "the template declares api='WebSocket'; expected api=websocket or api=rest",
        ),
        (
            "#* vtlgw: rout=$connect *#",
            (1, 11),
            "unknown setting 'rout' (did you mean 'route'?) in a vtlgw declaration; expected "
            "api=websocket, api=rest or route=ROUTE_KEY",
        ),
        ("#* vtlgw: api= *#", (1, 11), "api= without a value; expected api=websocket or api=rest"),
        (
            "#* vtlgw: api=rest route=$connect *#",
            (1, 20),
            "the template declares api=rest and a route; routes belong to WebSocket APIs: drop "
            "route=... or declare api=websocket",
        ),
        (
            "#* vtlgw: api=rest *#\n#* vtlgw: api=websocket *#",
            (2, 11),
            "the template declares api=websocket here and api=rest at line 1, column 11; "
            "declare it once",
        ),
        (
            "#* vtlgw: api=rest, =x *#",
            (1, 21),
            "found '=x' in a vtlgw declaration; expected api=websocket or api=rest, and "
            "route=ROUTE_KEY",
        ),
    ],
)
def test_a_bad_declaration_is_an_input_error_at_its_position(
    text: str, position: tuple[int, int], message: str
) -> None:
    with pytest.raises(InputError) as caught:
        Linter(rules=RULES).lint(LintSource(text, "t.vtl"))
    error = caught.value
    assert ((error.line, error.column), error.message) == (position, message)


def _where(text: str, api: ApiKind | None = None, route: str | None = None) -> tuple[object, ...]:
    class Spy(LoaderDirective):
        def run(self) -> list[LintFinding]:
            seen.append((self.context.api, self.context.route_kind, self.context.source.route))
            return []

    seen: list[tuple[object, ...]] = []
    Linter(rules=(Spy,)).lint(LintSource(text, "t.vtl", api=api, route=route))
    return seen[0]


def test_the_declaration_wins_over_what_the_caller_says() -> None:
    assert _where("x", "rest") == ("rest", None, None)
    assert _where("#* vtlgw: api=websocket route=$connect *#", "rest") == (
        "websocket",
        "connect",
        "$connect",
    )
    # a declared api=rest drops the caller's route; a declared websocket keeps it
    assert _where("#* vtlgw: api=rest *#", "websocket", "$connect") == ("rest", None, None)
    assert _where("#* vtlgw: api=websocket *#", "websocket", "$disconnect") == (
        "websocket",
        "disconnect",
        "$disconnect",
    )
    assert _where("#* vtlgw: route=$default *#", "websocket", "$connect") == (
        "websocket",
        "message",
        "$default",
    )
