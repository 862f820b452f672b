"""Resource limits: every runaway template ends in ``LimitExceeded`` with a location.

Never a hang, a Python ``RecursionError`` or a ``MemoryError``. Tests run with small limits so
they stay fast; an autouse alarm fails any in-process test that runs longer than a few
seconds, and the cases that hang today (or might, because the work happens in C code that no
alarm interrupts) run in a child process with a memory cap and a timeout.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import textwrap
import time
from typing import Any

import pytest
import render_deadline

import vtlgw
from vtlgw.engine.runtime import Flavor

FLAVORS: tuple[Flavor, ...] = ("apigateway", "velocity")
IN_PROCESS_SECONDS = 10


def deadline(seconds: float = IN_PROCESS_SECONDS) -> contextlib.AbstractContextManager[None]:
    """Fail with Hang if the body runs longer than ``seconds``."""
    return render_deadline.deadline(seconds)


def render(
    flavor: Flavor,
    template: str,
    variables: Any = None,
    *,
    seconds: float = IN_PROCESS_SECONDS,
    **options: Any,
) -> str:
    """Render under a deadline."""
    with deadline(seconds):
        return vtlgw.Engine(flavor, **options).render(template, variables or {})


def attempt(
    flavor: Flavor,
    template: str,
    variables: Any = None,
    *,
    seconds: float = IN_PROCESS_SECONDS,
    **options: Any,
) -> object:
    """The VtlgwError a render raises, else a short description of what happened instead.

    Used where a bug makes the engine recurse thousands of frames deep: the test then fails
    on a one-line assertion instead of making pytest format a huge traceback.
    """
    try:
        out = render(flavor, template, variables, seconds=seconds, **options)
    except vtlgw.VtlgwError as exc:
        return exc.with_traceback(None)
    except Exception as exc:
        return f"{type(exc).__name__} escaped the render"
    return f"rendered {len(out)} characters"


def limit_error(flavor: Flavor, template: str, **options: Any) -> vtlgw.LimitExceeded:
    """Render and return the LimitExceeded it must raise."""
    with pytest.raises(vtlgw.LimitExceeded) as info, deadline():
        vtlgw.Engine(flavor, **options).render(template, {}, name="limits.vtl")
    error = info.value
    assert error.name.startswith("limits.vtl")  # #evaluate appends " (#evaluate)"
    return error


def assert_located(error: vtlgw.VtlgwError, line: int, column: int) -> None:
    assert (error.line, error.column) == (line, column), str(error)
    assert error.excerpt.endswith("^")


# --- child processes for what could hang -----------------------------------------------------
# Work that hangs today, or happens in C code no alarm interrupts (regex matching, big-integer
# arithmetic), renders in a child process with 512 MB of memory and 2 s of CPU. All children
# start together, so the module waits for the slowest one, not for one timeout per case.

CHILD = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    import vtlgw
    spec = json.loads(sys.argv[1])
    try:
        out = vtlgw.Engine(spec["flavor"], **spec["options"]).render(spec["template"], {})
        result = {"ok": len(out), "output": out[:200]}
    except vtlgw.VtlgwError as exc:
        result = {"error": type(exc).__name__, "line": exc.line, "message": exc.message}
    except BaseException as exc:
        result = {"crash": type(exc).__name__}
    print(json.dumps(result))
    """
)
# A child gets CPU_SECONDS of CPU (a hang dies of SIGXCPU, leaving the cores to the others);
# the wall-clock timeout only guards against a machine too loaded to schedule them.
CPU_SECONDS = 2
CHILD_TIMEOUT = 30.0

NESTED_LIST = "#set($l = [1])#foreach($i in [1..60])#set($l = [$l, $l])#end"
EVIL = "a" * 40 + "b"
DEFINE_FAN_OUT = (
    "#define($d0)xxxxxxxxxx#end"
    + "".join(f"#define($d{i})" + f"$d{i - 1}" * 10 + "#end" for i in range(1, 10))
    + "$d9"
)
# 10 000 characters each replaced by 1 000 000: 10**10 characters unless checked before building
BLOWUP = "#set($s = 'x')#set($a = $s.repeat(10000))#set($b = $s.repeat(1000000))"
SMALL = {"max_output_size": 10_000, "max_string_size": 10_000, "max_steps": 100_000}

