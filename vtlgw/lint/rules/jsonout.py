"""VTL21x-VTL23x (and VTL302): hazards in templates whose output is meant to be JSON.

Every rule here runs only when the output is meant to be JSON
(:func:`vtlgw.lint.jsonshape.output_is_json`: the literal output begins with ``{`` or ``[``,
or begins with a reference and the content type is JSON), so a form-encoded or XML template is
never judged by JSON's rules. The static rules read where each printed reference lands
(:mod:`vtlgw.lint.jsonshape`) and what it reads through the template's variables
(:mod:`vtlgw.lint.reads`); the render check (VTL230, VTL231) renders the template once for a
synthetic event that has what the template reads (:mod:`vtlgw.lint.probe`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from vtlgw.engine import nodes as n
from vtlgw.lint.finding import LintFinding, Severity
from vtlgw.lint.jsonshape import Printed, analyse, output_is_json, reference_key
from vtlgw.lint.reads import (
    Aliases,
    Chain,
    escape_javascript_unrepaired,
    is_body,
    is_input_json,
    is_navigated,
    is_nullable,
    is_params_map,
    is_whole_body_path,
)
from vtlgw.lint.rule import Rule

if TYPE_CHECKING:
    from vtlgw.lint.probe import ProbeResult

_REPAIR = '.replaceAll("\\\\\'","\'")'
#: ``$context`` values with a fixed character set that never holds ``'`` (ref §1): escaping
#: them is harmless without the repair.
_QUOTE_FREE_CONTEXT = frozenset(
    {
        "accountId",
        "apiId",
        "connectedAt",
        "connectionId",
        "deploymentId",
        "domainPrefix",
        "eventType",
        "extendedRequestId",
        "httpMethod",
        "messageId",
        "requestId",
        "requestTimeEpoch",
        "resourceId",
        "stage",
    }
)


class _JsonRule(Rule):
    """Runs :meth:`check` on each printed reference of a template whose output is JSON."""

    def run(self) -> list[LintFinding]:
        """Check every printed reference when the output is meant to be JSON."""
        parsed = self.context.parsed
        if parsed is None:
            return self.findings
        text = self.context.source.text
        shape = analyse(parsed.root, text)
        if not output_is_json(shape, self.context.source.content_type):
            return self.findings
        self.aliases = Aliases(parsed.root, text)
        for printed in shape.printed:
            self.check(printed, self.aliases.resolve(printed.node))
        return self.findings

    def guarded(self, printed: Printed, chain: Chain) -> bool:
        """An enclosing ``#if`` tests this value, directly or through a variable."""
        text = self.context.source.text
        key = chain.key(text)
        return any(self.aliases.resolve(ref).key(text) == key for ref in printed.guards)

    def check(self, printed: Printed, chain: Chain) -> None:
        """Report what is wrong with one printed reference."""

    def spelled(self, printed: Printed) -> str:
        """The reference as written."""
        return self.context.text(printed.node)


class InputJsonInQuotes(_JsonRule):
    """``"$input.json('$.x')"``: the value is quoted twice."""

    code = "VTL210"
    name = "input-json-in-quotes"
    summary = "$input.json(...) inside a JSON string: it already prints JSON, quotes included"
    explanation = (
        "`$input.json('$.name')` serialises the value as JSON: a string comes back with its "
        'quotes (`"bob"`), an object as `{...}` (reference §2, §9.2). Inside a JSON string that '
        'gives `""bob""`, which is not JSON. Print it without the surrounding quotes, or print '
        "a string value with `$input.path` inside the quotes."
    )
    bad = '{"name": "$input.json(\'$.name\')"}\n'
    good = "{\"name\": $input.json('$.name')}\n"
    severity: ClassVar[Severity] = "error"

    def check(self, printed: Printed, chain: Chain) -> None:
        if printed.in_string is True and is_input_json(chain):
            self.report(
                printed.node,
                f"{self.spelled(printed)} prints JSON (a string with its own quotes), so inside "
                "a JSON string it breaks the output (ref §2, §9.2); drop the surrounding "
                "quotes, or use $input.path(...) inside them for a string value",
            )


