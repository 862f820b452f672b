"""VTL1xx: syntax errors and the directives API Gateway does not run as Velocity does."""

from __future__ import annotations

import re
from typing import ClassVar

from vtlgw.engine import nodes as n
from vtlgw.engine.pbase import KNOWN_DIRECTIVES
from vtlgw.errors import TemplateSyntaxError
from vtlgw.lint.finding import LintFinding, Severity
from vtlgw.lint.rule import Rule
from vtlgw.suggest import did_you_mean

_DIRECTIVE_NAMES = (*sorted(KNOWN_DIRECTIVES), "if", "elseif", "else", "end", "set")


class SyntaxError_(Rule):
    """The template does not parse; nothing else is checked until it does."""

    code = "VTL101"
    name = "syntax-error"
    summary = "The template does not parse"
    explanation = (
        "API Gateway rejects a template that does not parse when it is deployed, or fails the "
        "request with a 500 when it renders. The message says what was found, what was "
        "expected and which block is still open; a block that is never closed is reported at "
        "the directive that opened it."
    )
    bad = "#if($input.path('$.ok'))\n{\"ok\": true}\n"
    good = "#if($input.path('$.ok') == true)\n{\"ok\": true}\n#end\n"
    severity: ClassVar[Severity] = "error"
    needs_tree: ClassVar[bool] = False

    def run(self) -> list[LintFinding]:
        """Report the parse error the context kept."""
        error = self.context.syntax_error
        if error is None:
            return []
        lines = self.context.lines
        opened = error.opened_at if isinstance(error, TemplateSyntaxError) else None
        line, column = (opened.line, opened.column) if opened else (error.line, error.column)
        if line <= 0:
            line, column = 1, 1
        offset = _offset(lines.text, line, column)
        message = error.message
        if opened is not None and self.context.source.host is not None:
            # the engine counts lines in the template; an embedded one is read in its host
            at = self.context.location(offset, offset)
            message = message.replace(
                f"opened at {opened.line}:{opened.column}", f"opened at {at.line}:{at.column}", 1
            )
        self.report_span(offset, offset, message)
        return self.findings


def _offset(text: str, line: int, column: int) -> int:
    position = 0
    for _ in range(line - 1):
        found = text.find("\n", position)
        if found < 0:
            return len(text)
        position = found + 1
    return min(position + column - 1, len(text))


class MacroNotRun(Rule):
    """``#macro`` and macro calls: API Gateway defines nothing and prints calls as written."""

    code = "VTL102"
    name = "macro-not-supported"
    summary = "API Gateway does not run #macro: definitions do nothing and calls print as written"
    explanation = (
        "On API Gateway a `#macro` definition produces nothing and a macro call such as "
        "`#greet()` is printed literally into the output (reference §11.3, §5.1). A call to a "
        "name that is no directive is usually a typo of one (`#sett`), which is said. Inline "
        "the macro body, or use `#define` (which works) for a reusable block."
    )
    bad = '#macro(field $k $v)"$k": "$v"#end\n{#field("id" $context.requestId)}\n'
    good = '#define($id)"id": "$context.requestId"#end\n{$id}\n'
    severity: ClassVar[Severity] = "error"

    def visit_Macro(self, node: n.Macro) -> None:
        self.report_span(
            node.start,
            node.start + len(node.name) + 1,
            f"#macro {node.macro_name!r} defines nothing on API Gateway (ref §11.3); inline "
            "its body or use #define",
        )

    def visit_MacroCall(self, node: n.MacroCall) -> None:
        if not node.has_parens:
            self.generic_visit(node)
            return
        name = node.name.lstrip("@")
        hint = did_you_mean(name, _DIRECTIVE_NAMES)
        self.report_span(
            node.start,
            node.start + len(node.name) + 1,
            f"#{node.name}(...) is printed as written on API Gateway: there is no directive "
            f"#{name}{hint}, and macros do not run there (ref §11.3)",
        )
        self.generic_visit(node)


