"""The sandbox: what a template can and cannot reach, in both flavors.

Every escape attempt must end in a vtlgw error or in harmless output: the empty string on API
Gateway (ref §11.1, V: unknown members render empty), the reference as written in stock
Velocity, and never a Python object's repr or a Python attribute. Expectations marked
``oracle`` were checked against Apache Velocity 1.7 (``/work/shared/oracle/velocity17``);
where the sandbox deliberately stops earlier than Java would (``java.lang.Class`` leads
nowhere), the test says so.
"""

from __future__ import annotations

import copy
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import vtlgw
from vtlgw.apigw.variables import build_variables
from vtlgw.engine.runtime import Flavor
from vtlgw.engine.values import JsonList

FLAVORS: tuple[Flavor, ...] = ("apigateway", "velocity")

# Markers of a Python object leaking into the output.
PYTHON_LEAKS = (
    "<built-in",
    "<bound method",
    "<class '",
    "object at 0x",
    "<function",
    "<module",
    "<method",
    "Traceback",
    "MISSING",
    "vtlgw.",
    "_io.",
    "mappingproxy",
)


def _variables() -> dict[str, Any]:
    return {
        "x": 5,
        "s": "abc",
        "m": {"a": 1, "__class__": "K"},
        "l": [1, 2],
        "f": 1.5,
        "t": True,
        "j": JsonList([1, {"k": "v"}]),
    }


def _event_variables() -> dict[str, object]:
    event = {
        "body": '{"a": [1, 2], "b": {"c": "d"}}',
        "headers": {"h": "v"},
        "queryStringParameters": {"q": "1"},
        "requestContext": {"stage": "dev", "requestId": "r1"},
    }
    return build_variables(event)


def assert_harmless(text: str) -> None:
    for leak in PYTHON_LEAKS:
        assert leak not in text, f"{leak!r} leaked into {text!r}"


def render(flavor: Flavor, template: str, variables: dict[str, Any] | None = None) -> str:
    out = vtlgw.Engine(flavor).render(template, _variables() if variables is None else variables)
    assert_harmless(out)
    return out


# --- Python names the VTL grammar never reads as members --------------------------------------
# Velocity identifiers start with a letter, so `.__class__` and `._x` after a reference are
# plain text: the reference prints, then the rest as written (oracle, both flavors).

GRAMMAR_TEXT = [
    ("$x.__class__", "5.__class__"),
    ("$x.__class__.__mro__", "5.__class__.__mro__"),
    ("$x.__init__.__globals__", "5.__init__.__globals__"),
    ("$s.__class__.__base__.__subclasses__()", "abc.__class__.__base__.__subclasses__()"),
    ("$l.__len__()", "[1, 2].__len__()"),
    ("$s._private", "abc._private"),
    ("$m._private", "{a=1, __class__=K}._private"),
    ("$l._private", "[1, 2]._private"),
    ("$f._private", "1.5._private"),
    ("$t._private", "true._private"),
    ("$j._private", '[1,{"k":"v"}]._private'),  # §11.5 (V): JSON arrays print compact
    ("$s.charAt(0)._private", "a._private"),
    ("$x.class._private", "class java.lang.Integer._private"),
    ("$x._private()", "5._private()"),
    ("$m.__class__", "{a=1, __class__=K}.__class__"),
    ("#foreach($i in [1])$foreach.__dict__#end", "{}.__dict__"),
    ("#foreach($i in [1])#foreach($j in [1])$foreach.parent.__class__#end#end", "{}.__class__"),
]


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(("template", "expected"), GRAMMAR_TEXT)
def test_python_names_are_plain_text_oracle(flavor: Flavor, template: str, expected: str) -> None:
    assert render(flavor, template) == expected


@pytest.mark.parametrize(
    ("flavor", "expected"),
    [("apigateway", ".__class__"), ("velocity", "$foreach.parent.__class__")],
)
def test_null_parent_scope_then_text(flavor: Flavor, expected: str) -> None:
    # the outermost loop's parent is null: empty on API Gateway (§11.1, V), literal in 1.7
    template = "#foreach($i in [1])$foreach.parent.__class__#end"
    assert render(flavor, template) == expected


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("template", ["${s.__class__}", "${x._y}", "$!{l.__len__()}"])
def test_python_names_in_formal_references_do_not_parse(flavor: Flavor, template: str) -> None:
    # oracle: ParseErrorException "Encountered .__class__}"
    with pytest.raises(vtlgw.TemplateSyntaxError) as info:
        vtlgw.Engine(flavor).render(template, _variables())
    rest = template[template.index(".") : -1] if template.endswith("}") else template
    assert info.value.message == f"expected '}}' closing the ${{...}} reference, found '{rest}}}'"


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("target", ["$x.__class__", "$s._private", "$m.__dict__"])
def test_set_on_python_names_does_not_parse(flavor: Flavor, target: str) -> None:
    # oracle: "Lexical error, Encountered: "_" (95), after : ".""
    with pytest.raises(vtlgw.TemplateSyntaxError) as info:
        vtlgw.Engine(flavor).render(f"#set({target} = 1)$x", _variables())
    assert info.value.message == (
        "unexpected '.': expected a name (a property or method) after the '.'"
    )
    assert (info.value.line, info.value.column) == (1, target.index(".") + 6)