# id -> (flavor, template); each runs with SMALL limits unless DEFAULT_LIMITS names it
CHILD_CASES: dict[str, tuple[str, str]] = {
    "print-nested-list-apigateway": ("apigateway", NESTED_LIST + "$l"),
    "print-nested-list-velocity": ("velocity", NESTED_LIST + "$l"),
    "hash-nested-list": ("velocity", NESTED_LIST + "$l.hashCode()"),
    "equal-nested-lists": (
        "velocity",
        NESTED_LIST.replace("$l", "$k") + NESTED_LIST + "#if($l == $k)same#end",
    ),
    "add-all-doubling": (
        "apigateway",
        "#set($l = ['x'])#foreach($i in [1..40])#set($r = $l.addAll($l))#end$l.size()",
    ),
    "integer-squaring": (
        "apigateway",
        "#set($x = 2)#foreach($i in [1..40])#set($x = $x * $x)#end#if($x > 1)big#end",
    ),
    "define-fan-out": ("apigateway", DEFINE_FAN_OUT),
    "regex-matches": ("apigateway", f"#set($s = '{EVIL}')$s.matches('(a+)+c')"),
    "regex-replace-all": ("apigateway", f"#set($s = '{EVIL}')$s.replaceAll('(a|aa)+c', 'x')"),
    "regex-split": ("apigateway", f"#set($s = '{EVIL}')$s.split('(a+)+c').size()"),
    "replace-blowup": ("apigateway", BLOWUP + "$a.replace('', $b).length()"),
    "replace-all-blowup": ("apigateway", BLOWUP + "$a.replaceAll('', $b).length()"),
    "replace-char-blowup": ("velocity", BLOWUP + "$a.replace('x', $b).length()"),
    "regex-huge-repeat": ("apigateway", "#set($s = 'aaa')$s.matches('a{1000000000}')"),
    "cycle-default-limits": (
        "velocity",
        "#set($a = [1])#set($b = [2])#set($r = $a.add($b))#set($r = $b.add($a))\n$a",
    ),
}
# the blow-ups need strings longer than SMALL allows before the operation under test
DEFAULT_LIMITS = frozenset(
    {"replace-blowup", "replace-all-blowup", "replace-char-blowup", "cycle-default-limits"}
)


