"""The JSONPath dialect ``$input.path`` and ``$input.json`` accept (ref §2.2, D/I).

API Gateway evaluates paths with Jayway JsonPath: ``$``, ``.name`` and ``['name']`` (several
quoted names select a map of those members), ``[n]`` and ``[-n]``, ``[n,m]``, ``[*]`` and
``.*``, ``..`` deep scan, ``[start:end]`` slices and ``[?(...)]`` filters with ``@``/``$``
operands, ``== != < <= > >= =~ in nin``, ``&&``, ``||`` and ``!``. A path that does not start
with ``$`` gets ``$.`` in front, as Jayway does.

A *definite* path (names and single indexes only) yields one value or :data:`MISSING`; an
indefinite one (wildcard, deep scan, slice, filter, index list) yields a
:class:`~vtlgw.engine.values.JsonList` of every match, possibly empty (Jayway semantics, I).
The evaluator works on the value model of :mod:`vtlgw.apigw.jsonvalue` and never looks anything
up by Python attribute.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from vtlgw.apigw.jsonpath_ops import (
    COMPARATORS,
    LITERAL,
    OPERATOR,
    both,
    either,
    literal_value,
)
from vtlgw.engine.values import MISSING, JsonList


class JsonPathError(ValueError):
    """The path text is not valid JSONPath; ``position`` is the 0-based offset."""

    def __init__(self, message: str, path: str, position: int) -> None:
        super().__init__(f"invalid JSONPath {path!r} at offset {position}: {message}")
        self.path = path
        self.position = position


# A step maps one node to the nodes it selects.
Step = Callable[[Any, Any], Iterator[Any]]


@dataclass(frozen=True)
class CompiledPath:
    """A parsed path: its steps and whether it can select at most one value."""

    text: str
    steps: tuple[Step, ...]
    definite: bool

    def evaluate(self, document: Any) -> Any:
        """Value at the path (definite), MISSING when absent, or a JsonList of all matches."""
        nodes: list[Any] = [document]
        for step in self.steps:
            nodes = [found for node in nodes for found in step(node, document)]
            if not nodes:
                break
        if self.definite:
            return nodes[0] if nodes else MISSING
        return JsonList(nodes)


def _member(name: str) -> Step:
    def step(node: Any, root: Any) -> Iterator[Any]:
        if isinstance(node, dict) and name in node:
            yield node[name]

    return step


def _members(names: tuple[str, ...]) -> Step:
    def step(node: Any, root: Any) -> Iterator[Any]:
        if isinstance(node, dict):
            picked = {name: node[name] for name in names if name in node}
            if picked:
                yield picked

    return step


def _indexes(indexes: tuple[int, ...]) -> Step:
    def step(node: Any, root: Any) -> Iterator[Any]:
        if isinstance(node, list):
            size = len(node)
            for index in indexes:
                actual = index + size if index < 0 else index
                if 0 <= actual < size:
                    yield node[actual]

    return step


def _slice(start: int | None, end: int | None) -> Step:
    def step(node: Any, root: Any) -> Iterator[Any]:
        if isinstance(node, list):
            yield from node[start:end]

    return step


def _wildcard(node: Any, root: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        yield from node.values()
    elif isinstance(node, list):
        yield from node


def _descendants(node: Any) -> Iterator[Any]:
    """The node and everything below it, parents before children, in document order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, dict):
            stack.extend(reversed(list(current.values())))
        elif isinstance(current, list):
            stack.extend(reversed(current))


def _deep(inner: Step) -> Step:
    if isinstance(inner, _Filter):
        predicate = inner.predicate

        # a filter after '..' tests every object once, wherever it sits (Jayway's walkFilter)
        def scan_filter(node: Any, root: Any) -> Iterator[Any]:
            for current in _descendants(node):
                if isinstance(current, dict) and predicate(current, root):
                    yield current

        return scan_filter

    def step(node: Any, root: Any) -> Iterator[Any]:
        for current in _descendants(node):
            yield from inner(current, root)

    return step


def _length(node: Any, root: Any) -> Iterator[Any]:
    if isinstance(node, (dict, list, str)):
        yield len(node)


