"""VTL5xx: style, unused variables and suppression comments."""

from __future__ import annotations

from types import MappingProxyType
from typing import ClassVar

from vtlgw.engine import nodes as n
from vtlgw.lint.finding import LintFinding, Severity
from vtlgw.lint.javamembers import closest
from vtlgw.lint.noqa import Suppression, find_suppressions
from vtlgw.lint.rule import Rule

#: Methods that change their receiver: ``#set($discard = $list.add($x))`` is the usual way to
#: call one without printing its result, so such a variable is not reported as unused.
MUTATORS = frozenset(
    {
        "add",
        "addAll",
        "clear",
        "next",
        "put",
        "putAll",
        "putIfAbsent",
        "remove",
        "removeAll",
        "retainAll",
        "set",
        "setValue",
    }
)
#: Names that say "the value is deliberately dropped" (and any name starting with ``_``).
DISCARD_NAMES = frozenset({"discard", "dummy", "ignore", "ignored", "junk", "unused", "void"})

_BUILTINS = frozenset(
    {"context", "input", "util", "stageVariables", "foreach", "velocityCount", "velocityHasNext"}
)


def _has_mutator(value: n.Node) -> bool:
    return any(isinstance(node, n.Call) and node.name in MUTATORS for node in n.walk(value))


def _discard_name(name: str) -> bool:
    return name.startswith("_") or name.lower().rstrip("0123456789") in DISCARD_NAMES


class UnusedVariable(Rule):
    """A variable ``#set`` and never read."""

    code = "VTL501"
    name = "unused-variable"
    summary = "A variable is #set but never read"
    explanation = (
        "A `#set($x = ...)` whose `$x` is read nowhere in the template (not in the text, a "
        "string, a directive or a `#define` body) does nothing, and is often a misspelling of "
        "the name read later (`#set($tabel = ...)` then `$table`). Property sets such as "
        "`#set($context.requestOverride.header.X = ...)` are not variables and are not "
        "reported, and neither is a `#set` that calls a method which changes something "
        "(`#set($discard = $list.add($x))`) or whose name starts with `_` or is "
        "`discard`/`dummy`/`ignore`/`unused`. A variable read only in its own `#set` "
        "(`#set($i = $i + 1)`) counts as read."
    )
    bad = '#set($tabel = $stageVariables.table)\n{"TableName": "$table"}\n'
    good = '#set($table = $stageVariables.table)\n{"TableName": "$table"}\n'

    def run(self) -> list[LintFinding]:
        """Report the first ``#set`` of each variable nothing reads."""
        parsed = self.context.parsed
        if parsed is None:
            return self.findings
        sets: dict[str, n.Reference] = {}
        keep: set[str] = set()
        bound: set[str] = set()
        read: set[str] = set()
        # The walk meets a directive before its arguments, so a binding is known as such
        # (in ``targets``) by the time the walk reaches its reference.
        targets: set[int] = set()
        for node in n.walk(parsed.root):
            if isinstance(node, n.Reference):
                if id(node) not in targets and not node.runt:
                    read.add(node.root)
            elif isinstance(node, n.Evaluate):
                return self.findings  # #evaluate can read any name from a string
            elif isinstance(node, n.Set) and not node.target.parts:
                name = node.target.root
                targets.add(id(node.target))
                sets.setdefault(name, node.target)
                if _has_mutator(node.value):
                    keep.add(name)
            elif isinstance(node, (n.Foreach, n.Define, n.Macro)):
                for arg in node.args[:1] if not isinstance(node, n.Macro) else node.args[1:]:
                    if isinstance(arg, n.Reference):
                        targets.add(id(arg))
                        bound.add(arg.root)
        unset = sorted(read - set(sets) - bound - _BUILTINS)
        for name, target in sets.items():
            if name in read or name in keep or _discard_name(name):
                continue
            meant = closest(name, unset)
            hint = f" (did you mean ${meant}, which is read but never set?)" if meant else ""
            self.report(
                target,
                f"${name} is set here but never read{hint}; remove the #set, or read the variable",
            )
        return self.findings


class UnusedNoqa(Rule):
    """A noqa comment that suppresses nothing (the linter itself finds them)."""

    code = "VTL502"
    name = "unused-noqa"
    summary = "A noqa comment that suppresses nothing on its line"
    explanation = (
        "A `#* vtlgw: noqa: CODE *#` comment whose codes report nothing on its line, or a "
        "`#* vtlgw: file-noqa: CODE *#` whose codes report nothing in the template, is left "
        "over from a fixed problem and would hide the next one. Remove it, or the codes it no "
        "longer needs. The linter itself reports these, after applying the suppressions."
    )
    bad = '{"stage": "$context.stage"} #* vtlgw: noqa: VTL101 *#\n'
    good = '#set($total = 0) #* vtlgw: noqa: VTL501 *#\n{"stage": "$context.stage"}\n'

    def run(self) -> list[LintFinding]:
        """Nothing: :class:`vtlgw.lint.linter.Linter` reports unused suppressions as VTL502."""
        return self.findings