@pytest.fixture(scope="module")
def child_results() -> dict[str, dict[str, Any]]:
    """Run every CHILD_CASES entry in its own process, all at once; {"hang": True} on timeout."""
    started = time.monotonic()
    children = {
        key: subprocess.Popen(
            [
                sys.executable,
                "-c",
                CHILD.replace("CPU_SECONDS", str(CPU_SECONDS)),
                json.dumps(
                    {
                        "flavor": flavor,
                        "template": template,
                        "options": {} if key in DEFAULT_LIMITS else SMALL,
                    }
                ),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for key, (flavor, template) in CHILD_CASES.items()
    }
    results: dict[str, dict[str, Any]] = {}
    for key, child in children.items():
        left = max(0.1, CHILD_TIMEOUT - (time.monotonic() - started))
        try:
            out, err = child.communicate(timeout=left)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            results[key] = {"hang": True}
            continue
        if out.strip():
            results[key] = json.loads(out)
        elif child.returncode < 0:  # killed by SIGXCPU/SIGKILL: out of CPU time
            results[key] = {"hang": True}
        else:
            results[key] = {"crash": err[-300:]}
    return results


def assert_child_limited(results: dict[str, dict[str, Any]], key: str) -> None:
    result = results[key]
    assert result.get("error") == "LimitExceeded", result
    assert result["line"] >= 1, result


# --- ranges ----------------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    ("template", "column"),
    [
        ("#foreach($i in [1..100000000])x#end", 16),
        ("#set($r = [1..100000000])", 11),
        ("#set($r = [100000000..-100000000])", 11),
        ("#set($n = 4611686018427387904)#set($r = [0..$n])", 41),
    ],
)
def test_huge_range_is_refused_before_it_is_built(
    flavor: Flavor, template: str, column: int
) -> None:
    error = limit_error(flavor, template)
    assert_located(error, 1, column)
    assert "100000" in error.message  # names the limit


@pytest.mark.parametrize("flavor", FLAVORS)
def test_range_limit_is_inclusive(flavor: Flavor) -> None:
    assert render(flavor, "#set($r = [1..10])$r.size()", max_range_size=10) == "10"
    assert render(flavor, "#set($r = [-4..5])$r.size()", max_range_size=10) == "10"
    limit_error(flavor, "#set($r = [1..11])", max_range_size=10)


# --- loops and steps -------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_nested_loops_run_out_of_steps(flavor: Flavor) -> None:
    template = (
        "#foreach($i in [1..100])\n"
        "  #foreach($j in [1..100])\n"
        "    #foreach($k in [1..100])x#end\n"
        "  #end\n"
        "#end"
    )
    error = limit_error(flavor, template, max_steps=10_000)
    assert "10000 evaluation steps" in error.message
    # an inner loop spends the last step
    assert (error.line, error.column) in ((2, 3), (3, 5)), str(error)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_steps_are_counted_across_the_whole_render(flavor: Flavor) -> None:
    # each loop alone fits the budget; together they pass it in the fourth loop
    assert render(flavor, "#foreach($i in [1..60])#end", max_steps=200) == ""
    error = limit_error(flavor, "#foreach($i in [1..60])#end\n" * 5, max_steps=200)
    assert_located(error, 4, 1)


def test_max_loop_iterations_stops_one_loop_in_velocity() -> None:
    error = limit_error("velocity", "ab\n#foreach($i in [1..50])#end", max_loop_iterations=20)
    assert_located(error, 2, 1)
    assert "20 iterations" in error.message
    assert render("velocity", "#foreach($i in [1..50])#end", max_loop_iterations=50) == ""


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_loop_growing_its_own_list_fails_like_java(flavor: Flavor) -> None:
    # Java's ArrayList iterator throws ConcurrentModificationException: never a `while True`
    with pytest.raises(vtlgw.TemplateRuntimeError) as info:
        render(flavor, "#set($l = [1])#foreach($i in $l)$l.add(1)#end")
    assert "ConcurrentModificationException" in info.value.message


# --- the API Gateway #foreach cap (§5.4, D: 1000 iterations per loop) ------------------------


def test_foreach_past_1000_is_an_error_naming_the_loop() -> None:
    error = limit_error("apigateway", "ab\n  #foreach($item in [1..1001])$item#end")
    assert_located(error, 2, 3)
    assert "$item" in error.message
    assert "1000" in error.message
    assert "1001" in error.message


def test_foreach_of_exactly_1000_runs() -> None:
    out = render("apigateway", "#foreach($i in [1..1000])$foreach.count,#end")
    assert out.split(",")[-2] == "1000"


def test_foreach_cap_counts_map_values_too() -> None:
    items = {f"k{i}": i for i in range(1001)}
    with pytest.raises(vtlgw.LimitExceeded) as info:
        render("apigateway", "#foreach($v in $m)#end", {"m": items})
    assert "$v" in info.value.message


def test_foreach_cap_truncate_gives_exactly_1000_iterations() -> None:
    out = render("apigateway", "#foreach($i in [1..5000])$i,#end", foreach_cap_behavior="truncate")
    assert out.split(",")[:-1] == [str(i) for i in range(1, 1001)]


def test_foreach_cap_is_per_loop_not_per_render() -> None:
    template = (
        "#foreach($i in [1..1000])#end#foreach($i in [1..1000])#end"
        "#foreach($i in [1..40])#foreach($j in [1..40])#end#end done"
    )
    assert render("apigateway", template) == " done"


def test_velocity_flavor_has_no_foreach_cap() -> None:
    assert render("velocity", "#foreach($i in [1..1001])#end$i", {"i": "x"}) == "x"


# --- strings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    ("grow", "column"),
    [
        ('#set($s = "$s$s")', 34),  # the string literal
        ("#set($s = $s.concat($s))", 37),  # the method name
        ("#set($s = $s + $s)", 34),  # the left operand
        ("#set($s = $s.replace('x', 'xx'))", 37),
        ("#set($s = $s.replaceAll('x', 'xx'))", 37),
    ],
)
def test_string_doubling_stops_at_max_string_size(flavor: Flavor, grow: str, column: int) -> None:
    template = "#set($s = 'x')\n#foreach($i in [1..60])" + grow + "#end"
    error = limit_error(flavor, template, max_string_size=1_000)
    assert_located(error, 2, column)
    assert "1000-character" in error.message


