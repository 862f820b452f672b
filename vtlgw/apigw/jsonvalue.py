"""JSON text to and from the template value model, the way API Gateway's JSON library does it.

Parsing gives the objects ``$input.path`` and ``$util.parseJson`` hand to templates: JSON objects
become ordered ``dict`` (LinkedHashMap), arrays become :class:`~vtlgw.engine.values.JsonList`
(json-smart ``JSONArray``, which prints as compact JSON), integers ``int``, decimals ``float``
(Java Double, so ``10.00`` becomes ``10.0``: ref §2.1, I), and ``null`` ``None``. Serialising
gives the compact JSON text ``$input.json`` returns: no spaces, numbers in Java's ``toString``
form, strings with JSON escapes only (ref §2 table, I for the exact escapes).
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from types import MappingProxyType
from typing import Any

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
    """Java ``Double.toString``: ``10.0``, ``0.001``, ``1.0E7``, ``1.5E-4``, ``NaN``..."""
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "-0.0" if math.copysign(1.0, number) < 0 else "0.0"
    sign = "-" if number < 0 else ""
    magnitude = abs(number)
    if 1e-3 <= magnitude < 1e7:
        text = repr(magnitude)
        return sign + (text if "." in text else text + ".0")
    digits_tuple = Decimal(repr(magnitude)).normalize().as_tuple()
    digits = "".join(str(d) for d in digits_tuple.digits)
    exponent = int(digits_tuple.exponent) + len(digits) - 1
    mantissa = digits[0] + "." + (digits[1:] or "0")
    return f"{sign}{mantissa}E{exponent}"


def _escape(text: str) -> str:
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif code < 0x20:
            out.append(_CONTROL_ESCAPES.get(ch) or f"\\u{code:04X}")
        else:
            out.append(ch)
    return "".join(out)


_CONTROL_ESCAPES = MappingProxyType(
    {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
)


def to_json(value: Any) -> str:
    """Compact JSON text of a value-model value (what ``$input.json`` returns)."""
    parts: list[str] = []
    _write(value, parts)
    return "".join(parts)


def _write(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append('"' + _escape(value) + '"')
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        out.append(java_double(value))
    elif isinstance(value, dict):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(",")
            out.append('"' + _escape(str(key)) + '":')
            _write(item, out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _write(item, out)
        out.append("]")
    else:
        out.append('"' + _escape(str(value)) + '"')