def _replacement(item: Suppression) -> str:
    kind = "file-noqa" if item.whole_file else "noqa"
    codes = f": {', '.join(item.codes)}" if item.codes else ""
    return f"#* vtlgw: {kind}{codes} *#"


class NoqaInLineComment(Rule):
    """A ``## vtlgw: noqa`` comment after other text: it eats the line break."""

    code = "VTL503"
    name = "noqa-in-line-comment"
    summary = "A ## noqa comment after text on a line swallows the line break and changes output"
    explanation = (
        "A `##` comment runs to the end of its line and takes the line break with it "
        "(reference §11.4), so adding `## vtlgw: noqa` after a line's text joins that line "
        "with the next in the output: suppressing a warning changes what the template "
        "renders. A block comment `#* vtlgw: noqa: CODE *#` renders nothing and keeps the "
        "line break. A `##` comment alone on its line (a `file-noqa` at the top) removes "
        "itself cleanly and is not reported."
    )
    bad = '#set($total = 0) ## vtlgw: noqa: VTL501\n{"stage": "$context.stage"}\n'
    good = '#set($total = 0) #* vtlgw: noqa: VTL501 *#\n{"stage": "$context.stage"}\n'
    needs_tree: ClassVar[bool] = False
    severity: ClassVar[Severity] = "warning"

    def run(self) -> list[LintFinding]:
        """Report each ``##`` noqa comment that follows text on its line."""
        text = self.context.source.text
        items = [i for i in find_suppressions(text, self.context.lines).items if i.line_comment]
        if not items:
            return self.findings
        comments = self._comment_starts()
        for item in items:
            line_start = text.rfind("\n", 0, item.start) + 1
            if item.start == line_start or (comments is not None and item.start not in comments):
                continue
            self.report_span(
                item.start,
                item.end,
                "this ## comment swallows the line break after it (ref §11.4), so the noqa "
                f"comment changes what the template renders; write {_replacement(item)} "
                "instead",
            )
        return self.findings

    def _comment_starts(self) -> set[int] | None:
        parsed = self.context.parsed
        if parsed is None:
            return None
        return {node.start for node in n.walk(parsed.root) if isinstance(node, n.Comment)}


_OLD_LOOP_NAMES = MappingProxyType(
    {"velocityCount": "$foreach.count", "velocityHasNext": "$foreach.hasNext"}
)


class VelocityCount(Rule):
    """``$velocityCount`` / ``$velocityHasNext``: Velocity 1.x's deprecated loop variables."""

    code = "VTL504"
    name = "velocity-count"
    summary = "$velocityCount and $velocityHasNext are deprecated: use $foreach.count / hasNext"
    explanation = (
        "`$velocityCount` and `$velocityHasNext` are Velocity 1.x's old loop variables, "
        "deprecated in Velocity 1.7 in favour of `$foreach.count` and `$foreach.hasNext` "
        "(which AWS's own examples use) and gone in Velocity 2. They were recorded working "
        "on API Gateway (reference §11.3) while the reference calls their support "
        "unconfirmed (§5.1); `$foreach` is the safe spelling. Opt-in: the templates work."
    )
    bad = '[#foreach($i in [1, 2])"$i"#if($velocityHasNext),#end#end]\n'
    good = '[#foreach($i in [1, 2])"$i"#if($foreach.hasNext),#end#end]\n'
    default: ClassVar[bool] = False

    def run(self) -> list[LintFinding]:
        """Report each read of the old names the template does not bind itself."""
        parsed = self.context.parsed
        if parsed is None or "velocity" not in self.context.source.text:
            return self.findings
        bound = {
            node.target.root
            for node in n.walk(parsed.root)
            if isinstance(node, n.Set) and not node.target.parts
        }
        for node in n.walk(parsed.root):
            if (
                isinstance(node, n.Reference)
                and node.root in _OLD_LOOP_NAMES
                and node.root not in bound
                and not node.escaped
                and not node.runt
            ):
                self.report(
                    node,
                    f"${node.root} is Velocity 1.x's deprecated loop variable; write "
                    f"{_OLD_LOOP_NAMES[node.root]} (ref §5.1, §11.3)",
                )
        return self.findings


RULES: tuple[type[Rule], ...] = (UnusedVariable, UnusedNoqa, NoqaInLineComment, VelocityCount)