@pytest.mark.parametrize("flavor", FLAVORS)
def test_string_size_limit_is_inclusive(flavor: Flavor) -> None:
    assert render(flavor, "#set($s = 'ab')#set($s = \"$s$s$s$s\")$s", max_string_size=8) == (
        "abababab"
    )
    limit_error(flavor, "#set($s = 'ab')#set($s = \"$s$s$s$s$s\")", max_string_size=8)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_big_list_turned_into_a_string_is_limited(flavor: Flavor) -> None:
    error = limit_error(
        flavor, "#set($l = [1..2000])#set($s = $l.toString())", max_string_size=1000
    )
    assert_located(error, 1, 34)


# --- output ----------------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_output_past_max_output_size_in_a_loop(flavor: Flavor) -> None:
    template = "#foreach($i in [1..1000])" + "x" * 100 + "#end"
    error = limit_error(flavor, template, max_output_size=10_000)
    assert_located(error, 1, 1)
    assert "10000" in error.message


@pytest.mark.parametrize("flavor", FLAVORS)
def test_output_limit_is_inclusive(flavor: Flavor) -> None:
    assert len(render(flavor, "x" * 100, max_output_size=100)) == 100
    limit_error(flavor, "x" * 101, max_output_size=100)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_output_past_max_output_size_outside_a_loop_is_located(flavor: Flavor) -> None:
    error = limit_error(flavor, "#set($l = [1..500])\nhead $l $l $l tail", max_output_size=1_000)
    assert error.line == 2
    assert error.column in (6, 9, 12)  # one of the references that wrote past the limit


# --- values that grow without a string or a loop ---------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_self_nested_list_size_is_cheap(flavor: Flavor) -> None:
    assert render(flavor, NESTED_LIST + "$l.size()") == "2"


@pytest.mark.parametrize("key", ["print-nested-list-apigateway", "print-nested-list-velocity"])
def test_printing_a_self_nested_list_is_limited(
    child_results: dict[str, dict[str, Any]], key: str
) -> None:
    assert_child_limited(child_results, key)


@pytest.mark.parametrize("key", ["hash-nested-list", "equal-nested-lists"])
def test_hashing_or_comparing_self_nested_lists_is_limited(
    child_results: dict[str, dict[str, Any]], key: str
) -> None:
    assert_child_limited(child_results, key)


def test_list_doubling_with_add_all_is_limited(child_results: dict[str, dict[str, Any]]) -> None:
    assert_child_limited(child_results, "add-all-doubling")


def test_integer_squaring_is_limited(child_results: dict[str, dict[str, Any]]) -> None:
    # 1.7 widens to BigInteger (oracle: 2**128 prints exactly); 2**(2**40) must not be built
    assert_child_limited(child_results, "integer-squaring")


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    ("grow", "column"),
    [
        ("$l.add(1)", 4),
        ("$l.addAll($l)", 4),
        ("#foreach($i in [1..11])$m.put($i, $i)#end", 27),
    ],
)
def test_collections_stop_at_max_collection_size(flavor: Flavor, grow: str, column: int) -> None:
    template = "#set($l = [1..10])#set($m = {})\n" + grow
    error = limit_error(flavor, template, max_collection_size=10)
    assert "10 elements" in error.message
    assert_located(error, 2, column)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_collection_size_limit_is_inclusive(flavor: Flavor) -> None:
    template = "#set($l = [1..5])#set($r = $l.addAll($l))$l.size()"
    assert render(flavor, template, max_collection_size=10) == "10"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_integers_stop_at_max_integer_bits(flavor: Flavor) -> None:
    # Long overflow widens to BigInteger as in 1.7 (oracle: 2**63 prints exactly) ...
    template = "#set($x = 9223372036854775807)#set($y = $x + 1)$y"
    assert render(flavor, template, max_integer_bits=128) == "9223372036854775808"
    # ... until the configured width
    template = "#set($x = 1)\n#foreach($i in [1..200])#set($x = $x + $x)#end"
    error = limit_error(flavor, template, max_integer_bits=128)
    assert "128 bits" in error.message
    assert_located(error, 2, 35)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_collection_containing_itself_prints_as_java_does_oracle(flavor: Flavor) -> None:
    template = "#set($l = [1])#set($r = $l.add($l))$l|#set($m = {})#set($r = $m.put('a', $m))$m"
    assert render(flavor, template) == "[1, (this Collection)]|{a=(this Map)}"