class EvaluateNotRun(Rule):
    """``#evaluate`` prints as written on API Gateway."""

    code = "VTL103"
    name = "evaluate-not-supported"
    summary = "API Gateway prints #evaluate(...) as written instead of rendering it"
    explanation = (
        "`#evaluate` is reported unavailable on API Gateway and recorded output shows the "
        "directive printed literally (reference §11.3, §5.1). Build the text directly."
    )
    bad = "#set($t = 'Hello $context.stage')\n#evaluate($t)\n"
    good = "Hello $context.stage\n"
    severity: ClassVar[Severity] = "error"

    def visit_Evaluate(self, node: n.Evaluate) -> None:
        self.report_span(
            node.start,
            node.start + len(node.name) + 1,
            "#evaluate is printed as written on API Gateway, not rendered (ref §11.3)",
        )
        self.generic_visit(node)


class LoaderDirective(Rule):
    """``#include`` and ``#parse`` need a template loader, which API Gateway lacks."""

    code = "VTL104"
    name = "include-not-supported"
    summary = "#include and #parse fail on API Gateway: it has no template loader"
    explanation = (
        "A mapping template is one self-contained text; `#include` and `#parse` have nothing "
        "to load and fail the render (reference §5.1). Paste the other template's text in."
    )
    bad = "#parse('common.vtl')\n"
    good = '{"stage": "$context.stage"}\n'
    severity: ClassVar[Severity] = "error"

    def visit_Include(self, node: n.Include) -> None:
        self._report(node)

    def visit_Parse(self, node: n.Parse) -> None:
        self._report(node)

    def _report(self, node: n.Directive) -> None:
        self.report_span(
            node.start,
            node.start + len(node.name) + 1,
            f"#{node.name} cannot load another template on API Gateway (ref §5.1)",
        )


class MalformedForeach(Rule):
    """A ``#foreach`` header that is not ``($item in $list)`` iterates nothing."""

    code = "VTL105"
    name = "malformed-foreach"
    summary = "A #foreach header that is not ($item in $list) silently iterates nothing"
    explanation = (
        "Velocity 1.7 accepts `#foreach($i $list)` or `#foreach($i)` without complaint and "
        "runs the body zero times, so the output silently lacks what the loop should print."
    )
    bad = "#foreach($item $input.path('$.items'))$item#end\n"
    good = "#foreach($item in $input.path('$.items'))$item#end\n"
    severity: ClassVar[Severity] = "error"

    def visit_Foreach(self, node: n.Foreach) -> None:
        if node.has_parens and node.body is not None and node.target is None:
            self.report_span(
                node.start,
                node.start + len(node.name) + 1,
                "this #foreach header is not ($item in $list): the loop runs zero times",
            )
        self.generic_visit(node)


_SPACED_DIRECTIVE = re.compile(
    r"(#[ \t]+)(set|if|elseif|foreach|define|macro|evaluate|parse|include|break|stop)[ \t]*\("
)


class SpacedDirective(Rule):
    """``# set(...)`` at the start of a line: a space after ``#`` makes the directive text."""

    code = "VTL106"
    name = "spaced-directive"
    summary = "A space between # and a directive name makes the line text, printed as written"
    explanation = (
        "Velocity reads `#` followed by a space as plain text, so `# set($x = 1)` is not a "
        "`#set`: the line is printed into the output as written (its references rendered), "
        "and the variable is never set. Remove the space."
    )
    bad = '# set($root = $input.path(\'$\'))\n{"id": "$root.id"}\n'
    good = '#set($root = $input.path(\'$\'))\n{"id": "$root.id"}\n'
    severity: ClassVar[Severity] = "error"

    def visit_Text(self, node: n.Text) -> None:
        # the lexer lends a '#' to the text token after it, so the text can start before the
        # node's span; positions are counted back from the node's end
        text = node.text
        origin = node.end - len(text)
        source = self.context.source.text
        for match in _SPACED_DIRECTIVE.finditer(text):
            start = origin + match.start(1)
            if source[start : start + 1] != "#":
                continue
            line_start = source.rfind("\n", 0, start) + 1
            if source[line_start:start].strip(" \t"):
                continue  # '#' after other text on the line: a comment-like '# note (x)'
            name = match.group(2)
            name = match.group(2)
            self.report_span(
                start,
                start + len(match.group(1)) + len(name),
                f"'{match.group(1)}{name}(' is text, not #{name}: Velocity reads '#' followed "
                f"by a space as text and prints the line as written; write #{name}(",
            )


RULES: tuple[type[Rule], ...] = (
    SyntaxError_,
    MacroNotRun,
    EvaluateNotRun,
    LoaderDirective,
    MalformedForeach,
    SpacedDirective,
)