# --- Python member names that are valid VTL identifiers --------------------------------------
# Unknown members: empty on API Gateway (§11.1, V), the reference as written in 1.7 (oracle).

# (`format` is left out: Velocity calls Java's static String.format through an instance.)
PYTHON_MEMBERS = (
    "format_map",
    "encode",
    "items",
    "keys",
    "pop",
    "append",
    "extend",
    "update",
    "copy",
    "mro",
    "vtl_get",
    "vtl_call",
    "vtl_str",
    "java_class_name",
    "java_hash",
    "render_or_none",
    "frame",
    "buffer",
    "options",
    "vars",
    "macros",
    "where",
    "elements",
    "remaining",
    "items_",
    "char",
    "map",
    "simple_name",
    "forName",
    "getMethods",
    "getMethod",
    "getDeclaredMethods",
    "getClassLoader",
    "classLoader",
    "newInstance",
    "getRuntime",
    "exec",
    "eval",
    "compile",
    "globals",
    "locals",
    "open",
)

# Expressions producing every kind of value a template can hold.
VALUE_SOURCES = (
    "$x",
    "$s",
    "$f",
    "$t",
    "$m",
    "$l",
    "$j",
    "$x.class",
    "$s.charAt(0)",
    "$s.split('b')",
    "$m.keySet()",
    "$m.values()",
    "$m.entrySet()",
    "$m.entrySet().iterator().next()",
    "$l.iterator()",
    "$foreach",
    "$d",
)


def _member_template(source: str, member: str) -> str:
    return (
        "#define($d)D#end#foreach($i in [1])"
        f"#set($o = {source})$o.{member}|$o.{member}()|$o.{member}('a', 1)"
        "#end"
    )


@pytest.mark.parametrize("source", VALUE_SOURCES)
def test_python_members_render_empty_on_apigateway(source: str) -> None:
    engine = vtlgw.Engine("apigateway")
    for member in PYTHON_MEMBERS:
        out = engine.render(_member_template(source, member), _variables())
        assert out == "||", (source, member, out)


@pytest.mark.parametrize("source", VALUE_SOURCES)
def test_python_members_render_as_written_in_velocity(source: str) -> None:
    engine = vtlgw.Engine("velocity")
    for member in PYTHON_MEMBERS:
        out = engine.render(_member_template(source, member), _variables())
        assert out == f"$o.{member}|$o.{member}()|$o.{member}('a', 1)", (source, member, out)


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("host", ["input", "util", "context", "stageVariables"])
def test_host_objects_expose_no_python_members(flavor: Flavor, host: str) -> None:
    engine = vtlgw.Engine(flavor)
    variables = _event_variables()
    for member in (*PYTHON_MEMBERS, "_body", "_params", "_document", "_paths"):
        template = f"$!{host}.{member}|$!{host}.{member}()|$!{host}.{member}('body')"
        out = engine.render(template, variables)
        assert_harmless(out)
        # `$!` renders null as empty in both flavors; a leading `_` ends the identifier
        if member.startswith("_"):
            assert out.count(member) == 3, (host, member, out)
        else:
            assert out == "||", (host, member, out)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_host_objects_print_as_java_objects(flavor: Flavor) -> None:
    out = render(flavor, "$input.class.name|$util.class.name", _event_variables())
    assert out == "com.amazonaws.apigateway.Input|com.amazonaws.apigateway.Util"


# --- java.lang.Class leads nowhere -----------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_get_class_and_class_property_name_the_java_class_oracle(flavor: Flavor) -> None:
    template = "$x.getClass()|$x.class|$x.class.name|$s.class.simpleName|$l.class.name"
    assert render(flavor, template) == (
        "class java.lang.Integer|class java.lang.Integer|java.lang.Integer|String|"
        "java.util.ArrayList"
    )


