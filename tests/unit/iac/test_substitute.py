"""Fn::Sub and Fn::Join as CloudFormation resolves them, with the offset map carried through."""

from __future__ import annotations

from typing import Any

import pytest

from vtlgw.errors import InputError
from vtlgw.iac.jsonhost import load_json_host
from vtlgw.iac.model import Substitution
from vtlgw.iac.substitute import (
    PSEUDO_PARAMETERS,
    Resolved,
    intrinsic,
    resolve_template,
    substitute,
)
from vtlgw.iac.yamlhost import load_yaml_host


def _resolve(host: str, key: str = "t") -> Resolved:
    load = load_json_host if host.startswith("{") else load_yaml_host
    tree = load(host, name="t.yaml")
    return resolve_template(tree[key], host="t.yaml", host_text=host, where="T", at=0)


def _written(host: str, resolved: Resolved) -> str:
    """The host character each template character comes from."""
    return "".join(host[resolved.offsets(i)] for i in range(len(resolved.text)))


def test_a_plain_string_is_its_own_text_and_map() -> None:
    host = 't: "a\\nb"\n'
    resolved = _resolve(host)
    assert (resolved.text, resolved.substitutions) == ("a\nb", ())
    assert [resolved.offsets(i) for i in range(4)] == [4, 5, 7, 8]


def test_every_dollar_brace_is_cloudformations_and_unknown_values_are_placeholders() -> None:
    host = "t: !Sub 'T=${Table} R=${AWS::Region} A=${Api.Arn} V=${input.body} end'\n"
    resolved = _resolve(host)
    assert resolved.text == ("T={{Table}} R={{AWS::Region}} A={{Api.Arn}} V={{input.body}} end")
    dollar = host.index("${Table}")
    assert resolved.substitutions[0] == Substitution("${Table}", "{{Table}}", False, 2, 11)
    assert [s.source for s in resolved.substitutions] == [
        "${Table}",
        "${AWS::Region}",
        "${Api.Arn}",
        "${input.body}",
    ]
    assert not any(s.known for s in resolved.substitutions)
    # placeholder characters sit at the ${ they replace; the text after it where it is written
    assert {resolved.offsets(i) for i in range(2, 11)} == {dollar}
    assert resolved.offsets(11) == dollar + len("${Table}")
    assert _written(host, resolved).endswith(" end")
    assert resolved.offsets(len(resolved.text)) == host.rindex("'")


def test_a_bang_literal_is_a_vtl_formal_reference_and_vtl_is_never_touched() -> None:
    host = "t: !Sub '$a $!b $!{c} ${!d.e(''x'')} $input.json(''$'') ${f'\n"
    resolved = _resolve(host)
    assert resolved.text == "$a $!b $!{c} ${d.e('x')} $input.json('$') ${f"
    assert resolved.substitutions == (Substitution("${!d.e('x')}", "${d.e('x')}", True, 13, 24),)
    bang = host.index("${!")
    assert [resolved.offsets(i) for i in (13, 14, 15)] == [bang, bang + 1, bang + 3]
    assert _written(host, resolved) == resolved.text  # each character where it is written


def test_the_list_form_uses_literal_variables_where_they_are_written() -> None:
    host = "t: !Sub\n  - 'a ${T} ${N} ${R} ${AWS::Region}'\n  - T: tbl\n    N: 7\n    R: !Ref X\n"
    resolved = _resolve(host)
    assert resolved.text == "a tbl 7 {{R}} {{AWS::Region}}"
    assert [(s.source, s.value, s.known) for s in resolved.substitutions] == [
        ("${T}", "tbl", True),
        ("${N}", "7", True),
        ("${R}", "{{R}}", False),
        ("${AWS::Region}", "{{AWS::Region}}", False),
    ]
    assert [resolved.offsets(i) for i in (2, 3, 4)] == [host.index("tbl") + k for k in range(3)]
    assert resolved.offsets(6) == host.index("${N}")


def test_json_long_forms_resolve_the_same_way() -> None:
    host = '{"t": {"Fn::Sub": ["x\\n${A}", {"A": {"Ref": "B"}}]}}'
    resolved = _resolve(host)
    assert resolved.text == "x\n{{A}}"
    assert resolved.offsets(1) == host.index("\\n")
    assert resolved.offsets(2) == host.index("${A}")


