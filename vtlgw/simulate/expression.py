"""API Gateway selection expressions (WebSocket): ``${request.body.action}`` and friends.

Grammar (ref §6.1 (D)): ``$name.path`` or ``${name.path}`` variables mixed with literal text,
evaluated in one pass; ``\\$`` is a literal dollar (``\\$default`` -> ``$default``); a path
that does not resolve becomes ``""``; non-scalar results are stringified the way Java prints
collections (``[a, b]``, ``{k=v}``). Supported variables: ``request.body.<path>``,
``integration.response.statuscode`` (also ``response.statuscode``, the CLI sample's spelling),
``integration.response.header.<name>`` and ``integration.response.multivalueheader.<name>``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from vtlgw.apigw.util import java_string

_BRACED = re.compile(r"\$\{([^}]*)\}")
_BARE = re.compile(r"\$([A-Za-z][\w]*(?:\.[\w-]+|\[\d+\]|\['[^']*'\])*)")
_STEP = re.compile(r"\.([\w-]+)|\[(\d+)\]|\['([^']*)'\]")


@dataclass(frozen=True)
class ExpressionInputs:
    """What a selection expression can see."""

    body: str | None = None
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    multivalue_headers: Mapping[str, Sequence[str]] = field(default_factory=dict)


def _walk(document: Any, path: str) -> Any:
    current = document
    position = 0
    while position < len(path):
        step = _STEP.match(path, position)
        if step is None:
            return None
        name, index, quoted = step.groups()
        position = step.end()
        if index is not None:
            if not isinstance(current, list) or int(index) >= len(current):
                return None
            current = current[int(index)]
        else:
            key = name if name is not None else quoted
            if not isinstance(current, dict) or key not in current:
                return None
            current = current[key]
    return current


def _lookup(name: str, header_map: Mapping[str, Any]) -> Any:
    lowered = name.lower()
    for key, value in header_map.items():
        if key.lower() == lowered:
            return value
    return None


def _resolve(variable: str, inputs: ExpressionInputs) -> str:
    variable = variable.strip()
    if variable in ("integration.response.statuscode", "response.statuscode"):
        return "" if inputs.status is None else str(inputs.status)
    if variable == "request.body" or variable.startswith("request.body"):
        if inputs.body is None:
            return ""
        try:
            document = json.loads(inputs.body)
        except ValueError:
            return ""
        rest = variable[len("request.body") :]
        return java_string(_walk(document, rest))
    for prefix, source in (
        ("integration.response.header.", inputs.headers),
        ("integration.response.multivalueheader.", inputs.multivalue_headers),
    ):
        if variable.startswith(prefix):
            return java_string(_lookup(variable[len(prefix) :], source))
    return ""


def evaluate(expression: str, inputs: ExpressionInputs) -> str:
    """Evaluate a selection expression to the key it selects."""
    out: list[str] = []
    index = 0
    while index < len(expression):
        if expression.startswith("\\$", index):
            out.append("$")
            index += 2
            continue
        if expression[index] == "$":
            braced = _BRACED.match(expression, index)
            bare = None if braced else _BARE.match(expression, index)
            match = braced or bare
            if match is not None:
                out.append(_resolve(match.group(1), inputs))
                index = match.end()
                continue
        out.append(expression[index])
        index += 1
    return "".join(out)