REFLECTION = [
    "$x.class.forName('java.lang.Runtime')",
    "$x.class.forName('java.lang.Runtime').getRuntime().exec('id')",
    "$x.getClass().forName('java.lang.System').getenv()",
    "$x.class.getMethods()",
    "$x.class.getMethods()[0].invoke($x)",
    "$x.class.classLoader",
    "$x.class.getClassLoader().loadClass('java.io.File')",
    "$s.getClass().getDeclaredField('value')",
    "$x.class.newInstance()",
    "$input.class.forName('java.lang.Runtime')",
    "$util.getClass().getProtectionDomain()",
]


@pytest.mark.parametrize("template", REFLECTION)
def test_reflection_through_class_renders_empty_on_apigateway(template: str) -> None:
    # Velocity 1.7 would reach java.lang.Runtime here (oracle: `class java.lang.Runtime`);
    # the sandbox's Class answers only name and simpleName.
    variables = {**_variables(), **_event_variables()}
    assert render("apigateway", template, variables) == ""


@pytest.mark.parametrize("template", REFLECTION)
def test_reflection_through_class_renders_as_written_in_velocity(template: str) -> None:
    variables = {**_variables(), **_event_variables()}
    assert render("velocity", template, variables) == template


@pytest.mark.parametrize("flavor", FLAVORS)
def test_setting_class_name_changes_nothing_oracle(flavor: Flavor) -> None:
    template = "#set($x.class.name = 'java.lang.Runtime')$x.class.name"
    assert render(flavor, template) == "java.lang.Integer"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_setting_loop_scope_fields_changes_nothing_oracle(flavor: Flavor) -> None:
    template = "#foreach($i in [1, 2])#set($foreach.index = 99)$foreach.index#end"
    assert render(flavor, template) == "01"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_setting_python_names_on_host_objects_changes_nothing(flavor: Flavor) -> None:
    template = (
        "#set($input.vtl_get = 'x')#set($input.body = 'evil')#set($util.vtl_call = 1)"
        "$input.body|$util.base64Encode('a')"
    )
    out = render(flavor, template, _event_variables())
    assert out == '{"a": [1, 2], "b": {"c": "d"}}|YQ=='


# --- string formatting tricks ----------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ('#set($r = "{0.__class__}")$r', "{0.__class__}"),
        ("$s.replace('a', '{0.__class__.__mro__}')", "{0.__class__.__mro__}bc"),
        ('#set($r = "%(x)s %r")$r', "%(x)s %r"),
        ('#set($r = "{x}${x}")$r', "{x}5"),
        ("$s.concat('{0!r}')", "abc{0!r}"),
    ],
)
def test_format_strings_are_data_oracle(flavor: Flavor, template: str, expected: str) -> None:
    assert render(flavor, template) == expected


@pytest.mark.parametrize("flavor", FLAVORS)
def test_percent_operator_on_a_string_is_not_python_formatting_oracle(flavor: Flavor) -> None:
    # 1.7: `"%s" % 5` is null, so #set is skipped and $r stays undefined
    out = render(flavor, '#set($n = "%s")#set($r = $n % $x)$r')
    assert out == ("" if flavor == "apigateway" else "$r")


@pytest.mark.parametrize("flavor", FLAVORS)
def test_string_format_never_runs_python_format(flavor: Flavor) -> None:
    # oracle: Java's static String.format gives "{0.__class__}"; Python's str.format would give
    # "<class 'int'>". Unwired, the call renders empty / as written; wired, it must be Java's.
    out = render(flavor, "$s.format('{0.__class__}', $x)|$s.format('{0!r:>{1}}', $x, 4)")
    assert "int" not in out
    assert "   5" not in out
    # Python would format the receiver; Java's static method ignores it
    out = render(flavor, "#set($f = '{0.__class__}')$f.format($x)|#set($g = '{0:>4}')$g.format($x)")
    assert "int" not in out
    assert "   5" not in out


# --- map keys are data -----------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_dunder_map_keys_are_just_data_oracle(flavor: Flavor) -> None:
    assert render(flavor, "$m.get('__class__')|$m['__class__']") == "K|K"


@pytest.mark.parametrize(
    ("flavor", "expected"),
    [("apigateway", "|"), ("velocity", "$m.get('__globals__')|$m['__globals__']")],
)
def test_missing_dunder_keys_are_null_oracle(flavor: Flavor, expected: str) -> None:
    assert render(flavor, "$m.get('__globals__')|$m['__globals__']") == expected


@pytest.mark.parametrize("flavor", FLAVORS)
def test_python_named_map_keys_are_set_as_data_oracle(flavor: Flavor) -> None:
    out = render(flavor, "#set($m.vtl_get = 1)#set($m['__init__'] = 2)$m")
    assert out == "{a=1, __class__=K, vtl_get=1, __init__=2}"


