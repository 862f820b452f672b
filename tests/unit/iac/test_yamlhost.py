"""YAML host files: positioned values, CloudFormation's short-form tags, exact character offsets.

The heart of it is that every character of every string maps to the host character it came
from, through every scalar style. Two properties check that against PyYAML itself: strings
dumped by ``yaml.dump`` in every style (and widths, indents, line breaks), and scalars written
by hand from pieces PyYAML's dumper never writes (escaped line breaks, indentation indicators,
comments after a block header, tags and anchors before the scalar). A character maps to itself,
to the backslash of the escape that decodes to it, to the first quote of ``''``, or (a folded
space or a line break) to a line break; offsets strictly increase.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from vtlgw.document import MAX_DOCUMENT_CHARS
from vtlgw.errors import InputError
from vtlgw.iac.tree import HostList, HostMapping, HostString, Tagged
from vtlgw.iac.yamlhost import SHORT_FORMS, HostLoader, load_yaml_host
from vtlgw.location import LineIndex

BREAKS = "\r\n\x85\u2028\u2029"
# YAML's double-quoted escapes, written out again here as the oracle
REPLACED = {
    "0": "\0",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "\\": "\\",
    "/": "/",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
HEX_DIGITS = {"x": 2, "u": 4, "U": 8}


def examples(count: int) -> settings:
    """``count`` examples, no deadline, no database, no explain phase (it warns)."""
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        database=None,
        phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink),
    )


def assert_origins(host: str, value: Any) -> None:
    """Every character of ``value`` maps to the host character it was read from."""
    assert isinstance(value, HostString)
    previous = -1
    for index, char in enumerate(value):
        at = value.offsets(index)
        assert at > previous, (index, at, previous)
        previous = at
        written = host[at]
        if written == char:
            continue
        if written == "\\":
            code = host[at + 1]
            if code in HEX_DIGITS:
                decoded = chr(int(host[at + 2 : at + 2 + HEX_DIGITS[code]], 16))
            else:
                decoded = REPLACED[code]
            assert decoded == char, (index, char, host[at : at + 10])
            continue
        assert written in BREAKS and char in " \n", (index, char, host[at - 5 : at + 5])
    if value:
        assert value.start == value.offsets(0)


ALPHABET = st.one_of(
    st.characters(),
    st.sampled_from(list(" \t\n\r'\"\\#:-?{}[],&*!|>%@`\x85\u2028\u2029\ufeff\x00\x07é😀")),
)
SHAPES = {
    "top": (lambda s: s, lambda t: t),
    "map": (lambda s: {"key": s}, lambda t: t["key"]),
    "list": (lambda s: [s, "x"], lambda t: t[0]),
    "deep": (lambda s: {"a": [{"b": {"c": s}}]}, lambda t: t["a"][0]["b"]["c"]),
    "flow": (lambda s: {"a": [s]}, lambda t: t["a"][0]),
}


@examples(150)
@given(
    st.text(ALPHABET, max_size=60),
    st.sampled_from([None, "'", '"', "|", ">"]),
    st.integers(5, 80),
    st.booleans(),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from(sorted(SHAPES)),
    st.integers(2, 6),
)
def test_every_character_of_a_dumped_string_maps_to_where_it_is_written(
    value: str,
    style: str | None,
    width: int,
    unicode: bool,
    line_break: str,
    shape: str,
    indent: int,
) -> None:
    wrap, unwrap = SHAPES[shape]
    host = yaml.dump(
        wrap(value),
        default_style=style,
        width=width,
        allow_unicode=unicode,
        line_break=line_break,
        indent=indent,
        default_flow_style=shape == "flow",
    )
    tree = load_yaml_host(host, name="h.yaml")
    assert tree == yaml.safe_load(host)  # (not always == value: PyYAML reads a dumped \x85 as " ")
    assert_origins(host, unwrap(tree))
    if isinstance(tree, dict):
        for key in tree:
            assert_origins(host, key)


PIECES = st.sampled_from(
    [
        "a",
        "b c",
        " ",
        "  ",
        "\t",
        "''",
        "\\n",
        '\\"',
        "\\x41",
        "\\u00e9",
        "\\U0001F600",
        "\\\n",
        "\n",
        "\n\n",
        "\r\n",
        "#",
        " #x",
        ":",
        "- ",
        "\\ ",
        "\\\t",
        "\u2028",
        "\x85",
        "'",
        '"',
        "\\",
    ]
)


def _hand_written(
    parts: list[str],
    style: str,
    header: str,
    outer: int,
    extra: int,
    in_list: bool,
    prefix: str,
    blank_first: bool,
    comment: str,
) -> str:
    body = "".join(parts)
    pad = " " * outer
    if style in "|>":
        indent = " " * (outer + extra)
        text = "\n".join(indent + line if line else line for line in body.split("\n"))
        if blank_first:
            text = f"\n{indent}\n{text}"
        scalar = f"{style}{header}{comment}\n{text}\n"
    elif style == "plain":
        scalar = body.replace("\n", "\n" + pad + " " * extra) + "\n"
    else:
        quoted = body.replace("'", "''") if style == "'" else body.replace('"', '\\"')
        scalar = style + quoted.replace("\n", "\n" + pad + " " * extra) + style + "\n"
    if in_list:
        return f"k:\n{pad}- {prefix}{scalar}"
    return f"k:\n{pad}k2: {prefix}{scalar}"


@examples(200)
@given(
    st.lists(PIECES, max_size=12),
    st.sampled_from(["plain", "'", '"', "|", ">"]),
    st.sampled_from(["", "-", "+", "1", "2", "2-", "+1", "3+"]),
    st.integers(1, 4),
    st.integers(1, 4),
    st.booleans(),
    st.sampled_from(["", "!Sub ", "&a ", "!Sub &a ", "&x !Ref "]),
    st.booleans(),
    st.sampled_from(["", " # a comment"]),
)
def test_every_character_of_a_hand_written_scalar_maps_to_where_it_is_written(
    parts: list[str],
    style: str,
    header: str,
    outer: int,
    extra: int,
    in_list: bool,
    prefix: str,
    blank_first: bool,
    comment: str,
) -> None:
    host = _hand_written(parts, style, header, outer, extra, in_list, prefix, blank_first, comment)
    untagged = host.replace("!Sub ", "").replace("!Ref ", "")
    try:
        expected = yaml.safe_load(untagged)
    except yaml.YAMLError:
        return  # not YAML: nothing to compare
    holder = expected.get("k") if isinstance(expected, dict) else None
    if not isinstance(holder, list if in_list else dict):
        return  # the pieces made another structure
    wanted = holder[0] if in_list else holder.get("k2")
    if not isinstance(wanted, str):
        return
    try:
        tree = load_yaml_host(host, name="h.yaml")
    except InputError:
        assert "!" in prefix  # a tag on a key the pieces made; only a tag can be refused
        return
    found = tree["k"][0] if in_list else tree["k"]["k2"]
    if isinstance(found, Tagged):
        found = found.value
    assert found == wanted
    assert_origins(host, found)


def _at(host: str, value: HostString, index: int) -> tuple[int, int]:
    return LineIndex(host).line_col(value.offsets(index))


def test_a_plain_scalar_folds_lines_and_keeps_each_characters_line_and_column() -> None:
    host = "a: one\n  two\n\n  three\n"
    value = load_yaml_host(host, name="h.yaml")["a"]
    assert value == "one two\nthree"
    assert _at(host, value, 0) == (1, 4)
    assert _at(host, value, 3) == (1, 7)  # the folded space is the line break after "one"
    assert _at(host, value, 4) == (2, 3)
    assert _at(host, value, 8) == (4, 3)


def test_double_quoted_escapes_map_to_their_backslash() -> None:
    host = 'a: "\\u00e9\\x41\\n\\"\\\\\\U0001F600z"\n'
    value = load_yaml_host(host, name="h.yaml")["a"]
    assert value == 'éA\n"\\😀z'
    assert [value.offsets(i) for i in range(len(value) + 1)] == [4, 10, 14, 16, 18, 20, 30, 31]


def test_an_escaped_line_break_joins_lines_without_a_space() -> None:
    host = 'a: "one\\\n    two"\n'
    value = load_yaml_host(host, name="h.yaml")["a"]
    assert value == "onetwo"
    assert _at(host, value, 3) == (2, 5)


def test_a_single_quoted_quote_maps_to_the_first_of_the_two() -> None:
    host = "a: 'it''s'\n"
    value = load_yaml_host(host, name="h.yaml")["a"]
    assert value == "it's"
    assert [value.offsets(i) for i in range(4)] == [4, 5, 6, 8]


def test_block_scalars_with_indicators_inside_a_nested_mapping() -> None:
    host = "a:\n  b: |2-\n      indented\n    line\n\n  c: >+\n    one\n    two\n\n\n"
    tree = load_yaml_host(host, name="h.yaml")
    literal, folded = tree["a"]["b"], tree["a"]["c"]
    assert literal == "  indented\nline"
    assert _at(host, literal, 0) == (3, 5)  # the indentation indicator keeps two spaces
    assert _at(host, literal, 11) == (4, 5)
    assert folded == "one two\n\n\n"
    assert _at(host, folded, 3) == (7, 8)
    assert _at(host, folded, 4) == (8, 5)


def test_crlf_line_breaks_read_as_newlines_at_the_carriage_return() -> None:
    host = "a: |\r\n  x\r\n  y\r\n"
    value = load_yaml_host(host, name="h.yaml")["a"]
    assert value == "x\ny\n"
    assert [value.offsets(i) for i in range(4)] == [8, 9, 13, 14]


def test_short_form_tags_are_tagged_values_at_their_bang() -> None:
    host = (
        "r: !Ref Table\n"
        "g: !GetAtt Api.Arn\n"
        "l: !GetAtt [Api, Arn]\n"
        "s: !Sub ['x ${a}', {a: !Ref B}]\n"
        "m: !If {x: y}\n"
    )
    tree = load_yaml_host(host, name="h.yaml")
    assert tree["r"] == Tagged("Ref", "Table", 3)
    assert tree["g"] == Tagged("GetAtt", "Api.Arn", 17)
    assert tree["l"] == Tagged("GetAtt", ["Api", "Arn"], 36)
    sub = tree["s"]
    # a tagged collection starts where its tag does (the tag is where it is written)
    assert isinstance(sub.value, HostList) and sub.value.start == sub.start == 58
    assert sub.value == ["x ${a}", {"a": Tagged("Ref", "B", host.index("!Ref B"))}]
    assert tree["m"].value == {"x": "y"} and isinstance(tree["m"].value, HostMapping)
    for name in SHORT_FORMS:
        assert load_yaml_host(f"a: !{name} x\n", name="h.yaml")["a"] == Tagged(name, "x", 3)


def test_keys_are_strings_as_written_and_values_load_as_yaml_says() -> None:
    host = "200: a\ntrue: b\nn: 1\nf: 1.5\nb: yes\nz: ~\nd: 2010-09-09\n"
    tree = load_yaml_host(host, name="h.yaml")
    assert list(tree) == ["200", "true", "n", "f", "b", "z", "d"]
    assert all(isinstance(key, HostString) for key in tree)
    assert [key.start for key in tree] == [0, 7, 15, 20, 27, 34, 39]
    assert list(tree.values()) == ["a", "b", 1, 1.5, True, None, datetime.date(2010, 9, 9)]


def test_merge_keys_merge_and_a_key_written_again_wins() -> None:
    tree = load_yaml_host("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n", name="h.yaml")
    assert tree["m"] == {"x": 1, "y": 3}


def test_an_empty_document_is_none() -> None:
    assert load_yaml_host("", name="h.yaml") is None
    assert load_yaml_host("# only a comment\n", name="h.yaml") is None


FORMS = ", ".join(f"!{name}" for name in SHORT_FORMS)


@pytest.mark.parametrize(
    ("host", "where", "message"),
    [
        (
            "a: 1\nb: !Foo x\n",
            (2, 4),
            f"unknown YAML tag !Foo; expected one of CloudFormation's short forms ({FORMS})",
        ),
        (
            "a: !!python/name:os.system x\n",
            (1, 4),
            "unknown YAML tag !!python/name:os.system; expected one of CloudFormation's short "
            f"forms ({FORMS})",
        ),
        (
            "a: [1, 2\nb: 3\n",
            (2, 2),
            "not valid YAML: while parsing a flow sequence, expected ',' or ']', but got ':'",
        ),
        ("a: 1\nb: 2\na: 3\n", (3, 1), "duplicate key 'a' (first at line 1)"),
        (
            "? [a, b]\n: c\n",
            (1, 3),
            "a mapping key must be a string, number or boolean as written, not a tagged value, "
            "a list or a mapping",
        ),
        ("a: b\nc: d\x07e\n", (2, 5), "not valid YAML: the character '\\x07' is not allowed"),
        (
            "a: 1\n---\nb: 2\n",
            (2, 1),
            "not valid YAML: expected a single document in the stream, but found another document",
        ),
        (
            'a: "x\\qy"\n',
            (1, 7),
            "not valid YAML: while scanning a double-quoted scalar, found unknown escape "
            "character 'q'",
        ),
    ],
)
def test_errors_in_the_host_are_input_errors_at_the_host_position(
    host: str, where: tuple[int, int], message: str
) -> None:
    with pytest.raises(InputError) as caught:
        load_yaml_host(host, name="t.yaml")
    error = caught.value
    assert (error.name, error.line, error.column, error.message) == ("t.yaml", *where, message)
    assert error.source_line == host.splitlines()[where[0] - 1]


def test_an_alias_bomb_is_refused_fast() -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefg", "abcdef", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    with pytest.raises(InputError) as caught:
        load_yaml_host("\n".join(rows) + "\n", name="t.yaml")
    assert caught.value.message == "YAML aliases expand to more than 100,000 values"
    assert (caught.value.line, caught.value.column) == (5, 36)


def test_a_file_too_long_is_refused_before_parsing() -> None:
    with pytest.raises(InputError) as caught:
        load_yaml_host("#" * (MAX_DOCUMENT_CHARS + 1), name="t.yaml")
    assert caught.value.message == f"the file is longer than {MAX_DOCUMENT_CHARS:,} characters"


def test_nothing_is_registered_on_pyyaml_and_the_table_cannot_change() -> None:
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.safe_load("a: !Ref x\n")
    with pytest.raises(TypeError):
        HostLoader.add_constructor("!Mine", HostLoader.construct_tagged)
