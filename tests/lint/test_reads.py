"""What a reference reads through ``#set`` variables and ``#foreach`` loops, and what it is."""

from __future__ import annotations

import pytest

from vtlgw.engine import nodes as n
from vtlgw.engine.parser import parse
from vtlgw.lint import reads
from vtlgw.lint.reads import Aliases, Chain


def _chains(text: str) -> dict[str, Chain]:
    """The chain of every printed top-level reference, by its spelling."""
    root = parse(text, name="t.vtl").root
    aliases = Aliases(root, text)
    return {
        text[node.start : node.end]: aliases.resolve(node)
        for node in n.walk(root)
        if isinstance(node, n.Reference)
    }


def _spelled(chain: Chain) -> str:
    names = [step.kind if step.kind == "elem" else step.name for step in chain.steps]
    return ".".join([chain.root, *names])


def test_set_variables_and_loop_targets_resolve_to_their_source() -> None:
    text = (
        "#set($params = $input.params())#set($h = $params.header)$h.get('Host')"
        "#foreach($item in $input.path('$.items'))$item.price#end"
    )
    chains = _chains(text)
    assert _spelled(chains["$h.get('Host')"]) == "input.params.header.get"
    assert _spelled(chains["$item.price"]) == "input.path.elem.price"
    assert chains["$item.price"].through_loop


def test_a_variable_given_different_values_resolves_to_itself() -> None:
    text = "#set($n = $input.path('$.n'))#if($n == '')#set($n = 0)#end$n.x"
    assert _spelled(_chains(text)["$n.x"]) == "n.x"


def test_a_self_referencing_set_is_not_an_alias() -> None:
    assert _spelled(_chains("#set($a = $a.b)$a.c")["$a.c"]) == "a.c"


@pytest.mark.parametrize(
    "repair",
    [
        """.replaceAll("\\\\'","'")""",
        """.replaceAll("\\\\'", "'")""",
        """.replaceAll('\\\\''', "'")""",
        """.replaceFirst("[\\\\]'", "'")""",
        """.replace("\\'", "'")""",
        """.replace('\\''', '''')""",
    ],
)
def test_the_escape_repair_is_recognised_in_its_common_spellings(repair: str) -> None:
    text = f"$util.escapeJavaScript($x){repair}"
    assert not reads.escape_javascript_unrepaired(_chains(text)[text])


@pytest.mark.parametrize(
    "after",
    [
        "",
        ".trim()",
        """.replaceAll("\\\\\\\\'", "'")""",  # two backslashes: misses \'
        """.replaceAll("'", "\\\\'")""",
        """.replaceAll("(", "'")""",  # not a regex at all
    ],
)
def test_a_missing_or_wrong_repair_is_unrepaired(after: str) -> None:
    text = f"$util.escapeJavaScript($x){after}"
    assert reads.escape_javascript_unrepaired(_chains(text)[text])


@pytest.mark.parametrize(
    ("text", "nullable", "navigated"),
    [
        ("$input.path('$.n')", True, False),
        ("$input.path('$.items').size()", True, False),
        ("$input.params('id')", True, False),
        ("$input.params().header.Host", True, False),
        ("$input.params().header", False, False),
        ("$context.authorizer.principalId", True, False),
        ("$context.authorizer", False, False),
        ("$stageVariables.table", True, False),
        ("$input.json('$.n')", False, False),
        ("$context.requestTimeEpoch", False, False),
        ("#set($r = $input.path('$'))$r.photos.page", False, True),
        ("#set($o = $util.parseJson($input.body))$o.code", False, True),
        ("#foreach($e in $input.path('$.items'))$e.price#end", False, True),
        ("#foreach($e in $input.path('$.items'))[$e]#end", False, False),
        ("#foreach($e in $input.params().header.keySet())$e#end", False, False),
    ],
)
def test_nullable_and_navigated_values(text: str, nullable: bool, navigated: bool) -> None:
    root = parse(text, name="t.vtl").root
    last = [node for node in root.body if isinstance(node, n.Reference)]
    loops = [node for node in root.body if isinstance(node, n.Foreach)]
    if loops and loops[0].body is not None:
        last = [node for node in n.walk(loops[0].body) if isinstance(node, n.Reference)]
    chain = Aliases(root, text).resolve(last[-1])
    assert (reads.is_nullable(chain), reads.is_navigated(chain)) == (nullable, navigated)


def test_maps_and_whole_bodies() -> None:
    chains = _chains(
        "$input.params() $input.params().querystring $input.params().get('header') "
        "$input.params('x') $input.path('$') $input.path(' $ ') $input.path('$.a') "
        "$input.json('$') $input.json('$').x $input.body $input.body.x"
    )
    maps = [spelled for spelled, chain in chains.items() if reads.is_params_map(chain)]
    assert maps == [
        "$input.params()",
        "$input.params().querystring",
        "$input.params().get('header')",
    ]
    bodies = [spelled for spelled, chain in chains.items() if reads.is_whole_body_path(chain)]
    assert bodies == ["$input.path('$')", "$input.path(' $ ')"]
    assert [s for s, c in chains.items() if reads.is_input_json(c)] == ["$input.json('$')"]
    assert [s for s, c in chains.items() if reads.is_body(c)] == ["$input.body"]