# --- loading other templates -----------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("directive", ["parse", "include"])
def test_parse_and_include_never_read_files(flavor: Flavor, directive: str, tmp_path: Path) -> None:
    # §5.1: #include and #parse fail on API Gateway (no resource loader)
    secret = tmp_path / "secret.vtl"
    secret.write_text("TOP-SECRET $x")
    engine = vtlgw.Engine(flavor)
    for argument in (f'"{secret}"', "$path", '"secret.vtl"', '"../../../etc/passwd"'):
        with pytest.raises(vtlgw.TemplateRuntimeError) as info:
            engine.render(f"before #{directive}({argument}) after", {"path": str(secret)})
        assert "TOP-SECRET" not in str(info.value)
        assert info.value.line == 1
        assert info.value.column == 8


@pytest.mark.parametrize("directive", ["parse", "include"])
def test_parse_and_include_in_an_untaken_branch_are_harmless(directive: str) -> None:
    assert render("apigateway", f"#if(false)#{directive}('/etc/passwd')#end ok") == " ok"


# --- #evaluate -------------------------------------------------------------------------------


def test_evaluate_prints_as_written_on_apigateway() -> None:
    # §11.3 (V, medium): #evaluate(...) is printed literally
    template = '#set($u = "_")#set($n = "$u${u}class$u$u")#evaluate("\\$s.$n")'
    assert render("apigateway", template) == '#evaluate("\\$s.$n")'


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # names built at runtime are still parsed by the grammar: `.__class__` stays text
        ('#set($u = "_")#set($n = "$u${u}class$u$u")#evaluate("\\$s.$n")', "abc.__class__"),
        ('#set($n = "_private")#evaluate("\\$m.$n")', "{a=1, __class__=K}._private"),
        ('#set($n = "vtl_get")#evaluate("\\$s.${n}(\'x\')")', "$s.vtl_get('x')"),
        (
            "#evaluate('#set($c = $s.getClass())$c.forName(\"java.lang.Runtime\").getName()')",
            '$c.forName("java.lang.Runtime").getName()',
        ),
    ],
)
def test_evaluate_cannot_build_an_escape_in_velocity(template: str, expected: str) -> None:
    assert render("velocity", template) == expected


def test_evaluate_of_a_set_on_a_dunder_does_not_parse_in_velocity() -> None:
    with pytest.raises(vtlgw.TemplateRuntimeError) as info:
        render("velocity", "#evaluate('#set($x.__class__ = 1)')")
    assert "could not parse" in info.value.message


# --- isolation between renders and from the caller -------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_render_never_sees_the_previous_renders_set(flavor: Flavor) -> None:
    engine = vtlgw.Engine(flavor)
    template = "$!secret#set($secret = $value)#define($blk)$value#end"
    assert engine.render(template, {"value": "one"}) == ""
    assert engine.render(template, {"value": "two"}) == ""
    assert engine.render("$!secret$!blk", {}) == ""


def test_macros_do_not_leak_between_templates_in_velocity() -> None:
    engine = vtlgw.Engine("velocity")
    assert engine.render("#macro(leak)LEAK#end#leak()", {}) == "LEAK"
    assert engine.render("#leak()", {}) == "#leak()"


THREAD_TEMPLATES = {
    "apigateway": (
        '#set($acc = "$!acc$tid")#foreach($i in [1..40])#set($acc = "$acc.")#end'
        "#define($blk)$tid#end$acc$blk"
    ),
    "velocity": (
        "#macro(add $v)#set($acc = \"$acc$v\")#end#set($acc = '')#add($tid)"
        "#foreach($i in [1..40])#add('.')#end#define($blk)$tid#end$acc$blk"
    ),
}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_one_compiled_template_renders_concurrently_without_sharing_state(flavor: Flavor) -> None:
    template = vtlgw.Engine(flavor).compile(THREAD_TEMPLATES[flavor], name="shared.vtl")
    start = threading.Barrier(8)

    def worker(tid: int) -> list[tuple[str, str]]:
        start.wait()
        results = []
        for round_ in range(25):
            name = f"t{tid}r{round_}"
            results.append((template.render({"tid": name}), name + "." * 40 + name))
        return results

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = [item for chunk in pool.map(worker, range(8)) for item in chunk]
    assert len(outcomes) == 200
    for got, expected in outcomes:
        assert got == expected