def test_a_join_joins_literals_with_the_delimiter_and_placeholders_for_functions() -> None:
    host = "t: !Join [', ', [a, !Ref X, !Sub 'b${Y}', !GetAtt [A, B]]]\n"
    resolved = _resolve(host)
    assert resolved.text == "a, {{X}}, b{{Y}}, {{A.B}}"
    assert resolved.substitutions == (
        Substitution("!Ref X", "{{X}}", False, 3, 8),
        Substitution("${Y}", "{{Y}}", False, 11, 16),
        Substitution('!GetAtt ["A", "B"]', "{{A.B}}", False, 18, 25),
    )
    assert resolved.offsets(1) == host.index(", ")  # the delimiter, where it is written
    assert resolved.offsets(3) == host.index("!Ref")
    assert resolved.offsets(10) == host.index("b${Y}")


def test_a_cdk_join_maps_each_literal_part_through_its_escapes() -> None:
    host = '{"t": {"Fn::Join": ["", ["{\\n  \\"T\\": \\"", {"Ref": "Tbl"}, "\\"\\n}"]]}}'
    resolved = _resolve(host)
    assert resolved.text == '{\n  "T": "{{Tbl}}"\n}'
    assert resolved.substitutions == (Substitution('{"Ref": "Tbl"}', "{{Tbl}}", False, 10, 17),)
    assert resolved.offsets(4) == host.index('\\"T')
    assert resolved.offsets(10) == host.index('{"Ref"')
    assert resolved.offsets(17) == host.index('\\"\\n}')


@pytest.mark.parametrize(
    ("host", "column", "message"),
    [
        (
            "t: !Sub [a, b, c]\n",
            4,
            "T: Fn::Sub takes a string or a list of a string and a mapping of variables "
            "(\"['text ${Name}', {Name: value}]\"), not a list of 3 (a string, a string, a string)",
        ),
        (
            "t: {Fn::Sub: [a, [b]]}\n",
            14,
            "T: Fn::Sub takes a string or a list of a string and a mapping of variables "
            "(\"['text ${Name}', {Name: value}]\"), not a list of 2 (a string, a list)",
        ),
        (
            "t: !Join [x]\n",
            4,
            "T: Fn::Join takes a list of a delimiter string and a list of values "
            "(\"['', [part, part]]\"), not a list of 1 (a string)",
        ),
        (
            "t: !Join ['', [a, 1]]\n",
            15,
            "T: Fn::Join joins strings and intrinsic functions, not the number 1",
        ),
        (
            "t: !If [C, a, b]\n",
            4,
            "T: a mapping template must be a string, Fn::Sub or Fn::Join of strings, not Fn::If "
            "(vtlgw cannot tell which text API Gateway would receive)",
        ),
        (
            "t: 42\n",
            1,
            "T: a mapping template must be a string, Fn::Sub or Fn::Join of strings, not the "
            "number 42 (vtlgw cannot tell which text API Gateway would receive)",
        ),
        (
            "t: {Ref: TemplateParameter}\n",
            4,
            "T: a mapping template must be a string, Fn::Sub or Fn::Join of strings, not Ref "
            "(vtlgw cannot tell which text API Gateway would receive)",
        ),
    ],
)
def test_a_value_of_another_shape_is_an_error_at_its_position(
    host: str, column: int, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        _resolve(host)
    error = caught.value
    assert (error.name, error.line, error.column, error.message) == ("t.yaml", 1, column, message)


def test_intrinsic_reads_both_forms_and_nothing_else() -> None:
    tree: Any = load_yaml_host(
        "a: !Ref X\nb: {Ref: X}\nc: {Fn::GetAtt: [A, B]}\nd: {Type: X}\ne: {Fn::: x}\n",
        name="t.yaml",
    )
    assert [(c.name, c.short) for c in map(intrinsic, (tree["a"], tree["b"], tree["c"])) if c] == [
        ("Ref", True),
        ("Ref", False),
        ("GetAtt", False),
    ]
    assert intrinsic(tree["d"]) is None and intrinsic(tree["e"]) is None


def test_substitute_without_variables_and_the_pseudo_parameters() -> None:
    tree: Any = load_yaml_host("t: ${AWS::StackName}-x\n", name="t.yaml")
    resolved = substitute(tree["t"])
    assert resolved.text == "{{AWS::StackName}}-x"
    assert "AWS::StackName" in PSEUDO_PARAMETERS and "AWS::URLSuffix" in PSEUDO_PARAMETERS
