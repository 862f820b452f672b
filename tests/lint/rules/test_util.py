"""VTL3xx rules: `$util` functions (VTL301, VTL303) and Java members (VTL310, VTL311).

Each bad template asserts the exact code, position and message; the good ones, among them the
repository's own templates and AWS documentation examples, must stay clean.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vtlgw.lint.javamembers import FOREACH_PROPERTIES, STRING_RESULTS, java_types
from vtlgw.lint.linter import Linter
from vtlgw.lint.selection import Selection
from vtlgw.lint.source import LintSource

ROOT = Path(__file__).resolve().parents[3]
REAL_TEMPLATES = sorted(
    [*ROOT.glob("templates/*.vtl"), *ROOT.glob("fixtures/integrations/templates/*")]
)


MINE = ("VTL301", "VTL303", "VTL31")


def lint(text: str, select: tuple[str, ...] = MINE) -> list[tuple[str, int, int, str]]:
    findings = Linter(Selection(select=select)).lint(LintSource(text, "t.vtl"))
    return [(f.code, f.location.line, f.location.column, f.message) for f in findings]


# --- VTL301 unknown-util-function ---------------------------------------------------------


def test_appsync_helper_is_named_as_such_with_what_to_write_instead() -> None:
    assert lint("{\"items\": $util.toJson($input.path('$.items'))}") == [
        (
            "VTL301",
            1,
            17,
            "$util.toJson is an AppSync helper that API Gateway does not have (ref §4): it "
            "renders as an empty string; use $input.json('$.field') for request data, or write "
            "the JSON by hand",
        )
    ]


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("$util.qr($list.add(1))", "; call the method in a #set, e.g. #set($discard = "),
        ("$util.time.nowISO8601()", "; there is no date helper: use $context.requestTime"),
        ("$util.dynamodb.toDynamoDBJson($x)", '; write the DynamoDB JSON by hand, e.g. {"S"'),
        ("#if($util.isNull($x))#end", '; test #if("$!value" == "")'),
        ("$util.defaultIfNull($x, 'a')", '; use #if("$!value" == "")default#else$value#end'),
        ("$util.unauthorized()", ""),
    ],
)
def test_each_appsync_helper_is_reported(text: str, hint: str) -> None:
    [(code, line, _, message)] = lint(text)
    assert (code, line) == ("VTL301", 1)
    assert message.startswith("$util.")
    assert "is an AppSync helper that API Gateway does not have (ref §4): it renders as an" in (
        message
    )
    assert hint in message
    if not hint:
        assert message.endswith("renders as an empty string")


def test_case_typo_says_did_you_mean() -> None:
    text = (
        'a=$util.urlencode($input.body)\nb=$util.base64encode("x")\n'
        "#set($o = $util.parsejson($s))$o"
    )
    assert lint(text) == [
        (
            "VTL301",
            1,
            9,
            "$util has no function urlencode (names are case-sensitive), so this renders as an "
            "empty string (ref §3); did you mean $util.urlEncode?",
        ),
        (
            "VTL301",
            2,
            9,
            "$util has no function base64encode (names are case-sensitive), so this renders as "
            "an empty string (ref §3); did you mean $util.base64Encode?",
        ),
        (
            "VTL301",
            3,
            17,
            "$util has no function parsejson (names are case-sensitive), so this renders as an "
            "empty string (ref §3); did you mean $util.parseJson?",
        ),
    ]


def test_spelling_typo_and_unknown_name() -> None:
    assert lint("$util.escapeJavaScrpt($x) $util.frobnicate($x)") == [
        (
            "VTL301",
            1,
            7,
            "$util has no function escapeJavaScrpt, so this renders as an empty string (ref "
            "§3); did you mean $util.escapeJavaScript?",
        ),
        (
            "VTL301",
            1,
            33,
            "$util has no function frobnicate, so this renders as an empty string; API "
            "Gateway's $util has only escapeJavaScript, parseJson, urlEncode, urlDecode, "
            "base64Encode and base64Decode (ref §3)",
        ),
    ]


def test_unknown_util_inside_a_string_literal_and_a_directive() -> None:
    text = (
        '#set($s = "x$util.toJson($a)")$s\n#foreach($i in $util.list.copyAndRemoveAll($a, $b))#end'
    )
    assert [(code, line, col) for code, line, col, _ in lint(text)] == [
        ("VTL301", 1, 19),
        ("VTL301", 2, 22),
    ]


def test_the_six_functions_and_a_template_that_sets_its_own_util_are_clean() -> None:
    text = (
        "$util.escapeJavaScript($a) $util.parseJson($b).x $util.urlEncode($c) "
        "$util.urlDecode($d) $util.base64Encode($e) $util.base64Decode($f) \\$util.toJson"
    )
    assert lint(text) == []
    assert lint("#set($util = {})$util.toJson") == []


# --- VTL303 util-bad-call -----------------------------------------------------------------


def test_util_function_without_parentheses() -> None:
    assert lint("MessageBody=$util.urlEncode") == [
        (
            "VTL303",
            1,
            19,
            "$util.urlEncode is a function, so without parentheses it renders as an empty "
            "string (ref §3); call it: $util.urlEncode($value)",
        )
    ]


def test_util_function_with_wrong_argument_count() -> None:
    assert lint("$util.urlEncode($input.body, 'UTF-8')\n$util.base64Encode()") == [
        (
            "VTL303",
            1,
            7,
            "$util.urlEncode takes exactly one argument, not 2 arguments, so this call "
            "renders as an empty string (ref §3)",
        ),
        (
            "VTL303",
            2,
            7,
            "$util.base64Encode takes exactly one argument, not no arguments, so this call "
            "renders as an empty string (ref §3)",
        ),
    ]


# --- VTL310 unknown-java-method -----------------------------------------------------------


def test_misspelt_method_on_a_context_string() -> None:
    assert lint('{"id": "$context.requestId.toUpperCas()"}') == [
        (
            "VTL310",
            1,
            28,
            "String has no method toUpperCas(); did you mean toUpperCase()? The call renders "
            "as an empty string (ref §11.1)",
        )
    ]


def test_wrong_argument_count_on_a_string() -> None:
    assert lint("$input.body.substring()\n$context.stage.replace('a')") == [
        (
            "VTL310",
            1,
            13,
            "String.substring() takes 1 or 2 arguments, not 0, so the call renders as an "
            "empty string (ref §11.1)",
        ),
        (
            "VTL310",
            2,
            16,
            "String.replace() takes 2 arguments, not 1, so the call renders as an empty "
            "string (ref §11.1)",
        ),
    ]


def test_typed_receivers_util_results_params_stage_variables_and_chains() -> None:
    text = (
        '$util.escapeJavaScript($x).replaceALL("\\\\\'", "\'")\n'
        "$input.params('name').toLowercase()\n"
        "$input.json('$.a').trimm()\n"
        "$stageVariables.table.toUppercase()\n"
        "$context.identity.sourceIp.split(',').size() $context.stage.trim().lenght()\n"
        "$context.authorizer.claims['cognito:username'].x()\n"
    )
    assert lint(text) == [
        (
            "VTL310",
            1,
            28,
            "String has no method replaceALL(); did you mean replaceAll()? The call renders as "
            "an empty string (ref §11.1)",
        ),
        (
            "VTL310",
            2,
            23,
            "String has no method toLowercase(); did you mean toLowerCase()? The call renders "
            "as an empty string (ref §11.1)",
        ),
        (
            "VTL310",
            3,
            20,
            "String has no method trimm(); did you mean trim()? The call renders as an empty "
            "string (ref §11.1)",
        ),
        (
            "VTL310",
            4,
            23,
            "String has no method toUppercase(); did you mean toUpperCase()? The call renders "
            "as an empty string (ref §11.1)",
        ),
        (
            "VTL310",
            5,
            68,
            "String has no method lenght(); did you mean length()? The call renders as an "
            "empty string (ref §11.1)",
        ),
        (
            "VTL310",
            6,
            48,
            "String has no method x(); the call renders as an empty string (ref §11.1)",
        ),
    ]


def test_set_variables_lists_and_maps() -> None:
    text = (
        "#set($s = 'abc')$s.size()\n"
        "#set($l = [])#set($discard = $l.add(1))$l.push(2) $l.get()\n"
        "#set($m = {'a': 'x'})$m.size() $m.containsKeys('a') $m.a.toUpper()\n"
        '#set($p = $input.params())$p.header.get("Host").trimm()\n'
        "#foreach($w in ['a', 'b'])$w.lenght()#end\n"
    )
    assert [
        (code, line, col, message.split(";")[0]) for code, line, col, message in lint(text)
    ] == [
        ("VTL310", 1, 20, "String has no method size()"),
        ("VTL310", 2, 43, "List has no method push()"),
        (
            "VTL310",
            2,
            54,
            "List.get() takes 1 argument, not 0, so the call renders as an empty string "
            "(ref §11.1)",
        ),
        ("VTL310", 3, 35, "Map has no method containsKeys()"),
        ("VTL310", 3, 58, "String has no method toUpper()"),
        ("VTL310", 4, 49, "String has no method trimm()"),
        ("VTL310", 5, 30, "String has no method lenght()"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # unknown types stay unchecked
        "$input.path('$.a').toUpperCas() $unknown.foo() $util.parseJson($x).anything()",
        "$context.identity.foo() $context.requestOverride.header.setX('a')",
        # a variable assigned two types is unknown
        "#set($x = 'a')#set($x = $input.path('$.a'))$x.anything()",
        # real Java methods the engine does not run are not reported
        "$context.stage.stripLeading() $context.stage.chars() #set($l = [])$l.stream()",
        # Object methods and statics reachable through an instance
        "$context.stage.getClass().getName() $context.stage.valueOf(1) $context.stage.join(',')",
        # escaped references are text
        "\\$context.requestId.toUpperCas()",
        # a template that rebinds a root
        "#set($input = {})$input.body.foo()",
        # every String method the engine runs, with an accepted argument count
        "#set($s = 'a b')$s.length() $s.isEmpty() $s.isBlank() $s.toUpperCase() $s.trim() "
        "$s.strip() $s.substring(1) $s.substring(0, 1) $s.charAt(0) $s.indexOf('a') "
        "$s.lastIndexOf('a', 1) $s.contains('a') $s.startsWith('a') $s.endsWith('b') "
        "$s.concat('c') $s.replace('a', 'b') $s.replaceAll('a', 'b') $s.replaceFirst('a', 'b') "
        "$s.matches('a.*') $s.split(' ') $s.split(' ', 2) $s.equals('a') "
        "$s.equalsIgnoreCase('A') $s.compareTo('b') $s.hashCode() $s.toCharArray() "
        "$s.getBytes() $s.getBytes('UTF-8') $s.format('%s', 1) $s.repeat(2)",
    ],
)
def test_unknown_or_valid_calls_are_silent(text: str) -> None:
    assert lint(text) == []


# --- VTL311 unknown-java-property ---------------------------------------------------------


def test_property_that_is_a_method() -> None:
    assert lint("#if($context.requestId.length > 0)#end #set($l = [1])$l.size") == [
        (
            "VTL311",
            1,
            24,
            "String has no property length, so $context.requestId.length renders as an empty "
            "string (ref §11.1); call the method: length()",
        ),
        (
            "VTL311",
            1,
            57,
            "List has no property size, so $l.size renders as an empty string (ref §11.1); "
            "call the method: size()",
        ),
    ]


def test_property_of_the_raw_body_and_of_json_text() -> None:
    assert lint('{"name": "$input.body.name", "id": $input.json(\'$\').id}') == [
        (
            "VTL311",
            1,
            23,
            "$input.body is the raw body text (a String), so .name renders as an empty string "
            "(ref §2, §11.6); read the field with $input.path('$.name')",
        ),
        (
            "VTL311",
            1,
            53,
            "$input.json(...) is JSON text (a String), so .id renders as an empty string (ref "
            "§2, §11.6); read the field with $input.path('$.id')",
        ),
    ]


def test_unknown_property_of_a_string() -> None:
    assert lint("$context.stage.name") == [
        (
            "VTL311",
            1,
            16,
            "String has no property name, so $context.stage.name renders as an empty string "
            "(ref §11.1)",
        )
    ]


def test_foreach_property_typo() -> None:
    assert lint("#foreach($i in [1, 2])$i#if($foreach.hasnext),#end#end") == [
        (
            "VTL311",
            1,
            38,
            "$foreach has no property hasnext, so it renders as an empty string (ref §5.1, "
            "§11.1); did you mean $foreach.hasNext?",
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "$context.stage.empty $context.stage.bytes $context.stage.class.name",
        "#set($l = [])$l.empty $l.class",
        "#set($m = {})$m.anyKey $input.params().header.Host $stageVariables.table",
        "#foreach($i in [1])$foreach.index $foreach.count $foreach.hasNext $foreach.first "
        "$foreach.last $foreach.parent $foreach.Count#end",
        "#foreach($i in [1])#set($foreach.seen = true)$foreach.seen#end",
        "#set($foreach = {})$foreach.anything",
    ],
)
def test_existing_properties_are_silent(text: str) -> None:
    assert lint(text) == []


# --- false-positive guards ----------------------------------------------------------------

AWS_EXAMPLES = (
    # API Gateway's "method request passthrough" template
    """#set($allParams = $input.params())
{
"body-json" : $input.json('$'),
"params" : {
#foreach($type in $allParams.keySet())
    #set($params = $allParams.get($type))
"$type" : {
    #foreach($paramName in $params.keySet())
    "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
        #if($foreach.hasNext),#end
    #end
}
    #if($foreach.hasNext),#end
#end
},
"stage-variables" : {
#foreach($key in $stageVariables.keySet())
"$key" : "$util.escapeJavaScript($stageVariables.get($key))"
    #if($foreach.hasNext),#end
#end
},
"context" : {
    "account-id" : "$context.identity.accountId",
    "api-id" : "$context.apiId",
    "http-method" : "$context.httpMethod",
    "request-id" : "$context.requestId",
    "resource-path" : "$context.resourcePath"
    }
}
""",
    # the pets example of the mapping template reference
    """#set($inputRoot = $input.path('$'))
