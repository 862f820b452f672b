"""Where errors point: template name, 1-based line and column, and an excerpt with a caret.

Syntax errors say what was found and what was expected, and an unclosed block names where it
was opened. Runtime errors point at the member that failed. Every error class pickles with
its location. Columns count characters (code points) from 1; where Velocity 1.7 reports the
same error, its column agrees (``oracle``).
"""

from __future__ import annotations

import pickle
import re
from typing import Any

import pytest

import vtlgw
from vtlgw.engine.runtime import Flavor
from vtlgw.errors import (
    InputError,
    LimitExceeded,
    SecurityError,
    TemplateRuntimeError,
    TemplateSyntaxError,
    VtlgwError,
)

FLAVORS: tuple[Flavor, ...] = ("apigateway", "velocity")


def error_of(
    flavor: Flavor, template: str, variables: dict[str, Any] | None = None
) -> vtlgw.VtlgwError:
    with pytest.raises(vtlgw.VtlgwError) as info:
        vtlgw.Engine(flavor).render(
            template, {"l": [1], "s": "abc"} if variables is None else variables, name="t.vtl"
        )
    return info.value


def caret_column(error: vtlgw.VtlgwError) -> int:
    """The 1-based column the excerpt's caret sits under."""
    source, caret = error.excerpt.split("\n")
    assert source == error.source_line
    assert caret.endswith("^") and caret.strip(" \t") == "^"
    return len(caret)


def assert_at(error: vtlgw.VtlgwError, line: int, column: int, char: str) -> None:
    """The error is at line:column, the caret is under that column, and the char is ``char``."""
    assert error.name == "t.vtl"
    assert (error.line, error.column) == (line, column), str(error)
    assert caret_column(error) == column
    assert error.source_line is not None
    assert error.source_line[column - 1 : column - 1 + len(char)] == char
    assert str(error).startswith(f"t.vtl:{line}:{column}: {error.message}\n")


# --- syntax errors ---------------------------------------------------------------------------

SYNTAX = [
    # template, line, column, text under the caret, words the message must contain
    ("line one\nline two\nabcdef#end", 3, 7, "#end", ["'#end'", "no matching"]),
    ("## c\n#* multi\nline *#\n  xyz #end", 4, 7, "#end", ["'#end'"]),
    ("a\nb\n#set($x = 1 +)", 3, 14, ")", ["expected a value", "found ')'"]),
    ("#set($x 1)", 1, 9, "1", ["expected '='", "found '1'"]),
    ("#set($x = [1, 2)", 1, 16, ")", ["expected ']'", "found ')'"]),
    ('#set($x = {"a" 1})', 1, 16, "1", ["expected ':'", "found '1'"]),
    ("#if(true)#elseif#end", 1, 17, "#end", ["expected '('", "found '#end'"]),
    ("\n\n${x", 3, 4, "", ["expected '}'", "found the end of the template"]),
    ("x\n\t\t#set($a = 1", 2, 14, "", ["expected ')'", "found the end of the template"]),
    ("#macro()#end", 1, 1, "#macro", ["macro's name"]),
    ("#define()#end", 1, 1, "#define", ["#define($name)"]),
]


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(("template", "line", "column", "char", "words"), SYNTAX)
def test_syntax_errors_are_located(
    flavor: Flavor, template: str, line: int, column: int, char: str, words: list[str]
) -> None:
    error = error_of(flavor, template)
    assert type(error) is TemplateSyntaxError
    assert_at(error, line, column, char)
    for word in words:
        assert word in error.message


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    ("template", "column"),
    [("#set($x = 1 +)", 14), ("#if(true)#elseif#end", 17)],
)
def test_syntax_error_columns_match_velocity_oracle(
    flavor: Flavor, template: str, column: int
) -> None:
    # oracle: ParseErrorException "Encountered ... at vtl[line 1, column N]"
    assert error_of(flavor, template).column == column