class JavaMapInJson(_JsonRule):
    """``$input.params()`` or ``$input.path('$')`` printed: Java map text, not JSON."""

    code = "VTL211"
    name = "java-map-in-json"
    summary = "$input.params() or $input.path('$') printed into JSON: Java map text, not JSON"
    explanation = (
        "A map prints as Java's `toString`: `$input.params()` gives "
        "`{path={}, querystring={a=b}, header={Host=...}}` and `$input.path('$')` of an object "
        "gives `{name=bob}` (reference §2, §2.1, §9.2). Unquoted that is not JSON; inside a "
        'JSON string it is not the object the backend wants, and any `"` in a header or query '
        "value breaks it. Use `$input.json('$')` for the body, and build parameter objects "
        "with `#foreach` over `keySet()`, escaping each value."
    )
    bad = '{"params": "$input.params()"}\n'
    good = (
        "#set($query = $input.params().querystring)\n"
        '{"query": {#foreach($k in $query.keySet())"$util.escapeJavaScript($k)'
        '.replaceAll("\\\\\'","\'")": "$util.escapeJavaScript($query.get($k))'
        '.replaceAll("\\\\\'","\'")"#if($foreach.hasNext),#end#end}}\n'
    )
    severity: ClassVar[Severity] = "error"

    def check(self, printed: Printed, chain: Chain) -> None:
        if is_params_map(chain):
            fix = "build a JSON object with #foreach over its keySet(), escaping each value"
        elif is_whole_body_path(chain):
            fix = "print $input.json('$') (unquoted) for the body as JSON"
        else:
            return
        if printed.in_string is None:
            where = "it is not the JSON a backend expects"
        elif printed.in_string:
            where = 'inside a JSON string it breaks on any " or \\ in a value'
        else:
            where = "it does not parse as JSON"
        self.report(
            printed.node,
            f"{self.spelled(printed)} prints a Java map ({{key=value, ...}}), not JSON, and "
            f"{where} (ref §2.1, §9.2); {fix}",
        )


class BodyInJsonString(_JsonRule):
    """``"$input.body"``: the raw body inside a JSON string."""

    code = "VTL212"
    name = "body-in-json-string"
    summary = "$input.body inside a JSON string: any quote or line break in the body breaks it"
    explanation = (
        "`$input.body` is the request body exactly as sent (reference §2, §11.6). Inside a JSON "
        'string, a `"`, a `\\` or a line break in it ends the string or makes it invalid '
        "(reference §9.3), and a JSON body always has quotes. Escape it: "
        f'`"$util.escapeJavaScript($input.body){_REPAIR}"`, or embed a JSON body unquoted '
        "with `$input.json('$')`."
    )
    bad = '{"frame": "$input.body"}\n'
    good = f'{{"frame": "$util.escapeJavaScript($input.body){_REPAIR}"}}\n'
    severity: ClassVar[Severity] = "error"

    def check(self, printed: Printed, chain: Chain) -> None:
        if printed.in_string is True and is_body(chain):
            self.report(
                printed.node,
                f"{self.spelled(printed)} is the raw request body: inside a JSON string any "
                '" or line break in it breaks the JSON (ref §9.3); write '
                f'"$util.escapeJavaScript($input.body){_REPAIR}" instead',
            )


class EscapeJavaScriptInJsonString(_JsonRule):
    """``"$util.escapeJavaScript($x)"`` without turning ``\\'`` back into ``'``."""

    code = "VTL302"
    name = "escape-javascript-in-json-string"
    summary = "$util.escapeJavaScript(...) in a JSON string without the \\' repair"
    explanation = (
        "`$util.escapeJavaScript` escapes `'` as `\\'`, which is not a JSON escape: a value "
        "with an apostrophe makes the whole output invalid JSON, and Lambda answers "
        "`Unrecognized character escape` (reference §3.1, §9.1). Append "
        f'`{_REPAIR}` (or `.replace("\\\'", "\'")`), which turns it back into `\'`.'
    )
    bad = '{"name": "$util.escapeJavaScript($input.path(\'$.name\'))"}\n'
    good = f'{{"name": "$util.escapeJavaScript($input.path(\'$.name\')){_REPAIR}"}}\n'
    severity: ClassVar[Severity] = "error"

    def check(self, printed: Printed, chain: Chain) -> None:
        if printed.in_string is not True or not escape_javascript_unrepaired(chain):
            return
        if _quote_free(chain):
            return
        via = ""
        if printed.node.root != "util":
            via = " (it holds $util.escapeJavaScript(...) set without the repair)"
        self.report(
            printed.node,
            f"{self.spelled(printed)}{via} turns ' into \\', which is not a JSON escape "
            f"(ref §3.1, §9.1); append {_REPAIR}",
        )