[
#foreach($elem in $inputRoot)
  {
    "description" : "Item $elem.id is a $elem.type.",
    "askingPrice" : $elem.price
  }#if($foreach.hasNext),#end

#end
]
""",
    # parsing an error message from a Lambda, and overrides
    """#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))
#set($context.responseOverride.status = 400)
#set($context.requestOverride.header.X-Trace = $context.requestId.toLowerCase())
{
  "type" : "$errorMessageObj.errorType",
  "message" : "$errorMessageObj.message",
  "request-id" : "$errorMessageObj.trace.requestId"
}
""",
    # Kinesis PutRecord, SQS and Step Functions
    """{
    "StreamName": "$input.params('stream-name')",
    "Data": "$util.base64Encode($input.json('$.Data'))",
    "PartitionKey": "$input.path('$.PartitionKey')",
    "Escaped": "$util.escapeJavaScript($input.json('$')).replaceAll(\"\\\\'\",\"'\")",
    "Form": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)"
}
""",
    # string and collection methods used the way real templates use them
    """#set($ip = $context.identity.sourceIp.split(',')[0].trim())
#set($day = $context.requestTime.substring(0, 11))
#set($names = [])
#foreach($n in $input.path('$.names'))#set($discard = $names.add($n.toLowerCase()))#end
#set($seen = {})
#set($void = $seen.put('ip', $ip))
{"ip": "$ip", "day": "$day", "count": $names.size(), "first": "$seen.get('ip')",
 "upper": "$input.params('name').toUpperCase()", "len": $input.body.length()}
