"""VTL201-VTL209: `$context` names, undefined references, mapping expressions, #if on request
values. Each rule: templates that must fire (exact code, position and message) and correct
templates that must stay clean, including the project's own and AWS-style examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from vtlgw.lint.linter import Linter
from vtlgw.lint.selection import Selection
from vtlgw.lint.source import LintSource

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data" / "context"

Finding = tuple[str, str, str]


def lint(
    text: str,
    *,
    api: str | None = None,
    route: str | None = None,
    select: tuple[str, ...] = ("VTL20",),
) -> list[Finding]:
    source = LintSource(text, "t.vtl", api=api, route=route)  # type: ignore[arg-type]
    findings = Linter(Selection(select=select)).lint(source)
    return [(f.code, f"{f.location.line}:{f.location.column}", f.message) for f in findings]


def default_rules(text: str, *, api: str | None = None, route: str | None = None) -> list[str]:
    """Codes of every default VTL20x rule that fires (the opt-in VTL209 left out)."""
    source = LintSource(text, "t.vtl", api=api, route=route)  # type: ignore[arg-type]
    selection = Selection(select=("VTL20",), ignore=("VTL209",))
    return [f"{f.code} {f.message}" for f in Linter(selection).lint(source)]


# --- VTL201 unknown-context-variable --------------------------------------------------


def _unknown(found: str, meant: str, *, case: bool = False) -> str:
    note = " (names are case-sensitive)" if case else ""
    return (
        f"{found} is not an API Gateway $context variable{note}; did you mean {meant}? "
        "As written, it renders as an empty string (ref §1.1, §1.2)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "$context.requestID",
            [("VTL201", "1:1", _unknown("$context.requestID", "$context.requestId", case=True))],
        ),
        (
            '{\n  "ip": "$context.identity.sourceIP"\n}',
            [
                (
                    "VTL201",
                    "2:10",
                    _unknown("$context.identity.sourceIP", "$context.identity.sourceIp", case=True),
                )
            ],
        ),
        (
            '"$context.conectionId"',
            [("VTL201", "1:2", _unknown("$context.conectionId", "$context.connectionId"))],
        ),
        ("${context.stagee}", [("VTL201", "1:1", _unknown("$context.stagee", "$context.stage"))]),
        (
            '#set($m = "id=$context.requestID")',
            [("VTL201", "1:15", _unknown("$context.requestID", "$context.requestId", case=True))],
        ),
        (
            "$!context.foo",
            [
                (
                    "VTL201",
                    "1:1",
                    "$context.foo is not a $context variable of REST or WebSocket APIs: it "
                    "renders as an empty string (ref §1.1, §1.2)",
                )
            ],
        ),
        (
            "$context.error.foo",
            [
                (
                    "VTL201",
                    "1:1",
                    "$context.error.foo is not a $context variable of REST or WebSocket APIs: "
                    "it renders as an empty string (ref §1.1, §1.2)",
                )
            ],
        ),
        (
            "#set($context.responseOverride.statusCode = 400)",
            [
                (
                    "VTL201",
                    "1:6",
                    "$context.responseOverride.statusCode is not an API Gateway $context "
                    "variable; did you mean $context.responseOverride.status? As written, "
                    "setting it has no effect on the request or response (ref §8.5)",
                )
            ],
        ),
        (
            "#set($context.requestOverride.headers.X-Trace = 'a')",
            [
                (
                    "VTL201",
                    "1:6",
                    "$context.requestOverride.headers is not an API Gateway $context "
                    "variable; did you mean $context.requestOverride.header? As written, "
                    "setting it has no effect on the request or response (ref §8.5)",
                )
            ],
        ),
    ],
)
def test_unknown_context_variable(text: str, expected: list[Finding]) -> None:
    assert lint(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "$context.keySet()",
        "$context.identity.get('sourceIP')",
        "$context.authorizer.claims['cognito:username']",
        "$context.authorizer.anyKeyTheAuthorizerReturns $context.authorizer.claims.email",
        "#set($context.requestOverride.header.X-Trace = 'a')",
        "#set($context.responseOverride.custom = 'stash')$context.responseOverride.custom",
        "$context.identity.clientCert.validity.notAfter $context.identity.vpceId",
        "$context.class.name $context.requestId.length()",
        "#set($context.stash = 1)$context.stash $context.stash.more",
        "\\$context.requestID",
        "#literal()$context.requestID#end",
        "#tryme($context.requestID)",
        "$context.integration.latencyy",  # VTL203 says it
    ],
)
def test_unknown_context_variable_stays_quiet(text: str) -> None:
    assert [f for f in lint(text) if f[0] == "VTL201"] == []


# --- VTL202 context-variable-wrong-api ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "api", "route", "expected"),
    [
        (
            "$context.httpMethod",
            "websocket",
            None,
            "1:1 $context.httpMethod exists only on REST APIs (ref §1.2); on a WebSocket API "
            "it renders as an empty string",
        ),
        (
            "#set($context.requestOverride.header.X = 'a')",
            "websocket",
            None,
            "1:6 $context.requestOverride exists only on REST APIs (ref §1.2, §4, §8.5); on "
            "a WebSocket API setting it does nothing",
        ),
        (
            "$context.authorizer.claims.sub",
            "websocket",
            None,
            "1:1 $context.authorizer.claims exists only on REST APIs (ref §1.2); on a "
            "WebSocket API it renders as an empty string",
        ),
        (
            '{"id": "$context.connectionId"}',
            "rest",
            None,
            "1:9 $context.connectionId exists only on WebSocket APIs (ref §1.1); on a REST "
            "API it renders as an empty string",
        ),
        (
            "$context.messageId",
            "websocket",
            "$connect",
            "1:1 $context.messageId is not set on $connect, only on message routes (ref "
            "§1.1): here it renders as an empty string",
        ),
        (
            "\n  $context.messageId",
            "websocket",
            "$disconnect",
            "2:3 $context.messageId is not set on $disconnect, only on message routes (ref "
            "§1.1): here it renders as an empty string",
        ),
        (
            "$context.disconnectReason",
            "websocket",
            "$default",
            "1:1 $context.disconnectReason is not set on message routes, only on $disconnect "
            "(ref §1.1): here it renders as an empty string",
        ),
        (
            "$context.disconnectStatusCode",
            "websocket",
            "$connect",
            "1:1 $context.disconnectStatusCode is not set on $connect, only on $disconnect "
            "(ref §1.1): here it renders as an empty string",
        ),
        (
            "$context.httpMethod",
            None,
            "$connect",  # a route means WebSocket
            "1:1 $context.httpMethod exists only on REST APIs (ref §1.2); on a WebSocket API "
            "it renders as an empty string",
        ),
    ],
)
def test_context_variable_wrong_api(
    text: str, api: str | None, route: str | None, expected: str
) -> None:
    position, message = expected.split(" ", 1)
    assert lint(text, api=api, route=route) == [("VTL202", position, message)]


def test_wrong_api_follows_the_templates_own_declaration() -> None:
    text = "#* vtlgw: api=websocket route=$connect *#\n$context.messageId\n"
    assert lint(text) == [
        (
            "VTL202",
            "2:1",
            "$context.messageId is not set on $connect, only on message routes (ref §1.1): "
            "here it renders as an empty string",
        )
    ]


@pytest.mark.parametrize(
    ("text", "api", "route"),
    [
        ("$context.httpMethod $context.connectionId $context.messageId", None, None),
        ("$context.authorizer.claims", "websocket", None),  # an ordinary authorizer key there
        ("$context.identity.userAgent $context.authorizer.principalId", "websocket", "$connect"),
        ("$context.identity.apiKey $context.authorizer.tenant", "websocket", "$disconnect"),
        ("$context.messageId $context.routeKey $context.connectedAt", "websocket", "sendmessage"),
        ("$context.disconnectReason $context.disconnectStatusCode", "websocket", "$disconnect"),
        ("$context.resourcePath $context.requestOverride.path.stash", "rest", None),
    ],
)
def test_wrong_api_stays_quiet(text: str, api: str | None, route: str | None) -> None:
    assert lint(text, api=api, route=route) == []


# --- VTL203 access-log-only-variable --------------------------------------------------


def _log_only(found: str, section: str = "ref §1.1 access-log-only notes") -> str:
    return (
        f"{found} exists only in access logs and gateway responses, not in mapping templates "
        f"({section}): here it renders as an empty string"
    )


@pytest.mark.parametrize(
    ("text", "api", "expected"),
    [
        ("$context.integrationLatency", None, [("1:1", _log_only("$context.integrationLatency"))]),
        (
            "$context.integration.latency",
            "rest",
            [("1:1", _log_only("$context.integration.latency"))],
        ),
        ("$context.integration.latencyy", None, [("1:1", _log_only("$context.integration"))]),
        (
            '"$context.error.message"',
            None,
            [
                (
                    "1:2",
                    _log_only("$context.error.message", "ref §1.1, §1.2")
                    + "; $context.error.messageString is the same message, quoted, for "
                    "templates",
                )
            ],
        ),
        (
            "$context.waf.status $context.authorize.error",
            "websocket",
            [
                ("1:1", _log_only("$context.waf.status")),
                ("1:21", _log_only("$context.authorize.error")),
            ],
        ),
        (
            "$context.responseLatency",
            "rest",
            [
                (
                    "1:1",
                    _log_only("$context.responseLatency", "AWS's access-logging variables page"),
                )
            ],
        ),
        (
            "$context.status",
            "rest",
            [
                (
                    "1:1",
                    "$context.status is not a REST template variable, only an access-log one "
                    "(ref §1.1, §1.2): it renders as an empty string; a response template "
                    "sets the status with #set($context.responseOverride.status = 400)",
                )
            ],
        ),
        (
            "$context.status",
            None,
            [
                (
                    "1:1",
                    "$context.status is not a REST template variable, only an access-log one, "
                    "and on WebSocket APIs it has no value while a request template runs "
                    "(ref §1.1, §1.2): it renders as an empty string; a response template "
                    "sets the status with #set($context.responseOverride.status = 400)",
                )
            ],
        ),
    ],
)
def test_access_log_only_variable(
    text: str, api: str | None, expected: list[tuple[str, str]]
) -> None:
    assert lint(text, api=api) == [("VTL203", pos, message) for pos, message in expected]


@pytest.mark.parametrize(
    ("text", "api"),
    [
        ("$context.status", "websocket"),  # documented for WebSocket templates (§1.1, D/U)
        ("$context.authorizer.latency $context.authorizer.status", None),  # may be user keys
        ("$context.error.messageString $context.error.validationErrorString", None),
    ],
)
def test_access_log_only_stays_quiet(text: str, api: str | None) -> None:
    assert lint(text, api=api) == []


# --- VTL204 undefined-variable ---------------------------------------------------------


def _undefined(name: str, meant: str = "") -> str:
    hint = f"; did you mean {meant}?" if meant else ""
    return (
        f"${name} is not defined: this template never sets it and API Gateway does not "
        f"provide it, so it renders as an empty string (ref §11.1){hint}"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"$stageVariable.env"', [("1:2", _undefined("stageVariable", "$stageVariables"))]),
        ("$contex.stage", [("1:1", _undefined("contex", "$context"))]),
        ("{\n  \"b\": $inputs.json('$')\n}", [("2:8", _undefined("inputs", "$input"))]),
        (
            "$ctx.stash",
            [
                (
                    "1:1",
                    _undefined(
                        "ctx", "$context (AppSync's $ctx does not exist on API Gateway, ref §4)"
                    ),
                )
            ],
        ),
        ("$Context.stage", [("1:1", _undefined("Context", "$context"))]),
        ("#set($items = [])$item", [("1:18", _undefined("item", "$items"))]),
        ("text $!{undefinedQuiet} more", [("1:6", _undefined("undefinedQuiet"))]),
        ('#set($s = "hi $who")', [("1:15", _undefined("who"))]),
        ("$util.escapeJavaScript($nme)", [("1:24", _undefined("nme"))]),
        ("#macro(m $p)$p#end $p", [("1:20", _undefined("p"))]),
        ("$bodyContent", [("1:1", _undefined("bodyContent"))]),
    ],
)
def test_undefined_variable(text: str, expected: list[tuple[str, str]]) -> None:
    assert lint(text) == [("VTL204", pos, message) for pos, message in expected]


@pytest.mark.parametrize(
    "text",
    [
        # read on one iteration, set on the previous one: defined anywhere counts
        "#foreach($i in [1..3])#if($i > 1)$prev#end#set($prev = $i)#end",
        "$foreach.index $velocityCount $velocityHasNext #if($x == $null)#end#set($x = 1)",
        "#define($block)x#end$block",
        "#macro(m $p)$p $bodyContent#end",
        "\\$escaped #literal()$nope#end #tryme($undefinedArgument)",
        "$context.stage $input.body $util.urlEncode('a') $stageVariables.x",
    ],
)
def test_undefined_variable_stays_quiet(text: str) -> None:
    assert [f for f in lint(text) if f[0] == "VTL204"] == []


# --- VTL205 parameter-mapping-expression ----------------------------------------------


def _mapping(found: str, advice: str) -> str:
    return (
        f"{found} is a parameter-mapping or selection-expression name, not a template "
        f"variable: in a mapping template it renders as an empty string (ref §4); {advice}"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"$method.request.path.id"',
            (
                "1:2",
                _mapping(
                    "$method.request.path.id",
                    "use $input.params().path.get('id') (or $input.params('id'))",
                ),
            ),
        ),
        (
            "$method.request.header.Authorization",
            (
                "1:1",
                _mapping(
                    "$method.request.header.Authorization",
                    "use $input.params().header.get('Authorization') "
                    "(or $input.params('Authorization'))",
                ),
            ),
        ),
        (
            "$method.request.multivaluequerystring.q",
            (
                "1:1",
                _mapping(
                    "$method.request.multivaluequerystring.q",
                    "use $input.params().querystring.get('q') (a template sees one value per name)",
                ),
            ),
        ),
        (
            "$method.request.body",
            (
                "1:1",
                _mapping("$method.request.body", "use $input.path('$') or $input.json('$')"),
            ),
        ),
        (
            "{\n  $request.body.action\n}",
            (
                "2:3",
                _mapping(
                    "$request.body.action",
                    "use $input.path('$.action') or $input.json('$.action')",
                ),
            ),
        ),
        (
            "$route.request.querystring.token",
            (
                "1:1",
                _mapping(
                    "$route.request.querystring.token",
                    "use $input.params().querystring.get('token') (or $input.params('token'))",
                ),
            ),
        ),
        (
            "$integration.response.body.errorMessage",
            (
                "1:1",
                _mapping(
                    "$integration.response.body.errorMessage",
                    "use $input.path('$.errorMessage') or $input.json('$.errorMessage'): in a "
                    "response template the integration response body is $input",
                ),
            ),
        ),
        (
            "$integration.response.header.ETag",
            (
                "1:1",
                _mapping(
                    "$integration.response.header.ETag",
                    "a template cannot read the integration response's headers or status: "
                    "map them in responseParameters (ref §8.1); its body is $input",
                ),
            ),
        ),
        (
            "$integration.request.header.X-Id",
            (
                "1:1",
                _mapping(
                    "$integration.request.header.X-Id",
                    "use #set($context.requestOverride.header.X-Id = ...) (ref §8.5)",
                ),
            ),
        ),
        (
            "$method",
            (
                "1:1",
                _mapping(
                    "$method",
                    "use $input.params('name'), $input.path('$.field'), "
                    "$input.json('$.field') or $context",
                ),
            ),
        ),
    ],
)
def test_parameter_mapping_expression(text: str, expected: tuple[str, str]) -> None:
    assert lint(text) == [("VTL205", *expected)]


def test_parameter_mapping_names_the_template_defines_are_variables() -> None:
    text = (
        "#set($request = $input.path('$'))$request.body\n"
        "#foreach($route in $input.path('$.routes'))$route.name#end\n"
    )
    assert lint(text) == []


# --- VTL206 null-is-true-condition ----------------------------------------------------


def _absent(found: str, *, negated: bool = False) -> str:
    yes, no = ("!=", "==") if negated else ("==", "!=")
    outcome = "skipped" if negated else "taken"
    return (
        f"{found} is null when the value is absent, and null is true in #if on API Gateway "
        f"(ref §11.2): the branch is {outcome} when it is missing; compare instead: "
        f'{found} {yes} true (a flag) or {found} {no} "" (a value)'
    )


def _string(found: str, *, negated: bool = False) -> str:
    yes, no = ("!=", "==") if negated else ("==", "!=")
    outcome = "false" if negated else "true"
    return (
        f"{found} is a string or null, and both are true in #if on API Gateway (ref §11.2): "
        f'this test is always {outcome}; compare instead: {found} {yes} "true" (a flag) or '
        f'{found} {no} "" (a value)'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "#if($input.path('$.verbose'))\n\"debug\": true,\n#end",
            [("1:5", _absent("$input.path('$.verbose')"))],
        ),
        (
            "#if(!$input.path('$.verbose'))x#end",
            [("1:6", _absent("$input.path('$.verbose')", negated=True))],
        ),
        (
            "#set($x = $input.params('x'))\n#if($x.startsWith(\"a\"))a#end",
            [
                (
                    "2:5",
                    '$x.startsWith("a") is null when the value it is called on is absent, and '
                    "null is true in #if on API Gateway (ref §11.2): the branch is taken when "
                    'it is missing; compare instead: $x.startsWith("a") == true',
                )
            ],
        ),
        ("#if($input.params('debug'))a#end", [("1:5", _string("$input.params('debug')"))]),
        (
            "#if($context.authorizer.isAdmin)a#end",
            [("1:5", _string("$context.authorizer.isAdmin"))],
        ),
        (
            "#if($input.path('$.a') == 1)a#elseif(!$stageVariables.flag)b#end",
            [("1:39", _string("$stageVariables.flag", negated=True))],
        ),
        (
            "#set($on = true)#if($on && $input.path('$.b'))x#end",
            [("1:28", _absent("$input.path('$.b')"))],
        ),
        (
            "#foreach($e in $input.path('$.items'))\n  #if($e.active)x#end\n#end",
            [("2:7", _absent("$e.active"))],
        ),
        (
            "#set($body = $util.parseJson($input.body))#if($body.on || $body.force)x#end",
            [("1:47", _absent("$body.on")), ("1:59", _absent("$body.force"))],
        ),
        (
            "#if($input.body)x#end",
            [
                (
                    "1:5",
                    "$input.body is a string, and every string is true in #if on API Gateway "
                    '(ref §11.2): this test is always true; compare instead: $input.body != "{}"',
                )
            ],
        ),
        (
            "#if(!$input.json('$.flag'))x#end",
            [
                (
                    "1:6",
                    "$input.json('$.flag') is a string, and every string is true in #if on API "
                    "Gateway (ref §11.2): this test is always false; compare instead: "
                    "$input.path('$.flag') != true",
                )
            ],
        ),
    ],
)
def test_null_is_true_condition(text: str, expected: list[tuple[str, str]]) -> None:
    assert lint(text) == [("VTL206", pos, message) for pos, message in expected]


@pytest.mark.parametrize(
    "text",
    [
        "#if($input.path('$.a') == true && $input.path('$.b') != '')x#end",
        "#if($input.path('$.items').isEmpty())e#elseif(!$input.params('q').isEmpty())q#end",
        "#foreach($i in [1, 2])#if($foreach.hasNext),#end#if($velocityHasNext);#end#end",
        "#if($input.path('$.items').size() > 0)s#end #if($input.params().header)h#end",
        '#set($x = $input.path(\'$.x\'))#if($x && $x != "")g#end#if(!$x || $x == "")h#end',
        "#set($f = $stageVariables.debug)#if($f == 'true')#set($f = true)#else"
        "#set($f = false)#end#if($f)on#end",
        "#foreach($name in $input.params().header.keySet())#if($name.startsWith('X-'))x#end#end",
        '#if("$!input.path(\'$.name\')" != "")n#end',
        "#literal()#if($input.path('$.x'))#end#end",
    ],
)
def test_null_is_true_stays_quiet(text: str) -> None:
    assert lint(text) == []


# --- VTL207 authorizer-claims-printed, VTL208 context-group-printed -----------------------

CLAIMS = (
    "$context.authorizer.claims itself is null on API Gateway, so this prints nothing (ref "
    "§1.2): print single claims, $context.authorizer.claims.sub or "
    "$context.authorizer.claims['cognito:username']"
)


@pytest.mark.parametrize(
    ("text", "api", "position"),
    [
        ('{"claims": "$context.authorizer.claims"}', None, "1:13"),
        ('{"claims": "$context.authorizer.claims"}', "rest", "1:13"),
        ('#set($s = "$context.authorizer.claims")', None, "1:12"),
    ],
)
def test_authorizer_claims_printed(text: str, api: str | None, position: str) -> None:
    assert lint(text, api=api) == [("VTL207", position, CLAIMS)]


@pytest.mark.parametrize(
    ("text", "api"),
    [
        ("$context.authorizer.claims", "websocket"),
        ("#set($c = $context.authorizer.claims)", None),
        ("$context.authorizer.claims.sub $context.authorizer.claims.keySet()", None),
    ],
)
def test_authorizer_claims_stays_quiet(text: str, api: str | None) -> None:
    assert lint(text, api=api) == []


def _group(path: str, member: str) -> str:
    return (
        f"$context.{path} is a group of values and prints as an empty string on API Gateway, "
        f"not as a map or JSON (ref §11.12); print its members, such as "
        f"$context.{path}.{member}, or loop over $context.{path}.keySet()"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"identity": "$context.identity"}', ("1:15", _group("identity", "accountId"))),
        ("$context.get('identity')", ("1:1", _group("identity", "accountId"))),
        ("$!{context.authorizer}", ("1:1", _group("authorizer", "principalId"))),
        ("x $context.requestOverride.header", ("1:3", _group("requestOverride.header", "name"))),
        ('"$context.error"', ("1:2", _group("error", "messageString"))),
    ],
)
def test_context_group_printed(text: str, expected: tuple[str, str]) -> None:
    assert lint(text) == [("VTL208", *expected)]


def test_context_group_read_or_looped_over_is_fine() -> None:
    text = (
        "#foreach($k in $context.identity.keySet())$k#end\n"
        "#set($id = $context.identity)$id.sourceIp $context.get('stage')\n"
    )
    assert lint(text) == []


# --- VTL209 header-name-case (opt-in) ---------------------------------------------------


def _header(key: str, position: str) -> Finding:
    return (
        "VTL209",
        position,
        f"header {key!r} is looked up by this exact spelling, but the header map keeps the "
        "client's spelling and HTTP/2 clients send names in lower case (ref §2.3, §9.6); fall "
        f"back to .get({key.lower()!r}) when it is empty",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "#set($auth = $input.params().header.get('Authorization'))\n\"$auth\"",
            [_header("Authorization", "1:14")],
        ),
        ("#set($p = $input.params())$p.header.Authorization", [_header("Authorization", "1:27")]),
        ("$input.params().header['X-Api-Key']", [_header("X-Api-Key", "1:1")]),
    ],
)
def test_header_name_case(text: str, expected: list[Finding]) -> None:
    assert lint(text, select=("VTL209",)) == expected


def test_header_name_case_is_opt_in_and_quiet_with_both_spellings() -> None:
    read = "$input.params().header.get('Authorization')"
    default = Linter().lint(LintSource(read, "t.vtl", api="rest"))
    assert [f.code for f in default if f.code == "VTL209"] == []
    both = f"{read} $input.params().header.get('authorization')"
    assert lint(both, select=("VTL209",)) == []
    assert lint("$input.params().querystring.get('Name')", select=("VTL209",)) == []


# --- correct templates stay clean ----------------------------------------------------------

PROJECT_TEMPLATES = [
    ("templates/connect.vtl", "websocket", "$connect"),
    ("templates/default.vtl", "websocket", "$default"),
    ("templates/disconnect.vtl", "websocket", "$disconnect"),
    ("templates/dynamodb-putitem-connect.vtl", "websocket", "$connect"),
    ("templates/sqs-sendmessage.vtl", "websocket", "$default"),
    ("templates/rest-lambda.vtl", "rest", None),
    ("fixtures/integrations/templates/connect-putitem.vtl", "websocket", "$connect"),
]


@pytest.mark.parametrize(("path", "api", "route"), PROJECT_TEMPLATES)
def test_project_templates_are_clean(path: str, api: str, route: str | None) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    assert default_rules(text) == []
    assert default_rules(text, api=api, route=route) == []


DATA_TEMPLATES = [
    ("rest-passthrough.vtl", "rest", None),
    ("rest-items-response.vtl", "rest", None),
    ("rest-overrides.vtl", "rest", None),
    ("rest-lambda-error.vtl", "rest", None),
    ("rest-cognito.vtl", "rest", None),
    ("rest-kinesis.vtl", "rest", None),
    ("guards.vtl", None, None),
    ("ws-connect-authorizer.vtl", "websocket", "$connect"),
    ("ws-message-define.vtl", "websocket", "sendmessage"),
]


@pytest.mark.parametrize(("name", "api", "route"), DATA_TEMPLATES)
def test_realistic_templates_are_clean(name: str, api: str | None, route: str | None) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert default_rules(text) == []
    assert default_rules(text, api=api, route=route) == []


def test_a_rest_template_on_a_websocket_route_is_reported() -> None:
    text = (ROOT / "templates" / "rest-lambda.vtl").read_text(encoding="utf-8")
    codes = [f[0] for f in lint(text, api="websocket", route="$default")]
    assert codes == ["VTL202", "VTL202"]  # $context.httpMethod and $context.resourcePath


def test_a_long_chain_of_assignments_is_followed_in_one_pass() -> None:
    # each link reads the one before it in the text, so one pass classifies them all
    chain = "".join(f"#set($a{i + 1} = $a{i})" for i in range(1500))
    text = "#set($a0 = $input.path('$.on'))" + chain + "#if($a1500)x#end"
    position = f"1:{len(text) - len('$a1500)x#end') + 1}"
    assert lint(text, select=("VTL206",)) == [("VTL206", position, _absent("$a1500"))]