@pytest.mark.parametrize("flavor", FLAVORS)
def test_syntax_errors_are_raised_by_compile(flavor: Flavor) -> None:
    with pytest.raises(TemplateSyntaxError) as info:
        vtlgw.Engine(flavor).compile("ok\n  #if(", name="c.vtl")
    assert info.value.name == "c.vtl"
    assert info.value.line == 2
    assert info.value.message == (
        "expected a value, found the end of the template (the #if opened at 2:3 is still open)"
    )


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("template", ["#set($x = 'abc", '#set($x = "abc', "#set($b = $s.)"])
def test_lexical_errors_say_what_was_expected(flavor: Flavor, template: str) -> None:
    # an unterminated string should say a closing quote was expected; `$s.` a member name
    assert re.search(r"(?<!un)expected", error_of(flavor, template).message)


# --- unclosed blocks name where they were opened ----------------------------------------------

UNCLOSED = [
    ("a\nb\n  x #if(true)\nfoo", 4, 4, "#if", "3:5"),
    ("#[[\n#if(\n]]#\n#if(true)\nx", 5, 2, "#if", "4:1"),
    ("#foreach($i in $l)\n  #if($i)\n    #foreach($j in $l)\n#end#end", 4, 9, "#foreach", "1:1"),
    ("#define($d)\nx", 2, 2, "#define", "1:1"),
    ("#macro(m)\n", 2, 1, "#macro", "1:1"),
    ("#if(true)\n#else\n#else\n#end", 3, 1, "#if", "1:1"),
    ("\n#if($a ==)#end", 2, 10, "#if", "2:1"),
]


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(("template", "line", "column", "block", "opened"), UNCLOSED)
def test_unclosed_blocks_name_where_they_were_opened(
    flavor: Flavor, template: str, line: int, column: int, block: str, opened: str
) -> None:
    error = error_of(flavor, template)
    assert type(error) is TemplateSyntaxError
    assert (error.line, error.column) == (line, column), str(error)
    assert caret_column(error) == column
    assert f"the {block} opened at {opened} is still open" in error.message


def test_unclosed_block_says_what_closes_it() -> None:
    error = error_of("apigateway", "#foreach($i in $l)\nx")
    assert "expected '#end' closing #foreach" in error.message
    assert "found the end of the template" in error.message


# --- runtime errors --------------------------------------------------------------------------

RUNTIME = [
    # template, line, column, text under the caret
    ("line one\nline two\nabcdef$l.get(5)", 3, 10, "get"),
    ("\n\n    #set($x = $s.substring(99))", 3, 18, "substring"),
    ('#set($x = "a\nb $l.get(5) c")', 2, 6, "get"),
    ("#define($d)\n\n    $l.get(9)#end\nx$d", 3, 8, "get"),
    ("#foreach($i in [1, 2])\n  #if($i == 2)\n   ok $l.get($i)\n  #end\n#end", 3, 10, "get"),
    ("#parse('x.vtl')", 1, 1, "#parse"),
    ("ab\n  #include('x.vtl')", 2, 3, "#include"),
]


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(("template", "line", "column", "char"), RUNTIME)
def test_runtime_errors_are_located(
    flavor: Flavor, template: str, line: int, column: int, char: str
) -> None:
    error = error_of(flavor, template)
    assert type(error) is TemplateRuntimeError
    assert_at(error, line, column, char)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_runtime_errors_name_the_java_exception(flavor: Flavor) -> None:
    error = error_of(flavor, "$l.get(5)")
    assert "java.lang.IndexOutOfBoundsException" in error.message
    assert "Index 5 out of bounds for length 1" in error.message
    assert ".get(" in error.message


def test_runtime_errors_inside_a_macro_point_into_its_body_in_velocity() -> None:
    error = error_of("velocity", "#macro(m)\n  $l.get(9)\n#end\n#m()")
    assert_at(error, 2, 6, "get")


def test_runtime_errors_in_evaluated_text_point_at_the_evaluate_in_velocity() -> None:
    error = error_of("velocity", '#evaluate("\\$l.get(7)")')
    assert error.line == 1
    assert error.column == 16  # `get` inside the string argument


