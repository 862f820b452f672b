"""Errors and validation findings of an embedded template land at host positions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vtlgw.apigw.render import render
from vtlgw.errors import TemplateRuntimeError, TemplateSyntaxError, VtlgwError
from vtlgw.iac.hosted import host_error, host_finding, template_offset
from vtlgw.iac.model import EmbeddedTemplate
from vtlgw.location import LineIndex, OffsetMap
from vtlgw.validate.check import check_output
from vtlgw.validate.result import Finding, TemplateSpot

ROOT = Path(__file__).resolve().parents[3]
EVENT = json.loads((ROOT / "fixtures/events/connect.json").read_text("utf-8"))
KEY_PATH = ("Resources", "Connect", "Properties", "RequestTemplates", "$default")
TAG = " [Resources/Connect/Properties/RequestTemplates/$default]"
ESCAPES = {"n": "\n", '"': '"', "\\": "\\", "t": "\t", "/": "/"}


def _embedded(template: str) -> EmbeddedTemplate:
    """``template`` as the JSON string at line 6 of a CloudFormation JSON host (escapes kept
    exact: every character maps to the host offset it was written at)."""
    literal = json.dumps(template)
    host = (
        '{\n  "Resources": {\n    "Connect": {\n      "Properties": {\n'
        '        "RequestTemplates": {\n'
        f'          "$default": {literal}\n'
        "        }\n      }\n    }\n  }\n}\n"
    )
    begin = host.index(literal) + 1
    positions: list[int] = []
    chars: list[str] = []
    at = begin
    while host[at] != '"':
        positions.append(at)
        if host[at] == "\\":
            chars.append(ESCAPES[host[at + 1]])
            at += 2
        else:
            chars.append(host[at])
            at += 1
    assert "".join(chars) == template
    return EmbeddedTemplate(
        host="template.json",
        host_text=host,
        key_path=KEY_PATH,
        text=template,
        offsets=OffsetMap.from_positions(positions, at),
        kind="request",
    )


def _failure(template: EmbeddedTemplate) -> VtlgwError:
    with pytest.raises(VtlgwError) as info:
        render(template.text, EVENT, name=template.host)
    return info.value


HOST_LINE = 6


def test_template_offset_inverts_line_and_column() -> None:
    text = "ab\ncd\r\nef\rgh"
    lines = LineIndex(text)
    for offset in range(len(text) + 1):
        if offset and text[offset - 1] == "\r" and text[offset : offset + 1] == "\n":
            continue  # between \r and \n: not a position a line and column can name
        assert template_offset(text, *lines.line_col(offset)) == offset
    assert template_offset(text, 9, 1) == len(text)  # past the end: clamped
    assert template_offset(text, 1, 99) == len(text)


def test_a_syntax_error_moves_to_the_host_with_the_block_still_open() -> None:
    template = _embedded('{"id": "$context.connectionId"}\n#if($x)\nA\n')
    error = host_error(_failure(template), template)
    assert isinstance(error, TemplateSyntaxError)
    line = template.host_text.splitlines()[HOST_LINE - 1]
    if_column = line.index("#if") + 1
    end_column = line.rindex("\\n") + 1  # the end: the template's last line break
    assert str(error) == (
        f"template.json:{HOST_LINE}:{end_column}: expected '#end' closing #if, found the end of "
        f"the template (the #if opened at {HOST_LINE}:{if_column} is still open){TAG}\n"
        f"{line}\n" + " " * (end_column - 1) + "^"
    )
    assert str(error.opened_at) == f"template.json:{HOST_LINE}:{if_column}"


def test_a_runtime_error_moves_to_the_host_column_after_escapes() -> None:
    template = _embedded('{"a": "\\t"}\n  $util.parseJson("{")\n')
    error = host_error(_failure(template), template)
    assert isinstance(error, TemplateRuntimeError)
    line = template.host_text.splitlines()[HOST_LINE - 1]
    column = line.index("parseJson") + 1  # where the engine blames the call
    assert (error.name, error.line, error.column) == ("template.json", HOST_LINE, column)
    assert error.source_line == line
    assert error.message.endswith("(line 1, column 2)" + TAG)


def test_an_error_without_a_position_names_the_host_and_the_key_path() -> None:
    template = _embedded("x")
    error = host_error(TemplateRuntimeError("too slow", name="<template>"), template)
    assert str(error) == "template.json: too slow" + TAG
    assert type(error) is TemplateRuntimeError


def test_a_traced_validation_finding_points_into_the_host() -> None:
    template = _embedded('{\n  "id": $context.connectionId\n}\n')
    output = render(template.text, EVENT)
    (finding,) = check_output(output, name="t", template_text=template.text).findings
    assert finding.template is not None and finding.template.line == 2
    moved = host_finding(finding, template)
    line = template.host_text.splitlines()[HOST_LINE - 1]
    assert moved.template is not None
    assert (moved.template.line, moved.template.column) == (
        HOST_LINE,
        line.index("$context") + 1,
    )
    assert moved.template.source_line == line
    assert moved.message == finding.message + TAG
    assert (moved.line, moved.column, moved.code) == (finding.line, finding.column, finding.code)


def test_a_finding_without_a_template_position_is_tagged_only() -> None:
    template = _embedded("x")
    finding = Finding(code="schema-violation", message="bad", line=1, column=1)
    assert host_finding(finding, template) == Finding(
        code="schema-violation", message="bad" + TAG, line=1, column=1
    )
    spot = TemplateSpot(line=1, column=1, snippet="x", reason="")
    moved = host_finding(Finding(code="c", message="m", template=spot), template)
    line = f'{" " * 10}"$default": "x"'
    assert moved.template == TemplateSpot(
        line=HOST_LINE, column=line.index("x") + 1, snippet="x", reason="", source_line=line
    )
