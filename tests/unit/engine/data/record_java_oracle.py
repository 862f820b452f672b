"""Re-record java_oracle.json from Apache Velocity 1.7 (needs /work/shared/oracle/velocity17).

Run from the repository root: ``python tests/unit/engine/data/record_java_oracle.py`` (add
``boundaries`` to re-record only java_boundaries.json). Each
group is a list of inputs; the oracle renders one template per input and the output is stored
next to it, so the unit tests compare our Java layer with recorded truth without a JVM.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from pathlib import Path

ORACLE = "/work/shared/oracle/velocity17"
HERE = Path(__file__).parent
BIG = 99999999999999999999

NUMBERS = [
    0,
    1,
    -1,
    7,
    -7,
    2,
    3,
    -3,
    2147483647,
    -2147483648,
    3000000000,
    9223372036854775807,
    -9223372036854775808,
    BIG,
    -BIG,
    0.5,
    -0.0,
    2.5,
    0.1,
    1e20,
    1.5e300,
    7.5,
    -2.25,
]
OPS = ["+", "-", "*", "/", "%"]
EQ_VALUES = [
    1,
    1.0,
    "1",
    True,
    "true",
    [1, 2],
    "[1, 2]",
    {"a": 1},
    "{a=1}",
    {"a": 1.0},
    [1.0, 2],
    "",
    None,
    0,
    "0",
    BIG,
    1e20,
    100000000000000000000,
]

METHODS = [
    ("abcb", "substring", [1]),
    ("abcb", "substring", [1, 3]),
    ("abcb", "substring", [5]),
    ("abcb", "substring", [3, 1]),
    ("abcb", "substring", ["1"]),
    ("abcb", "substring", [1.0]),
    ("abcb", "substring", [3000000000]),
    ("abcb", "charAt", [9]),
    ("abcb", "charAt", [-1]),
    ("abcb", "indexOf", ["b"]),
    ("abcb", "indexOf", [98]),
    ("abcb", "indexOf", ["b", 2]),
    ("abcb", "indexOf", ["", 99]),
    ("abcb", "indexOf", ["a", -5]),
    ("abcb", "lastIndexOf", ["b"]),
    ("abcb", "lastIndexOf", ["b", 2]),
    ("abcb", "lastIndexOf", ["b", -1]),
    ("  aBc ", "trim", []),
    ("  aBc ", "toUpperCase", []),
    ("  aBc ", "toLowerCase", []),
    ("ßİ😀x", "toUpperCase", []),
    ("ßİ😀x", "length", []),
    ("ßİ😀x", "substring", [2]),
    ("ßİ😀x", "indexOf", ["x"]),
    ("abc", "contains", ["bc"]),
    ("abc", "startsWith", ["b", 1]),
    ("abc", "endsWith", ["bc"]),
    ("abc", "equalsIgnoreCase", ["ABC"]),
    ("abc", "isEmpty", []),
    ("abc", "concat", ["x"]),
    ("abc", "concat", [1]),
    ("abc", "compareTo", ["abd"]),
    ("abc", "compareTo", ["ab"]),
    ("abc", "compareTo", [1]),
    ("abc", "equals", ["abc"]),
    ("abc", "hashCode", []),
    ("ab", "replace", ["", "-"]),
    ("a.b.c", "replace", [".", "/"]),
    ("abcb", "replaceAll", ["b", "$0$0"]),
    ("abcb", "replaceAll", ["(b)", "[$1]"]),
    ("abcb", "replaceFirst", ["b", "X"]),
    ("abcb", "replaceAll", ["(?<n>b)", "${n}!"]),
    ("abcb", "replaceAll", ["b", "\\$"]),
    ("abcb", "replaceAll", ["", "-"]),
    ("abcb", "replaceAll", ["b", "$2"]),
    ("abcb", "replaceAll", ["b", "$"]),
    ("abcb", "replaceAll", ["(", "x"]),
    ("abcb", "replaceAll", ["b", "\\"]),
    ("abcb", "replaceAll", ["b", "${zz}"]),
    ("abcb1", "replaceAll", ["(b)", "$11"]),
    ("abcb1", "replaceAll", ["\\p{Alpha}", "."]),
    ("abcb1", "replaceAll", ["\\Qb\\E", "Q"]),
    ("abcb1", "replaceAll", ["[a-c&&[^b]]", "#"]),
    ("é1 ab\u00a0٣", "replaceAll", ["\\w", "."]),
    ("é1 ab\u00a0٣", "replaceAll", ["\\s", "_"]),
    ("é1 ab\u00a0٣", "replaceAll", ["\\d", "D"]),
    ("a\nb", "replaceAll", [".", "x"]),
    ("a\nb", "replaceAll", ["(?s).", "x"]),
    ("a\r\nb", "replaceAll", ["(?m)^", "S"]),
    ("a\nb", "matches", ["a.b"]),
    ("aab \n", "replaceAll", ["\\h", "H"]),
    ("aab \n", "replaceAll", ["\\Z", "Z"]),
    ("aab \n", "replaceAll", ["\\z", "z"]),
    ("Ab:!", "replaceAll", ["[[:alpha:]]", "P"]),
    ("Ab:!", "replaceAll", ["\\p{L}", "L"]),
    ("Ab:!", "replaceAll", ["\\p{Punct}", "p"]),
    ("Ab:!", "replaceAll", ["\\x41", "x"]),
    ("Ab:!", "replaceAll", ["\\0101", "o"]),
    ("AbC", "replaceAll", ["a(?i)b", "_"]),
    ("AbC", "replaceAll", ["(?i)a|c", "_"]),
    ("AbcAbc", "replaceAll", ["(A)(b)(?:c)", "$2$1"]),
    ("abc", "matches", ["(?i)A.*C"]),
    ("abc", "matches", ["b"]),
    ("x1y22z", "replaceAll", ["[^\\d]+", ","]),
    ("a,b,,c,,", "split", [","]),
    ("a,b,,c,,", "split", [",", 2]),
    ("a,b,,c,,", "split", [",", -1]),
    ("a,b,,c,,", "split", [""]),
    ("a,b,,c,,", "split", ["|"]),
    ("a,b,,c,,", "split", ["\\|"]),
    ("a,b,,c,,", "split", ["."]),
    ("", "split", [","]),
    (",a,b", "split", [","]),
    ("abcbb a  b", "split", ["(?=b)"]),
    ("abcbb a  b", "split", ["b*"]),
    ("abcbb a  b", "split", [" +"]),
    ("a1b22c", "split", ["\\d"]),
    ("a.b", "split", ["\\."]),
    ([10, 20, 30], "get", [1]),
    ([10, 20, 30], "get", [9]),
    ([10, 20, 30], "get", [-1]),
    ([10, 20, 30], "get", ["0"]),
    ([10, 20, 30], "set", [1, "x"]),
    ([10, 20, 30], "set", [5, "y"]),
    ([10, 20, 30], "add", ["y"]),
    ([10, 20, 30], "add", [1, "x"]),
    ([10, 20, 30], "add", [7, "x"]),
    ([10, 20, 30], "remove", [1]),
    (["a", "b"], "remove", ["a"]),
    ([10, 20, 30], "remove", [20.0]),
    ([10, 20, 30], "indexOf", [20]),
    ([10, 20, 30], "indexOf", ["20"]),
    ([10, 20, 30], "contains", [20.0]),
    ([10, 20, 30], "contains", [20]),
    ([10, 20, 30], "subList", [1, 2]),
    ([10, 20, 30], "subList", [2, 1]),
    ([10, 20, 30], "subList", [0, 5]),
    ([10, 20, 30], "isEmpty", []),
    ([10, 20, 30], "size", []),
    ([1, 2], "hashCode", []),
    ([1, 2], "equals", [[1, 2]]),
    ([1, 2], "toString", []),
    ([10, 20, 10], "lastIndexOf", [10]),
    ([1], "addAll", [[2, 3]]),
    ([1, 2], "containsAll", [[1]]),
    ({"a": 1}, "put", ["b", 2]),
    ({"a": 1}, "put", ["a", 5]),
    ({"a": 1}, "get", ["a"]),
    ({"a": 1}, "get", ["z"]),
    ({"a": 1}, "remove", ["a"]),
    ({"a": 1}, "containsKey", ["a"]),
    ({"a": 1}, "containsValue", [1.0]),
    ({"a": 1}, "containsValue", [1]),
    ({"a": 1}, "size", []),
    ({"a": 1, "b": [1, 2]}, "keySet", []),
    ({"a": 1, "b": [1, 2]}, "values", []),
    ({"a": 1, "b": [1, 2]}, "entrySet", []),
    ({"a": 1, "b": [1]}, "hashCode", []),
    ({"a": 1}, "getOrDefault", ["z", 5]),
    ({"a": 1}, "putIfAbsent", ["a", 5]),
    ({"a": 1}, "putAll", [{"x": 1}]),
    ({"a": 1}, "isEmpty", []),
    ({}, "isEmpty", []),
    (1, "intValue", []),
    (1, "doubleValue", []),
    (2.7, "intValue", []),
    (2.7, "longValue", []),
    (3000000000, "intValue", []),
    (1, "equals", [1]),
    (1, "equals", [1.0]),
    (1, "compareTo", [2]),
    (1, "compareTo", [2.0]),
    (2.7, "compareTo", [1]),
    (2.5, "hashCode", []),
    (7, "hashCode", []),
    (3000000000, "hashCode", []),
    (BIG, "hashCode", []),
    (BIG, "intValue", []),
    (True, "booleanValue", []),
    (True, "toString", []),
    (True, "equals", ["true"]),
    (True, "hashCode", []),
    (2.5, "isNaN", []),
    (1e300, "toString", []),
]
PROPERTIES = [
    ("abc", "class"),
    ("abc", "empty"),
    ("", "empty"),
    ("abc", "Class"),
    ("abc", "length"),
    (1, "class"),
    (3000000000, "class"),
    (BIG, "class"),
    (2.5, "class"),
    (True, "class"),
    ([1], "class"),
    ([], "empty"),
    ({"a": 1}, "class"),
    ({"a": 1}, "a"),
    ({"a": 1}, "empty"),
    ({"a": {"b": 2}}, "a"),
    (2.5, "NaN"),
    (2.5, "infinite"),
    ("abc", "bytesx"),
]


# Regex translation: every pattern against a few subjects, through replaceAll/split/matches.
REGEX_PATTERNS = [
    r"\w+",
    r"\W",
    r"\d{2,}",
    r"\D+",
    r"\s+",
    r"\S+",
    r"\bfoo\b",
    r"\Bo",
    r"^\w",
    r"\w$",
    r"(?m)^\w",
    r"(?m)\w$",
    r"[a-z&&[^aeiou]]+",
    r"[^a-z]",
    r"[\w&&[^\d]]",
    r"[a-c[x-z]]",
    r"[^a-c[x-z]]",
    r"[\p{Upper}\d]",
    r"\p{Lower}+",
    r"\P{Alpha}",
    r"\p{Lu}",
    r"\p{IsDigit}",
    r"\p{Nd}+",
    r"\p{Zs}",
    r"[\p{L}&&[^a-z]]",
    r"\p{javaUpperCase}",
    r"\h+",
    r"\v",
    r"\R",
    r"(?i)FOO",
    r"(?i:f)oo",
    r"(?x) f o o ",
    r"(a|b)+",
    r"(?:ab)*c",
    r"a{2}",
    r"a{2,}?",
    r"a+?",
    r"(?<=f)o",
    r"(?<!f)o",
    r"o(?=o)",
    r"o(?!o)",
    r"(\w)\1",
    r"(?<x>\w)\k<x>",
    r"\Qa+b\E",
    r"[\Q]\E]",
    r"\x41|\u00e9",
    r"\0101",
    r"\cI",
    r"\t",
    r"[.]",
    r".",
    r"(?s).",
    r"\.",
    r"[-a]",
    r"[a-]",
    r"[]a]",
    r"[\[\]]",
    r"[\^]",
    r"^",
    r"$",
    r"\A\w",
    r"\w\z",
    r"\w\Z",
    r"\G\w",
    r"a++b",
    r"(?>a+)b",
    r"x*",
    r"(?U)\w+",
    r"(?u)(?i)É",
    r"\p{InGreek}",
    r"\p{IsLatin}",
    r"[[:digit:]]",
    r"\e",
    r"\\",
    r"/",
    r"[/]",
    r"\/",
    r"\-",
    r"\:",
    r"(?d).",
    r"[a-z&&def]",
    r"[abc&&[b-z]&&[^c]]",
    r"\p{Alnum}+",
    r"\p{Space}",
    r"\p{XDigit}+",
    r"[^\s]+",
    r"[\S&&[^o]]+",
    r"o{,2}",
    r"{",
    r"a{",
    r"*a",
    r"(?<n1>a)(?<n2>b)",
]
REGEX_SUBJECTS = [
    "foo bar 12 baz345\tÉé\u00a0\u2028x\r\nAB",
    "aaab ab a+b ]a[ ^x /-: ff oo\nfoo\n",
    "xx112233yy ΑΒΓ abc\u000bDEF\x1b",
]


def record_regex() -> None:
    """Write java_regex.json: Java's replaceAll/split/matches outputs for REGEX_PATTERNS."""
    cases: list[dict[str, object]] = []
    for pattern in REGEX_PATTERNS:
        for subject in REGEX_SUBJECTS:
            cases.append(
                {"template": "$s.replaceAll($p, '<$0>')", "context": {"s": subject, "p": pattern}}
            )
        cases.append(
            {
                "template": "#foreach($x in $s.split($p))[$x]#end",
                "context": {"s": REGEX_SUBJECTS[1], "p": pattern},
            }
        )
        cases.append({"template": "$s.matches($p)", "context": {"s": "foo", "p": pattern}})
    rows = []
    for case, output in zip(cases, run(cases), strict=True):
        context = case["context"]
        assert isinstance(context, dict)
        template = str(case["template"])
        kind = next(name for name in ("replaceAll", "split", "matches") if name in template)
        rows.append([kind, context["s"], context["p"], output])
    (HERE / "java_regex.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n")


