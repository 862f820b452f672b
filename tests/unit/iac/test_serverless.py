"""serverless.yml: http event and service-proxy templates, the framework's variables as
placeholders, at host positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.errors import InputError
from vtlgw.iac.model import EmbeddedTemplate, Substitution
from vtlgw.iac.serverless import read_serverless
from vtlgw.lint.linter import Linter

ROOT = Path(__file__).resolve().parents[3]
FIXTURE = ROOT / "fixtures" / "iac" / "serverless" / "serverless.yml"
DATA = Path(__file__).resolve().parent / "data" / "serverless"
HEAD = "service: s\nprovider: {name: aws}\nfunctions:\n  f:\n    events:\n      - http:\n"


def _read(path: Path) -> list[EmbeddedTemplate]:
    return read_serverless(str(path), path.read_text("utf-8"))


def _findings(templates: list[EmbeddedTemplate]) -> list[tuple[str, int, int]]:
    found = []
    for template in templates:
        source = template.lint_source()
        found.extend(
            (finding.code, finding.location.line, finding.location.column)
            for finding in Linter().lint(source)
        )
    return found


def _error(text: str, name: str = "serverless.yml") -> InputError:
    with pytest.raises(InputError) as info:
        read_serverless(name, text)
    return info.value


def _http(body: str) -> str:
    """A serverless.yml whose one http event is ``body`` (indented under ``- http:``)."""
    return HEAD + "".join(f"          {line}\n" for line in body.splitlines())


def test_fixture_lists_every_template_the_framework_deploys() -> None:
    templates = _read(FIXTURE)
    rows = [(t.key_path_text, t.kind, t.content_type, t.method, t.position()) for t in templates]
    get_item = "functions/getItem/events/0/http"
    create = "functions/createItem/events/0/http"
    proxy = "custom/apiGatewayServiceProxies/0/sqs"
    json = "application/json"
    assert rows == [
        (f"{get_item}/request/template/{json}", "request", json, "GET /items/{id}", (48, 17)),
        (f"{get_item}/response/template", "response", json, "GET /items/{id}", (59, 23)),
        (
            f"{get_item}/response/statusCodes/404/template/{json}",
            "response",
            json,
            "GET /items/{id}",
            (66, 38),
        ),
        (f"{create}/request/template/{json}", "request", json, "POST /items", (77, 33)),
        (f"{create}/response/template", "response", json, "POST /items", (79, 24)),
        (f"{create}/response/statusCodes/400/template", "response", json, "POST /items", (85, 28)),
        (f"{proxy}/request/template/{json}", "request", json, "POST /queue", (30, 32)),
        (f"{proxy}/response/template/success", "response", json, "POST /queue", (33, 23)),
        (f"{proxy}/response/template/clientError", "response", json, "POST /queue", (34, 27)),
        (f"{proxy}/response/template/serverError", "response", json, "POST /queue", (35, 27)),
    ]
    assert {t.api for t in templates} == {"rest"}
    assert _findings(templates) == []


def test_deploy_time_variables_become_placeholders_and_vtl_formal_references_stay() -> None:
    request = _read(FIXTURE)[0]
    lines = request.text.splitlines()
    assert lines[2] == '  "table": "{{self:custom.tableName}}",'
    assert lines[3] == '  "stage": "{{opt:stage, \'dev\'}}",'
    assert lines[4] == '  "requestId": "${context.requestId}"'
    table, stage = request.substitutions
    assert table == Substitution(
        "${self:custom.tableName}",
        "{{self:custom.tableName}}",
        False,
        request.text.index("{{self"),
        request.text.index("{{self") + len("{{self:custom.tableName}}"),
    )
    assert (stage.source, stage.value, stage.known) == (
        "${opt:stage, 'dev'}",
        "{{opt:stage, 'dev'}}",
        False,
    )
    assert request.deploy_time
    # the placeholder maps onto the variable as written: {{ onto ${, the name onto itself
    start = request.location(table.start, table.start)
    assert (start.line, start.column) == (50, 29)
    name = request.location(table.start + 2, table.start + 2)
    assert (name.line, name.column) == (50, 31)
    after = request.location(table.end, table.end)
    assert (after.line, after.column) == (50, 53)


def test_a_file_variable_includes_the_template_file() -> None:
    create = _read(FIXTURE)[3]
    included = (FIXTURE.parent / "templates" / "create-item.vtl").read_text("utf-8")
    assert create.text == included
    (sub,) = create.substitutions
    assert (sub.source, sub.known, sub.start, sub.end) == (
        "${file(templates/create-item.vtl)}",
        True,
        0,
        len(included),
    )
    assert not create.deploy_time
    # every character of the included text is at the reference
    end = create.location(len(included) - 1, len(included) - 1)
    assert (end.line, end.column) == (77, 33)


def test_planted_defects_are_reported_at_their_host_line_and_column() -> None:
    assert _findings(_read(DATA / "planted.yml")) == [
        ("VTL201", 25, 82),  # after a placeholder one character longer than the variable
        ("VTL310", 27, 40),  # a plain scalar
        ("VTL301", 34, 58),  # a double-quoted scalar after ${opt:stage}
        ("VTL201", 44, 33),  # in the included file: at the ${file(...)} reference
        ("VTL301", 14, 87),  # the service-proxy plugin's request template
    ]


def test_a_template_on_a_proxy_event_is_an_error() -> None:
    error = _error(_http("path: a\nmethod: get\nrequest:\n  template:\n    text/plain: hi"))
    assert (error.line, error.column) == (11, 27)
    assert error.message == (
        "functions/f/events/0/http/request/template/text/plain: the framework deploys no "
        "templates for a proxy integration (lambda-proxy is the default); set integration: "
        "lambda, http or mock"
    )
    error = _error(_http("integration: http-proxy\nresponse: {template: hi}"))
    assert (error.line, error.column) == (8, 32)


def test_an_unknown_integration_is_an_error_at_its_value() -> None:
    error = _error(_http("integration: lambda_proxy\nrequest: {template: {a/b: x}}"))
    assert (error.line, error.column) == (7, 24)
    assert error.message.startswith(
        "functions/f/events/0/http/integration: expected one of lambda, aws, http, mock, "
        "lambda-proxy, "
    )
    assert error.message.endswith(", found 'lambda_proxy'")


def test_a_request_template_that_is_one_string_is_an_error() -> None:
    error = _error(_http("integration: lambda\nrequest:\n  template: '$input.body'"))
    assert (error.line, error.column) == (9, 24)
    assert error.message == (
        "functions/f/events/0/http/request/template: expected a mapping of content type to "
        "template, found a string; the framework ignores anything else here"
    )


def test_a_vtl_formal_call_breaks_the_deploy() -> None:
    body = "integration: lambda\nrequest:\n  template:\n    a/b: 'x ${util.escapeJavaScript($x)}'"
    error = _error(_http(body))
    assert (error.line, error.column) == (10, 23)
    assert error.message == (
        "functions/f/events/0/http/request/template/a/b: serverless reads "
        "'${util.escapeJavaScript(' as a variable of the unknown source "
        "'util.escapeJavaScript' and fails the deploy; write VTL's "
        "$util.escapeJavaScript(...) without braces"
    )


def test_an_unclosed_variable_is_an_error_where_it_starts() -> None:
    error = _error(_http("integration: mock\nresponse: {template: 'a ${self:custom.x'}"))
    assert (error.line, error.column) == (8, 35)
    assert error.message == (
        "functions/f/events/0/http/response/template: a serverless variable is never closed "
        "with '}'"
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("${name} ${AWS::Region} ${Foo}", "${name} ${AWS::Region} ${Foo}"),
        ("${input.body} $!{x} \\${self:x}", "${input.body} $!{x} \\${self:x}"),
        ("${env:TABLE}-${sls:stage}", "{{env:TABLE}}-{{sls:stage}}"),
        ("${self:custom.${opt:stage}}", "{{self:custom.{{opt:stage}}}}"),
        ("${ssm(us-east-1):/a/b}", "{{ssm(us-east-1):/a/b}}"),
        ("${opt:x, '}'}!", "{{opt:x, '}'}}!"),
        ("${file(data.json):key}", "{{file(data.json):key}}"),
    ],
)
def test_which_dollar_braces_the_framework_replaces(written: str, expected: str) -> None:
    text = _http(f"integration: mock\nresponse:\n  template: |-\n    {written}")
    (template,) = read_serverless("serverless.yml", text)
    assert template.text == expected
    assert all(not sub.known for sub in template.substitutions)


def test_only_the_outermost_nested_variable_is_one_substitution() -> None:
    text = _http("integration: mock\nresponse: {template: '${self:a.${opt:b}} ${env:C}'}")
    (template,) = read_serverless("serverless.yml", text)
    assert [sub.source for sub in template.substitutions] == ["${self:a.${opt:b}}", "${env:C}"]
    for sub in template.substitutions:
        assert template.text[sub.start : sub.end] == sub.value


def test_an_included_file_must_stay_inside_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = tmp_path / "service"
    service.mkdir()
    (tmp_path / "secret.vtl").write_text("secret", "utf-8")
    body = "integration: mock\nrequest:\n  template:\n    a/b: ${file(../secret.vtl)}"
    monkeypatch.chdir(service)
    error = _error(_http(body), name=str(service / "serverless.yml"))
    assert (error.line, error.column) == (10, 20)
    assert "is outside the folder of the file that names it" in error.message
    assert error.message.startswith("functions/f/events/0/http/request/template/a/b: ")


def test_a_missing_included_file_is_an_error_at_the_reference() -> None:
    body = "integration: mock\nrequest:\n  template:\n    a/b: ${file(./nowhere.vtl)}"
    error = _error(_http(body), name=str(DATA / "serverless.yml"))
    assert (error.line, error.column) == (10, 20)
    assert "cannot read template file './nowhere.vtl'" in error.message


def test_null_templates_and_events_without_templates_are_none() -> None:
    text = (
        "service: s\nprovider: {name: aws}\nfunctions:\n"
        "  - a:\n      events:\n        - http: GET a\n        - sqs: arn:aws:sqs:q\n"
        "  - b:\n      events:\n        - http:\n            integration: lambda\n"
        "            request: {template: {application/json: null}}\n"
        "            response: {statusCodes: {200: {pattern: ''}}}\n"
    )
    assert read_serverless("serverless.yml", text) == []


def test_functions_as_a_list_keep_the_list_index_in_the_key_path() -> None:
    text = (
        "service: s\nprovider: {name: aws}\nfunctions:\n"
        "  - b:\n      events:\n        - http:\n            integration: lambda\n"
        "            response: {template: ok}\n"
    )
    (template,) = read_serverless("serverless.yml", text)
    assert template.key_path == ("functions", 0, "b", "events", 0, "http", "response", "template")
    assert template.method is None
    assert template.position() == (8, 34)


def test_the_framework_resolves_its_variables_before_cloudformation_its_sub() -> None:
    body = (
        "integration: lambda\n"
        "request:\n"
        "  template:\n"
        "    application/json:\n"
        "      Fn::Sub:\n"
        '        - \'{"stream": "${StreamArn}", "stage": "${sls:stage}", "x": "${!x}"}\'\n'
        "        - StreamArn: {'Fn::GetAtt': [Stream, Arn]}\n"
    )
    (template,) = read_serverless("serverless.yml", _http(body))
    assert template.text == '{"stream": "{{StreamArn}}", "stage": "{{sls:stage}}", "x": "${x}"}'
    assert [(sub.source, sub.value, sub.known) for sub in template.substitutions] == [
        ("${StreamArn}", "{{StreamArn}}", False),
        ("${sls:stage}", "{{sls:stage}}", False),
        ("${!x}", "${x}", True),
    ]
    for sub in template.substitutions:
        assert template.text[sub.start : sub.end] == sub.value
    stage = template.substitutions[1]
    where = template.location(stage.start, stage.start)
    assert (where.line, where.column) == (12, 59)
    assert _http(body).splitlines()[11].index("${sls:stage}") == 58


SUB_PLUGIN = """\
service: s
provider: {name: aws}
plugins:
  - serverless-cloudformation-sub-variables