def _quote_free(chain: Chain) -> bool:
    args = chain.steps[0].args
    if len(args) != 1:
        return False
    arg = args[0]
    return (
        isinstance(arg, n.Reference)
        and arg.root == "context"
        and len(arg.parts) == 1
        and isinstance(arg.parts[0], n.Prop)
        and arg.parts[0].name in _QUOTE_FREE_CONTEXT
    )


class UnquotedNullableValue(_JsonRule):
    """``"n": $input.path('$.n'),``: renders ``"n": ,`` when the request lacks ``n``."""

    code = "VTL213"
    name = "unquoted-nullable-value"
    summary = "An unquoted JSON value that renders empty when absent, leaving invalid JSON"
    explanation = (
        "A missing `$input.path(...)` value, an absent `$input.params('x')`, `$context."
        "authorizer.x` without an authorizer and an undefined `$stageVariables.x` all render "
        "as nothing (reference §9.4, §11.1), so `\"n\": $input.path('$.n'),` becomes "
        '`"n": ,`. Quote a string value; for a number or an object, guard it with `#if` (a '
        "reference the enclosing `#if` tests is taken as guarded). `$input.json(...)` is not "
        'reported: it prints JSON, and for a missing path `""` (reference §2.3).'
    )
    bad = "{\"count\": $input.path('$.count')}\n"
    good = (
        "#set($count = $input.path('$.count'))\n"
        '{"count": #if("$!count" != "")$count#{else}null#end}\n'
    )
    severity: ClassVar[Severity] = "error"

    def check(self, printed: Printed, chain: Chain) -> None:
        if not printed.value_start or not is_nullable(chain) or is_whole_body_path(chain):
            return
        if self.guarded(printed, chain):
            return
        key = reference_key(printed.node, self.context.source.text)
        written = self.spelled(printed)
        self.report(
            printed.node,
            f"{written} is an unquoted JSON value that renders nothing when the value is "
            'absent, leaving invalid JSON such as "n": , (ref §9.4, §11.1); quote it for a '
            f'string, or guard it: #if("$!{{{key[1:]}}}" != "")...#{{else}}null#end',
        )


class UnquotedObjectProperty(_JsonRule):
    """``"price": $elem.price``: empty when an element or object lacks the property."""

    code = "VTL214"
    name = "unquoted-object-property"
    summary = (
        "An unquoted property of a loop element or a parsed JSON object as a JSON value: "
        "empty when absent"
    )
    explanation = (
        "`#foreach($elem in $input.path('$.items'))` ... `\"price\": $elem.price`, or "
        "`\"page\": $inputRoot.photos.page` after `#set($inputRoot = $input.path('$'))`, is "
        "the pattern of AWS's own examples, and it is correct while every object has the "
        'property; one without it renders `"price": ,` (reference §9.4, §11.1). Opt-in: on '
        "most templates the objects are known to be complete. Quote string values, or guard "
        "the value with `#if` (a reference the enclosing `#if` tests is taken as guarded)."
    )
    bad = (
        "[#foreach($elem in $input.path('$.items'))\n"
        '{"price": $elem.price}#if($foreach.hasNext),#end\n#end]\n'
    )
    good = (
        "[#foreach($elem in $input.path('$.items'))\n"
        '{"price": "$elem.price"}#if($foreach.hasNext),#end\n#end]\n'
    )
    severity: ClassVar[Severity] = "warning"
    default: ClassVar[bool] = False

    def check(self, printed: Printed, chain: Chain) -> None:
        node = printed.node
        if not printed.value_start:
            return
        targets = {loop.target.root for loop in printed.loops if loop.target is not None}
        if not (is_navigated(chain) or (node.root in targets and node.parts)):
            return
        if self.guarded(printed, chain):
            return
        key = reference_key(node, self.context.source.text)
        self.report(
            node,
            f"{self.spelled(printed)} is an unquoted JSON value that renders nothing for an "
            "object without it, leaving invalid JSON (ref §9.4, §11.1); quote it for a "
            f'string, or guard it: #if("$!{{{key[1:]}}}" != "")...#{{else}}null#end',
        )


