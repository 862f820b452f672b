"""The java.util.List method surface on ArrayList values from JSON and literals."""

from __future__ import annotations

from casedefs.model import C, Case

TOPIC = "list_methods"

_V = {"l": ["a", "b", "c"], "nums": [3, 1, 2], "el": [], "withnull": [None, "x"], "i": 1}


def _l(expr: str, note: str) -> Case:
    """A case rendering ``expr`` with the shared list context."""
    return C(expr, note, _V)


CASES = (
    _l("$l.size()", "size"),
    _l("$el.size()", "size of an empty list"),
    _l("$l.size", "size without parentheses is not a property: literal"),
    _l("$l.get(0)", "get the first element"),
    _l("$l.get(2)", "get the last element"),
    _l("$l.get(3)", "get out of range is an error"),
    _l("$l.get(-1)", "get with a negative index is an error"),
    _l("$l.get($i)", "get with a reference index"),
    _l("$l.get('1')", "get with a string index does not resolve"),
    _l("$el.get(0)", "get on an empty list is an error"),
    _l("$withnull.get(0)", "get of a null element renders the reference"),
    _l("$l.add('d')$l", "add returns true and appends"),
    _l("$l.add(0, 'z')$l", "add at an index returns void, which renders empty"),
    _l("$l.add(9, 'z')", "add at an index out of range is an error"),
    _l("$l.set(0, 'z')$l", "set returns the previous element"),
    _l("$l.set(5, 'z')", "set out of range is an error"),
    _l("$l.contains('b')", "contains true"),
    _l("$l.contains('z')", "contains false"),
    _l("$nums.contains(1)", "contains an Integer"),
    _l("$nums.contains('1')", "contains does not convert types"),
    _l("$el.isEmpty()", "isEmpty true"),
    _l("$l.isEmpty()", "isEmpty false"),
    _l("$l.empty", "empty property shortcut"),
    _l("$el.empty", "empty property on an empty list"),
    _l("$l.remove(0)$l", "remove by index returns the element"),
    _l("$l.remove('b')$l", "remove by object returns true"),
    _l("$l.remove('z')$l", "remove of a missing object returns false"),
    _l("$nums.remove(1)$nums", "remove with an Integer argument removes by index"),
    _l("$l.remove(5)", "remove out of range is an error"),
    _l("$l.indexOf('b')", "indexOf"),
    _l("$l.indexOf('z')", "indexOf not found"),
    _l("$l.lastIndexOf('a')", "lastIndexOf"),
    _l("$l.subList(1, 3)", "subList"),
    _l("$l.subList(0, 0)", "empty subList"),
    _l("$l.subList(2, 1)", "subList with reversed bounds is an error"),
    _l("$l.subList(0, 9)", "subList beyond the end is an error"),
    _l("$l.subList(1, 3).size()", "size of a subList"),
    _l("$l.addAll(['x', 'y'])$l", "addAll"),
    _l("$l.addAll(1, ['x'])$l", "addAll at an index"),
    _l("$l.clear()$l", "clear"),
    _l("$l.containsAll(['a', 'c'])", "containsAll"),
    _l("$l.equals(['a', 'b', 'c'])", "equals a list literal"),
    _l("$l.toString()", "toString"),
    _l("$l.class.name", "class name of a JSON array"),
    _l("$l.get(0).class.simpleName", "class of an element"),
    _l("$l.iterator().next()", "iterator next"),
    _l("$l.nosuch()", "unknown method renders the reference"),
    _l("$l.first", "no first property on a list: literal"),
    _l("$l.hashCode()", "list hashCode follows the Java contract"),
    _l("$withnull", "a list with null"),
    _l("$withnull.contains($nothing)", "contains null via an undefined reference"),
    _l("$withnull.indexOf($nothing)", "indexOf null"),
    _l("$nums.get(0) + $nums.get(1)", "arithmetic outside a directive is text"),
    _l("#set($s = $nums.get(0) + $nums.get(1))$s", "arithmetic on elements"),
    _l("#set($x = $l.remove(0))$x $l", "capture a removed element"),
    _l("#set($x = $l.add('q'))$x.class.simpleName", "add returns a Boolean"),
    _l("#set($x = $l.set(1, 'q'))$x", "capture set's previous element"),
    _l("#foreach($x in $l)$x#end $l.size()", "foreach leaves the list unchanged"),
    _l("$l.toArray().size()", "toArray gives an array with size"),
    C("#set($x = [])$x.add(1)$x.add('two')$x", "add mixed types to a literal"),
    C("#set($x = [1, 2, 3])$x.remove(1)$x", "literal remove by index"),
    C("#set($x = [1..3])$x.get(1)", "get on a range"),
    C("#set($x = [[1, 2]])$x.get(0).get(1)", "chained get"),
    C("#set($x = [1, 2])$x.add($x.size())$x", "add its own size"),
    C("#set($x = ['b', 'a'])$x.indexOf('a')", "indexOf on a literal"),
    C("#set($x = [])$x.isEmpty()", "isEmpty on an empty literal"),
    C("#set($x = [1])$x.size() $x.get(0)", "single-element literal"),
    C("#set($x = [1, 1, 2])$x.lastIndexOf(1)", "lastIndexOf with duplicates"),
    C("#set($x = [1, 2])$x.contains(1.0)", "contains uses equals: Double is not Integer"),
    C("#set($x = [3000000000])$x.get(0).class.simpleName", "long element class"),
)