def test_template_name_defaults_to_template() -> None:
    with pytest.raises(TemplateRuntimeError) as info:
        vtlgw.Engine().render("$l.get(1)", {"l": []})
    assert info.value.name == "<template>"
    assert str(info.value).startswith("<template>:1:4: ")
    assert info.value.message == (
        ".get(...) threw java.lang.IndexOutOfBoundsException: Index 1 out of bounds for length 0"
    )


def test_compiled_template_errors_carry_the_compile_name() -> None:
    template = vtlgw.Engine().compile("x\n$l.get(1)", name="routes/connect.vtl")
    with pytest.raises(TemplateRuntimeError) as info:
        template.render({"l": []})
    assert str(info.value.location()) == "routes/connect.vtl:2:4"
    assert "Index 1 out of bounds for length 0" in info.value.message


# --- columns and lines in awkward text -------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_count_every_newline_style(newline: str) -> None:
    error = error_of("apigateway", newline.join(["a", "b", "abcdef#end"]))
    assert (error.line, error.column) == (3, 7)
    assert error.source_line == "abcdef#end"


def test_columns_count_characters_not_bytes() -> None:
    error = error_of("apigateway", "é\n日本語$l.get(5)")
    assert (error.line, error.column) == (2, 7)
    assert error.source_line is not None
    assert error.source_line[6:9] == "get"


def test_caret_keeps_tabs_so_it_lines_up() -> None:
    error = error_of("apigateway", "\t\tab#end")
    assert error.column == 5
    assert error.excerpt == "\t\tab#end\n\t\t  ^"


def test_error_on_the_last_line_without_a_newline() -> None:
    error = error_of("apigateway", "a\nb\n#if(")
    assert error.line == 3
    assert error.source_line == "#if("


# --- errors as values ------------------------------------------------------------------------


def test_error_hierarchy() -> None:
    for cls in (
        TemplateSyntaxError,
        TemplateRuntimeError,
        SecurityError,
        LimitExceeded,
        InputError,
    ):
        assert issubclass(cls, VtlgwError)
        assert issubclass(cls, Exception)


@pytest.mark.parametrize(
    "cls",
    [
        VtlgwError,
        TemplateSyntaxError,
        TemplateRuntimeError,
        SecurityError,
        LimitExceeded,
        InputError,
    ],
)
def test_errors_pickle_with_their_location(cls: type[VtlgwError]) -> None:
    error = cls("bad thing", name="x.vtl", line=3, column=7, source_line="abcdefghij")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert (copy.message, copy.name, copy.line, copy.column, copy.source_line) == (
        "bad thing",
        "x.vtl",
        3,
        7,
        "abcdefghij",
    )
    assert str(copy) == str(error) == "x.vtl:3:7: bad thing\nabcdefghij\n      ^"
    assert copy.args == error.args


@pytest.mark.parametrize(
    ("flavor", "template"),
    [
        ("apigateway", "a\n\n  #if("),
        ("velocity", "a\n\n  #if("),
        ("apigateway", "x\n  $l.get(4)"),
        ("velocity", "x\n  $l.get(4)"),
        ("apigateway", "#foreach($i in [1..1001])#end"),
        ("velocity", "#set($x = [1..9999999])"),
        ("velocity", "#macro(r)#r()#end#r()"),
    ],
)
def test_raised_errors_pickle(flavor: Flavor, template: str) -> None:
    with pytest.raises(VtlgwError) as info:
        vtlgw.Engine(flavor, max_range_size=1000).render(template, {"l": []}, name="p.vtl")
    error = info.value
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert (copy.name, copy.line, copy.column) == (error.name, error.line, error.column)
    assert copy.line >= 1


def test_error_without_a_position_prints_just_the_name() -> None:
    error = LimitExceeded("too big", name="big.vtl")
    assert str(error.location()) == "big.vtl"
    assert error.excerpt == ""
    assert str(error) == "big.vtl: too big"
