"""JSON text to and from the template value model, the way API Gateway's JSON library does it.

Parsing gives the objects ``$input.path`` and ``$util.parseJson`` hand to templates: JSON objects
become ordered ``dict`` (LinkedHashMap), arrays become :class:`~vtlgw.engine.values.JsonList`
(json-smart ``JSONArray``, which prints as compact JSON), integers ``int``, decimals ``float``
(Java Double, so ``10.00`` becomes ``10.0``: ref §2.1, I), and ``null`` ``None``. Serialising
gives the compact JSON text ``$input.json`` returns: no spaces, numbers in Java's ``toString``
form, strings escaped as json-smart does (ref §2 table, I for the exact escapes).
"""

from __future__ import annotations

import json
from typing import Any

from vtlgw.engine.javatypes import json_text
from vtlgw.engine.jdouble import double_to_string
from vtlgw.engine.values import JsonList


class JsonSyntaxError(ValueError):
    """The text is not JSON; carries the 1-based line and column where it breaks."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"{message} (line {line}, column {column})")
        self.reason = message
        self.line = line
        self.column = column


def parse_json(text: str) -> Any:
    """Parse JSON text into the value model (dict / JsonList / str / int / float / bool / None).

    Raises :class:`JsonSyntaxError` when the text is not one JSON value.
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonSyntaxError(exc.msg, exc.lineno, exc.colno) from exc
    return to_model(value)


def to_model(value: Any) -> Any:
    """Convert plain decoded JSON (lists, dicts, scalars) into the value model, recursively."""
    if isinstance(value, dict):
        return {key: to_model(item) for key, item in value.items()}
    if isinstance(value, list):
        return JsonList(to_model(item) for item in value)
    return value


def java_double(number: float) -> str:
    """Java ``Double.toString`` (the engine's exact JDK digit generation)."""
    return double_to_string(number)


def to_json(value: Any) -> str:
    """Compact JSON text of a value-model value, as json-smart writes it (``$input.json``).

    Old Jayway JsonPath serialises through json-smart's default style, the same writer that
    ``JSONArray.toString`` uses, so ``/`` comes out as ``\\/`` there too (I).
    """
    return json_text(value)
