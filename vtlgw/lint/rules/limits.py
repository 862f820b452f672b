"""VTL4xx: the gateway's size and iteration limits (ref §5.4)."""

from __future__ import annotations

from typing import ClassVar

from vtlgw.engine import nodes as n
from vtlgw.lint.context import LintContext
from vtlgw.lint.finding import LintFinding, Severity
from vtlgw.lint.rule import Rule

#: API Gateway's mapping template limit, "300 KB" (ref §5.4), read as 300 KiB of UTF-8: AWS
#: does not say whether a KB is 1000 or 1024 bytes, so the rule fires only past the larger.
MAX_TEMPLATE_BYTES = 300 * 1024
#: ``#foreach`` iterations API Gateway runs per loop (ref §5.4).
FOREACH_CAP = 1000


class TemplateTooLarge(Rule):
    """A template over the gateway's 300 KB limit."""

    code = "VTL401"
    name = "template-too-large"
    summary = "The template is larger than API Gateway's 300 KB limit"
    explanation = (
        "API Gateway refuses a mapping template larger than 300 KB (reference §5.4, "
        "documented for REST and WebSocket APIs) when the API is deployed. The size counted "
        "is the template's UTF-8 bytes; as AWS does not say whether a KB is 1000 or 1024 "
        "bytes, the rule reports templates over 307,200 bytes (300 KiB), which are too large "
        "under either reading. Move constant data out of the template (a stage variable, the "
        "backend), or split the route."
    )
    bad = "#* 310,000 bytes of template *#\n"
    good = '{"stage": "$context.stage"}\n'
    severity: ClassVar[Severity] = "error"
    needs_tree: ClassVar[bool] = False

    def run(self) -> list[LintFinding]:
        """Report a template whose UTF-8 encoding is over the limit."""
        text = self.context.source.text
        if len(text) * 4 <= MAX_TEMPLATE_BYTES:
            return self.findings  # even four bytes a character would fit
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_TEMPLATE_BYTES:
            self.report_span(
                0,
                0,
                f"the template is {size:,} bytes of UTF-8; API Gateway refuses mapping "
                f"templates over 300 KB ({MAX_TEMPLATE_BYTES:,} bytes) at deployment (ref "
                "§5.4): move constant data out of the template",
            )
        return self.findings

    @classmethod
    def example(cls, text: str) -> str:
        """The bad example stands for a template too long to print: pad it past the limit."""
        return text + " " * (MAX_TEMPLATE_BYTES + 2800) if text == cls.bad else text


class ForeachOverCap(Rule):
    """A ``#foreach`` over a range or list literal longer than the 1000-iteration cap."""

    code = "VTL402"
    name = "foreach-over-cap"
    summary = "A #foreach over a literal range or list with more items than API Gateway runs"
    explanation = (
        "API Gateway runs at most 1000 iterations of each `#foreach` (reference §5.4, a "
        "quota that cannot be raised); what happens past the cap is not documented, most "
        "likely the loop silently stops, as Velocity's `maxloops` does (vtlgw stops it there "
        "too). The rule reports loops whose size is known without running the template: a "
        "range or list literal, directly or through a variable `#set` once to one."
    )
    bad = '#foreach($i in [1..2000])"$i"#if($foreach.hasNext),#end#end\n'
    good = '#foreach($i in [1..1000])"$i"#if($foreach.hasNext),#end#end\n'
    severity: ClassVar[Severity] = "error"

    def __init__(self, context: LintContext) -> None:
        super().__init__(context)
        self._bound: dict[str, list[n.Node | None]] | None = None

    def bound(self, name: str) -> list[n.Node | None]:
        """What ``$name`` is bound to: each ``#set`` value, None for a loop or #define name."""
        if self._bound is None:
            self._bound = {}
            parsed = self.context.parsed
            for node in n.walk(parsed.root) if parsed is not None else ():
                if isinstance(node, n.Set) and not node.target.parts:
                    self._bound.setdefault(node.target.root, []).append(node.value)
                elif isinstance(node, (n.Foreach, n.Define)) and node.args:
                    first = node.args[0]
                    if isinstance(first, n.Reference):
                        self._bound.setdefault(first.root, []).append(None)
        return self._bound.get(name, [])

    def visit_Foreach(self, node: n.Foreach) -> None:
        self.generic_visit(node)
        iterable: n.Node | None = node.iterable
        if isinstance(iterable, n.Reference) and not iterable.parts:
            values = self.bound(iterable.root)
            iterable = values[0] if len(values) == 1 else None
        size = _literal_size(iterable)
        if size is not None and size > FOREACH_CAP and node.target is not None:
            self.report_span(
                node.start,
                node.start + len(node.name) + 1,
                f"this #foreach walks {size:,} items, but API Gateway stops every #foreach "
                f"after {FOREACH_CAP} iterations (ref §5.4): the rest is never rendered",
            )


def _literal_size(node: n.Node | None) -> int | None:
    if isinstance(node, n.RangeLit):
        low, high = node.low, node.high
        if isinstance(low, n.IntLit) and isinstance(high, n.IntLit):
            return abs(high.value - low.value) + 1
        return None
    if isinstance(node, n.ListLit):
        return len(node.items)
    return None


RULES: tuple[type[Rule], ...] = (TemplateTooLarge, ForeachOverCap)
