"""Where each printed reference lands in a template's JSON output, known without rendering.

The JSON-output rules need to know whether ``$input.body`` sits inside a JSON string, whether
``$input.path('$.n')`` starts an unquoted member value, and whether the output is meant to be
JSON at all. :func:`analyse` walks the template's statements in output order and runs a small
JSON scanner over the literal text between them: it counts unescaped ``"`` to know whether it
is inside a string, keeps the stack of open ``{``/``[`` and the last structural character, so
a reference right after ``:`` (or after ``[``, or after ``,`` inside an array) starts a value.

What the scanner cannot follow it marks unknown rather than guess: a reference prints text
assumed balanced (a value, or string content), ``#if`` branches each continue the text before
them and the states after them are merged (what they disagree on becomes unknown), a
``#foreach`` body continues the text before the loop and the state after it merges "ran zero
times" with "ran once", a ``#define`` body is scanned from an unknown state, and ``#stop``,
``#break``, ``#include`` and ``#parse`` leave everything after them unknown. A raw line break
ends any string (valid JSON cannot hold one), which brings an unknown scanner back in step.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from vtlgw.engine import nodes as n

#: A reference printed where the scanner cannot say what it is in.
UNKNOWN = None


class _State(NamedTuple):
    """The scanner between two statements.

    ``in_string`` is ``None`` when unknown; ``stack`` (the open ``{``/``[``) is ``None`` when
    lost; ``prev`` is the last significant character outside strings (``v`` for the end of a
    value, ``""`` at the start of the output, ``None`` when unknown).
    """

    in_string: bool | None
    escaped: bool
    stack: tuple[str, ...] | None
    prev: str | None


_START = _State(False, False, (), "")
_LOST = _State(None, False, None, None)
_PAIRS = MappingProxyType({"}": "{", "]": "["})


@dataclass(frozen=True, slots=True)
class Printed:
    """One reference printed by the template, and where it lands in the JSON output."""

    node: n.Reference
    #: True inside a JSON string, False outside, None when the scanner lost track.
    in_string: bool | None
    #: Outside a string, where a JSON value starts (after ``:``, ``[``, or ``,`` in an array).
    value_start: bool
    #: The enclosing ``#foreach`` directives, outermost first.
    loops: tuple[n.Foreach, ...]
    #: Every reference the enclosing ``#if`` tests read (``#if($n != "")`` guards ``$n``).
    guards: tuple[n.Reference, ...]


@dataclass(frozen=True, slots=True)
class JsonShape:
    """The printed references of a template, in output order, and how its output begins."""

    printed: tuple[Printed, ...]
    #: The first significant character printed: ``{``, ``A``..., ``$`` when a reference
    #: prints first, ``""`` when nothing is printed.
    first: str

    def looks_like_json(self) -> bool:
        """The literal output starts with ``{`` or ``[`` (after whitespace and directives)."""
        return self.first in ("{", "[")


def output_is_json(shape: JsonShape, content_type: str | None) -> bool:
    """Whether the template's output is meant to be JSON.

    The text decides when it can: output that begins with ``{`` or ``[`` is JSON, output that
    begins with other literal text (``Action=SendMessage&...``, ``<xml>``) is not, whatever the
    content type (a request template's key names what the client sent, not what the template
    writes). Only output that begins with a reference (``$input.json('$')``) or prints nothing
    literal is decided by the content type, when known.
    """
    if shape.looks_like_json():
        return True
    if shape.first not in ("$", ""):
        return False
    if content_type is None:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def expr_key(expr: n.Node, text: str) -> str:
    """A canonical spelling of an expression: quotes, ``$!`` and ``${}`` do not matter."""
    if isinstance(expr, n.Reference):
        return reference_key(expr, text)
    if isinstance(expr, n.StringLit):
        value = string_value(expr)
        if value is not None:
            return repr(value)
    return text[expr.start : expr.end].strip()


def string_value(expr: n.Node) -> str | None:
    """The value of a string literal that interpolates nothing (``"$.n"`` holds no reference
    but is parsed as an interpolated string), else ``None``."""
    if not isinstance(expr, n.StringLit):
        return None
    if expr.parts is None or all(isinstance(part, n.Text) for part in expr.parts.body):
        return expr.value
    return None


def reference_key(ref: n.Reference, text: str) -> str:
    """``$root.part(args)[index]`` for ``ref`` whatever its spelling (``$!{root.part}``)."""
    pieces = ["$", ref.root]
    for part in ref.parts:
        if isinstance(part, n.Prop):
            pieces.append(f".{part.name}")
        elif isinstance(part, n.Call):
            args = ", ".join(expr_key(arg, text) for arg in part.args)
            pieces.append(f".{part.name}({args})")
        else:
            pieces.append(f"[{expr_key(part.index, text)}]")
    return "".join(pieces)


def references_in(expr: n.Node) -> Iterator[n.Reference]:
    """Every reference in ``expr``, those inside interpolated string literals included."""
    for node in n.walk(expr):
        if isinstance(node, n.Reference):
            yield node


def _merge(states: Iterable[_State]) -> _State:
    items = list(states)
    first = items[0]
    in_string = first.in_string
    stack = first.stack
    prev = first.prev
    for state in items[1:]:
        if state.in_string != in_string:
            in_string = None
        if state.stack != stack:
            stack = None
        if state.prev != prev:
            prev = None
    escaped = in_string is True and all(state.escaped for state in items)
    return _State(in_string, escaped, stack, prev)


def scan_text(state: _State, text: str) -> _State:
    """The scanner state after literal ``text`` printed in ``state``."""
    in_string, escaped, stack, prev = state
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string, prev = False, "v"
            elif ch in "\r\n":
                in_string, prev = False, None  # a JSON string cannot hold a line break
            continue
        if in_string is None:
            if ch in "\r\n":
                in_string, prev = False, None
            continue
        if ch in " \t\r\n":
            continue
        if ch == '"':
            in_string = True
        elif ch in "{[":
            stack = None if stack is None else (*stack, ch)
            prev = ch
        elif ch in "}]":
            stack = stack[:-1] if stack and stack[-1] == _PAIRS[ch] else None
            prev = ch
        elif ch in ":,":
            prev = ch
        else:
            prev = "v"
    return _State(in_string, escaped, stack, prev)


class _Walker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.printed: list[Printed] = []
        self.first = ""

    def _note_first(self, text: str) -> None:
        if not self.first:
            self.first = text.lstrip(" \t\r\n")[:1]

    def block(
        self,
        block: n.Block,
        state: _State,
        loops: tuple[n.Foreach, ...],
        guards: tuple[n.Reference, ...],
    ) -> _State:
        for node in block.body:
            state = self.statement(node, state, loops, guards)
        return state

    def _literal(self, text: str, state: _State) -> _State:
        self._note_first(text)
        return scan_text(state, text)

    def statement(
        self,
        node: n.Node,
        state: _State,
        loops: tuple[n.Foreach, ...],
        guards: tuple[n.Reference, ...],
    ) -> _State:
        if isinstance(node, n.Text):
            return self._literal(node.text, state)
        if isinstance(node, n.Comment):
            return self._literal(node.text, state) if node.text else state
        if isinstance(node, n.Reference):
            return self.reference(node, state, loops, guards)
        if isinstance(node, n.If):
            return self.if_(node, state, loops, guards)
        if isinstance(node, n.Foreach):
            if node.body is None:
                return self._literal(node.literal, state)
            inner = (*loops, node)
            return _merge((state, self.block(node.body, state, inner, guards)))
        if isinstance(node, n.Define):
            if node.body is not None:
                self.block(node.body, _LOST, loops, guards)
            return state
        if isinstance(node, n.Literal) and node.body is not None:
            return self._literal(self.text[node.body.start : node.body.end], state)
        if isinstance(node, (n.MacroCall, n.Evaluate, n.Literal)):
            return self._literal(node.literal, state)  # printed as written (ref §11.3)
        if isinstance(node, (n.Stop, n.Break, n.Include, n.Parse)):
            return _LOST
        return state  # #set and #macro print nothing

    def reference(
        self,
        node: n.Reference,
        state: _State,
        loops: tuple[n.Foreach, ...],
        guards: tuple[n.Reference, ...],
    ) -> _State:
        if not self.first:
            self.first = "$"
        value_start = state.in_string is False and (
            state.prev in (":", "[")
            or (
                state.prev == ","
                and bool(state.stack)
                and state.stack is not None
                and state.stack[-1] == "["
            )
        )
        self.printed.append(Printed(node, state.in_string, value_start, loops, guards))
        if state.in_string is False:
            return state._replace(prev="v")
        return state

    def if_(
        self,
        node: n.If,
        state: _State,
        loops: tuple[n.Foreach, ...],
        guards: tuple[n.Reference, ...],
    ) -> _State:
        tests = [test for test, _ in node.branches]
        inner = (*guards, *(ref for test in tests for ref in references_in(test)))
        ends = [self.block(body, state, loops, inner) for _, body in node.branches]
        ends.append(state if node.orelse is None else self.block(node.orelse, state, loops, inner))
        return _merge(ends)


def analyse(root: n.Block, text: str) -> JsonShape:
    """The printed references of the template ``root`` (parsed from ``text``)."""
    walker = _Walker(text)
    walker.block(root, _START, (), ())
    return JsonShape(tuple(walker.printed), walker.first)
