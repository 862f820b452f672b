"""JSON input read strictly: positioned syntax errors, bounded nesting, and JSON data only.

Schema files and event files are JSON; schemas may also be YAML, and events may be built in
code. Whatever the source, what reaches the checks must be what a JSON file could hold:
objects with string keys, arrays, strings, numbers, booleans and null, nested at most
:data:`~vtlgw.document.MAX_DEPTH` levels deep (deeper data would exhaust Python's recursion
limit in the code that walks it) and never containing itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from vtlgw.document import MAX_DEPTH, KeyPath, format_path
from vtlgw.errors import InputError
from vtlgw.kinds import scalar_kind

_JSON_SCALARS = (str, int, float, bool, type(None))
_JSON_DATA = "JSON data (an object, array, string, number, boolean or null)"


def json_kind(value: Any) -> str:
    """What ``value`` is, in JSON words (``a string``, ``an object``; ``a Python set``)."""
    scalar = scalar_kind(value)
    if scalar is not None:
        return scalar
    if isinstance(value, list):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return f"a Python {type(value).__name__}"


def _source_line(text: str, line: int) -> str | None:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else None


def parse_json(text: str, *, name: str, what: str) -> Any:
    """Parse JSON ``text`` of a ``what`` (``"schema"``, ``"event"``) from file ``name``.

    Broken JSON raises :class:`InputError` at the line and column where it breaks
    (``schema is not valid JSON: Expecting ',' delimiter``); nesting deeper than
    :data:`~vtlgw.document.MAX_DEPTH` is refused as well.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{what} is not valid JSON: {exc.msg}",
            name=name,
            line=exc.lineno,
            column=exc.colno,
            source_line=_source_line(text, exc.lineno),
        ) from None
    except RecursionError:
        raise InputError(f"{what} is nested more than {MAX_DEPTH} levels deep", name=name) from None
    deep = deeper_than(data, MAX_DEPTH)
    if deep is not None:
        message = f"{what} is nested more than {MAX_DEPTH} levels deep (at {format_path(deep)})"
        raise InputError(message, name=name)
    return data


def deeper_than(data: Any, limit: int) -> KeyPath | None:
    """The key path of the first list or dict nested more than ``limit`` deep, or ``None``.

    ``data`` is a tree of lists and dicts (as JSON parsing gives); the walk is iterative.
    """
    stack: list[tuple[Any, KeyPath]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            children: Iterable[tuple[str | int, Any]] = ((str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            continue
        if len(path) >= limit:
            return path
        stack.extend((item, (*path, key)) for key, item in children)
    return None


def json_data_problem(data: Any) -> tuple[KeyPath, str] | None:
    """The first value in ``data`` that a JSON file could not hold, with what is wrong with it.

    A key that is not a string, a value that is not JSON data (a tuple, bytes, a date), nesting
    deeper than :data:`~vtlgw.document.MAX_DEPTH` or a container that contains itself. The walk
    is iterative; a container met twice (a dict shared by two keys, a YAML alias) is checked
    once, its height remembered so the depth bound holds wherever it appears.
    """
    heights: dict[int, int] = {}
    open_ids: set[int] = set()
    stack: list[tuple[Any, KeyPath, bool]] = [(data, (), False)]
    while stack:
        value, path, leaving = stack.pop()
        if leaving:
            children = value.values() if isinstance(value, Mapping) else value
            heights[id(value)] = 1 + max((heights.get(id(c), 0) for c in children), default=0)
            open_ids.discard(id(value))
            continue
        if isinstance(value, _JSON_SCALARS):
            continue
        if not isinstance(value, (Mapping, list)):
            return path, f"expected {_JSON_DATA}, found {json_kind(value)}"
        if id(value) in open_ids:
            return path, "contains itself; expected JSON data"
        if id(value) in heights:
            if len(path) + heights[id(value)] > MAX_DEPTH:
                return path, f"nested more than {MAX_DEPTH} levels deep"
            continue
        if len(path) >= MAX_DEPTH:
            return path, f"nested more than {MAX_DEPTH} levels deep"
        open_ids.add(id(value))
        stack.append((value, path, True))
        if isinstance(value, list):
            stack.extend((item, (*path, index), False) for index, item in enumerate(value))
            continue
        for key, item in value.items():
            if not isinstance(key, str):
                return path, f"expected string keys, found {json_kind(key)} key {key!r}"
            stack.append((item, (*path, key), False))
    return None
