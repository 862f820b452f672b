"""``$context`` override groups shared between renders (ref §8.5 D, §11.12 V, §11.13 V).

A :class:`SharedGroup` forwards every read and write to the group it wraps, so what a request
template ``#set``s into ``$context.responseOverride`` is still there for the gateway and the
response template (§11.13, V), and it remembers each key written: a parameter overridden twice
is a 5XX on AWS (§8.5, D), so the simulation must know.
"""

from __future__ import annotations

import vtlgw
from vtlgw.apigw.context import ContextGroup, HeaderGroup
from vtlgw.apigw.shared import SharedGroup
from vtlgw.engine.values import MISSING


def override() -> SharedGroup:
    return SharedGroup(ContextGroup(header=HeaderGroup()))


def render(template: str, group: SharedGroup, value: str = "") -> str:
    """Render with the group as ``$ro`` (and ``$v``, one string object, when asked)."""
    return vtlgw.Engine().render(template, {"ro": group, "v": "same" if value else None})


def test_writes_reach_the_wrapped_group_and_survive_the_render_ref_11_13_V() -> None:
    group = override()
    assert render("#set($ro.header.X-Trace = 'a')#set($ro.status = 400)", group) == ""
    assert group.plain() == {"header": {"X-Trace": "a"}, "status": 400}
    assert type(group.plain()["header"]) is dict
    assert render("$ro.status $ro.header.X-Trace $ro.get('status') $ro.size()", group) == (
        "400 a 400 2"
    )


def test_groups_print_empty_and_nested_groups_are_shared_too_ref_11_12_V() -> None:
    group = override()
    assert isinstance(group.group["header"], SharedGroup)
    assert render("[$ro][$ro.header][$ro.toString()]", group) == "[][][]"
    assert group.java_class_name == "java.util.LinkedHashMap"


def test_one_write_per_parameter_is_not_repeated_ref_8_5_D() -> None:
    group = override()
    render("#set($ro.status = 400)#set($ro.header.X-A = 'a')#set($ro.header.X-B = 'b')", group)
    assert group.all_repeated("responseOverride") == []
    assert group.written == {"status"}
    assert group.group["header"].written == {"X-A", "X-B"}


def test_a_parameter_written_twice_is_reported_with_its_dotted_name_ref_8_5_D() -> None:
    group = override()
    render("#set($ro.status = 400)#set($ro.header.X-A = 'a')", group)
    render("#set($ro.header.X-A = 'b')$ro.put('status', 401)", group)
    assert group.all_repeated("responseOverride") == [
        "responseOverride.status",
        "responseOverride.header.X-A",
    ]
    assert group.plain() == {"header": {"X-A": "b"}, "status": 401}


def test_writing_the_same_value_again_still_counts_as_a_second_write_ref_8_5_D() -> None:
    group = override()
    render("#set($ro.status = 400)#set($ro.status = 400)", group)
    render("$ro.put('code', 'x')$ro.put('code', 'x')", group)
    # the very same object again (nothing changes in the map): found by the setter's key
    render("#set($ro.state = $v)#set($ro.state = $v)#set($ro.a = 1)#set($ro.a = 2)", group, "v")
    render("#set($ro.header.X-A = $v)#set($ro.header.X-A = $v)", group, "v")
    assert group.repeated == ["status", "code", "state", "a"]
    assert group.all_repeated("r")[-1] == "r.header.X-A"


def test_reading_with_two_arguments_is_no_write_ref_8_5_D() -> None:
    group = override()
    render(
        "#set($ro.status = 400)$ro.getOrDefault('status', 1)$ro.getOrDefault('status', 1)", group
    )
    assert group.repeated == []


def test_reads_and_other_map_methods_write_nothing() -> None:
    group = override()
    render("$ro.get('status')$ro.containsKey('header')$ro.keySet()$ro.status", group)
    assert group.written == set()
    assert group.repeated == []
    assert group.vtl_call("set", ("x",)) is MISSING  # a bare "set" is no setter
    assert group.written == set()
    assert dict(group.group) == {"header": group.group["header"]}
