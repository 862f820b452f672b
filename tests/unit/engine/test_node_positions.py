"""Where the lexer's tokens and the parser's nodes say they are, and the typed directive tree.

Positions are what a linter, an editor annotation or an error message points at, so each node's
``start``/``end`` must cover exactly its own source text, and
:meth:`~vtlgw.engine.pbase.ParsedTemplate.location` must turn them into 1-based lines and
columns with an exclusive end (as ruff's JSON and SARIF have it).
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from vtlgw.engine import nodes as n
from vtlgw.engine.lexer import Kind, TokenManager
from vtlgw.engine.parser import parse
from vtlgw.engine.visitor import NodeVisitor
from vtlgw.errors import TemplateSyntaxError
from vtlgw.location import OffsetMap, SourceLocation


def _tokens(text: str) -> list[tuple[Kind, str, int, int]]:
    manager = TokenManager(text)
    out = []
    while True:
        tok = manager.next_token()
        if tok.kind == Kind.EOF:
            return out
        out.append((tok.kind, tok.image, tok.start, tok.end))


def _nodes(text: str, kind: type[n.Node]) -> list[Any]:
    return [node for node in n.walk(parse(text).root) if isinstance(node, kind)]


def _span(text: str, node: n.Node) -> str:
    return text[node.start : node.end]


def test_token_offsets_cover_their_images() -> None:
    text = "Hi $name.first!\n#if($a)x#end"
    tokens = _tokens(text)
    assert tokens, "the lexer produced no token"
    for _kind, image, start, end in tokens:
        assert text[start:end] == image
    assert [t[2] for t in tokens] == sorted(t[2] for t in tokens)
    # nothing skipped: the tokens tile the text from start to end
    assert tokens[0][2] == 0
    assert tokens[-1][3] == len(text)
    assert all(a[3] == b[2] for a, b in itertools.pairwise(tokens))


@pytest.mark.parametrize(
    ("template", "kind", "expected"),
    [
        ("ab $x.y.z cd", n.Reference, ["$x.y.z"]),
        ("$!{a.b('c', 1)} ", n.Reference, ["$!{a.b('c', 1)}"]),
        ("#set($a = [1, 2])", n.Set, ["#set($a = [1, 2])"]),
        ("x#if($a)1#elseif($b)2#else3#end y", n.If, ["#if($a)1#elseif($b)2#else3#end"]),
        ("#foreach($i in $list)$i#end", n.Foreach, ["#foreach($i in $list)$i#end"]),
        ("#define($d)D#end$d", n.Define, ["#define($d)D#end"]),
        ("#macro(m $p)M#end#m(1)", n.Macro, ["#macro(m $p)M#end"]),
        ("#macro(m $p)M#end#m(1)", n.MacroCall, ["#m(1)"]),
        ("#evaluate('x')", n.Evaluate, ["#evaluate('x')"]),
        ("#include('f')#parse('g')", n.Include, ["#include('f')"]),
        ("#include('f')#parse('g')", n.Parse, ["#parse('g')"]),
        ("a#stop b", n.Stop, ["#stop"]),
        ("#foreach($i in [1])#break#end", n.Break, ["#break"]),
        ("#literal()$x#end", n.Literal, ["#literal()$x#end"]),
        ("#set($m = {'k': 'v'})", n.MapLit, ["{'k': 'v'}"]),
        ("#set($r = [1..3])", n.RangeLit, ["[1..3]"]),
        ("#if($a && !$b)#end", n.Binary, ["$a && !$b"]),
        ("#if(!$b)#end", n.Not, ["!$b"]),
        ("#set($s = 'q')", n.StringLit, ["'q'"]),
    ],
)
def test_each_node_spans_exactly_its_text(
    template: str, kind: type[n.Node], expected: list[str]
) -> None:
    assert [_span(template, node) for node in _nodes(template, kind)] == expected


def test_reference_parts_span_from_their_name() -> None:
    text = "$a.b.c('x')[0]"
    (ref,) = _nodes(text, n.Reference)
    assert [_span(text, part) for part in ref.parts] == ["b", "c('x')", "[0]"]


def test_elseif_branches_are_nodes_with_positions() -> None:
    text = "#if($a)1#elseif($b)2#elseif($c)3#{else}4#end"
    (node,) = _nodes(text, n.If)
    assert [_span(text, branch)[:11] for branch in node.elseifs] == ["#elseif($b)", "#elseif($c)"]
    assert [_span(text, branch.test) for branch in node.elseifs] == ["$b", "$c"]
    assert [_span(text, test) for test, _ in node.branches] == ["$a", "$b", "$c"]
    assert node.orelse is not None and _span(text, node.orelse) == "4"


def test_location_is_one_based_with_an_exclusive_end() -> None:
    text = "line one\n  $name.length()\n#set($x = 1)"
    parsed = parse(text, name="t.vtl")
    ref = next(node for node in n.walk(parsed.root) if isinstance(node, n.Reference))
    assert parsed.location(ref) == SourceLocation("t.vtl", 2, 3, 2, 17)
    assert _span(text, ref) == "$name.length()"
    (assign,) = [node for node in n.walk(parsed.root) if isinstance(node, n.Set)]
    assert parsed.location(assign) == SourceLocation("t.vtl", 3, 1, 3, 13)
    assert str(parsed.location(assign)) == "t.vtl:3:1"


def test_multiline_node_location_ends_on_its_last_line() -> None:
    text = "#foreach($i in $l)\n  $i\n#end"
    parsed = parse(text, name="loop.vtl")
    (loop,) = [node for node in n.walk(parsed.root) if isinstance(node, n.Foreach)]
    assert parsed.location(loop) == SourceLocation("loop.vtl", 1, 1, 3, 5)


def test_a_directive_owns_the_newline_it_swallows() -> None:
    # Velocity's #end takes the line break after it, so the node ends on the next line
    text = "#foreach($i in $l)$i#end\nafter"
    parsed = parse(text, name="loop.vtl")
    (loop,) = [node for node in n.walk(parsed.root) if isinstance(node, n.Foreach)]
    assert parsed.location(loop) == SourceLocation("loop.vtl", 1, 1, 2, 1)


def test_references_inside_interpolated_strings_point_at_the_source() -> None:
    # the literal's \u escapes and doubled quote shrink its unescaped text by 11 characters;
    # positions must still be those of the source (the example: 27, not 16)
    text = '#set($x = "\\u0041\\u0041 "" $a.b")'
    refs = {node.root: node for node in _nodes(text, n.Reference)}
    assert refs["a"].start == text.index("$a.b") == 27
    assert _span(text, refs["a"]) == "$a.b"


def test_references_in_nested_interpolation_point_at_the_source() -> None:
    text = '#set($x = "a "" #if($c)""$deep""#end")'
    refs = {node.root: node for node in _nodes(text, n.Reference)}
    assert _span(text, refs["c"]) == "$c"
    assert _span(text, refs["deep"]) == "$deep"


def test_syntax_error_inside_a_string_is_located_in_the_source() -> None:
    text = '#set($x = "\\u0041\\u0041 "" #if($a")'
    with pytest.raises(
        TemplateSyntaxError, match="expected '\\)' closing the #if condition"
    ) as info:
        parse(text, name="s.vtl")
    error = info.value
    assert error.name == "s.vtl"
    # the inner text ends at the literal's closing quote, and the #if opened at its own column
    assert (error.line, error.column) == (1, len(text) - 1)
    assert f"the #if opened at 1:{text.index('#if') + 1} is still open" in error.message


def test_offset_map_runs() -> None:
    mapping = OffsetMap([(0, 10), (3, 20)])
    assert [mapping(i) for i in range(6)] == [10, 11, 12, 20, 21, 22]
    assert OffsetMap([])(4) == 4


def test_directive_classes() -> None:
    text = "#foreach($i in $l)#end#m()#@blk()x#end#stop"
    root = parse(text).root
    kinds = [type(node) for node in root.body]
    assert kinds == [n.Foreach, n.MacroCall, n.MacroCall, n.Stop]
    loop, call, block_call, stop = root.body
    assert isinstance(loop, n.Foreach) and loop.target is not None
    assert loop.target.root == "i"
    assert isinstance(call, n.MacroCall) and not call.is_block and not call.known
    assert isinstance(block_call, n.MacroCall) and block_call.is_block
    assert stop.known


def test_macro_name_and_params() -> None:
    (macro,) = _nodes("#macro(greet $who $how)hi#end", n.Macro)
    assert macro.macro_name == "greet"
    assert macro.params == ["who", "how"]


def test_malformed_foreach_has_no_target() -> None:
    (loop,) = _nodes("#foreach($i)x#end", n.Foreach)
    assert loop.target is None and loop.iterable is None


class _Collect(NodeVisitor):
    def __init__(self) -> None:
        self.seen: list[str] = []

    def visit_Reference(self, node: n.Reference) -> None:
        self.seen.append(f"ref:{node.root}")
        self.generic_visit(node)

    def visit_Foreach(self, node: n.Foreach) -> None:
        self.seen.append("foreach")
        self.generic_visit(node)


def test_visitor_dispatches_by_class_in_source_order() -> None:
    visitor = _Collect()
    visitor.visit(parse("$a #foreach($i in $b.c($d))$i#end $e").root)
    assert visitor.seen == ["ref:a", "foreach", "ref:i", "ref:b", "ref:d", "ref:i", "ref:e"]


def test_visitor_without_methods_visits_everything_and_returns_none() -> None:
    assert NodeVisitor().visit(parse("#if($a)$b#end").root) is None