custom:
  apiGatewayServiceProxies:
    - kinesis:
        path: /kinesis
        method: post
        streamName: {Ref: MyStream}
        request:
          template:
            text/plain:
              Fn::Sub:
                - |
                  {"Data": "$util.base64Encode($input.body)", "StreamName": "#{MyStreamArn}"}
                - MyStreamArn: {"Fn::GetAtt": [MyStream, Arn]}
            application/json: '{"region": "#{AWS::Region}", "id": "${context.requestId}"}'
"""


def test_the_sub_variables_plugin_turns_hash_braces_into_fn_sub_variables() -> None:
    sub, plain = read_serverless("serverless.yml", SUB_PLUGIN)
    assert sub.text == (
        '{"Data": "$util.base64Encode($input.body)", "StreamName": "{{MyStreamArn}}"}\n'
    )
    assert [(s.source, s.value, s.known) for s in sub.substitutions] == [
        ("#{MyStreamArn}", "{{MyStreamArn}}", False)
    ]
    # a string holding #{...} becomes an Fn::Sub of itself: VTL's ${...} in it is then
    # CloudFormation's too, as it is when the plugin deploys it
    assert plain.text == '{"region": "{{AWS::Region}}", "id": "{{context.requestId}}"}'
    assert [s.source for s in plain.substitutions] == ["#{AWS::Region}", "${context.requestId}"]
    where = plain.location(plain.substitutions[0].start, plain.substitutions[0].start)
    assert (where.line, where.column) == (18, 44)
    assert SUB_PLUGIN.splitlines()[17].index("#{AWS") == 43
    # without the plugin, #{...} is text
    without = SUB_PLUGIN.replace("  - serverless-cloudformation-sub-variables\n", "  - other\n")
    assert read_serverless("serverless.yml", without)[1].text == (
        '{"region": "#{AWS::Region}", "id": "${context.requestId}"}'
    )


def test_hostile_variables_are_refused_quickly() -> None:
    nested = "${a:" * 40 + "x" + "}" * 40
    error = _error(_http(f"integration: mock\nresponse:\n  template: '{nested}'"))
    assert error.message == (
        "functions/f/events/0/http/response/template: serverless variables nested more than 32 deep"
    )
    assert (error.line, error.column) == (9, 24 + 4 * 32)  # the 33rd ${
    many = "${opt:x}" * 5_000
    (template,) = read_serverless(
        "s.yml", _http(f"integration: mock\nresponse:\n  template: '{many}'")
    )
    assert len(template.substitutions) == 5_000
    assert template.text == "{{opt:x}}" * 5_000