class _Filter:
    """``[?(...)]``: an object is tested itself, an array element by element (Jayway)."""

    __slots__ = ("predicate",)

    def __init__(self, predicate: Callable[[Any, Any], bool]) -> None:
        self.predicate = predicate

    def __call__(self, node: Any, root: Any) -> Iterator[Any]:
        if isinstance(node, dict):
            if self.predicate(node, root):
                yield node
        elif isinstance(node, list):
            for item in node:
                if self.predicate(item, root):
                    yield item


_NAME_STOP = frozenset(".[( ")
_FILTER_NAME_STOP = frozenset(".[( )]=!<>&|,~")
_FUNCTIONS = frozenset({"length", "size"})


class _Parser:
    """Recursive-descent parser for a path and its filter expressions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, message: str) -> JsonPathError:
        return JsonPathError(message, self.text, self.pos)

    def peek(self, count: int = 1) -> str:
        return self.text[self.pos : self.pos + count]

    def skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1

    def expect(self, token: str) -> None:
        self.skip_spaces()
        if not self.text.startswith(token, self.pos):
            raise self.fail(f"expected {token!r}")
        self.pos += len(token)

    def steps(self, *, in_filter: bool = False) -> tuple[list[Step], bool]:
        steps: list[Step] = []
        definite = True
        while self.pos < len(self.text):
            if in_filter and self.peek() not in (".", "["):
                break
            if self.peek(2) == "..":
                self.pos += 2
                inner, _ = self.one_step(after_dot=self.peek() != "[", in_filter=in_filter)
                steps.append(_deep(inner))
                definite = False
            elif self.peek() == ".":
                self.pos += 1
                step, single = self.one_step(after_dot=True, in_filter=in_filter)
                steps.append(step)
                definite = definite and single
            elif self.peek() == "[":
                step, single = self.one_step(after_dot=False)
                steps.append(step)
                definite = definite and single
            else:
                raise self.fail("expected '.' or '['")
        return steps, definite

    def one_step(self, *, after_dot: bool, in_filter: bool = False) -> tuple[Step, bool]:
        if not after_dot:
            return self.bracket()
        if self.peek() == "*":
            self.pos += 1
            return _wildcard, False
        if self.peek() == "[":
            return self.bracket()
        start = self.pos
        stop = _FILTER_NAME_STOP if in_filter else _NAME_STOP
        while self.pos < len(self.text) and self.text[self.pos] not in stop:
            self.pos += 1
        name = self.text[start : self.pos]
        if not name:
            raise self.fail("expected a member name")
        if self.peek(2) == "()":
            if name not in _FUNCTIONS:
                raise self.fail(f"unknown function {name}()")
            self.pos += 2
            return _length, True
        return _member(name), True

    def bracket(self) -> tuple[Step, bool]:
        self.expect("[")
        self.skip_spaces()
        char = self.peek()
        if char == "?":
            self.pos += 1
            self.expect("(")
            predicate = self.or_expr()
            self.expect(")")
            self.expect("]")
            return _Filter(predicate), False
        if char == "*":
            self.pos += 1
            self.expect("]")
            return _wildcard, False
        if char in ("'", '"'):
            names = [self.quoted()]
            self.skip_spaces()
            while self.peek() == ",":
                self.pos += 1
                self.skip_spaces()
                names.append(self.quoted())
                self.skip_spaces()
            self.expect("]")
            if len(names) == 1:
                return _member(names[0]), True
            return _members(tuple(names)), True
        return self.numeric_bracket()

    def numeric_bracket(self) -> tuple[Step, bool]:
        end = self.text.find("]", self.pos)
        if end < 0:
            raise self.fail("expected ']'")
        body = self.text[self.pos : end].replace(" ", "")
        try:
            if ":" in body:
                first, _, second = body.partition(":")
                if ":" in second:
                    raise ValueError("slice steps are not supported")
                step: Step = _slice(int(first) if first else None, int(second) if second else None)
                single = False
            else:
                indexes = tuple(int(part) for part in body.split(","))
                step, single = _indexes(indexes), len(indexes) == 1
        except ValueError as exc:
            raise self.fail(f"expected an index, slice, '*', name or filter, got {body!r}") from exc
        self.pos = end + 1
        return step, single

    def quoted(self) -> str:
        quote = self.peek()
        if quote not in ("'", '"'):
            raise self.fail("expected a quoted name")
        self.pos += 1
        out: list[str] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\" and self.pos + 1 < len(self.text):
                out.append(self.text[self.pos + 1])
                self.pos += 2
                continue
            if char == quote:
                self.pos += 1
                return "".join(out)
            out.append(char)
            self.pos += 1
        raise self.fail("unterminated string")

    # -- filter expressions ------------------------------------------------------------------

    def or_expr(self) -> Callable[[Any, Any], bool]:
        left = self.and_expr()
        self.skip_spaces()
        while self.peek(2) == "||":
            self.pos += 2
            right = self.and_expr()
            left = either(left, right)
            self.skip_spaces()
        return left

    def and_expr(self) -> Callable[[Any, Any], bool]:
        left = self.unary()
        self.skip_spaces()
        while self.peek(2) == "&&":
            self.pos += 2
            right = self.unary()
            left = both(left, right)
            self.skip_spaces()
        return left

    def unary(self) -> Callable[[Any, Any], bool]:
        self.skip_spaces()
        if self.peek() == "!" and self.peek(2) != "!=":
            self.pos += 1
            inner = self.unary()
            return lambda item, root: not inner(item, root)
        if self.peek() == "(":
            self.pos += 1
            inner = self.or_expr()
            self.expect(")")
            return inner
        return self.comparison()

    def comparison(self) -> Callable[[Any, Any], bool]:
        left = self.operand()
        self.skip_spaces()
        match = OPERATOR.match(self.text, self.pos)
        if match is None:
            return lambda item, root: left(item, root) is not MISSING
        op = match.group(0).strip()
        self.pos = match.end()
        right = self.operand()
        test = COMPARATORS[op]
        return lambda item, root: test(left(item, root), right(item, root))

    def operand(self) -> Callable[[Any, Any], Any]:
        self.skip_spaces()
        char = self.peek()
        if char in ("@", "$"):
            self.pos += 1
            steps, _ = self.steps(in_filter=True)
            path = CompiledPath(self.text, tuple(steps), True)
            if char == "@":
                return lambda item, root: path.evaluate(item)
            return lambda item, root: path.evaluate(root)
        if char in ("'", '"'):
            text = self.quoted()
            return lambda item, root: text
        if char == "/":
            return self.regex()
        if char == "[":
            self.pos += 1
            values: list[Any] = []
            self.skip_spaces()
            while self.peek() != "]":
                values.append(self.operand()(None, None))
                self.skip_spaces()
                if self.peek() == ",":
                    self.pos += 1
                    self.skip_spaces()
                elif self.peek() != "]":
                    raise self.fail("expected ',' or ']'")
            self.pos += 1
            frozen = JsonList(values)
            return lambda item, root: frozen
        match = LITERAL.match(self.text, self.pos)
        if match is None:
            raise self.fail("expected a filter operand")
        self.pos = match.end()
        literal = literal_value(match.group(0))
        return lambda item, root: literal

    def regex(self) -> Callable[[Any, Any], Any]:
        end = self.text.find("/", self.pos + 1)
        while end > 0 and self.text[end - 1] == "\\":
            end = self.text.find("/", end + 1)
        if end < 0:
            raise self.fail("unterminated regular expression")
        source = self.text[self.pos + 1 : end]
        self.pos = end + 1
        flags = 0
        while self.peek() and self.peek() in "imsx":
            flags |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}[self.peek()]
            self.pos += 1
        try:
            pattern = re.compile(source, flags)
        except re.error as exc:
            raise self.fail(f"bad regular expression: {exc}") from exc
        return lambda item, root: pattern


def compile_path(text: str) -> CompiledPath:
    """Parse JSONPath text; raises :class:`JsonPathError` when it is not valid."""
    source = text.strip()
    if not source or source == "$":
        return CompiledPath(text, (), True)
    parser = _Parser(source)
    if source[0] == "$":
        parser.pos = 1
    elif source[0] != "[":
        parser.text = "$." + source
        parser.pos = 1
    steps, definite = parser.steps()
    return CompiledPath(text, tuple(steps), definite)


def evaluate(text: str, document: Any) -> Any:
    """Evaluate path ``text`` against ``document`` (see :meth:`CompiledPath.evaluate`)."""
    return compile_path(text).evaluate(document)
