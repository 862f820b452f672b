"""How method arguments bind: null arguments, numeric widening, and arguments that match no
overload (the reference then renders literally)."""

from __future__ import annotations

from casedefs.model import C, Case

TOPIC = "method_arguments"

_V = {
    "s": "abc",
    "nul": None,
    "one": 1,
    "big": 3000000000,
    "d": 1.0,
    "b": True,
    "l": [1, 2],
    "m": {"k": "v", "1": "one"},
}


def _a(expr: str, note: str) -> Case:
    """A case rendering ``expr`` with the shared context."""
    return C(expr, note, _V)


CASES = (
    _a("$s.contains($nul)", "a null argument to contains throws"),
    _a("$s.equals($nul)", "equals with a null argument is false"),
    _a("$s.indexOf($nul)", "a null argument to indexOf throws"),
    _a("$s.replace('a', $nul)", "a null replacement throws"),
    _a("$s.concat($missing)", "an undefined argument is null, so concat throws"),
    _a("$l.add($nul)$l", "a null argument can be added to a list"),
    _a("$m.put('k', $nul)$m", "put of null stores null and returns the old value"),
    _a("$m.put('z', $nul)$m", "put of null under a new key returns null"),
    _a("$m.containsKey($nul)", "containsKey of null"),
    _a("$m.get($nul)", "get of null"),
    _a("$s.charAt($one)", "an Integer argument binds an int parameter"),
    _a("$s.substring(1.5)", "a Double does not bind an int parameter"),
    _a("$s.substring($big)", "a Long does not bind an int parameter"),
    _a("$s.substring($b)", "a Boolean does not bind an int parameter"),
    _a("$s.substring('1')", "a String does not bind an int parameter"),
    _a("$l.get($d)", "a Double index does not bind List.get"),
    _a("$s.concat(1)", "an Integer does not bind a String parameter"),
    _a("$s.startsWith($one)", "an Integer does not bind startsWith"),
    _a("$s.split(',', '2')", "a String does not bind split's limit"),
    _a("$m.get($one)", "an Integer key does not find a String key"),
    _a("$m.get('1')", "a String key"),
    _a("$one.compareTo($big)", "Integer.compareTo with a Long binds the bridge method and throws"),
    _a("$d.compareTo(3)", "Double.compareTo with an Integer binds the bridge method and throws"),
    _a("$big.equals(3000000000)", "Long equals a Long literal"),
    _a("$one.equals($d)", "Integer does not equal an equal Double"),
    _a("$s.valueOf(true)", "String.valueOf of a boolean"),
    _a("$s.valueOf($l)", "String.valueOf of a list"),
    _a("$s.indexOf('b', $one)", "two arguments of different types"),
    _a("$l.contains($one)", "contains with an Integer reference"),
    _a("$l.indexOf(2)", "indexOf with an Integer literal"),
    _a("$l.subList(0, $one)", "an Integer reference as an int parameter"),
    _a("$l.subList(0, $big)", "a Long reference as an int parameter does not bind"),
    _a("$s.substring(0, $s.length())", "a method result as an argument"),
    _a("$s.substring($l.get(0))", "a list element as an argument"),
    _a('$s.concat("-$one")', "an interpolated argument"),
    _a("$s.concat('-').concat($s)", "chained calls with arguments"),
    _a("$s.replace(\"b\", 'B')", "mixed quote styles as arguments"),
    _a('$s.matches("[a-c]+")', "a regex in double quotes"),
    _a("$s.concat([1])", "a list literal does not bind a String parameter"),
    _a("$s.concat({})", "a map literal does not bind a String parameter"),
    _a("$l.addAll([3, 4])$l", "a list literal binds a Collection parameter"),
    _a("$m.putAll({'n': 1})$m", "a map literal binds a Map parameter"),
    _a("$l.add(0, 9)$l", "overload chosen by arity"),
    _a("$l.remove($one)$l", "an Integer reference picks remove(int)"),
    _a("$s.contains('')", "empty-string argument"),
    _a("$s.concat( 'x' )", "spaces around an argument"),
    _a("$s.concat('x',)", "a trailing comma in arguments is a parse error"),
    _a("$s.concat('x' 'y')", "space-separated method arguments are a parse error"),
)
