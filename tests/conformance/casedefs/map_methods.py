"""The java.util.Map method surface on LinkedHashMap values from JSON and literals."""

from __future__ import annotations

from casedefs.model import C, Case

TOPIC = "map_methods"

_V = {"m": {"a": 1, "b": "x", "n": None}, "em": {}, "k": "a"}


def _m(expr: str, note: str) -> Case:
    """A case rendering ``expr`` with the shared map context."""
    return C(expr, note, _V)


CASES = (
    _m("$m.get('a')", "get an existing key"),
    _m("$m.get('zz')", "get a missing key renders the reference"),
    _m("$!m.get('zz')", "quiet get of a missing key"),
    _m("$m.get('n')", "get a key holding null renders the reference"),
    _m("$m.get($k)", "get with a reference key"),
    _m("$m.get(1)", "get with an integer key on string keys"),
    _m("$m.a", "property lookup of a key"),
    _m("$m.zz", "property lookup of a missing key"),
    _m("$m.put('c', 3)$m", "put of a new key returns null, so the call renders literally"),
    _m("$m.put('a', 9)$m", "put an existing key returns the previous value"),
    _m("#set($r = $m.put('a', 9))$r $m.a", "previous value captured by set"),
    _m("$m.putAll({'c': 3, 'a': 0})$m", "putAll merges and keeps existing order"),
    _m("$m.containsKey('a')", "containsKey true"),
    _m("$m.containsKey('zz')", "containsKey false"),
    _m("$m.containsKey('n')", "containsKey of a key holding null"),
    _m("$m.containsValue('x')", "containsValue true"),
    _m("$m.containsValue(1)", "containsValue with an Integer"),
    _m("$m.containsValue('1')", "containsValue does not convert types"),
    _m("$m.keySet()", "keySet in insertion order"),
    _m("$m.values()", "values in insertion order"),
    _m("$m.entrySet()", "entrySet prints key=value pairs"),
    _m("$m.size()", "size"),
    _m("$m.size", "size without parentheses is a key lookup: missing"),
    _m("$em.size()", "size of an empty map"),
    _m("$m.isEmpty()", "isEmpty false"),
    _m("$em.isEmpty()", "isEmpty true"),
    _m("$m.empty", "empty without parentheses is a key lookup: missing"),
    _m("$m.remove('a')$m", "remove returns the removed value"),
    _m("$m.remove('zz')$m", "remove of a missing key returns null, so the call renders literally"),
    _m("#foreach($e in $m.entrySet())$e.key:$e.value;#end", "entry key and value properties"),
    _m("#foreach($e in $m.entrySet())$e.getKey()=$e.getValue() #end", "entry getter methods"),
    _m("#foreach($e in $m.entrySet())$!e.value|#end", "quiet entry value"),
    _m(
        "#foreach($e in $m.entrySet())#if($foreach.first)$e.setValue(5)#end#end$m", "entry setValue"
    ),
    _m("$m.keySet().size()", "size of the key set"),
    _m("$m.keySet().contains('b')", "key set contains"),
    _m("$m.values().contains(1)", "values contains"),
    _m("$m.getOrDefault('zz', 'dflt')", "getOrDefault of a missing key"),
    _m("$m.getOrDefault('n', 'dflt')", "getOrDefault of a key holding null"),
    _m("$m.putIfAbsent('a', 7)$m.a", "putIfAbsent on an existing key"),
    _m("$m.clear()$m", "clear"),
    _m(
        "$m.equals({'a': 1, 'b': 'x', 'n': $nothing})",
        "equals a literal whose undefined value is null",
    ),
    _m("$m.equals($m)", "equals itself"),
    _m("$m.class.name", "class name of a JSON object"),
    _m("$m.toString()", "toString"),
    _m("$m.get('a').class.simpleName", "class of a value"),
    _m("$m.b.length()", "method on a value"),
    _m("$m.nosuch()", "unknown method renders the reference"),
    _m("$m.get()", "get without arguments renders the reference"),
    _m("$m.get('a', 'b')", "get with two arguments renders the reference"),
    _m("#set($m.c = 3)$m.keySet()", "set a key appends to the key order"),
    _m("#set($m.a = 'y')$m.keySet()", "set an existing key keeps the order"),
    _m("$m.remove('a')$m.put('a', 1)$m.keySet()", "remove then put moves a key to the end"),
    _m("$m.entrySet().size()", "entry set size"),
    _m("$m.entrySet().iterator().next().key", "first entry key"),
    _m("$m.keySet().toString()", "key set toString"),
    C("#set($x = {'k': 'v'})$x.put('k2', 'v2')$x", "put on a map literal"),
    C("#set($x = {})$x.isEmpty() $x.size()", "empty map literal methods"),
    C("#set($x = {'a': {'b': 1}})$x.get('a').get('b')", "chained get"),
    C("#set($x = {'a': 1})$x.get('A')", "keys are case-sensitive"),
    C("#set($x = {1: 'i'})$x.get('1')", "integer key is not the string key"),
    C("#set($x = {'k': 1})$x.k.class.simpleName", "literal value class"),
    C("$m.a", "property on a JSON object key with a dot", {"m": {"a.b": 1, "a": 2}}),
    C("$m.get('a.b')", "get of a key containing a dot", {"m": {"a.b": 1, "a": 2}}),
    C("$m['a b']", "bracket access of a key with a space", {"m": {"a b": 1}}),
    C("$m.get('')", "get of the empty key", {"m": {"": "empty"}}),
    C("$m.class", "a key named class: getClass wins over the map key", {"m": {"class": "mine"}}),
    C("$m.get('class')", "get of a key named class", {"m": {"class": "mine"}}),
    C("$m.empty", "a key named empty: the map key wins", {"m": {"empty": "mine"}}),
    C("$m.size", "a key named size: the map key wins", {"m": {"size": "mine"}}),
)
