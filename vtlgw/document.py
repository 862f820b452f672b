"""YAML/JSON input files that remember where each value came from.

Integration descriptions, backend responses and case files are written by hand, so a mistake
in one must be reported as ``file:line:column: what was found, what was expected``. The file
is composed once by a bounded subclass of PyYAML's safe loader (JSON is read by the same
path), the data is constructed from that node tree, and the tree is walked once to map every
key path to the line and column where its value starts.

Input files may come from untrusted pull requests, so reading one is bounded: at most
:data:`MAX_DOCUMENT_CHARS` characters, :data:`MAX_VALUES` values (an alias counts as every
value it stands for, so an alias bomb fails fast), :data:`MAX_DEPTH` levels of nesting, no
alias to a value that contains it, and no duplicate key in a mapping.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from vtlgw.errors import InputError
from vtlgw.files import MAX_FILE_BYTES as MAX_FILE_BYTES
from vtlgw.files import confined as confined
from vtlgw.files import decode_text as decode_text
from vtlgw.files import read_text_file as read_text_file
from vtlgw.suggest import did_you_mean as did_you_mean

KeyPath = tuple[str | int, ...]

#: The longest YAML/JSON input file read, in characters.
MAX_DOCUMENT_CHARS = 2_000_000
#: The most values (keys, items and scalars, aliases expanded) a YAML/JSON input file may hold.
MAX_VALUES = 100_000
#: The deepest nesting of mappings and sequences in an input file.
MAX_DEPTH = 100
#: The largest file :func:`read_text_file` reads, in bytes.

_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Mark(Protocol):
    """Where a YAML event or node starts (0-based; ``index`` is the character offset)."""

    line: int
    column: int
    index: int


class Refused(Exception):
    """A bound of :class:`BoundedLoader` was hit at ``mark`` (or a subclass refused a value)."""

    def __init__(self, message: str, mark: _Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with bounded nesting and alias expansion, and no duplicate keys.

    Every node composed counts one value, and every alias counts the expanded size of the node
    it names (memoised per node, so counting is linear in the file). Nothing is registered on
    PyYAML's own loaders; subclasses (the IaC host loader) add their constructors to themselves.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._values = 0
        self._sizes: dict[int, int] = {}
        #: Where each alias is written, by (parent node id, item index or key node id).
        self.alias_marks: dict[tuple[int, int], tuple[int, int]] = {}

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)  # type: ignore[arg-type]
            mark = event.start_mark
            if node is None or id(node) not in self._sizes:
                raise Refused("a YAML alias refers to a value that contains it", mark)
            self._count(self._sizes[id(node)], mark, "YAML aliases expand to")
            if parent is not None and index is not None and mark is not None:
                slot = index if isinstance(index, int) else id(index)
                self.alias_marks[id(parent), slot] = (mark.line + 1, mark.column + 1)
            return node
        self._count(1, event.start_mark, "the file holds")
        nested = isinstance(event, yaml.CollectionStartEvent)
        if nested:
            if self._depth >= MAX_DEPTH:
                message = f"nested more than {MAX_DEPTH} levels deep"
                raise Refused(message, event.start_mark)
            self._depth += 1
        node = super().compose_node(parent, index)  # type: ignore[arg-type]
        if nested:
            self._depth -= 1
        if node is not None:
            self._sizes[id(node)] = self._size(node)
        return node

    # PyYAML's scanner scans every pending simple key (one per open flow level) for every
    # token, which makes deeply nested flow collections quadratic. The pending keys are held
    # by level, in stream order, and stale ones always come first, so the nearest key is the
    # first one and dropping stale keys stops at the first fresh one: the same behaviour in
    # constant time (as the comment in PyYAML's own next_possible_simple_key suggests).
    def next_possible_simple_key(self) -> int | None:
        for key in self.possible_simple_keys.values():
            number: int = key.token_number
            return number
        return None

    def stale_possible_simple_keys(self) -> None:
        keys = self.possible_simple_keys
        while keys:
            level, key = next(iter(keys.items()))
            if key.line == self.line and self.index - key.index <= 1024:
                return
            if key.required:
                raise yaml.scanner.ScannerError(
                    "while scanning a simple key",
                    key.mark,
                    "could not find expected ':'",
                    self.get_mark(),
                )
            del keys[level]

    def _count(self, values: int, mark: _Mark | None, what: str) -> None:
        self._values += values
        if self._values > MAX_VALUES:
            raise Refused(f"{what} more than {MAX_VALUES:,} values", mark)

    def _size(self, node: yaml.Node) -> int:
        if isinstance(node, yaml.SequenceNode):
            return 1 + sum(self._sizes[id(item)] for item in node.value)
        if isinstance(node, yaml.MappingNode):
            seen: dict[tuple[str, str], yaml.Node] = {}
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE_TAG:
                    first = seen.setdefault((key.tag, key.value), key)
                    if first is not key:
                        line = first.start_mark.line + 1
                        raise Refused(
                            f"duplicate key {key.value!r} (first at line {line})", key.start_mark
                        )
            return 1 + sum(self._sizes[id(k)] + self._sizes[id(v)] for k, v in node.value)
        return 1


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _marks(
    root: yaml.Node,
    aliases: Mapping[tuple[int, int], tuple[int, int]],
    out: dict[KeyPath, tuple[int, int]],
    keys: dict[KeyPath, tuple[int, int]],
) -> None:
    """Record where every value (and key) starts.

    An aliased value is recorded under every path that uses it: the value itself where its
    alias is written, the values inside it where the anchored original has them.
    """
    stack: list[tuple[yaml.Node, KeyPath, tuple[int, int] | None]] = [(root, (), None)]
    while stack:
        node, path, alias = stack.pop()
        out[path] = alias or _position(node)
        # children are pushed last first, so they are visited in file order and a key merged in
        # (``<<``) and then written again is positioned where it is written again
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in reversed(node.value):
                if isinstance(key_node, yaml.ScalarNode):
                    child = (*path, str(key_node.value))
                    stack.append((value_node, child, aliases.get((id(node), id(key_node)))))
            keys.update(
                ((*path, str(k.value)), _position(k))
                for k, _ in node.value
                if isinstance(k, yaml.ScalarNode)
            )
        elif isinstance(node, yaml.SequenceNode):
            for index in reversed(range(len(node.value))):
                stack.append((node.value[index], (*path, index), aliases.get((id(node), index))))


def format_path(path: KeyPath) -> str:
    """``a.b[2].c`` for a key path (``(root)`` when empty)."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(root)"


