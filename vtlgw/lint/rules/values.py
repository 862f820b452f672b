"""VTL206-VTL209: request and context values used the wrong way.

Tested directly in ``#if`` (VTL206), printed whole although they print nothing (VTL207,
VTL208), looked up by one spelling of a header name (VTL209). VTL206 and VTL209 classify where
a value comes from with :mod:`vtlgw.lint.nullness`. The rules are listed in
:data:`vtlgw.lint.rules.context.RULES` with the rest of the VTL20x family.
"""

from __future__ import annotations

from typing import ClassVar

from vtlgw.engine import nodes as n
from vtlgw.lint import gateway_names as g
from vtlgw.lint.context import LintContext
from vtlgw.lint.nullness import (
    MISLEADING,
    Assignment,
    assignment,
    compared_keys,
    guarded,
    header_key,
    is_method_result,
    reference_key,
    reference_kind,
    truth_operands,
    variable_kinds,
)
from vtlgw.lint.references import ContextRule, ReferenceRule, Site, dollar, evaluated, prop_names
from vtlgw.lint.rule import Rule


class NullIsTrueCondition(Rule):
    """``#if($input.path('$.x'))``: a null, absent or string value is true on API Gateway."""

    code = "VTL206"
    name = "null-is-true-condition"
    summary = "An #if that tests a request value directly: null, absent and strings are true"
    explanation = (
        "On API Gateway a null or undefined value is true in `#if`, unlike Velocity, and so "
        'is every string, even `""` and `"false"`; only Boolean `false` is false '
        "(reference §11.2, recorded on AWS). So `#if($input.path('$.verbose'))` takes the "
        "branch when the field is absent, `#if(!$x)` skips it, and "
        "`#if($input.params('debug'))` or `#if($context.authorizer.admin)` (authorizer values "
        "are strings, §1.1) always pass. Reported when the whole condition, or an operand of "
        "`&&`, `||` or `!`, is a value from `$input.path`, `$input.params`, `$input.json`, "
        "`$input.body`, `$util.parseJson`, `$stageVariables`, `$context.authorizer.*` or "
        "`$context.identity.*`, a `#set` or `#foreach` variable holding one, or a method call "
        'on such a value (`$x.startsWith("a")` is null when `$x` is). Compare explicitly '
        'instead: `== true`, `== "true"`, `!= ""`. Not reported: comparisons, '
        '`isEmpty()` (null is true, as "empty" should be), variables also assigned '
        "literals such as `true`, and an operand the same condition also compares "
        '(`#if($x && $x != "")`).'
    )
    bad = "#if($input.path('$.verbose'))\n\"debug\": true,\n#end\n"
    good = "#if($input.path('$.verbose') == true)\n\"debug\": true,\n#end\n"

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self._assignments: list[Assignment] = []
        self._tests: list[n.Node] = []

    def visit_Set(self, node: n.Set) -> None:
        self._assign(node)

    def visit_Foreach(self, node: n.Foreach) -> None:
        self._assign(node)

    def _assign(self, node: n.Node) -> None:
        found = assignment(node)
        if found is not None:
            self._assignments.append(found)
        self.generic_visit(node)

    def visit_If(self, node: n.If) -> None:
        self._tests.append(node.test)
        self.generic_visit(node)

    def visit_ElseIf(self, node: n.ElseIf) -> None:
        self._tests.append(node.test)
        self.generic_visit(node)

    def finish(self) -> None:
        """Classify every variable from all its assignments, then check each condition."""
        self._kinds = variable_kinds(self._assignments)
        for test in self._tests:
            self._test(test)

    def visit_Literal(self, node: n.Literal) -> None:
        return None

    def _test(self, test: n.Node) -> None:
        text = self.context.text
        compared = compared_keys(test, text)
        for ref, negated in truth_operands(test):
            if not evaluated(ref):
                continue
            kind = reference_kind(ref, self._kinds)
            if kind not in MISLEADING or guarded(reference_key(ref, text), compared):
                continue
            self.report_span(
                dollar(self.context, ref),
                ref.end,
                _null_message(
                    _short(text(ref)),
                    kind,
                    negated,
                    is_method_result(ref),
                ),
            )


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _null_message(found: str, kind: str, negated: bool, call: bool) -> str:
    yes, no = ("!=", "==") if negated else ("==", "!=")
    if call or kind == "absent":
        what = (
            f"{found} is null when the value it is called on is absent"
            if call
            else f"{found} is null when the value is absent"
        )
        why = "and null is true in #if on API Gateway (ref §11.2)"
        outcome = f"the branch is {'skipped' if negated else 'taken'} when it is missing"
    else:
        what = f"{found} is a string" + (" or null" if kind == "string" else "")
        why = (
            "and both are true in #if on API Gateway (ref §11.2)"
            if kind == "string"
            else "and every string is true in #if on API Gateway (ref §11.2)"
        )
        outcome = f"this test is always {'false' if negated else 'true'}"
    if call:
        fix = f"{found} {yes} true"
    elif kind == "absent":
        fix = f'{found} {yes} true (a flag) or {found} {no} "" (a value)'
    elif kind == "string":
        fix = f'{found} {yes} "true" (a flag) or {found} {no} "" (a value)'
    elif found.startswith("$input.json("):
        fix = f"{found.replace('$input.json(', '$input.path(', 1)} {yes} true"
    else:
        fix = f"{found} {no} " + ('"{}"' if found == "$input.body" else '""')
    return f"{what}, {why}: {outcome}; compare instead: {fix}"


