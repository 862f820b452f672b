"""Read an event file and check it has the Lambda proxy event shape, with precise errors.

Every problem becomes an :class:`~vtlgw.errors.InputError` naming the file, the 1-based line
and column, the offending line, and what was expected there: broken JSON (``Expecting ','
delimiter``), a top level that is not an object, or a field of the wrong type
(``headers.Host: expected a string, found a number``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Any

from vtlgw.errors import InputError

_STRING_MAPS = ("headers", "queryStringParameters", "pathParameters", "stageVariables")
_LIST_MAPS = ("multiValueHeaders", "multiValueQueryStringParameters")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _locate(text: str, keys: tuple[str, ...]) -> tuple[int, int]:
    """Approximate 1-based line/column of the last key of ``keys`` in ``text`` (0, 0 if unknown)."""
    offset = 0
    found = -1
    for key in keys:
        match = re.compile(re.escape(json.dumps(key)) + r"\s*:").search(text, offset)
        if match is None:
            break
        found = match.start()
        offset = match.end()
    if found < 0:
        return 0, 0
    line = text.count("\n", 0, found) + 1
    column = found - (text.rfind("\n", 0, found) + 1) + 1
    return line, column


def _source_line(text: str, line: int) -> str | None:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else None


def _problems(event: Mapping[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    problems: list[tuple[tuple[str, ...], str]] = []
    context = event.get("requestContext")
    if event.get("version") == "2.0" and isinstance(context, dict) and "http" in context:
        problems.append(
            (
                ("version",),
                "an HTTP API (payload 2.0) event: HTTP APIs have no mapping templates; "
                "expected a REST (v1) or WebSocket proxy event",
            )
        )
    for fields, allowed, expected in (
        (_STRING_MAPS, (str, int, float), "a string"),
        (_LIST_MAPS, (list,), "an array of strings"),
    ):
        for field in fields:
            value = event.get(field)
            if value is None:
                continue
            if not isinstance(value, dict):
                problems.append(((field,), f"expected an object or null, found {_kind(value)}"))
                continue
            for key, item in value.items():
                if item is not None and not isinstance(item, allowed):
                    problems.append(((field, key), f"expected {expected}, found {_kind(item)}"))
    if context is not None and not isinstance(context, dict):
        problems.append((("requestContext",), f"expected an object, found {_kind(context)}"))
    elif isinstance(context, dict):
        identity = context.get("identity")
        if identity is not None and not isinstance(identity, dict):
            problems.append(
                (("requestContext", "identity"), f"expected an object, found {_kind(identity)}")
            )
    body = event.get("body")
    if body is not None and not isinstance(body, str):
        problems.append(
            (("body",), f"expected a string (the raw body text) or null, found {_kind(body)}")
        )
    flag = event.get("isBase64Encoded")
    if flag is not None and not isinstance(flag, bool):
        problems.append((("isBase64Encoded",), f"expected true or false, found {_kind(flag)}"))
    return problems


def check_event(event: object, *, name: str = "<event>") -> dict[str, Any]:
    """Check that an already-parsed ``event`` has the Lambda proxy event shape.

    The same checks as for an event file, for events built in code: the first problem raises
    :class:`~vtlgw.errors.InputError` naming ``name`` and the key path
    (``requestContext: expected an object, found a string``).
    """
    if not isinstance(event, dict):
        if isinstance(event, Mapping):
            event = dict(event)
        else:
            raise InputError(
                f"expected a JSON object (a Lambda proxy event), found {_kind(event)}", name=name
            )
    problems = _problems(event)
    if problems:
        keys, message = problems[0]
        raise InputError(f"{'.'.join(map(str, keys))}: {message}", name=name)
    return event


def parse_event(text: str, *, name: str = "<event>") -> dict[str, Any]:
    """Parse event JSON text and check its shape; raises InputError naming ``name``."""
    try:
        event = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"event is not valid JSON: {exc.msg}",
            name=name,
            line=exc.lineno,
            column=exc.colno,
            source_line=_source_line(text, exc.lineno),
        ) from None
    if not isinstance(event, dict):
        raise InputError(
            f"expected a JSON object (a Lambda proxy event), found {_kind(event)}",
            name=name,
            line=1,
            column=1,
            source_line=_source_line(text, 1),
        )
    problems = _problems(event)
    if problems:
        keys, message = problems[0]
        line, column = _locate(text, keys)
        raise InputError(
            f"{'.'.join(keys)}: {message}",
            name=name,
            line=line,
            column=column,
            source_line=_source_line(text, line),
        )
    return event


def load_event(path_or_text: str | os.PathLike[str], *, name: str | None = None) -> dict[str, Any]:
    """Load an event from a file path, or from JSON text when the string starts with ``{``/``[``.

    Raises :class:`~vtlgw.errors.InputError` (with name, line and column) when the file cannot
    be read, is not UTF-8, is not JSON, or does not have the proxy event shape.
    """
    if isinstance(path_or_text, str) and path_or_text.lstrip()[:1] in ("{", "["):
        return parse_event(path_or_text, name=name or "<event>")
    path = os.fspath(path_or_text)
    label = name or path
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"cannot read event file: {exc.strerror or exc}", name=label) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"event file is not UTF-8 text (bad byte at offset {exc.start})", name=label
        ) from None
    return parse_event(text, name=label)