TWO_LIST_CYCLE = CHILD_CASES["cycle-default-limits"][1]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_printing_a_two_list_cycle_is_a_located_vtlgw_error(flavor: Flavor) -> None:
    # oracle: Velocity 1.7 dies with java.lang.StackOverflowError
    result = attempt(flavor, TWO_LIST_CYCLE, max_output_size=10_000)
    assert isinstance(result, vtlgw.VtlgwError), result
    assert (result.line, result.column) == (2, 1)


def test_printing_a_two_list_cycle_fails_fast_at_default_limits(
    child_results: dict[str, dict[str, Any]],
) -> None:
    result = child_results["cycle-default-limits"]
    assert result.get("error") in ("LimitExceeded", "TemplateRuntimeError"), result
    assert result["line"] == 2, result


@pytest.mark.parametrize("flavor", FLAVORS)
def test_printing_deeply_nested_variables_is_a_vtlgw_error(flavor: Flavor) -> None:
    deep: Any = 1
    for _ in range(300):
        deep = [deep]
    # Java prints it (601 characters); a located StackOverflowError is the accepted fallback
    result = attempt(flavor, "$x", {"x": deep})
    if isinstance(result, vtlgw.VtlgwError):
        assert type(result) is vtlgw.TemplateRuntimeError
        assert (result.line, result.column) == (1, 1)
        assert "StackOverflowError" in result.message
    else:
        assert result == "rendered 601 characters"


def test_deeply_nested_variables_are_refused_when_copied() -> None:
    deep: Any = 1
    for _ in range(300):
        deep = [deep]
    with pytest.raises(vtlgw.LimitExceeded) as info:
        render("apigateway", "#set($x[0] = 2)", {"x": deep})
    assert info.value.name == "<variables>"
    assert info.value.message == "variables nest deeper than 200 levels"


# --- recursion and nesting depth -------------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        "#macro(r $n)#r($n)#end\n#r(1)",
        "#macro(a)#b()#end#macro(b)#a()#end\n#a()",
        "#macro(w)#foreach($i in [1..100])#w()#end#end\n#w()",
    ],
)
def test_macro_recursion_stops_at_max_depth_in_velocity(template: str) -> None:
    # oracle: MacroOverflowException "Max calling depth of 20 was exceeded"
    error = limit_error("velocity", template)
    assert "20 deep" in error.message
    assert error.line == 1  # the recursive call inside the macro body


def test_macro_recursion_prints_as_written_on_apigateway() -> None:
    # §11.3: macro calls are printed literally
    assert render("apigateway", "#macro(r)#r()#end#r()") == "#r()"


def test_wide_macro_fan_out_runs_out_of_steps_in_velocity() -> None:
    # a binary tree of calls 15 deep: under max_depth, 2**15 calls past the step budget
    template = '#macro(f $n)#if($n.length() < 15)#f("${n}x")#f("${n}x")#end#end#f(\'\')'
    error = limit_error("velocity", template, max_steps=5_000)
    assert "5000 evaluation steps" in error.message


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    "template", ["#define($a)$a$a#end$a", "#define($a)x$b#end#define($b)y$a#end$a"]
)
def test_define_recursion_ends(flavor: Flavor, template: str) -> None:
    assert len(render(flavor, template)) < 20


