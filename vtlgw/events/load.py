"""Read an event file and check it has the Lambda proxy event shape, with precise errors.

Every problem becomes an :class:`~vtlgw.errors.InputError` naming the file, the 1-based line
and column, the offending line, and what was expected there: broken JSON (``Expecting ','
delimiter``), a top level that is not an object, or a field of the wrong type
(``headers.Host: expected a string, found a number``).

An event built in code (``vtlgw.render(text, {...})``) goes through the same one validator,
:func:`event_problem`, so it is held to exactly what an event file could hold: JSON data
(string keys; objects, arrays, strings, numbers, booleans and null; at most
:data:`~vtlgw.document.MAX_DEPTH` levels deep, no value that contains itself: see
:func:`~vtlgw.jsondata.json_data_problem`) of the proxy event shape.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from typing import Any

from vtlgw.document import KeyPath, format_path, read_text_file
from vtlgw.errors import InputError
from vtlgw.jsondata import json_data_problem, parse_json
from vtlgw.jsondata import json_kind as _kind

#: The largest event file read: a 10 MB API Gateway payload, base64-encoded and JSON-escaped.
MAX_EVENT_BYTES = 64 * 1024 * 1024

#: A problem with an event: the key path of the offending value and what is wrong with it.
Problem = tuple[KeyPath, str]

_STRING_MAPS = ("headers", "queryStringParameters", "pathParameters", "stageVariables")
_LIST_MAPS = ("multiValueHeaders", "multiValueQueryStringParameters")
_STRING_VALUES = (str, int, float)
#: requestContext fields that must be objects (or null) when present.
_CONTEXT_OBJECTS = ("identity", "authorizer")
#: requestContext fields that route a WebSocket event: strings (or null) when present.
_CONTEXT_STRINGS = ("eventType", "routeKey", "connectionId")


def _map_problems(event: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for field in _STRING_MAPS:
        value = event.get(field)
        if value is None:
            continue
        if not isinstance(value, Mapping):
            problems.append(((field,), f"expected an object or null, found {_kind(value)}"))
            continue
        for key, item in value.items():
            if item is not None and not isinstance(item, _STRING_VALUES):
                problems.append(((field, key), f"expected a string, found {_kind(item)}"))
    for field in _LIST_MAPS:
        value = event.get(field)
        if value is None:
            continue
        if not isinstance(value, Mapping):
            problems.append(((field,), f"expected an object or null, found {_kind(value)}"))
            continue
        for key, items in value.items():
            if items is None:
                continue
            if not isinstance(items, list):
                message = f"expected an array of strings, found {_kind(items)}"
                problems.append(((field, key), message))
                continue
            for index, item in enumerate(items):
                if not isinstance(item, _STRING_VALUES):
                    message = f"expected a string, found {_kind(item)}"
                    problems.append(((field, key, index), message))
    return problems


def _context_problems(context: Any) -> list[Problem]:
    if context is None:
        return []
    if not isinstance(context, Mapping):
        return [(("requestContext",), f"expected an object, found {_kind(context)}")]
    problems: list[Problem] = []
    for field in _CONTEXT_OBJECTS:
        value = context.get(field)
        if value is not None and not isinstance(value, Mapping):
            message = f"expected an object or null, found {_kind(value)}"
            problems.append((("requestContext", field), message))
    for field in _CONTEXT_STRINGS:
        value = context.get(field)
        if value is not None and not isinstance(value, str):
            message = f"expected a string, found {_kind(value)}"
            problems.append((("requestContext", field), message))
    return problems


def event_problem(event: Any) -> Problem | None:
    """The first way ``event`` differs from a Lambda proxy event, or ``None`` when it does not.

    The one validator behind :func:`check_event` and :func:`parse_event` (and so behind event
    files, JSON text and events built in code): the key path of the offending value (``()``
    for the event itself) and what was found and expected there.
    """
    problem = json_data_problem(event)
    if problem is not None:
        return problem
    if not isinstance(event, Mapping):
        return (), f"expected a JSON object (a Lambda proxy event), found {_kind(event)}"
    context = event.get("requestContext")
    if event.get("version") == "2.0" and isinstance(context, Mapping) and "http" in context:
        return (
            ("version",),
            "an HTTP API (payload 2.0) event: HTTP APIs have no mapping templates; "
            "expected a REST (v1) or WebSocket proxy event",
        )
    problems = _map_problems(event) + _context_problems(context)
    body = event.get("body")
    if body is not None and not isinstance(body, str):
        message = f"expected a string (the raw body text) or null, found {_kind(body)}"
        problems.append((("body",), message))
    flag = event.get("isBase64Encoded")
    if flag is not None and not isinstance(flag, bool):
        problems.append((("isBase64Encoded",), f"expected true or false, found {_kind(flag)}"))
    return problems[0] if problems else None


def _message(path: KeyPath, message: str) -> str:
    return f"{format_path(path)}: {message}" if path else message


def _locate(text: str, keys: KeyPath) -> tuple[int, int]:
    """Approximate 1-based line/column of the value at ``keys`` in ``text`` (0, 0 if unknown).

    Each key is looked for after the previous one; an array index stops the search at the
    key of the array.
    """
    offset = 0
    found = -1
    for key in keys:
        if isinstance(key, int):
            break
        match = re.compile(re.escape(json.dumps(key)) + r"\s*:").search(text, offset)
        if match is None:
            break
        found = match.start()
        offset = match.end()
    if not keys:
        found = len(text) - len(text.lstrip())
    if found < 0:
        return 0, 0
    line = text.count("\n", 0, found) + 1
    column = found - (text.rfind("\n", 0, found) + 1) + 1
    return line, column


def check_event(event: object, *, name: str = "<event>") -> dict[str, Any]:
    """Check that an already-parsed ``event`` has the Lambda proxy event shape.

    The same checks as for an event file, for events built in code: the first problem raises
    :class:`~vtlgw.errors.InputError` naming ``name`` and the key path
    (``requestContext: expected an object, found a string``). A mapping that is not a dict is
    returned as a dict.
    """
    problem = event_problem(event)
    if problem is not None:
        raise InputError(_message(*problem), name=name)
    assert isinstance(event, Mapping)  # event_problem refuses anything else
    return event if isinstance(event, dict) else dict(event)


def parse_event(text: str, *, name: str = "<event>") -> dict[str, Any]:
    """Parse event JSON text and check its shape; raises InputError naming ``name``."""
    event = parse_json(text, name=name, what="event")
    problem = event_problem(event)
    if problem is not None:
        path, message = problem
        line, column = _locate(text, path)
        lines = text.splitlines()
        source = lines[line - 1] if 0 < line <= len(lines) else None
        raise InputError(
            _message(path, message), name=name, line=line, column=column, source_line=source
        )
    assert isinstance(event, dict)  # json.loads gives dicts for objects
    return event


def load_event(path_or_text: str | os.PathLike[str], *, name: str | None = None) -> dict[str, Any]:
    """Load an event from a file path, or from JSON text when the string starts with ``{``/``[``.

    Raises :class:`~vtlgw.errors.InputError` (with name, line and column) when the file cannot
    be read, is larger than :data:`MAX_EVENT_BYTES`, is not UTF-8 (a BOM is allowed), is not
    JSON, or does not have the proxy event shape.
    """
    if isinstance(path_or_text, str) and path_or_text.lstrip()[:1] in ("{", "["):
        return parse_event(path_or_text, name=name or "<event>")
    path = os.fspath(path_or_text)
    label = name or path
    try:
        text = read_text_file(path, "event file", limit=MAX_EVENT_BYTES)
    except InputError as exc:
        raise InputError(exc.message, name=label) from None
    return parse_event(text, name=label)
