"""How simulation reports and error messages show a value: never as a Python repr.

:func:`quote` puts text in single quotes as written (a regex ``/2\\d\\d/`` is not doubled the way
``repr`` doubles it) and escapes only control characters, so a value stays on one line.
:func:`shown` does the same for any parsed YAML/JSON value: ``null``, ``true``, numbers as such,
``a list``/``a mapping`` for containers; :func:`kind` names what a value is and
:func:`key_text` writes a mapping key as the file did (``true``, not Python's ``True``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, time
from types import MappingProxyType

from vtlgw.kinds import scalar_kind

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_NAMED_ESCAPES = MappingProxyType({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED_ESCAPES.get(char) or f"\\u{ord(char):04x}"


def quote(text: str) -> str:
    """``text`` in single quotes, control characters escaped (``\\n``, ``\\t``, ``\\u0000``)."""
    return "'" + _CONTROL.sub(_escape, text) + "'"


def kind(value: object) -> str:
    """What a parsed YAML/JSON value is, in words: ``a string``, ``a list``, ``a date``, ..."""
    scalar = scalar_kind(value)
    if scalar is not None:
        return scalar
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, (date, time)):
        return "a date"
    if isinstance(value, bytes):
        return "binary data"
    return "a YAML value of another type"


def key_text(key: object) -> str:
    """A parsed mapping key as the file wrote it: ``200``, ``true``, ``null``, text."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def shown(value: object) -> str:
    """A parsed value for a message: quoted text, ``null``, ``true``, ``42``, ``a list``."""
    if isinstance(value, str):
        return quote(value)
    if value is None or isinstance(value, (bool, int, float)):
        return key_text(value)
    return kind(value)
