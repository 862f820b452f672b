"""YAML/JSON input files that remember where each value came from.

Integration descriptions, backend responses and case files are written by hand, so a mistake
in one must be reported as ``file:line:column: what was found, what was expected``. The file
is loaded with PyYAML's safe loader (JSON is read by the same path) and its node tree is walked
once to map every key path to the line and column where its value starts.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vtlgw.errors import InputError

KeyPath = tuple[str | int, ...]


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _marks(
    node: yaml.Node,
    path: KeyPath,
    out: dict[KeyPath, tuple[int, int]],
    keys: dict[KeyPath, tuple[int, int]],
) -> None:
    out[path] = _position(node)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                child = (*path, str(key_node.value))
                keys[child] = _position(key_node)
                _marks(value_node, child, out, keys)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _marks(item, (*path, index), out, keys)


def read_text_file(path: str | Path, what: str) -> str:
    """The UTF-8 text of the file at ``path`` (a BOM is dropped), for error messages ``what``.

    An unreadable file or one that is not UTF-8 raises :class:`InputError` naming the file and,
    for bad bytes, the offset of the first one.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}", name=str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{what} is not UTF-8 text (bad byte at offset {exc.start})", name=str(path)
        ) from None


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'X'?)`` for the closest of ``choices`` (case-insensitive), or ``''``."""
    options = list(choices)
    folded = {choice.lower(): choice for choice in options}
    if name.lower() in folded:
        return f" (did you mean {folded[name.lower()]!r}?)"
    close = difflib.get_close_matches(name.lower(), list(folded), n=1, cutoff=0.75)
    return f" (did you mean {folded[close[0]]!r}?)" if close else ""


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
        return Document(self.name, value, marks, self.base_dir, (*self.prefix, *path), self.lines)

    def resolve(self, relative: str) -> Path:
        """A path written in this file, taken relative to the file's directory."""
        candidate = Path(relative)
        return candidate if candidate.is_absolute() else self.base_dir / candidate


def parse_document(text: str, *, name: str, base_dir: Path | None = None) -> Document:
    """Parse YAML or JSON ``text``; syntax errors become :class:`InputError` with a position."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        problem = exc.problem or str(exc)
        lines = text.splitlines()
        source = lines[line - 1] if 0 < line <= len(lines) else None
        raise InputError(
            f"not valid YAML/JSON: {problem}",
            name=name,
            line=line,
            column=column,
            source_line=source,
        ) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML/JSON: {exc}", name=name) from exc
    marks: dict[KeyPath, tuple[int, int]] = {}
    keys: dict[KeyPath, tuple[int, int]] = {}
    if node is not None:
        _marks(node, (), marks, keys)
    return Document(
        name=name,
        data=data,
        marks=marks,
        base_dir=base_dir or Path("."),
        lines=tuple(text.splitlines()),
        key_marks=keys,
    )


def load_document(path: str | Path) -> Document:
    """Read and parse a YAML or JSON file; unreadable files are :class:`InputError`."""
    file_path = Path(path)
    text = read_text_file(file_path, "file")
    return parse_document(text, name=str(path), base_dir=file_path.parent)