""",
)


@pytest.mark.parametrize(
    "text", AWS_EXAMPLES, ids=["passthrough", "pets", "parse-json", "services", "methods"]
)
def test_aws_documentation_style_templates_are_clean(text: str) -> None:
    assert lint(text) == []


@pytest.mark.parametrize("path", REAL_TEMPLATES, ids=lambda path: path.name)
def test_repository_templates_are_clean(path: Path) -> None:
    assert lint(path.read_text(encoding="utf-8")) == []


# --- the member tables agree with the engine ----------------------------------------------

_SAMPLE_ARGS = ("a", 1)


def _engine_tables() -> dict[str, tuple[Callable[[], Any], dict[str, Callable[..., Any]]]]:
    from vtlgw.engine.jcollections import LIST_METHODS, MAP_METHODS
    from vtlgw.engine.jstring import STRING_METHODS

    return {
        "String": (lambda: "abc", dict(STRING_METHODS)),
        "List": (lambda: ["a", 1], dict(LIST_METHODS)),
        "Map": (lambda: {"a": 1}, dict(MAP_METHODS)),
    }


@pytest.mark.parametrize("kind", ["String", "List", "Map"])
def test_every_engine_method_has_an_arity_and_java_only_names_are_not_run(kind: str) -> None:
    java = java_types()[kind]
    _, table = _engine_tables()[kind]
    assert set(java.arity) == set(table) | {"getClass"}
    assert java.methods == set(table) | {"getClass"}
    assert not java.methods & java.java_only


@pytest.mark.parametrize("kind", ["String", "List", "Map"])
def test_counts_outside_the_arity_match_no_engine_overload(kind: str) -> None:
    import itertools

    from vtlgw.engine.values import MISSING

    java = java_types()[kind]
    sample, table = _engine_tables()[kind]
    for name, method in table.items():
        for count in range(5):
            if java.accepts(name, count):
                continue
            for args in itertools.product(_SAMPLE_ARGS, repeat=count):
                assert method(sample(), args) is MISSING, (kind, name, args)


_STRING_RESULT_CALLS: dict[str, tuple[object, ...]] = {
    "toUpperCase": (),
    "toLowerCase": (),
    "trim": (),
    "strip": (),
    "toString": (),
    "substring": (1,),
    "concat": ("d",),
    "replace": ("a", "b"),
    "replaceAll": ("a", "b"),
    "replaceFirst": ("a", "b"),
    "repeat": (2,),
    "intern": (),
    "valueOf": (1,),
    "join": (",", "a", "b"),
    "format": ("%s", "x"),
}


def test_string_results_are_strings_in_the_engine() -> None:
    from vtlgw.engine.jstring import STRING_METHODS

    assert set(_STRING_RESULT_CALLS) == STRING_RESULTS
    for name, args in _STRING_RESULT_CALLS.items():
        assert type(STRING_METHODS[name]("abc", args)) is str, name


def test_foreach_properties_are_what_the_engine_answers() -> None:
    from vtlgw.engine.runtime import ForeachScope

    scope = ForeachScope(None)
    answered = {"index", "count", "hasNext", "first", "last", "parent", "topmost"}
    assert answered <= FOREACH_PROPERTIES
    assert all(scope.vtl_get(name) is not None for name in answered - {"parent", "topmost"})
    assert scope.vtl_get("hasnext") is None  # a misspelt key reads nothing


def test_a_long_chain_of_assignments_is_bounded_not_a_recursion_error() -> None:
    text = "".join(f"#set($a{i} = $a{i + 1})" for i in range(1500)) + "#set($a1500 = 'x')"
    # $a0 is 1500 assignments from its String: too far to follow, so it stays unchecked
    assert lint(text + "$a0.foo() $a1480.foo()") == [
        (
            "VTL310",
            1,
            len(text + "$a0.foo() $a1480.") + 1,
            "String has no method foo(); the call renders as an empty string (ref §11.1)",
        )
    ]