@dataclass(frozen=True)
class Document:
    """A parsed input file: its data and the position of every value."""

    name: str
    data: Any
    marks: Mapping[KeyPath, tuple[int, int]] = field(default_factory=dict)
    base_dir: Path = Path(".")
    prefix: KeyPath = ()
    lines: tuple[str, ...] = ()
    key_marks: Mapping[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def error(self, path: KeyPath, message: str, *, at_key: bool = False) -> InputError:
        """An :class:`InputError` at ``path``'s value (or its key, or nearest ancestor)."""
        if at_key and path in self.key_marks:
            line, column = self.key_marks[path]
        else:
            probe = path
            while probe not in self.marks and probe:
                probe = probe[:-1]
            line, column = self.marks.get(probe, (0, 0))
        where = format_path((*self.prefix, *path))
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else None
        return InputError(
            f"{where}: {message}", name=self.name, line=line, column=column, source_line=source
        )

    def check_keys(self, path: KeyPath, data: Mapping[Any, Any], allowed: Iterable[str]) -> None:
        """Raise :class:`InputError` at the first key of ``data`` not in ``allowed``.

        The message names the key, what was expected and, for a near miss, the key meant:
        ``RequestTemplate: unknown key (did you mean 'RequestTemplates'?); expected one of ...``.
        """
        known = tuple(allowed)
        for key in data:
            if str(key) not in known:
                hint = did_you_mean(str(key), known)
                message = f"unknown key{hint}; expected one of {', '.join(known)}"
                raise self.error((*path, str(key)), message, at_key=True)

    def sub(self, path: KeyPath) -> Document:
        """The part of this document at ``path``, keeping positions and the key path."""
        value = self.data
        for part in path:
            value = value[part]
        depth = len(path)
        marks = {key[depth:]: mark for key, mark in self.marks.items() if key[:depth] == path}
        keys = {key[depth:]: mark for key, mark in self.key_marks.items() if key[:depth] == path}
        return Document(
            self.name, value, marks, self.base_dir, (*self.prefix, *path), self.lines, keys
        )

    def resolve(self, relative: str, *, at: KeyPath | None = None) -> Path:
        """A path written in this file, taken relative to the file's directory.

        It must lead inside this file's folder or the working directory (:func:`confined`);
        otherwise an :class:`InputError` is raised, at ``at`` when given.
        """
        candidate = Path(relative)
        target = candidate if candidate.is_absolute() else self.base_dir / candidate
        try:
            return confined(target, named_in=self.base_dir)
        except InputError as exc:
            if at is None:
                raise InputError(exc.message, name=self.name) from None
            raise self.error(at, exc.message) from None


def _compose(text: str) -> tuple[yaml.Node | None, Any, dict[tuple[int, int], tuple[int, int]]]:
    loader = BoundedLoader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
        return node, data, loader.alias_marks
    finally:
        loader.dispose()


def parse_document(text: str, *, name: str, base_dir: Path | None = None) -> Document:
    """Parse YAML or JSON ``text`` into a :class:`Document`, within the module's bounds.

    Syntax errors, duplicate keys, self-containing aliases and a file too long, too deep or
    holding too many values (aliases expanded) raise :class:`InputError` with a position.
    """
    lines = tuple(text.splitlines())
    if len(text) > MAX_DOCUMENT_CHARS:
        message = f"the file is longer than {MAX_DOCUMENT_CHARS:,} characters"
        raise InputError(message, name=name)
    try:
        node, data, aliases = _compose(text)
    except (Refused, yaml.YAMLError) as exc:
        raise loader_error(exc, name=name, lines=lines) from None
    marks: dict[KeyPath, tuple[int, int]] = {}
    keys: dict[KeyPath, tuple[int, int]] = {}
    if node is not None:
        _marks(node, aliases, marks, keys)
    return Document(
        name=name,
        data=data,
        marks=marks,
        base_dir=base_dir or Path("."),
        lines=lines,
        key_marks=keys,
    )


def loader_error(exc: Refused | yaml.YAMLError, *, name: str, lines: Sequence[str]) -> InputError:
    """The :class:`InputError` for a failure of :class:`BoundedLoader` (or a subclass of it).

    A refused bound keeps its message; a YAML syntax error reads ``not valid YAML/JSON: ...``.
    Both are placed at the mark where PyYAML noticed the problem, with that source line.
    """
    if isinstance(exc, Refused):
        return _error_at(exc.message, exc.mark, name, lines)
    if isinstance(exc, yaml.MarkedYAMLError):
        problem = exc.problem or str(exc)
        return _error_at(f"not valid YAML/JSON: {problem}", exc.problem_mark, name, lines)
    return InputError(f"not valid YAML/JSON: {exc}", name=name)


def _error_at(message: str, mark: _Mark | None, name: str, lines: Sequence[str]) -> InputError:
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    source = lines[line - 1] if 0 < line <= len(lines) else None
    return InputError(message, name=name, line=line, column=column, source_line=source)


def load_document(path: str | Path) -> Document:
    """Read and parse a YAML or JSON file; unreadable files are :class:`InputError`."""
    file_path = Path(path)
    text = read_text_file(file_path, "file")
    return parse_document(text, name=str(path), base_dir=file_path.parent)