def run(cases: list[dict[str, object]]) -> list[str]:
    result = subprocess.run(
        [ORACLE], input=json.dumps(cases), capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def main() -> None:
    random.seed(20261128)
    doubles = json.loads((HERE / "doubles_sample.json").read_text()) if "--keep" in sys.argv else []
    if not doubles:
        for _ in range(400):
            bits = random.getrandbits(64)
            value = __import__("struct").unpack("<d", bits.to_bytes(8, "little"))[0]
            if math.isfinite(value) and abs(value) > 1e-300:
                doubles.append(value)
        for _ in range(400):
            doubles.append(
                float(f"{random.randint(1, 10 ** random.randint(1, 17))}e{random.randint(-25, 25)}")
            )
        doubles += [2.0**e for e in range(-60, 64, 3)]
        doubles += [
            1e23,
            2e23,
            8.41e21,
            5e-324,
            9e-323,
            1e7,
            1e-3,
            9999999.0,
            0.001,
            1.373428634809579e18,
            100.0 / 50,
            0.5 * 0.1,
            0.1 + 0.2,
            1e-5,
            123456789.123,
            -1.5,
            1e20,
        ]
    arith_inputs = [(op, a, b) for op in OPS for a in NUMBERS for b in NUMBERS]
    cases = [{"template": "#foreach($d in $l)$d\n#end", "context": {"l": doubles}}]
    cases += [
        {"template": f"#set($x = $a {op} $b)$x|$x.class.name", "context": {"a": a, "b": b}}
        for op, a, b in arith_inputs
    ]
    eq_inputs = [(a, b) for a in EQ_VALUES for b in EQ_VALUES]
    cases += [
        {
            "template": "#if($a == $b)T#{else}F#end#if($a < $b)L#end#if($a > $b)G#end",
            "context": {"a": a, "b": b},
        }
        for a, b in eq_inputs
    ]
    for receiver, method, args in METHODS:
        names = ", ".join(f"$a{i}" for i in range(len(args)))
        context = {"r": receiver, **{f"a{i}": arg for i, arg in enumerate(args)}}
        template = f"$r.{method}({names})"
        if method == "split":  # a String[] prints its identity hash: record the elements
            template = f"#foreach($p in {template})[$p]#end"
        cases.append({"template": template, "context": context})
    for receiver, name in PROPERTIES:
        cases.append({"template": f"$r.{name}", "context": {"r": receiver}})
    out = run(cases)
    record = {
        "doubles": [[v, e] for v, e in zip(doubles, out[0].split("\n")[:-1], strict=True)],
        "arithmetic": [[op, a, b, o] for (op, a, b), o in zip(arith_inputs, out[1:], strict=False)],
    }
    offset = 1 + len(arith_inputs)
    record["comparison"] = [[a, b, o] for (a, b), o in zip(eq_inputs, out[offset:], strict=False)]
    offset += len(eq_inputs)
    record["methods"] = [[r, m, a, o] for (r, m, a), o in zip(METHODS, out[offset:], strict=False)]
    offset += len(METHODS)
    record["properties"] = [[r, n, o] for (r, n), o in zip(PROPERTIES, out[offset:], strict=False)]
    (HERE / "java_oracle.json").write_text(json.dumps(record, ensure_ascii=False, indent=0) + "\n")


STRING_ALPHABET = "ab,.| \t\n-AB1é😀"
STRING_METHODS = {
    "substring": 2,
    "indexOf": 2,
    "lastIndexOf": 2,
    "replace": 2,
    "split": 2,
    "charAt": 1,
    "startsWith": 1,
    "endsWith": 1,
    "contains": 1,
    "compareTo": 1,
    "equalsIgnoreCase": 1,
    "toUpperCase": 0,
    "trim": 0,
    "length": 0,
    "replaceFirst": 2,
    "codePointAt": 1,
    "compareToIgnoreCase": 1,
}


def _random_text(rng: random.Random, longest: int) -> str:
    return "".join(rng.choice(STRING_ALPHABET) for _ in range(rng.randint(0, longest)))


def record_strings(count: int = 1500) -> None:
    """Write java_strings.json: random String method calls (with astral characters)."""
    rng = random.Random(20261128)
    rows: list[list[object]] = []
    for _ in range(count):
        receiver = _random_text(rng, 8)
        method = rng.choice(sorted(STRING_METHODS))
        arity = rng.randint(1, STRING_METHODS[method]) if STRING_METHODS[method] else 0
        index = rng.randint(-2, 10)
        if method in ("substring", "charAt", "codePointAt"):
            args: list[object] = [index, rng.randint(-2, 10)][:arity]
        elif method == "split":
            args = [rng.choice([",", "\\|", "[ab]", " +", "\\s", "b"]), index][:arity]
        elif method == "replaceFirst":
            args = [
                rng.choice(["a+", "[,.]", "(b)(a)?", "$"]),
                rng.choice(["x", "$1", "<$0>", "\\$"]),
            ]
        elif method == "replace":
            args = [_random_text(rng, 3), _random_text(rng, 2)]
        elif method in ("indexOf", "lastIndexOf"):
            args = [_random_text(rng, 3), index][:arity]
        else:
            args = [_random_text(rng, 3)][:arity]
        rows.append([receiver, method, args])
    cases = []
    for receiver, method, args in rows:
        names = ", ".join(f"$a{i}" for i in range(len(args)))  # type: ignore[arg-type]
        template = f"$r.{method}({names})"
        if method == "split":
            template = f"#foreach($p in {template})[$p]#end"
        context = {"r": receiver, **{f"a{i}": a for i, a in enumerate(args)}}  # type: ignore[arg-type]
        cases.append({"template": template, "context": context})
    for row, output in zip(rows, run(cases), strict=True):
        row.append(output)
    (HERE / "java_strings.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n")


LIST_ARITY = {
    "get": (1,),
    "set": (2,),
    "add": (1, 2),
    "remove": (1,),
    "indexOf": (1,),
    "lastIndexOf": (1,),
    "contains": (1,),
    "subList": (2,),
    "isEmpty": (0,),
    "size": (0,),
    "equals": (1,),
    "hashCode": (0,),
    "addAll": (1, 2),
    "containsAll": (1,),
    "clear": (0,),
    "toString": (0,),
}
MAP_ARITY = {
    "get": (1,),
    "put": (2,),
    "remove": (1,),
    "containsKey": (1,),
    "containsValue": (1,),
    "getOrDefault": (2,),
    "putIfAbsent": (2,),
    "keySet": (0,),
    "values": (0,),
    "entrySet": (0,),
    "equals": (1,),
    "hashCode": (0,),
    "isEmpty": (0,),
    "size": (0,),
    "putAll": (1,),
}


def _random_value(rng: random.Random, depth: int = 0) -> object:
    kinds = ["int", "int", "neg", "long", "float", "str", "str", "none", "bool"]
    kind = rng.choice(kinds + (["list", "map"] if depth < 1 else []))
    if kind == "int":
        return rng.randint(0, 4)
    if kind == "neg":
        return rng.randint(-3, -1)
    if kind == "long":
        return 3000000000
    if kind == "float":
        return rng.choice([1.0, 2.5, 0.0])
    if kind == "str":
        return rng.choice(["a", "b", "1", ""])
    if kind == "bool":
        return rng.choice([True, False])
    if kind == "list":
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if kind == "map":
        return {rng.choice("abc1"): _random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    return None


def record_collections(count: int = 1500) -> None:
    """Write java_collections.json: random List/Map calls, mixed argument types.

    Each output is the call's result, ``|``, then the receiver afterwards. Map keys that are
    Lists or Maps are left out (the value model cannot hold them).
    """
    rng = random.Random(1128)
    rows: list[list[object]] = []
    while len(rows) < count:
        if rng.random() < 0.55:
            receiver: object = [_random_value(rng, 1) for _ in range(rng.randint(0, 4))]
            method = rng.choice(sorted(LIST_ARITY))
            arity = rng.choice(LIST_ARITY[method])
        else:
            receiver = {rng.choice("abc1"): _random_value(rng, 1) for _ in range(rng.randint(0, 3))}
            method = rng.choice(sorted(MAP_ARITY))
            arity = rng.choice(MAP_ARITY[method])
        args = [_random_value(rng) for _ in range(arity)]
        if args and rng.random() < 0.5:
            args[0] = rng.randint(-1, 4)
        map_key = isinstance(receiver, dict) and method.startswith("put") and args
        if map_key and isinstance(args[0], (list, dict)):
            continue
        rows.append([receiver, method, args])
    cases = []
    for receiver, method, args in rows:
        names = ", ".join(f"$a{i}" for i in range(len(args)))  # type: ignore[arg-type]
        context = {"r": receiver, **{f"a{i}": a for i, a in enumerate(args)}}  # type: ignore[arg-type]
        cases.append({"template": f"$r.{method}({names})|$r", "context": context})
    for row, output in zip(rows, run(cases), strict=True):
        row.append(output)
    (HERE / "java_collections.json").write_text(
        json.dumps(rows, ensure_ascii=False, indent=0) + "\n"
    )


FORMAT_VALUES: list[object] = [
    0,
    7,
    -42,
    255,
    2147483647,
    -2147483648,
    3000000000,
    -3000000000,
    BIG,
    0.5,
    -1.25,
    3.14159,
    1e-5,
    123456.789,
    1e20,
    0.0,
    -0.0,
    2.5,
    0.125,
    "ab",
    "",
    True,
    False,
    None,
    [1, 2],
]


def record_formats(count: int = 2000) -> None:
    """Write java_format.json: random ``String.format`` specifiers applied to one value."""
    rng = random.Random(2026)
    rows: list[list[object]] = []
    for _ in range(count):
        flags = "".join(rng.sample("-#+ 0,(", rng.randint(0, 2)))
        width = str(rng.randint(1, 12)) if rng.random() < 0.5 else ""
        precision = "." + str(rng.randint(0, 5)) if rng.random() < 0.5 else ""
        spec = f"%{flags}{width}{precision}{rng.choice('sSbBhHdoxXeEfgG%n')}"
        rows.append([spec, rng.choice(FORMAT_VALUES)])
    cases = [
        {"template": "$s.format($f, $v)|", "context": {"s": "x", "f": spec, "v": value}}
        for spec, value in rows
    ]
    for row, output in zip(rows, run(cases), strict=True):
        row.append(output)
    (HERE / "java_format.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n")


# Boundary inputs the groups above miss; each pins one slip that survived a mutation run
# (docs/mutation.md). Rows are (receiver, method, args), as in METHODS.
BOUNDARY_METHODS: list[tuple[object, str, list[object]]] = [
    # lastIndexOf(s, from) with a match starting exactly at `from`, or just past it
    ("abcb", "lastIndexOf", ["b", 3]),
    ("abcb", "lastIndexOf", ["b", 4]),
    ("abcb", "lastIndexOf", ["b", 99]),
    ("abcb", "lastIndexOf", ["cb", 2]),
    ("abcb", "lastIndexOf", ["cb", 1]),
    ("abcb", "lastIndexOf", ["a", 0]),
    ("abcb", "lastIndexOf", ["b", 0]),
    ("abcb", "lastIndexOf", ["abcb", 0]),
    ("abcb", "lastIndexOf", ["", 2]),
    ("abcb", "lastIndexOf", ["", 9]),
    ("abcb", "lastIndexOf", [98, 3]),
    ("abcb", "lastIndexOf", [98, 2]),
    ("a\U0001f600b\U0001f600", "lastIndexOf", [0x1F600, 3]),
    ("a\U0001f600b\U0001f600", "lastIndexOf", [0x1F600, 2]),
    # indexOf(s, from) at exactly `from`, at the end, and past it
    ("abcb", "indexOf", ["b", 3]),
    ("abcb", "indexOf", ["b", 4]),
    ("abcb", "indexOf", ["", 4]),
    ("abcb", "indexOf", ["", 5]),
    ("abcb", "indexOf", ["b", -1]),
    ("abcb", "indexOf", [98, 3]),
    # startsWith(prefix, offset) at the ends
    ("abcb", "startsWith", ["cb", 2]),
    ("abcb", "startsWith", ["", 4]),
    ("abcb", "startsWith", ["", 5]),
    ("abcb", "startsWith", ["a", -1]),
    # substring and charAt at the length
    ("abcb", "substring", [4]),
    ("abcb", "substring", [4, 4]),
    ("abcb", "substring", [0, 4]),
    ("abcb", "substring", [0, 5]),
    ("abcb", "charAt", [4]),
    ("abcb", "charAt", [3]),
    ("ab\U0001f600", "charAt", [4]),
    ("ab\U0001f600", "codePointAt", [2]),
    ("ab\U0001f600", "codePointAt", [3]),
    ("ab\U0001f600", "codePointAt", [4]),
    # repeat at zero and below
    ("ab", "repeat", [0]),
    ("ab", "repeat", [-1]),
    # floatValue() past Float.MAX_VALUE is an infinity of the same sign
    (1e300, "floatValue", []),
    (-1e300, "floatValue", []),
    (3.5e38, "floatValue", []),
    # a long parameter takes Long.MIN_VALUE..MAX_VALUE and no BigInteger; a double one any
    # Integer, Long or Double
    (3000000000, "toHexString", [9223372036854775807]),
    (3000000000, "toHexString", [-9223372036854775808]),
    (3000000000, "toHexString", [9223372036854775808]),
    (3000000000, "toHexString", [-9223372036854775809]),
    (2.5, "valueOf", [9223372036854775807]),
    (2.5, "valueOf", [-9223372036854775808]),
    (2.5, "valueOf", [9223372036854775808]),
    (2.5, "valueOf", [3]),
    (2.5, "valueOf", [True]),
]
# (a, b) for == < >: a Long and a Double compare as doubles, so 2^53 + 1 equals 2.0^53
BOUNDARY_COMPARISONS: list[tuple[object, object]] = [
    (2**53 + 1, 2.0**53),
    (2.0**53, 2**53 + 1),
    (-(2**53) - 1, -(2.0**53)),
    (2**53 + 1, 2**53),
]
# (operator, a, b): BigDecimal division (a BigInteger meets a Double) rounds HALF_DOWN at the
# dividend's scale; ties, near-ties and signs.
BOUNDARY_ARITHMETIC: list[tuple[str, object, object]] = [
    ("/", BIG, 2.0),
    ("/", -BIG, 2.0),
    ("/", BIG, -2.0),
    ("/", 3e20, 2 * 10**20),
    ("/", -3e20, 2 * 10**20),
    ("/", 3e20, -2 * 10**20),
    ("/", 5e19, 10**20),
    ("/", -5e19, 10**20),
    ("/", 1.5e20, 10**20),
    ("/", 2.5e20, 10**20),
    ("/", BIG, 4.0),
    ("/", -BIG, 4.0),
    ("/", 10**20, 3.0),
    ("/", 2 * 10**20, 3.0),
    ("/", 2.5, 10**20),
    ("/", BIG, 0.5),
    ("/", -BIG, 2),
    ("%", -BIG, 7),
]
# Whole templates, for Java exceptions that carry no message.
BOUNDARY_TEMPLATES: list[tuple[str, dict[str, object]]] = [
    ("#set($k = $m.keySet())$k.add('q')", {"m": {"a": 1}}),
    ("#foreach($i in $l)$l.add(3)#end", {"l": [1, 2]}),
    ("#foreach($k in $m.keySet())$m.remove('b')#end", {"m": {"a": 1, "b": 2, "c": 3}}),
    ("$l.set(5, 9)", {"l": [1, 3]}),
    ("#set($s = $l.subList(0, 1))$l.add(9)$s.size()", {"l": [1, 2]}),
]


# Whole templates for String methods whose arguments JSON cannot give (char[], Character, null)
# or whose case rules need odd characters; rendered by the velocity flavor in the tests.
CASE_PAIRS = [
    ("\u212a", "k"),  # KELVIN SIGN: upper case of itself, lower case 'k'
    ("\u01c5", "\u01c6"),  # title-case DŽ vs small dž
    ("\u03c2", "\u03a3"),  # final sigma vs capital sigma
    ("\u017f", "s"),  # long s
    ("\u0130", "i"),  # capital I with dot
    ("\u0131", "I"),  # dotless i
    ("aBc", "AbC"),
    ("ab", "abc"),
    ("b", "A"),
]
BOUNDARY_STRINGS: list[tuple[str, dict[str, object]]] = [
    ("$s.valueOf($s.toCharArray())", {"s": "abc"}),
    ("$s.valueOf($x)|$s.valueOf($l)|$s.valueOf($n)", {"s": "", "x": 5, "l": [1, 2]}),
    ("$s.join('-', $l)", {"s": "", "l": ["a", "b"]}),
    ("$s.join('-', $l)", {"s": "", "l": ["a", None]}),
    ("$s.join('-', $l)", {"s": "", "l": ["a", 1]}),
    ("$s.join('-', 'a', 'b', 'c')", {"s": ""}),
    ("$s.join('-', $x, 'b')", {"s": "", "x": 1}),
    ("$s.join($n, $l)", {"s": "", "l": ["a"]}),
    ("$s.join('-')", {"s": ""}),
    ("$s.format('%s-%s', 'a', 'b')", {"s": ""}),
    ("$s.format('%s', $n)", {"s": ""}),
    ("$s.format($n, 'a')", {"s": ""}),
    ("#set($c = $s.charAt(0))$s.equals($c)|$s.equals($x)|$s.equals('a', 'b')", {"s": "a", "x": 5}),
    ("$s.equalsIgnoreCase($x)|$s.equalsIgnoreCase($n)", {"s": "a", "x": 5}),
    ("$s.compareToIgnoreCase($x)", {"s": "a", "x": 5}),
    ("$s.compareToIgnoreCase($n)", {"s": "a"}),
    ("$s.indexOf($n)", {"s": "a"}),
    ("$s.lastIndexOf($n, 0)", {"s": "a"}),
    ("$s.lastIndexOf($n)", {"s": "a"}),
    ("$s.indexOf($n, 0)", {"s": "a"}),
    ("$s.join('-', $l)|$s.join('', $l)", {"s": "", "l": []}),
    # surrogate pairs at the ends of the surrogate ranges, and unpaired halves
    *(
        ("$s.codePointAt(0) $s.codePointAt(1)", {"s": text})
        for text in ("\ud800\udc00", "\udbff\udfff", "\ud800a", "\udc00\ud800", "a\ud7ff")
    ),
    ("$s.codePointAt(0)", {"s": "\udbff"}),
    ("$s.codePointAt(0, 1)|$s.repeat(1, 2)|$s.compareToIgnoreCase('a', 'b')", {"s": "ab"}),
    # charAt's message follows the string's coder: Latin-1 up to U+00FF, UTF-16 above
    ("$s.charAt(5)", {"s": "\u00ff"}),
    ("$s.charAt(5)", {"s": "\u0100"}),
    # replace(char, char) needs two Characters; a Character is no CharSequence
    (
        "#set($c = $s.charAt(0))$s.replace($c, $c)|$s.replace($c, 'x')|$s.replace('a', $c)",
        {"s": "ab"},
    ),
    ("#set($k = $m.keySet())$k.remove('zz')|$k.remove('a')|$m", {"m": {"a": 1, "b": 2}}),
    # getBytes(charset): every name the engine knows, in any case, and one it does not
    *(
        ("#foreach($b in $s.getBytes($c))$b,#end", {"s": "a\u00e9\u20ac", "c": charset})
        for charset in (
            "UTF-8",
            "utf8",
            "UTF-16",
            "UTF-16BE",
            "utf-16le",
            "ISO-8859-1",
            "US-ASCII",
            "ascii",
            "x-nope",
        )
    ),
    ("#foreach($b in $s.getBytes())$b,#end", {"s": "\u00e9"}),
    # a null argument: JDK 17's helpful NullPointerException message
    *(
        (f"$s.{call}", {"s": "abc"})
        for call in (
            "startsWith($n)",
            "startsWith($n, 0)",
            "endsWith($n)",
            "contains($n)",
            "concat($n)",
            "replace($n, 'x')",
            "replace('x', $n)",
            "matches($n)",
            "compareTo($n)",
            "split($n)",
            "split($n, 2)",
            "replaceAll($n, 'x')",
            "replaceAll('x', $n)",
            "replaceFirst($n, 'x')",
            "replaceAll('b', $n)",
            "replaceFirst('b', $n)",
            "replaceFirst('x', $n)",
        )
    ),
    ("$s.repeat(3)", {"s": "ab"}),
] + [
    (
        "$a.equalsIgnoreCase($b) $a.compareToIgnoreCase($b) $b.compareToIgnoreCase($a)",
        {"a": a, "b": b},
    )
    for a, b in CASE_PAIRS
]


def record_boundaries() -> None:
    """Write java_boundaries.json: the BOUNDARY_* groups above."""
    cases = []
    for receiver, method, args in BOUNDARY_METHODS:
        names = ", ".join(f"$a{i}" for i in range(len(args)))
        context = {"r": receiver, **{f"a{i}": arg for i, arg in enumerate(args)}}
        cases.append({"template": f"$r.{method}({names})", "context": context})
    for op, a, b in BOUNDARY_ARITHMETIC:
        template = f"#set($x = $a {op} $b)$x|$x.class.name"
        cases.append({"template": template, "context": {"a": a, "b": b}})
    for a, b in BOUNDARY_COMPARISONS:
        template = "#if($a == $b)T#{else}F#end#if($a < $b)L#end#if($a > $b)G#end"
        cases.append({"template": template, "context": {"a": a, "b": b}})
    for template, context in [*BOUNDARY_TEMPLATES, *BOUNDARY_STRINGS]:
        cases.append({"template": template, "context": context})
    out = iter(run(cases))
    record = {
        "methods": [[r, m, a, next(out)] for r, m, a in BOUNDARY_METHODS],
        "arithmetic": [[op, a, b, next(out)] for op, a, b in BOUNDARY_ARITHMETIC],
        "comparison": [[a, b, next(out)] for a, b in BOUNDARY_COMPARISONS],
        "templates": [[t, c, next(out)] for t, c in BOUNDARY_TEMPLATES],
        "strings": [[t, c, next(out)] for t, c in BOUNDARY_STRINGS],
    }
    text = json.dumps(record, indent=0) + "\n"  # ASCII: rows hold unpaired surrogates
    (HERE / "java_boundaries.json").write_text(text)


if __name__ == "__main__":
    if sys.argv[1:] == ["boundaries"]:  # re-record only the boundary group
        record_boundaries()
    else:
        main()
        record_regex()
        record_strings()
        record_collections()
        record_formats()
        record_boundaries()