@pytest.mark.parametrize("flavor", FLAVORS)
def test_define_chain_deeper_than_max_depth(flavor: Flavor) -> None:
    blocks = "#define($d0)x#end" + "".join(f"#define($d{i})$d{i - 1}#end" for i in range(1, 30))
    error = limit_error(flavor, blocks + "\n$d29", max_depth=20)
    assert "20 deep" in error.message
    assert error.line == 1


def test_define_fan_out_is_limited(child_results: dict[str, dict[str, Any]]) -> None:
    assert_child_limited(child_results, "define-fan-out")


def test_evaluate_recursion_stops_at_max_depth_in_velocity() -> None:
    # oracle: java.lang.StackOverflowError in 1.7
    error = limit_error("velocity", "#set($t = '#evaluate($t)')#evaluate($t)")
    assert "20 deep" in error.message
    assert error.line == 1


DEEP = 3000


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    "template",
    [
        "#if(true)" * DEEP + "x" + "#end" * DEEP,
        "#if(false)#{else}" * DEEP + "x" + "#end" * DEEP,
        "#foreach($i in [1])" * DEEP + "#end" * DEEP,
        "#define($a)" * DEEP + "#end" * DEEP,
        "#if(true)" * DEEP,
        "#set($x = " + "[" * DEEP + "1" + "]" * DEEP + ")",
        "#set($x = " + "{'a':" * DEEP + "1" + "}" * DEEP + ")",
        "#if(" + "!" * DEEP + "true)y#end",
        '#set($x = "' + "#if(true)" * DEEP + "#end" * DEEP + '")',
    ],
    ids=["if", "else", "foreach", "define", "unclosed", "list", "map", "not", "in-string"],
)
def test_deep_nesting_is_a_located_limit(flavor: Flavor, template: str) -> None:
    error = limit_error(flavor, template)
    assert error.line == 1
    assert error.column > 1
    assert re.search(r"nest deeper than \d+", error.message), error.message


@pytest.mark.parametrize("flavor", FLAVORS)
def test_nesting_below_the_limit_renders(flavor: Flavor) -> None:
    template = "#if(true)" * 50 + "x" + "#end" * 50 + "#set($y = " + "(" * 50 + "1" + ")" * 50
    assert render(flavor, template + ")$y") == "x1"


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    "template",
    [
        "#set($x = " + "(" * DEEP + "1" + ")" * DEEP + ")",
        "#if(" + "(" * DEEP + "true" + ")" * DEEP + ")y#end",
        "$s.concat(" * DEEP + "'a'" + ")" * DEEP,
    ],
    ids=["set-parens", "if-parens", "call-args"],
)
def test_deep_parentheses_are_a_located_limit(flavor: Flavor, template: str) -> None:
    result = attempt(flavor, template, {"s": "a"})
    assert isinstance(result, vtlgw.LimitExceeded), result
    assert result.line == 1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_long_operator_chains_are_located(flavor: Flavor) -> None:
    result = attempt(flavor, "#set($x = 1" + " + 1" * DEEP + ")")
    assert isinstance(result, vtlgw.LimitExceeded), result
    assert result.line == 1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_long_flat_chains_are_fine(flavor: Flavor) -> None:
    assert render(flavor, "#set($s = ' a ')$s" + ".trim()" * 2000) == "a"
    assert render(flavor, "#if(false)" + "#elseif(false)" * 2000 + "#{else}z#end") == "z"


# --- template size (§5.4, D: 300 KB) ---------------------------------------------------------


def test_apigateway_refuses_templates_over_300_kb() -> None:
    error = limit_error("apigateway", "a" * 400 * 1024)
    assert "307200" in error.message
    assert "409600" in error.message


def test_apigateway_template_size_is_counted_in_utf8_bytes_and_inclusive() -> None:
    assert len(render("apigateway", "a" * 307_200)) == 307_200
    limit_error("apigateway", "a" * 307_201)
    limit_error("apigateway", "é" * 153_601)  # 307 202 bytes in UTF-8


