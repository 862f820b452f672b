"""OpenAPI 3 and Swagger 2 files: x-amazon-apigateway-integration templates at host positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.errors import InputError
from vtlgw.iac.model import EmbeddedTemplate
from vtlgw.iac.openapi import read_openapi, read_openapi_tree
from vtlgw.iac.yamlhost import load_yaml_host
from vtlgw.lint.linter import Linter
from vtlgw.location import LineIndex

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "fixtures" / "iac" / "openapi"
DATA = Path(__file__).resolve().parent / "data" / "openapi"
INTEGRATION = "x-amazon-apigateway-integration"


def _read(path: Path) -> list[EmbeddedTemplate]:
    return read_openapi(str(path), path.read_text("utf-8"))


def _findings(templates: list[EmbeddedTemplate]) -> list[tuple[str, int, int]]:
    found = []
    for template in templates:
        source = template.lint_source()
        for finding in Linter().lint(source):
            found.append((finding.code, finding.location.line, finding.location.column))
    return found


def assert_exact(template: EmbeddedTemplate) -> None:
    """Every template character maps to itself in the host, or to the escape, doubled quote or
    line break it was read from."""
    host = template.host_text
    placed = {i for sub in template.substitutions for i in range(sub.start, sub.end)}
    for index, char in enumerate(template.text):
        at = template.host_offset(index)
        written = host[at]
        if index in placed:  # a placeholder: at the ${ it replaces
            assert host.startswith("${", at), (template.key_path_text, index)
            continue
        ok = (
            written == char
            or written == "\\"
            or (char == "'" and host[at : at + 2] == "''")
            or (char in "\n " and written in "\r\n")
        )
        assert ok, (template.key_path_text, index, char, written)
    assert template.host_offset(0) == template.offsets(0)


def _where(template: EmbeddedTemplate, snippet: str) -> tuple[int, int]:
    """The host line and column where ``snippet`` of the template text starts."""
    location = template.location(template.text.index(snippet), template.text.index(snippet))
    return location.line, location.column


def test_openapi3_yaml_fixture_lists_every_template_with_its_operation() -> None:
    templates = _read(FIXTURES / "api.yaml")
    rows = [
        (t.key_path[1:4], t.key_path[5:], t.kind, t.content_type, t.method, t.position())
        for t in templates
    ]
    get_item = ("/items/{id}", "get", INTEGRATION)
    post_items = ("/items", "post", INTEGRATION)
    health = ("/health", "get", INTEGRATION)
    assert rows == [
        (
            get_item,
            ("application/json",),
            "request",
            "application/json",
            "GET /items/{id}",
            (28, 13),
        ),
        (
            get_item,
            ("default", "responseTemplates", "application/json"),
            "response",
            "application/json",
            "GET /items/{id}",
            (36, 34),
        ),
        (
            get_item,
            (".*Not Found.*", "responseTemplates", "application/json"),
            "response",
            "application/json",
            "GET /items/{id}",
            (40, 34),
        ),
        (post_items, ("application/json",), "request", "application/json", "POST /items", (54, 13)),
        (
            post_items,
            ("2\\d{2}", "responseTemplates", "application/json"),
            "response",
            "application/json",
            "POST /items",
            (61, 34),
        ),
        (health, ("application/json",), "request", "application/json", "GET /health", (69, 30)),
        (
            health,
            ("default", "responseTemplates", "application/json"),
            "response",
            "application/json",
            "GET /health",
            (74, 34),
        ),
        (
            health,
            ("default", "responseTemplates", "text/plain"),
            "response",
            "text/plain",
            "GET /health",
            (75, 27),
        ),
    ]
    assert all(t.key_path[0] == "paths" and t.api == "rest" for t in templates)
    assert all(t.resource is None and t.route is None and not t.substitutions for t in templates)
    assert templates[0].key_path[4] == "requestTemplates"
    assert templates[0].text.startswith('{\n  "id": "$util.escapeJavaScript(')
    # the folded block scalar (>-) joins its lines with spaces
    assert templates[3].text.startswith('{"TableName": "items", "Item": {"id": ')
    for template in templates:
        assert_exact(template)


def test_swagger2_json_fixture_maps_through_json_escapes() -> None:
    templates = _read(FIXTURES / "api.json")
    assert [(t.key_path[-2], t.content_type, t.position()) for t in templates] == [
        ("requestTemplates", "application/json", (22, 34)),
        ("responseTemplates", "application/json", (28, 38)),
        ("responseTemplates", "application/xml", (29, 37)),
        ("responseTemplates", "application/json", (34, 58)),
    ]
    assert {t.method for t in templates} == {"GET /orders/{orderId}"}
    assert templates[1].key_path[-3:-1] == ("2\\d{2}", "responseTemplates")
    request = templates[0]
    assert request.text.splitlines()[2] == '  "caller": "$context.identity.sourceIp"'
    # line 3 of the template is on host line 22, after the \n and \" escapes before it
    line, column = _where(request, "$context.identity")
    host_line = LineIndex(request.host_text).line(line)
    assert (line, column) == (22, host_line.index("$context.identity") + 1)
    for template in templates:
        assert_exact(template)


def test_fixtures_lint_clean() -> None:
    for name in ("api.yaml", "api.json"):
        assert _findings(_read(FIXTURES / name)) == [], name


def test_planted_defects_in_yaml_are_reported_at_their_host_line_and_column() -> None:
    # literal block (|), double-quoted with \" escapes, folded block (>-)
    assert _findings(_read(DATA / "planted.yaml")) == [
        ("VTL201", 14, 29),
        ("VTL301", 20, 54),
        ("VTL204", 26, 18),
    ]


def test_planted_defects_in_json_are_reported_at_their_host_line_and_column() -> None:
    # \n and \" before the first; a \u0024 escape writes the $ of the second reference
    assert _findings(_read(DATA / "planted.json")) == [
        ("VTL201", 11, 99),
        ("VTL230", 16, 70),
        ("VTL301", 16, 81),
    ]
    text = (DATA / "planted.json").read_text("utf-8").splitlines()
    assert text[10].index("$context.identity.sourceIP") == 98
    assert text[15].index("\\u0024util") == 69


def test_a_misspelt_template_key_is_an_error_at_the_key() -> None:
    with pytest.raises(InputError) as info:
        _read(DATA / "misspelt.yaml")
    error = info.value
    assert (error.name, error.line, error.column) == (str(DATA / "misspelt.yaml"), 8, 9)
    assert error.message == (
        f"paths//items/get/{INTEGRATION}/requestTemplate: unknown key (did you mean "
        "'requestTemplates'?); a template there would never be read"
    )
    assert error.source_line == "        requestTemplate:"


def test_a_template_that_is_not_text_is_an_error_at_the_value() -> None:
    with pytest.raises(InputError) as info:
        _read(DATA / "not-text.yaml")
    error = info.value
    assert (error.line, error.column) == (13, 17)
    assert error.message == (
        f"paths//items/get/{INTEGRATION}/responses/default/responseTemplates/application/json: "
        "a mapping template must be a string, Fn::Sub or Fn::Join of strings, not a list "
        "(vtlgw cannot tell which text API Gateway would receive)"
    )


def test_a_number_template_is_an_error_at_its_content_type_key() -> None:
    text = (
        "openapi: 3.0.1\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n"
        "        requestTemplates:\n          application/json: 42\n"
    )
    with pytest.raises(InputError) as info:
        read_openapi("api.yaml", text)
    assert (info.value.line, info.value.column) == (7, 11)
    assert info.value.message.endswith(
        "application/json: a mapping template must be a string, Fn::Sub or Fn::Join of strings, "
        "not the number 42 (vtlgw cannot tell which text API Gateway would receive)"
    )


def test_paths_that_are_not_a_mapping_are_an_error() -> None:
    with pytest.raises(InputError) as info:
        read_openapi("api.yaml", "openapi: 3.0.1\npaths: [a, b]\n")
    assert (info.value.line, info.value.column) == (2, 8)
    assert info.value.message == "paths: expected a mapping, found a list"


def test_other_keys_and_operations_without_an_integration_are_no_templates() -> None:
    text = (
        "swagger: '2.0'\n"
        "paths:\n"
        "  /a:\n"
        "    parameters: []\n"  # a path item key that is not an operation
        "    $ref: '#/x'\n"
        "    get: {responses: {}}\n"  # no integration
        "    x-amazon-apigateway-any-method:\n"
        "      x-amazon-apigateway-integration:\n"
        "        type: mock\n"
        "        timeoutInMillis: 29000\n"  # not a template key: left to API Gateway
        "        requestTemplates: {text/plain: ''}\n"
    )
    templates = read_openapi("api.yaml", text)
    assert [(t.method, t.content_type, t.text) for t in templates] == [
        ("ANY /a", "text/plain", ""),
    ]
    assert read_openapi("api.yaml", "openapi: 3.0.1\ninfo: {title: none}\n") == []


def test_a_sam_definition_body_gets_the_host_key_path_and_resource() -> None:
    text = (
        "Transform: AWS::Serverless-2016-10-31\n"
        "Resources:\n"
        "  ItemsApi:\n"
        "    Type: AWS::Serverless::Api\n"
        "    Properties:\n"
        "      StageName: prod\n"
        "      DefinitionBody:\n"
        "        openapi: 3.0.1\n"
        "        paths:\n"
        "          /items:\n"
        "            get:\n"
        "              x-amazon-apigateway-integration:\n"
        "                type: mock\n"
        "                requestTemplates:\n"
        "                  application/json: '{\"statusCode\": $context.requestTimeEpoch}'\n"
    )
    tree = load_yaml_host(text, name="template.yaml")
    prefix = ("Resources", "ItemsApi", "Properties", "DefinitionBody")
    body = tree["Resources"]["ItemsApi"]["Properties"]["DefinitionBody"]
    (template,) = read_openapi_tree(body, "template.yaml", text, prefix)
    assert template.key_path == (
        *prefix,
        "paths",
        "/items",
        "get",
        INTEGRATION,
        "requestTemplates",
        "application/json",
    )
    assert template.resource == "ItemsApi"
    assert template.selector.startswith("template.yaml#Resources/ItemsApi/Properties/")
    assert template.position() == (15, 38)
    assert _where(template, "$context") == (15, 53)
    assert_exact(template)


def test_sub_and_join_templates_are_resolved_as_cloudformation_would() -> None:
    # an OpenAPI file included into a stack (AWS::Include) or a SAM DefinitionBody
    text = (
        "openapi: 3.0.1\npaths:\n  /a:\n    get:\n      x-amazon-apigateway-integration:\n"
        "        requestTemplates:\n"
        "          application/json: !Sub\n"
        '            \'{"region": "${AWS::Region}", "id": "$context.requestID"}\'\n'
        "          text/plain:\n"
        "            Fn::Join: ['', ['${!x} ', {Ref: Table}]]\n"
    )
    sub, join = read_openapi("api.yaml", text)
    assert sub.text == '{"region": "{{AWS::Region}}", "id": "$context.requestID"}'
    assert [(s.source, s.known) for s in sub.substitutions] == [("${AWS::Region}", False)]
    assert sub.deploy_time
    assert _findings([sub]) == [("VTL201", 8, 50)]
    assert text.splitlines()[7].index("$context") == 49
    assert join.text == "${!x} {{Table}}"
    assert_exact(sub)