class HeaderNameCase(ReferenceRule):
    """``$input.params().header.get('Authorization')`` misses ``authorization``."""

    code = "VTL209"
    name = "header-name-case"
    summary = "A request header read from the header map by one exact spelling"
    explanation = (
        "The header map of `$input.params()` keeps each name as the client spelt it, and REST "
        "APIs look names up case-sensitively (reference §2.3, §9.6): HTTP/2 clients send "
        "every header name in lower case, so `.header.get('Authorization')` or "
        "`.header.Authorization` is empty for them. Read both spellings, or the lower-case "
        "one as a fallback. Opt-in: a template written for one known client is correct as "
        "it is."
    )
    bad = "#set($auth = $input.params().header.get('Authorization'))\n\"$auth\"\n"
    good = (
        "#set($auth = $input.params().header.get('Authorization'))\n"
        '#if("$!auth" == "")#set($auth = $input.params().header.get(\'authorization\'))#end\n'
        '"$auth"\n'
    )
    default: ClassVar[bool] = False

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self._assignments: list[Assignment] = []
        self._refs: list[n.Reference] = []

    def visit_Set(self, node: n.Set) -> None:
        self._record(node)
        super().visit_Set(node)

    def visit_Foreach(self, node: n.Foreach) -> None:
        self._record(node)
        super().visit_Foreach(node)

    def _record(self, node: n.Node) -> None:
        found = assignment(node)
        if found is not None:
            self._assignments.append(found)

    def check(self, ref: n.Reference, site: Site) -> None:
        if ref.parts:
            self._refs.append(ref)

    def finish(self) -> None:
        """Report exact-case header reads, unless the template also reads the lower case."""
        kinds = variable_kinds(self._assignments)
        found = [(ref, header_key(ref, kinds)) for ref in self._refs]
        lower = {key[0] for _, key in found if key is not None and key[0] == key[0].lower()}
        for ref, key in found:
            if key is not None and key[0] != key[0].lower() and key[0].lower() not in lower:
                self._report(ref, *key)

    def _report(self, ref: n.Reference, key: str, part: n.Prop | n.Call | n.Index) -> None:
        self.report_span(
            dollar(self.context, ref),
            part.end,
            f"header {key!r} is looked up by this exact spelling, but the header map keeps the "
            "client's spelling and HTTP/2 clients send names in lower case (ref §2.3, §9.6); "
            f"fall back to .get({key.lower()!r}) when it is empty",
        )


class AuthorizerClaimsPrinted(ContextRule):
    """``$context.authorizer.claims`` printed whole: it is null."""

    code = "VTL207"
    name = "authorizer-claims-printed"
    summary = "$context.authorizer.claims printed whole, which is null: print one claim"
    explanation = (
        "With a Cognito user-pool authorizer, `$context.authorizer.claims.<name>` reads one "
        "claim, but `$context.authorizer.claims` itself is null, so printing it gives an "
        "empty string (reference §1.2, §9.10). Print the claims you need one by one; a name "
        "with `:` needs the index form: `$context.authorizer.claims['cognito:username']`. "
        "Not reported on WebSocket APIs, where `claims` would be an ordinary authorizer key."
    )
    bad = '{"claims": "$context.authorizer.claims"}\n'
    good = '{"sub": "$context.authorizer.claims.sub"}\n'

    def check(self, ref: n.Reference, site: Site) -> None:
        names = self.context_path(ref, site)
        if names != ("authorizer", "claims") or len(ref.parts) != 2 or not site.printed:
            return
        if self.effective_api() == "websocket":
            return
        self.report_names(
            ref,
            1,
            "$context.authorizer.claims itself is null on API Gateway, so this prints nothing "
            "(ref §1.2): print single claims, $context.authorizer.claims.sub or "
            "$context.authorizer.claims['cognito:username']",
        )


class ContextGroupPrinted(ContextRule):
    """``$context.identity`` (a group) printed: it prints as an empty string."""

    code = "VTL208"
    name = "context-group-printed"
    summary = "A $context group such as $context.identity printed whole: it prints nothing"
    explanation = (
        "`$context.identity`, `$context.authorizer`, `$context.error`, "
        "`$context.requestOverride` and `$context.responseOverride` are maps you can read "
        "keys of and loop over (`keySet()`), but printing one, directly or as "
        "`$context.get('identity')`, gives an empty string on API Gateway (reference §1.2 "
        "object model, §11.12, recorded), not a map or JSON. Print the members you need, or "
        "build JSON with `#foreach($key in $context.identity.keySet())`."
    )
    bad = '{"identity": "$context.identity"}\n'
    good = '{"sourceIp": "$context.identity.sourceIp"}\n'

    def check(self, ref: n.Reference, site: Site) -> None:
        if ref.root != "context" or not site.printed:
            return
        names: tuple[str, ...] | None = prop_names(ref)
        if names is not None and len(names) != len(ref.parts):
            names = _get_group(ref)
        entry = g.CONTEXT_NAMES.get(".".join(names)) if names else None
        if entry is None or entry.children == "leaf" or entry.log_only_on:
            return
        if entry.path == "authorizer.claims":
            return  # VTL207
        members = g.CHILDREN.get(entry.path, ("name",))
        self.report_span(
            dollar(self.context, ref),
            ref.end,
            f"$context.{entry.path} is a group of values and prints as an empty string on "
            "API Gateway, not as a map or JSON (ref §11.12); print its members, such as "
            f"$context.{entry.path}.{members[0]}, or loop over $context.{entry.path}.keySet()",
        )


def _get_group(ref: n.Reference) -> tuple[str, ...] | None:
    """``("identity",)`` for ``$context.get('identity')``."""
    if len(ref.parts) != 1:
        return None
    part = ref.parts[0]
    if not isinstance(part, n.Call) or part.name != "get" or len(part.args) != 1:
        return None
    arg = part.args[0]
    if not isinstance(arg, n.StringLit) or arg.parts is not None:
        return None
    return (arg.value,)