def test_template_size_check_survives_lone_surrogates() -> None:
    # Python strings may hold lone surrogates (JSON "\\ud800", surrogateescape); Java's UTF-8
    # encoder writes '?' for them, so 80 000 of them are 80 000 bytes
    result = attempt("apigateway", "\ud800" * 80_000)
    assert result == "rendered 80000 characters" or isinstance(result, vtlgw.VtlgwError), result


def test_velocity_flavor_takes_a_400_kb_template() -> None:
    assert len(render("velocity", "a" * 400 * 1024)) == 400 * 1024


@pytest.mark.parametrize("flavor", FLAVORS)
def test_custom_template_size_limit(flavor: Flavor) -> None:
    error = limit_error(flavor, "#set($a = 1)" * 10, max_template_size=100)
    assert "100" in error.message


# --- regular expressions ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "answer"),
    [("regex-matches", "false"), ("regex-replace-all", EVIL), ("regex-split", "1")],
)
def test_catastrophic_regex_answers_or_is_limited(
    child_results: dict[str, dict[str, Any]], key: str, answer: str
) -> None:
    # Java backtracks for ages on these; the engine must answer right or stop with a limit
    result = child_results[key]
    if "error" in result:
        assert result["error"] == "LimitExceeded", result
        assert result["line"] == 1
        assert "backtrack" in result["message"]
    else:
        assert result.get("output") == answer, result


@pytest.mark.parametrize("key", ["replace-blowup", "replace-all-blowup", "replace-char-blowup"])
def test_replacement_blowup_is_limited(child_results: dict[str, dict[str, Any]], key: str) -> None:
    assert_child_limited(child_results, key)


def test_huge_regex_repeat_count_is_harmless(child_results: dict[str, dict[str, Any]]) -> None:
    # Java compiles it and simply does not match
    result = child_results["regex-huge-repeat"]
    assert result.get("output") == "false" or result.get("error") == "LimitExceeded", result


@pytest.mark.parametrize("flavor", FLAVORS)
def test_deeply_nested_regex_pattern_fails_at_the_call(flavor: Flavor) -> None:
    template = (
        "#set($o = '(')#set($c = ')')#set($p = \"$o.repeat(5000)a$c.repeat(5000)\")\n$p.matches($p)"
    )
    result = attempt(flavor, template)
    assert isinstance(result, vtlgw.VtlgwError), result
    assert (result.line, result.column) == (2, 4), result


@pytest.mark.parametrize("flavor", FLAVORS)
def test_ordinary_regexes_on_the_same_input_are_fast(flavor: Flavor) -> None:
    template = (
        f"#set($s = '{EVIL}')$s.matches('a+b')|$s.replaceAll('a+', 'x')|$s.split('a{{10}}').size()"
    )
    assert render(flavor, template) == "true|xb|5"


# --- deep JSON from the event ----------------------------------------------------------------
# The request body is as untrusted as the template. json-smart and Jayway JsonPath parse deep
# documents on the JVM's stack (thousands of levels); vtlgw must either do the same or stop
# with a located error that does not blame the template's nesting.


def _event_variables(body: str) -> dict[str, object]:
    from vtlgw.apigw.variables import build_variables

    return build_variables({"body": body, "requestContext": {"stage": "dev"}})


@pytest.mark.parametrize("depth", [100, 300])
def test_moderately_deep_json_bodies_render(depth: int) -> None:
    body = '{"a":' * depth + "1" + "}" * depth
    template = "$input.json('$')|$input.path('$').size()|$util.parseJson($input.body).size()"
    assert render("apigateway", template, _event_variables(body)) == body + "|1|1"


@pytest.mark.parametrize(
    "template", ["$input.json('$')", "$input.path('$')", "$util.parseJson($input.body)"]
)
def test_deep_json_bodies_render_or_fail_at_the_call(template: str) -> None:
    body = '{"a":' * 600 + "1" + "}" * 600
    result = attempt("apigateway", "\n  " + template, _event_variables(body))
    if isinstance(result, vtlgw.VtlgwError):
        assert (result.line, result.column) >= (2, 3), result
        assert "template nests" not in result.message
    else:
        assert result == f"rendered {len(body) + 3} characters"
