"""``$x.class.name`` and ``$x.class.simpleName`` for every value type a template can reach."""

from __future__ import annotations

from casedefs.model import C

TOPIC = "class_names"

_V = {
    "s": "str",
    "i": 1,
    "big": 3000000000,
    "huge": 123456789012345678901234567890,
    "d": 1.5,
    "dz": 2.0,
    "t": True,
    "m": {"a": 1},
    "l": [1],
    "el": [],
    "em": {},
    "nul": None,
}

_NAMED = ("s", "i", "big", "huge", "d", "dz", "t", "m", "l", "el", "em")

CASES = (
    *(C(f"${name}.class.name", f"class name of context value {name}", _V) for name in _NAMED),
    *(
        C(f"${name}.class.simpleName", f"simple name of context value {name}", _V)
        for name in _NAMED
    ),
    C("$nul.class.name", "class of null renders the reference", _V),
    C("$missing.class.name", "class of undefined renders the reference", _V),
    C("$!nul.class.name", "quiet class of null", _V),
    C("#set($x = 'a')$x.class.name", "string literal class"),
    C('#set($x = "a$i")$x.class.name', "interpolated string literal class", _V),
    C("#set($x = 1)$x.class.name", "integer literal class"),
    C("#set($x = 1.5)$x.class.name", "double literal class"),
    C("#set($x = true)$x.class.name", "boolean literal class"),
    C("#set($x = [1])$x.class.name", "list literal class"),
    C("#set($x = {})$x.class.name", "map literal class"),
    C("#set($x = [1..2])$x.class.name", "range class"),
    C("#set($x = 2147483648)$x.class.name", "long literal class"),
    C("#set($x = 1 == 1)$x.class.name", "comparison result class"),
    C("#set($x = 1 + 1)$x.class.name", "integer sum class"),
    C("#set($x = 1 + 1.0)$x.class.name", "mixed sum class"),
    C("#set($x = 'a' + 1)$x.class.name", "concatenation class"),
    C("#set($x = 2147483647 * 2)$x.class.name", "widened product class"),
    C("$s.charAt(0).class.name", "char class", _V),
    C("$s.split('').class.name", "String array class name", _V),
    C("$s.split('').class.simpleName", "String array simple name", _V),
    C("$s.bytes.class.simpleName", "byte array simple name", _V),
    C("$s.toCharArray().class.simpleName", "char array simple name", _V),
    C("$s.class.simpleName.class.simpleName", "class of a simple name", _V),
    C("$s.class.getName()", "getName method form", _V),
    C("$s.getClass().name", "getClass then property", _V),
    C("$i.class.name.length()", "method on a class name", _V),
    C("#if($s.class.name == 'java.lang.String')S#end", "branch on a class name", _V),
    C(
        "#foreach($v in [1, 'a', 1.5, true, [], {}])$v.class.simpleName #end",
        "literal element classes",
    ),
    C("$s.class.simpleName()", "simpleName with parentheses is not a method"),
    C("$s.class.isArray()", "isArray on String's class", _V),
)