class RenderInvalidJson(Rule):
    """The template renders invalid JSON for an ordinary event of its kind."""

    code = "VTL230"
    name = "render-invalid-json"
    summary = "Rendered for a plausible event, output meant to be JSON is not valid JSON"
    explanation = (
        "The template is rendered once, under a small time budget, for a synthetic event of "
        "its route (from the configuration or the template's `vtlgw:` declaration, else "
        "guessed from the `$context` variables it reads) whose body, parameters, authorizer "
        "and stage variables hold a value at every place the template reads: a number where "
        "a value is printed outside a JSON string, a word where it is printed inside one. If "
        "that output is not valid JSON, the template fails for ordinary requests. The finding "
        "points at the template position the error traces back to when one fits "
        "(`vtlgw validate` does the same), else at the start. Finding the rarer events that "
        "break a template is left to fuzzing."
    )
    bad = '{\n  "connectionId": "$context.connectionId",\n}\n'
    good = '{\n  "connectionId": "$context.connectionId"\n}\n'
    severity: ClassVar[Severity] = "error"
    example_api = "websocket"
    example_route = "$connect"

    def run(self) -> list[LintFinding]:
        """Render the template for its plausible event and check the output."""
        from vtlgw.lint.probe import json_problem

        result = _probe(self)
        problem = None if result is None else json_problem(result, self.context.source.text)
        if problem is not None:
            self.report_span(problem.start, problem.end, problem.message)
        return self.findings


class RenderError(Rule):
    """Rendering fails for an ordinary event of the template's kind."""

    code = "VTL231"
    name = "render-error"
    summary = "Rendering for a plausible event of the template's kind fails"
    explanation = (
        "The same render as VTL230: a synthetic event holding a value at every place the "
        "template reads. A render error there (a Java exception such as `substring` past the "
        "end, `#foreach` over more than 1000 items, `#include`) fails the request with a 500 "
        "on API Gateway (reference §5.5). Opt-in, because the synthetic values are guesses: "
        "a template that needs a number or a JSON text where the event holds a word fails "
        "only here. The time budget running out is not reported."
    )
    bad = '#set($id = $context.requestId.substring(0, 99))\n{"id": "$id"}\n'
    good = '#set($id = $context.requestId.substring(0, 8))\n{"id": "$id"}\n'
    severity: ClassVar[Severity] = "error"
    default: ClassVar[bool] = False

    def run(self) -> list[LintFinding]:
        """Render the template for its plausible event and report a render error."""
        from vtlgw.lint.probe import error_problem

        result = _probe(self)
        problem = None if result is None else error_problem(result, self.context.source.text)
        if problem is not None:
            self.report_span(problem.start, problem.end, problem.message)
        return self.findings


def _probe(rule: Rule) -> ProbeResult | None:
    context = rule.context
    parsed = context.parsed
    if parsed is None:
        return None
    text = context.source.text
    shape = analyse(parsed.root, text)
    if not output_is_json(shape, context.source.content_type):
        return None
    from vtlgw.lint.probe import render_probe

    return render_probe(parsed, shape, api=context.api, route_kind=context.route_kind)


RULES: tuple[type[Rule], ...] = (
    InputJsonInQuotes,
    JavaMapInJson,
    BodyInJsonString,
    UnquotedNullableValue,
    UnquotedObjectProperty,
    RenderInvalidJson,
    RenderError,
    EscapeJavaScriptInJsonString,
)