MUTATIONS = (
    "#set($m.a = 2)#set($m['new'] = 1)$m.put('p', 1)$m.remove('b')$m.inner.list.add(9)"
    "#set($m.inner.list[0] = 'z')$m.inner.clear()$m.keySet().remove('c')"
    "#foreach($e in $m.entrySet())$e.setValue('w')#end"
    "$l.add(3)$l.remove(0)#set($l[0] = 'y')$l.clear()"
    "$j.add(1)$j.get(1).put('k', 'changed')#set($j[0] = 0)"
    "#set($x = 99)#set($created = 1)"
)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_rendering_never_mutates_the_callers_variables(flavor: Flavor) -> None:
    variables: dict[str, Any] = {
        "m": {"a": 1, "b": 2, "c": 3, "inner": {"list": [1, 2], "k": "v"}},
        "l": [1, 2, {"deep": [1]}],
        "j": JsonList([1, {"k": "v"}]),
        "x": 5,
    }
    before = copy.deepcopy(variables)
    vtlgw.Engine(flavor).render(MUTATIONS, variables)
    assert variables == before
    assert type(variables["j"]) is JsonList
    assert "created" not in variables


@pytest.mark.parametrize("flavor", FLAVORS)
def test_template_changes_to_host_objects_do_not_reach_the_next_render(flavor: Flavor) -> None:
    variables = _event_variables()
    engine = vtlgw.Engine(flavor)
    probe = "$input.params('h')|$input.params('q')|$input.path('$.b')|$context.stage"
    assert engine.render(probe, variables) == "v|1|{c=d}|dev"
    engine.render(
        "$input.params().header.put('h', 'evil')$input.params().querystring.clear()"
        "$input.path('$.b').put('c', 'evil')$context.put('stage', 'evil')"
        "#set($context.stage = 'evil')$input.path('$.a').add(3)",
        variables,
    )
    assert engine.render(probe, variables) == "v|1|{c=d}|dev"


# The engine copies the caller's values only when a template can change them; these mutate
# from every place a call can hide (strings, conditions, loop headers, indexes, blocks,
# macro arguments, views, iterators), so a missed spot shows up as a changed caller value.
HIDDEN_MUTATIONS = (
    '#set($x = "$l.add(9)")',
    '#set($x = "#set($y = $l.add(9))")',
    "#if($l.add(9))#end",
    "#foreach($i in [$l.add(9)])#end",
    "$m[$l.add(9)]",
    "#define($d)$l.add(9)#end$d",
    "#set($q = {'k': $l.add(9)})",
    "#{set}($r = $l.add(9))",
    "$l.iterator().remove()",
    "#set($i = $m.values().iterator())$i.next()$i.remove()",
    "#set($k = $m.keySet())$k.remove('a')",
    "#foreach($e in $m.entrySet())$e.setValue(1)#end",
    "#set($s = $l)#set($s[0] = 7)",
    "#set($z = $m.get('inner'))$z.put('x', 1)",
    "#set($r = $l.subList(0, 1))$r.clear()",
    "#macro(mm)$l.add(9)#end#mm()",
    "#macro(mm $a)$a#end#mm($l.add(9))",
    "#macro(bm)$bodyContent#end#@bm()$l.add(9)#end",
    '#evaluate("\\$l.add(9)")',
)


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("template", HIDDEN_MUTATIONS)
def test_hidden_mutations_never_reach_the_caller(flavor: Flavor, template: str) -> None:
    variables: dict[str, Any] = {"l": [1, 2], "m": {"a": 1, "inner": {}}}
    before = copy.deepcopy(variables)
    vtlgw.Engine(flavor).render(template, variables)
    assert variables == before


# --- generated loop code ---------------------------------------------------------------------
# Loop bodies may be compiled to Python source; template text, names and keys must reach it
# only as data. Python syntax in the text, hyphenated names and hostile map keys render as
# Velocity renders them (oracle), with the code generator on and off.

PYTHON_SYNTAX_LOOP = (
    '#set($m = {"a-b": 1})#set($a-b = "AB")#foreach($i in [1, 2])'
    "\"\"\"''' {}{{x}} # %s %(x)s \\n $a-b $m.get('\")\\nimport os#') $m.a-b ${i}x $velocityCount;"
    "#end"
)


@pytest.mark.parametrize("codegen", [True, False])
def test_python_syntax_in_loop_bodies_is_just_text_oracle(codegen: bool) -> None:
    assert vtlgw.Engine("velocity", codegen=codegen).options.codegen is codegen
    once = "\"\"\"''' {}{{x}} # %s %(x)s \\n AB $m.get('\")\\nimport os#') 1 @x @;"
    expected = once.replace("@", "1") + once.replace("@", "2")
    out = vtlgw.Engine("velocity", codegen=codegen).render(PYTHON_SYNTAX_LOOP, {})
    assert out == expected
